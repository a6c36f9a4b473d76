// Quick fixes for Breakwater diagnostics, in a root spec and in a file it references
// (schemas/pet.yaml) alike. Each diagnostic carries its finding's fingerprint; the
// finding on screen is looked up in the index recorded at publish time
// (shownFindings.ts), only for the version of the file its check read (edits are
// offsets into exactly that text), and the check worker, which holds both parsed
// sides and the copies of referenced files, computes the edits. "Accept" records the
// fingerprint in the root's .breakwater.yaml; the separate "Bump info.version" edits
// the root itself when its text is still the one checked.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Finding } from '../engine/index';
import { acceptInConfig, applyEdits, type ConfigChange } from '../engine/fix/index';
import { fileUriOf, fsPathOf } from '../io/fileUris';
import { CREATE_CONFIG_COMMAND, type CreateConfigArgs } from './createConfigCommand';
import { SOURCE } from './diagnostics';
import type { GoodCheck } from './documentState';
import type { ShownFinding, ShownFindings } from './shownFindings';
import { configTextIsValid, sunsetFor } from '../workspace/projectConfig';
import type { DocumentSync } from './worker/docSync';
import { toLsp } from './worker/fixes';
import type { FixesReply } from './worker/messages';
import type { CheckWorker } from './worker/workerClient';

export interface ActionEnv {
  /** Whether the client applies documentChanges with file creation (needed to create .breakwater.yaml). */
  canCreateFiles: boolean;
  /** Whether the client applies documentChanges (versioned edits, refused when the buffer moved on). */
  versionedEdits: boolean;
  documents: TextDocuments<TextDocument>;
  /** Text of a file on disk, undefined when it does not exist. */
  readFile: (path: string) => string | undefined;
  worker: CheckWorker;
  sync: DocumentSync;
  /** The text a background root's check of `version` read from disk. */
  backgroundText: (uri: string, version: number) => string | undefined;
}

type Fixes = Extract<FixesReply, { kind: 'fixes' }>;

/** Whether the client asks for quick fixes at all. */
export function wantsQuickFixes(params: CodeActionParams): boolean {
  return (
    !params.context.only ||
    params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.') || k === CodeActionKind.Empty)
  );
}

export async function codeActions(params: CodeActionParams, doc: TextDocument, shown: ShownFindings, env: ActionEnv): Promise<CodeAction[]> {
  const path = fsPathOf(doc.uri);
  if (!path || !wantsQuickFixes(params)) return [];
  const version = doc.version;
  // One fix request per root spec whose findings are asked about.
  const byRoot = new Map<string, { diagnostic: Diagnostic; found: ShownFinding }[]>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const found = shown.of(doc.uri, version, diagnostic);
    if (found) byRoot.set(found.root, [...(byRoot.get(found.root) ?? []), { diagnostic, found }]);
  }
  const actions: CodeAction[] = [];
  for (const [root, wanted] of byRoot) {
    const good = wanted[0].found.good;
    const inRoot = root === doc.uri;
    // In a referenced file the worker proves the buffer is the text the check read: it gets the buffer's latest edits first.
    const sync = !inRoot && (!env.sync.uris().includes(doc.uri) || env.sync.behind(doc)) ? env.sync.take(doc) : undefined;
    const fixes = await env.worker.fixes({
      uri: root,
      version: good.version,
      fingerprints: wanted.map((w) => w.found.finding.fingerprint),
      sunset: sunsetFor(good.config),
      file: { path, uri: doc.uri, version, sync },
    });
    if (fixes.kind === 'failed') throw Object.assign(new Error(fixes.message), { stack: fixes.stack ?? fixes.message });
    // The document moved on while the worker answered: the next check brings fresh diagnostics.
    if (fixes.kind === 'stale' || doc.version !== version) continue;
    const bump = bumpIn(root, good, fixes, env);
    for (const { diagnostic, found } of wanted) {
      for (const fix of fixes.byFingerprint[found.finding.fingerprint] ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          edit: editOf(doc, fix.edits, inRoot, env),
        });
      }
      const accept = acceptAction(found.finding, diagnostic, good, env);
      if (accept) actions.push(accept);
      const bumped = bumpAction(found.finding, diagnostic, bump, env);
      if (bumped) actions.push(bumped);
    }
  }
  return actions;
}

/** Edits to a referenced file are tied to the version they were computed for when the client checks versions. */
function editOf(doc: TextDocument, edits: TextEdit[], inRoot: boolean, env: ActionEnv): WorkspaceEdit {
  return env.versionedEdits && !inRoot
    ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
    : { changes: { [doc.uri]: edits } };
}

