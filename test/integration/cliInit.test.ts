// `breakwater init --from oasdiff|optic` in real temporary repositories, through the built
// CLI: the .breakwater.yaml it writes is read by `breakwater check` and changes its result,
// and every source line it could not carry over is named with the reason.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { TempRepo } from '../support/tempRepo';
import { tinyPets } from '../support/petstore';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const run = (repo: TempRepo, args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const PETS = tinyPets(['id: {type: integer}', 'x-optic-exemptions: [breaking-changes]'], []);

test('init --from oasdiff: severity levels carried by rule id, the rest named line by line; check obeys the result', () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS });
  repos.push(repo);
  repo.write('.oasdiff.yaml', 'severity-levels: levels.txt\nerr-ignore: err-ignore.txt\nfail-on: WARN\nfilter-extension: x-beta\nmatch-path: ^/v1\n');
  repo.write(
    'levels.txt',
    '# our choices\nresponse-property-type-changed none\nrequest-parameter-removed warn\napi-removed-without-deprecation info\nresponse-body-teleported info\nnew-required-request-parameter sometimes\n',
  );
  repo.write('err-ignore.txt', 'GET /pets api removed without deprecation\n');
  repo.write('openapi.yaml', PETS.replace('id: {type: integer}', 'id: {type: string}'));
  assert.equal(run(repo, ['check', 'openapi.yaml']).code, 1, 'the type change is breaking before init');

  const r = run(repo, ['init', '--from', 'oasdiff']);
  assert.equal(r.code, 0, r.stderr);
  const config = parse(readFileSync(repo.path('.breakwater.yaml'), 'utf8'));
  assert.deepEqual(config.rules, {
    'response-property-type-changed': 'off',
    'request-parameter-removed': 'warning',
    'api-removed-without-deprecation': 'info',
  });
  assert.deepEqual(config.policies, { stability: { excludeFlags: ['x-beta'] } });
  assert.equal(
    r.stdout,
    [
      'wrote .breakwater.yaml from .oasdiff.yaml',
      '',
      'carried over:',
      '  + levels.txt:2: response-property-type-changed none -> rules: response-property-type-changed: off',
      '  + levels.txt:3: request-parameter-removed warn -> rules: request-parameter-removed: warning',
      '  + levels.txt:4: api-removed-without-deprecation info -> rules: api-removed-without-deprecation: info',
      '  + .oasdiff.yaml: filter-extension: x-beta -> policies.stability.excludeFlags (operations with x-beta: true are not checked)',
      '',
      'not carried over:',
      '  - levels.txt:5: response-body-teleported info: no Breakwater rule with this id (breakwater rules lists them)',
      '  - levels.txt:6: new-required-request-parameter sometimes: unknown level "sometimes" (oasdiff\'s are err, warn, info, none)',
      '  - err-ignore.txt:1: GET /pets api removed without deprecation: an ignore line names a change by oasdiff\'s English text; Breakwater accepts a change by its fingerprint: run breakwater check, then "Accept" the finding in the editor or add its fingerprint under accepted:',
      "  - .oasdiff.yaml: fail-on: WARN: not a config setting in Breakwater; pass --fail-on warning to breakwater check (the GitHub Action's fail-on input)",
      '  - .oasdiff.yaml: match-path: no Breakwater equivalent',
      '',
    ].join('\n'),
  );
  assert.equal(run(repo, ['check', 'openapi.yaml']).code, 0, 'the rule is off now');

  const again = run(repo, ['init', '--from', 'oasdiff']);
  assert.equal(again.code, 2);
  assert.equal(again.stderr, 'breakwater: .breakwater.yaml already exists; init never overwrites it (move it away, run init, then merge the two)\n');
});

test('init --from optic: breaking-changes options, files as include, x-optic-exemptions located', () => {
  const repo = new TempRepo({ 'specs/pets.yaml': PETS, 'specs/draft.yaml': PETS.replace('Pets', 'Draft') });
  repos.push(repo);
  repo.write(
    'optic.yml',
    'ruleset:\n  - breaking-changes:\n      exclude_operations_with_extension: x-draft\n      skip_when_major_version_changes: true\n  - naming:\n      properties: camelCase\nfiles:\n  - path: ./specs/pets.yaml\n    id: pets\ncapture:\n  specs/pets.yaml:\n    server: {url: http://localhost:8080}\n',
  );
  const r = run(repo, ['init', '--from', 'optic']);
  assert.equal(r.code, 0, r.stderr);
  const config = parse(readFileSync(repo.path('.breakwater.yaml'), 'utf8'));
  assert.deepEqual(config.include, ['specs/pets.yaml']);
  assert.deepEqual(config.policies, { stability: { excludeFlags: ['x-draft'] }, majorVersion: { enabled: true } });
  assert.match(r.stdout, /^ {2}\+ optic\.yml: files\[0\]\.path \.\/specs\/pets\.yaml -> include/m);
  assert.match(r.stdout, /^ {2}- optic\.yml: ruleset: naming: Breakwater checks breaking changes only/m);
  assert.match(r.stdout, /^ {2}- optic\.yml: capture: no Breakwater equivalent/m);
  assert.match(
    r.stdout,
    /^ {2}- \.\/specs\/pets\.yaml:15: x-optic-exemptions: \[breaking-changes\]: Optic's rule names are not Breakwater ids; replace it with x-breakwater-ignore/m,
  );
  // check with no file now looks only at the spec optic.yml named.
  const specs = JSON.parse(run(repo, ['check', '--format', 'json']).stdout).specs.map((s: { file: string }) => s.file);
  assert.deepEqual(specs, ['specs/pets.yaml']);
});
