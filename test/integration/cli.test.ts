// The built CLI (dist/cli.js) as a user runs it: formats, exit codes, one-line
// errors, and `check` against real temporary git repositories.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { petstore } from '../support/petstore';
import { TempRepo } from '../support/tempRepo';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function run(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SPEC = petstore({ get: '      parameters:\n        - name: limit\n          in: query\n          schema:\n            type: integer\n' });
const BROKEN = SPEC.replace(
  '      parameters:\n',
  '      parameters:\n        - name: q\n          in: query\n          required: true\n          schema: {type: string}\n',
).replace('        name:\n          type: string\n', '');

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-cli-')));
writeFileSync(join(dir, 'base.yaml'), SPEC);
writeFileSync(join(dir, 'rev.yaml'), BROKEN);
writeFileSync(join(dir, 'same.yaml'), SPEC);

test('diff: compiler-style text, exit 1 on breaking changes', () => {
  const r = run(['diff', 'base.yaml', 'rev.yaml'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^rev\.yaml:11:11 {2}error {3} new-required-request-parameter {2}Required query parameter "q" was added to GET \/pets/m);
  assert.match(r.stdout, /^rev\.yaml:\d+:\d+ {2}warning {2}response-optional-property-removed {2}Property "name" was removed from schema Pet/m);
  assert.match(r.stdout, /1 breaking, 1 possibly breaking, 0 not breaking/);
  assert.equal(r.stderr, '');
});

test('diff: JSON has exactly the documented shape', () => {
  const r = run(['diff', 'base.yaml', 'rev.yaml', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['findings', 'summary', 'problems']);
  assert.deepEqual(out.summary, { error: 1, warning: 1, info: 0 });
  for (const f of out.findings) assert.deepEqual(Object.keys(f), ['rule', 'level', 'message', 'operation', 'pointer', 'base', 'revision', 'fingerprint']);
  const removed = out.findings.find((f: { rule: string }) => f.rule === 'response-optional-property-removed');
  assert.deepEqual(removed.revision, { file: 'rev.yaml', line: 29, column: 7 });
  assert.deepEqual(removed.base, { file: 'base.yaml', line: 28, column: 9 });
  assert.equal(removed.pointer, '/components/schemas/Pet/properties');
  assert.equal(removed.operation, 'GET /pets');
  assert.match(removed.fingerprint, /^[0-9a-f]{16}$/);
});

test('--fail-on decides the exit code; identical specs exit 0', () => {
  assert.equal(run(['diff', 'base.yaml', 'same.yaml'], dir).code, 0);
  const noErrors = BROKEN; // has an error: fail-on error -> 1
  void noErrors;
  writeFileSync(join(dir, 'warn.yaml'), SPEC.replace('        name:\n          type: string\n', ''));
  assert.equal(run(['diff', 'base.yaml', 'warn.yaml'], dir).code, 0, 'a warning does not fail by default');
  assert.equal(run(['diff', 'base.yaml', 'warn.yaml', '--fail-on', 'warning'], dir).code, 1);
});

test('sarif, github and markdown formats', () => {
  const sarif = JSON.parse(run(['diff', 'base.yaml', 'rev.yaml', '--format', 'sarif'], dir).stdout);
  assert.equal(sarif.version, '2.1.0');
  const results = sarif.runs[0].results;
  assert.equal(results.length, 2);
  assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'rev.yaml');
  // Each rule's explanation is inside the log; no file:/// link to the machine that ran the check.
  for (const rule of sarif.runs[0].tool.driver.rules as {
    id: string;
    helpUri?: string;
    fullDescription: { text: string };
    help: { text: string; markdown: string };
  }[]) {
    assert.equal(rule.helpUri, undefined);
    assert.ok(rule.fullDescription.text.length > 0 && rule.help.text.startsWith(`${rule.id}: `), JSON.stringify(rule));
    assert.match(rule.help.markdown, /\*\*Safe alternative\.\*\*[\s\S]*```yaml/);
  }
  assert.doesNotMatch(JSON.stringify(sarif), /file:\/\/\/[^"]*rules\.md/);
  const gh = run(['diff', 'base.yaml', 'rev.yaml', '--format', 'github'], dir).stdout;
  assert.match(gh, /^::error file=rev\.yaml,line=11,col=11,title=new-required-request-parameter%3A New required parameter::Required query parameter "q"/m);
  assert.match(gh, /^::warning file=rev\.yaml,line=29,col=7,title=response-optional-property-removed%3A Optional response property removed::/m);
  const md = run(['diff', 'base.yaml', 'rev.yaml', '--format', 'markdown'], dir).stdout;
  assert.match(md, /\*\*1\*\* breaking, \*\*1\*\* possibly breaking/);
  assert.match(md, /\| 🔴 breaking \| `new-required-request-parameter`<br>New required parameter \| `rev\.yaml:11` \|/);
});

test('bad input: one clear line on stderr and exit 2', () => {
  writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.0.0\npaths:\n  /a: [\n');
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\n');
  writeFileSync(join(dir, 'v4.yaml'), 'openapi: 4.0.0\npaths: {}\n');
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x6f, 0x70, 0x00, 0xff]));
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('openapi: 3.0.0\ninfo: {title: caf\xe9}\n', 'latin1'));
  const cases: [string[], RegExp][] = [
    [['diff', 'missing.yaml', 'rev.yaml'], /^breakwater: missing\.yaml: no such file or folder\n$/],
    [['diff', 'base.yaml', 'broken.yaml'], /^breakwater: .*broken\.yaml:4:1: invalid YAML: .+\n$/],
    [['diff', 'base.yaml', 'pod.yaml'], /^breakwater: .*pod\.yaml: not an OpenAPI or Swagger document: no "openapi" or "swagger" key at the top level\n$/],
    [['diff', 'base.yaml', 'v4.yaml'], /^breakwater: .*v4\.yaml: unsupported OpenAPI version "4\.0\.0" \(supported: Swagger 2\.0, OpenAPI 3\.0, 3\.1\)\n$/],
    [['diff', 'base.yaml', 'binary.yaml'], /^breakwater: .*binary\.yaml: not a text file \(it contains NUL bytes\)\n$/],
    [['diff', 'base.yaml', 'latin1.yaml'], /^breakwater: .*latin1\.yaml: not valid UTF-8 text \(save the spec as UTF-8\)\n$/],
    [['diff', 'base.yaml'], /^breakwater: diff needs exactly two arguments: BASE REVISION\n$/],
    [['diff', 'base.yaml', 'rev.yaml', '--format', 'xml'], /^breakwater: --format must be one of text, json, sarif, github, markdown \(got "xml"\)\n$/],
    [['frobnicate'], /^breakwater: unknown command "frobnicate" \(commands: diff, check, rules, init\)\n$/],
    [['check', 'base.yaml'], /^breakwater: base\.yaml is not inside a git repository\n$/],
  ];
  for (const [args, expected] of cases) {
    const r = run(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}, stderr ${r.stderr}`);
    assert.match(r.stderr, expected, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('check: compares with HEAD by default, any ref on request', () => {
  const repo = new TempRepo({ 'api/openapi.yaml': SPEC });
  after(() => repo.cleanup());
  repo.git('tag', 'v1');
  assert.equal(run(['check', 'api/openapi.yaml'], repo.root).code, 0);
  repo.write('api/openapi.yaml', BROKEN);
  const r = run(['check', 'api/openapi.yaml', '--format', 'json'], repo.root);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout).summary, { error: 1, warning: 1, info: 0 });
  repo.commit({ 'api/openapi.yaml': BROKEN }, 'break it');
  assert.equal(run(['check', 'api/openapi.yaml'], repo.root).code, 0, 'HEAD now has the change');
  assert.equal(run(['check', 'api/openapi.yaml', '--base', 'v1'], repo.root).code, 1, 'but v1 did not');
  const unknown = run(['check', 'api/openapi.yaml', '--base', 'no-such-branch'], repo.root);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, 'breakwater: unknown git ref "no-such-branch"\n');
});

test('check: a new file has no findings; a renamed file follows git', () => {
  const repo = new TempRepo({ 'old.yaml': SPEC });
  after(() => repo.cleanup());
  repo.write('new.yaml', BROKEN);
  const fresh = run(['check', 'new.yaml'], repo.root);
  assert.equal(fresh.code, 0);
  assert.match(fresh.stdout, /note: new\.yaml is not in HEAD: a new spec has no breaking changes/);
  repo.git('mv', 'old.yaml', 'renamed.yaml');
  repo.write('renamed.yaml', BROKEN);
  repo.git('add', 'renamed.yaml');
  const renamed = run(['check', 'renamed.yaml', '--format', 'json'], repo.root);
  assert.equal(renamed.code, 1);
  assert.equal(JSON.parse(renamed.stdout).summary.error, 1);
});

test('check: a multi-file spec reads referenced files at the base ref too', () => {
  const root = SPEC.replace("$ref: '#/components/schemas/Pet'", "$ref: 'schemas/pet.yaml#/Pet'").replace(/components:[\s\S]*$/, '');
  const pet = 'Pet:\n  type: object\n  required: [id]\n  properties:\n    id:\n      type: integer\n    name:\n      type: string\n';
  const repo = new TempRepo({ 'openapi.yaml': root, 'schemas/pet.yaml': pet });
  after(() => repo.cleanup());
  assert.equal(run(['check', 'openapi.yaml'], repo.root).code, 0);
  repo.write('schemas/pet.yaml', pet.replace('    name:\n      type: string\n', ''));
  const r = JSON.parse(run(['check', 'openapi.yaml', '--format', 'json', '--fail-on', 'warning'], repo.root).stdout);
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0].rule, 'response-optional-property-removed');
  assert.deepEqual(r.findings[0].revision, { file: 'schemas/pet.yaml', line: 4, column: 3 });
});

test('.breakwater.yaml rule levels and accepted fingerprints are honoured', () => {
  const repo = new TempRepo({ 'openapi.yaml': SPEC });
  after(() => repo.cleanup());
  repo.write('openapi.yaml', BROKEN);
  const first = JSON.parse(run(['check', 'openapi.yaml', '--format', 'json'], repo.root).stdout);
  const required = first.findings.find((f: { rule: string }) => f.rule === 'new-required-request-parameter');
  repo.write(
    '.breakwater.yaml',
    `rules:\n  response-optional-property-removed: off\naccepted:\n  - fingerprint: ${required.fingerprint}\n    reason: clients were told\n`,
  );
  const r = run(['check', 'openapi.yaml', '--format', 'json'], repo.root);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout).findings, []);
});

test('rules lists the registry', () => {
  const r = run(['rules', '--format', 'json']);
  assert.equal(r.code, 0);
  const rules = JSON.parse(r.stdout);
  assert.ok(rules.length > 100);
  assert.ok(rules.some((x: { id: string; level: string }) => x.id === 'api-removed-without-deprecation' && x.level === 'error'));
});
