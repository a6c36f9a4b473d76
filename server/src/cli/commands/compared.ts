// What one comparison produced, plus the configuration lookup both commands share.
import { resolve } from 'node:path';
import type { CheckOptions, CheckResult } from '../../engine/index';
import { checkOptionsOf, configForSpec, loadConfigFile, type BreakwaterConfig } from '../../config/index';

export interface Compared {
  /** The spec (absolute path of the revision side). */
  file: string;
  result: CheckResult;
  /** Things the user should know that are neither findings nor spec problems. */
  notes: string[];
  /** Milliseconds spent reading (disk and git) and comparing (engine), and files read. */
  stats: { readMs: number; compareMs: number; files: number };
}

export interface RunContext {
  cwd: string;
  /** `--config FILE`: used instead of the one found next to the spec. */
  configFile?: string;
  /** `--base REF` (check only). */
  baseRef?: string;
  /** `--staged` (check only): the revision is the index, not the work tree. */
  staged?: boolean;
}

export const EMPTY_RESULT: CheckResult = { findings: [], problems: [], summary: { error: 0, warning: 0, info: 0 } };

export interface ConfigInEffect {
  config?: BreakwaterConfig;
  options: CheckOptions;
  notes: string[];
}

export function configFor(ctx: RunContext, specFile: string, repoRoot?: string): ConfigInEffect {
  const config = ctx.configFile ? loadConfigFile(resolve(ctx.cwd, ctx.configFile)) : configForSpec(specFile, repoRoot);
  const { options, expired } = checkOptionsOf(config);
  // An expired acceptance is reported again; say why, or the finding looks like a regression.
  const notes = expired.map((a) => `accepted change ${a.fingerprint} expired on ${a.expires}${a.reason ? ` (${a.reason})` : ''}; it is reported again`);
  return { config, options, notes };
}
