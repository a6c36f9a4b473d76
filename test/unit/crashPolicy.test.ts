// The client's answer to a crashed language server: restart, say so once, and
// give up (with one error naming the restart command) only when it keeps dying.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CrashPolicy, GAVE_UP_MESSAGE, MAX_RESTARTS, RESTARTED_MESSAGE, WINDOW_MS } from '../../client/src/crashPolicy';

test('a crash restarts the server and is announced once per session', () => {
  let now = 0;
  const policy = new CrashPolicy(() => now);
  assert.deepEqual(policy.closed(), { action: 'restart', notify: RESTARTED_MESSAGE });
  now += WINDOW_MS + 1;
  assert.deepEqual(policy.closed(), { action: 'restart' }, 'the second crash, much later: restarted silently');
  now += WINDOW_MS + 1;
  assert.deepEqual(policy.closed(), { action: 'restart' });
});

test('a server that keeps crashing is stopped with one message; a manual restart starts counting again', () => {
  let now = 0;
  const policy = new CrashPolicy(() => now);
  for (let i = 0; i < MAX_RESTARTS; i++) {
    assert.equal(policy.closed().action, 'restart', `crash ${i + 1}`);
    now += 1000;
  }
  assert.deepEqual(policy.closed(), { action: 'stop', notify: GAVE_UP_MESSAGE });
  assert.match(GAVE_UP_MESSAGE, /Breakwater: Restart Language Server/);
  policy.reset();
  assert.deepEqual(policy.closed(), { action: 'restart' }, 'counted afresh, and already said once');
});
