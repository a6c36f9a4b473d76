// Scenario: the extension is present in a real VS Code and activates when an OpenAPI
// document written in YAML is opened from a git repository.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  breakwaterApi,
  breakwaterExtension,
  waitFor,
  closeAllEditors,
  fixture,
  makeGitWorkspace,
  openDocument,
  waitForActivation,
  workspaceRoot,
} from './helpers';

describe('activation', () => {
  afterEach(closeAllEditors);

  it('is installed as a development extension with the manifest the tests expect', () => {
    const ext = breakwaterExtension();
    assert.equal(ext.id, EXTENSION_ID);
    assert.equal(ext.packageJSON.main, './dist/extension.js');
  });

  it('activates when a YAML OpenAPI file is opened', async () => {
    const spec = vscode.Uri.file(`${workspaceRoot()}/openapi.yaml`);
    const doc = await openDocument(spec);
    assert.equal(doc.languageId, 'yaml');
    await waitForActivation();
    const api = await breakwaterApi();
    await waitFor(() => api.isRunning(), { message: 'the language server to run' });
    // The committed spec, unchanged: compared with HEAD, nothing to report.
    const status = await waitFor(() => api.statusOf(spec), { message: 'a status for the spec' });
    assert.match(status.baseLabel, /^HEAD [0-9a-f]{7}$/);
  });

  it('stays active when a spec from another git repository is opened', async () => {
    const repo = makeGitWorkspace({ 'api/petstore.yaml': fixture('petstore.yaml') });
    try {
      assert.match(repo.git('rev-parse', 'HEAD'), /^[0-9a-f]{40}$/);
      const doc = await openDocument(repo.path('api/petstore.yaml'));
      assert.equal(doc.languageId, 'yaml');
      assert.ok((await waitForActivation()).isActive);
    } finally {
      await closeAllEditors();
      repo.cleanup();
    }
  });

  // Planned scenarios, to be filled in once the language server lands (issue 5):
  // Diagnostics, quick fixes, broken YAML: diagnostics.test.ts; multi-root:
  // workspaces.multiroot.test.ts; the language status item (UI only): test/e2e/ui/smoke.mjs.
});
