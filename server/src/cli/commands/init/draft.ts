// What `breakwater init --from ...` builds: the settings of a .breakwater.yaml, and a
// line per source line or key saying what became of it (carried over, or why not).
import { stringify } from 'yaml';
import type { ConfiguredLevel } from '../../../engine/index';

export interface Draft {
  rules: Record<string, ConfiguredLevel>;
  include: string[];
  excludeFlags: string[];
  majorVersion?: boolean;
  /** `where: what` lines for the user. */
  carried: string[];
  notCarried: string[];
}

export const emptyDraft = (): Draft => ({ rules: {}, include: [], excludeFlags: [], carried: [], notCarried: [] });

/** The .breakwater.yaml text, with a header naming where it came from. */
export function draftYaml(draft: Draft, from: string): string {
  const config: Record<string, unknown> = {};
  if (draft.include.length) config.include = draft.include;
  if (Object.keys(draft.rules).length) config.rules = draft.rules;
  const policies: Record<string, unknown> = {};
  if (draft.excludeFlags.length) policies.stability = { excludeFlags: draft.excludeFlags };
  if (draft.majorVersion !== undefined) policies.majorVersion = { enabled: draft.majorVersion };
  if (Object.keys(policies).length) config.policies = policies;
  const header = `# Breakwater configuration, written by "breakwater init --from ${from}".\n# Rule ids and levels: docs/rules.md (breakwater rules).\n`;
  return header + (Object.keys(config).length ? stringify(config) : '{}\n');
}
