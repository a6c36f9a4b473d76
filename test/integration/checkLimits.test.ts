// A check is bounded in time and memory: one that exceeds its limit is abandoned
// with a message saying which limit it hit (the check worker is stopped, not left
// running), the server keeps serving, and the next document is checked normally.
// The limits come from BREAKWATER_CHECK_TIMEOUT_MS / BREAKWATER_CHECK_MEMORY_MB
// (defaults: 60 s, 3072 MB); here they are set low so a 3 MB spec of many small operations (about 4 s and
// 500 MB to check) exceeds them, and the pet store stays far within them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { denseSpec, PETS_REMOVED } from '../support/badInputs';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { PETS_YAML } from './fixtures';

const REMOVED = 'response-optional-property-removed';
const DENSE = denseSpec(3);
const repo = new TempRepo({ 'openapi.yaml': PETS_YAML, 'dense.yaml': DENSE });
after(() => repo.cleanup());

async function overLimit(env: Record<string, string>, message: string): Promise<void> {
  const client = new TestClient({ env: { ...process.env, ...env } });
  try {
    await client.initialize(pathToFileURL(repo.root).toString());
    const dense = repo.uri('dense.yaml');
    const t0 = Date.now();
    client.open(dense, DENSE.replace('minimum: 0', 'minimum: 1'));
    const d = await client.waitForDiagnostics(dense, (x) => x.length > 0, 'the abandoned check', 60_000);
    assert.deepEqual(
      d.map((x) => `${x.code}: ${String(x.message)}`),
      [`check-failed: Breakwater could not check this document: ${message}`],
    );
    const status = await client.waitForStatus(dense, (s) => s.state === 'error');
    assert.equal(status.message, message);
    assert.ok(Date.now() - t0 < 30_000, `abandoned promptly (${Date.now() - t0} ms)`);
    // The server lives on: a small spec is checked normally by a fresh worker.
    const small = repo.uri('openapi.yaml');
    client.open(small, PETS_REMOVED);
    await client.waitForDiagnostics(small, (x) => x.some((y) => y.code === REMOVED), 'the next document checked normally');
    assert.equal(client.exit, undefined, 'the server process is alive');
    assert.equal(client.stderrText, '');
  } finally {
    await client.dispose();
  }
}

test('a check over its time limit is stopped with a message', { timeout: 120_000 }, () =>
  overLimit(
    { BREAKWATER_CHECK_TIMEOUT_MS: '1500' },
    'the check was stopped after 1.5 s, its time limit; it runs again after the next edit (the CLI has no limit: breakwater check)',
  ),
);

test('a check over its memory limit is stopped with a message', { timeout: 120_000 }, () =>
  overLimit(
    { BREAKWATER_CHECK_MEMORY_MB: '48' },
    'the check was stopped when it needed more than 48 MB of memory, its limit; it runs again after the next edit (the CLI has no limit: breakwater check)',
  ),
);
