// Positions must survive every YAML feature a real spec uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText, loadSpec } from '../../server/src/engine/index';
import { nodeAtPointer, pointerOf } from '../../server/src/engine/parse/tree';

function lineOf(text: string, pointer: string): number {
  const parsed = parseText(text, 'x.yaml');
  const node = nodeAtPointer(parsed.root!, pointer);
  assert.ok(node, `nothing at ${pointer}`);
  return parsed.lines.position(node.keyStart).line + 1;
}

test('block, flow and multi-line values keep their key lines', () => {
  const text = [
    'a:', //1
    '  description: |', //2
    '    first', //3
    '    second', //4
    '  tags: [x, y]', //5
    '  flow: {k: v, other: {deep: 1}}', //6
    '  "quoted key": 2', //7
    '  folded: >-', //8
    '    text', //9
    '  after: 3', //10
  ].join('\n');
  assert.equal(lineOf(text, '/a/description'), 2);
  assert.equal(lineOf(text, '/a/tags/1'), 5);
  assert.equal(lineOf(text, '/a/flow/other/deep'), 6);
  assert.equal(lineOf(text, '/a/quoted key'), 7);
  assert.equal(lineOf(text, '/a/after'), 10);
});

test('anchors and aliases share the anchored node; merge keys merge', () => {
  const text = 'base: &b\n  x: 1\n  y: 2\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n';
  const parsed = parseText(text, 'x.yaml');
  const use = nodeAtPointer(parsed.root!, '/use/x')!;
  assert.equal(pointerOf(use), '/base/x');
  const merged = nodeAtPointer(parsed.root!, '/merged')!;
  assert.equal(merged.kind, 'map');
  if (merged.kind === 'map') {
    assert.deepEqual([...merged.entries.keys()].sort(), ['x', 'y']);
    const y = merged.entries.get('y')!;
    assert.equal(y.kind === 'scalar' && y.value, 3);
  }
});

test('duplicate keys are a warning and the last one wins', () => {
  const parsed = parseText('a: 1\nb: 2\na: 3\n', 'x.yaml');
  assert.equal(parsed.errors.length, 0);
  assert.equal(parsed.warnings.length, 1);
  assert.match(parsed.warnings[0].message, /duplicate key "a"/);
  assert.equal(parsed.lines.position(parsed.warnings[0].start).line, 2);
  const a = nodeAtPointer(parsed.root!, '/a')!;
  assert.equal(a.kind === 'scalar' && a.value, 3);
});

test('JSON with tabs and escaped keys maps pointers to lines', () => {
  const text = '{\n\t"paths": {\n\t\t"/a/{id}": {\n\t\t\t"get": {"x~y": 1}\n\t\t}\n\t}\n}';
  assert.equal(lineOf(text, '/paths/~1a~1{id}/get/x~0y'), 4);
});

test('numeric keys keep their source spelling', () => {
  const parsed = parseText("responses:\n  200: {}\n  '201': {}\n  2XX: {}\n", 'x.yaml');
  const r = nodeAtPointer(parsed.root!, '/responses')!;
  assert.ok(r.kind === 'map');
  if (r.kind === 'map') assert.deepEqual([...r.entries.keys()], ['200', '201', '2XX']);
});

test('syntax errors carry a position; non-OpenAPI documents are recognised', () => {
  const bad = loadSpec('openapi: 3.0.0\npaths:\n  /a: [\n', 'x.yaml');
  assert.equal(bad.kind, 'syntax-error');
  const k8s = loadSpec('apiVersion: v1\nkind: Pod\n', 'pod.yaml');
  assert.equal(k8s.kind, 'not-openapi');
  const v4 = loadSpec('openapi: 4.0.0\n', 'x.yaml');
  assert.equal(v4.kind, 'unsupported-version');
});

test('deep nesting is cut off with a warning instead of crashing', () => {
  const depth = 10000;
  const text = 'openapi: 3.0.0\nx: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
  const parsed = parseText(text, 'x.yaml');
  assert.ok(parsed.errors.length > 0 || parsed.warnings.some((w) => /nest/.test(w.message)));
});

test('a YAML alias bomb is neither expanded by parsing nor by comparison', async () => {
  const { compareSpecs } = await import('../../server/src/engine/index');
  let bomb = 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 10; i++)
    bomb += `x-a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  bomb +=
    'paths:\n  /p:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: string\n                default: *a9\n                enum: [*a9]\n';
  const t = Date.now();
  const r = compareSpecs({ text: bomb, file: 'a.yaml' }, { text: bomb.replace('type: string', 'type: string\n                maxLength: 3'), file: 'b.yaml' });
  assert.ok(Date.now() - t < 20000, 'finished');
  assert.deepEqual(
    r.findings.map((f) => f.rule),
    ['response-body-max-length-set'],
  );
});

test('plain pointers keep "%" in keys; $ref fragments are percent-decoded', () => {
  const parsed = parseText('paths:\n  /a%20b: 1\n  /a b: 2\n', 'x.yaml');
  const plain = nodeAtPointer(parsed.root!, '/paths/~1a%20b')!;
  assert.equal(plain.kind === 'scalar' && plain.value, 1);
  const fragment = nodeAtPointer(parsed.root!, '#/paths/~1a%20b')!;
  assert.equal(fragment.kind === 'scalar' && fragment.value, 2);
});
