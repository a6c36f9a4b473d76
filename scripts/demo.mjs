#!/usr/bin/env node
// `npm run demo`: Breakwater in a real VS Code in your browser, on a sample repository.
//
//   node scripts/demo.mjs [--port N] [--keep] [--no-package]
//     --port N       listen on 127.0.0.1:N (default: a free port)
//     --keep         keep the temporary folder (sample repository, logs) after stopping
//     --no-package   install the existing breakwater.vsix instead of packaging the checkout
//
// 1. installs the VS Code server tooling when it is missing (code-server from
//    test/e2e/tooling, the same installer as the e2e tests);
// 2. packages the extension (scripts/package.mjs, i.e. `npm run package`) and installs the
//    .vsix into a fresh, private VS Code profile;
// 3. generates a git repository in a temporary folder: openapi.yaml committed twice (tag
//    v1.3.0, then HEAD), plus an uncommitted edit with four changes that break clients: 3 breaking, 1 possibly breaking;
// 4. starts code-server on 127.0.0.1 only (no password: nothing but this machine can reach it)
//    and prints the URL that opens the repository with openapi.yaml.
// Ctrl+C (or SIGTERM) stops code-server's whole process group (VS Code server, extension host,
// Breakwater's language server) and deletes the temporary folder.

import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTooling } from '../test/e2e/tooling/ensure.mjs';
import { codeServerCli, makeRunDir, startCodeServer, stopGroup, writeUserSettings } from '../test/e2e/tooling/lib.mjs';
import { sampleVersions } from './demo/sample.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const say = (msg) => console.log(`[demo] ${msg}`);

function fail(msg) {
  console.error(`[demo] ${msg}`);
  process.exit(1);
}

function makeSampleRepo(dir) {
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', HOME: dir };
  const git = (...args) => {
    const r = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) fail(`git ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  };
  const { v130, head, working } = sampleVersions(fail);
  git('init', '-q', '-b', 'main');
  // A local identity, so you can commit from the demo and watch the base move.
  git('config', 'user.name', 'Breakwater Demo');
  git('config', 'user.email', 'demo@breakwater.invalid');
  writeFileSync(join(dir, 'openapi.yaml'), v130);
  git('add', 'openapi.yaml');
  git('commit', '-q', '-m', 'Bookshop API 1.3.0');
  git('tag', 'v1.3.0');
  writeFileSync(join(dir, 'openapi.yaml'), head);
  git('commit', '-q', '-am', 'Bookshop API 1.4.0: DELETE /books/{bookId}');
  writeFileSync(join(dir, 'openapi.yaml'), working); // uncommitted
  return join(dir, 'openapi.yaml');
}

async function main() {
  const started = Date.now();
  const port = Number(option('--port', process.env.BREAKWATER_DEMO_PORT ?? '0'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port wants a port number, got ${option('--port')}`);

  // 1. VS Code server (code-server) and its dependencies, installed on demand
  say('checking the VS Code server tooling (test/e2e/tooling; the first run installs it, about a minute)');
  const tooling = await ensureTooling({ install: true, browser: false }); // you bring the browser
  if (!tooling.ok) fail(`cannot run VS Code here: ${tooling.reason}`);

  const run = makeRunDir('breakwater-demo-');
  let server;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping code-server (its whole process group)…');
    await stopGroup(server?.child);
    if (flag('--keep')) say(`kept ${run.root}`);
    else run.cleanup();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(sig === 'SIGINT' ? 0 : 1));

  try {
    // 2. the packaged extension, installed into this run's private profile
    let vsix = join(ROOT, 'breakwater.vsix');
    if (flag('--no-package')) {
      if (!existsSync(vsix)) throw new Error('no breakwater.vsix (npm run package)');
    } else {
      vsix = join(run.root, 'breakwater.vsix');
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--quiet', '--out', vsix], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0) throw new Error('packaging failed (see above)');
    }
    writeUserSettings(run.user, {
      // Unlike the tests, the demo shows the Source Control view (local git only, no fetching).
      'git.enabled': true,
      'git.autofetch': false,
      'git.openRepositoryInParentFolders': 'never',
    });
    await codeServerCli(run, ['--install-extension', vsix, '--force']);
    say(`installed ${vsix}`);

    // 3. the sample repository with an uncommitted breaking edit
    const repo = realpathSync(run.root) + '/bookshop';
    const spec = makeSampleRepo(repo);
    say(`sample repository: ${repo} (openapi.yaml: uncommitted edit against HEAD; tag v1.3.0 for "Choose Base")`);

    // 4. code-server on 127.0.0.1
    const log = createWriteStream(join(run.root, 'code-server.log'));
    server = await startCodeServer(run, { port, onLine: (l) => log.write(`${l}\n`) });
    server.child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`[demo] code-server exited (${code ?? signal}); its log: ${join(run.root, 'code-server.log')}`);
      void stop(1);
    });
    const remote = `vscode-remote://127.0.0.1:${server.port}${spec}`;
    const url = `${server.url}?folder=${encodeURIComponent(repo)}&payload=${encodeURIComponent(JSON.stringify([['openFile', remote]]))}`;
    console.log(`
Breakwater demo is running (ready in ${((Date.now() - started) / 1000).toFixed(0)} s). Open this URL in a browser on this machine:

  ${url}

(or ${server.url}?folder=${encodeURIComponent(repo)} and open openapi.yaml from the Explorer).
It listens on 127.0.0.1 only; from another machine, forward the port first, e.g.
  ssh -L ${server.port}:127.0.0.1:${server.port} <this host>

What to try in openapi.yaml (edited, not committed, compared with git HEAD):
  - squiggles on the four edits (3 breaking, 1 possibly breaking); hover one, or open the Problems panel (Ctrl+Shift+M);
  - Ctrl+. on a squiggle: the fixes (mark deprecated instead of deleting, make the parameter optional, ...);
  - the {} item in the status bar: the base in use and the counts; "Change base" in its popup compares with tag v1.3.0 (for this session, or saved in the settings);
  - Command Palette (F1): "Breakwater: Compare with Base", "Breakwater: Show All Changes";
  - break the YAML on purpose: a syntax error, and the findings stay (stale) until it parses.

Ctrl+C stops everything.`);
    await new Promise(() => {}); // until a signal
  } catch (err) {
    console.error(`[demo] ${err?.message ?? err}`);
    await stop(1);
  }
}

await main();
