// The .breakwater.yaml of a spec (next to it, else at the repository root), read
// with the shared strict parser (server/src/config) so the editor and the CLI
// always agree on what a config means. The open editor's text wins over the file
// on disk, so an accepted change takes effect before the config is saved.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkOptionsOf, CONFIG_NAMES, ConfigError, parseConfig } from '../config/index';
import type { CheckOptions, PolicyOptions } from '../engine/index';

export { CONFIG_NAMES };

export interface ProjectConfig {
  /** The config file in effect, or where a new one would be created. */
  path: string;
  exists: boolean;
  base?: string;
  options: CheckOptions;
  policies?: PolicyOptions;
  /** Set when the file exists but cannot be used; reported, never fatal (defaults apply). */
  error?: { message: string; line: number; column: number };
}

export class ProjectConfigStore {
  /** Per spec, including "no config": checks run on every keystroke and should not stat the disk each time. */
  private readonly bySpec = new Map<string, ProjectConfig>();

  constructor(private readonly openText: (path: string) => string | undefined) {}

  /** Config for a spec file; `repoRoot` is where a new config would be created. */
  forSpec(specPath: string, repoRoot: string | undefined): ProjectConfig {
    const key = `${specPath}\0${repoRoot ?? ''}`;
    let found = this.bySpec.get(key);
    if (!found) {
      found = this.find(specPath, repoRoot);
      this.bySpec.set(key, found);
    }
    return found;
  }

  /** A config file was created, changed, deleted or edited in the editor. */
  invalidate(): void {
    this.bySpec.clear();
  }

  private find(specPath: string, repoRoot: string | undefined): ProjectConfig {
    const dirs = [dirname(specPath)];
    if (repoRoot && repoRoot !== dirs[0]) dirs.push(repoRoot);
    for (const dir of dirs) {
      for (const name of CONFIG_NAMES) {
        const path = join(dir, name);
        const text = this.openText(path) ?? readIfFile(path);
        if (text !== undefined) return read(path, text);
      }
    }
    return { path: join(repoRoot ?? dirname(specPath), CONFIG_NAMES[0]), exists: false, options: {} };
  }
}

/** Real configuration files are a few kilobytes. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function isConfigPath(path: string): boolean {
  return CONFIG_NAMES.some((n) => path.endsWith(`/${n}`) || path.endsWith(`\\${n}`));
}

function readIfFile(path: string): string | undefined {
  try {
    // A regular file of sane size: a repository's pipe or giant file named .breakwater.yaml must not hang or exhaust the server.
    const st = statSync(path);
    return st.isFile() && st.size <= MAX_CONFIG_BYTES ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function read(path: string, text: string): ProjectConfig {
  try {
    const config = parseConfig(text, path);
    return { path, exists: true, base: config.base, options: checkOptionsOf(config).options, policies: config.policies };
  } catch (e) {
    const error =
      e instanceof ConfigError ? { message: e.detail, line: e.line ?? 1, column: e.column ?? 1 } : { message: (e as Error).message, line: 1, column: 1 };
    return { path, exists: true, options: {}, error };
  }
}

/** Whether the shared parser accepts a config text (used to pick the form of a new `accepted` entry). */
export function configTextIsValid(text: string, path: string): boolean {
  try {
    parseConfig(text, path);
    return true;
  } catch {
    return false;
  }
}

/** The sunset a deprecation fix writes, when the team has a minimum deprecation period. */
export function sunsetFor(config: ProjectConfig, today = new Date()): { key: string; date: string } | undefined {
  const minDays = config.policies?.deprecation?.minDays ?? 0;
  if (!(minDays > 0)) return undefined;
  const key = config.policies?.deprecation?.sunsetExtensions?.[0] ?? 'x-sunset';
  return { key, date: new Date(today.getTime() + minDays * 86_400_000).toISOString().slice(0, 10) };
}
