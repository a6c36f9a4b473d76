// YAML is read by the fast reader (fastYaml.ts) when the text is in the subset it
// reads exactly like the `yaml` package, else by the `yaml` package. These tests
// hold the two equal: node kinds, keys, values, offsets, key offsets and $ref
// fields, on every YAML file of the corpus and on thousands of randomly broken
// texts (whenever the fast reader gives a tree, the `yaml` package must read the
// text without an error or warning and give the same tree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseText, parseTextWithYamlPackage } from '../../server/src/engine/parse/parseText';
import { readPlainYaml, whyDeclined } from '../../server/src/engine/parse/fastYaml';
import type { JNode } from '../../server/src/engine/parse/tree';
import { corpusDir, filesUnder } from '../support/corpus';
import { firstDifference, treeShape } from '../support/treeShape';
import { mutate, seeded } from '../support/mutate';
import { petstore } from '../support/petstore';

function assertSameTree(text: string, label: string): void {
  const fast = readPlainYaml(text, 512);
  assert.ok(fast, `${label}: read by the fast reader (declined: ${whyDeclined(text)})`);
  const reference = parseTextWithYamlPackage(text, 'spec.yaml');
  assert.deepEqual(reference.errors, [], `${label}: the yaml package reports no error`);
  assert.deepEqual(reference.warnings, [], `${label}: the yaml package reports no warning`);
  const difference = firstDifference(treeShape(fast), treeShape(reference.root));
  assert.equal(difference, undefined, `${label}: the fast reader and the yaml package differ at ${difference}`);
  assert.deepEqual(objectLayouts(fast), objectLayouts(reference.root), `${label}: nodes built with the same fields in the same order`);
}

/** The field lists of a tree's nodes: nodes built in another order are objects of another shape to V8, which slows every walk over them. */
function objectLayouts(root: JNode | null): string[] {
  const layouts = new Set<string>();
  const walk = (n: JNode): void => {
    layouts.add(Object.keys(n).join(','));
    if (n.kind === 'map') for (const c of n.entries.values()) walk(c);
    if (n.kind === 'seq') n.items.forEach(walk);
  };
  if (root) walk(root);
  return [...layouts].sort();
}

/** Generates `count` texts: every one the fast reader reads must be the yaml package's tree. Returns how many it read. */
function assertSameWhereRead(count: number, generate: () => string): number {
  let read = 0;
  for (let n = 0; n < count; n++) {
    const text = generate();
    if (!readPlainYaml(text, 512)) continue;
    read++;
    assertSameTree(text, `text ${n} ${JSON.stringify(text.length > 400 ? text.slice(0, 400) + '…' : text)}`);
  }
  return read;
}

function picker(rand: () => number): <T>(list: T[]) => T {
  return (list) => list[Math.floor(rand() * list.length)];
}

test('every YAML file of the corpus: parseText equals the yaml package, and the fast reader reads nearly all', (t) => {
  const corpus = corpusDir();
  if (!corpus) return t.skip('corpus not found (/work/shared/corpus)');
  const files = [...filesUnder(corpus, '.yaml'), ...filesUnder(corpus, '.yml')];
  assert.ok(files.length > 1000 && files.some((f) => f.endsWith('stripe-spec3.yaml')), 'the corpus YAML files, Stripe among them');
  let read = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const ours = parseText(text, file);
    const reference = parseTextWithYamlPackage(text, file);
    const label = path.relative(corpus, file);
    assert.deepEqual(ours.errors, reference.errors, `${label}: same errors`);
    assert.deepEqual(ours.warnings, reference.warnings, `${label}: same warnings`);
    assert.equal(ours.anchors ?? false, reference.anchors ?? false, `${label}: same anchor flag`);
    const difference = firstDifference(treeShape(ours.root), treeShape(reference.root));
    assert.equal(difference, undefined, `${label}: parseText and the yaml package differ at ${difference}`);
    if (readPlainYaml(text, 512)) read++;
  }
  // The fast path must not quietly stop being taken: it reads all but the rare texts it declines.
  assert.ok(read / files.length > 0.95, `the fast reader read ${read} of ${files.length} files`);
  const stripe = files.find((f) => f.endsWith('large/stripe-spec3.yaml'))!;
  assert.equal(whyDeclined(readFileSync(stripe, 'utf8')), undefined, "Stripe's spec is read by the fast reader");
});

