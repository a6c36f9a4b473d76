#!/usr/bin/env node
// Installs the end-to-end tooling on demand: Debian packages (chromium, libkrb5-dev,
// ripgrep, a compiler) and this folder's own npm dependencies (code-server 4.100.3,
// playwright-core) from the committed lockfile. Idempotent: a second call is a few
// file checks. See shared/docs/vscode-e2e.md for why each step is needed.
//
//   node test/e2e/tooling/ensure.mjs            install what is missing, print a summary
//   node test/e2e/tooling/ensure.mjs --check    only report what is missing (exit 1 if any)
//   ... --result FILE                           also write the outcome as JSON to FILE
//
// Programmatic use: `const r = await ensureTooling({ install: true })` returns
// { ok: true, paths } or { ok: false, reason }. It never throws for a missing tool.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const TOOLING_DIR = dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = join(TOOLING_DIR, 'node_modules');
const STAMP = join(NODE_MODULES, '.breakwater-tooling.json');
export const CODE_SERVER_DIR = join(NODE_MODULES, 'code-server');
export const VSCODE_DIR = join(CODE_SERVER_DIR, 'lib', 'vscode');
export const SERVER_MAIN = join(VSCODE_DIR, 'out', 'server-main.js');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

// code-server 4.100.3's lib/vscode depends on @vscode/ripgrep 1.15.11, whose postinstall
// downloads rg from GitHub unless this file is in its cache (pitfall 3).
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Node major version that the pinned code-server requires (engines.node). */
const REQUIRED_NODE_MAJOR = 20;

