// Quick-fix edits, computed in the worker because they need the parsed trees of
// both sides (only the worker has them). The main thread asks with the findings'
// fingerprints and builds the CodeActions from the edits sent back.
import { computeFixes, fixSideOf, majorVersionBump, type FixSide } from '../../engine/fix/index';
import { toLsp } from './lspEdits';
import type { FixesReply, FixesRequest, FixOut } from './messages';
import { refFileFixes } from './refFixes';
import type { WorkerDocuments } from './workerDocs';

export function fixesFor(docs: WorkerDocuments, req: FixesRequest): FixesReply {
  const doc = docs.get(req.uri);
  const good = doc?.lastGood;
  if (!doc || !good || good.version !== req.version) return { kind: 'stale' };
  // The root's tree is updated in place by the next parse: only the checked version's tree is valid.
  const rootCurrent = doc.parsedVersion === req.version;
  // Findings in a referenced file: edits to that file, from its own copies (the root tree only matters for the bump).
  if (req.file) return refFileFixes(docs, good, rootCurrent, req, req.file);
  if (!rootCurrent) return { kind: 'stale' };
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
    if (finding.level === 'error') wantsBump = true;
    byFingerprint[fingerprint] = computeFixes(finding, baseSide(), revisionSide(), { sunset: req.sunset }).map((fix) => ({ title: fix.title, isPreferred: fix.isPreferred, edits: toLsp(fix.edits, lines) }));
  }
  // "Bump info.version to the next major" is offered for breaking findings (errors) only.
  const bump = wantsBump ? majorVersionBump(revisionSide(), baseSide()) : undefined;
  return { kind: 'fixes', byFingerprint, bump: bump ? { to: bump.to, edit: toLsp([bump.edit], lines)[0] } : undefined };
}

export { toLsp };
