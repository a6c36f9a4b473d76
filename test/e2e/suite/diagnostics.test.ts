// Scenarios 1, 2, 3 and 6 of issue 5 in the single-folder launch: one git repository with
// openapi.yaml and openapi.json (the same spec) committed. For each format:
//   1. the committed spec has no Breakwater diagnostics; deleting a response property reports
//      it on the surviving parent key, with the rule code and related information into the
//      read-only base document;
//   2. the preferred quick fix "mark deprecated instead of deleting" restores the property
//      with deprecated: true and the diagnostic goes away;
//   3. a new required query parameter is flagged, and "make optional" clears it;
//   6. text that stops parsing mid-edit shows the syntax error and keeps the last (stale)
//      findings, and everything recovers when the text is fixed.
// Breakwater's server is a real child process of the extension host; every step polls.

import * as vscode from 'vscode';
import { closeAllEditors, openDocument, waitForActivation, workspaceRoot } from './helpers';
import {
  applyDeprecateFix,
  expectDeletedPropertyFinding,
  expectNewRequiredParameterAndFix,
  expectNoFindings,
  expectSyntaxErrorKeepsStaleFindings,
  revert,
} from './scenarios';
import { FORMATS } from './specs';

for (const format of FORMATS) {
  describe(`diagnostics and quick fixes (${format.name})`, () => {
    let doc: vscode.TextDocument;
    let committed: string;

    beforeEach(async () => {
      doc = await openDocument(vscode.Uri.file(`${workspaceRoot()}/${format.file}`));
      committed = doc.getText();
      await waitForActivation();
    });

    afterEach(async () => {
      // Back to the committed text, unsaved edits dropped, so scenarios stay independent.
      await revert(doc, committed);
      await closeAllEditors();
    });

    it('opening the committed spec shows no diagnostics', async () => {
      await expectNoFindings(doc);
    });

    it('a deleted response property is reported on its parent key, with the base document', async () => {
      await expectNoFindings(doc);
      await expectDeletedPropertyFinding(doc, format, committed);
    });

    it('"mark deprecated instead of deleting" restores the property and clears the diagnostic', async () => {
      const d = await expectDeletedPropertyFinding(doc, format, committed);
      await applyDeprecateFix(doc, format, d);
    });

    it('a new required query parameter is flagged and "make optional" clears it', async () => {
      await expectNewRequiredParameterAndFix(doc, format, committed);
    });

    it('text that does not parse shows the syntax error, keeps stale findings, and recovers', async () => {
      await expectSyntaxErrorKeepsStaleFindings(doc, format, committed);
    });
  });
}
