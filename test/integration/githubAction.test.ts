// action.yml run as GitHub's runner runs a composite action (test/support/actionRunner.ts)
// on a pull_request job: a full clone of a repository whose pull request branch breaks a
// spec, the packaged CLI installed offline from the tarball `npm pack` makes. Asserts the
// annotations in the log, the step summary, the SARIF file, the output and the exit code;
// then the safe alternative (deprecated instead of removed) passes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompositeAction } from '../support/actionRunner';
import { cleanEnv, packTarball, ROOT, run } from '../support/npmPack';
import { TempRepo } from '../support/tempRepo';
import { tinyPets } from '../support/petstore';

const work = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-action-')));
const upstream = new TempRepo();
after(() => {
  rmSync(work, { recursive: true, force: true });
  upstream.cleanup();
});

const PETS = tinyPets(['id: {type: integer}', 'name: {type: string}', 'tag: {type: string}']);
const BREAKING = PETS.replace('                  id: {type: integer}\n', '                  id: {type: string}\n');
const SAFE = PETS.replace('                  tag: {type: string}\n', '                  tag: {type: string, deprecated: true}\n');

test('the composite action on a pull request: annotations, step summary, SARIF, exit code', { timeout: 180_000 }, () => {
  const { tarball } = packTarball(work);
  upstream.commit({ 'specs/pets.yaml': PETS, 'specs/orders.yaml': PETS.replace(/pets|Pets/g, 'orders') }, 'main');
  upstream.git('checkout', '-q', '-b', 'breaking');
  upstream.commit({ 'specs/pets.yaml': BREAKING }, 'id becomes a string');
  upstream.git('checkout', '-q', '-b', 'safe', 'main');
  upstream.commit({ 'specs/pets.yaml': SAFE }, 'deprecate tag');
  upstream.git('checkout', '-q', 'main');

  // actions/checkout with fetch-depth: 0 on the pull request's branch.
  const ws = join(work, 'workspace');
  assert.equal(run('git', ['clone', '-q', upstream.root, ws], work).status, 0);
  const job = (headRef: string) => {
    assert.equal(run('git', ['checkout', '-q', headRef], ws).status, 0);
    const runnerTemp = join(work, `runner-${headRef}`);
    mkdirSync(runnerTemp);
    return { workspace: ws, runnerTemp, baseRef: 'main', headRef, env: cleanEnv({ npm_config_offline: 'true' }) };
  };

  const sarifFile = join(ws, 'breakwater.sarif');
  const broken = runCompositeAction(ROOT, { package: tarball, 'sarif-file': sarifFile }, job('breaking'));
  assert.equal(broken.exitCode, 1, broken.stderr);
  assert.deepEqual(broken.ran, ['install', 'check']);
  assert.equal(broken.outputs['exit-code'], '1');
  assert.match(
    broken.stdout,
    /^::error file=specs\/pets\.yaml,line=15,col=\d+,title=response-property-type-changed%3A Response property%3A Type changed::Property id changed type from integer to string/m,
  );
  assert.match(broken.stdout, /^specs\/pets\.yaml: changed: 1 breaking/m, 'the text report in the log');
  assert.match(broken.summary, /^### Breakwater: API changes$/m);
  assert.match(broken.summary, /\*\*1\*\* breaking, \*\*0\*\* possibly breaking, \*\*0\*\* not breaking in 2 specs compared with `merge-base:origin\/main`\./);
  assert.match(broken.summary, /^\| `specs\/orders\.yaml` \| unchanged \| 0 \| 0 \| 0 \|$/m);
  assert.match(broken.summary, /^\| 🔴 breaking \| `response-property-type-changed`<br>Response property: Type changed \| `specs\/pets\.yaml:15` \|/m);
  assert.ok(existsSync(sarifFile));
  const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
  assert.deepEqual(
    sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId),
    ['response-property-type-changed'],
  );
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'specs/pets.yaml');

  const safe = runCompositeAction(ROOT, { package: tarball, format: 'github' }, job('safe'));
  assert.equal(safe.exitCode, 0, safe.stderr + safe.stdout);
  assert.equal(safe.outputs['exit-code'], '0');
  assert.doesNotMatch(safe.stdout, /^::error/m);
  assert.match(safe.stdout, /^breakwater: 0 breaking, 0 possibly breaking/m, 'format github: annotations and the count line in the log');
  assert.match(safe.summary, /\*\*0\*\* breaking/);
});
