// `breakwater check` with no file, as CI runs it on a pull request: every spec of a real
// temporary git repository against the merge-base with main, through the built CLI.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { TempRepo } from '../support/tempRepo';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function run(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A small spec; `extra` makes each one different enough that git never takes one for a rename of another. */
function spec(title: string, path: string, schema: string, extra: string[] = []): string {
  return [
    'openapi: 3.0.3',
    `info: {title: ${title}, version: 1.0.0, description: "${title} service"}`,
    'paths:',
    `  /${path}:`,
    '    get:',
    `      operationId: list${title}`,
    '      responses:',
    "        '200':",
    '          description: ok',
    '          content:',
    '            application/json:',
    `              schema: ${schema}`,
    ...extra,
    '',
  ].join('\n');
}

const PET_SCHEMA =
  'type: object\nrequired: [id]\nproperties:\n  id: {type: integer, description: the pet}\n  name: {type: string, description: what it answers to}\n';
const ORDERS = spec(
  'Orders',
  'orders',
  '{type: array, items: {type: object, properties: {total: {type: number}, currency: {type: string, enum: [EUR, USD]}}}}',
  ['    post:', '      operationId: createOrder', "      responses: {'201': {description: created}}"],
);
const LEGACY_JSON =
  JSON.stringify(
    {
      swagger: '2.0',
      info: { title: 'Legacy', version: '0.9' },
      paths: { '/v0/things': { get: { responses: { 200: { description: 'things of the old days' } } } } },
    },
    null,
    2,
  ) + '\n';

function baseRepo(): TempRepo {
  const repo = new TempRepo({
    'specs/pets.yaml': spec('Pets', 'pets', "{$ref: '../schemas/pet.yaml'}"),
    'schemas/pet.yaml': PET_SCHEMA,
    'specs/orders.yaml': ORDERS,
    'specs/legacy.json': LEGACY_JSON,
    // Committed broken: never read while it is unchanged (it would be a problem if it were).
    'specs/broken.yaml': 'openapi: 3.0.3\ninfo: {title: Broken\npaths: [\n',
    'deploy/k8s.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: pets}\n',
    'node_modules/some-lib/openapi.yaml': spec('Vendored', 'vendored', '{type: string}'),
  });
  repo.git('checkout', '-q', '-b', 'feature');
  return repo;
}

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

