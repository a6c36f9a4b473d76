// The check worker turns the editor's stream of changes into one change since the
// last parse (ChangeSpan), and feeds it to the incremental parser instead of
// comparing two 4 MB texts. That one change must turn the old text into the new one
// exactly, whatever the changes were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeSpan, RevisionParser, type TextChange } from '../../server/src/workspace/revisionParser';
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
  for (const [find, replace] of [
    ['one', 'two'],
    ['/a', '/b'],
    ['title: t', 'title: tt'],
  ]) {
    const start = text.indexOf(find);
    const c = { start, end: start + find.length, newText: replace };
    text = apply(text, c);
    span.add(c);
  }
  const parsed = parser.parse(text, span.change(text));
  assert.equal(parsed.text, text);
  assert.deepEqual(
    JSON.stringify(parsed.root, (k, v) => (k === 'parent' || k === 'id' ? undefined : v instanceof Map ? [...v] : v)),
    JSON.stringify(parseText(text, 'spec.yaml').root, (k, v) => (k === 'parent' || k === 'id' ? undefined : v instanceof Map ? [...v] : v)),
  );
});

test('typing through a broken text: the repair is parsed from the last good tree, as a fragment, and equals a full parse', () => {
  const strip = (root: unknown) => JSON.stringify(root, (k, v) => (k === 'parent' || k === 'id' ? undefined : v instanceof Map ? [...v] : v));
  for (const [file, good] of [
    [
      'spec.json',
      '{\n  "openapi": "3.0.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/a": {"get": {"description": "one", "responses": {}}}\n  }\n}\n',
    ],
    ['spec.yaml', 'openapi: 3.0.0\ninfo:\n  title: t\n  version: "1"\npaths:\n  /a:\n    get:\n      description: one\n      responses: {}\n'],
  ]) {
    const parser = new RevisionParser(file);
    const first = parser.parse(good);
    const root = first.root;
    // Type a new member character by character: broken until the value and the comma are there.
    const typed = file.endsWith('.json') ? '"summary": "hi", ' : 'summary: "hi"\n      ';
    const at = good.indexOf(file.endsWith('.json') ? '"description"' : 'description');
    let text = good;
    let broken = 0;
    for (let i = 1; i <= typed.length; i++) {
      const next = good.slice(0, at) + typed.slice(0, i) + good.slice(at);
      const parsed = parser.parse(next, { start: at + i - 1, end: at + i - 1, newText: typed[i - 1] });
      text = next;
      const full = parseText(text, file);
      assert.equal(parsed.errors.length > 0, full.errors.length > 0, `${file} after ${i} characters`);
      if (full.errors.length > 0) broken++;
      else assert.equal(strip(parsed.root), strip(full.root), `${file} after ${i} characters`);
    }
    const last = parser.parse(text);
    assert.ok(broken > 0, `${file}: the typing went through broken states`);
    assert.equal(last.errors.length, 0);
    assert.equal(last.root, root, `${file}: the repaired text was spliced into the tree of the last good one`);
    assert.ok(last.editLog && last.editLog.seq > 0, `${file}: the splice is in the tree's edit log`);
  }
});

test('random breaks and repairs through the parser equal full parses', () => {
  const rand = seeded(3);
  const strip = (root: unknown) => JSON.stringify(root, (k, v) => (k === 'parent' || k === 'id' ? undefined : v instanceof Map ? [...v] : v));
  const good =
    'openapi: 3.0.0\ninfo:\n  title: t\n  version: "1"\npaths:\n  /a:\n    get:\n      description: one\n      parameters:\n        - {name: q, in: query, schema: {type: string, enum: [a, b]}}\n      responses: {}\n';
  const parser = new RevisionParser('spec.yaml');
  let text = good;
  parser.parse(text);
  for (let i = 0; i < 300; i++) {
    const at = Math.floor(rand() * text.length);
    const breakIt = rand() < 0.5;
    const c = breakIt
      ? { start: at, end: at, newText: ['[', '"', '{', ': :', '\t'][Math.floor(rand() * 5)] }
      : rand() < 0.5
        ? { start: at, end: at, newText: 'x' }
        : { start: 0, end: text.length, newText: good };
    text = apply(text, c);
    const parsed = parser.parse(text, c);
    const full = parseText(text, 'spec.yaml');
    assert.equal(parsed.errors.length > 0, full.errors.length > 0, `step ${i}`);
    if (full.errors.length === 0) assert.equal(strip(parsed.root), strip(full.root), `step ${i}`);
  }
});
