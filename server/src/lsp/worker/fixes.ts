// Quick-fix edits, computed in the worker because they need the parsed trees of
// both sides (only the worker has them). The main thread asks with the findings'
// fingerprints and the file they are shown in, and builds the CodeActions from the
// edits sent back. One path for the root spec and its referenced files: a fix is
// computed from the two copies of the file the check read (the root's own trees, or
// the copies both models keep of a referenced file such as schemas/pet.yaml), its
// edits being offsets in the revision copy.
import { computeFixes, fixSideOf, fixSideOfRefFile, majorVersionBump, type FixSide } from '../../engine/fix/index';
import { toLsp } from './lspEdits';
import type { FixesReply, FixesRequest, FixOut } from './messages';
import type { WorkerDocuments, WorkerGood } from './workerDocs';

export function fixesFor(docs: WorkerDocuments, req: FixesRequest): FixesReply {
  const doc = docs.get(req.uri);
  const good = doc?.lastGood;
  if (!doc || !good || good.version !== req.version) return { kind: 'stale' };
  // The root's tree is updated in place by the next parse: only the checked version's tree is valid.
  const rootCurrent = doc.parsedVersion === req.version;
  const sides = sidesOf(docs, good, rootCurrent, req);
  if (!sides) return { kind: 'stale' };
  const { revision, base, inRoot } = sides;
  const byFingerprint: Record<string, FixOut[]> = {};
  let wantsBump = false;
  for (const fingerprint of req.fingerprints) {
    const finding = good.findings.find((f) => f.fingerprint === fingerprint);
    if (!finding || finding.revision?.file !== req.file.path) continue;
    if (finding.level !== 'info') wantsBump = true;
    // Sides in different files (a $ref retargeted to another file): no fix rather than a wrong one.
    if (!inRoot && finding.base && (finding.base.file !== req.file.path || !base)) continue;
    // Without a base copy of the file (a new required property in a new file) only the revision is used; the root's base stands in.
    const baseSide = base ?? fixSideOf(good.base.doc);
    byFingerprint[fingerprint] = computeFixes(finding, baseSide, revision, { sunset: req.sunset }).map((fix) => ({
      title: fix.title,
      isPreferred: fix.isPreferred,
      edits: toLsp(fix.edits, revision.lines),
    }));
  }
  // "Bump info.version" edits the root: valid only while the root's tree is that of the check.
  const bump = wantsBump && rootCurrent ? majorVersionBump(fixSideOf(good.revision.doc), fixSideOf(good.base.doc)) : undefined;
  return { kind: 'fixes', byFingerprint, bump: bump ? { to: bump.to, edit: toLsp([bump.edit], good.revision.doc.parsed.lines)[0] } : undefined };
}

/**
 * The two copies of the file the fixes edit. For a referenced file, only when the
 * editor's buffer of it is exactly the text the check read: a fix computed from
 * another text would land in the wrong place.
 */
function sidesOf(
  docs: WorkerDocuments,
  good: WorkerGood,
  rootCurrent: boolean,
  req: FixesRequest,
): { revision: FixSide; base: FixSide | undefined; inRoot: boolean } | undefined {
  const file = req.file;
  if (file.uri === req.uri) return rootCurrent ? { revision: fixSideOf(good.revision.doc), base: fixSideOf(good.base.doc), inRoot: true } : undefined;
  if (file.sync && !docs.apply(file.uri, file.sync)) return undefined;
  const buffer = docs.get(file.uri);
  const revision = fixSideOfRefFile(good.revision, file.path);
  if (!buffer || buffer.version !== file.version || !revision || revision.text !== buffer.text) return undefined;
  // The base's copy of the same file (absent when the file is new in the revision).
  return { revision, base: fixSideOfRefFile(good.base, file.path), inRoot: false };
}

export { toLsp };