test('corner cases the fast reader reads: the same tree as the yaml package', () => {
  const cases: Record<string, string> = {
    'core schema scalars': 'a: 0o17\nb: 0x1F\nc: 1e3\nd: .inf\ne: -.INF\nf: .nan\ng: 012\nh: +1\ni: TRUE\nj: ~\nk: null\nl: 2023-08-16\nm: 1_000\nn: "1"\n',
    'numeric and odd keys': '200: a\n1.10: b\n"300": c\ntrue: d\n~: e\n',
    'CRLF line ends': 'a: 1\r\nb:\r\n  - x\r\n  - "y"\r\nc: |\r\n  text\r\n',
    'block scalars': 'a: |\n  x\n\n\nb: >\n  x\n  y\n\n  z\nc: >-\n  folded\n  text\nd: |-\n  kept\n    deeper\ne: 1\n',
    'quoted scalars and escapes': 'a: "x\\u00e9\\ty"\nb: \'it\'\'s\'\nc: "#not a comment"\nd: x # comment\n',
    'flow collections on one line': 'a: {}\nb: []\nc: { x: 1, y: [1, 2], z: {w: "q"} }\nd: [a, b, ]\n',
    'sequences of maps': 'a:\n- 1\n- 2\nb:\n  - name: x\n    in: query\n  - name: y\n    schema:\n      type: string\n',
    'a directive and a document end': '%YAML 1.2\n---\na: 1\n...\n',
    'quoted scalars over several lines': 'a: "multi\n  line"\nb:\n  - \'one\n\n    two\'\n',
    'plain scalars over several lines': 'a: plain\n\n  more\nb: one\n  two\n',
    'block scalars starting with empty lines': 'a: |\n\n\n  x\nb: >-\n\n  y\n  z\nc: |+\n\n  w\n\n',
    'keep chomping': 'a: |+\n  x\n\n\nb: >+\n  y\n  z\nc: |+\n  w\n\n  v\n\nd: |+\n  end\n',
    'a comment after a scalar': 'a: 1 # c\n# d\nb: 2\n',
  };
  for (const [label, text] of Object.entries(cases)) assertSameTree(text, label);
});

test('what the fast reader declines: the yaml package reads it (with its errors and warnings)', () => {
  const declined: Record<string, string> = {
    'an anchor and an alias': 'a: &x 1\nb: *x\n',
    'a tag': 'a: !!str 123\n',
    'a merge key': 'a: {x: 1}\nb:\n  <<: {y: 2}\n',
    'a duplicate key': 'a: 1\nb: 2\na: 3\n',
    'an empty value': 'a:\nb: 1\n',
    'a quoted scalar continued too far left': 'a:\n  b: "multi\n  line"\n',
    'a quoted scalar with blanks before a line break': 'a: "multi  \n  line"\n',
    'a flow collection over lines': 'a: [1,\n  2]\n',
    'an indentation indicator': 'a: |2\n    x\nb: 1\n',
    'text after the last value': "a:\n  b: 'x'? \n",
    'two entries on one line': 'a: "x"b: 1\n',
    'a syntax error': 'a: [1, 2\n',
    'tabs as indentation': 'a:\n\tb: 1\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'a block scalar without text': 'a: 1\nb: >-\n    ',
    'a block scalar starting with a line of blanks': 'a: |\n   \n  x\n',
    'a comment after a nested collection': 'a:\n  b:\n    c: 1\n   # d\ne: 2\n',
  };
  for (const [label, text] of Object.entries(declined)) {
    assert.equal(readPlainYaml(text, 512), undefined, `${label}: declined (${whyDeclined(text) ?? 'read'})`);
    assert.deepEqual(
      treeShape(parseText(text, 'spec.yaml').root),
      treeShape(parseTextWithYamlPackage(text, 'spec.yaml').root),
      `${label}: parseText reads it with the yaml package`,
    );
  }
  // Deeper nesting than the caller reads is the yaml path's (it warns).
  assert.equal(readPlainYaml('a:\n  b:\n    c: 1\n', 2), undefined);
});

