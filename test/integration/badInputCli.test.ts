// Issue 8's bad inputs through the built CLI: each gets exactly one clear line on
// stderr and exit 2, or is read gracefully with the exact note or problem, and a
// good input right after it is checked normally. (No git, no repository, no commits,
// permissions and usage errors are in cliEdges.test.ts; renames and new files in
// cli.test.ts; a partial clone in security.test.ts.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
import { mkfifoSync } from '../support/fifo';
import { TempRepo } from '../support/tempRepo';
import { FORMATS, PETS_YAML } from './fixtures';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const REMOVED = 'response-optional-property-removed';
const PETS_JSON = FORMATS[1].render(PETS_YAML);
const PETS_REMOVED_JSON = FORMATS[1].render(PETS_REMOVED);

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', BREAKWATER_STATS: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
function repo(files: Record<string, string>): TempRepo {
  const r = new TempRepo(files);
  cleanups.push(() => r.cleanup());
  return r;
}
function folder(files: Record<string, string | Buffer>): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'breakwater-bad-')));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** One line on stderr, exit 2, nothing on stdout. */
function refused(args: string[], cwd: string, stderr: string | RegExp): void {
  const r = run(args, cwd);
  if (typeof stderr === 'string') assert.equal(r.stderr, stderr, args.join(' '));
  else assert.match(r.stderr, stderr, args.join(' '));
  assert.equal(r.code, 2, args.join(' '));
  assert.equal(r.stdout, '', args.join(' '));
}

/** The good pair right after: the usual finding. */
function checksNormally(cwd: string, base = 'base.yaml', revision = 'removed.yaml'): void {
  const r = run(['diff', base, revision, '--format', 'json'], cwd);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule),
    [REMOVED],
  );
}

const GOOD = { 'base.yaml': PETS_YAML, 'removed.yaml': PETS_REMOVED, 'base.json': PETS_JSON };

test('cli: invalid YAML and JSON mid-typing, JSON with comments, Kubernetes and compose files, binary and non-UTF-8 files, pipes', () => {
  const dir = folder({
    ...GOOD,
    'typing.yaml': HALF_TYPED_YAML,
    'typing.json': halfTypedJson(PETS_REMOVED_JSON),
    'commented.json': withComments(PETS_REMOVED_JSON),
    'deploy.yaml': K8S_MANIFEST,
    'docker-compose.yml': COMPOSE_FILE,
    'logo.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
    'latin1.yaml': Buffer.from(PETS_REMOVED.replace('List pets', 'Liste des animaux \u00e9'), 'latin1'),
    'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PETS_REMOVED, 'utf16le')]),
  });
  mkfifoSync(path.join(dir, 'pipe.yaml'));
  refused(
    ['diff', 'base.yaml', 'typing.yaml'],
    dir,
    'breakwater: typing.yaml:15:7: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
  );
  checksNormally(dir);
  refused(
    ['diff', 'base.json', 'typing.json'],
    dir,
    'breakwater: typing.json:10:28: invalid JSON: a string is not closed on its line (or holds a raw control character)\n',
  );
  checksNormally(dir);
  // JSONC is JSON with comments: compared as such.
  checksNormally(dir, 'base.json', 'commented.json');
  for (const other of ['deploy.yaml', 'docker-compose.yml']) {
    refused(['diff', 'base.yaml', other], dir, `breakwater: ${other}: not an OpenAPI or Swagger document: no "openapi" or "swagger" key at the top level\n`);
    checksNormally(dir);
  }
  refused(['diff', 'base.yaml', 'logo.yaml'], dir, 'breakwater: logo.yaml: not a text file (it contains NUL bytes)\n');
  refused(['diff', 'base.yaml', 'latin1.yaml'], dir, 'breakwater: latin1.yaml: not valid UTF-8 text (save the spec as UTF-8)\n');
  checksNormally(dir, 'base.yaml', 'utf16.yaml');
  refused(['diff', 'base.yaml', 'pipe.yaml'], dir, 'breakwater: pipe.yaml: not a regular file (a pipe, socket or device)\n');
  refused(['diff', 'base.yaml', '/dev/zero'], dir, 'breakwater: /dev/zero: not a regular file (a pipe, socket or device)\n');
  refused(['diff', 'base.yaml', 'removed.yaml', '--config', 'pipe.yaml'], dir, 'breakwater: pipe.yaml: not a regular file (a pipe, socket or device)\n');
  writeFileSync(path.join(dir, 'huge.yaml'), `rules: {}\n#${'x'.repeat(1024 * 1024)}\n`);
  refused(
    ['diff', 'base.yaml', 'removed.yaml', '--config', 'huge.yaml'],
    dir,
    'breakwater: huge.yaml: too large for a configuration file (1025 KB; the limit is 1 MB)\n',
  );
  checksNormally(dir);
});

