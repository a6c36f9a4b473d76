// The record of root specs checked in the background (workspace/roots/backgroundDocs.ts):
// which roots those are and the texts they read from disk. A read that ends after the
// root was stopped must not bring it back: the language server would otherwise think
// a root is still checked in the background after the editor opened it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BackgroundDocs } from '../../server/src/workspace/roots/backgroundDocs';

const SPEC = 'openapi: 3.0.3\ninfo: { title: Pets, version: 1.0.0 }\npaths: {}\n';

function repo(): { dir: string; root: string; uri: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-background-'));
  const root = path.join(dir, 'openapi.yaml');
  writeFileSync(root, SPEC);
  return { dir, root, uri: 'file:///background/openapi.yaml' };
}

test('a background root is read once per text: an unchanged file keeps its version, a rewritten one gets a newer version', async () => {
  const { dir, root, uri } = repo();
  const docs = new BackgroundDocs();
  docs.start(uri);
  const first = await docs.load(uri, root, dir);
  assert.equal(first?.changed, true);
  assert.equal(first?.doc.getText(), SPEC);
  const again = await docs.load(uri, root, dir);
  assert.equal(again?.changed, false);
  assert.equal(again?.doc.version, first?.doc.version);
  writeFileSync(root, SPEC.replace('paths: {}', 'paths:\n  /pets: {}'));
  const rewritten = await docs.load(uri, root, dir);
  assert.equal(rewritten?.changed, true);
  assert.ok(rewritten && first && rewritten.doc.version > first.doc.version, 'versions only grow');
  assert.equal(docs.get(uri), rewritten?.doc);
});

test('a root stopped while its file is being read is not brought back by the read', async () => {
  const { dir, root, uri } = repo();
  const docs = new BackgroundDocs();
  docs.start(uri);
  const reading = docs.load(uri, root, dir);
  assert.equal(docs.stop(uri), true);
  assert.equal(await reading, undefined);
  assert.equal(docs.has(uri), false);
  assert.equal(docs.get(uri), undefined);
  assert.deepEqual(docs.uris(), []);
  assert.equal(docs.stop(uri), false, 'stopping twice: it was no longer a background root');
});

test('a root whose file is gone, or lies outside the repository, reads as nothing (whether to stop it is the caller’s call)', async () => {
  const { dir, root, uri } = repo();
  const docs = new BackgroundDocs();
  docs.start(uri);
  assert.ok(await docs.load(uri, root, dir));
  rmSync(root);
  assert.equal(await docs.load(uri, root, dir), undefined);
  assert.equal(docs.get(uri), undefined, 'the old text is not offered as the current one');
  assert.equal(docs.has(uri), true);
  const other = repo();
  assert.equal(await docs.load(uri, other.root, dir), undefined, 'a path outside the repository is never read');
});
