// Quick fixes on diagnostics shown in a referenced file of a multi-file spec
// (schemas/pet.yaml): the root check that published the diagnostic is found
// (refFindings.ts), the worker computes the edits from that check's copies of the
// file, and they are offered only while the file's buffer is exactly the text the
// check read. "Accept" records the fingerprint in the root's .breakwater.yaml; the
// separate "Bump info.version" edits the root itself when its text is still the one checked.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { acceptAction, bumpAction, wantsQuickFixes, type ActionEnv, type BumpEdit } from './codeActions';
import { fsPathOf } from './baseUri';
import { SOURCE } from './diagnostics';
import { sunsetFor } from '../workspace/projectConfig';
import { refFindingOf, type RefFinding, type RefOwner } from './refFindings';
import type { DocumentSync } from './worker/docSync';
import type { FixesReply } from './worker/messages';

export interface RefActionEnv extends ActionEnv {
  sync: DocumentSync;
  /** The text a background root's check of `version` read from disk. */
  backgroundText: (uri: string, version: number) => string | undefined;
}

type Fixes = Extract<FixesReply, { kind: 'fixes' }>;

/** `handled`: diagnostics the document's own check answers (a file that is a spec and referenced too). */
export async function refCodeActions(params: CodeActionParams, doc: TextDocument, owners: RefOwner[], env: RefActionEnv, handled: (d: Diagnostic) => boolean): Promise<CodeAction[]> {
  const path = fsPathOf(doc.uri);
  if (!path || owners.length === 0 || !wantsQuickFixes(params)) return [];
  const byOwner = new Map<RefOwner, { diagnostic: Diagnostic; found: RefFinding }[]>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE || handled(diagnostic)) continue;
    const found = refFindingOf(diagnostic, owners, path);
    if (found) byOwner.set(found.owner, [...(byOwner.get(found.owner) ?? []), { diagnostic, found }]);
  }
  const actions: CodeAction[] = [];
  for (const [owner, wanted] of byOwner) {
    const version = doc.version;
    // The check read another version of this buffer: its offsets mean nothing here (fresh diagnostics are on their way).
    if (owner.good.refVersions.get(doc.uri) !== version) continue;
    // The worker proves the buffer is the text the check read: it gets the buffer's latest edits first.
    const sync = !env.sync.uris().includes(doc.uri) || env.sync.behind(doc) ? env.sync.take(doc) : undefined;
    const fixes = await env.worker.fixes({
      uri: owner.uri,
      version: owner.good.version,
      fingerprints: wanted.map((w) => w.found.finding.fingerprint),
      sunset: sunsetFor(owner.good.config),
      file: { path, uri: doc.uri, version, sync },
    });
    if (fixes.kind === 'failed') throw Object.assign(new Error(fixes.message), { stack: fixes.stack ?? fixes.message });
    if (fixes.kind === 'stale' || doc.version !== version) continue;
    const bump = bumpIn(owner, fixes, env);
    for (const { diagnostic, found } of wanted) {
      for (const fix of fixes.byFingerprint[found.finding.fingerprint] ?? []) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: editOf(doc, fix.edits, env) });
      }
      const accept = acceptAction(found.finding, diagnostic, owner.good, env);
      if (accept) actions.push(accept);
      const bumped = bumpAction(found.finding, diagnostic, bump, env);
      if (bumped) actions.push(bumped);
    }
  }
  return actions;
}

/** Edits to the referenced file, tied to the version they were computed for when the client checks versions. */
function editOf(doc: TextDocument, edits: TextEdit[], env: RefActionEnv): WorkspaceEdit {
  return env.versionedEdits ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] } : { changes: { [doc.uri]: edits } };
}

/**
 * The info.version edit in the root: an open root must still be the version
 * checked; a root checked in the background (not open) must still be on disk as
 * the check read it, and is then edited with no version (the editor opens it).
 * Otherwise no bump is offered (the next check brings it back).
 */
function bumpIn(owner: RefOwner, fixes: Fixes, env: RefActionEnv): BumpEdit | undefined {
  if (!fixes.bump) return undefined;
  const open = env.documents.get(owner.uri);
  if (open) return open.version === owner.good.version ? { ...fixes.bump, uri: owner.uri, version: open.version } : undefined;
  const checked = env.backgroundText(owner.uri, owner.good.version);
  const onDisk = env.readFile(owner.good.file);
  return checked !== undefined && checked === onDisk ? { ...fixes.bump, uri: owner.uri, version: null } : undefined;
}