test('cli: a 50 MB spec is checked (there is no live-checking limit here)', { timeout: 120_000 }, () => {
  const big = bigSpec(50);
  const r = repo({ 'big.yaml': big });
  r.write('big.yaml', big.replace(`        name:\n          type: string\n          description: The pet's name\n`, ''));
  const t0 = Date.now();
  const out = run(['check', 'big.yaml', '--format', 'json'], r.root);
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(
    JSON.parse(out.stdout).findings.map((f: { rule: string }) => f.rule),
    [REMOVED],
  );
  assert.ok(Date.now() - t0 < 60_000, `took ${Date.now() - t0} ms`);
});

test('cli: a YAML alias bomb and 10,000-deep nesting', () => {
  const dir = folder({ ...GOOD, 'bomb.yaml': aliasBomb(PETS_REMOVED), 'deep.yaml': deepNesting(PETS_REMOVED, 10_000) });
  const t0 = Date.now();
  const bomb = run(['diff', 'base.yaml', 'bomb.yaml', '--format', 'json'], dir);
  assert.ok(Date.now() - t0 < 10_000, `the bomb took ${Date.now() - t0} ms`);
  assert.equal(bomb.code, 0, bomb.stderr);
  assert.ok(JSON.parse(bomb.stdout).findings.some((f: { rule: string }) => f.rule === REMOVED));
  refused(['diff', 'base.yaml', 'deep.yaml'], dir, /^breakwater: deep\.yaml:22:\d+: nested too deeply to read \(Breakwater compares up to 512 levels\)\n$/);
  checksNormally(dir);
});

test('cli: cyclic $refs, $refs to nowhere, remote $refs and $refs leaving the repository are problems, never read', () => {
  const outside = folder({});
  // Named pipes: reading one would hang the CLI, so finishing proves it was never opened.
  mkfifoSync(path.join(outside, 'pet.yaml'));
  const r = repo({});
  mkdirSync(r.path('schemas'));
  mkfifoSync(r.path('schemas/pipe.yaml'));
  symlinkSync(path.join(outside, 'pet.yaml'), r.path('schemas/linked.yaml'));
  mkfifoSync(r.path('.breakwater.yaml')); // a configuration that is a pipe is no configuration
  const escaping = [path.relative(r.root, path.join(outside, 'pet.yaml')), 'schemas/linked.yaml', 'schemas/pipe.yaml', '/etc/passwd'];
  const files: Record<string, string> = { 'refs.yaml': BROKEN_REFS, 'remote.yaml': REMOTE_REF, 'base.yaml': PETS_YAML, 'removed.yaml': PETS_REMOVED };
  escaping.forEach((t, i) => (files[`escape-${i}.yaml`] = escapingRef(t)));
  r.commit(files, 'odd refs');
  const problems = (spec: string, args: string[]) => {
    const out = run([args[0], '--format', 'json', ...args.slice(1)], r.root);
    assert.equal(out.code, 0, `${spec}: ${out.stderr}`);
    return JSON.parse(out.stdout).problems.map((p: { message: string; file: string; line: number }) => `${p.file}:${p.line}: ${p.message}`);
  };
  // `check` against the committed copy (referenced files read from git), `diff` of the file with itself (from disk).
  for (const cmd of [(f: string) => ['check', f], (f: string) => ['diff', f, f]]) {
    const label = cmd('x')[0];
    assert.deepEqual(
      problems('refs.yaml', cmd('refs.yaml')).sort(),
      ['refs.yaml:26: $ref chain is cyclic or longer than 64 hops', 'refs.yaml:32: cannot resolve "#/components/schemas/Nowhere": nothing at that location'],
      label,
    );
    assert.deepEqual(
      problems('remote.yaml', cmd('remote.yaml')),
      ['remote.yaml:20: remote reference "https://schemas.example.com/pet.yaml#/Pet" is not followed (Breakwater never fetches over the network)'],
      label,
    );
    escaping.forEach((target, i) => {
      assert.deepEqual(
        problems(`escape-${i}`, cmd(`escape-${i}.yaml`)),
        [`escape-${i}.yaml:20: cannot resolve "${target}#/Pet": file not found or outside the repository`],
        `${label} ${target}`,
      );
    });
  }
  checksNormally(r.root);
});

