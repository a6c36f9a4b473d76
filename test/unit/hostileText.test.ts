// Texts a user or a repository can hand the engine that are not plain specs:
// JSON with comments, NUL bytes, several YAML documents, nesting far deeper than
// any spec. Each is read or refused with one clear message, never a crash, and the
// incremental re-parse agrees with a full parse on all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSpecs, loadSpec, SpecInputError } from '../../server/src/engine/index';
import { blankJsonComments } from '../../server/src/engine/parse/jsonComments';
import { reparse } from '../../server/src/engine/parse/incremental';
import { NOT_TEXT, parseText, TOO_DEEP } from '../../server/src/engine/parse/parseText';
import { seeded } from '../support/mutate';

const JSONC = `{
  // The pet store, with comments as VS Code writes JSONC.
  "openapi": "3.0.3",
  "info": {"title": "Pets // not a comment", "version": "1"}, /* trailing */
  "paths": {
    "/pets": {
      /* a block
         comment over lines */
      "get": {"responses": {"200": {"description": "see http://example.com/a/*b*/"}}},
      "delete": {"responses": {"204": {"description": "gone"}}}
    }
  }
}
`;

function revisionError(text: string, file: string): SpecInputError {
  try {
    compareSpecs({ text, file }, { text, file });
  } catch (e) {
    if (e instanceof SpecInputError) return e;
    throw e;
  }
  assert.fail('expected a SpecInputError');
}

test('JSON with comments is read as JSON; strings that look like comments are kept; positions do not move', () => {
  const parsed = parseText(JSONC, 'pets.json');
  assert.deepEqual(parsed.errors, []);
  const r = compareSpecs({ text: JSONC, file: 'pets.json' }, { text: JSONC.replace(/ {6}"delete".*\n/, '').replace('}}},\n', '}}}\n'), file: 'pets.json' });
  assert.deepEqual(
    r.findings.map((f) => `${f.rule}@${f.revision?.line}`),
    ['api-removed-without-deprecation@6'],
    'anchored on /pets (line 6)',
  );
  const outcome = loadSpec(JSONC, 'pets.json');
  assert.equal(outcome.kind, 'spec');
  if (outcome.kind !== 'spec') return;
  const info = outcome.spec.root.entries.get('info');
  assert.equal(
    info?.kind === 'map' && info.entries.get('title')?.kind === 'scalar' ? (info.entries.get('title') as { value: unknown }).value : undefined,
    'Pets // not a comment',
  );
  assert.equal(JSONC.slice(info!.keyStart, info!.keyEnd), '"info"', 'offsets are those of the original text');
  // YAML keeps `//` as text (URLs in plain scalars).
  assert.equal(blankJsonComments('{"a": "b"}'), undefined, 'no comment, no copy');
});

test('an unclosed /* comment is one positioned error', () => {
  const e = revisionError('{\n  "openapi": "3.0.3", /* never closed\n  "paths": {}\n}\n', 'x.json');
  assert.equal(e.message, 'invalid JSON: a /* comment is not closed');
  assert.deepEqual([e.line, e.column], [2, 23]);
});

test('a NUL byte: "not a text file" at its position, CLI and server alike', () => {
  const e = revisionError('openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx: "a\u0000b"\n', 'x.yaml');
  assert.equal(e.message, NOT_TEXT);
  assert.deepEqual([e.line, e.column], [4, 6]);
});

test('several YAML documents: the first is read with a warning; a Kubernetes manifest is simply not OpenAPI', () => {
  const spec = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n---\nkind: Other\n';
  const outcome = loadSpec(spec, 'x.yaml');
  assert.equal(outcome.kind, 'spec');
  if (outcome.kind === 'spec')
    assert.match(outcome.spec.problems.map((p) => p.message).join('\n'), /several YAML documents \(separated by ---\); only the first is read/);
  const k8s = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: apps/v1\nkind: Deployment\n';
  assert.equal(loadSpec(k8s, 'deploy.yaml').kind, 'not-openapi');
});

