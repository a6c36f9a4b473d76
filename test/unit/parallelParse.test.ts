// A text parsed on the second thread (what the CLI does with the revision) comes
// back as exactly the tree a parse on this thread makes: every node, key, value
// and position, errors and warnings -- for YAML, JSON, broken text and YAML whose
// anchors share nodes (parsed here instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseText, type ParsedText } from '../../server/src/engine/parse/parseText';
import type { JNode } from '../../server/src/engine/parse/tree';
import { coreIsFree, parseElsewhere, parseOnOtherThread } from '../../server/src/io/parallelParse';
import { corpusDir } from '../support/corpus';

function shape(node: JNode | null, out: string[] = []): string[] {
  if (!node) return out;
  const parent = node.parent ? `${node.parent.kind}@${node.parent.start}` : '-';
  out.push(
    `${node.kind}:${String(node.key)}:${node.keyStart}-${node.keyEnd}:${node.start}-${node.end}:${parent}${node.kind === 'map' ? `ref=${node.ref ?? ''}` : ''}${node.kind === 'scalar' ? '=' + JSON.stringify(node.value) + typeof node.value : ''}`,
  );
  if (node.kind === 'map') for (const c of node.entries.values()) shape(c, out);
  if (node.kind === 'seq') for (const c of node.items) shape(c, out);
  return out;
}

function assertSameParse(there: ParsedText, here: ParsedText, label: string): void {
  assert.deepEqual(shape(there.root), shape(here.root), label);
  assert.deepEqual(there.errors, here.errors, `${label}: errors`);
  assert.deepEqual(there.warnings, here.warnings, `${label}: warnings`);
  assert.equal(there.format, here.format);
  assert.equal(there.text, here.text);
  assert.deepEqual(there.lines.position(there.text.length - 1), here.lines.position(here.text.length - 1));
}

const YAML_SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - name: q
          in: query
          schema: {type: array, items: {type: integer}, default: [1, 2]}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet: {type: object, required: [id], properties: {id: {type: integer}, when: {type: string, example: 2024-01-01}, n: {type: number, example: 0x1F}, no: {example: ~}}}
    Pet: {type: object}
`;

test('a text parsed on the other thread is the same parse as one made here', async () => {
  const json = JSON.stringify(JSON.parse(JSON.stringify(require('yaml').parse(YAML_SPEC, { uniqueKeys: false }))), null, 2);
  const cases: [string, string][] = [
    ['pets.yaml', YAML_SPEC],
    ['pets.json', json],
    ['commented.json', '// c\n' + json.replace('{', '{ /* x */')],
    ['broken.json', json.replace('"paths"', '"paths" "x"')],
    ['broken.yaml', YAML_SPEC.replace('  /pets/{id}:', '  /pets/{id}: [')],
    ['empty.yaml', ''],
  ];
  for (const [file, text] of cases) {
    const there = await parseOnOtherThread(text, file);
    assert.ok(there, `${file}: parsed on the other thread`);
    assertSameParse(there, parseText(text, file), file);
  }
});

test('YAML anchors and aliases (shared nodes) come back shared: the text is parsed here', async () => {
  const text = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx-a: &a {k: 1}\nx-b: *a\n';
  assert.equal(await parseOnOtherThread(text, 'a.yaml'), undefined, 'not packed: shared nodes');
  const parsed = await parseElsewhere(text, 'a.yaml', 0);
  const root = parsed.root as { entries: Map<string, JNode> };
  assert.equal(root.entries.get('x-a'), root.entries.get('x-b'), 'one node in two places');
  assertSameParse(parsed, parseText(text, 'a.yaml'), 'anchors');
});

test('a large corpus spec parsed on the other thread equals one parsed here', async (t) => {
  const corpus = corpusDir();
  if (!corpus) return t.skip('corpus not found (/work/shared/corpus)');
  for (const name of ['pairs/06-twilio-api-v2010-usage-category-enum-dropped/base.json', 'pairs/04-twilio-flex-v1-201-to-200/base.yaml']) {
    const text = readFileSync(path.join(corpus, name), 'utf8');
    const there = await parseOnOtherThread(text, name);
    assert.ok(there, `${name}: parsed on the other thread`);
    assertSameParse(there, parseText(text, name), name);
  }
});

test('the second thread is used only when a core is idle now', () => {
  assert.equal(coreIsFree(1, 1), false, 'one core: nothing runs beside this thread');
  assert.equal(coreIsFree(2, 1), true, 'two cores, only this thread runnable');
  assert.equal(coreIsFree(2, 2), false, 'two cores, another thread runnable: the parse would compete with it');
  assert.equal(coreIsFree(4, 3), true);
  assert.equal(coreIsFree(4, 9), false);
  assert.equal(coreIsFree(2, undefined), true, 'no count of runnable threads (not Linux): two cores, one taken as free');
});