test('cli check: a base that does not parse is compared leniently, with a note; a spec deleted in HEAD is new; a detached HEAD', () => {
  const r = repo({ 'openapi.yaml': `${PETS_YAML}x-broken: [never closed\n`, 'gone.yaml': PETS_YAML });
  r.git('rm', '-q', 'gone.yaml');
  r.git('commit', '-q', '-m', 'gone');
  r.write('openapi.yaml', PETS_REMOVED);
  r.write('gone.yaml', PETS_REMOVED);
  const lenient = run(['check', 'openapi.yaml', '--format', 'json'], r.root);
  assert.equal(lenient.code, 0, lenient.stderr);
  const json = JSON.parse(lenient.stdout);
  assert.deepEqual(
    json.findings.map((f: { rule: string }) => f.rule),
    [REMOVED],
  );
  assert.deepEqual(json.problems, [], "the base is history: its problems are not the work tree's");
  assert.match(
    run(['check', 'openapi.yaml'], r.root).stdout,
    /^note: openapi\.yaml: the version in HEAD does not parse \(line 36: Flow sequence in block collection must be sufficiently indented and end with a \]\); it was compared as far as it could be read$/m,
  );
  assert.equal(run(['check', 'gone.yaml'], r.root).stdout, 'note: gone.yaml is not in HEAD: a new spec has no breaking changes\n\nNo changes found.\n');

  r.commit({ 'openapi.yaml': PETS_YAML }, 'fixed');
  r.git('checkout', '-q', '--detach', 'HEAD');
  r.write('openapi.yaml', PETS_REMOVED);
  const detached = run(['check', 'openapi.yaml', '--format', 'json', '--fail-on', 'warning'], r.root);
  assert.equal(detached.code, 1, detached.stderr);
  assert.deepEqual(
    JSON.parse(detached.stdout).findings.map((f: { rule: string }) => f.rule),
    [REMOVED],
  );
});

test('cli check: a shallow clone names itself; a missing object is an error, not a new file', () => {
  const origin = repo({ 'openapi.yaml': PETS_YAML });
  origin.commit({ 'openapi.yaml': PETS_YAML.replace('List pets', 'List all pets') }, 'second');
  const shallow = folder({});
  rmSync(shallow, { recursive: true });
  execFileSync('git', ['clone', '-q', '--depth', '1', pathToFileURL(origin.root).toString(), shallow], { stdio: 'ignore' });
  writeFileSync(path.join(shallow, 'openapi.yaml'), PETS_REMOVED);
  refused(
    ['check', 'openapi.yaml', '--base', 'HEAD~1'],
    shallow,
    'breakwater: unknown git ref "HEAD~1" (this clone is shallow: fetch more history, e.g. "git fetch --unshallow" or actions/checkout with fetch-depth: 0)\n',
  );
  assert.equal(run(['check', 'openapi.yaml', '--fail-on', 'warning'], shallow).code, 1, 'HEAD is there');

  const damaged = repo({ 'openapi.yaml': PETS_YAML });
  const blob = damaged.git('rev-parse', 'HEAD:openapi.yaml');
  const head = damaged.git('rev-parse', 'HEAD');
  rmSync(damaged.path(`.git/objects/${blob.slice(0, 2)}/${blob.slice(2)}`));
  damaged.write('openapi.yaml', PETS_REMOVED);
  refused(
    ['check', 'openapi.yaml'],
    damaged.root,
    `breakwater: the content of openapi.yaml at ${head.slice(0, 12)} is missing from the repository (a partial or shallow clone, or a damaged .git); fetch it, e.g. "git fetch --unshallow"\n`,
  );
});