function log(...args) {
  console.log('[e2e-tooling]', ...args);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function findChromium() {
  if (process.env.BREAKWATER_E2E_CHROMIUM) return existsSync(process.env.BREAKWATER_E2E_CHROMIUM) ? process.env.BREAKWATER_E2E_CHROMIUM : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function lockHash() {
  const lock = join(TOOLING_DIR, 'package-lock.json');
  const pkg = join(TOOLING_DIR, 'package.json');
  const h = createHash('sha256');
  h.update(readFileSync(pkg));
  if (existsSync(lock)) h.update(readFileSync(lock));
  return h.digest('hex');
}

function npmStateOk() {
  if (!existsSync(STAMP) || !existsSync(SERVER_MAIN) || !existsSync(join(NODE_MODULES, 'playwright-core', 'package.json'))) return false;
  // The VS Code server's own node_modules are installed by code-server's postinstall.
  if (!existsSync(join(VSCODE_DIR, 'node_modules'))) return false;
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    return stamp.hash === lockHash() && stamp.nodeMajor === Number(process.versions.node.split('.')[0]);
  } catch {
    return false;
  }
}

/** What is missing, as a list of human-readable items; empty when everything is there. */
export function missingParts({ browser = true } = {}) {
  const missing = [];
  if (process.platform !== 'linux') missing.push(`platform ${process.platform} (the headless route is Linux-only)`);
  if (browser && !findChromium()) missing.push('chromium');
  if (!npmStateOk()) missing.push('npm tooling (code-server, playwright-core)');
  return missing;
}

function run(cmd, args, opts = {}) {
  const started = Date.now();
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.error) return { ok: false, secs, reason: `${cmd}: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, secs, reason: `${cmd} ${args[0] ?? ''} exited with ${r.status ?? r.signal}` };
  return { ok: true, secs };
}

function ensureAptPackages(timings, { browser = true } = {}) {
  const wanted = [];
  if (browser && !findChromium()) wanted.push('chromium');
  const needsNpm = !npmStateOk();
  if (needsNpm) {
    if (!dpkgInstalled('libkrb5-dev') && !existsSync('/usr/include/gssapi/gssapi.h')) wanted.push('libkrb5-dev');
    if (!existsSync('/usr/bin/rg')) wanted.push('ripgrep');
    if (!which('g++')) wanted.push('g++');
    if (!which('make')) wanted.push('make');
    if (!which('python3')) wanted.push('python3');
  }
  if (wanted.length === 0) return { ok: true };
  if (!which('apt-get')) return { ok: false, reason: `missing ${wanted.join(', ')} and no apt-get to install them` };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { ok: false, reason: `missing ${wanted.join(', ')} and not root to apt-get install them` };
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const started = Date.now();
  let r = run('apt-get', ['update', '-qq'], { env });
  if (!r.ok) return r;
  r = run('apt-get', ['install', '-y', '-qq', ...wanted], { env });
  timings.apt = ((Date.now() - started) / 1000).toFixed(1);
  if (!r.ok) return r;
  if (wanted.includes('chromium') && !findChromium()) return { ok: false, reason: 'apt-get installed chromium but no chromium binary was found' };
  return { ok: true };
}

/** Puts Debian's rg into @vscode/ripgrep's download cache so its postinstall needs no network. */
function seedRipgrepCache(tmp) {
  const cacheDir = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  const asset = join(cacheDir, RIPGREP_ASSET);
  if (existsSync(asset)) return { ok: true };
  if (!existsSync('/usr/bin/rg')) return { ok: false, reason: 'no /usr/bin/rg to seed the @vscode/ripgrep cache (apt-get install ripgrep)' };
  const stage = join(tmp, 'rg-stage');
  mkdirSync(stage, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync('/usr/bin/rg', join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  const r = spawnSync('tar', ['czf', asset, '-C', stage, 'rg'], { stdio: 'inherit' });
  if (r.status !== 0) return { ok: false, reason: 'could not build the ripgrep cache tarball' };
  return { ok: true };
}

function ensureNpmTooling(timings) {
  if (npmStateOk()) return { ok: true };
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== REQUIRED_NODE_MAJOR) {
    return { ok: false, reason: `code-server 4.100.3 needs Node ${REQUIRED_NODE_MAJOR}, this is Node ${process.versions.node}` };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-install-'));
  try {
    const seeded = seedRipgrepCache(tmp);
    if (!seeded.ok) return seeded;
    const env = {
      ...process.env,
      TMPDIR: tmp, // @vscode/ripgrep looks for its cache under os.tmpdir()
      npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp` (pitfall 2)
      npm_config_unsafe_perm: 'true', // code-server's postinstall insists on it as root
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };
    // node-gyp must compile against local headers: no download is possible.
    if (existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
    const hasLock = existsSync(join(TOOLING_DIR, 'package-lock.json'));
    if (!hasLock) log('no package-lock.json yet: running npm install to create it (commit it)');
    const args = hasLock ? ['ci', '--unsafe-perm', '--no-audit', '--no-fund'] : ['install', '--unsafe-perm', '--no-audit', '--no-fund'];
    const r = run('npm', args, { cwd: TOOLING_DIR, env });
    timings.npm = r.secs;
    if (!r.ok) return r;
    if (!existsSync(SERVER_MAIN) || !existsSync(join(VSCODE_DIR, 'node_modules'))) {
      return { ok: false, reason: `npm ${args[0]} finished but ${SERVER_MAIN} or its node_modules is missing` };
    }
    writeFileSync(STAMP, JSON.stringify({ hash: lockHash(), nodeMajor, installedAt: new Date().toISOString() }, null, 2));
    return { ok: true };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Ensures every part of the e2e tooling is present.
 * @param {{install?: boolean, browser?: boolean}} [opts] install=false only checks;
 *   browser=false leaves Chromium out (`npm run demo`: the user brings the browser).
 */
export async function ensureTooling({ install = true, browser = true } = {}) {
  const timings = {};
  const started = Date.now();
  if (process.platform !== 'linux') return { ok: false, reason: `the headless VS Code route needs Linux, this is ${process.platform}` };
  if (install) {
    const apt = ensureAptPackages(timings, { browser });
    if (!apt.ok) return apt;
    const npm = ensureNpmTooling(timings);
    if (!npm.ok) return npm;
  }
  const missing = missingParts({ browser });
  if (missing.length) return { ok: false, reason: `missing ${missing.join(', ')}` };
  timings.total = ((Date.now() - started) / 1000).toFixed(1);
  return {
    ok: true,
    timings,
    paths: { chromium: findChromium(), serverMain: SERVER_MAIN, codeServerEntry: CODE_SERVER_ENTRY, toolingDir: TOOLING_DIR },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const r = await ensureTooling({ install: !check });
  const resultIdx = process.argv.indexOf('--result');
  if (resultIdx > 0 && process.argv[resultIdx + 1]) writeFileSync(process.argv[resultIdx + 1], JSON.stringify(r));
  if (r.ok) {
    log(`ready (chromium ${r.paths.chromium}, VS Code server ${r.paths.serverMain})`, JSON.stringify(r.timings));
  } else {
    log(`NOT ready: ${r.reason}`);
    process.exitCode = 1;
  }
}
