// The revision side's reader of referenced files: open buffers win over the disk,
// and a cached parse is only reused for exactly the text it was parsed from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkingFiles } from '../../server/src/workspace/files/workingFiles';

test('a referenced file closed and opened again (its version starts over at 1) is read anew, not from the old parse', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-working-'));
  const root = path.join(dir, 'openapi.yaml');
  const pet = path.join(dir, 'pet.yaml');
  writeFileSync(pet, 'type: object\n');
  let buffer: { text: string; version: number } | undefined = { text: 'type: object\ntitle: first\n', version: 1 };
  const files = new WorkingFiles((p) => (p === pet ? buffer : undefined));
  const titleOf = () => {
    const loaded = files.loader(dir)(root, './pet.yaml');
    const title = loaded?.root.kind === 'map' ? loaded.root.entries.get('title') : undefined;
    return title?.kind === 'scalar' ? title.value : undefined;
  };
  assert.equal(titleOf(), 'first');
  // Closed without saving, opened again with other unsaved text: version 1 again.
  buffer = { text: 'type: object\ntitle: second\n', version: 1 };
  assert.equal(titleOf(), 'second');
  // Closed: the disk.
  buffer = undefined;
  assert.equal(titleOf(), undefined);
});

test('a referenced file with the same text on both sides is parsed once; a different text gets its own tree', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-shared-'));
  const root = path.join(dir, 'openapi.yaml');
  const pet = path.join(dir, 'pet.yaml');
  writeFileSync(pet, 'type: object\n');
  const side = (text: string) => new WorkingFiles((p) => (p === pet ? { text, version: 1 } : undefined)).loader(dir)(root, './pet.yaml');
  const a = side('type: object\ntitle: same\n');
  const b = side('type: object\ntitle: same\n');
  const c = side('type: object\ntitle: other\n');
  assert.ok(a && b && c);
  assert.equal(a.root, b.root, 'same text: one parse');
  assert.notEqual(a.root, c.root, 'other text: its own parse');
  assert.equal(side('type: object\ntitle: same\n')?.root, a.root, 'both versions are kept');
});

test('one loader (one check) reads each file once, however many $refs name it; the next loader sees the file as it is now', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-snapshot-'));
  const root = path.join(dir, 'openapi.yaml');
  const pet = path.join(dir, 'pet.yaml');
  writeFileSync(pet, 'type: object\ntitle: before\n');
  const files = new WorkingFiles();
  const titleOf = (loaded: ReturnType<ReturnType<WorkingFiles['loader']>>) => {
    const title = loaded?.root.kind === 'map' ? loaded.root.entries.get('title') : undefined;
    return title?.kind === 'scalar' ? title.value : undefined;
  };
  const check = files.loader(dir);
  const first = check(root, './pet.yaml');
  assert.equal(titleOf(first), 'before');
  // Changed on disk (another size) while the check runs: the check keeps the version it started with...
  writeFileSync(pet, 'type: object\ntitle: after the change\n');
  assert.equal(check(path.join(dir, 'sub', 'x.yaml'), '../pet.yaml'), first, 'the same file named from elsewhere: the same parse');
  assert.equal(titleOf(check(root, 'pet.yaml')), 'before');
  // ... and the next check reads the new one.
  assert.equal(titleOf(files.loader(dir)(root, './pet.yaml')), 'after the change');
});
