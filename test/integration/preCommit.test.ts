// The pre-commit hook with the real `pre-commit` tool (Debian's package): a temporary
// project that has the packaged CLI installed (npm install of the tarball, offline) uses
// this repository's .pre-commit-hooks.yaml (as a path `repo:` at its HEAD commit) with
// the hook that runs the project's own install, so nothing is fetched. A commit that
// breaks a spec is refused with the finding printed; the safe alternative is committed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianTool } from '../support/debianTool';
import { cleanEnv, installOffline, packTarball, ROOT, run } from '../support/npmPack';
import { TempRepo } from '../support/tempRepo';
import { tinyPets } from '../support/petstore';

const missing = ensureDebianTool('pre-commit', 'pre-commit');
const hookRev = run('git', ['rev-parse', 'HEAD'], ROOT);
const hooksAtHead = hookRev.status === 0 ? run('git', ['cat-file', '-e', `${hookRev.stdout.trim()}:.pre-commit-hooks.yaml`], ROOT).status === 0 : false;
const skip = missing ?? (hooksAtHead ? undefined : 'this checkout has no commit with .pre-commit-hooks.yaml (pre-commit reads hooks from a commit)');

const work = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-pre-commit-')));
after(() => rmSync(work, { recursive: true, force: true }));

const PETS = tinyPets(undefined, ['id', 'name']);

test('pre-commit refuses a breaking commit with the finding, and lets the safe alternative through', { skip, timeout: 180_000 }, () => {
  const repo = new TempRepo();
  try {
    const { tarball } = packTarball(work);
    const installed = installOffline(tarball, repo.root);
    assert.equal(installed.status, 0, installed.stderr);
    repo.commit(
      {
        'openapi.yaml': PETS,
        '.gitignore': 'node_modules/\n',
        '.pre-commit-config.yaml': `repos:\n  - repo: ${ROOT}\n    rev: ${hookRev.stdout.trim()}\n    hooks:\n      - id: breakwater-installed\n`,
        'package.json': readFileSync(repo.path('package.json'), 'utf8'),
      },
      'project with breakwater installed',
    );
    const env = cleanEnv({ PRE_COMMIT_HOME: join(work, 'pre-commit-home') });
    const install = run('pre-commit', ['install'], repo.root, env);
    assert.equal(install.status, 0, install.stderr + install.stdout);

    // Removing a required response property: refused, the finding printed.
    repo.write('openapi.yaml', PETS.replace('                  name: {type: string}\n', ''));
    repo.git('add', 'openapi.yaml');
    const refused = run('git', ['commit', '-m', 'drop name'], repo.root, env);
    assert.notEqual(refused.status, 0, 'the commit is refused');
    const said = refused.stdout + refused.stderr;
    assert.match(said, /breakwater \(breaking API changes\)\.+Failed/);
    assert.match(said, /openapi\.yaml:\d+:\d+ {2}error {4}response-required-property-removed {2}Property "name" was removed/);
    assert.equal(repo.git('rev-list', '--count', 'HEAD'), '1', 'nothing committed');

    // The safe alternative: mark it deprecated instead of deleting it.
    repo.write('openapi.yaml', PETS.replace('                  name: {type: string}\n', '                  name: {type: string, deprecated: true}\n'));
    repo.git('add', 'openapi.yaml');
    const passed = run('git', ['commit', '-m', 'deprecate name'], repo.root, env);
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout + passed.stderr, /breakwater \(breaking API changes\)\.+Passed/);
    assert.equal(repo.git('rev-list', '--count', 'HEAD'), '2');
  } finally {
    repo.cleanup();
  }
});
