// Quick fixes for Breakwater diagnostics. Each diagnostic carries its finding's
// fingerprint; the finding is looked up in the last good check of the same
// document version (edits are offsets into exactly that text) and the engine
// computes the edits.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextDocuments, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Finding } from '../engine/index';
import { acceptInConfig, applyEdits, computeFixes, fixSideOf, majorVersionBump, type ConfigChange, type FixSide, type TextEdit } from '../engine/fix/index';
import { fileUriOf } from './baseUri';
import { SOURCE, type DiagnosticData } from './diagnostics';
import type { GoodCheck } from './documentState';
import { configTextIsValid, sunsetFor } from './projectConfig';

export interface ActionEnv {
  /** Whether the client applies documentChanges with file creation (needed to create .breakwater.yaml). */
  canCreateFiles: boolean;
  documents: TextDocuments<TextDocument>;
  /** Text of a file on disk, undefined when it does not exist. */
  readFile: (path: string) => string | undefined;
}

export function codeActions(params: CodeActionParams, doc: TextDocument, good: GoodCheck | undefined, env: ActionEnv): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.') || k === CodeActionKind.Empty)) return [];
  // Offsets in the findings belong to the checked version; for any other version the next check brings fresh diagnostics.
  if (!good || good.version !== doc.version) return [];
  const sides = lazySides(good);
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const finding = findingOf(diagnostic, good);
    if (!finding) continue;
    for (const fix of computeFixes(finding, sides.base(), sides.revision(), { sunset: sunsetFor(good.config) })) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        edit: { changes: { [doc.uri]: toLsp(fix.edits, good.revision.doc.parsed.lines) } },
      });
    }
    const accept = acceptAction(finding, diagnostic, doc, good, sides, env);
    if (accept) actions.push(accept);
  }
  return actions;
}

/** By the fingerprint in `data`; for clients that do not keep `data`, by code and range. */
function findingOf(diagnostic: Diagnostic, good: GoodCheck): Finding | undefined {
  const fingerprint = (diagnostic.data as DiagnosticData | undefined)?.fingerprint;
  if (fingerprint) return good.findings.find((f) => f.fingerprint === fingerprint);
  const same = good.findingDiagnostics.find((d) => d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character);
  const fp = (same?.data as DiagnosticData | undefined)?.fingerprint;
  return fp ? good.findings.find((f) => f.fingerprint === fp) : undefined;
}

function lazySides(good: GoodCheck): { base: () => FixSide; revision: () => FixSide } {
  let base: FixSide | undefined;
  let revision: FixSide | undefined;
  return { base: () => (base ??= fixSideOf(good.base.model.doc)), revision: () => (revision ??= fixSideOf(good.revision.doc)) };
}

/** "Accept": the fingerprint goes to .breakwater.yaml and info.version to the next major. */
function acceptAction(finding: Finding, diagnostic: Diagnostic, doc: TextDocument, good: GoodCheck, sides: ReturnType<typeof lazySides>, env: ActionEnv): CodeAction | undefined {
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
  if (change.kind === 'create' && !env.canCreateFiles) return undefined;
  const bump = majorVersionBump(sides.revision(), sides.base());
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  if (change.kind === 'create') {
    documentChanges.push({ kind: 'create', uri: configUri, options: { overwrite: false, ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: configUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.text }] });
  } else {
    documentChanges.push({ textDocument: { uri: configUri, version: open?.version ?? null }, edits: toLsp(change.edits, new LineIndex(configText ?? '')) });
  }
  if (bump) documentChanges.push({ textDocument: { uri: doc.uri, version: doc.version }, edits: toLsp([bump.edit], good.revision.doc.parsed.lines) });
  const name = configPath.replace(/^.*[\\/]/, '');
  return {
    title: `Accept this breaking change (record it in ${name}${bump ? `, bump info.version to ${bump.to}` : ''})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { documentChanges },
  };
}

function changedText(before: string | undefined, change: NonNullable<ConfigChange>): string {
  return change.kind === 'create' ? change.text : applyEdits(before ?? '', change.edits);
}

export function toLsp(edits: readonly TextEdit[], lines: LineIndex): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: lines.position(e.start), end: lines.position(e.end) }, newText: e.newText }));
}
