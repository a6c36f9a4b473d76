// Reads .breakwater.yaml for a spec: next to it, else at the repository root.
// The open editor's text wins over the file on disk, so an accepted change takes
// effect before the config is saved.
//
// Stopgap: server/src/config (owned by the CLI/config work) will provide the shared
// loader; this reads the documented keys (base, rules, accepted, policies) leniently
// and is replaced by that module when it lands.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { hasRule, type ConfiguredLevel, type PolicyOptions } from '../engine/index';

export const CONFIG_NAMES = ['.breakwater.yaml', '.breakwater.yml'];

export interface ProjectConfig {
  /** The config file in effect, or where a new one would be created. */
  path: string;
  exists: boolean;
  /** Its current text (open editor or disk), when it exists. */
  text?: string;
  base?: string;
  rules: Record<string, ConfiguredLevel>;
  accepted: string[];
  policies?: PolicyOptions;
  /** Set when the file exists but cannot be read; shown to the user, never fatal. */
  error?: string;
}

export class ProjectConfigStore {
  private readonly cache = new Map<string, ProjectConfig>();
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

  private find(specPath: string, repoRoot: string | undefined): ProjectConfig {
    const dirs = [dirname(specPath)];
    if (repoRoot && repoRoot !== dirs[0]) dirs.push(repoRoot);
    for (const dir of dirs) {
      for (const name of CONFIG_NAMES) {
        const path = join(dir, name);
        const cached = this.cache.get(path);
        if (cached) return cached;
        const text = this.openText(path) ?? readIfExists(path);
        if (text === undefined) continue;
        const config = parseConfig(path, text);
        this.cache.set(path, config);
        return config;
      }
    }
    return { path: join(repoRoot ?? dirname(specPath), CONFIG_NAMES[0]), exists: false, rules: {}, accepted: [] };
  }

  /** A config file was created, changed, deleted or edited in the editor. */
  invalidate(): void {
    this.cache.clear();
    this.bySpec.clear();
  }
}

export function isConfigPath(path: string): boolean {
  return CONFIG_NAMES.some((n) => path.endsWith(`/${n}`) || path.endsWith(`\\${n}`));
}

function readIfExists(path: string): string | undefined {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function parseConfig(path: string, text: string): ProjectConfig {
  const config: ProjectConfig = { path, exists: true, text, rules: {}, accepted: [] };
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    return { ...config, error: `${path}: ${(e as Error).message.split('\n')[0]}` };
  }
  if (!raw || typeof raw !== 'object') return config;
  const r = raw as Record<string, unknown>;
  if (typeof r.base === 'string') config.base = r.base;
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && ['error', 'warning', 'info', 'off'].includes(level) && hasRule(id)) config.rules[id] = level as ConfiguredLevel;
    }
  }
  const today = new Date().toISOString().slice(0, 10);
  if (Array.isArray(r.accepted)) {
    for (const a of r.accepted) {
      if (!a || typeof a !== 'object') continue;
      const { fingerprint, expires } = a as Record<string, unknown>;
      if (typeof fingerprint !== 'string') continue;
      if (typeof expires === 'string' && expires < today) continue;
      config.accepted.push(fingerprint);
    }
  }
  if (r.policies && typeof r.policies === 'object') config.policies = r.policies as PolicyOptions;
  return config;
}

/** The sunset a deprecation fix writes, when the team has a minimum deprecation period. */
export function sunsetFor(config: ProjectConfig, today = new Date()): { key: string; date: string } | undefined {
  const minDays = config.policies?.deprecation?.minDays ?? 0;
  if (!(minDays > 0)) return undefined;
  const key = config.policies?.deprecation?.sunsetExtensions?.[0] ?? 'x-sunset';
  return { key, date: new Date(today.getTime() + minDays * 86_400_000).toISOString().slice(0, 10) };
}
