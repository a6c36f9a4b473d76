// Issue 8's bad inputs typed into (or opened in) the real language server: each
// gets one clear message -- a diagnostic with its exact text, or silence where
// that is the right answer -- and the next good text is checked normally.
// Repository states (no git, empty, detached, shallow, ...) are in badRepoServer.test.ts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkfifoSync } from '../support/fifo';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  aliasBomb,
  bigSpec,
  BROKEN_REFS,
  COMPOSE_FILE,
  deepNesting,
  escapingRef,
  HALF_TYPED_YAML,
  halfTypedJson,
  K8S_MANIFEST,
  PETS_REMOVED,
  REMOTE_REF,
  withComments,
} from '../support/badInputs';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { FORMATS, PETS_YAML } from './fixtures';

const REMOVED = 'response-optional-property-removed';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const messages = (d: Diagnostic[]) => d.map((x) => `${x.code}@${x.range.start.line}: ${String(x.message)}`);
const hasRemoved = (d: Diagnostic[]) => d.some((x) => x.code === REMOVED && !String(x.message).startsWith('Stale: '));

/** What the server adds to a syntax error. */
const RESUME = '. Breaking-change checks resume when the document is complete again.';
const PETS_JSON = FORMATS[1].render(PETS_YAML);
const PETS_REMOVED_JSON = FORMATS[1].render(PETS_REMOVED);

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

/** A repository with the pet store committed as YAML and JSON, and a server on it. */
async function session(files: Record<string, string> = {}, settings: Record<string, unknown> = {}): Promise<{ repo: TempRepo; client: TestClient }> {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML, 'openapi.json': PETS_JSON, ...files });
  repos.push(repo);
  const client = new TestClient();
  client.settings = settings;
  await client.initialize(pathToFileURL(repo.root).toString());
  return { repo, client };
}

/** The next good text gets its normal finding. */
async function checksNormally(client: TestClient, uri: string, text = PETS_REMOVED): Promise<void> {
  client.setText(uri, text);
  await client.waitForDiagnostics(
    uri,
    (d) => hasRemoved(d) && !d.some((x) => x.code === 'syntax-error' || x.code === 'check-failed'),
    'the next good text checked normally',
  );
}

test('server: invalid YAML and JSON while typing: the syntax error at its place, the last findings kept (stale), then normal again', async () => {
  const { repo, client } = await session();
  try {
    const yaml = repo.uri('openapi.yaml');
    client.open(yaml, PETS_REMOVED);
    await client.waitForDiagnostics(yaml, hasRemoved);
    client.setText(yaml, HALF_TYPED_YAML);
    const d = await client.waitForDiagnostics(yaml, (x) => x.some((y) => y.code === 'syntax-error'));
    assert.equal(messages(d)[0], `syntax-error@14: Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]${RESUME}`);
    assert.deepEqual(
      d.slice(1).map((x) => `${x.code}@${x.range.start.line} ${/^Stale: .*\(from the last version that parsed\)$/.test(String(x.message))}`),
      [`${REMOVED}@26 true`],
      'the last finding, marked stale',
    );
    await checksNormally(client, yaml);

    const json = repo.uri('openapi.json');
    client.open(json, PETS_REMOVED_JSON);
    await client.waitForDiagnostics(json, hasRemoved);
    client.setText(json, halfTypedJson(PETS_REMOVED_JSON));
    const j = await client.waitForDiagnostics(json, (x) => x.some((y) => y.code === 'syntax-error'));
    assert.equal(messages(j)[0], `syntax-error@9: Invalid JSON: a string is not closed on its line (or holds a raw control character)${RESUME}`);
    await checksNormally(client, json, PETS_REMOVED_JSON);
  } finally {
    await client.dispose();
  }
});

test('server: JSON with comments is checked like JSON', async () => {
  const { repo, client } = await session({ 'commented.json': withComments(PETS_JSON) });
  try {
    const uri = repo.uri('commented.json');
    client.open(uri, withComments(PETS_REMOVED_JSON));
    const d = await client.waitForDiagnostics(uri, hasRemoved);
    assert.deepEqual(
      d.map((x) => x.code),
      [REMOVED],
      'the finding and nothing else: no syntax error for the comments',
    );
  } finally {
    await client.dispose();
  }
});

test('server: a Kubernetes manifest, a docker-compose file and a binary file get no diagnostics at all', async () => {
  const { repo, client } = await session();
  try {
    const others = { 'deploy/app.yaml': K8S_MANIFEST, 'docker-compose.yml': COMPOSE_FILE, 'logo.json': '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000' };
    for (const [rel, text] of Object.entries(others)) client.open(repo.uri(rel), text);
    const spec = repo.uri('openapi.yaml');
    client.open(spec, PETS_REMOVED);
    await client.waitForDiagnostics(spec, hasRemoved, 'a spec opened after them is checked');
    await sleep(500);
    for (const rel of Object.keys(others)) assert.equal(client.publications.get(repo.uri(rel)), undefined, `${rel}: silent`);
  } finally {
    await client.dispose();
  }
});

