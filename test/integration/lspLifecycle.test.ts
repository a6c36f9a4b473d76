// The server's behaviour around the edges: new and renamed files, files outside git,
// documents that are not specs, garbage input, bursts of edits, and run-on-save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { EDITS, FORMATS, PETS_YAML, petPropertiesLine } from './fixtures';

const REMOVED = 'response-optional-property-removed';
const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withClient<T>(root: string, fn: (c: TestClient) => Promise<T>): Promise<T> {
  const client = new TestClient();
  try {
    await client.initialize(pathToFileURL(root).toString());
    return await fn(client);
  } finally {
    await client.dispose();
  }
}

for (const format of FORMATS) {
  const ext = format.name;

  test(`${ext}: a new (untracked) spec has no breaking findings and says why`, async () => {
    const repo = new TempRepo({ 'README.md': 'x\n' });
    try {
      await withClient(repo.root, async (c) => {
        const uri = repo.uri(`api/new.${ext}`);
        repo.write(`api/new.${ext}`, format.render(PETS_YAML));
        c.open(uri, format.render(EDITS.removeName(PETS_YAML)));
        const status = await c.waitForStatus(uri, (s) => s.state === 'new-file');
        assert.match(status.message ?? '', /new/);
        await c.waitForDiagnostics(uri, (d) => d.length === 0);
      });
    } finally {
      repo.cleanup();
    }
  });

  test(`${ext}: a renamed spec is compared with its old path (git mv)`, async () => {
    const repo = new TempRepo({ [format.file]: format.render(PETS_YAML) });
    try {
      repo.git('mv', format.file, `api/pets.${ext}`);
      await withClient(repo.root, async (c) => {
        const uri = repo.uri(`api/pets.${ext}`);
        const rev = format.render(EDITS.removeName(PETS_YAML));
        c.open(uri, rev);
        const d = (await c.waitForDiagnostics(uri, has(REMOVED))).find((x) => x.code === REMOVED)!;
        assert.equal(d.range.start.line, petPropertiesLine(rev));
        const base = await c.request<{ text: string } | null>('breakwater/baseContent', { uri: d.relatedInformation![0].location.uri });
        assert.equal(base?.text, format.render(PETS_YAML));
      });
    } finally {
      repo.cleanup();
    }
  });

  test(`${ext}: a burst of edits ends with the results of the last one, never older ones`, async () => {
    const repo = new TempRepo({ [format.file]: format.render(PETS_YAML) });
    try {
      await withClient(repo.root, async (c) => {
        const uri = repo.uri(format.file);
        const original = format.render(PETS_YAML);
        const removed = format.render(EDITS.removeName(PETS_YAML));
        c.open(uri, original);
        await c.waitForDiagnostics(uri, (d) => d.length === 0);
        for (let i = 0; i < 25; i++) {
          c.setText(uri, i % 2 === 0 ? removed : original);
          await sleep(i % 5 === 0 ? 30 : 2);
        }
        c.setText(uri, removed);
        await c.waitForDiagnostics(uri, has(REMOVED));
        await sleep(600);
        const versions = (c.publications.get(uri) ?? []).map((p) => p.version ?? -1);
        assert.deepEqual(
          versions,
          [...versions].sort((a, b) => a - b),
          `publications in version order: ${versions}`,
        );
        assert.equal(c.diagnostics.get(uri)?.version, c.version(uri));
        assert.ok(versions.length < 10, `superseded checks were cancelled, not all published: ${versions}`);
      });
    } finally {
      repo.cleanup();
    }
  });
}

