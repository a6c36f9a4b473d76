// Shared pieces of the e2e harness: per-run folders, the VS Code server (from code-server's
// lib/vscode), code-server itself (for UI tests), headless Chromium through playwright-core,
// and process-group teardown. Everything listens on and talks to 127.0.0.1 only.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, SERVER_MAIN, TOOLING_DIR, findChromium } from './ensure.mjs';

const require = createRequire(join(TOOLING_DIR, 'package.json'));

/** Settings that keep the workbench quiet, offline and free of first-run UI. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  // The web workbench auto-saves after 1 s by default (desktop does not): edits the tests make
  // would land on disk and survive a revert. Desktop behaviour: save only when asked.
  'files.autoSave': 'off',
};

/**
 * Creates a fresh run folder with every directory a run writes to, so nothing lands in
 * $HOME or the shared /tmp (pitfall 6).
 */
export function makeRunDir(prefix = 'bw-e2e-') {
  const base = process.env.BREAKWATER_E2E_RUN_ROOT || tmpdir();
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(join(base, prefix));
  const dirs = {
    root,
    tmp: join(root, 'tmp'),
    serverData: join(root, 'server-data'),
    user: join(root, 'user'),
    exts: join(root, 'exts'),
    browserProfile: join(root, 'browser-profile'),
    xdgConfig: join(root, 'xdg-config'),
    xdgData: join(root, 'xdg-data'),
    xdgCache: join(root, 'xdg-cache'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  // The VS Code server puts vscode-ipc-<uuid>.sock (51 chars) into TMPDIR; a unix socket path
  // must stay under 108 bytes.
  if (dirs.tmp.length + 52 > 107) console.warn(`[e2e] warning: ${dirs.tmp} is long; VS Code's IPC sockets may fail (use a shorter BREAKWATER_E2E_RUN_ROOT)`);
  return {
    ...dirs,
    cleanup() {
      if (process.env.BREAKWATER_E2E_KEEP) {
        console.log(`[e2e] keeping run folder ${root}`);
        return;
      }
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Writes settings.json where both code-server and the VS Code server look for it. */
export function writeUserSettings(userDir, extra = {}) {
  const settings = JSON.stringify({ ...QUIET_SETTINGS, ...extra }, null, 2);
  for (const sub of ['User', join('data', 'User')]) {
    mkdirSync(join(userDir, sub), { recursive: true });
    writeFileSync(join(userDir, sub, 'settings.json'), settings);
  }
}

/** Environment for every child we start: private TMPDIR/XDG dirs, no extension gallery. */
export function isolatedEnv(run, extra = {}) {
  return {
    ...process.env,
    TMPDIR: run.tmp,
    XDG_CONFIG_HOME: run.xdgConfig,
    XDG_DATA_HOME: run.xdgData,
    XDG_CACHE_HOME: run.xdgCache,
    EXTENSIONS_GALLERY: '{}',
    VSCODE_CLI: undefined,
    ELECTRON_RUN_AS_NODE: undefined,
    ...extra,
  };
}

function cleanEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}

/** Sends a signal to a detached child's whole process group (extension hosts, LSP child, ...). */
export function killGroup(child, signal = 'SIGTERM') {
  if (!child || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM the group, then SIGKILL after `graceMs` if the leader is still alive. */
export async function stopGroup(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // leftovers of an exited leader
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), graceMs));
  await Promise.race([exited, timer]);
  killGroup(child, 'SIGKILL');
}

/**
 * Starts `node args...` detached (own process group) and resolves when a stdout/stderr
 * line matches `readyPattern`; the first capture group is returned as `match`.
 */
function startDetached({ name, args, env, cwd, readyPattern, timeoutMs, onLine }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: cleanEnv(env),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = [];
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      killGroup(child, 'SIGKILL');
      reject(new Error(`${name} did not become ready within ${timeoutMs} ms. Last output:\n${lines.slice(-30).join('\n')}`));
    }, timeoutMs);
    const onData = (stream) => {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          lines.push(line);
          if (lines.length > 200) lines.shift();
          onLine?.(line);
          const m = !settled && line.match(readyPattern);
          if (m) {
            settled = true;
            clearTimeout(timer);
            resolve({ child, match: m[1], lines });
          }
        }
      });
    };
    onData(child.stdout);
    onData(child.stderr);
    child.on('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${name} exited early (${code ?? signal}). Last output:\n${lines.slice(-30).join('\n')}`));
    });
  });
}