test('randomly broken YAML: whenever the fast reader gives a tree, the yaml package gives the same one without a problem', (t) => {
  const corpus = corpusDir();
  const sources = [petstore()];
  if (corpus) {
    for (const name of ['petstore-expanded.yaml', 'uspto.yaml', 'callback-example.yaml', 'link-example.yaml'])
      sources.push(readFileSync(path.join(corpus, 'small/oai-examples/v3.0', name), 'utf8'));
  } else t.diagnostic('corpus not found: fuzzing the built-in petstore only');
  // Characters and tokens that change how YAML reads a line, and the line-level mutations the other fuzz tests use.
  // prettier-ignore
  const pieces = [' ', '\n', ':', '-', '"', "'", '#', '[', ']', '{', '}', ',', '|', '>', '|+', '>+', '|-', 'x', '  ', '\n  ', '? ', '!', '&a ', '*a', ': ', '- ', '\t', '\r\n', '"a":1', '{}', '[]', '...', '---'];
  const rand = seeded(20261203);
  const read = assertSameWhereRead(3000, () => {
    let text = sources[Math.floor(rand() * sources.length)];
    if (rand() < 0.3) return mutate(text, rand).text;
    for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
      const at = Math.floor(rand() * text.length);
      text =
        rand() < 0.4
          ? text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3))
          : text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at);
    }
    return text;
  });
  assert.ok(read > 300, `the fast reader read ${read} of the broken texts (most edits keep YAML valid)`);
});

test('block scalars of every header, with more-indented, empty and blank lines and every ending: the same tree as the yaml package', () => {
  const rand = seeded(7);
  const pick = picker(rand);
  const headers = ['|', '>', '|-', '>-', '|+', '>+', '| # note', '>- # note'];
  const endings = ['', '\n', '\n\n', '  b: 1\n', '\n  b: 1\n', 'c: 2\n', '  # comment\n'];
  const read = assertSameWhereRead(5000, () => {
    let text = `k:\n  a: ${pick(headers)}\n`;
    for (let lines = 1 + Math.floor(rand() * 5); lines > 0; lines--) {
      const kind = rand();
      if (kind < 0.15) text += '\n';
      else if (kind < 0.25) text += ' '.repeat(4 + Math.floor(rand() * 3)) + '\n';
      else
        text += ' '.repeat(4 + (rand() < 0.25 ? 1 + Math.floor(rand() * 3) : 0)) + pick(['x', 'y z', '- w', '#h', 'q  ']) + (rand() < 0.2 ? '  ' : '') + '\n';
    }
    text += pick(endings);
    return rand() < 0.2 ? text.replace(/\n/g, '\r\n') : text;
  });
  assert.ok(read > 1000, `the fast reader read ${read} of the block scalars`);
});

test('quoted scalars over several lines, with escapes, blank lines and every indentation: the same tree as the yaml package', () => {
  const rand = seeded(11);
  const pick = picker(rand);
  const read = assertSameWhereRead(5000, () => {
    const quote = rand() < 0.5 ? '"' : "'";
    let body = '';
    for (let line = 0, lines = 1 + Math.floor(rand() * 4); line < lines; line++) {
      if (line > 0) body += pick(['\n', '\n', '\n\n', '\\\n', '  \n', '\n \n']) + ' '.repeat(Math.floor(rand() * 7));
      body += pick(['x', 'a b', '# c', '- d', 'e: f', quote === '"' ? '\\"' : "''", quote === '"' ? '\\t' : 'z', quote === '"' ? '\\\\' : 'y', 'é', '  w  ']);
    }
    let text = rand() < 0.3 ? `k:\n  - ${quote}${body}${quote}\n  - x\n` : `k:\n  a: ${quote}${body}${quote}\n`;
    text += pick(['', '  b: 1\n', 'c: 2\n', '\n']);
    return rand() < 0.2 ? text.replace(/\n/g, '\r\n') : text;
  });
  assert.ok(read > 1000, `the fast reader read ${read} of the quoted scalars`);
});
