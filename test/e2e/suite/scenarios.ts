// The scenarios of issue 5, as steps on one open spec document, so every launch (single
// folder, multi-root, a file opened without a folder) runs the same checks on a YAML and a
// JSON spec. Each step polls for the editor state it expects (see helpers.ts).

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { breakwaterDiagnostics, codeOf, setDocumentText, waitFor, waitForCodeAction, waitForDiagnostics, waitForStatus } from './helpers';
import { DELETED_PROPERTY, NEW_PARAMETER, type SpecFormat } from './specs';

export const REMOVED_RULE = 'response-optional-property-removed';
export const NEW_REQUIRED_RULE = 'new-required-request-parameter';
export const SYNTAX_RULE = 'syntax-error';
export const DEPRECATE_FIX = 'Mark deprecated instead of deleting';
export const MAKE_OPTIONAL_FIX = `Make parameter "${NEW_PARAMETER}" optional`;

const withRule = (rule: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === rule);
const withoutRule = (rule: string) => (ds: vscode.Diagnostic[]) => !ds.some((d) => codeOf(d) === rule);

/** 0-based line of the first line of `text` matching `re`. */
export function lineMatching(text: string, re: RegExp): number {
  const i = text.split('\n').findIndex((l) => re.test(l));
  assert.ok(i >= 0, `no line matches ${re}`);
  return i;
}

/** The committed spec, unchanged: the server checked it (status ok, nothing counted) and reports nothing. */
export async function expectNoFindings(doc: vscode.TextDocument): Promise<void> {
  const status = await waitForStatus(doc.uri, { breaking: 0, possiblyBreaking: 0 }, { timeout: 30_000 });
  assert.match(status.baseLabel, /^HEAD [0-9a-f]{7}$/);
  assert.deepEqual(
    breakwaterDiagnostics(doc.uri).map((d) => `${codeOf(d)}: ${d.message}`),
    [],
    'no Breakwater diagnostics on the committed spec',
  );
}

/** The one finding with `rule` (fails when there are more). */
async function oneFinding(doc: vscode.TextDocument, rule: string): Promise<vscode.Diagnostic> {
  const diags = await waitForDiagnostics(doc.uri, withRule(rule), { timeout: 30_000 });
  const found = diags.filter((d) => codeOf(d) === rule);
  assert.equal(found.length, 1, `one ${rule} on ${doc.uri.fsPath}: ${JSON.stringify(diags.map((d) => d.message))}`);
  return found[0];
}

/**
 * Deletes Pet's `property` (the format's edit, `withoutTag` by default) and checks the
 * finding: one line on the surviving `properties` key, rule code with its documentation link,
 * and related information pointing at the removed key inside the read-only base document,
 * whose text is `committed`.
 */
export async function expectDeletedPropertyFinding(
  doc: vscode.TextDocument,
  format: SpecFormat,
  committed: string,
  { property = DELETED_PROPERTY, edit = format.withoutTag }: { property?: string; edit?: (text: string) => string } = {},
): Promise<vscode.Diagnostic> {
  await setDocumentText(doc, edit(committed));
  const d = await oneFinding(doc, REMOVED_RULE);
  assert.equal(d.source, 'breakwater');
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, 'possibly breaking');
  assert.match(d.message, new RegExp(`"${property}"`));
  assert.equal(d.range.start.line, lineMatching(doc.getText(), format.propertiesKey), 'anchored on the surviving parent key');
  assert.equal(d.range.end.line, d.range.start.line, 'one line, never the whole block');
  const code = d.code as { value: string | number; target: vscode.Uri };
  assert.equal(String(code.value), REMOVED_RULE, 'code = rule id');
  // In VS Code the link opens the rule's own explanation, served by the extension (no file, no network).
  assert.equal(code.target.toString(true), `breakwater-view:/rules/${REMOVED_RULE}.md`, 'documentation link');

  const related = d.relatedInformation?.[0];
  assert.ok(related, 'relatedInformation points at the removed node');
  assert.equal(related.location.uri.scheme, 'breakwater-base');
  assert.equal(related.location.uri.path, doc.uri.path, 'the base document of this very file');
  const base = await waitFor(
    async () => {
      const text = (await vscode.workspace.openTextDocument(related.location.uri)).getText();
      return text === committed ? text : undefined;
    },
    { message: `the base document ${related.location.uri.toString()} to show the committed text` },
  );
  const baseLine = base.split('\n')[related.location.range.start.line];
  assert.match(baseLine, format.propertyKey(property), `related information on the removed key in the base (line ${related.location.range.start.line + 1})`);
  // Shown after "openapi.yaml(12, 9):", the text says it is the base, not the file being edited.
  const fileName = doc.uri.path.replace(/^.*\//, '').replace(/\./g, '\\.');
  assert.match(related.message, new RegExp(`^${fileName} (at .+|as staged), line ${related.location.range.start.line + 1}: the removed property$`));
  return d;
}