/**
 * Starts the plain VS Code server (server-main.js from code-server's lib/vscode) on a free
 * loopback port. This route accepts the extension-development payload (section C).
 */
export async function startVSCodeServer(run, { env = {}, onLine, timeoutMs = 60_000 } = {}) {
  const args = [
    SERVER_MAIN,
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--telemetry-level', 'off',
    '--disable-workspace-trust',
    '--enable-smoke-test-driver',
    '--server-data-dir', run.serverData,
    '--user-data-dir', run.user,
    '--extensions-dir', run.exts,
  ];
  const { child, match } = await startDetached({
    name: 'VS Code server',
    args,
    env: isolatedEnv(run, env),
    cwd: run.root,
    readyPattern: /Extension host agent listening on (\d+)/,
    timeoutMs,
    onLine,
  });
  const port = Number(match);
  return { child, port, url: `http://127.0.0.1:${port}/`, authority: `127.0.0.1:${port}` };
}

/** Runs code-server's CLI once (e.g. --install-extension) with the run's dirs; resolves its output. */
export function codeServerCli(run, cliArgs, { env = {}, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CODE_SERVER_ENTRY, '--config', join(run.root, 'config.yaml'), '--user-data-dir', run.user, '--extensions-dir', run.exts, ...cliArgs],
      { cwd: run.root, env: cleanEnv(isolatedEnv(run, env)), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`code-server ${cliArgs.join(' ')} failed (${code ?? signal}):\n${out}`));
    });
  });
}

/** Starts code-server (the full product, for UI tests and the demo) on a loopback port (0: a free one). */
export async function startCodeServer(run, { env = {}, onLine, timeoutMs = 60_000, port = 0 } = {}) {
  writeFileSync(join(run.root, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    CODE_SERVER_ENTRY,
    '--config', join(run.root, 'config.yaml'),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', run.user,
    '--extensions-dir', run.exts,
  ];
  const { child, match } = await startDetached({
    name: 'code-server',
    args,
    env: isolatedEnv(run, env),
    cwd: run.root,
    readyPattern: /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/?)/,
    timeoutMs,
    onLine,
  });
  const url = match.endsWith('/') ? match : `${match}/`;
  return { child, url, port: Number(new URL(url).port) };
}

/** Launches headless Debian Chromium (no Playwright browser download) with a fresh profile. */
export async function launchBrowser(run, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = require('playwright-core');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('chromium not found (apt-get install chromium)');
  return chromium.launchPersistentContext(run.browserProfile, {
    executablePath,
    headless: true,
    viewport,
    env: cleanEnv(isolatedEnv(run)),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      // Keep the browser on loopback: every other name fails to resolve.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** URL of the workbench for a folder or a .code-workspace file, with an optional payload. */
export function workbenchUrl(server, { folder, workspace, payload } = {}) {
  const params = [];
  if (workspace) params.push(`workspace=${encodeURIComponent(workspace)}`);
  else if (folder) params.push(`folder=${encodeURIComponent(folder)}`);
  else params.push('ew=true');
  if (payload) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}?${params.join('&')}`;
}

/** Turns an absolute local path into the URI the web workbench needs for the server's files. */
export function remoteUri(server, absPath) {
  return `vscode-remote://${server.authority ?? `127.0.0.1:${server.port}`}${absPath.split('\\').join('/')}`;
}
