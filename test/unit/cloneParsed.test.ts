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
import { refOfMap, type JNode } from '../../server/src/engine/parse/tree';

const STRIPE = path.resolve(__dirname, '../../../../shared/corpus/large/stripe-spec3.json');

/** Every node with its position, in document order; a node met again (an alias) by the index it had. */
function shape(root: JNode | null): string[] {
  const out: string[] = [];
  const seen = new Map<JNode, number>();
  const walk = (n: JNode, via: string) => {
    if (seen.has(n)) return void out.push(`${via} -> #${seen.get(n)}`);
    seen.set(n, seen.size);
    out.push(
      `${via} ${n.kind} ${String(n.key)} ${n.keyStart}-${n.keyEnd} ${n.start}-${n.end} parent:${n.parent ? (seen.get(n.parent) ?? 'elsewhere') : 'none'}${n.kind === 'scalar' ? ' ' + JSON.stringify(n.value) : ''}${n.kind === 'map' ? ' ref:' + String(refOfMap(n)) : ''}`,
    );
    if (n.kind === 'map') for (const [k, c] of n.entries) walk(c, k);
    if (n.kind === 'seq') n.items.forEach((c, i) => walk(c, String(i)));
  };
  if (root) walk(root, '');
  return out;
}

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
  assert.deepEqual(shape(copy.root), shape(parseText(YAML_TEXT, 'a.yaml').root));
  assert.equal(copy.text, parsed.text);
  const original = nodes(parsed.root);
  for (const n of nodes(copy.root)) assert.ok(!original.has(n), 'no node is shared with the original');
});

test('editing the copy leaves the original alone and equals a full parse', () => {
  const parsed = parseText(YAML_TEXT, 'a.yaml');
  const before = shape(parsed.root);
  let copy = cloneParsed(parsed);
  for (const [find, replace] of [
    ['integer', 'string'],
    ['description: ok', 'description: fine'],
    ['/a:', '/b:'],
  ]) {
    const start = copy.text.indexOf(find);
    copy = reparse(copy, { start, end: start + find.length, newText: replace }, 'a.yaml').parsed;
    assert.deepEqual(shape(copy.root), shape(parseText(copy.text, 'a.yaml').root), `after ${find} -> ${replace}`);
  }
  assert.deepEqual(shape(parsed.root), before, 'the original tree is untouched');
});

test('a real 4 MB spec copies to the same tree', { skip: existsSync(STRIPE) ? false : `corpus not found at ${STRIPE}` }, () => {
  const text = readFileSync(STRIPE, 'utf8');
  const parsed = parseText(text, STRIPE);
  assert.deepEqual(shape(cloneParsed(parsed).root), shape(parsed.root));
});

test('an edit in a document with YAML anchors is parsed whole (aliases elsewhere share the anchored node)', () => {
  const parsed = parseText(YAML_TEXT, 'a.yaml');
  const start = YAML_TEXT.indexOf('maxLength: 5');
  const r = reparse(parsed, { start, end: start + 'maxLength: 5'.length, newText: 'maxLength: 6' }, 'a.yaml');
  assert.equal(r.mode, 'full');
  assert.deepEqual(shape(r.parsed.root), shape(parseText(r.parsed.text, 'a.yaml').root));
});
