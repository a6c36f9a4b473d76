#!/usr/bin/env node
// End-to-end tests: the real extension in a real VS Code (test/e2e/suite, run inside the
// extension host by @vscode/test-electron's runTests).
//
//   node scripts/e2e.mjs [--no-build] [--no-ui] [--repeat N] [--grep REGEX] [--launch NAME[,NAME]] [--keep]
//   (BREAKWATER_E2E_EXTENSION_PATH=<dir> tests another extension folder; implies no build)
//
// Where VS Code comes from:
//   - VSCODE_TEST_EXECUTABLE set: that executable (a desktop `code`, or our shim).
//   - BREAKWATER_E2E_DESKTOP=1: plain test-electron, which downloads desktop VS Code.
//   - otherwise: test/e2e/tooling/vscode-test-shim.mjs (VS Code server from code-server +
//     headless Debian chromium), installing the tooling first when it is missing.
// Whether e2e may be skipped:
//   - E2E=skip|off|0: skipped.
//   - E2E=required, CI=true, or this machine kind (Debian, root, apt-get): the tooling is
//     installed when missing and any failure is a failure.
//   - otherwise (E2E=auto or unset elsewhere): when the tooling cannot be had, print one line
//     `e2e: SKIPPED (reason)` and exit 0.
// After the in-extension-host launches, the UI smoke test (test/e2e/ui/smoke.mjs) runs once
// against a .vsix packaged from the current dist/ by scripts/package.mjs (shim route only;
// --no-ui, --grep and --launch skip it).
// The last line is always `e2e: N passed, N failed, N skipped` (or the SKIPPED line).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLING = join(ROOT, 'test', 'e2e', 'tooling');
const SHIM = join(TOOLING, 'vscode-test-shim.mjs');
const SUITE_OUT = join(ROOT, 'out', 'e2e', 'suite');
// The extension under test: the checkout itself, unless overridden (e.g. an unpacked .vsix).
const EXTENSION_PATH = resolve(process.env.BREAKWATER_E2E_EXTENSION_PATH || ROOT);
const require = createRequire(join(ROOT, 'package.json'));

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
if (flag('--keep')) process.env.BREAKWATER_E2E_KEEP = '1';

function say(msg) {
  console.log(`[e2e] ${msg}`);
}

function skip(reason) {
  console.log(`e2e: SKIPPED (${reason})`);
  process.exit(0);
}

