// Multi-file specs through the real language server (dist/server.js --stdio) in
// real temporary git repositories: a referenced file opened while its root spec is
// NOT open shows the breaking changes that live in it, its status names the root
// specs it belongs to, edits to it re-check those roots, a file added in the
// revision and a retargeted `$ref` are compared correctly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient, type StatusParams } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import {
  A,
  B,
  CATEGORY,
  CATEGORY_LABEL_INTEGER,
  INLINE_ROOT,
  MOVED_PET,
  MOVED_ROOT,
  PET,
  PET_PROPERTIES_LINE,
  PET_WITHOUT_NAME,
  ROOT,
  ROOT_TO_A,
  ROOT_TO_B,
  SORTED_ROOT,
} from './multiFileFixtures';

const REMOVED = 'response-optional-property-removed';
const TYPE_CHANGED = 'response-property-type-changed';

async function withClient(repo: TempRepo, fn: (c: TestClient) => Promise<void>): Promise<void> {
  const client = new TestClient();
  try {
    await client.initialize(repo.uri(''));
    await fn(client);
  } finally {
    await client.dispose();
    repo.cleanup();
  }
}

/** Diagnostics published on a file that specs reference (they carry no document version). */
function diagsOn(c: TestClient, uri: string): Diagnostic[] {
  return c.diagnostics.get(uri)?.diagnostics ?? [];
}

async function waitDiags(c: TestClient, uri: string, predicate: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  await c.waitUntil(
    () => predicate(diagsOn(c, uri)),
    20_000,
    () => `${what}; last on ${uri.replace(/^.*\//, '')}: ${JSON.stringify(diagsOn(c, uri).map((d) => `${d.code}@${d.range.start.line}: ${d.message}`))}`,
  );
  return diagsOn(c, uri);
}

