// The user's `breakwater.*` settings, per resource (multi-root workspaces can
// differ per folder), pulled with workspace/configuration and re-read whenever
// the client says they changed.
import type { Connection } from 'vscode-languageserver/node';
import { hasRule, type ConfiguredLevel } from '../engine/index';
import { DEFAULT_MAX_FILE_SIZE_MB } from './sizeGate';

export interface Settings {
  run: 'onType' | 'onSave';
  /** Empty: use .breakwater.yaml's `base`, else HEAD. */
  base: string;
  rules: Record<string, ConfiguredLevel>;
  /** `breakwater.performance.budgetMs`: a check slower than this turns the status item into a warning. */
  budgetMs: number;
  /** `breakwater.maxFileSizeMB`: larger specs get a notice instead of live checks (see sizeGate.ts). */
  maxFileSizeMB: number;
}

export const DEFAULT_BUDGET_MS = 1500;
export const DEFAULT_SETTINGS: Settings = { run: 'onType', base: '', rules: {}, budgetMs: DEFAULT_BUDGET_MS, maxFileSizeMB: DEFAULT_MAX_FILE_SIZE_MB };
const LEVELS = new Set(['error', 'warning', 'info', 'off']);

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly pullSupported: () => boolean,
    private readonly fallback: () => unknown,
  ) {}

  get(uri: string): Promise<Settings> {
    let pending = this.cache.get(uri);
    if (!pending) {
      pending = this.pull(uri);
      this.cache.set(uri, pending);
    }
    return pending;
  }

  /** Called on workspace/didChangeConfiguration: the next check pulls again. */
  clear(): void {
    this.cache.clear();
  }

  private async pull(uri: string): Promise<Settings> {
    let raw: unknown = this.fallback();
    if (this.pullSupported()) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'breakwater' });
      } catch {
        // A client that fails the request gets the defaults rather than no checks at all.
      }
    }
    return sanitise(raw);
  }
}

/** Whatever the client sends (or a user typed in settings.json) becomes a valid Settings. */
export function sanitise(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, ConfiguredLevel> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level) && hasRule(id)) rules[id] = level as ConfiguredLevel;
    }
  }
  // VS Code sends the dotted key `performance.budgetMs` nested; other editors may send it either way.
  const perf = (r.performance && typeof r.performance === 'object' ? r.performance : {}) as Record<string, unknown>;
  const budget = perf.budgetMs ?? r['performance.budgetMs'];
  return {
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    base: typeof r.base === 'string' ? r.base : '',
    rules,
    budgetMs: typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_BUDGET_MS,
    maxFileSizeMB: typeof r.maxFileSizeMB === 'number' && Number.isFinite(r.maxFileSizeMB) && r.maxFileSizeMB > 0 ? r.maxFileSizeMB : DEFAULT_MAX_FILE_SIZE_MB,
  };
}
