// The npm package as users get it: `npm pack` of this checkout (the dist/ that is built;
// --ignore-scripts, since prepack would rebuild dist/ under the other tests' feet), and
// offline installs of that tarball. Used by the package, GitHub Action and pre-commit tests.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

/** The environment of a fresh shell: nothing `npm test` exports (npm_config_*, npm_package_*). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  return { ...env, ...extra };
}

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

export interface Packed {
  tarball: string;
  files: string[];
}

/** Packs the checkout into `dir` (building dist/ first when it is missing). */
export function packTarball(dir: string): Packed {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) {
    const built = run(process.execPath, [join(ROOT, 'scripts/build.mjs')], ROOT);
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  }
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path) };
}

/** `npm install --offline TARBALL` in `dir`: only the tarball may be needed. */
export function installOffline(tarball: string, dir: string): SpawnSyncReturns<string> {
  return run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], dir);
}
