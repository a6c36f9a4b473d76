// The findings on screen, recorded when their diagnostics are published (as
// vscode-eslint records problems at validation time): per file URI, what each root
// spec shows there -- the finding, the check it came from, the editor version of
// the file that check read, and its range. Hover, quick fixes and the worker's fix
// request are answered from here by one path; a finding in the root spec itself is
// the case where the file is the root.
import type { Diagnostic, Range } from 'vscode-languageserver/node';
import type { Finding } from '../engine/index';
import type { DiagnosticData } from './diagnostics';
import type { GoodCheck } from './documentState';

export interface ShownFinding {
  /** The spec whose check found it. */
  root: string;
  good: GoodCheck;
  finding: Finding;
  /** The editor version of the file the check read; undefined when it read the disk (no buffer version to match). */
  version: number | undefined;
  range: Range;
  diagnostic: Diagnostic;
}

export class ShownFindings {
  /** File URI -> root URI -> what that root shows in the file. */
  private readonly byUri = new Map<string, Map<string, ShownFinding[]>>();

  /**
   * What `root` now shows in `uri`: the diagnostics published there, matched with the
   * findings of `good` (none when the check behind them is not a good one of that text).
   */
  record(root: string, uri: string, good: GoodCheck | undefined, diagnostics: Diagnostic[], version: number | undefined, file: string): void {
    let roots = this.byUri.get(uri);
    const shown: ShownFinding[] = [];
    if (good) {
      const byFingerprint = new Map(good.findings.map((f) => [f.fingerprint, f]));
      for (const diagnostic of diagnostics) {
        const finding = byFingerprint.get(fingerprintOf(diagnostic) ?? '');
        if (finding && finding.revision?.file === file) shown.push({ root, good, finding, version, range: diagnostic.range, diagnostic });
      }
    }
    if (shown.length === 0) {
      roots?.delete(root);
      if (roots?.size === 0) this.byUri.delete(uri);
      return;
    }
    if (!roots) this.byUri.set(uri, (roots = new Map()));
    roots.set(root, shown);
  }

  /** The findings on `line` of `uri` at editor version `version`; the file's own check first (a spec that is also referenced). */
  onLine(uri: string, version: number, line: number): ShownFinding[] {
    const hits = this.current(uri, version).filter((s) => s.range.start.line === line);
    const own = hits.filter((s) => s.root === uri);
    return own.length ? own : hits;
  }

  /** The finding behind a diagnostic the client sends back: by the fingerprint in `data`, or by code and position for clients that drop `data`. */
  of(uri: string, version: number, diagnostic: Diagnostic): ShownFinding | undefined {
    const wanted = fingerprintOf(diagnostic);
    const matches = (s: ShownFinding) =>
      wanted !== undefined
        ? s.finding.fingerprint === wanted
        : s.diagnostic.code === diagnostic.code &&
          s.range.start.line === diagnostic.range.start.line &&
          s.range.start.character === diagnostic.range.start.character;
    const candidates = this.current(uri, version).filter(matches);
    return candidates.find((s) => s.root === uri) ?? candidates[0];
  }

  /** Only findings of checks that read exactly this version of the file: after an edit their offsets mean nothing (fresh diagnostics are on their way). */
  private current(uri: string, version: number): ShownFinding[] {
    return [...(this.byUri.get(uri)?.values() ?? [])].flat().filter((s) => s.version === version);
  }
}

function fingerprintOf(d: Diagnostic): string | undefined {
  return (d.data as DiagnosticData | undefined)?.fingerprint;
}
