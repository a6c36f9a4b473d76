// The status of a referenced file (not a spec itself): which root specs it belongs
// to, how each of them stands, and the findings that live in this file.
import type { Finding } from '../engine/index';
import type { DocumentState } from './documentState';
import type { CheckState, StatusParams } from '../../../protocol/src/protocol';

export interface RootOfFile {
  uri: string;
  state: DocumentState | undefined;
}

export function partOfStatus(uri: string, file: string, roots: RootOfFile[]): StatusParams {
  const checked = roots.filter((r) => r.state?.lastStatus);
  const first = checked[0]?.state?.lastStatus;
  // Two roots sharing this file report the same change in it (each naming its own operations): counted once.
  const seen = new Set<string>();
  const here: Finding[] = [];
  for (const r of checked) {
    const status = r.state!.lastStatus!;
    if (status.state === 'new-file' || status.state === 'no-repository' || status.state === 'no-base') continue;
    for (const f of r.state!.lastGood?.findings ?? []) {
      if (f.revision?.file !== file) continue;
      const key = `${f.rule}|${f.revision.line}|${f.revision.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      here.push(f);
    }
  }
  const state: CheckState = first ? first.state : 'checking';
  return {
    uri,
    state,
    baseLabel: first?.baseLabel ?? '',
    counts: {
      breaking: here.filter((f) => f.level === 'error').length,
      possiblyBreaking: here.filter((f) => f.level === 'warning').length,
      info: here.filter((f) => f.level === 'info').length,
    },
    checkedAt:
      checked
        .map((r) => r.state!.lastStatus!.checkedAt)
        .sort()
        .pop() ?? new Date().toISOString(),
    durationMs: first?.durationMs ?? 0,
    message: first?.message,
    partOf: roots.map((r) => ({ uri: r.uri, state: r.state?.lastStatus?.state ?? 'checking', baseLabel: r.state?.lastStatus?.baseLabel ?? '' })),
  };
}

/** The status sent to open referenced files: which roots each belongs to, withdrawn when it belongs to none any more. */
export class PartOfStatuses {
  /** Files that were sent a status naming their roots (to withdraw it when they have none left). */
  private readonly shown = new Set<string>();

  constructor(private readonly send: (params: StatusParams) => void) {}

  update(uri: string, file: string, roots: RootOfFile[]): void {
    if (roots.length === 0) {
      // No longer part of a spec: withdraw the status (the client hides 'not-openapi').
      if (!this.shown.delete(uri)) return;
      this.send({
        uri,
        state: 'not-openapi',
        baseLabel: '',
        counts: { breaking: 0, possiblyBreaking: 0, info: 0 },
        checkedAt: new Date().toISOString(),
        durationMs: 0,
      });
      return;
    }
    this.shown.add(uri);
    this.send(partOfStatus(uri, file, roots));
  }

  /** The file was closed: nothing to withdraw later. */
  forget(uri: string): void {
    this.shown.delete(uri);
  }
}
