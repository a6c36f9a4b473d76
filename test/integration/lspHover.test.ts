// What the user reads next to a finding, through the real server over stdio on a real git
// repository, in YAML and JSON: the hover shows the base node (only the changed node, a few
// lines at most) and not the message the editor already shows above it; related information
// says it points into the base; the operations a shared schema affects are listed once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { petstore } from '../support/petstore';
import { FORMATS, lineOf, replaceOnce, type Format } from './fixtures';
import { MAX_SNIPPET_LINES } from '../../server/src/lsp/snippet';

// GET /pets with a `limit` parameter longer than a hover snippet (12 lines in YAML).
const LIMIT = [
  '        - name: limit',
  '          in: query',
  '          description: How many pets to return at most',
  '          schema:',
  '            type: integer',
  '            format: int32',
  '            minimum: 1',
  '            maximum: 100',
  '            default: 20',
  '          example: 10',
  '          allowReserved: false',
  '          explode: true',
  '',
].join('\n');
const BASE = petstore({ get: `      summary: List pets\n      parameters:\n${LIMIT}` });

const EDITS = {
  required: (y: string) => replaceOnce(y, '          in: query\n', '          in: query\n          required: true\n'),
  removed: (y: string) => replaceOnce(y, `      parameters:\n${LIMIT}`, ''),
  newRequired: (y: string) =>
    replaceOnce(y, '          explode: true\n', '          explode: true\n        - name: offset\n          in: query\n          required: true\n'),
};

interface Session {
  repo: TempRepo;
  client: TestClient;
  uri: string;
  base: string;
  label: string;
}

async function session(format: Format, yaml = BASE): Promise<Session> {
  const base = format.render(yaml);
  const repo = new TempRepo({ [format.file]: base });
  const client = new TestClient();
  await client.initialize(repo.uri(''));
  const uri = repo.uri(format.file);
  client.open(uri, base);
  await client.waitForDiagnostics(uri, (d) => d.length === 0, 'no findings on the committed spec');
  const label = (await client.waitForStatus(uri, (x) => x.state === 'ok')).baseLabel;
  assert.match(label, /^HEAD [0-9a-f]{7}$/);
  return { repo, client, uri, base, label };
}

async function finding(s: Session, text: string, rule: string): Promise<Diagnostic> {
  s.client.setText(s.uri, text);
  const diags = await s.client.waitForDiagnostics(s.uri, (d) => d.some((x) => x.code === rule), rule);
  const hits = diags.filter((x) => x.code === rule);
  assert.equal(hits.length, 1, JSON.stringify(diags.map((d) => d.code)));
  return hits[0];
}

async function hoverText(s: Session, d: Diagnostic): Promise<string> {
  const hover = await s.client.hover(s.uri, d.range.start.line, d.range.start.character + 1);
  assert.ok(hover, 'a hover on the finding');
  return (hover.contents as { value: string }).value;
}

/** The code blocks of a hover, as lines. */
function snippets(md: string): string[][] {
  return [...md.matchAll(/```(?:yaml|json)\n([\s\S]*?)\n```/g)].map((m) => m[1].split('\n'));
}

