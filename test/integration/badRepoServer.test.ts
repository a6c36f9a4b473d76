// Issue 8's repository states through the real language server: no git, no
// repository, no commits, detached HEAD, a shallow clone, a missing object, a base
// that is no valid spec, a spec deleted at the base or from disk, odd file names,
// and another program rewriting files meanwhile. Each gets one clear message (the
// status item's, with the exact text) and the next good input is checked normally.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { PETS_REMOVED } from '../support/badInputs';
import { TestClient, type StatusParams } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { PETS_YAML } from './fixtures';

const REMOVED = 'response-optional-property-removed';
const hasRemoved = (d: Diagnostic[]) => d.some((x) => x.code === REMOVED && !String(x.message).startsWith('Stale: '));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
function repo(files: Record<string, string> = { 'openapi.yaml': PETS_YAML }): TempRepo {
  const r = new TempRepo(files);
  cleanups.push(() => r.cleanup());
  return r;
}

async function withServer<T>(root: string, fn: (c: TestClient) => Promise<T>, env?: NodeJS.ProcessEnv): Promise<T> {
  const client = new TestClient({ env });
  try {
    await client.initialize(pathToFileURL(root).toString());
    const out = await fn(client);
    assert.equal(client.exit, undefined, 'the server is alive');
    return out;
  } finally {
    await client.dispose();
  }
}

/** Opens `rel` with the pet store minus a property; resolves with the first status that is not "checking". */
async function openRemoved(c: TestClient, r: TempRepo, rel = 'openapi.yaml'): Promise<StatusParams> {
  c.open(r.uri(rel), PETS_REMOVED);
  return c.waitForStatus(r.uri(rel), (s) => s.state !== 'checking');
}

const short = (r: TempRepo, ref = 'HEAD') => r.git('rev-parse', '--short', ref);

test('server: no git on PATH says so (no diagnostics); with git the same spec is checked', async () => {
  const r = repo();
  const noGit = realpathSync(mkdtempSync(path.join(tmpdir(), 'breakwater-nogit-path-')));
  cleanups.push(() => rmSync(noGit, { recursive: true, force: true }));
  await withServer(
    r.root,
    async (c) => {
      const s = await openRemoved(c, r);
      assert.deepEqual([s.state, s.message], ['no-base', 'git is not installed or not on PATH, so the committed version cannot be read']);
      await c.waitForDiagnostics(r.uri('openapi.yaml'), (d) => d.length === 0);
    },
    { ...process.env, PATH: noGit },
  );
  await withServer(r.root, async (c) => {
    await openRemoved(c, r);
    await c.waitForDiagnostics(r.uri('openapi.yaml'), hasRemoved);
  });
});

test('server: outside a repository, in an empty one, and after the first commit', async () => {
  const plain = realpathSync(mkdtempSync(path.join(tmpdir(), 'breakwater-plain-')));
  cleanups.push(() => rmSync(plain, { recursive: true, force: true }));
  writeFileSync(path.join(plain, 'openapi.yaml'), PETS_YAML);
  await withServer(plain, async (c) => {
    c.open(pathToFileURL(path.join(plain, 'openapi.yaml')).toString(), PETS_REMOVED);
    const s = await c.waitForStatus(pathToFileURL(path.join(plain, 'openapi.yaml')).toString(), (x) => x.state !== 'checking');
    assert.deepEqual([s.state, s.message], ['no-repository', 'the file is not inside a git repository']);
  });

  const empty = repo({});
  empty.write('openapi.yaml', PETS_YAML);
  await withServer(empty.root, async (c) => {
    const s = await openRemoved(c, empty);
    assert.deepEqual([s.state, s.message], ['new-file', 'the repository has no commits yet']);
    empty.commit({ 'openapi.yaml': PETS_YAML }, 'first');
    await c.waitForDiagnostics(empty.uri('openapi.yaml'), hasRemoved, 'the first commit becomes the base');
  });
});

