// The incremental re-parser updates the line index of the edited text instead of
// scanning it whole: the result must be the index a scan would build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/parse/lineIndex';
import { reparse } from '../../server/src/engine/parse/incremental';
import { parseText } from '../../server/src/engine/parse/parseText';
import { seeded } from '../support/mutate';

const startsOf = (lines: LineIndex) => Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));

test('a line index updated after an edit equals one built from the new text', () => {
  const rand = seeded(3);
  const alphabet = 'ab\n\n\r x';
  const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  for (let round = 0; round < 3000; round++) {
    const text = pick(Math.floor(rand() * 30));
    const start = Math.floor(rand() * (text.length + 1));
    const end = start + Math.floor(rand() * (text.length - start + 1));
    const edit = { start, end, newText: pick(Math.floor(rand() * 5)) };
    const after = text.slice(0, start) + edit.newText + text.slice(end);
    const updated = LineIndex.afterEdit(new LineIndex(text), after, edit);
    assert.deepEqual(startsOf(updated), startsOf(new LineIndex(after)), `round ${round}: ${JSON.stringify({ text, edit })}`);
  }
});

test('the incremental re-parse hands on a correct line index', () => {
  let parsed = parseText('openapi: 3.0.0\npaths:\n  /a:\n    get:\n      description: one\n  /b:\n    get: {}\n', 'a.yaml');
  for (const [find, replace] of [
    ['one', 'one\n        two'],
    ['/b', '/bb'],
    ['one\n        two', 'x'],
  ]) {
    const start = parsed.text.indexOf(find);
    const r = reparse(parsed, { start, end: start + find.length, newText: replace }, 'a.yaml');
    assert.equal(r.mode, 'fragment');
    parsed = r.parsed;
    assert.deepEqual(startsOf(parsed.lines), startsOf(new LineIndex(parsed.text)));
  }
});