const names = (s: StatusParams) => (s.partOf ?? []).map((r) => r.uri.replace(/^.*\//, '')).sort();
const has = (code: string, line?: number) => (d: Diagnostic[]) => d.some((x) => x.code === code && (line === undefined || x.range.start.line === line));

test('a referenced file opened while its root specs are closed: findings on its lines, status names the roots, edits re-check them', async () => {
  const repo = new TempRepo({
    'openapi.yaml': ROOT,
    'admin.yaml': SORTED_ROOT,
    'schemas/pet.yaml': PET,
    'schemas/category.yaml': CATEGORY,
    'config/unrelated.yaml': 'name: x\nitems: [1, 2]\n',
  });
  await withClient(repo, async (c) => {
    const petUri = repo.uri('schemas/pet.yaml');
    const rootUri = repo.uri('openapi.yaml');
    const adminUri = repo.uri('admin.yaml');
    c.open(petUri, PET);
    // Both roots are found, the one with sorted keys too, and both are checked although neither is open.
    let status = await c.waitForStatus(petUri, (s) => s.partOf?.length === 2 && s.partOf.every((r) => r.state === 'ok'));
    assert.deepEqual(names(status), ['admin.yaml', 'openapi.yaml']);
    assert.equal(status.state, 'ok');
    assert.match(status.baseLabel, /^HEAD [0-9a-f]{7}$/);
    assert.deepEqual(status.counts, { breaking: 0, possiblyBreaking: 0, info: 0 });
    assert.deepEqual(diagsOn(c, petUri), [], 'the committed file has no findings');

    // Deleting a property in the referenced file: reported on its line in this file, for the operations of both roots.
    c.setText(petUri, PET_WITHOUT_NAME);
    const diags = await waitDiags(c, petUri, (d) => d.filter((x) => x.code === REMOVED).length === 2, 'the removal, once per root');
    for (const d of diags) assert.equal(d.range.start.line, PET_PROPERTIES_LINE, 'on the properties key of pet.yaml');
    assert.deepEqual(diags.map((d) => /GET \/(admin\/)?pets/.exec(String(d.message))?.[0]).sort(), ['GET /admin/pets', 'GET /pets']);
    status = await c.waitForStatus(petUri, (s) => s.counts.possiblyBreaking === 1);
    assert.deepEqual(status.counts, { breaking: 0, possiblyBreaking: 1, info: 0 }, 'one change in this file, counted once');
    // Background roots publish nothing on themselves: they are not open.
    assert.equal(c.publications.get(rootUri), undefined);
    assert.equal(c.publications.get(adminUri), undefined);

    // Undoing the edit clears it.
    c.setText(petUri, PET);
    await waitDiags(c, petUri, (d) => d.length === 0, 'the removal is gone after undo');

    // A file reached through another referenced file (root -> pet.yaml -> category.yaml).
    const catUri = repo.uri('schemas/category.yaml');
    c.open(catUri, CATEGORY);
    status = await c.waitForStatus(catUri, (s) => s.partOf?.length === 2);
    assert.deepEqual(names(status), ['admin.yaml', 'openapi.yaml']);
    c.setText(catUri, CATEGORY_LABEL_INTEGER);
    const typeDiags = await waitDiags(c, catUri, has(TYPE_CHANGED), 'the type change in category.yaml');
    assert.ok(
      typeDiags.every((d) => d.range.start.line === 3 || d.range.start.line === 4),
      JSON.stringify(typeDiags.map((d) => d.range)),
    );
    await c.waitForStatus(catUri, (s) => s.counts.breaking === 1);

    // A YAML file no spec references gets no status at all.
    const otherUri = repo.uri('config/unrelated.yaml');
    c.open(otherUri, 'name: x\nitems: [1, 2]\n');
    c.setText(petUri, PET_WITHOUT_NAME); // a later event, to be sure the unrelated file was handled before it
    await waitDiags(c, petUri, has(REMOVED), 'the removal again');
    assert.equal(c.statuses.get(otherUri), undefined);
    assert.equal(c.publications.get(otherUri), undefined);
  });
});

test('a root that stops referencing the open file (changed on disk) is dropped from its status; opening and closing the root hands it over', async () => {
  const repo = new TempRepo({ 'openapi.yaml': ROOT, 'admin.yaml': SORTED_ROOT, 'schemas/pet.yaml': PET, 'schemas/category.yaml': CATEGORY });
  await withClient(repo, async (c) => {
    const petUri = repo.uri('schemas/pet.yaml');
    const rootUri = repo.uri('openapi.yaml');
    c.open(petUri, PET_WITHOUT_NAME);
    await waitDiags(c, petUri, (d) => d.filter((x) => x.code === REMOVED).length === 2, 'the removal from both roots');

    // admin.yaml, closed, no longer uses pet.yaml (an editor's file watcher reports the change).
    writeFileSync(repo.path('admin.yaml'), SORTED_ROOT.replace(`$ref: 'schemas/pet.yaml#/Pet'`, 'type: string'));
    void c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: repo.uri('admin.yaml'), type: 2 }] });
    c.setText(petUri, PET_WITHOUT_NAME + '# edited\n');
    const status = await c.waitForStatus(petUri, (s) => s.partOf?.length === 1);
    assert.deepEqual(names(status), ['openapi.yaml']);
    const diags = await waitDiags(c, petUri, (d) => d.filter((x) => x.code === REMOVED).length === 1, 'only the remaining root reports it');
    assert.match(String(diags[0].message), /GET \/pets\)/);

    // The root opens: it is checked from its buffer; the file keeps its finding.
    c.open(rootUri, ROOT);
    await c.waitForDiagnostics(rootUri, (d) => d.length === 0, 'the root itself has no findings');
    c.setText(petUri, PET_WITHOUT_NAME);
    await waitDiags(c, petUri, has(REMOVED, PET_PROPERTIES_LINE), 'the finding, from the open root');
    // The root closes while pet.yaml is open: it goes on in the background, so edits still re-check it.
    c.close(rootUri);
    c.setText(petUri, PET);
    await waitDiags(c, petUri, (d) => d.length === 0, 'cleared after undo, with the root closed');
    c.setText(petUri, PET_WITHOUT_NAME);
    await waitDiags(c, petUri, has(REMOVED, PET_PROPERTIES_LINE), 'reported again by the background root');
    const last = await c.waitForStatus(petUri, (s) => s.counts.possiblyBreaking === 1 && s.partOf?.[0].state === 'ok');
    assert.deepEqual(names(last), ['openapi.yaml']);
    // Closed root: nothing published on it after its close cleared it.
    assert.deepEqual(c.diagnostics.get(rootUri)?.diagnostics, []);
  });
});