/**
 * The info.version edit in the root: an open root must still be the version
 * checked; a root checked in the background (not open) must still be on disk as
 * the check read it, and is then edited with no version (the editor opens it).
 * Otherwise no bump is offered (the next check brings it back).
 */
function bumpIn(root: string, good: GoodCheck, fixes: Fixes, env: ActionEnv): BumpEdit | undefined {
  if (!fixes.bump) return undefined;
  const open = env.documents.get(root);
  if (open) return open.version === good.version ? { ...fixes.bump, uri: root, version: open.version } : undefined;
  const checked = env.backgroundText(root, good.version);
  const onDisk = env.readFile(good.file);
  return checked !== undefined && checked === onDisk ? { ...fixes.bump, uri: root, version: null } : undefined;
}

/** The info.version edit of "Bump info.version", in the root spec `uri` (version null: a file not open, whose text on disk is what the check read). */
export type BumpEdit = NonNullable<Fixes['bump']> & { uri: string; version: number | null };

/**
 * "Accept": the fingerprint goes to .breakwater.yaml, nothing else. Bumping
 * info.version is a fix of its own (bumpAction): accepting a possibly-breaking
 * warning must not announce a major release.
 */
export function acceptAction(finding: Finding, diagnostic: Diagnostic, good: GoodCheck, env: ActionEnv): CodeAction | undefined {
  if (finding.level === 'info') return undefined;
  const configPath = good.config.path;
  const configUri = fileUriOf(configPath);
  const open = env.documents.get(configUri);
  const configText = open?.getText() ?? env.readFile(configPath);
  const reason = `accepted in the editor: ${finding.message.length > 140 ? finding.message.slice(0, 139) + '…' : finding.message}`;
  const entry = { fingerprint: finding.fingerprint, rule: finding.rule, reason };
  // Written as specified ({fingerprint, rule, reason}); if the shared config reader of this build does not
  // accept a `rule` key, the rule id goes into a comment so the CLI keeps reading the file.
  let change = acceptInConfig(configText, entry);
  if (change && !configTextIsValid(changedText(configText, change), configPath) && (configText === undefined || configTextIsValid(configText, configPath))) {
    change = acceptInConfig(configText, entry, { ruleAsComment: true });
  }
  if (!change) return undefined;
  const name = configPath.replace(/^.*[\\/]/, '');
  const action: CodeAction = {
    title: `Accept this change (record it in ${name})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
  };
  // Clients that declare documentChanges get versioned edits (refused when a buffer moved on) and the file creation.
  if (env.versionedEdits && (change.kind === 'edit' || env.canCreateFiles)) {
    const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
    if (change.kind === 'create') {
      documentChanges.push({ kind: 'create', uri: configUri, options: { overwrite: false, ignoreIfExists: true } });
      documentChanges.push({
        textDocument: { uri: configUri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.text }],
      });
    } else {
      documentChanges.push({ textDocument: { uri: configUri, version: open?.version ?? null }, edits: toLsp(change.edits, new LineIndex(configText ?? '')) });
    }
    return { ...action, edit: { documentChanges } };
  }
  // Other clients (Neovim 0.7, Helix, eglot) get plain `changes`; as those cannot create a file, a missing
  // .breakwater.yaml is created by the server when the client runs the action's command (after the edit).
  const changes: Record<string, TextEdit[]> = {};
  if (change.kind === 'edit') changes[configUri] = toLsp(change.edits, new LineIndex(configText ?? ''));
  if (Object.keys(changes).length) action.edit = { changes };
  if (change.kind === 'create')
    action.command = { title: action.title, command: CREATE_CONFIG_COMMAND, arguments: [{ path: configPath, text: change.text } satisfies CreateConfigArgs] };
  return action;
}

/** "Bump info.version to the next major": offered on breaking findings only (errors), never on possibly-breaking warnings. */
export function bumpAction(
  finding: Finding,
  diagnostic: Diagnostic,
  bump: BumpEdit | undefined,
  env: Pick<ActionEnv, 'versionedEdits'>,
): CodeAction | undefined {
  if (finding.level !== 'error' || !bump) return undefined;
  const edit: WorkspaceEdit = env.versionedEdits
    ? { documentChanges: [{ textDocument: { uri: bump.uri, version: bump.version }, edits: [bump.edit] }] }
    : { changes: { [bump.uri]: [bump.edit] } };
  return { title: `Bump info.version to the next major (${bump.to})`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function changedText(before: string | undefined, change: NonNullable<ConfigChange>): string {
  return change.kind === 'create' ? change.text : applyEdits(before ?? '', change.edits);
}
