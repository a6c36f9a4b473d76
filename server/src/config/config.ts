// `.breakwater.yaml`: per-rule levels, accepted changes, the default base ref and
// policies. Shared by the CLI and the language server. Validation is strict
// (an unknown key or rule id is an error with its line and column) because a
// typo here silently changes what gets reported.
import { hasRule, parseText, UNKNOWN_PROPERTIES_POLICIES, type CheckOptions, type ConfiguredLevel, type Level, type PolicyOptions } from '../engine/index';
import { isMap, isScalar, isSeq, type JMap, type JNode } from '../engine/parse/tree';

export interface AcceptedChange {
  fingerprint: string;
  rule?: string;
  reason?: string;
  /** YYYY-MM-DD; the acceptance lapses after this day. */
  expires?: string;
  /** Where the entry is, for "expired" notes. */
  line: number;
  column: number;
}

export interface BreakwaterConfig {
  /** Absolute path of the file this came from. */
  file: string;
  base?: string;
  rules: Record<string, ConfiguredLevel>;
  accepted: AcceptedChange[];
  policies?: PolicyOptions;
  /** Globs of the specs `breakwater check` (no file) looks at, and of those it leaves out. */
  include?: string[];
  exclude?: string[];
}

/** A config file that cannot be used; the message is one line and already names the file and position. */
export class ConfigError extends Error {
  constructor(
    readonly detail: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}:${column ?? 1}` : ''}: ${detail}`);
    this.name = 'ConfigError';
  }
}

const LEVELS: readonly string[] = ['error', 'warning', 'info', 'off'];
const TOP_KEYS = ['base', 'rules', 'accepted', 'policies', 'include', 'exclude'];

export function parseConfig(text: string, file: string): BreakwaterConfig {
  const parsed = parseText(text, file);
  const at = (node: JNode | { start: number }, detail: string): ConfigError => {
    const pos = parsed.lines.position('keyStart' in node ? node.keyStart : node.start);
    return new ConfigError(detail, file, pos.line + 1, pos.character + 1);
  };
  if (parsed.errors.length > 0) throw at(parsed.errors[0], `invalid YAML: ${parsed.errors[0].message}`);
  const config: BreakwaterConfig = { file, rules: {}, accepted: [] };
  const root = parsed.root;
  if (root === null || (isScalar(root) && root.value === null)) return config; // an empty file is a valid, empty config
  if (!isMap(root)) throw at(root, 'expected a mapping with keys base, rules, accepted, policies, include, exclude');
  for (const [key, node] of root.entries) {
    if (!TOP_KEYS.includes(key)) throw at(node, `unknown key "${key}" (expected ${TOP_KEYS.join(', ')})`);
  }
  const base = root.entries.get('base');
  if (base) config.base = nonEmptyString(base, 'base', at);
  const rules = root.entries.get('rules');
  if (rules && !(isScalar(rules) && rules.value === null)) {
    if (!isMap(rules)) throw at(rules, '"rules" must map rule ids to error, warning, info or off');
    for (const [id, node] of rules.entries) {
      if (!hasRule(id)) throw at(node, `unknown rule "${id}" (run "breakwater rules" for the list)`);
      const level = isScalar(node) ? node.value : undefined;
      if (typeof level !== 'string' || !LEVELS.includes(level)) throw at(node, `level of "${id}" must be error, warning, info or off`);
      config.rules[id] = level as ConfiguredLevel;
    }
  }
  const accepted = root.entries.get('accepted');
  if (accepted && !(isScalar(accepted) && accepted.value === null)) {
    if (!isSeq(accepted)) throw at(accepted, '"accepted" must be a list of {fingerprint, rule, reason, expires}');
    for (const item of accepted.items) config.accepted.push(acceptedEntry(item, parsed.lines.position(item.start), at));
  }
  const policies = root.entries.get('policies');
  if (policies && !(isScalar(policies) && policies.value === null)) config.policies = policiesOf(policies, at);
  for (const key of ['include', 'exclude'] as const) {
    const node = root.entries.get(key);
    if (!node || (isScalar(node) && node.value === null)) continue;
    if (!isSeq(node)) throw at(node, `"${key}" must be a list of glob patterns, e.g. [specs/**/*.yaml]`);
    config[key] = node.items.map((item) => nonEmptyString(item, `an entry of "${key}"`, at));
  }
  return config;
}

type At = (node: JNode, detail: string) => ConfigError;

function nonEmptyString(node: JNode, what: string, at: At): string {
  if (!isScalar(node) || node.value === null || node.value === '' || typeof node.value === 'boolean') throw at(node, `"${what}" must be a non-empty string`);
  return String(node.value);
}

function acceptedEntry(item: JNode, pos: { line: number; character: number }, at: At): AcceptedChange {
  const where = { line: pos.line + 1, column: pos.character + 1 };
  // A bare fingerprint is allowed as shorthand.
  if (isScalar(item)) return { fingerprint: fingerprintOf(item, at), ...where };
  if (!isMap(item)) throw at(item, 'each accepted change must be a fingerprint or {fingerprint, rule, reason, expires}');
  for (const [key, node] of item.entries) {
    if (!['fingerprint', 'rule', 'reason', 'expires'].includes(key))
      throw at(node, `unknown key "${key}" in an accepted change (expected fingerprint, rule, reason, expires)`);
  }
  const fp = item.entries.get('fingerprint');
  if (!fp) throw at(item, 'accepted change without a "fingerprint"');
  const entry: AcceptedChange = { fingerprint: fingerprintOf(fp, at), ...where };
  // The rule id is for readers of the file (the fingerprint already identifies the change).
  const rule = item.entries.get('rule');
  if (rule && isScalar(rule) && typeof rule.value === 'string') entry.rule = rule.value;
  const reason = item.entries.get('reason');
  if (reason && isScalar(reason) && reason.value !== null) entry.reason = String(reason.value);
  const expires = item.entries.get('expires');
  if (expires) {
    // YAML reads an unquoted 2025-01-31 as a date; the parser hands it over as an ISO timestamp.
    const value = isScalar(expires) ? String(expires.value ?? '') : '';
    const day = /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
    if (!day || Number.isNaN(Date.parse(day))) throw at(expires, '"expires" must be a date like 2025-12-31');
    entry.expires = day;
  }
  return entry;
}