test('a referenced file added in the revision: moving a schema into it is not breaking, changing it is', async () => {
  const repo = new TempRepo({ 'openapi.yaml': INLINE_ROOT });
  // The revision (work tree, uncommitted): Pet moved to a new file the base does not have.
  repo.write('openapi.yaml', MOVED_ROOT);
  repo.write('schemas/moved.yaml', MOVED_PET);
  await withClient(repo, async (c) => {
    const movedUri = repo.uri('schemas/moved.yaml');
    c.open(movedUri, MOVED_PET);
    const status = await c.waitForStatus(movedUri, (s) => s.partOf?.length === 1 && s.partOf[0].state === 'ok');
    assert.deepEqual(names(status), ['openapi.yaml']);
    assert.deepEqual(status.counts, { breaking: 0, possiblyBreaking: 0, info: 0 }, 'a move is no change to the API');
    assert.deepEqual(diagsOn(c, movedUri), []);
    c.setText(movedUri, MOVED_PET.replace('      type: integer\n', '      type: string\n'));
    const diags = await waitDiags(c, movedUri, has(TYPE_CHANGED), 'the type change in the new file');
    assert.equal(diags.find((d) => d.code === TYPE_CHANGED)!.range.start.line, 5);
    // Related information points at the base, where Pet was inline in the root.
    assert.equal(
      diags.find((d) => d.code === TYPE_CHANGED)!.relatedInformation?.[0].location.uri,
      repo.uri('openapi.yaml').replace(/^file:/, 'breakwater-base:'),
    );
    await c.waitForStatus(movedUri, (s) => s.counts.breaking === 1);
  });
});

test('a $ref retargeted to another file with an incompatible schema is breaking, reported in the new target', async () => {
  const repo = new TempRepo({ 'openapi.yaml': ROOT_TO_A, 'a.yaml': A, 'b.yaml': B });
  repo.write('openapi.yaml', ROOT_TO_B);
  await withClient(repo, async (c) => {
    const bUri = repo.uri('b.yaml');
    // b.yaml is unchanged against the base; what changed is which file the root points at.
    c.open(bUri, B);
    const diags = await waitDiags(c, bUri, has(TYPE_CHANGED, 5), 'id integer -> string, on the type line of b.yaml');
    assert.equal(diags.find((d) => d.code === TYPE_CHANGED)!.severity, 1);
    const status = await c.waitForStatus(bUri, (s) => s.counts.breaking === 1);
    assert.deepEqual(names(status), ['openapi.yaml']);
    // a.yaml is no longer used by the revision: opening it shows no root and nothing.
    const aUri = repo.uri('a.yaml');
    c.open(aUri, A);
    c.setText(bUri, B + '# touched\n');
    await waitDiags(c, bUri, has(TYPE_CHANGED, 5), 'still reported after an edit');
    assert.equal(c.statuses.get(aUri), undefined);

    // The same through the open root: retargeting in the buffer reports it on b.yaml too.
    const rootUri = repo.uri('openapi.yaml');
    c.open(rootUri, ROOT_TO_A);
    await c.waitForDiagnostics(rootUri, (d) => d.length === 0, 'pointing at a.yaml again: nothing');
    await waitDiags(c, bUri, (d) => d.length === 0, 'b.yaml unused in the buffer: its finding goes');
    c.setText(rootUri, ROOT_TO_B);
    await waitDiags(c, bUri, has(TYPE_CHANGED, 5), 'retargeted in the buffer');
  });
});