function fail(message) {
  console.error(`[e2e] FAILED: ${message}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

/** This project's machine kind: Debian, root, apt-get. There the e2e run must not be skipped. */
function isProjectMachineKind() {
  return (
    process.platform === 'linux' &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    existsSync('/etc/debian_version') &&
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
  );
}

function runStep(title, cmd, args, opts = {}) {
  const started = Date.now();
  say(`${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) fail(`${title} failed (exit ${r.status ?? r.signal}) after ${secs} s`);
  say(`${title}: done in ${secs} s`);
}

// ---- 1. mode -------------------------------------------------------------------------------
const e2eMode = (process.env.E2E ?? '').toLowerCase();
if (['skip', 'off', '0', 'false', 'no'].includes(e2eMode)) skip(`E2E=${process.env.E2E}`);
const required =
  e2eMode === 'required' || e2eMode === '1' || e2eMode === 'true' || (e2eMode !== 'auto' && (process.env.CI === 'true' || isProjectMachineKind()));
const desktop = process.env.BREAKWATER_E2E_DESKTOP === '1' && !process.env.VSCODE_TEST_EXECUTABLE;
const executable = process.env.VSCODE_TEST_EXECUTABLE ? resolve(process.env.VSCODE_TEST_EXECUTABLE) : desktop ? undefined : SHIM;
const usesShim = executable !== undefined && basename(executable) === basename(SHIM);
const t0 = Date.now();

// ---- 2. tooling ----------------------------------------------------------------------------
if (usesShim) {
  const started = Date.now();
  const resultFile = join(mkdtempSync(join(tmpdir(), 'bw-e2e-ensure-')), 'result.json');
  let r;
  if (required) {
    say('ensuring e2e tooling (required here)');
    spawnSync(process.execPath, [join(TOOLING, 'ensure.mjs'), '--result', resultFile], { stdio: 'inherit' });
  } else {
    // Quiet: when the tooling cannot be had, the only output is the SKIPPED line.
    const logFile = join(dirname(resultFile), 'install.log');
    const fd = openSync(logFile, 'w');
    spawnSync(process.execPath, [join(TOOLING, 'ensure.mjs'), '--result', resultFile], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
  }
  try {
    r = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    r = { ok: false, reason: 'the tooling installer crashed' };
  }
  if (!r.ok) {
    if (required) fail(`e2e tooling could not be installed: ${r.reason}`);
    skip(`${r.reason}; log in ${dirname(resultFile)}/install.log`);
  }
  rmSync(dirname(resultFile), { recursive: true, force: true });
  say(`tooling ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} else if (executable && !existsSync(executable)) {
  if (required) fail(`VSCODE_TEST_EXECUTABLE=${executable} does not exist`);
  skip(`VSCODE_TEST_EXECUTABLE=${executable} does not exist`);
}

// ---- 3. build the extension and the suite ---------------------------------------------------
if (!flag('--no-build') && EXTENSION_PATH === ROOT) runStep('build extension', 'npm', ['run', 'build']);
for (const f of ['dist/extension.js', 'dist/server.js'])
  if (!existsSync(join(EXTENSION_PATH, f))) fail(`${join(EXTENSION_PATH, f)} is missing (npm run build)`);
runStep('compile e2e suite', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'test/e2e/tsconfig.json']);

// ---- 4. launches ---------------------------------------------------------------------------
const { makeGitWorkspace, makeCodeWorkspaceFile } = require(join(SUITE_OUT, 'gitWorkspace.js'));
const { FORMATS } = require(join(SUITE_OUT, 'specs.js'));
const fixture = (name) => readFileSync(join(ROOT, 'test', 'e2e', 'fixtures', name), 'utf8');
/** The committed spec in both formats: { 'openapi.yaml': ..., 'openapi.json': ... }, each edited by `edit`. */
const specFiles = (edit = (format, text) => text) => Object.fromEntries(FORMATS.map((f) => [f.file, edit(f, fixture(f.fixture))]));

/**
 * One VS Code launch per workspace shape. `files` selects the compiled test files (see
 * test/e2e/suite/index.ts); `workspace(dir)` creates what to open and returns its path, or
 * `{ open, env }` with extra environment for the suite. Each launch costs a VS Code start
 * (about 6-10 s): group scenarios by workspace shape.
 */
const LAUNCHES = [
  {
    // One repository with openapi.yaml and openapi.json committed.
    name: 'single-folder',
    files: '^[^.]+\\.test\\.js$',
    workspace: (dir) => makeGitWorkspace(specFiles(), { parent: dir, name: 'single' }).root,
  },
  {
    // Two folders, two repositories: A committed Pet.tag, B committed Pet.color instead.
    name: 'multi-root',
    files: '\\.multiroot\\.test\\.js$',
    workspace: (dir) => {
      const a = makeGitWorkspace(specFiles(), { parent: dir, name: 'a' });
      const b = makeGitWorkspace(
        specFiles((f, text) => f.withColorInsteadOfTag(text)),
        { parent: dir, name: 'b' },
      );
      return makeCodeWorkspaceFile([a.root, b.root], {}, dir);
    },
  },
  {
    // No folder: an empty window, the suite opens single files from a repository (like `code openapi.yaml`).
    name: 'no-folder',
    files: '\\.nofolder\\.test\\.js$',
    workspace: (dir) => {
      const repo = makeGitWorkspace(specFiles(), { parent: dir, name: 'files' });
      return { open: repo.path(FORMATS[0].file), env: { BREAKWATER_E2E_SPEC_DIR: repo.root } };
    },
  },
];

const { runTests } = require('@vscode/test-electron');
const repeat = Math.max(1, Number(option('--repeat', '1')));
const totals = { passes: 0, failures: 0, pending: 0 };
// Short paths: VS Code's IPC sockets live in the per-run TMPDIR and must stay < 108 chars.
const runRoot = mkdtempSync(join(tmpdir(), 'bwe-'));
const durations = [];
try {
  for (let i = 1; i <= repeat; i++) {
    for (const [n, launch] of LAUNCHES.entries()) {
      if (option('--launch') && !option('--launch').split(',').includes(launch.name)) continue;
      const dir = join(runRoot, `${n}.${i}`);
      mkdirSync(dir, { recursive: true });
      const created = launch.workspace(dir);
      const ws = typeof created === 'string' ? created : created.open;
      const resultsFile = join(dir, 'results.json');
      const label = `${launch.name}${repeat > 1 ? ` #${i}` : ''}`;
      say(`launch ${label}: ${executable ?? 'downloaded desktop VS Code'} on ${ws}`);
      const started = Date.now();
      let exitError;
      try {
        await runTests({
          ...(executable ? { vscodeExecutablePath: executable } : {}),
          extensionDevelopmentPath: EXTENSION_PATH,
          extensionTestsPath: join(SUITE_OUT, 'index.js'),
          launchArgs: [ws, '--disable-extensions', `--user-data-dir=${join(dir, 'user-data')}`, `--extensions-dir=${join(dir, 'extensions')}`],
          extensionTestsEnv: {
            BREAKWATER_E2E_FILES: launch.files,
            BREAKWATER_E2E_RESULTS: resultsFile,
            BREAKWATER_E2E_WORKSPACES: dir,
            BREAKWATER_E2E_RUN_ROOT: dir,
            ...(typeof created === 'string' ? {} : created.env),
            ...(option('--grep') ? { BREAKWATER_E2E_GREP: option('--grep') } : {}),
          },
        });
      } catch (err) {
        exitError = err;
      }
      const secs = (Date.now() - started) / 1000;
      durations.push(secs);
      let res;
      try {
        res = JSON.parse(readFileSync(resultsFile, 'utf8'));
      } catch {
        res = { passes: 0, failures: 1, pending: 0, tests: [] };
        console.error(`[e2e] ${label}: the suite wrote no results (${exitError?.message ?? 'no error'}): VS Code or the suite did not start`);
      }
      if (exitError && res.failures === 0) res.failures = 1; // e.g. a crash after the last test
      totals.passes += res.passes;
      totals.failures += res.failures;
      totals.pending += res.pending;
      say(`launch ${label}: ${res.passes} passed, ${res.failures} failed, ${res.pending} pending in ${secs.toFixed(1)} s`);
    }
  }
} finally {
  if (process.env.BREAKWATER_E2E_KEEP) say(`kept ${runRoot}`);
  else rmSync(runRoot, { recursive: true, force: true, maxRetries: 3 });
}

// ---- 5. UI smoke on the packaged extension ------------------------------------------------
// The .vsix comes from scripts/package.mjs (what `npm run package` runs, with its check of the
// file list), packing the dist/ built above.
if (usesShim && !flag('--no-ui') && !option('--grep') && !option('--launch') && EXTENSION_PATH === ROOT) {
  const uiDir = mkdtempSync(join(tmpdir(), 'bwu-'));
  try {
    const vsix = join(uiDir, 'breakwater.vsix');
    runStep('package .vsix for the UI smoke', process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--no-build', '--quiet', '--out', vsix]);
    const started = Date.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'test', 'e2e', 'ui', 'smoke.mjs'), '--vsix', vsix], { cwd: ROOT, stdio: 'inherit' });
    const ok = r.status === 0;
    totals.passes += ok ? 1 : 0;
    totals.failures += ok ? 0 : 1;
    say(`UI smoke: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (screenshots in test-output/e2e/ui)`);
  } finally {
    rmSync(uiDir, { recursive: true, force: true });
  }
}

if (durations.length > 1)
  say(`launch times: ${durations.map((d) => d.toFixed(1)).join(', ')} s (mean ${(durations.reduce((a, b) => a + b, 0) / durations.length).toFixed(1)} s)`);
say(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`e2e: ${totals.passes} passed, ${totals.failures} failed, ${totals.pending} skipped`);
process.exit(totals.failures > 0 ? 1 : 0);