test('a file outside any git repository is not checked, and says so', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-nogit-')));
  try {
    await withClient(dir, async (c) => {
      const uri = pathToFileURL(join(dir, 'openapi.yaml')).toString();
      writeFileSync(join(dir, 'openapi.yaml'), PETS_YAML);
      c.open(uri, EDITS.removeName(PETS_YAML));
      await c.waitForStatus(uri, (s) => s.state === 'no-repository');
      await c.waitForDiagnostics(uri, (d) => d.length === 0);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('YAML and JSON files that are not specs get no diagnostics at all', async () => {
  const repo = new TempRepo({ 'ci.yaml': 'jobs:\n  build: {}\n', 'package.json': '{"name": "x"}\n' });
  try {
    await withClient(repo.root, async (c) => {
      c.open(repo.uri('ci.yaml'), 'jobs:\n  build: {}\n  test: [\n');
      c.open(repo.uri('package.json'), '{"name": "y"}\n');
      await sleep(800);
      assert.equal(c.publications.get(repo.uri('ci.yaml')), undefined);
      assert.equal(c.publications.get(repo.uri('package.json')), undefined);
    });
  } finally {
    repo.cleanup();
  }
});

test('the server survives garbage and keeps serving', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  try {
    await withClient(repo.root, async (c) => {
      const uri = repo.uri('openapi.yaml');
      c.open(uri, PETS_YAML);
      await c.waitForDiagnostics(uri, (d) => d.length === 0);
      const garbage = [
        'openapi: 3.0.3\n' + '['.repeat(20_000),
        'openapi: 3.0.3\npaths: ' + '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
        'openapi: 3.0.3\n\u0000\u0001\u0002 binary \uFFFD\n\ttabs: [\n',
        'openapi: 99.0\npaths: {}\n',
        'openapi: 3.0.3\npaths: 7\ncomponents: [1, 2]\ninfo: null\n',
        'openapi: 3.0.3\nx: &a [*a, *a]\npaths:\n  /p: *a\n',
        'swagger: "2.0"\npaths:\n  /p:\n    get:\n      parameters: {not: a list}\n      responses: 5\n',
      ];
      for (const text of garbage) {
        c.setText(uri, text);
        await c.waitForDiagnostics(uri, () => true, `a publication for ${JSON.stringify(text.slice(0, 30))}`, 20_000);
        await c.hover(uri, 0, 0); // still answers requests
      }
      c.setText(uri, EDITS.removeName(PETS_YAML));
      await c.waitForDiagnostics(uri, has(REMOVED), 'back to normal');
    });
  } finally {
    repo.cleanup();
  }
});

test('run on save: typing does not check, saving does', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  try {
    await withClient(repo.root, async (c) => {
      c.settings = { run: 'onSave' };
      const uri = repo.uri('openapi.yaml');
      c.open(uri, PETS_YAML);
      await c.waitForDiagnostics(uri, (d) => d.length === 0);
      c.setText(uri, EDITS.removeName(PETS_YAML));
      await sleep(800);
      assert.equal(c.publications.get(uri)!.length, 1, 'no check while typing');
      c.save(uri);
      await c.waitForDiagnostics(uri, has(REMOVED));
    });
  } finally {
    repo.cleanup();
  }
});

test('per-rule levels from settings and .breakwater.yaml (off hides)', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML, '.breakwater.yaml': `rules:\n  ${REMOVED}: error\n` });
  try {
    await withClient(repo.root, async (c) => {
      const uri = repo.uri('openapi.yaml');
      c.open(uri, EDITS.removeName(PETS_YAML));
      const d = await c.waitForDiagnostics(uri, has(REMOVED));
      assert.equal(d.find((x) => x.code === REMOVED)!.severity, 1, 'error from .breakwater.yaml');
      c.changeSettings({ rules: { [REMOVED]: 'off' } });
      await c.waitForDiagnostics(uri, (x) => !has(REMOVED)(x), 'off in settings wins');
    });
  } finally {
    repo.cleanup();
  }
});