test('server: NUL bytes and undecodable text in a spec', async () => {
  const { repo, client } = await session();
  try {
    const uri = repo.uri('openapi.yaml');
    client.open(uri, PETS_REMOVED);
    await client.waitForDiagnostics(uri, hasRemoved);
    client.setText(uri, PETS_REMOVED.replace('title: Pets', 'title: Pe\u0000ts'));
    const d = await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'syntax-error'));
    assert.equal(messages(d)[0], `syntax-error@2: Not a text file (it contains NUL bytes)${RESUME}`);
    assert.deepEqual(d[0].range.start, { line: 2, character: 11 }, 'on the NUL');
    // Latin-1 bytes read as UTF-8 become U+FFFD: still a spec, checked as usual.
    await checksNormally(client, uri, PETS_REMOVED.replace('List pets', 'List pets \uFFFD\uFFFD'));
  } finally {
    await client.dispose();
  }
});

test('server: a 50 MB spec gets one "too large" notice; the limit is a setting', { timeout: 120_000 }, async () => {
  const big = bigSpec(50);
  const { repo, client } = await session({ 'big.yaml': PETS_YAML });
  try {
    const uri = repo.uri('big.yaml');
    client.open(uri, big);
    const d = await client.waitForDiagnostics(uri, (x) => x.length > 0, 'the notice', 60_000);
    const mb = (Buffer.byteLength(big) / 1024 / 1024).toFixed(1);
    assert.deepEqual(messages(d), [
      `too-large@0: big.yaml is too large for live checking (${mb} MB; the limit is 20 MB, setting breakwater.maxFileSizeMB). Check it from a terminal: breakwater check big.yaml`,
    ]);
    assert.equal(d[0].severity, 3);
    const status = await client.waitForStatus(uri, (s) => s.state === 'too-large');
    assert.equal(status.message, d[0].message);
    // Raised above it: checked (every /things/N operation is new, the pet store is as committed).
    client.changeSettings({ maxFileSizeMB: 60 });
    const checked = await client.waitForDiagnostics(uri, (x) => !x.some((y) => y.code === 'too-large'), 'checked once allowed', 60_000);
    assert.deepEqual([...new Set(checked.map((x) => x.code))], ['api-path-added']);
    await checksNormally(client, uri);
  } finally {
    await client.dispose();
  }
});

test('server: a YAML alias bomb and 10,000-deep nesting neither hang nor crash it', async () => {
  const { repo, client } = await session();
  try {
    const uri = repo.uri('openapi.yaml');
    client.open(uri, PETS_REMOVED);
    await client.waitForDiagnostics(uri, hasRemoved);
    const t0 = Date.now();
    client.setText(uri, aliasBomb(PETS_REMOVED));
    const bomb = await client.waitForDiagnostics(uri, hasRemoved, 'the bomb checked like any spec', 10_000);
    assert.ok(Date.now() - t0 < 5000, `the bomb took ${Date.now() - t0} ms`);
    assert.ok(
      bomb.some((x) => x.code === 'response-property-enum-narrowed' || /enum/.test(String(x.code))),
      messages(bomb).join('\n'),
    );

    client.setText(uri, deepNesting(PETS_REMOVED, 10_000));
    const deep = await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'syntax-error'));
    assert.equal(String(deep[0].message), `Nested too deeply to read (Breakwater compares up to 512 levels)${RESUME}`);
    assert.equal(deep[0].range.start.line, 21, 'on the x-deep line');
    await checksNormally(client, uri);
  } finally {
    await client.dispose();
  }
});

test('server: cyclic $refs, $refs to nowhere, remote $refs, and $refs leaving the repository are problems on their lines', async () => {
  // Every target is a named pipe: reading one would block the check forever, so "answered" proves "never read".
  const outside = new TempRepo();
  repos.push(outside);
  mkfifoSync(outside.path('pet.yaml'));
  const { repo, client } = await session();
  try {
    mkdirSync(repo.path('schemas'));
    symlinkSync(outside.path('pet.yaml'), repo.path('schemas/linked.yaml'));
    mkfifoSync(repo.path('schemas/pipe.yaml'));
    mkfifoSync(repo.path('.breakwater.yaml')); // a configuration that is a pipe is no configuration
    const escaping = [path.relative(repo.root, outside.path('pet.yaml')), 'schemas/linked.yaml', 'schemas/pipe.yaml', '/etc/passwd'];
    // Committed as they are opened: problems show where the comparison follows the $refs.
    const cases: Record<string, string> = { 'refs.yaml': BROKEN_REFS, 'remote.yaml': REMOTE_REF };
    escaping.forEach((target, i) => (cases[`escape-${i}.yaml`] = escapingRef(target)));
    repo.commit(cases, 'odd refs');
    const expected: Record<string, string[]> = {
      'refs.yaml': [
        'spec-problem@25: $ref chain is cyclic or longer than 64 hops',
        'spec-problem@31: cannot resolve "#/components/schemas/Nowhere": nothing at that location',
      ],
      'remote.yaml': [
        'spec-problem@19: remote reference "https://schemas.example.com/pet.yaml#/Pet" is not followed (Breakwater never fetches over the network)',
      ],
    };
    escaping.forEach(
      (target, i) => (expected[`escape-${i}.yaml`] = [`spec-problem@19: cannot resolve "${target}#/Pet": file not found or outside the repository`]),
    );
    for (const [rel, text] of Object.entries(cases)) {
      const uri = repo.uri(rel);
      client.open(uri, text);
      const d = await client.waitForDiagnostics(uri, (x) => x.length > 0, rel, 10_000);
      assert.deepEqual(messages(d), expected[rel], rel);
    }
    client.open(repo.uri('openapi.yaml'), PETS_YAML);
    await checksNormally(client, repo.uri('openapi.yaml'));
  } finally {
    await client.dispose();
  }
});
