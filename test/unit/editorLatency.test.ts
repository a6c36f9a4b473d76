// The wait after a keystroke follows the document's recent checks: short for fast
// ones, longer for slow ones, within a floor (bursts coalesce) and a ceiling; and
// when a spec opened in the editor counts as its base (its result shown at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TYPING_DELAY_MS, MIN_TYPING_DELAY_MS, TypingDelay } from '../../server/src/lsp/typingDelay';
import { sameAsBase } from '../../server/src/lsp/sameAsBase';

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

test('a spec is its base when the texts are equal and it reads no other file (internal $refs in any spelling are fine)', () => {
  const spec =
    "openapi: 3.0.3\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B:\n      $ref: >-\n        #/components/schemas/C\n    C: {type: string}\n";
  assert.equal(sameAsBase(spec, spec), true);
  assert.equal(sameAsBase(spec, spec + ' '), false, 'different text');
  for (const external of [
    '    D: {$ref: other.yaml}\n',
    '    D:\n      $ref: >-\n        other.yaml#/D\n',
    '    D: {"$ref": "./d.json"}\n',
    '    D: {$ref: "https://example.com/d.yaml"}\n',
  ]) {
    assert.equal(sameAsBase(spec + external, spec + external), false, external);
  }
  const json = JSON.stringify(
    { openapi: '3.0.3', paths: {}, components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' } } } },
    null,
    2,
  );
  assert.equal(sameAsBase(json, json), true);
});
