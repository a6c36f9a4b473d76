// Scenario 4 of issue 5, multi-root half (multi-root launch, see LAUNCHES in scripts/e2e.mjs):
// two folders, each its own git repository. Folder A committed Pet with `tag`, folder B
// committed Pet with `color` instead, as openapi.yaml and as openapi.json. Both specs are
// edited to the same text (Pet with neither): each must be compared with its own repository's
// HEAD, so A reports `tag` removed and B reports `color` removed, each with its own base
// document; the quick fix works in either folder.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openDocument, shortHead, waitForActivation, waitForStatus } from './helpers';
import { applyDeprecateFix, expectDeletedPropertyFinding, expectNoFindings, revert } from './scenarios';
import { FORMATS } from './specs';

for (const format of FORMATS) {
  describe(`multi-root workspace (${format.name})`, () => {
    let a: vscode.TextDocument;
    let b: vscode.TextDocument;

    beforeEach(async () => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      assert.equal(folders.length, 2, 'scripts/e2e.mjs opens a .code-workspace with two folders');
      a = await openDocument(vscode.Uri.joinPath(folders[0].uri, format.file));
      b = await openDocument(vscode.Uri.joinPath(folders[1].uri, format.file));
      await waitForActivation();
    });

    afterEach(async () => {
      for (const doc of [a, b]) await revert(doc);
      await closeAllEditors();
    });

    it('checks each folder against its own repository', async () => {
      const committedA = a.getText();
      const committedB = b.getText();
      assert.ok(committedA.includes('tag') && !committedA.includes('color'), 'A committed Pet.tag');
      assert.ok(committedB.includes('color') && !committedB.includes('tag'), 'B committed Pet.color');
      await expectNoFindings(a);
      await expectNoFindings(b);
      const [folderA, folderB] = vscode.workspace.workspaceFolders!;
      assert.notEqual(shortHead(folderA.uri.fsPath), shortHead(folderB.uri.fsPath), 'two repositories, two HEADs');

      const neither = format.withoutTag(committedA);
      await vscode.window.showTextDocument(a);
      await expectDeletedPropertyFinding(a, format, committedA, { property: 'tag', edit: () => neither });
      await vscode.window.showTextDocument(b);
      await expectDeletedPropertyFinding(b, format, committedB, { property: 'color', edit: () => neither });
      for (const [doc, folder] of [
        [a, folderA],
        [b, folderB],
      ] as const) {
        const status = await waitForStatus(doc.uri, { possiblyBreaking: 1 });
        assert.equal(status.baseLabel, `HEAD ${shortHead(folder.uri.fsPath)}`, `${doc.uri.fsPath}: the base label names its own repository's HEAD`);
      }
    });

    it('the deprecate fix works in the second folder, against its own base', async () => {
      // B's `color` deleted (B's text becomes A's text without `tag`): the fix restores `color`.
      const committedB = b.getText();
      await vscode.window.showTextDocument(b);
      const d = await expectDeletedPropertyFinding(b, format, committedB, { property: 'color', edit: () => format.withoutTag(a.getText()) });
      await applyDeprecateFix(b, format, d, 'color');
    });
  });
}