test('server: a detached HEAD is a base like any other', async () => {
  const r = repo();
  r.commit({ 'other.txt': 'x\n' }, 'second');
  r.git('checkout', '-q', '--detach', 'HEAD~1');
  await withServer(r.root, async (c) => {
    const s = await openRemoved(c, r);
    assert.deepEqual([s.state, s.baseLabel], ['ok', `HEAD ${short(r)}`]);
    await c.waitForDiagnostics(r.uri('openapi.yaml'), hasRemoved);
  });
});

test('server: a shallow clone names itself when the base is beyond its history; a missing object is reported', async () => {
  const origin = repo();
  origin.commit({ 'openapi.yaml': PETS_YAML.replace('List pets', 'List all pets') }, 'second');
  const shallow = realpathSync(mkdtempSync(path.join(tmpdir(), 'breakwater-shallow-')));
  cleanups.push(() => rmSync(shallow, { recursive: true, force: true }));
  execFileSync('git', ['clone', '-q', '--depth', '1', pathToFileURL(origin.root).toString(), shallow], { stdio: 'ignore' });
  await withServer(shallow, async (c) => {
    c.settings = { base: 'HEAD~1' };
    const uri = pathToFileURL(path.join(shallow, 'openapi.yaml')).toString();
    c.open(uri, PETS_REMOVED);
    const s = await c.waitForStatus(uri, (x) => x.state !== 'checking');
    assert.deepEqual(
      [s.state, s.message],
      ['no-base', 'unknown git ref "HEAD~1" (this clone is shallow: fetch more history, e.g. "git fetch --unshallow" or actions/checkout with fetch-depth: 0)'],
    );
    c.changeSettings({ base: 'HEAD' });
    await c.waitForDiagnostics(uri, hasRemoved, 'HEAD is in the clone');
  });

  const damaged = repo();
  const blob = damaged.git('rev-parse', 'HEAD:openapi.yaml');
  rmSync(damaged.path(`.git/objects/${blob.slice(0, 2)}/${blob.slice(2)}`));
  await withServer(damaged.root, async (c) => {
    const s = await openRemoved(c, damaged);
    const message = `the content of the base version at blob ${blob.slice(0, 12)} is missing from the repository (a partial or shallow clone, or a damaged .git); fetch it, e.g. "git fetch --unshallow"`;
    assert.deepEqual([s.state, s.message], ['error', message]);
    const d = await c.waitForDiagnostics(damaged.uri('openapi.yaml'), (x) => x.length > 0);
    assert.deepEqual(
      d.map((x) => String(x.message)),
      [`Breakwater could not check this document: ${message}`],
    );
  });
});

test('server: a base that does not parse is read leniently; one that is no spec counts as no base', async () => {
  const r = repo({ 'openapi.yaml': `${PETS_YAML}x-broken: [never closed\n`, 'notes.yaml': 'title: just notes\n' });
  await withServer(r.root, async (c) => {
    await openRemoved(c, r);
    const d = await c.waitForDiagnostics(r.uri('openapi.yaml'), hasRemoved, 'compared with what the broken base still says');
    assert.deepEqual(
      d.map((x) => x.code),
      [REMOVED],
      'problems of the base are not shown on the document being edited',
    );
    c.open(r.uri('notes.yaml'), PETS_REMOVED);
    const s = await c.waitForStatus(r.uri('notes.yaml'), (x) => x.state !== 'checking');
    assert.equal(s.state, 'new-file');
    assert.equal(s.message, 'the base version cannot be compared: not an OpenAPI or Swagger document: no "openapi" or "swagger" key at the top level');
  });
});

test('server: a spec deleted in HEAD is new; one deleted from disk while open is still checked', async () => {
  const r = repo({ 'openapi.yaml': PETS_YAML, 'gone.yaml': PETS_YAML });
  r.git('rm', '-q', 'gone.yaml');
  r.git('commit', '-q', '-m', 'remove gone.yaml');
  r.write('gone.yaml', PETS_YAML);
  await withServer(r.root, async (c) => {
    const s = await openRemoved(c, r, 'gone.yaml');
    assert.deepEqual([s.state, s.message], ['new-file', `the file is new: it is not in HEAD ${short(r)}`]);
    await openRemoved(c, r);
    await c.waitForDiagnostics(r.uri('openapi.yaml'), hasRemoved);
    rmSync(r.path('openapi.yaml'));
    c.setText(r.uri('openapi.yaml'), PETS_REMOVED.replace('List pets', 'List the pets'));
    await c.waitForDiagnostics(r.uri('openapi.yaml'), hasRemoved, 'still compared with HEAD');
  });
});

