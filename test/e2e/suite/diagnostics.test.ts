// Scenario: the user deletes an optional response property from the spec committed in the
// workspace's git repository. Breakwater's server (a real child process of the extension
// host) reports it on the surviving parent key, links the removed node in the read-only
// base document, and its preferred quick fix (mark deprecated) clears the finding.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { breakwaterApi, codeOf, closeAllEditors, lineOf, openDocument, setDocumentText, waitFor, waitForActivation, waitForCodeAction, waitForDiagnostics, workspaceRoot } from './helpers';

const RULE = 'response-optional-property-removed';
const hasRule = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === RULE);

/** The committed petstore.yaml without Pet's optional `tag` property (its last two lines). */
function withoutTag(text: string): string {
  const out = text.replace(/\n {8}tag:\n {10}type: string\n?$/, '\n');
  assert.notEqual(out, text, 'fixture changed: Pet.tag not found at the end of petstore.yaml');
  return out;
}

describe('diagnostics and quick fixes', () => {
  let doc: vscode.TextDocument;
  let committed: string;

  beforeEach(async () => {
    doc = await openDocument(vscode.Uri.file(`${workspaceRoot()}/openapi.yaml`));
    committed = doc.getText();
    await waitForActivation();
  });

  afterEach(async () => {
    // Back to the committed text, unsaved edits dropped, so scenarios stay independent.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(doc.uri, (ds) => !hasRule(ds), { message: 'findings to clear after revert' });
    await closeAllEditors();
  });

  it('shows a diagnostic on the parent key when a response property is deleted, counted in the status', async () => {
    await setDocumentText(doc, withoutTag(committed));
    const diags = await waitForDiagnostics(doc.uri, hasRule, { timeout: 30_000 });
    const found = diags.filter((d) => codeOf(d) === RULE);
    assert.equal(found.length, 1, `one ${RULE}: ${JSON.stringify(diags.map(codeOf))}`);
    const d = found[0];
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, 'possibly breaking');
    assert.equal(d.range.start.line, lineOf(doc, 'properties:'), 'anchored on the surviving parent key');
    assert.equal(d.range.end.line, d.range.start.line, 'one line, never the whole block');
    const api = await breakwaterApi();
    const status = await waitFor(() => {
      const st = api.statusOf(doc.uri);
      return st?.state === 'ok' && st.counts.possiblyBreaking === 1 ? st : undefined;
    }, { message: 'the status item to count 1 possibly breaking change', describe: () => api.statusOf(doc.uri) });
    assert.equal(status.counts.breaking, 0);
    assert.match(status.baseLabel, /^HEAD [0-9a-f]{7}$/);
    const code = d.code as { value: string | number; target: vscode.Uri };
    assert.match(code.target.toString(), new RegExp(`#${RULE}$`), 'documentation link');

    // The removed node is shown in the read-only base document (served by the server).
    const related = d.relatedInformation?.[0];
    assert.ok(related, 'relatedInformation points at the removed node');
    assert.equal(related.location.uri.scheme, 'breakwater-base');
    const base = await waitFor(async () => {
      const text = (await vscode.workspace.openTextDocument(related.location.uri)).getText();
      return text === committed ? text : undefined;
    }, { message: 'the base document to show the committed text' });
    assert.match(base.split('\n')[related.location.range.start.line], /^\s*tag:/);
  });

  it('offers a quick fix that keeps the property as deprecated and clears the diagnostic', async () => {
    await setDocumentText(doc, withoutTag(committed));
    const d = (await waitForDiagnostics(doc.uri, hasRule, { timeout: 30_000 })).find((x) => codeOf(x) === RULE)!;
    const fix = await waitForCodeAction(doc.uri, d.range, (a) => a.title.startsWith('Mark deprecated instead of deleting'));
    assert.equal(fix.isPreferred, true, 'the safe alternative is the preferred fix');
    assert.ok(fix.edit, 'the fix carries a WorkspaceEdit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(doc.uri, (ds) => !hasRule(ds), { message: 'the fix to clear the finding' });
    const tagLine = lineOf(doc, 'tag:');
    assert.equal(doc.lineAt(tagLine).text, '        tag:', 'restored in the file’s own indentation');
    assert.ok(
      [1, 2].some((k) => doc.lineAt(tagLine + k).text === '          deprecated: true'),
      `deprecated: true under tag:\n${doc.getText()}`,
    );
  });

  it('reports a syntax error and keeps stale findings while the YAML does not parse', async () => {
    const edited = withoutTag(committed);
    await setDocumentText(doc, edited);
    await waitForDiagnostics(doc.uri, hasRule, { timeout: 30_000 });
    // Mid-edit: an unclosed flow sequence near the top of the file.
    await setDocumentText(doc, edited.replace('  title: Petstore', '  title: [Petstore'));
    const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'syntax-error'), { timeout: 30_000 });
    assert.ok(diags.length <= 3, `no flood of findings: ${JSON.stringify(diags.map(codeOf))}`);
    const syntax = diags.find((d) => codeOf(d) === 'syntax-error')!;
    assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(syntax.range.start.line, syntax.range.end.line, 'one line');
    const stale = diags.find((d) => codeOf(d) === RULE);
    assert.ok(stale, 'the last good finding is kept');
    assert.match(stale.message, /stale/);
    const api = await breakwaterApi();
    await waitFor(() => api.statusOf(doc.uri)?.state === 'syntax-error', { message: 'status state syntax-error', describe: () => api.statusOf(doc.uri) });
    // Fixed again: the finding is fresh and the syntax error is gone.
    await setDocumentText(doc, edited);
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'syntax-error') && ds.some((d) => codeOf(d) === RULE && !/stale/.test(d.message)));
  });
});
