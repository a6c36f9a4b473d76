// JSON is parsed by jsonc-parser (fast) and must give exactly the tree the YAML
// parser gave for the same text before: node kinds, keys, values, offsets, key
// offsets, $ref fields and warnings -- on every JSON spec of the corpus, on
// hand-made corner cases, and on randomly edited JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseText, parseTextWithYamlPackage, type ParsedText } from '../../server/src/engine/parse/parseText';
import { blankJsonComments } from '../../server/src/engine/parse/jsonComments';
import { reparse } from '../../server/src/engine/parse/incremental';
import { corpusDir, filesUnder } from '../support/corpus';
import { seeded } from '../support/mutate';
import { firstDifference, treeShape } from '../support/treeShape';

/** The YAML parser's reading of a JSON text (as Breakwater read JSON before: comments blanked, then YAML). */
function yamlReading(text: string): ParsedText {
  return parseTextWithYamlPackage(blankJsonComments(text)?.text ?? text, 'same.yaml');
}

function assertSameTree(text: string, label: string): ParsedText {
  const json = parseText(text, 'spec.json');
  const yaml = yamlReading(text);
  assert.equal(json.format, 'json');
  assert.deepEqual(json.errors, [], `${label}: jsonc-parser reports no error`);
  assert.deepEqual(yaml.errors, [], `${label}: yaml reports no error`);
  const difference = firstDifference(treeShape(json.root), treeShape(yaml.root));
  assert.equal(difference, undefined, `${label}: jsonc-parser and yaml differ at ${difference}`);
  assert.deepEqual(json.warnings, yaml.warnings, `${label}: same warnings`);
  return json;
}

test('every JSON spec of the corpus: the jsonc-parser tree equals the yaml tree, positions included', (t) => {
  const corpus = corpusDir();
  if (!corpus) return t.skip('corpus not found (/work/shared/corpus)');
  const files = [
    ...filesUnder(path.join(corpus, 'large'), '.json').filter((f) => path.dirname(f) === path.join(corpus, 'large') && !f.endsWith('index.json')),
    ...filesUnder(path.join(corpus, 'small'), '.json'),
    ...filesUnder(path.join(corpus, 'pairs'), '.json').filter((f) => !f.endsWith('pairs.json')),
  ];
  assert.ok(
    files.some((f) => f.endsWith('stripe-spec3.json')),
    'Stripe is among them',
  );
  let nodes = 0;
  for (const file of files) {
    const parsed = assertSameTree(readFileSync(file, 'utf8'), path.relative(corpus, file));
    nodes += treeShape(parsed.root).length;
  }
  t.diagnostic(`${files.length} JSON specs, ${nodes} nodes compared`);
});

test('corner cases: comments, trailing commas, duplicate keys, escapes, numbers, empty and deep collections', () => {
  const cases: [string, string][] = [
    ['comments', '// head\n{\n  "a": 1, // one\n  /* block\n  */ "b": [1, /* x */ 2],\n  "url": "http://x//y/*z*/"\n}\n'],
    ['trailing commas', '{"a": [1, 2,], "b": {"c": true,},}'],
    ['duplicate keys', '{"a": 1, "b": {"x": 1, "x": 2}, "a": {"y": null}}'],
    ['escapes and unicode', '{"k\\"ey": "line\\nnext \\u00e9 \\ud83d\\ude00 tab\\t", "é": "\u2028", "": ""}'],
    ['numbers', '{"i": 12345678901234567890, "f": 1.50, "e": -2.5e-3, "z": -0, "big": 1e400, "neg": -7}'],
    ['literals', '{"t": true, "f": false, "n": null, "s": "true", "q": "null"}'],
    ['empty', '{"o": {}, "a": [], "nested": [[], [{}], {"x": []}]}'],
    ['array root', '[1, {"a": "b"}, [2]]'],
    ['$ref maps', '{"a": {"$ref": "#/b"}, "b": {"$ref": 1}, "c": {"$ref": "x", "$ref": "#/a"}}'],
    ['CRLF and tabs', '{\r\n\t"a":\t{\r\n\t\t"b": "c"\r\n\t}\r\n}\r\n'],
    [
      '600 levels (cut at 512 with warnings)',
      '{"x": ' + '['.repeat(600) + '1' + ']'.repeat(600) + ', "y": ' + '{"k": '.repeat(550) + '"v"' + '}'.repeat(550) + '}',
    ],
    [
      'minified',
      JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } } }),
    ],
  ];
  for (const [label, text] of cases) assertSameTree(text, label);
  // A duplicate key is reported, as before.
  assert.match(
    parseText(cases[2][1], 'x.json')
      .warnings.map((w) => w.message)
      .join(),
    /duplicate key "x": the last one is used/,
  );
});