test('the pull request shape: one spec changed (in a referenced file), one unchanged, one new, one deleted', () => {
  const repo = baseRepo();
  repos.push(repo);
  repo.commit(
    {
      'schemas/pet.yaml': PET_SCHEMA.replace('  id: {type: integer, description: the pet}', '  id: {type: string, description: the pet}'),
      'specs/users.yaml': spec('Users', 'users', '{type: object, properties: {login: {type: string}, avatar: {type: string, format: uri}}}', [
        '    delete:',
        '      operationId: deleteUsers',
        "      responses: {'204': {description: gone}}",
      ]),
    },
    'pull request',
  );
  repo.git('rm', '-q', 'specs/legacy.json');
  repo.git('commit', '-q', '-m', 'drop legacy');

  const json = run(repo, ['check', '--base', 'main', '--format', 'json']);
  assert.equal(json.code, 1, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(
    report.specs.map((s: { file: string; status: string; summary: { error: number } }) => [s.file, s.status, s.summary.error]),
    [
      ['specs/broken.yaml', 'unchanged', 0],
      ['specs/legacy.json', 'deleted', 1],
      ['specs/orders.yaml', 'unchanged', 0],
      ['specs/pets.yaml', 'changed', 1],
      ['specs/users.yaml', 'new', 0],
    ],
    'sorted by path; the referenced schema, the Kubernetes file and node_modules are no specs',
  );
  assert.deepEqual(
    report.findings.map((f: { rule: string; revision: { file: string } | null; base: { file: string } }) => [f.rule, (f.revision ?? f.base).file]),
    [
      ['api-spec-removed', 'specs/legacy.json'],
      ['response-property-type-changed', 'schemas/pet.yaml'],
    ],
    'in the order of the specs',
  );
  assert.match(
    report.findings.find((f: { rule: string }) => f.rule === 'api-spec-removed').message,
    /^spec specs\/legacy\.json \(main\) was deleted: every operation it described is gone for its clients$/,
  );
  assert.deepEqual(report.problems, [], 'the unchanged broken spec was not read');

  const text = run(repo, ['check', '--base', 'main']);
  assert.equal(text.code, 1);
  assert.equal(
    text.stdout.replace(/:\d+:\d+ /g, ':L:C '),
    [
      'specs/broken.yaml: unchanged',
      'specs/legacy.json: deleted: 1 breaking, 0 possibly breaking, 0 not breaking',
      '  specs/legacy.json:L:C  error    api-spec-removed  spec specs/legacy.json (main) was deleted: every operation it described is gone for its clients',
      'specs/orders.yaml: unchanged',
      'specs/pets.yaml: changed: 1 breaking, 0 possibly breaking, 0 not breaking',
      `  schemas/pet.yaml:L:C  error    response-property-type-changed  ${report.findings.find((f: { rule: string }) => f.rule === 'response-property-type-changed').message}`,
      'specs/users.yaml: new, nothing to break',
      '',
      '5 specs compared with main (1 changed, 2 unchanged, 1 new, 1 deleted): 2 breaking, 0 possibly breaking, 0 not breaking',
      '',
    ].join('\n'),
  );

  const md = run(repo, ['check', '--base', 'main', '--format', 'markdown']).stdout;
  assert.match(md, /\*\*2\*\* breaking, \*\*0\*\* possibly breaking, \*\*0\*\* not breaking in 5 specs compared with `main`\./);
  assert.match(md, /^\| `specs\/pets\.yaml` \| changed \| 1 \| 0 \| 0 \|$/m);
  assert.match(md, /^\| `specs\/users\.yaml` \| new \| 0 \| 0 \| 0 \|$/m);
  assert.match(md, /^#### `specs\/pets\.yaml`\n\n\| level \| rule \| where \| change \|/m);

  const sarif = JSON.parse(run(repo, ['check', '--base', 'main', '--format', 'sarif']).stdout);
  assert.equal(sarif.runs.length, 1, 'one log, one run');
  assert.deepEqual(
    sarif.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri),
    ['specs/broken.yaml', 'specs/legacy.json', 'specs/orders.yaml', 'specs/pets.yaml', 'specs/users.yaml'],
  );
  assert.equal(sarif.runs[0].results.length, 2);

  const gh = run(repo, ['check', '--base', 'main', '--format', 'github']).stdout;
  assert.match(gh, /^::error file=schemas\/pet\.yaml,line=\d+,col=\d+,title=response-property-type-changed%3A Response property%3A Type changed::/m);
  assert.match(gh, /^::error file=specs\/legacy\.json,line=1,col=1,title=api-spec-removed%3A Spec removed::spec specs\/legacy\.json/m);

  // The same report from one thread and from several: stable order.
  assert.equal(run(repo, ['check', '--base', 'main', '--format', 'json'], { BREAKWATER_THREADS: '1' }).stdout, json.stdout);
});

test('renames are followed; a spec renamed to something that is no spec is one error', () => {
  const repo = baseRepo();
  repos.push(repo);
  repo.git('mv', 'specs/orders.yaml', 'specs/v2-orders.yaml');
  repo.git('mv', 'specs/legacy.json', 'specs/legacy.json.bak');
  // The renamed spec also loses its POST: found by comparing with the old path.
  repo.commit(
    { 'specs/v2-orders.yaml': ORDERS.replace("    post:\n      operationId: createOrder\n      responses: {'201': {description: created}}\n", '') },
    'renames',
  );
  const r = run(repo, ['check', '--base', 'main', '--format', 'json']);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(
    report.specs.map((s: { file: string; status: string }) => [s.file, s.status]),
    [
      ['specs/broken.yaml', 'unchanged'],
      ['specs/legacy.json', 'deleted'],
      ['specs/pets.yaml', 'unchanged'],
      ['specs/v2-orders.yaml', 'changed'],
    ],
  );
  assert.deepEqual(
    report.findings.map((f: { rule: string }) => f.rule),
    ['api-spec-removed', 'api-removed-without-deprecation'],
    'the renamed spec is compared with its old path',
  );
  assert.match(report.findings[0].message, /^spec specs\/legacy\.json \(main\) was renamed to specs\/legacy\.json\.bak, which is not an OpenAPI\/Swagger spec/);
  assert.equal(r.code, 1);
});

test('--include/--exclude and include:/exclude: in .breakwater.yaml choose the specs; only new and unchanged specs pass', () => {
  const repo = baseRepo();
  repos.push(repo);
  repo.git('rm', '-q', 'specs/legacy.json');
  repo.commit({ 'schemas/pet.yaml': PET_SCHEMA.replace('integer', 'string') }, 'changes');
  const files = (args: string[]) =>
    JSON.parse(run(repo, ['check', '--base', 'main', '--format', 'json', ...args]).stdout).specs.map((s: { file: string }) => s.file);
  assert.deepEqual(files(['--include', 'specs/p*']), ['specs/pets.yaml']);
  assert.deepEqual(files(['--exclude', '*.json', '--exclude', 'specs/broken.yaml']), ['specs/orders.yaml', 'specs/pets.yaml']);
  repo.commit({ '.breakwater.yaml': 'exclude: [specs/pets.yaml, "**/*.json"]\n' }, 'config');
  const r = run(repo, ['check', '--base', 'main', '--format', 'json']);
  assert.deepEqual(
    JSON.parse(r.stdout).specs.map((s: { file: string }) => s.file),
    ['specs/broken.yaml', 'specs/orders.yaml'],
  );
  assert.equal(r.code, 0, 'nothing changed among the specs left');
});

test('--staged: what the commit would record (referenced files from the index too), whatever the work tree holds', () => {
  const repo = baseRepo();
  repos.push(repo);
  repo.write('schemas/pet.yaml', PET_SCHEMA.replace('integer', 'string'));
  repo.git('add', 'schemas/pet.yaml');
  repo.write('schemas/pet.yaml', PET_SCHEMA); // unstaged: back as committed
  const staged = run(repo, ['check', '--staged', '--format', 'json']);
  assert.equal(staged.code, 1, staged.stderr);
  assert.deepEqual(
    JSON.parse(staged.stdout).findings.map((f: { rule: string }) => f.rule),
    ['response-property-type-changed'],
  );
  const one = run(repo, ['check', 'specs/pets.yaml', '--staged', '--format', 'json']);
  assert.deepEqual(
    JSON.parse(one.stdout).findings.map((f: { rule: string }) => f.rule),
    ['response-property-type-changed'],
  );
  const worktree = run(repo, ['check', '--format', 'json']);
  assert.equal(worktree.code, 0);
  assert.deepEqual(JSON.parse(worktree.stdout).findings, [], 'the work tree equals HEAD');
});
