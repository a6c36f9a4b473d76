// Root discovery for referenced files on hostile trees, through the real server:
// cyclic `$ref`s, named pipes (any read would block forever), symbolic links and
// `$ref`s out of the repository, a root deleted from disk, and an unparsable root.
// Each must end in an answer, never in a hang or a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { mkfifoSync } from '../support/fifo';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { PET, PET_PROPERTIES_LINE, PET_WITHOUT_NAME, ROOT } from './multiFileFixtures';

const REMOVED = 'response-optional-property-removed';
const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);

test('cyclic refs, pipes, links out of the repository and a root deleted from disk: answered, never hung', async () => {
  // category.yaml and pet.yaml reference each other; the root also references a pipe and a file outside.
  const cyclicPet = PET.replace(`'./category.yaml#/Category'`, `'./category.yaml#/Category'`);
  const cyclicCategory = `Category:\n  type: object\n  properties:\n    best:\n      $ref: './pet.yaml#/Pet'\n`;
  const outside = new TempRepo();
  writeFileSync(outside.path('secret.yaml'), 'openapi: 3.0.3\nx: {$ref: "./x.yaml"}\n');
  const root = ROOT.replace(
    'paths:\n',
    `x-extra:\n  pipe: {$ref: './schemas/pipe.yaml'}\n  away: {$ref: '../${outside.root.split('/').pop()}/secret.yaml'}\n  link: {$ref: './schemas/link.yaml'}\npaths:\n`,
  );
  const repo = new TempRepo({ 'openapi.yaml': root, 'schemas/pet.yaml': cyclicPet, 'schemas/category.yaml': cyclicCategory });
  mkfifoSync(repo.path('schemas/pipe.yaml'));
  mkfifoSync(repo.path('schemas/another-pipe.json'));
  symlinkSync(outside.path('secret.yaml'), repo.path('schemas/link.yaml'));
  mkdirSync(repo.path('node_modules/pkg'), { recursive: true });
  writeFileSync(repo.path('node_modules/pkg/openapi.yaml'), ROOT); // a root below node_modules is not looked for
  const client = new TestClient();
  try {
    await client.initialize(repo.uri(''));
    const catUri = repo.uri('schemas/category.yaml');
    const petUri = repo.uri('schemas/pet.yaml');
    client.open(catUri, cyclicCategory);
    const status = await client.waitForStatus(catUri, (s) => s.partOf?.length === 1 && s.partOf[0].state === 'ok');
    assert.equal(status.partOf![0].uri, repo.uri('openapi.yaml'), 'only the root inside the repository, not the link target nor node_modules');
    client.open(petUri, PET_WITHOUT_NAME);
    const diags = await waitOn(client, petUri, has(REMOVED));
    assert.equal(diags.find((d) => d.code === REMOVED)!.range.start.line, PET_PROPERTIES_LINE);

    // The root turns into half-typed YAML on disk: the last results stay, marked by the root's state.
    writeFileSync(repo.path('openapi.yaml'), root + 'paths: [\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: repo.uri('openapi.yaml'), type: 2 }] });
    await client.waitForStatus(petUri, (s) => s.partOf?.[0].state === 'syntax-error', 20_000);

    // The root is deleted: the files it referenced no longer belong to a spec.
    rmSync(repo.path('openapi.yaml'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: repo.uri('openapi.yaml'), type: 3 }] });
    client.setText(petUri, PET_WITHOUT_NAME + '# edited\n');
    await client.waitForStatus(petUri, (s) => s.state === 'not-openapi' && !s.partOf, 20_000);
    await waitOn(client, petUri, (d) => d.length === 0);
    // The server still answers.
    assert.equal(await client.hover(petUri, 0, 0), null);
    assert.equal(client.exit, undefined);
    assert.equal(client.stderrText, '');
  } finally {
    await client.dispose();
    repo.cleanup();
    outside.cleanup();
  }
});

async function waitOn(c: TestClient, uri: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const get = () => c.diagnostics.get(uri)?.diagnostics ?? [];
  await c.waitUntil(
    () => predicate(get()),
    20_000,
    () => `diagnostics on ${uri}: ${JSON.stringify(get().map((d) => `${d.code}@${d.range.start.line}`))}`,
  );
  return get();
}
