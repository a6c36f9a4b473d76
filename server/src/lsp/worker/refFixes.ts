// Quick fixes for findings that live in a referenced file of a multi-file spec
// (schemas/pet.yaml under openapi.yaml). The root's check read that file through a
// `$ref`: both models keep their copy of it (tree, text, lines), and a fix is
// computed from those two copies, its edits being offsets in the revision copy.
// They are sent only when the editor's buffer of the file is exactly that text:
// a fix computed from another text would land in the wrong place.
import { computeFixes, fixSideOf, fixSideOfRefFile, majorVersionBump } from '../../engine/fix/index';
import { toLsp } from './lspEdits';
import type { FixesReply, FixesRequest, FixOut } from './messages';
import type { WorkerDocuments, WorkerGood } from './workerDocs';

export function refFileFixes(docs: WorkerDocuments, good: WorkerGood, rootCurrent: boolean, req: FixesRequest, file: NonNullable<FixesRequest['file']>): FixesReply {
  if (file.sync && !docs.apply(file.uri, file.sync)) return { kind: 'stale' };
  const buffer = docs.get(file.uri);
  const revision = fixSideOfRefFile(good.revision, file.path);
  if (!buffer || buffer.version !== file.version || !revision || revision.text !== buffer.text) return { kind: 'stale' };
  // The base's copy of the same file (absent when the file is new in the revision).
  const base = fixSideOfRefFile(good.base, file.path);
  const byFingerprint: Record<string, FixOut[]> = {};
  let wantsBump = false;
  for (const fingerprint of req.fingerprints) {
    const finding = good.findings.find((f) => f.fingerprint === fingerprint);
    if (!finding || finding.revision?.file !== file.path) continue;
    if (finding.level === 'error') wantsBump = true;
    // Sides in different files (a $ref retargeted to another file): no fix rather than a wrong one.
    if (finding.base && (finding.base.file !== file.path || !base)) continue;
    // Without a base node (a new required property) only the revision is used; the root's base stands in.
    const baseSide = base ?? fixSideOf(good.base.doc);
    byFingerprint[fingerprint] = computeFixes(finding, baseSide, revision, { sunset: req.sunset }).map((fix) => ({ title: fix.title, isPreferred: fix.isPreferred, edits: toLsp(fix.edits, revision.lines) }));
  }
  // info.version is in the root: its edit is valid only while the root's tree is that of the check.
  const bump = wantsBump && rootCurrent ? majorVersionBump(fixSideOf(good.revision.doc), fixSideOf(good.base.doc)) : undefined;
  return { kind: 'fixes', byFingerprint, bump: bump ? { to: bump.to, edit: toLsp([bump.edit], good.revision.doc.parsed.lines)[0] } : undefined };
}
