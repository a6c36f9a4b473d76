// A spec opened unchanged gets a copy of its base's tree instead of a second parse:
// the copy must be what a parse gives (same structure, positions, shared aliases),
// share no node with the original, and re-parse incrementally like a parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cloneParsed } from '../../server/src/engine/parse/clone';
import { reparse } from '../../server/src/engine/parse/incremental';
import { parseText } from '../../server/src/engine/parse/parseText';
import type { JNode } from '../../server/src/engine/parse/tree';
import { treeShape } from '../support/treeShape';

const STRIPE = path.resolve(__dirname, '../../../../shared/corpus/large/stripe-spec3.json');

function nodes(root: JNode | null, out = new Set<JNode>()): Set<JNode> {
  if (!root || out.has(root)) return out;
  out.add(root);
  if (root.kind === 'map') for (const c of root.entries.values()) nodes(c, out);
  if (root.kind === 'seq') for (const c of root.items) nodes(c, out);
  return out;
}

const YAML_TEXT = `openapi: 3.0.3
info: {title: t, version: "1"}
x-common: &common
  type: string
  maxLength: 5
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, schema: *common}
        - name: r
          in: query
          schema:
            <<: *common
            maxLength: 9
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
components:
  schemas:
    A: {type: object, properties: {id: {type: integer}}}
`;

test('a copied tree is the parse of the same text, with its own nodes', () => {
  const parsed = parseText(YAML_TEXT, 'a.yaml');
  const copy = cloneParsed(parsed);
  assert.deepEqual(treeShape(copy.root), treeShape(parseText(YAML_TEXT, 'a.yaml').root));
  assert.equal(copy.text, parsed.text);
  const original = nodes(parsed.root);
  for (const n of nodes(copy.root)) assert.ok(!original.has(n), 'no node is shared with the original');
});

test('editing the copy leaves the original alone and equals a full parse', () => {
  const parsed = parseText(YAML_TEXT, 'a.yaml');
  const before = treeShape(parsed.root);
  let copy = cloneParsed(parsed);
  for (const [find, replace] of [
    ['integer', 'string'],
    ['description: ok', 'description: fine'],
    ['/a:', '/b:'],
  ]) {
    const start = copy.text.indexOf(find);
    copy = reparse(copy, { start, end: start + find.length, newText: replace }, 'a.yaml').parsed;
    assert.deepEqual(treeShape(copy.root), treeShape(parseText(copy.text, 'a.yaml').root), `after ${find} -> ${replace}`);
  }
  assert.deepEqual(treeShape(parsed.root), before, 'the original tree is untouched');
});

test('a real 4 MB spec copies to the same tree', { skip: existsSync(STRIPE) ? false : `corpus not found at ${STRIPE}` }, () => {
  const text = readFileSync(STRIPE, 'utf8');
  const parsed = parseText(text, STRIPE);
  assert.deepEqual(treeShape(cloneParsed(parsed).root), treeShape(parsed.root));
});

test('an edit in a document with YAML anchors is parsed whole (aliases elsewhere share the anchored node)', () => {
  const parsed = parseText(YAML_TEXT, 'a.yaml');
  const start = YAML_TEXT.indexOf('maxLength: 5');
  const r = reparse(parsed, { start, end: start + 'maxLength: 5'.length, newText: 'maxLength: 6' }, 'a.yaml');
  assert.equal(r.mode, 'full');
  assert.deepEqual(treeShape(r.parsed.root), treeShape(parseText(r.parsed.text, 'a.yaml').root));
});
