// Where a spec's `.breakwater.yaml` is: next to the spec, else at the root of the
// repository (work tree) that contains it. The first one found wins; they are
// not merged, so what applies is always one file you can open.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, parseConfig, type BreakwaterConfig } from './config';

export const CONFIG_NAMES = ['.breakwater.yaml', '.breakwater.yml'];

export function findConfigFile(specFile: string, repoRoot?: string): string | undefined {
  const dirs = [path.dirname(specFile)];
  const root = repoRoot ?? findWorkTreeRoot(path.dirname(specFile));
  if (root && root !== dirs[0]) dirs.push(root);
  for (const dir of dirs) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Real configuration files are a few kilobytes; a pipe or a giant file must not hang or exhaust the CLI. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function loadConfigFile(file: string): BreakwaterConfig {
  let text: string;
  try {
    const st = statSync(file);
    if (st.isFile() && st.size > MAX_CONFIG_BYTES)
      throw new ConfigError(`too large for a configuration file (${Math.ceil(st.size / 1024)} KB; the limit is 1 MB)`, file);
    if (!st.isFile() && !st.isDirectory()) throw new ConfigError('not a regular file (a pipe, socket or device)', file);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a folder, not a file'
            : `cannot read (${code ?? 'unknown error'})`,
      file,
    );
  }
  return parseConfig(text, file);
}

/** The config that applies to a spec, or undefined when there is none. */
export function configForSpec(specFile: string, repoRoot?: string): BreakwaterConfig | undefined {
  const file = findConfigFile(specFile, repoRoot);
  return file ? loadConfigFile(file) : undefined;
}

/**
 * The nearest folder at or above `dir` that holds `.git` (a directory, or a file
 * for worktrees and submodules). Found without running git, so `diff` and config
 * lookup work where git is absent and never execute anything.
 */
export function findWorkTreeRoot(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(cur, '.git'))) return cur;
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