const fileName = (format: Format) => format.file.replace(/^.*\//, '');

for (const format of FORMATS) {
  const limitLine = (text: string) => (format.name === 'yaml' ? lineOf(text, '- name: limit') : lineOf(text, '"name": "limit"') - 1);

  test(`${format.name}: a parameter made required — related information and hover name the base, the message is not repeated`, async () => {
    const s = await session(format);
    try {
      const d = await finding(s, format.render(EDITS.required(BASE)), 'request-parameter-became-required');
      assert.equal(String(d.message), 'Query parameter "limit" became required in GET /pets: clients that omit it are rejected');
      const related = d.relatedInformation?.[0];
      assert.ok(related);
      const line = limitLine(s.base);
      assert.equal(related.location.range.start.line, line);
      assert.equal(related.message, `${fileName(format)} at ${s.label}, line ${line + 1}: the parameter was optional`);

      const md = await hoverText(s, d);
      assert.ok(!md.includes(String(d.message)) && !md.includes('became required in'), `no repeated message:\n${md}`);
      assert.ok(md.startsWith(`**In the base** (${s.label}):\n`), md);
      assert.ok(!md.includes(related.message), 'nor the related information shown with the message');
      const [snippet, ...others] = snippets(md);
      assert.deepEqual(others, [], 'one base node');
      assert.equal(snippet.length, MAX_SNIPPET_LINES, `capped:\n${snippet.join('\n')}`);
      assert.match(snippet[0], format.name === 'yaml' ? /^name: limit$/ : /^\{$/);
      assert.match(snippet[MAX_SNIPPET_LINES - 1], /^… \(\d+ more lines\)$/);
      assert.match(md, /\nBreaking · \[Who breaks, and the safe alternative\]\([^)]*#request-parameter-became-required\)$/);
      assert.doesNotMatch(md, /Affects/, 'the message names the one operation');
    } finally {
      await s.client.dispose();
      s.repo.cleanup();
    }
  });

  test(`${format.name}: a removed parameter — the hover shows that parameter, not the whole parameters list`, async () => {
    const s = await session(format);
    try {
      const d = await finding(s, format.render(EDITS.removed(BASE)), 'request-parameter-removed');
      assert.match(String(d.message), /^Query parameter "limit" was removed from GET \/pets: /);
      const line = limitLine(s.base);
      assert.equal(d.relatedInformation?.[0].message, `${fileName(format)} at ${s.label}, line ${line + 1}: the removed parameter`);
      const md = await hoverText(s, d);
      assert.ok(!md.includes(String(d.message)), md);
      const [snippet] = snippets(md);
      assert.equal(snippet.length, MAX_SNIPPET_LINES);
      assert.doesNotMatch(snippet.join('\n'), /parameters/, 'the parameter itself');
      assert.match(snippet.join('\n'), /limit/);
    } finally {
      await s.client.dispose();
      s.repo.cleanup();
    }
  });

  test(`${format.name}: a new required parameter — the base had none: no snippet of its siblings`, async () => {
    const s = await session(format);
    try {
      const d = await finding(s, format.render(EDITS.newRequired(BASE)), 'new-required-request-parameter');
      const related = d.relatedInformation?.[0];
      assert.match(
        String(related?.message),
        new RegExp(`^${fileName(format).replace('.', '\\.')} at HEAD [0-9a-f]{7}, line \\d+: before the parameter was added$`),
      );
      const md = await hoverText(s, d);
      assert.ok(md.startsWith(`**Not in the base** (${s.label})\n`), md);
      assert.deepEqual(snippets(md), [], `no parameters list:\n${md}`);
    } finally {
      await s.client.dispose();
      s.repo.cleanup();
    }
  });
}

// Pet is answered by four operations: the message names three "and 1 more"; the hover lists all four, once.
const SHARED = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
${['/a', '/b', '/c', '/d'].map((p) => `  ${p}:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Pet'\n`).join('')}components:
  schemas:
    Pet:
      type: object
      properties:
        id:
          type: integer
        name:
          type: string
`;

test('a shared schema: the operations it affects are listed once in the hover, all of them', async () => {
  const format = FORMATS[0];
  const s = await session(format, SHARED);
  try {
    const d = await finding(s, SHARED.replace('        name:\n          type: string\n', ''), 'response-optional-property-removed');
    assert.match(String(d.message), /\(used by GET \/a, GET \/b, GET \/c and 1 more\)$/);
    const md = await hoverText(s, d);
    assert.equal(md.match(/Affects/g)?.length, 1, md);
    assert.match(md, /Affects 4 operations: `GET \/a`, `GET \/b`, `GET \/c`, `GET \/d`$/);
  } finally {
    await s.client.dispose();
    s.repo.cleanup();
  }
});
