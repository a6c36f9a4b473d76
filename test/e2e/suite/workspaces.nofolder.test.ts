// Scenario 4 of issue 5, no-folder half (no-folder launch, see LAUNCHES in scripts/e2e.mjs):
// VS Code opens an empty window (no workspace folder) and a single spec file from a git
// repository is opened on its own, as with `code openapi.yaml`. Breakwater still finds the
// file's repository, compares with its HEAD, and its fixes work.

import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, openDocument, shortHead, waitForActivation, waitForStatus } from './helpers';
import { applyDeprecateFix, expectDeletedPropertyFinding, expectNewRequiredParameterAndFix, expectNoFindings, revert } from './scenarios';
import { FORMATS } from './specs';

function specDir(): string {
  const dir = process.env.BREAKWATER_E2E_SPEC_DIR;
  assert.ok(dir, 'scripts/e2e.mjs sets BREAKWATER_E2E_SPEC_DIR to the repository holding the specs');
  return dir;
}

describe('single file without a folder', () => {
  it('the window has no workspace folder', () => {
    assert.equal(vscode.workspace.workspaceFolders, undefined);
  });
});

for (const format of FORMATS) {
  describe(`single ${format.name} file without a folder`, () => {
    let doc: vscode.TextDocument;
    let committed: string;

    beforeEach(async () => {
      doc = await openDocument(vscode.Uri.file(join(specDir(), format.file)));
      committed = doc.getText();
      await waitForActivation();
    });

    afterEach(async () => {
      await revert(doc, committed);
      await closeAllEditors();
    });

    it('is compared with its repository HEAD: deleted property, deprecate fix', async () => {
      await expectNoFindings(doc);
      const status = await waitForStatus(doc.uri, { breaking: 0, possiblyBreaking: 0 });
      assert.equal(status.baseLabel, `HEAD ${shortHead(specDir())}`);
      const d = await expectDeletedPropertyFinding(doc, format, committed);
      await applyDeprecateFix(doc, format, d);
    });

    it('flags a new required query parameter and makes it optional', async () => {
      await expectNewRequiredParameterAndFix(doc, format, committed);
    });
  });
}