test('a half-typed top level (paths: deleted, its entries now under info) keeps the last results instead of reporting every endpoint removed', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  try {
    await withClient(repo.root, async (c) => {
      const uri = repo.uri('openapi.yaml');
      const removed = EDITS.removeName(PETS_YAML);
      c.open(uri, removed);
      await c.waitForDiagnostics(uri, has(REMOVED));
      c.setText(uri, removed.replace('\npaths:\n', '\n'));
      const diags = await c.waitForDiagnostics(uri, has('incomplete-spec'));
      assert.ok(!diags.some((d) => d.code === 'api-path-removed-without-deprecation'), 'no flood of removals');
      assert.match(String(diags.find((d) => d.code === REMOVED)?.message), /^Stale: /);
      c.setText(uri, removed);
      await c.waitForDiagnostics(uri, (d) => has(REMOVED)(d) && !has('incomplete-spec')(d));
    });
  } finally {
    repo.cleanup();
  }
});

test('"show all changes" report and the refs for the base picker', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  try {
    repo.git('tag', 'v1.0.0');
    repo.git('branch', 'release');
    await withClient(repo.root, async (c) => {
      const uri = repo.uri('openapi.yaml');
      // ... and a deprecated operation and parameter: listed in a section of their own.
      const deprecated = EDITS.addRequiredLimit(EDITS.removeName(PETS_YAML))
        .replace('      summary: List pets\n', '      summary: List pets\n      deprecated: true\n')
        .replace('          in: query\n', '          in: query\n          deprecated: true\n');
      c.open(uri, deprecated);
      await c.waitForDiagnostics(uri, has(REMOVED));
      const report = await c.request<{ markdown: string }>('breakwater/report', { uri });
      assert.match(report.markdown, /\(2 deprecated\)/);
      const section = /## Deprecated\n\n((?:- .*\n)+)/.exec(report.markdown)?.[1] ?? '';
      assert.match(section, /`endpoint-deprecated`/, report.markdown);
      assert.match(section, /`request-parameter-deprecated`.*"sort"/, report.markdown);
      assert.doesNotMatch(/## Other changes[^#]*/.exec(report.markdown)?.[0] ?? '', /deprecated`/, 'not listed twice');
      assert.match(report.markdown, /^# openapi\.yaml: changes against HEAD [0-9a-f]{7}/);
      assert.match(report.markdown, /## Breaking changes\n\n- \*\*New required parameter\*\* \(`new-required-request-parameter`, line \d+\)/);
      assert.match(report.markdown, /## Possibly breaking changes\n\n- \*\*Optional response property removed\*\*/);
      const refs = await c.request<{ branches: string[]; tags: string[]; head: string | null }>('breakwater/refs', { uri });
      assert.deepEqual(refs.branches.sort(), ['main', 'release']);
      assert.deepEqual(refs.tags, ['v1.0.0']);
      assert.equal(refs.head, 'main');
    });
  } finally {
    repo.cleanup();
  }
});

test('multi-file spec: a property deleted in a referenced file is reported on that file, against the file at HEAD', async () => {
  const main = PETS_YAML.replace(`                $ref: '#/components/schemas/Pet'`, `                $ref: './schemas/pet.yaml#/Pet'`);
  const pet = `Pet:\n  type: object\n  properties:\n    id:\n      type: integer\n    name:\n      type: string\n`;
  const repo = new TempRepo({ 'openapi.yaml': main, 'schemas/pet.yaml': pet });
  try {
    await withClient(repo.root, async (c) => {
      const mainUri = repo.uri('openapi.yaml');
      const petUri = repo.uri('schemas/pet.yaml');
      c.open(mainUri, main);
      await c.waitForDiagnostics(mainUri, (d) => d.length === 0, 'the committed multi-file spec is clean (refs resolve on both sides)');
      c.open(petUri, pet);
      c.setText(petUri, pet.replace('    name:\n      type: string\n', ''));
      await c.waitUntil(
        () => (c.diagnostics.get(petUri)?.diagnostics ?? []).some((d) => d.code === REMOVED),
        15_000,
        () => `diagnostics on pet.yaml: ${JSON.stringify(c.diagnostics.get(petUri))}`,
      );
      const d = c.diagnostics.get(petUri)!.diagnostics.find((x) => x.code === REMOVED)!;
      assert.equal(d.range.start.line, 2, 'on the properties key of pet.yaml');
      assert.equal(d.relatedInformation?.[0].location.uri, petUri.replace(/^file:/, 'breakwater-base:'));
      const base = await c.request<{ text: string } | null>('breakwater/baseContent', { uri: d.relatedInformation![0].location.uri });
      assert.equal(base?.text, pet);
      assert.ok(!(c.diagnostics.get(mainUri)?.diagnostics ?? []).some((x) => x.code === 'spec-problem'), 'no unresolved $ref problems');
    });
  } finally {
    repo.cleanup();
  }
});

test('a sunset policy in .breakwater.yaml puts a sunset date next to deprecated; clients without diagnostic data still get fixes', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML, '.breakwater.yaml': 'policies:\n  deprecation:\n    minDays: 30\n' });
  try {
    await withClient(repo.root, async (c) => {
      const uri = repo.uri('openapi.yaml');
      c.open(uri, EDITS.removeName(PETS_YAML));
      const d = (await c.waitForDiagnostics(uri, has(REMOVED))).find((x) => x.code === REMOVED)!;
      const { data: _dropped, ...withoutData } = d;
      const actions = await c.codeActions(uri, d.range, [withoutData]);
      const deprecate = actions.find((a) => a.title.startsWith('Mark deprecated instead of deleting'));
      assert.ok(deprecate, JSON.stringify(actions.map((a) => a.title)));
      const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      assert.match(deprecate.title, new RegExp(`x-sunset ${date}`));
      c.applyWorkspaceEdit(deprecate.edit!);
      await c.waitForDiagnostics(uri, (x) => !has(REMOVED)(x));
      assert.match(c.text(uri), new RegExp(`          deprecated: true\\n          x-sunset: '${date}'\\n`));
    });
  } finally {
    repo.cleanup();
  }
});

