// Clients that do not declare `workspace.workspaceEdit.documentChanges` (Neovim 0.7, many
// others) get quick fixes as plain `changes`; "Accept" creates a missing .breakwater.yaml
// through the server's command, since a `changes` edit cannot create a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { EDITS, PETS_YAML } from './fixtures';

const REMOVED = 'response-optional-property-removed';
const NARROWED = 'request-parameter-enum-value-removed';

function accept(actions: CodeAction[]): CodeAction {
  const a = actions.find((x) => x.title.startsWith('Accept this breaking change'));
  assert.ok(a, `no Accept in ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

test('without documentChanges: Accept creates .breakwater.yaml by command, then extends it with a plain changes edit', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  const client = new TestClient({ workspaceEdit: { resourceOperations: ['create'] } });
  try {
    await client.initialize(repo.uri(''));
    const uri = repo.uri('openapi.yaml');
    const configPath = repo.path('.breakwater.yaml');
    client.open(uri, PETS_YAML);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);

    // 1. No config yet: the bump is a `changes` edit, the file comes from the command.
    client.setText(uri, EDITS.removeName(PETS_YAML));
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === REMOVED));
    const d = diags.find((x) => x.code === REMOVED) as Diagnostic;
    const first = accept(await client.codeActions(uri, d.range, [d]));
    assert.equal(first.edit?.documentChanges, undefined);
    assert.deepEqual(Object.keys(first.edit?.changes ?? {}), [uri], 'the info.version bump in the spec');
    assert.equal(first.command?.command, 'breakwater.createConfig');
    client.applyWorkspaceEdit(first.edit!);
    await client.request('workspace/executeCommand', { command: first.command!.command, arguments: first.command!.arguments });
    assert.ok(existsSync(configPath), 'the server created .breakwater.yaml');
    await client.waitForDiagnostics(uri, (ds) => !ds.some((x) => x.code === REMOVED), 'accepted');
    assert.equal(parse(client.text(uri)).info.version, '2.0.0');
    assert.equal(parse(readFileSync(configPath, 'utf8')).accepted.length, 1);

    // 2. Committed (2.0.0 is the base now), the config exists: one plain `changes` edit, no command.
    client.save(uri);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'v2');
    client.setText(uri, EDITS.narrowEnum(client.text(uri)));
    const diags2 = await client.waitForDiagnostics(uri, (ds) => ds.some((x) => x.code === NARROWED));
    const d2 = diags2.find((x) => x.code === NARROWED) as Diagnostic;
    const second = accept(await client.codeActions(uri, d2.range, [d2]));
    assert.equal(second.command, undefined);
    assert.equal(second.edit?.documentChanges, undefined);
    assert.ok(second.edit?.changes?.[repo.uri('.breakwater.yaml')], JSON.stringify(second.edit));
    client.applyWorkspaceEdit(second.edit!);
    await client.waitForDiagnostics(uri, (ds) => !ds.some((x) => x.code === NARROWED), 'accepted');
    assert.equal(parse(readFileSync(configPath, 'utf8')).accepted.length, 2);

    // 3. The command creates configuration files only, and never overwrites one.
    const before = readFileSync(configPath, 'utf8');
    await client.request('workspace/executeCommand', { command: 'breakwater.createConfig', arguments: [{ path: configPath, text: 'accepted: []\n' }] });
    assert.equal(readFileSync(configPath, 'utf8'), before);
    await client.request('workspace/executeCommand', { command: 'breakwater.createConfig', arguments: [{ path: repo.path('evil.sh'), text: 'accepted: []\n' }] });
    assert.ok(!existsSync(repo.path('evil.sh')));
    assert.deepEqual(client.applyEditRequests, []);
  } finally {
    await client.dispose();
    repo.cleanup();
  }
});