test('server: file and folder names with spaces, unicode, quotes and a leading dash', async () => {
  const rel = `dir with space/ünï'q"/-lead spec #1.yaml`;
  const r = repo({ [rel]: PETS_YAML });
  await withServer(r.root, async (c) => {
    const s = await openRemoved(c, r, rel);
    assert.equal(s.state, 'ok');
    const d = await c.waitForDiagnostics(r.uri(rel), hasRemoved);
    const related = d.find((x) => x.code === REMOVED)!.relatedInformation![0].location.uri;
    const base = await c.request<{ text: string } | null>('breakwater/baseContent', { uri: related });
    assert.equal(base?.text, PETS_YAML);
  });
});

test('server: another program rewriting a referenced file and committing the spec meanwhile', { timeout: 90_000 }, async () => {
  const main = PETS_YAML.replace("$ref: '#/components/schemas/Pet'", "$ref: 'schemas/pet.yaml#/Pet'");
  const pet = 'Pet:\n  type: object\n  properties:\n    id:\n      type: integer\n    name:\n      type: string\n';
  const r = repo({ 'openapi.yaml': main, 'schemas/pet.yaml': pet });
  // The writer: rewrites pet.yaml (sometimes half-written), and commits the spec, as fast as it can for 4 s.
  const script = `
    const fs = require('fs'); const { execFileSync } = require('child_process');
    const pet = ${JSON.stringify(pet)}; const main = ${JSON.stringify(main)};
    const end = Date.now() + 4000; let i = 0;
    while (Date.now() < end) {
      i++;
      fs.writeFileSync('schemas/pet.yaml', i % 3 === 0 ? pet.slice(0, i % pet.length) : pet.replace('integer', i % 2 ? 'string' : 'integer'));
      if (i % 10 === 0) {
        fs.writeFileSync('openapi.yaml', main.replace('List pets', 'List pets ' + i));
        execFileSync('git', ['-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-a', '-m', 'w' + i]);
      }
    }
    fs.writeFileSync('schemas/pet.yaml', pet);
    fs.writeFileSync('openapi.yaml', main);
    execFileSync('git', ['commit', '-q', '-a', '-m', 'final']);`;
  await withServer(r.root, async (c) => {
    const uri = r.uri('openapi.yaml');
    c.open(uri, main);
    await c.waitForDiagnostics(uri, () => true);
    const writer = spawn(process.execPath, ['-e', script], { cwd: r.root, stdio: 'ignore' });
    const done = new Promise<number | null>((resolve) => writer.on('exit', resolve));
    let edits = 0;
    while (writer.exitCode === null) {
      c.setText(uri, main.replace('List pets', `List pets, edit ${++edits}`));
      await c.waitForDiagnostics(uri, () => true, `an answer to edit ${edits} while files change`, 20_000);
      const failed = c.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'check-failed');
      assert.equal(failed, undefined, String(failed?.message));
    }
    assert.equal(await done, 0);
    // Settled: the editor's text against the final commit, with pet.yaml as on disk.
    c.setText(uri, main.replace("$ref: 'schemas/pet.yaml#/Pet'", "$ref: 'schemas/pet.yaml#/Pet'\n        '404':\n          description: gone"));
    await sleep(300);
    const settled = await c.waitForDiagnostics(uri, (d) => d.length === 1 && d[0].code === 'response-non-success-status-added', 'the settled state');
    assert.equal(settled.length, 1);
    assert.ok(edits > 3, `edits answered while the writer ran: ${edits}`);
    assert.deepEqual(
      c.log.filter((l) => /uncaught|unhandled|failed:/i.test(l)),
      [],
    );
  });
});
