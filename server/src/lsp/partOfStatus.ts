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
    checkedAt: checked.map((r) => r.state!.lastStatus!.checkedAt).sort().pop() ?? new Date().toISOString(),
    durationMs: first?.durationMs ?? 0,
    message: first?.message,
    partOf: roots.map((r) => ({ uri: r.uri, state: r.state?.lastStatus?.state ?? 'checking', baseLabel: r.state?.lastStatus?.baseLabel ?? '' })),
  };
}
