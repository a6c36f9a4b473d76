// Scenario 5 of issue 5 in the single-folder launch: the status item shows the base in use and
// the counts; "Compare with Base" opens a diff editor whose left side is the read-only
// breakwater-base: document; "Show All Changes" opens the Markdown report. On a YAML and a
// JSON spec. (The status item as drawn in the status bar is checked by the UI smoke test.)

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  breakwaterExtension,
  closeAllEditors,
  openDocument,
  setDocumentText,
  shortHead,
  waitFor,
  waitForActivation,
  waitForStatus,
  workspaceRoot,
} from './helpers';
import { REMOVED_RULE, NEW_REQUIRED_RULE, revert } from './scenarios';
import { FORMATS } from './specs';

describe('commands', () => {
  it('registers every command that package.json contributes', async () => {
    await waitForActivation();
    const contributed: string[] = breakwaterExtension().packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual([...contributed].sort(), ['breakwater.chooseBase', 'breakwater.compareWithBase', 'breakwater.restartServer', 'breakwater.showAllChanges']);
    const registered = await vscode.commands.getCommands(true);
    for (const id of contributed) assert.ok(registered.includes(id), `${id} is registered`);
  });

  it('opens a rule explanation from the command hover links run (not in the palette: it needs the rule id)', async () => {
    await waitForActivation();
    await vscode.commands.executeCommand('breakwater.explainRule', REMOVED_RULE);
    const shown = await waitFor(
      () => {
        const uri = vscode.window.activeTextEditor?.document.uri;
        return uri?.scheme === 'breakwater-view' ? uri : undefined;
      },
      { message: 'the rule explanation view to be active' },
    );
    assert.equal(shown.path, `/rules/${REMOVED_RULE}.md`);
    assert.match(vscode.window.activeTextEditor!.document.getText(), /Who breaks, and why/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

for (const format of FORMATS) {
  describe(`status item and commands (${format.name})`, () => {
    let doc: vscode.TextDocument;
    let committed: string;

    beforeEach(async () => {
      doc = await openDocument(vscode.Uri.file(`${workspaceRoot()}/${format.file}`));
      committed = doc.getText();
      await waitForActivation();
    });

    afterEach(async () => {
      await revert(doc, committed);
      await closeAllEditors();
    });

    it('the status shows the base and the counts of breaking and possibly breaking changes', async () => {
      const base = `HEAD ${shortHead(workspaceRoot())}`;
      const clean = await waitForStatus(doc.uri, { breaking: 0, possiblyBreaking: 0 });
      assert.equal(clean.baseLabel, base, 'the base is the repository HEAD');
      await setDocumentText(doc, format.withRequiredQuery(format.withoutTag(committed)));
      const edited = await waitForStatus(doc.uri, { breaking: 1, possiblyBreaking: 1 }, { timeout: 30_000 });
      assert.equal(edited.baseLabel, base);
      assert.ok(!Number.isNaN(Date.parse((edited as { checkedAt?: string }).checkedAt ?? '')), 'check time reported');
    });

    it('"Compare with Base" opens a diff editor of the base document and the spec', async () => {
      await setDocumentText(doc, format.withoutTag(committed));
      const status = await waitForStatus(doc.uri, { possiblyBreaking: 1 }, { timeout: 30_000 });
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('breakwater.compareWithBase');
      const tab = await waitFor(
        () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find(
              (t) =>
                t.input instanceof vscode.TabInputTextDiff &&
                t.input.original.scheme === 'breakwater-base' &&
                t.input.modified.toString() === doc.uri.toString(),
            ),
        {
          message: 'a diff tab: breakwater-base: document vs the spec',
          describe: () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => ({ label: t.label, input: JSON.stringify(t.input) })),
        },
      );
      const input = tab.input as vscode.TabInputTextDiff;
      assert.equal(input.original.path, doc.uri.path, 'the base of this very file');
      assert.ok(tab.label.includes(status.baseLabel), `tab label names the base: ${tab.label}`);
      assert.ok(tab.isActive, 'the diff editor is active');
      await waitFor(async () => (await vscode.workspace.openTextDocument(input.original)).getText() === committed, {
        message: 'the left side to show the committed text',
      });
    });

    it('"Show All Changes" opens a Markdown report of every change', async () => {
      await setDocumentText(doc, format.withRequiredQuery(format.withoutTag(committed)));
      await waitForStatus(doc.uri, { breaking: 1, possiblyBreaking: 1 }, { timeout: 30_000 });
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('breakwater.showAllChanges');
      const report = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'breakwater-view' && d.getText().includes(format.file)), {
        message: 'the Markdown report, a read-only breakwater-view: document',
      });
      assert.equal(report.languageId, 'markdown');
      assert.equal(report.isUntitled, false, 'not an untitled buffer that asks to be saved');
      const text = report.getText();
      assert.match(text, /1 breaking, 1 possibly breaking/);
      assert.ok(text.includes(REMOVED_RULE) && text.includes(NEW_REQUIRED_RULE), text);
      await vscode.window.showTextDocument(report);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.equal(report.isDirty, false);
    });
  });
}
