// The incremental re-parse must give exactly what a full parse gives: same tree,
// same positions, same errors, for random edit sequences on real and small specs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseText, type ParsedText } from '../../server/src/engine/parse/parseText';
import { reparse, type TextEdit } from '../../server/src/engine/parse/incremental';
import { treeShape } from '../support/treeShape';

const corpus = path.resolve(__dirname, '../../../../shared/corpus');

function sameAsFull(parsed: ParsedText, file: string): void {
  const full = parseText(parsed.text, file);
  assert.equal(parsed.errors.length > 0, full.errors.length > 0, 'error state differs');
  if (full.errors.length > 0) return;
  assert.deepEqual(treeShape(parsed.root), treeShape(full.root));
  const warnings = (p: ParsedText) => p.warnings.map((w) => `${w.start}-${w.end} ${w.message}`).sort();
  assert.deepEqual(warnings(parsed), warnings(full), 'warnings differ (a duplicate key, nesting too deep)');
}

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomEdit(text: string, rand: () => number): TextEdit {
  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const line = Math.floor(rand() * lineStarts.length);
  const ls = lineStarts[line];
  const le = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  const kind = Math.floor(rand() * 6);
  const inLine = ls + Math.floor(rand() * Math.max(1, le - ls - 1));
  switch (kind) {
    case 0: // type a character
      return { start: inLine, end: inLine, newText: 'x' };
    case 1: // delete a character
      return { start: inLine, end: Math.min(inLine + 1, text.length), newText: '' };
    case 2: // delete the whole line
      return { start: ls, end: le, newText: '' };
    case 3: // duplicate the line
      return { start: le, end: le, newText: text.slice(ls, le) };
    case 4: // break the syntax
      return { start: inLine, end: inLine, newText: ': [' };
    default: // change indentation
      return { start: ls, end: ls, newText: '  ' };
  }
}

function fuzz(text: string, file: string, steps: number, seed: number): { fragment: number; full: number } {
  const rand = rng(seed);
  let parsed = parseText(text, file);
  const counts = { fragment: 0, full: 0 };
  let history: TextEdit[] = [];
  for (let i = 0; i < steps; i++) {
    const edit = randomEdit(parsed.text, rand);
    history.push(edit);
    const r = reparse(parsed, edit, file);
    counts[r.mode]++;
    try {
      sameAsFull(r.parsed, file);
    } catch (e) {
      throw new Error(`seed ${seed}, step ${i}, edit ${JSON.stringify(edit)}: ${(e as Error).message.slice(0, 400)}`, { cause: e });
    }
    parsed = r.parsed;
    if (parsed.errors.length > 0 && rand() < 0.7) {
      // Repair: undo the breaking edit, as a user would.
      const fresh = parseText(text, file);
      parsed = fresh;
      history = [];
    }
  }
  return counts;
}

const SMALL_YAML = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      parameters:
        - name: limit
          in: query
          schema: {type: integer, maximum: 100}
      responses:
        '200':
          description: |
            A list
            of pets
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Pet'
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id:
          type: integer
        name:
          type: string
          enum: [a, b, c]
