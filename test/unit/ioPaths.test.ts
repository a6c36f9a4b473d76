// The pure parts of the I/O layer: finding `$ref` targets in raw text, path
// containment, and a folder's entry file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { externalRefFiles } from '../../server/src/io/refScan';
import { decodeRefPath, isInside, isRemoteRef, resolveRefTarget, toRepoPath } from '../../server/src/io/paths';
import { EntryFileError, findEntryFile } from '../../server/src/io/entryFile';

test('externalRefFiles: every quoting style, JSON too; local and remote refs are not files', () => {
  const yaml = [
    "a: {$ref: 'schemas/pet.yaml#/Pet'}",
    'b:',
    '  $ref: "../shared/errors.yaml#/Error"',
    'c:',
    '  $ref: plain.yml',
    'd:',
    "  $ref: '#/components/schemas/Local'",
    'e:',
    '  $ref: https://example.com/remote.yaml',
    'f:',
    '  $ref: schemas/pet.yaml', // duplicates collapse
  ].join('\n');
  assert.deepEqual(externalRefFiles(yaml), ['schemas/pet.yaml', '../shared/errors.yaml', 'plain.yml']);
  assert.deepEqual(externalRefFiles('{"x": {"$ref": "a%20b.json#/X"}, "y": {"$ref":"#/y"}}'), ['a%20b.json']);
  assert.deepEqual(externalRefFiles('openapi: 3.0.0\n'), []);
});

test('paths: containment, URI decoding, remote detection, git spelling', () => {
  assert.equal(isInside('/repo', '/repo'), true);
  assert.equal(isInside('/repo', '/repo/a/b.yaml'), true);
  assert.equal(isInside('/repo', '/repository/b.yaml'), false, 'a sibling with the same prefix is outside');
  assert.equal(isInside('/repo', '/etc/passwd'), false);
  assert.equal(isInside('/repo', '/repo/../etc'), false);
  assert.equal(isInside('/repo', '/repo/a/../../etc/passwd'), false, 'a prefix match that climbs out is outside');
  assert.equal(isInside('/repo/', '/repo/a.yaml'), true, 'a root spelt with a trailing separator');
  assert.equal(isInside('/repo/', '/repo'), true);
  assert.equal(isInside('/repo', '/repo/..data/a.yaml'), true, 'a folder whose name starts with two dots is inside');
  assert.equal(isInside('/repo/a/..', '/repo/b.yaml'), true, 'a root that is not normalized');
  assert.equal(decodeRefPath('a%20b.yaml'), 'a b.yaml');
  assert.equal(decodeRefPath('100%.yaml'), '100%.yaml', 'a malformed escape is kept as written');
  assert.equal(isRemoteRef('https://x/y.yaml'), true);
  assert.equal(isRemoteRef('file:///etc/passwd'), true);
  assert.equal(isRemoteRef('schemas/a.yaml'), false);
  assert.equal(resolveRefTarget('/repo/api/openapi.yaml', '../shared/e.yaml'), '/repo/shared/e.yaml');
  assert.equal(toRepoPath('/repo', '/repo/api/openapi.yaml'), 'api/openapi.yaml');
});

test('findEntryFile: the one top-level OpenAPI document of a folder', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-entry-')));
  const spec = 'openapi: "3.0.0"\ninfo: {title: t, version: "1"}\npaths: {}\n';
  mkdirSync(join(dir, 'one'));
  writeFileSync(join(dir, 'one', 'DigitalOcean-public.v2.yaml'), spec);
  writeFileSync(join(dir, 'one', 'description.yml'), 'introduction: |\n  text\n');
  writeFileSync(join(dir, 'one', 'notes.txt'), 'openapi: 3.0.0\n');
  assert.equal(findEntryFile(join(dir, 'one')), join(dir, 'one', 'DigitalOcean-public.v2.yaml'));

  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'nested', 'api.yaml'), spec);
  writeFileSync(join(dir, 'nested', 'fragment.yaml'), 'Thing:\n  openapi: 3.0.0\n'); // sniffed, but not at the top level
  assert.equal(findEntryFile(join(dir, 'nested')), join(dir, 'nested', 'api.yaml'));

  mkdirSync(join(dir, 'none'));
  assert.throws(
    () => findEntryFile(join(dir, 'none')),
    (e: unknown) => e instanceof EntryFileError && /^no OpenAPI entry file in this folder/.test(e.message),
  );

  mkdirSync(join(dir, 'two'));
  writeFileSync(join(dir, 'two', 'a.yaml'), spec);
  writeFileSync(join(dir, 'two', 'b.json'), '{"swagger": "2.0", "paths": {}}');
  assert.throws(() => findEntryFile(join(dir, 'two')), { message: 'several OpenAPI entry files in this folder (a.yaml, b.json); name the file instead' });
});