/** The preferred "mark deprecated" fix brings the property back with deprecated: true and clears the finding. */
export async function applyDeprecateFix(doc: vscode.TextDocument, format: SpecFormat, d: vscode.Diagnostic, property = DELETED_PROPERTY): Promise<void> {
  const fix = await waitForCodeAction(doc.uri, d.range, (a) => a.title.startsWith(DEPRECATE_FIX));
  assert.equal(fix.isPreferred, true, 'the safe alternative is the preferred fix');
  assert.ok(fix.edit, 'the fix carries a WorkspaceEdit');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.ok(format.hasDeprecatedProperty(doc.getText(), property), `${property} is back with deprecated: true:\n${doc.getText()}`);
  assert.ok(
    doc
      .getText()
      .split('\n')
      .some((l) => format.propertyKey(property).test(l)),
    `restored in the file's own indentation:\n${doc.getText()}`,
  );
  await waitForDiagnostics(doc.uri, withoutRule(REMOVED_RULE), { message: 'the deprecate fix to clear the finding' });
}

/** A new required query parameter is an error on its `required` line; "make optional" clears it. */
export async function expectNewRequiredParameterAndFix(doc: vscode.TextDocument, format: SpecFormat, committed: string): Promise<void> {
  await setDocumentText(doc, format.withRequiredQuery(committed));
  const d = await oneFinding(doc, NEW_REQUIRED_RULE);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error, 'breaking');
  assert.match(d.message, new RegExp(`"${NEW_PARAMETER}"`));
  const requiredLine = format.name === 'yaml' ? /^ {10}required: true$/ : /^ {12}"required": true,?$/;
  const lines = doc.getText().split('\n');
  const paramLine = lines.findIndex((l) => l.includes(format.name === 'yaml' ? `- name: ${NEW_PARAMETER}` : `"name": "${NEW_PARAMETER}"`));
  assert.ok(paramLine >= 0);
  const want = lines.findIndex((l, i) => i > paramLine && requiredLine.test(l));
  assert.equal(d.range.start.line, want, `on the new parameter's required line (${want + 1}), got ${d.range.start.line + 1}`);

  const fix = await waitForCodeAction(doc.uri, d.range, (a) => a.title.startsWith(MAKE_OPTIONAL_FIX));
  assert.equal(fix.isPreferred, true);
  assert.ok(fix.edit);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.ok(format.verboseIsOptional(doc.getText()), `required: false on the new parameter:\n${doc.getText()}`);
  await waitForDiagnostics(doc.uri, withoutRule(NEW_REQUIRED_RULE), { message: 'the make-optional fix to clear the finding' });
}

/** Mid-edit the text stops parsing: the syntax error shows, the last findings stay (stale), and all recovers when fixed. */
export async function expectSyntaxErrorKeepsStaleFindings(doc: vscode.TextDocument, format: SpecFormat, committed: string): Promise<void> {
  const edited = format.withoutTag(committed);
  await setDocumentText(doc, edited);
  await oneFinding(doc, REMOVED_RULE);
  await setDocumentText(doc, format.broken(edited));
  const diags = await waitForDiagnostics(doc.uri, withRule(SYNTAX_RULE), { timeout: 30_000 });
  assert.ok(diags.length <= 3, `no flood of findings: ${JSON.stringify(diags.map(codeOf))}`);
  const syntax = diags.find((d) => codeOf(d) === SYNTAX_RULE)!;
  assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(syntax.range.start.line, syntax.range.end.line, 'one line');
  assert.ok(Math.abs(syntax.range.start.line - lineMatching(doc.getText(), /"?title"?: /)) <= 2, `near the edit: line ${syntax.range.start.line + 1}`);
  const stale = diags.find((d) => codeOf(d) === REMOVED_RULE);
  assert.ok(stale, 'the last good finding is kept');
  assert.match(stale.message, /^Stale: /, 'stale first, where the Problems panel cannot cut it off');
  assert.equal(stale.range.start.line, lineMatching(doc.getText(), format.propertiesKey), 'still on its line');
  const status = await waitForStatus(doc.uri, { state: 'syntax-error' });
  assert.equal(status.counts.possiblyBreaking, 1, 'the status keeps counting the last good findings');
  // Fixed again: the finding is fresh and the syntax error is gone.
  await setDocumentText(doc, edited);
  await waitForDiagnostics(doc.uri, (ds) => withoutRule(SYNTAX_RULE)(ds) && ds.some((d) => codeOf(d) === REMOVED_RULE && !/stale/i.test(d.message)), {
    message: 'recovery: fresh finding, no syntax error',
  });
  await waitForStatus(doc.uri, { possiblyBreaking: 1 });
}

/**
 * Drops unsaved edits (back to the file on disk) and waits until the findings are gone. With
 * `committed`, also checks that no edit reached the disk (e.g. an auto-save setting).
 */
export async function revert(doc: vscode.TextDocument, committed?: string): Promise<void> {
  if (committed !== undefined) assert.equal(readFileSync(doc.uri.fsPath, 'utf8'), committed, `${doc.uri.fsPath} on disk is still the committed text`);
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !doc.isDirty, { message: `${doc.uri.fsPath} to be reverted` });
  await waitForDiagnostics(doc.uri, (ds) => withoutRule(REMOVED_RULE)(ds) && withoutRule(NEW_REQUIRED_RULE)(ds) && withoutRule(SYNTAX_RULE)(ds), {
    message: 'findings to clear after revert',
  });
}
