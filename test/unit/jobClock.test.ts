// The check worker's clock: the job running is the oldest unanswered one, and its
// time starts when the one before it is answered, so a check queued behind a slow
// one is not blamed for the wait.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobClock, limitsFrom } from '../../server/src/lsp/worker/limits';

test('a queued job is timed from when the worker gets to it', () => {
  let now = 0;
  const clock = new JobClock(() => now);
  assert.equal(clock.remaining(1000), undefined, 'idle');
  clock.sent(0); // job A starts at once
  now = 400;
  clock.sent(1); // job B waits behind A
  assert.equal(clock.remaining(1000), 600, 'A has run 400 ms');
  now = 900;
  clock.answered(1); // A done; B starts now
  assert.equal(clock.remaining(1000), 1000);
  now = 2100;
  assert.ok(clock.remaining(1000)! < 0, 'B overran');
  clock.answered(0);
  assert.equal(clock.remaining(1000), undefined);
});

test('limits: defaults, and positive numbers from the environment only', () => {
  assert.deepEqual(limitsFrom({}), { checkTimeoutMs: 60_000, memoryMb: 3072 });
  assert.deepEqual(limitsFrom({ BREAKWATER_CHECK_TIMEOUT_MS: '1500', BREAKWATER_CHECK_MEMORY_MB: '512' }), { checkTimeoutMs: 1500, memoryMb: 512 });
  assert.deepEqual(limitsFrom({ BREAKWATER_CHECK_TIMEOUT_MS: '0', BREAKWATER_CHECK_MEMORY_MB: 'lots' }), { checkTimeoutMs: 60_000, memoryMb: 3072 });
});
