// The wait after a keystroke follows the document's recent checks: short for fast
// ones, longer for slow ones, within a floor (bursts coalesce) and a ceiling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TYPING_DELAY_MS, MIN_TYPING_DELAY_MS, TypingDelay } from '../../server/src/lsp/typingDelay';

test('the typing delay is the median of recent checks, between its floor and its ceiling', () => {
  const delay = new TypingDelay();
  const first = delay.ms;
  assert.ok(first >= MIN_TYPING_DELAY_MS && first <= MAX_TYPING_DELAY_MS, 'a sensible wait before any check was timed');
  for (const ms of [20, 30, 25, 40, 35]) delay.checked(ms);
  assert.equal(delay.ms, MIN_TYPING_DELAY_MS, 'fast checks: the floor, so a burst of keystrokes is still one check');
  for (const ms of [120, 130, 2900, 110, 125]) delay.checked(ms);
  assert.equal(delay.ms, 125, 'one slow outlier (a full re-parse) does not move it');
  for (let i = 0; i < 5; i++) delay.checked(5_000);
  assert.equal(delay.ms, MAX_TYPING_DELAY_MS, 'slow checks: the ceiling');
  for (const ms of [80, 90, 70]) delay.checked(ms);
  assert.equal(delay.ms, 90, 'only the last five count: it comes back when checks are fast again');
});
