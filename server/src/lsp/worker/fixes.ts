// Quick-fix edits, computed in the worker because they need the parsed trees of
// both sides (only the worker has them). The main thread asks with the findings'
// fingerprints and builds the CodeActions from the edits sent back.
import type { TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { LineIndex } from '../../engine/index';
import { computeFixes, fixSideOf, majorVersionBump, type FixSide, type TextEdit } from '../../engine/fix/index';
import type { FixesReply, FixesRequest, FixOut } from './messages';
import type { WorkerDocument } from './workerDocs';

export function fixesFor(doc: WorkerDocument | undefined, req: FixesRequest): FixesReply {
  const good = doc?.lastGood;
  // Offsets belong to the checked version, and its tree is only valid until the next parse.
  if (!doc || !good || good.version !== req.version || doc.parsedVersion !== req.version) return { kind: 'stale' };
  let base: FixSide | undefined;
  let revision: FixSide | undefined;
  const baseSide = () => (base ??= fixSideOf(good.base.doc));
  const revisionSide = () => (revision ??= fixSideOf(good.revision.doc));
  const lines = good.revision.doc.parsed.lines;
  const byFingerprint: Record<string, FixOut[]> = {};
  let wantsBump = false;
  for (const fingerprint of req.fingerprints) {
    const finding = good.findings.find((f) => f.fingerprint === fingerprint);
    if (!finding) continue;
    if (finding.level !== 'info') wantsBump = true;
    byFingerprint[fingerprint] = computeFixes(finding, baseSide(), revisionSide(), { sunset: req.sunset }).map((fix) => ({ title: fix.title, isPreferred: fix.isPreferred, edits: toLsp(fix.edits, lines) }));
  }
  // "Accept" also bumps info.version to the next major (only offered for breaking findings).
  const bump = wantsBump ? majorVersionBump(revisionSide(), baseSide()) : undefined;
  return { kind: 'fixes', byFingerprint, bump: bump ? { to: bump.to, edit: toLsp([bump.edit], lines)[0] } : undefined };
}

export function toLsp(edits: readonly TextEdit[], lines: LineIndex): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: lines.position(e.start), end: lines.position(e.end) }, newText: e.newText }));
}
