// The built CLI beyond the main paths (cli.test.ts): the rest of the one-line
// errors with their exact text, exit codes, configuration in effect, folders,
// several specs at once, colour, --stats, --help and --version.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TempRepo } from '../support/tempRepo';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const PKG = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string };

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', BREAKWATER_STATS: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SPEC = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
    delete:
      responses:
        '204':
          description: gone
`;
const NO_DELETE = SPEC.replace(/    delete:\n[\s\S]*$/, '');
const WITH_POST = SPEC + "    post:\n      responses:\n        '201':\n          description: made\n";

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(files: Record<string, string>): TempRepo {
  const r = new TempRepo(files);
  repos.push(r);
  return r;
}

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-cli-edges-')));
writeFileSync(join(dir, 'base.yaml'), SPEC);
writeFileSync(join(dir, 'removed.yaml'), NO_DELETE);
writeFileSync(join(dir, 'added.yaml'), WITH_POST);
mkdirSync(join(dir, 'empty'));
mkdirSync(join(dir, 'two'));
writeFileSync(join(dir, 'two', 'a.yaml'), SPEC);
writeFileSync(join(dir, 'two', 'b.json'), '{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}');
writeFileSync(join(dir, 'bad-config.yaml'), 'rules:\n  api-removed-without-deprecation: sometimes\n');

test('usage and input errors: exact one line on stderr, exit 2', () => {
  const cases: [string[], string][] = [
    [[], 'breakwater: no command given (commands: diff, check, rules, init; see breakwater --help)\n'],
    [['diff', 'base.yaml', 'removed.yaml', '--colour'], 'breakwater: unknown option --colour (see breakwater --help)\n'],
    [['diff', 'base.yaml', 'removed.yaml', '--fail-on', 'never'], 'breakwater: --fail-on must be one of error, warning, info (got "never")\n'],
    [['diff', 'base.yaml', 'removed.yaml', '--format'], 'breakwater: option --format needs a value\n'],
    [['diff', 'base.yaml', 'removed.yaml', '--base', 'main'], 'breakwater: --base only applies to check\n'],
    [['diff', 'base.yaml', 'removed.yaml', '--staged'], 'breakwater: --staged only applies to check\n'],
    [
      ['diff', 'empty', 'removed.yaml'],
      'breakwater: empty: no OpenAPI entry file in this folder (expected a .yaml, .yml or .json file with an "openapi" or "swagger" key at its top level)\n',
    ],
    [['diff', 'two', 'removed.yaml'], 'breakwater: two: several OpenAPI entry files in this folder (a.yaml, b.json); name the file instead\n'],
    [
      ['diff', 'base.yaml', 'removed.yaml', '--config', 'bad-config.yaml'],
      'breakwater: bad-config.yaml:2:3: level of "api-removed-without-deprecation" must be error, warning, info or off\n',
    ],
    [['diff', 'base.yaml', 'removed.yaml', '--config', 'none.yaml'], 'breakwater: none.yaml: no such file\n'],
    [['diff', 'base.yaml', 'nested/missing.yaml'], 'breakwater: nested/missing.yaml: no such file or folder\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = run(args, dir);
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '', 'nothing on stdout');
  }
});

test('git missing: one line, exit 2', () => {
  const r = repo({ 'openapi.yaml': SPEC });
  const out = run(['check', 'openapi.yaml'], r.root, { PATH: dir }); // node is run by absolute path; git is not found
  assert.equal(out.stderr, 'breakwater: git is not installed or not on PATH\n');
  assert.equal(out.code, 2);
});

test('unreadable spec: permission denied', (t) => {
  if (process.getuid?.() === 0) return t.skip('running as root: file permissions do not stop reads');
  writeFileSync(join(dir, 'locked.yaml'), SPEC);
  chmodSync(join(dir, 'locked.yaml'), 0o000);
  const r = run(['diff', 'base.yaml', 'locked.yaml'], dir);
  assert.equal(r.stderr, 'breakwater: locked.yaml: permission denied\n');
  assert.equal(r.code, 2);
});

test('exit codes follow --fail-on', () => {
  assert.equal(run(['diff', 'base.yaml', 'base.yaml'], dir).code, 0);
  assert.equal(run(['diff', 'base.yaml', 'removed.yaml'], dir).code, 1, 'operation removed is an error');
  assert.equal(run(['diff', 'base.yaml', 'added.yaml'], dir).code, 0, 'an addition is info');
  assert.equal(run(['diff', 'base.yaml', 'added.yaml', '--fail-on', 'warning'], dir).code, 0);
  assert.equal(run(['diff', 'base.yaml', 'added.yaml', '--fail-on', 'info'], dir).code, 1);
});

test('check: invalid YAML in the work tree is exit 2 with its position', () => {
  const r = repo({ 'api/openapi.yaml': SPEC });
  r.write('api/openapi.yaml', SPEC.replace("        '204':", "        '204': [\n"));
  const out = run(['check', 'openapi.yaml'], r.path('api'));
  assert.match(out.stderr, /^breakwater: openapi\.yaml:\d+:\d+: invalid YAML: .+\n$/);
  assert.equal(out.code, 2);
});

test('check: no commits yet, or a base that is no spec, means nothing to compare', () => {
  const fresh = repo({});
  fresh.write('openapi.yaml', SPEC);
  const unborn = run(['check', 'openapi.yaml'], fresh.root);
  assert.equal(unborn.code, 0);
  assert.equal(unborn.stdout, 'note: openapi.yaml: the repository has no commits yet, so there is no base to compare with\n\nNo changes found.\n');

  const r = repo({ 'openapi.yaml': 'title: just some YAML\n' });
  r.write('openapi.yaml', SPEC);
  const notSpec = run(['check', 'openapi.yaml', '--format', 'json'], r.root);
  assert.equal(notSpec.code, 0);
  assert.deepEqual(JSON.parse(notSpec.stdout), { findings: [], summary: { error: 0, warning: 0, info: 0 }, problems: [] });
  assert.match(
    run(['check', 'openapi.yaml'], r.root).stdout,
    /^note: openapi\.yaml: the version in HEAD is not a spec that can be compared \(not an OpenAPI or Swagger document: .+\); no findings$/m,
  );
});

test('check: several specs and folders in one run, one JSON object', () => {
  const r = repo({ 'a/openapi.yaml': SPEC, 'b/openapi.yaml': SPEC });
  r.write('a/openapi.yaml', NO_DELETE);
  r.write('b/openapi.yaml', WITH_POST);
  const out = run(['check', 'a', 'b/openapi.yaml', '--format', 'json'], r.root);
  assert.equal(out.code, 1);
  const json = JSON.parse(out.stdout);
  assert.deepEqual(json.summary, { error: 1, warning: 0, info: 1 });
  assert.deepEqual(
    json.findings.map((f: { rule: string; revision: { file: string } }) => `${f.rule} ${f.revision.file}`),
    ['api-removed-without-deprecation a/openapi.yaml', 'endpoint-added b/openapi.yaml'],
  );
});

test('.breakwater.yaml: base ref from the config, expired acceptances reported again with a note', () => {
  const r = repo({ 'openapi.yaml': SPEC });
  r.git('tag', 'v1');
  r.commit({ 'openapi.yaml': NO_DELETE }, 'remove delete');
  assert.equal(run(['check', 'openapi.yaml'], r.root).code, 0, 'HEAD already has the removal');
  r.write('.breakwater.yaml', 'base: v1\n');
  const json = JSON.parse(run(['check', 'openapi.yaml', '--format', 'json'], r.root).stdout);
  assert.equal(json.findings[0].rule, 'api-removed-without-deprecation');
  assert.equal(run(['check', 'openapi.yaml', '--base', 'HEAD'], r.root).code, 0, '--base wins over the config');

  r.write('.breakwater.yaml', `base: v1\naccepted:\n  - fingerprint: ${json.findings[0].fingerprint}\n    reason: announced\n    expires: 2001-01-01\n`);
  const expired = run(['check', 'openapi.yaml'], r.root);
  assert.equal(expired.code, 1);
  assert.match(
    expired.stdout,
    new RegExp(`^note: accepted change ${json.findings[0].fingerprint} expired on 2001-01-01 \\(announced\\); it is reported again$`, 'm'),
  );
  r.write('.breakwater.yaml', `base: v1\naccepted:\n  - ${json.findings[0].fingerprint}\n`);
  assert.equal(run(['check', 'openapi.yaml'], r.root).code, 0);
});

test('.breakwater.yaml: `base: merge-base:main` compares with where the branch left main, not with main now', () => {
  const r = repo({ 'openapi.yaml': SPEC });
  r.git('checkout', '-q', '-b', 'feature');
  r.commit({ 'openapi.yaml': NO_DELETE }, 'feature: remove delete');
  r.git('checkout', '-q', 'main');
  r.commit({ 'openapi.yaml': NO_DELETE }, 'main: remove delete too');
  r.git('checkout', '-q', 'feature');
  r.write('.breakwater.yaml', 'base: main\n');
  assert.equal(run(['check', 'openapi.yaml'], r.root).code, 0, 'main has the removal too');
  r.write('.breakwater.yaml', 'base: merge-base:main\n');
  const out = run(['check', 'openapi.yaml', '--format', 'json'], r.root);
  assert.equal(out.stderr, '');
  assert.equal(out.code, 1, 'the merge-base still had DELETE /pets');
  assert.deepEqual(
    JSON.parse(out.stdout).findings.map((f: { rule: string }) => f.rule),
    ['api-removed-without-deprecation'],
  );
});

test('.breakwater.yaml: `base: staged` compares the work tree with the index', () => {
  const r = repo({ 'openapi.yaml': SPEC });
  r.write('openapi.yaml', NO_DELETE);
  r.git('add', 'openapi.yaml');
  r.write('.breakwater.yaml', 'base: staged\n');
  const same = run(['check', 'openapi.yaml'], r.root);
  assert.equal(same.stderr, '');
  assert.equal(same.code, 0, 'the removal is staged: the work tree equals the index');
  assert.equal(run(['check', 'openapi.yaml', '--base', 'HEAD'], r.root).code, 1, 'against HEAD it is breaking');
  r.write('openapi.yaml', SPEC);
  r.git('add', 'openapi.yaml');
  r.write('openapi.yaml', NO_DELETE);
  const json = JSON.parse(run(['check', 'openapi.yaml', '--format', 'json'], r.root).stdout);
  assert.deepEqual(
    json.findings.map((f: { rule: string }) => f.rule),
    ['api-removed-without-deprecation'],
    'the index has DELETE /pets again',
  );
});

test('diff: two folders of a multi-file spec, the change shown in the referenced file', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-cli-folders-')));
  const entry = SPEC.replace(
    '          description: ok\n',
    "          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: 'schemas/pet.yaml#/Pet'\n",
  );
  for (const [side, pet] of [
    ['v1', 'Pet:\n  type: object\n  properties:\n    kind:\n      type: string\n      enum: [cat, dog]\n'],
    ['v2', 'Pet:\n  type: object\n  properties:\n    kind:\n      type: string\n      enum: [cat, dog, bird]\n'],
  ]) {
    mkdirSync(join(root, side, 'schemas'), { recursive: true });
    writeFileSync(join(root, side, 'openapi.yaml'), entry);
    writeFileSync(join(root, side, 'schemas', 'pet.yaml'), pet);
  }
  const out = run(['diff', 'v1', 'v2', '--format', 'json'], root);
  assert.equal(out.code, 0, out.stderr);
  const f = JSON.parse(out.stdout).findings;
  assert.equal(f.length, 1);
  assert.equal(f[0].rule, 'response-property-enum-value-added');
  assert.deepEqual(f[0].revision, { file: 'v2/schemas/pet.yaml', line: 6, column: 24 }, 'on the added value "bird"');
});

test('colour: only on request or for a terminal, never with NO_COLOR', () => {
  assert.doesNotMatch(run(['diff', 'base.yaml', 'removed.yaml'], dir).stdout, /\u001b\[/);
  assert.match(run(['diff', 'base.yaml', 'removed.yaml'], dir, { NO_COLOR: '', FORCE_COLOR: '1' }).stdout, /\u001b\[31merror/);
  assert.doesNotMatch(run(['diff', 'base.yaml', 'removed.yaml'], dir, { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout, /\u001b\[/);
});

test('--stats and BREAKWATER_STATS report time and peak memory on stderr only', () => {
  const stats = /^breakwater: stats: total \d+ ms \(read \d+ ms, parse\+compare \d+ ms\), 2 files, peak RSS \d+\.\d MB\n$/;
  const a = run(['diff', 'base.yaml', 'removed.yaml', '--format', 'json', '--stats'], dir);
  assert.match(a.stderr, stats);
  assert.equal(JSON.parse(a.stdout).summary.error, 1, 'stdout stays pure JSON');
  assert.match(run(['diff', 'base.yaml', 'removed.yaml'], dir, { BREAKWATER_STATS: '1' }).stderr, stats);
  assert.equal(run(['diff', 'base.yaml', 'removed.yaml'], dir).stderr, '');
});

test('--help, --version and rules', () => {
  const help = run(['--help'], dir);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage:\n {2}breakwater diff BASE REVISION/);
  assert.match(help.stdout, /Exit codes: 0 nothing at or above --fail-on, 1 breaking changes found, 2 usage or input error\./);
  assert.deepEqual(run(['--version'], dir), { code: 0, stdout: `${PKG.version}\n`, stderr: '' });
  const rules = run(['rules'], dir);
  assert.equal(rules.code, 0);
  assert.match(rules.stdout, /^api-removed-without-deprecation +error +none +Operation removed without deprecation$/m);
});

test("COMMAND --help prints that command's own usage", () => {
  for (const args of [
    ['check', '--help'],
    ['check', 'openapi.yaml', '-h'],
    ['--format', 'json', 'check', '--help'],
  ]) {
    const r = run(args, dir);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /^Usage: breakwater check \[SPEC\.\.\.\] \[--base REF\] \[--staged\]/, args.join(' '));
    assert.doesNotMatch(r.stdout, /breakwater diff|breakwater rules/, 'only check');
    assert.match(r.stdout, /--base REF/);
  }
  const diff = run(['diff', '--help'], dir);
  assert.match(diff.stdout, /^Usage: breakwater diff BASE REVISION/);
  assert.doesNotMatch(diff.stdout, /--base REF|breakwater check/, "check's --base is no diff option");
  assert.match(run(['rules', '--help'], dir).stdout, /^Usage: breakwater rules/);
  assert.match(run(['--base', 'check', '--help'], dir).stdout, /^Usage:\n {2}breakwater diff/, 'an option value is no command');
});

test('paths are printed as the user gave them: absolute stays absolute, relative as typed', () => {
  const abs = run(['diff', join(dir, 'base.yaml'), join(dir, 'removed.yaml')], tmpdir());
  assert.ok(abs.stdout.startsWith(`${join(dir, 'removed.yaml')}:`), abs.stdout);
  const json = JSON.parse(run(['diff', join(dir, 'base.yaml'), join(dir, 'removed.yaml'), '--format', 'json'], tmpdir()).stdout) as {
    findings: { base: { file: string } }[];
  };
  assert.equal(json.findings[0].base.file, join(dir, 'base.yaml'));
  assert.ok(run(['diff', './base.yaml', './removed.yaml'], dir).stdout.startsWith('./removed.yaml:'));
  assert.ok(run(['diff', 'base.yaml', 'removed.yaml'], dir).stdout.startsWith('removed.yaml:'));
  // SARIF stays relative to its %SRCROOT% (the working directory).
  const sarif = JSON.parse(run(['diff', join(dir, 'base.yaml'), join(dir, 'removed.yaml'), '--format', 'sarif'], dir).stdout);
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'removed.yaml');
});

test('github: annotation paths are relative to GITHUB_WORKSPACE when set', () => {
  const r = repo({ 'api/openapi.yaml': SPEC });
  r.write('api/openapi.yaml', NO_DELETE);
  const inSubdir = run(['check', 'openapi.yaml', '--format', 'github'], r.path('api'), { GITHUB_WORKSPACE: r.root });
  assert.match(
    inSubdir.stdout,
    /^::error file=api\/openapi\.yaml,line=\d+,col=\d+,title=api-removed-without-deprecation%3A Operation removed without deprecation::/m,
  );
  assert.match(run(['check', 'openapi.yaml', '--format', 'github'], r.path('api'), { GITHUB_WORKSPACE: '' }).stdout, /^::error file=openapi\.yaml,/m);
});

test('a reader that stops early (| head) ends the output quietly: no stack trace, the run keeps its exit code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-pipe-'));
  writeFileSync(join(dir, 'base.yaml'), SPEC);
  writeFileSync(join(dir, 'revision.yaml'), NO_DELETE);
  // `head -c 1` reads one byte and closes the pipe while the CLI is still writing; PIPESTATUS holds the CLI's code.
  for (const [args, code] of [
    ['rules', 0],
    ['rules --format markdown', 0],
    ['diff base.yaml revision.yaml --format json', 1],
  ] as const) {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" ${args} 2>err.txt | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(r.stdout.trim(), String(code), args);
    assert.equal(readFileSync(join(dir, 'err.txt'), 'utf8'), '', `${args}: nothing on stderr`);
  }
});