test('10,000 levels of nesting in JSON, flow YAML and block YAML: one clear error, no crash', () => {
  const head = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx: ';
  const cases: [string, string][] = [
    ['deep.json', '{"openapi": "3.0.3", "paths": {}, "x": ' + '['.repeat(10_000) + ']'.repeat(10_000) + '}'],
    ['deep.yaml', head + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n'],
    ['block.yaml', head + '\n' + Array.from({ length: 3_000 }, (_, i) => ' '.repeat(i + 1) + '-').join('\n') + '\n'],
  ];
  for (const [file, text] of cases) {
    const e = revisionError(text, file);
    assert.equal(e.message, TOO_DEEP, file);
    assert.ok(e.line !== undefined, `${file}: positioned`);
  }
  // 600 levels parse: cut at 512 with a warning, and compared.
  const r = compareSpecs(
    { text: head + '['.repeat(600) + ']'.repeat(600) + '\n', file: 'ok.yaml' },
    { text: head + '['.repeat(600) + ']'.repeat(600) + '\n', file: 'ok.yaml' },
  );
  assert.ok(r.problems.some((p) => /nesting deeper than 512 levels is not compared/.test(p.message)));
});

test('incremental re-parse of JSONC and of NUL edits equals a full parse', () => {
  const rand = seeded(11);
  const inserts = ['// c\n', '/* x */', '/*', '*/', '"//"', '\u0000', 'x', '"', '\n'];
  for (let round = 0; round < 300; round++) {
    let parsed = parseText(JSONC, 'pets.json');
    for (let step = 0; step < 4; step++) {
      const at = Math.floor(rand() * parsed.text.length);
      const del = rand() < 0.3 ? Math.floor(rand() * 4) : 0;
      const edit = { start: at, end: Math.min(parsed.text.length, at + del), newText: inserts[Math.floor(rand() * inserts.length)] };
      const r = reparse(parsed, edit, 'pets.json');
      const full = parseText(r.parsed.text, 'pets.json');
      assert.equal(r.parsed.errors.length > 0, full.errors.length > 0, `round ${round} step ${step}: ${JSON.stringify(edit)}`);
      if (full.errors.length === 0) assert.deepEqual(plain(r.parsed.root), plain(full.root), `round ${round} step ${step}`);
      parsed = r.parsed;
    }
  }
});

/** Keys, values and positions of a tree, in order. */
function plain(node: unknown, out: string[] = []): string[] {
  const n = node as {
    kind: string;
    key: unknown;
    start: number;
    end: number;
    keyStart: number;
    value?: unknown;
    entries?: Map<string, unknown>;
    items?: unknown[];
  } | null;
  if (!n) return out;
  out.push(`${n.kind}:${String(n.key)}:${n.keyStart}:${n.start}-${n.end}=${JSON.stringify(n.value ?? null)}`);
  if (n.entries) for (const c of n.entries.values()) plain(c, out);
  if (n.items) for (const c of n.items) plain(c, out);
  return out;
}

test('broken JSON is reported in JSON terms, where it breaks (not in YAML words like "implicit keys")', () => {
  const cases: [string, string, [number, number]][] = [
    // A missing comma between members: at the member that should have been preceded by one.
    [
      '{\n  "openapi": "3.0.3",\n  "info": {"title": "x", "version": "1"}\n  "paths": {}\n}\n',
      "invalid JSON: expected ',' or '}' after property value",
      [4, 3],
    ],
    // A trailing comma (YAML's flow maps allow it, JSON does not): at the brace after it.
    ['{\n  "openapi": "3.0.3",\n  "info": {"title": "x", "version": "1",},\n  "paths": {\n}\n', 'invalid JSON: expected double-quoted property name', [3, 41]],
    // A string left open while typing: at the end of its line.
    [
      '{\n  "openapi": "3.0.3",\n  "info": {"title": "x\n  }\n}\n',
      'invalid JSON: a string is not closed on its line (or holds a raw control character)',
      [3, 23],
    ],
  ];
  for (const [text, message, at] of cases) {
    const e = revisionError(text, 'x.json');
    assert.equal(e.message, message);
    assert.deepEqual([e.line, e.column], at, message);
  }
  // YAML keeps YAML's own words.
  assert.match(revisionError('openapi: 3.0.3\npaths: [a\n', 'x.yaml').message, /^invalid YAML: /);
});
