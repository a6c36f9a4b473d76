// The file-system loader for multi-file specs: relative refs resolve from the
// referring file, nothing outside the root is read (not by ../, not through a
// symbolic link), and each file is parsed once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsLoader } from '../../server/src/workspace/files/workingFiles';
import { compareSpecs } from '../../server/src/engine/index';

const outside = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-outside-')));
writeFileSync(join(outside, 'secret.yaml'), 'Secret:\n  type: string\n');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-fsloader-')));
mkdirSync(join(root, 'api', 'schemas'), { recursive: true });
mkdirSync(join(root, 'shared'));
writeFileSync(join(root, 'api', 'schemas', 'pet.yaml'), 'Pet:\n  type: object\n  properties:\n    error:\n      $ref: "../../shared/errors.yaml#/Error"\n');
writeFileSync(join(root, 'shared', 'errors.yaml'), 'Error:\n  type: string\n');
writeFileSync(join(root, 'api', 'with space.yaml'), 'X:\n  type: integer\n');
symlinkSync(join(outside, 'secret.yaml'), join(root, 'api', 'link.yaml'));
const main = join(root, 'api', 'openapi.yaml');

test('fsLoader: relative refs, ../ inside the root, percent-encoded names', () => {
  const load = fsLoader(root);
  const pet = load(main, 'schemas/pet.yaml');
  assert.ok(pet);
  assert.equal(pet.file, join(root, 'api', 'schemas', 'pet.yaml'));
  assert.equal(pet.root.kind, 'map');
  const errors = load(pet.file, '../../shared/errors.yaml');
  assert.equal(errors?.file, join(root, 'shared', 'errors.yaml'));
  assert.equal(load(main, 'with%20space.yaml')?.file, join(root, 'api', 'with space.yaml'));
  assert.strictEqual(load(main, './schemas/pet.yaml'), pet, 'parsed once, whatever the spelling');
});

test('fsLoader: never reads outside its root', () => {
  const load = fsLoader(join(root, 'api'));
  assert.equal(load(main, '../shared/errors.yaml'), undefined, 'above the root');
  assert.equal(load(main, join(outside, 'secret.yaml')), undefined, 'absolute path elsewhere');
  assert.equal(load(main, 'link.yaml'), undefined, 'symbolic link pointing outside');
  assert.equal(load(main, 'missing.yaml'), undefined);
  assert.equal(load(main, 'schemas'), undefined, 'a folder is not a file');
});

test('fsLoader drives the engine: a change in a referenced file is found there', () => {
  const spec = (schemaRef: string) =>
    `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '${schemaRef}'\n`;
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-fsloader-pair-')));
  for (const side of ['base', 'rev']) mkdirSync(join(dir, side));
  writeFileSync(join(dir, 'base', 'pet.yaml'), 'Pet:\n  type: object\n  properties:\n    name: {type: string}\n');
  writeFileSync(join(dir, 'rev', 'pet.yaml'), 'Pet:\n  type: object\n  properties: {}\n');
  const r = compareSpecs(
    { text: spec('pet.yaml#/Pet'), file: join(dir, 'base', 'openapi.yaml'), external: fsLoader(join(dir, 'base')) },
    { text: spec('pet.yaml#/Pet'), file: join(dir, 'rev', 'openapi.yaml'), external: fsLoader(join(dir, 'rev')) },
  );
  const removed = r.findings.find((f) => f.rule === 'response-optional-property-removed');
  assert.ok(removed, r.findings.map((f) => f.rule).join(', '));
  assert.equal(removed.revision?.file, join(dir, 'rev', 'pet.yaml'));
  assert.equal(removed.base?.file, join(dir, 'base', 'pet.yaml'));
});