test('broken JSON: errors in JSON terms, no crash, and YAML in a .json file is still read as YAML', () => {
  for (const text of ['{"a": ', '{"a" 1}', '{"a": [1, 2}', '{"a": "b\n"}', '{"a": tru}', '{"a": 1} x', '{,}', '{"a": 01}']) {
    const parsed = parseText(text, 'x.json');
    assert.ok(parsed.errors.length > 0, `${JSON.stringify(text)} is an error`);
    assert.ok(
      parsed.errors.every((e) => e.start >= 0 && e.start <= text.length && !/implicit key|flow/i.test(e.message)),
      JSON.stringify(parsed.errors),
    );
  }
  const yamlInJson = parseText('openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n', 'x.json');
  assert.deepEqual(yamlInJson.errors, []);
  assert.equal((yamlInJson.root as { entries: Map<string, unknown> }).entries.size, 3);
});

test('random edits of a JSON spec: wherever the text is valid JSON, jsonc-parser and yaml agree; incremental equals full', () => {
  const spec = JSON.stringify(
    {
      openapi: '3.0.3',
      info: { title: 'Pets', version: '1' },
      paths: {
        '/pets/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
          },
        },
      },
      components: {
        schemas: {
          Pet: {
            type: 'object',
            required: ['id'],
            properties: { id: { type: 'integer', format: 'int64' }, tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } } },
          },
        },
      },
    },
    null,
    2,
  );
  const rand = seeded(7);
  const pieces = [
    '"x": 1, ',
    ', "y": [1, 2]',
    '{}',
    '[]',
    '"',
    ',',
    ' ',
    '\n',
    '1',
    'true',
    '"k": {"$ref": "#/a"}, ',
    '\\n',
    '\\u0041',
    'é',
    '-0.5e3',
    '// c\n',
    '/* c */',
  ];
  let valid = 0;
  for (let round = 0; round < 150; round++) {
    let parsed = parseText(spec, 'pets.json');
    for (let step = 0; step < 8; step++) {
      const at = Math.floor(rand() * (parsed.text.length + 1));
      const del = rand() < 0.4 ? Math.floor(rand() * 6) : 0;
      const edit = { start: at, end: Math.min(parsed.text.length, at + del), newText: rand() < 0.2 ? '' : pieces[Math.floor(rand() * pieces.length)] };
      parsed = reparse(parsed, edit, 'pets.json').parsed;
      const full = parseText(parsed.text, 'pets.json');
      assert.equal(parsed.errors.length > 0, full.errors.length > 0, `round ${round} step ${step}`);
      if (full.errors.length > 0) continue;
      assert.deepEqual(treeShape(parsed.root), treeShape(full.root), `round ${round} step ${step}: incremental equals full`);
      const yaml = yamlReading(parsed.text);
      if (yaml.errors.length > 0) continue; // JSON the YAML parser refused (it never accepted less)
      valid++;
      assert.deepEqual(treeShape(full.root), treeShape(yaml.root), `round ${round} step ${step}: ${JSON.stringify(edit)}`);
    }
  }
  assert.ok(valid > 100, `enough valid texts compared (${valid})`);
});
