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
  const a = actions.find((x) => x.title.startsWith('Accept this change'));
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

    // 1. No config yet: the file comes from the command; accepting a possibly-breaking warning edits nothing else.
    client.setText(uri, EDITS.removeName(PETS_YAML));
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === REMOVED));
    const d = diags.find((x) => x.code === REMOVED) as Diagnostic;
    const first = accept(await client.codeActions(uri, d.range, [d]));
    assert.equal(first.edit, undefined, 'no edit: the config is created by the command, info.version is left alone');
    assert.equal(first.command?.command, 'breakwater.createConfig');
    await client.request('workspace/executeCommand', { command: first.command!.command, arguments: first.command!.arguments });
    assert.ok(existsSync(configPath), 'the server created .breakwater.yaml');
    await client.waitForDiagnostics(uri, (ds) => !ds.some((x) => x.code === REMOVED), 'accepted');
    assert.equal(parse(client.text(uri)).info.version, '1.0.0');
    assert.equal(parse(readFileSync(configPath, 'utf8')).accepted.length, 1);

    // 2. Committed, the config exists: one plain `changes` edit, no command; the separate bump too.
    client.save(uri);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'v2');
    client.setText(uri, EDITS.narrowEnum(client.text(uri)));
    const diags2 = await client.waitForDiagnostics(uri, (ds) => ds.some((x) => x.code === NARROWED));
    const d2 = diags2.find((x) => x.code === NARROWED) as Diagnostic;
    const offered = await client.codeActions(uri, d2.range, [d2]);
    const bump = offered.find((x) => x.title === 'Bump info.version to the next major (2.0.0)');
    assert.ok(bump, JSON.stringify(offered.map((x) => x.title)));
    assert.equal(bump.edit?.documentChanges, undefined);
    assert.deepEqual(Object.keys(bump.edit?.changes ?? {}), [uri], 'the bump is a plain edit of the spec');
    const second = accept(offered);
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
    await client.request('workspace/executeCommand', {
      command: 'breakwater.createConfig',
      arguments: [{ path: repo.path('evil.sh'), text: 'accepted: []\n' }],
    });
    assert.ok(!existsSync(repo.path('evil.sh')));
    assert.deepEqual(client.applyEditRequests, []);
  } finally {
    await client.dispose();
    repo.cleanup();
  }
});