`;

test('incremental re-parse equals a full parse on random edits (small YAML and JSON)', () => {
  for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 20); seed++) fuzz(SMALL_YAML, 'pets.yaml', 40, seed);
  const json = JSON.stringify(JSON.parse(JSON.stringify(require('yaml').parse(SMALL_YAML))), null, 2);
  for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 20); seed++) fuzz(json, 'pets.json', 40, seed);
});

test('a one-line edit inside a big entry is parsed as a fragment', () => {
  const parsed = parseText(SMALL_YAML, 'pets.yaml');
  const at = SMALL_YAML.indexOf('enum: [a, b, c]');
  const r = reparse(parsed, { start: at + 7, end: at + 8, newText: 'z' }, 'pets.yaml');
  assert.equal(r.mode, 'fragment');
  sameAsFull(r.parsed, 'pets.yaml');
});

test('incremental re-parse equals a full parse on a real spec', (t) => {
  const file = path.join(corpus, 'pairs/03-twilio-events-v1-sinksid-removed/base.yaml');
  if (!existsSync(file)) return t.skip(`corpus not found at ${corpus}`);
  const counts = fuzz(readFileSync(file, 'utf8'), file, 150, 7);
  assert.ok(counts.fragment > counts.full / 2, `mostly incremental: ${JSON.stringify(counts)}`);
});

test('checking an incrementally re-parsed text gives the same findings as a full check', async (t) => {
  const { compareModels, compareSpecs, loadModel, modelOfParsed, SpecInputError } = await import('../../server/src/engine/index');
  const file = path.join(corpus, 'pairs/08-twilio-content-v1-newly-required-request-fields/base.yaml');
  if (!existsSync(file)) return t.skip(`corpus not found at ${corpus}`);
  const text = readFileSync(file, 'utf8');
  const base = loadModel({ text, file }, 'base');
  const rand = rng(11);
  let parsed = parseText(text, file);
  const key = (f: { rule: string; pointer: string; fingerprint: string; revision: { line: number } | null }) =>
    `${f.rule} ${f.pointer} ${f.fingerprint} ${f.revision?.line}`;
  let compared = 0;
  for (let i = 0; i < 120; i++) {
    const r = reparse(parsed, randomEdit(parsed.text, rand), file);
    parsed = r.parsed.errors.length > 0 && rand() < 0.7 ? parseText(text, file) : r.parsed;
    if (parsed.errors.length > 0) continue;
    let incremental;
    try {
      incremental = compareModels(base, modelOfParsed(parsed, file)).findings.map(key);
    } catch (e) {
      if (e instanceof SpecInputError) continue;
      throw e;
    }
    const full = compareSpecs({ text, file }, { text: parsed.text, file }).findings.map(key);
    assert.deepEqual(incremental, full, `step ${i}`);
    compared++;
  }
  assert.ok(compared > 50, `compared ${compared}`);
});

test('an edit inside an entry that repeats a sibling key keeps the duplicate-key warning (YAML and JSON)', () => {
  const yaml = 'openapi: 3.1.0\ninfo: {title: S, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: string\n    A:\n      type: string\n';
  const json = JSON.stringify(
    { openapi: '3.1.0', info: { title: 'S', version: '1' }, paths: {}, components: { schemas: { A: { type: 'string' } } } },
    null,
    2,
  ).replace(/"A": \{\n\s+"type": "string"\n\s+\}/, (m) => `${m},\n      ${m}`);
  for (const [text, file] of [
    [yaml, 'a.yaml'],
    [json, 'a.json'],
  ]) {
    const before = parseText(text, file);
    assert.equal(before.warnings.length, 1, `${file}: the duplicate is warned`);
    const at = text.lastIndexOf('string');
    const parsed = reparse(before, { start: at, end: at + 'string'.length, newText: 'integer' }, file).parsed;
    assert.deepEqual(
      parsed.warnings.map((w) => w.message),
      ['duplicate key "A": the last one is used'],
      file,
    );
    sameAsFull(parsed, file);
  }
});

test('a fragment deep in the tree is cut at the nesting limit where a full parse cuts it (YAML and JSON)', () => {
  let deep: unknown = { v: 1 };
  for (let i = 0; i < 520; i++) deep = { a: deep, b: { c: 1 } };
  const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, 'x-deep': deep };
  for (const [text, file] of [
    [JSON.stringify(doc, null, 1), 'deep.json'],
    [require('yaml').stringify(doc, { indent: 1 }), 'deep.yaml'],
  ]) {
    // A space before the 500th `b`: the entry re-parsed is the `a` beside it, whose values run past the limit.
    let at = -1;
    for (let i = 0; i < 500; i++) at = text.indexOf(file.endsWith('json') ? '"b": {' : 'b:', at + 1);
    const result = reparse(parseText(text, file), { start: at, end: at, newText: ' ' }, file);
    assert.equal(result.mode, 'fragment', file);
    assert.ok(
      result.parsed.warnings.some((w) => w.message.startsWith('nesting deeper')),
      file,
    );
    sameAsFull(result.parsed, file);
  }
});

test('the first key of a block mapping in a sequence item is not re-parsed as a flow member (`- key:[]` is a scalar there)', () => {
  const text = 'openapi: 3.1.0\ninfo: {title: S, version: 1.0.0}\nsecurity:\n  - key: []\npaths: {}\n';
  const at = text.indexOf('key: []') + 4;
  const parsed = reparse(parseText(text, 'a.yaml'), { start: at, end: at + 1, newText: '' }, 'a.yaml').parsed;
  sameAsFull(parsed, 'a.yaml');
});
