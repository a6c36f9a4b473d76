// The npm package as a user gets it from the registry: `npm pack` in the checkout, the
// tarball installed offline into an empty folder outside it (so no dev dependency can be
// reached), then `npx breakwater --help` and a real `check` in a temporary git repository.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installOffline, packTarball, ROOT, run } from '../support/npmPack';
import { TempRepo } from '../support/tempRepo';
import { tinyPets } from '../support/petstore';

const SHIPPED = [
  'LICENSE',
  'README.md',
  'package.json',
  'dist/cli.js',
  'dist/cliWorker.js',
  'dist/parseWorker.js',
  'dist/server.js',
  'dist/checkWorker.js',
  'dist/THIRD-PARTY-NOTICES.txt',
  'docs/rules.md',
  'schemas/breakwater-config.schema.json',
];

const work = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-pkg-')));
after(() => rmSync(work, { recursive: true, force: true }));

const SPEC = tinyPets();

test('npm pack ships only the bundles, docs, schema, LICENSE and README; the tarball installs offline and runs', () => {
  const packed = packTarball(work);
  assert.deepEqual([...packed.files].sort(), [...SHIPPED].sort());
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; version: string };
  assert.equal(manifest.dependencies, undefined, 'everything the CLI and server need is in the bundles');

  // 2. install into an empty folder, offline: nothing but the tarball may be needed
  const app = join(work, 'app');
  mkdirSync(app);
  const installed = installOffline(packed.tarball, app);
  assert.equal(installed.status, 0, installed.stderr);
  assert.doesNotMatch(installed.stderr, /EBADENGINE|warn/i, 'a clean install prints no warning');
  assert.deepEqual(
    readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.')),
    ['breakwater'],
  );
  // The libraries inside the bundles travel with their licenses.
  const notices = readFileSync(join(app, 'node_modules', 'breakwater', 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const bundled of ['yaml', 'jsonc-parser', '@stoplight/yaml-ast-parser', 'vscode-languageserver', 'minimatch'])
    assert.match(notices, new RegExp(`^${bundled.replace(/[/.]/g, '\\$&')} \\d+\\.\\d+\\.\\d+ \\(`, 'm'), `the notices name ${bundled}`);
  assert.match(notices, /Licensed under the Apache License, Version 2\.0/);

  // 3. npx breakwater --help / --version
  const help = run('npx', ['--offline', 'breakwater', '--help'], app);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage:\n {2}breakwater diff BASE REVISION/);
  const version = run('npx', ['--offline', 'breakwater', '--version'], app);
  assert.equal(version.stdout.trim(), manifest.version);

  // The language server for other editors is a command of the package too.
  const server = run(join(app, 'node_modules', '.bin', 'breakwater-language-server'), [], app);
  assert.equal(server.status, 2);
  assert.match(server.stderr, /start it with --stdio/);

  // 4. a real check in a git repository: removing a response property is found, exit 1
  const repo = new TempRepo({ 'openapi.yaml': SPEC });
  try {
    repo.write('openapi.yaml', SPEC.replace('                  name: {type: string}\n', ''));
    const bin = join(app, 'node_modules', '.bin', 'breakwater');
    const text = run(bin, ['check', 'openapi.yaml'], repo.root);
    assert.equal(text.status, 0, `a removed optional response property is a warning (exit 0 with --fail-on error): ${text.stderr}`);
    assert.match(text.stdout, /^openapi\.yaml:\d+:\d+ {2}warning {2}response-optional-property-removed/m);
    const failing = run(bin, ['check', 'openapi.yaml', '--fail-on', 'warning', '--format', 'json'], repo.root);
    assert.equal(failing.status, 1, failing.stderr);
    const report = JSON.parse(failing.stdout) as { findings: { rule: string }[] };
    assert.deepEqual(
      report.findings.map((f) => f.rule),
      ['response-optional-property-removed'],
    );
  } finally {
    repo.cleanup();
  }
});