function fingerprintOf(node: JNode, at: At): string {
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'string' || !/^[0-9a-f]{8,64}$/i.test(v)) throw at(node, 'a fingerprint is the hex string shown by "breakwater --format json"');
  return v.toLowerCase();
}

function policiesOf(node: JNode, at: At): PolicyOptions {
  if (!isMap(node)) throw at(node, '"policies" must be a mapping');
  const out: PolicyOptions = {};
  for (const [key, value] of node.entries) {
    if (key === 'deprecation') {
      const m = mapOf(value, key, ['sunsetExtensions', 'minDays', 'days', 'afterSunset', 'inDeprecatedOperation'], at);
      const dep: NonNullable<PolicyOptions['deprecation']> = (out.deprecation = {});
      if (m.entries.has('sunsetExtensions')) dep.sunsetExtensions = stringList(m.entries.get('sunsetExtensions')!, 'sunsetExtensions', at);
      if (m.entries.has('minDays')) dep.minDays = numberOf(m.entries.get('minDays')!, 'minDays', at);
      const days = m.entries.get('days');
      if (days) {
        const d = mapOf(days, 'days', ['beta', 'stable'], at);
        dep.days = {};
        if (d.entries.has('beta')) dep.days.beta = numberOf(d.entries.get('beta')!, 'beta', at);
        if (d.entries.has('stable')) dep.days.stable = numberOf(d.entries.get('stable')!, 'stable', at);
      }
      if (m.entries.has('afterSunset')) dep.afterSunset = oneOf(m.entries.get('afterSunset')!, 'afterSunset', ['off', 'info'] as const, at);
      if (m.entries.has('inDeprecatedOperation'))
        dep.inDeprecatedOperation = oneOf(m.entries.get('inDeprecatedOperation')!, 'inDeprecatedOperation', ['lower', 'same'] as const, at);
    } else if (key === 'majorVersion') {
      const m = mapOf(value, key, ['enabled', 'level'], at);
      out.majorVersion = {};
      if (m.entries.has('enabled')) out.majorVersion.enabled = boolOf(m.entries.get('enabled')!, 'enabled', at);
      if (m.entries.has('level')) {
        const l = m.entries.get('level')!;
        const v = isScalar(l) ? l.value : undefined;
        if (v !== 'error' && v !== 'warning' && v !== 'info') throw at(l, '"level" must be error, warning or info');
        out.majorVersion.level = v as Level;
      }
    } else if (key === 'stability') {
      const m = mapOf(value, key, ['extension', 'excludedLevels', 'excludeFlags'], at);
      out.stability = {};
      if (m.entries.has('extension')) out.stability.extension = nonEmptyString(m.entries.get('extension')!, 'extension', at);
      if (m.entries.has('excludedLevels')) out.stability.excludedLevels = stringList(m.entries.get('excludedLevels')!, 'excludedLevels', at);
      if (m.entries.has('excludeFlags')) out.stability.excludeFlags = stringList(m.entries.get('excludeFlags')!, 'excludeFlags', at);
    } else if (key === 'unknownProperties') {
      out.unknownProperties = oneOf(value, key, UNKNOWN_PROPERTIES_POLICIES, at);
    } else {
      throw at(value, `unknown policy "${key}" (expected deprecation, majorVersion, stability, unknownProperties)`);
    }
  }
  return out;
}

function mapOf(node: JNode, what: string, keys: string[], at: At): JMap {
  if (!isMap(node)) throw at(node, `"${what}" must be a mapping`);
  for (const [k, v] of node.entries) if (!keys.includes(k)) throw at(v, `unknown key "${k}" in "${what}" (expected ${keys.join(', ')})`);
  return node;
}

function stringList(node: JNode, what: string, at: At): string[] {
  if (!isSeq(node) || node.items.some((i) => !isScalar(i) || typeof i.value !== 'string')) throw at(node, `"${what}" must be a list of strings`);
  return node.items.map((i) => String((i as { value: unknown }).value));
}

function numberOf(node: JNode, what: string, at: At): number {
  if (!isScalar(node) || typeof node.value !== 'number' || node.value < 0) throw at(node, `"${what}" must be a number of days`);
  return node.value;
}

function oneOf<T extends string>(node: JNode, what: string, values: readonly T[], at: At): T {
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw at(node, `"${what}" must be ${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`);
  return v as T;
}

function boolOf(node: JNode, what: string, at: At): boolean {
  if (!isScalar(node) || typeof node.value !== 'boolean') throw at(node, `"${what}" must be true or false`);
  return node.value;
}

/** Engine options from a config; expired acceptances are returned separately so they can be shown. */
export function checkOptionsOf(
  config: BreakwaterConfig | undefined,
  today = new Date().toISOString().slice(0, 10),
): { options: CheckOptions; expired: AcceptedChange[] } {
  if (!config) return { options: {}, expired: [] };
  const live = config.accepted.filter((a) => !a.expires || a.expires >= today);
  const expired = config.accepted.filter((a) => a.expires !== undefined && a.expires < today);
  const options: CheckOptions = { ruleLevels: { ...config.rules }, accepted: live.map((a) => a.fingerprint) };
  if (config.policies) options.policies = config.policies;
  return { options, expired };
}
