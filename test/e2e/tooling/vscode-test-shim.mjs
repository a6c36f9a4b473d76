#!/usr/bin/env node
// A stand-in for the desktop `code` executable, for @vscode/test-electron's
// `runTests({ vscodeExecutablePath: <this file>, ... })` and @vscode/test-cli's
// `useInstallation.fromPath`. It takes test-electron's desktop arguments, starts the VS Code
// server from code-server's lib/vscode on 127.0.0.1, opens the workbench in headless Debian
// Chromium with the extension-development payload, forwards the extension host's console,
// and exits with the test suite's exit code (what `run()` resolved/rejected to).
//
// Arguments understood (everything else is ignored, as a server has no use for it):
//   <folder> | <file.code-workspace>        first positional argument = what to open
//   <any other file> | nothing              an empty window, no folder (the suite opens files)
//   --extensionDevelopmentPath=<dir>        may repeat
//   --extensionTestsPath=<file or dir>
//   --user-data-dir=<dir> --extensions-dir=<dir>   ignored: each run gets fresh ones
// Environment:
//   BREAKWATER_E2E_TIMEOUT   seconds for the whole suite (default 300)
//   BREAKWATER_E2E_KEEP=1    keep the run folder (logs, profile) for debugging
//   BREAKWATER_E2E_VERBOSE=1 also print the VS Code server's and the browser's output
//   Everything else in the environment (e.g. test-electron's extensionTestsEnv) reaches
//   the extension host, which inherits the server's environment.

import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureTooling } from './ensure.mjs';
import { launchBrowser, makeRunDir, remoteUri, startVSCodeServer, stopGroup, workbenchUrl, writeUserSettings } from './lib.mjs';

const verbose = !!process.env.BREAKWATER_E2E_VERBOSE;
const timeoutMs = Number(process.env.BREAKWATER_E2E_TIMEOUT || 300) * 1000;

// Harmless workbench chatter (pitfall 11), hidden unless BREAKWATER_E2E_VERBOSE is set.
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^\[Service Worker\] registration/,
  /^ChatSessionStore: /,
  /vsda.*(File not found|404)/,
];

function parseArgs(argv) {
  const out = { devPaths: [], testsPath: undefined, positional: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const key = a.startsWith('--') ? (eq > 0 ? a.slice(2, eq) : a.slice(2)) : undefined;
    const value = eq > 0 ? a.slice(eq + 1) : undefined;
    if (key === undefined) out.positional.push(a);
    else if (key === 'extensionDevelopmentPath') out.devPaths.push(value ?? argv[++i]);
    else if (key === 'extensionTestsPath') out.testsPath = value ?? argv[++i];
    else if ((key === 'user-data-dir' || key === 'extensions-dir') && value === undefined) out.ignored.push(a, argv[++i]);
    else out.ignored.push(a);
  }
  return out;
}

function log(...args) {
  console.log('[vscode-test-shim]', ...args);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.devPaths.length === 0 || !args.testsPath) {
    console.error('vscode-test-shim: need --extensionDevelopmentPath=... and --extensionTestsPath=...');
    return 2;
  }
  const tooling = await ensureTooling({ install: false });
  if (!tooling.ok) {
    console.error(`vscode-test-shim: e2e tooling not ready (${tooling.reason}); run node test/e2e/tooling/ensure.mjs`);
    return 2;
  }

  const target = args.positional.length ? resolve(args.positional[0]) : undefined;
  let folder, workspace;
  if (target && existsSync(target)) {
    if (statSync(target).isDirectory()) folder = target;
    else if (target.endsWith('.code-workspace')) workspace = target;
  }

  const run = makeRunDir('s-');
  writeUserSettings(run.user);
  let server, context;
  const started = Date.now();
  try {
    server = await startVSCodeServer(run, { onLine: verbose ? (l) => console.log(`[server] ${l}`) : undefined });
    if (verbose) log(`VS Code server on ${server.url}`);
    const payload = [
      ...args.devPaths.map((p) => ['extensionDevelopmentPath', remoteUri(server, resolve(p))]),
      ['extensionTestsPath', remoteUri(server, resolve(args.testsPath))],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    context = await launchBrowser(run);
    const page = context.pages()[0] ?? (await context.newPage());

    let settleExit;
    const exitCode = new Promise((res) => (settleExit = res));
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const list = Array.isArray(logArgs) ? logArgs : [logArgs];
      if (!verbose && typeof list[0] === 'string' && NOISE.some((re) => re.test(list[0]))) return;
      const fn = typeof console[type] === 'function' ? console[type] : console.log;
      fn(...list);
    });
    await page.exposeFunction('codeAutomationExit', (code) => settleExit(Number(code)));
    if (verbose) {
      page.on('console', (m) => console.log(`[browser:${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => console.log(`[browser:pageerror] ${e.message}`));
    }
    page.on('crash', () => settleExit(3));

    const url = workbenchUrl(server, { folder, workspace, payload });
    if (verbose) log(`opening ${url}`);
    await page.goto(url);
    const timeout = new Promise((res) => setTimeout(() => res('timeout'), timeoutMs).unref());
    const code = await Promise.race([exitCode, timeout, interrupted]);
    if (code === 'interrupted') {
      console.error('vscode-test-shim: interrupted, shutting down');
      return 130;
    }
    if (code === 'timeout') {
      console.error(`vscode-test-shim: the test suite did not finish within ${timeoutMs / 1000} s`);
      try {
        await page.screenshot({ path: `${run.root}/timeout.png` });
        writeFileSync(`${run.root}/timeout.html`, await page.content());
        console.error(`vscode-test-shim: screenshot at ${run.root}/timeout.png`);
      } catch {
        /* best effort */
      }
      return 4;
    }
    if (verbose) log(`suite exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } catch (err) {
    console.error(`vscode-test-shim: ${err?.stack ?? err}`);
    return 3;
  } finally {
    await context?.close().catch(() => {});
    await stopGroup(server?.child);
    run.cleanup();
  }
}

// test-electron sends SIGINT on Ctrl+C: stop waiting, and let main()'s finally tear down.
const interrupted = new Promise((res) => {
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => res('interrupted'));
});

let code = 1;
try {
  code = await main();
} finally {
  process.exit(code);
}
