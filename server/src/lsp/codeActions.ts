// Quick fixes for Breakwater diagnostics. Each diagnostic carries its finding's
// fingerprint; the finding is looked up in the last good check of the same
// document version (edits are offsets into exactly that text) and the check
// worker, which holds both parsed sides, computes the edits.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextDocuments, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Finding } from '../engine/index';
import { acceptInConfig, applyEdits, type ConfigChange } from '../engine/fix/index';
import { fileUriOf } from './baseUri';
import { CREATE_CONFIG_COMMAND, type CreateConfigArgs } from './createConfigCommand';
import { SOURCE, type DiagnosticData } from './diagnostics';
import type { GoodCheck } from './documentState';
import { configTextIsValid, sunsetFor } from '../workspace/projectConfig';
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
}

type Fixes = Extract<FixesReply, { kind: 'fixes' }>;

/** Whether the client asks for quick fixes at all. */
export function wantsQuickFixes(params: CodeActionParams): boolean {
  return !params.context.only || params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.') || k === CodeActionKind.Empty);
}

export async function codeActions(params: CodeActionParams, doc: TextDocument, good: GoodCheck | undefined, env: ActionEnv): Promise<CodeAction[]> {
  if (!wantsQuickFixes(params)) return [];
  // Offsets in the findings belong to the checked version; for any other version the next check brings fresh diagnostics.
  if (!good || good.version !== doc.version) return [];
  const wanted = params.context.diagnostics.flatMap((diagnostic) => {
    if (diagnostic.source !== SOURCE) return [];
    const finding = findingOf(diagnostic, good);
    return finding ? [{ diagnostic, finding }] : [];
  });
  if (wanted.length === 0) return [];
  const fixes = await env.worker.fixes({ uri: doc.uri, version: good.version, fingerprints: wanted.map((w) => w.finding.fingerprint), sunset: sunsetFor(good.config) });
  if (fixes.kind === 'failed') throw Object.assign(new Error(fixes.message), { stack: fixes.stack ?? fixes.message });
  // The document moved on while the worker answered: the next check brings fresh diagnostics.
  if (fixes.kind === 'stale' || doc.version !== good.version) return [];
  const actions: CodeAction[] = [];
  for (const { diagnostic, finding } of wanted) {
    for (const fix of fixes.byFingerprint[finding.fingerprint] ?? []) {
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: { changes: { [doc.uri]: fix.edits } } });
    }
    const accept = acceptAction(finding, diagnostic, good, env);
    if (accept) actions.push(accept);
    const bump = bumpAction(finding, diagnostic, fixes.bump && { ...fixes.bump, uri: doc.uri, version: doc.version }, env);
    if (bump) actions.push(bump);
  }
  return actions;
}

/** By the fingerprint in `data`; for clients that do not keep `data`, by code and range. */
export function findingOf(diagnostic: Diagnostic, good: GoodCheck): Finding | undefined {
  const fingerprint = (diagnostic.data as DiagnosticData | undefined)?.fingerprint;
  if (fingerprint) return good.findings.find((f) => f.fingerprint === fingerprint);
  const same = good.findingDiagnostics.find((d) => d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character);
  const fp = (same?.data as DiagnosticData | undefined)?.fingerprint;
  return fp ? good.findings.find((f) => f.fingerprint === fp) : undefined;
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
      documentChanges.push({ textDocument: { uri: configUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.text }] });
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
  if (change.kind === 'create') action.command = { title: action.title, command: CREATE_CONFIG_COMMAND, arguments: [{ path: configPath, text: change.text } satisfies CreateConfigArgs] };
  return action;
}

/** "Bump info.version to the next major": offered on breaking findings only (errors), never on possibly-breaking warnings. */
export function bumpAction(finding: Finding, diagnostic: Diagnostic, bump: BumpEdit | undefined, env: Pick<ActionEnv, 'versionedEdits'>): CodeAction | undefined {
  if (finding.level !== 'error' || !bump) return undefined;
  const edit: WorkspaceEdit = env.versionedEdits ? { documentChanges: [{ textDocument: { uri: bump.uri, version: bump.version }, edits: [bump.edit] }] } : { changes: { [bump.uri]: [bump.edit] } };
  return { title: `Bump info.version to the next major (${bump.to})`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function changedText(before: string | undefined, change: NonNullable<ConfigChange>): string {
  return change.kind === 'create' ? change.text : applyEdits(before ?? '', change.edits);
}