test('cli: file and folder names with spaces, unicode, quotes and a leading dash', () => {
  const dirName = `dir with space/ünï'q"`;
  const name = '-lead spec #1.yaml';
  const r = repo({ [`${dirName}/${name}`]: PETS_YAML });
  r.write(`${dirName}/${name}`, PETS_REMOVED);
  const cwd = r.path(dirName);
  for (const args of [
    ['check', '--', name],
    ['check', `./${name}`],
    ['diff', '--', `./${name}`, `./${name}`],
  ]) {
    const out = run([args[0], '--format', 'json', ...args.slice(1)], cwd);
    assert.equal(out.code, 0, `${args.join(' ')}: ${out.stderr}`);
  }
  const json = JSON.parse(run(['check', '--format', 'json', '--', name], cwd).stdout);
  assert.deepEqual(
    json.findings.map((f: { rule: string; revision: { file: string } }) => `${f.rule} ${f.revision.file}`),
    [`${REMOVED} ${name}`],
  );
  assert.match(run(['check', '--', name], cwd).stdout, new RegExp(`^${name.replace(/[#]/g, '\\$&')}:\\d+:\\d+\\s+warning\\s+${REMOVED}`, 'm'));
  refused(['check', name], cwd, `breakwater: unknown option ${name} (see breakwater --help)\n`);
});

test('cli: another program rewriting the spec meanwhile: every run ends in a result or one clear line', async () => {
  const r = repo({ 'openapi.yaml': PETS_YAML });
  const script = `
    const fs = require('fs'); const text = ${JSON.stringify(PETS_REMOVED)};
    const end = Date.now() + 3000; let i = 0;
    while (Date.now() < end) { i++; fs.writeFileSync('openapi.yaml', i % 2 ? text.slice(0, (i * 37) % text.length) : text); }
    fs.writeFileSync('openapi.yaml', text);`;
  const writer = spawn(process.execPath, ['-e', script], { cwd: r.root, stdio: 'ignore' });
  const done = new Promise<void>((resolve) => writer.on('exit', () => resolve()));
  const outcomes: Record<string, number> = {};
  while (writer.exitCode === null) {
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'check', 'openapi.yaml', '--format', 'json'], { cwd: r.root, env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
    outcomes[String(out.code)] = (outcomes[String(out.code)] ?? 0) + 1;
    if (out.code === 2) assert.match(out.stderr, /^breakwater: openapi\.yaml(:\d+:\d+)?: [^\n]+\n$/, 'one line naming the file');
    else {
      // A truncated but valid text has breaking changes (exit 1); a whole one has none at error level (exit 0).
      assert.ok(out.code === 0 || out.code === 1, out.stderr);
      assert.ok(Array.isArray(JSON.parse(out.stdout).findings));
    }
    assert.doesNotMatch(out.stderr, /internal error|\n\s+at /);
  }
  await done;
  const settled = run(['check', 'openapi.yaml', '--format', 'json'], r.root);
  assert.deepEqual(
    JSON.parse(settled.stdout).findings.map((f: { rule: string }) => f.rule),
    [REMOVED],
    'the settled file is checked normally',
  );
  assert.ok(Object.values(outcomes).reduce((a, b) => a + b, 0) >= 3, JSON.stringify(outcomes));
});
