// The check worker turns the editor's stream of changes into one change since the
// last parse (ChangeSpan), and feeds it to the incremental parser instead of
// comparing two 4 MB texts. That one change must turn the old text into the new one
// exactly, whatever the changes were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeSpan, RevisionParser, type TextChange } from '../../server/src/lsp/revisionParser';
import { parseText } from '../../server/src/engine/parse/parseText';
import { seeded } from '../support/mutate';

const apply = (text: string, c: TextChange) => text.slice(0, c.start) + c.newText + text.slice(c.end);

test('one change equals any series of changes', () => {
  const rand = seeded(7);
  const alphabet = 'ab\n \r:{}x\uD83D\uDE00';
  for (let round = 0; round < 2000; round++) {
    const original = Array.from({ length: Math.floor(rand() * 40) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    let text = original;
    const span = new ChangeSpan();
    const steps = 1 + Math.floor(rand() * 6);
    for (let i = 0; i < steps; i++) {
      const start = Math.floor(rand() * (text.length + 1));
      const end = start + Math.floor(rand() * (text.length - start + 1));
      const newText = Array.from({ length: Math.floor(rand() * 4) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const c = { start, end, newText };
      text = apply(text, c);
      span.add(c);
    }
    const one = span.change(text)!;
    assert.equal(apply(original, one), text, `round ${round}`);
  }
  assert.equal(new ChangeSpan().change('abc'), undefined, 'no changes, no change');
});

test('the parser given the change parses what a full parse gives', () => {
  const parser = new RevisionParser('spec.yaml');
  let text = 'openapi: 3.0.0\ninfo:\n  title: t\n  version: "1"\npaths:\n  /a:\n    get:\n      description: one\n';
  parser.parse(text);
  const span = new ChangeSpan();
  for (const [find, replace] of [['one', 'two'], ['/a', '/b'], ['title: t', 'title: tt']]) {
    const start = text.indexOf(find);
    const c = { start, end: start + find.length, newText: replace };
    text = apply(text, c);
    span.add(c);
  }
  const parsed = parser.parse(text, span.change(text));
  assert.equal(parsed.text, text);
  assert.deepEqual(JSON.stringify(parsed.root, (k, v) => (k === 'parent' || k === 'id' ? undefined : v instanceof Map ? [...v] : v)), JSON.stringify(parseText(text, 'spec.yaml').root, (k, v) => (k === 'parent' || k === 'id' ? undefined : v instanceof Map ? [...v] : v)));
});