test('a broken .breakwater.yaml is reported on itself and checks go on with defaults', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML, '.breakwater.yaml': `rules:\n  no-such-rule: error\n` });
  try {
    await withClient(repo.root, async (c) => {
      const uri = repo.uri('openapi.yaml');
      c.open(uri, EDITS.removeName(PETS_YAML));
      await c.waitForDiagnostics(uri, has(REMOVED));
      const configUri = repo.uri('.breakwater.yaml');
      await c.waitUntil(
        () => (c.diagnostics.get(configUri)?.diagnostics ?? []).some((d) => d.code === 'config-error'),
        10_000,
        () => 'config error diagnostic',
      );
      const d = c.diagnostics.get(configUri)!.diagnostics[0];
      assert.equal(d.range.start.line, 1);
      assert.match(String(d.message), /no-such-rule/);
      // Fixing the file (an editor with auto-save reports it as a watched-file change) clears it.
      writeFileSync(repo.path('.breakwater.yaml'), `rules:\n  ${REMOVED}: error\n`);
      void c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
      await c.waitUntil(
        () => (c.diagnostics.get(configUri)?.diagnostics ?? []).length === 0,
        10_000,
        () => 'config error cleared',
      );
      await c.waitForDiagnostics(uri, (x) => x.find((y) => y.code === REMOVED)?.severity === 1, 'the new level applies');
    });
  } finally {
    repo.cleanup();
  }
});

test('moving a branch used as the base (only its ref file changes) re-checks', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  try {
    repo.git('branch', 'release');
    repo.commit({ 'openapi.yaml': EDITS.removeName(PETS_YAML) }, 'drop name');
    await withClient(repo.root, async (c) => {
      c.settings = { base: 'release' };
      const uri = repo.uri('openapi.yaml');
      c.open(uri, EDITS.removeName(PETS_YAML));
      await c.waitForDiagnostics(uri, has(REMOVED), 'release still has the property');
      repo.git('branch', '-f', 'release', 'main');
      await c.waitForDiagnostics(uri, (d) => !has(REMOVED)(d), 'release moved to main');
    });
  } finally {
    repo.cleanup();
  }
});
