// The demo (scripts/demo.mjs) says what it shows: the sample's uncommitted edit,
// compared by the built CLI with the committed version, gives the counts that
// the README and the demo's own instructions announce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(__dirname, '../../..');
const ANNOUNCED = '3 breaking, 1 possibly breaking';

test('the demo sample has the changes the README and the demo announce', async () => {
  // A real ES module import (tsc would turn a plain import() into require()).
  const load = new Function('u', 'return import(u)') as (u: string) => Promise<{ sampleVersions: () => { head: string; working: string } }>;
  const { sampleVersions } = await load(pathToFileURL(join(ROOT, 'scripts', 'demo', 'sample.mjs')).href);
  const { head, working } = sampleVersions();
  const dir = mkdtempSync(join(tmpdir(), 'breakwater-demo-'));
  try {
    writeFileSync(join(dir, 'head.yaml'), head);
    writeFileSync(join(dir, 'working.yaml'), working);
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'diff', 'head.yaml', 'working.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`^${ANNOUNCED}, \\d+ not breaking$`, 'm'), r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(readFileSync(join(ROOT, 'README.md'), 'utf8').includes(ANNOUNCED), 'README.md');
  assert.ok(readFileSync(join(ROOT, 'scripts', 'demo.mjs'), 'utf8').includes(`(${ANNOUNCED})`), "the demo's instructions");
});
