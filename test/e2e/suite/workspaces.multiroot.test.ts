// Scenario (multi-root launch, see LAUNCHES in scripts/e2e.mjs): two folders, each its own git
// repository. Folder A committed Pet with `tag`, folder B committed Pet with `color` instead.
// Both specs are edited to the same text (Pet with neither): each must be compared with its
// own repository's HEAD, so A reports `tag` removed and B reports `color` removed.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, closeAllEditors, openDocument, setDocumentText, waitFor, waitForActivation, waitForDiagnostics } from './helpers';

const RULE = 'response-optional-property-removed';

describe('multi-root workspace', () => {
  afterEach(async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await closeAllEditors();
  });

  it('checks each folder against its own repository', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 2, 'scripts/e2e.mjs opens a .code-workspace with two folders');
    const a = await openDocument(vscode.Uri.joinPath(folders[0].uri, 'openapi.yaml'));
    const b = await openDocument(vscode.Uri.joinPath(folders[1].uri, 'openapi.yaml'));
    await waitForActivation();
    assert.match(a.getText(), /\n {8}tag:\n/);
    assert.match(b.getText(), /\n {8}color:\n/);

    const neither = a.getText().replace(/\n {8}tag:\n {10}type: string\n?$/, '\n');
    assert.notEqual(neither, a.getText(), 'fixture changed: Pet.tag not at the end of petstore.yaml');
    for (const doc of [a, b]) {
      await vscode.window.showTextDocument(doc);
      await setDocumentText(doc, neither);
    }

    const removed = async (doc: vscode.TextDocument, property: string) => {
      const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === RULE), { timeout: 30_000 });
      const found = diags.filter((d) => codeOf(d) === RULE);
      assert.equal(found.length, 1, `${doc.uri.fsPath}: ${JSON.stringify(found.map((d) => d.message))}`);
      assert.match(found[0].message, new RegExp(`"${property}"`), `${doc.uri.fsPath} is compared with its own HEAD`);
      return found[0];
    };
    const dA = await removed(a, 'tag');
    const dB = await removed(b, 'color');

    // Each base document is that folder's committed file.
    for (const [d, want] of [[dA, /\n {8}tag:\n/], [dB, /\n {8}color:\n/]] as const) {
      const baseUri = d.relatedInformation?.[0]?.location.uri;
      assert.ok(baseUri, 'relatedInformation points at the base');
      await waitFor(async () => want.test((await vscode.workspace.openTextDocument(baseUri)).getText()), {
        message: `base document ${baseUri.toString()} to show its own repository's text`,
      });
    }
  });
});
