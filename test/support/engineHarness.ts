// Runs the engine on a pair of YAML texts, and on the same pair converted to JSON,
// so every rule is proven in both formats with positions that match each text.
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compareSpecs, RULES, type CheckOptions, type CheckResult, type Finding } from '../../server/src/engine/index';

export interface PairResult {
  yaml: CheckResult;
  json: CheckResult;
}

export function toJsonText(yamlText: string): string {
  return JSON.stringify(parse(yamlText), null, 2) + '\n';
}

export function diffPair(base: string, revision: string, options: CheckOptions = {}): PairResult {
  const yaml = compareSpecs({ text: base, file: 'base.yaml' }, { text: revision, file: 'revision.yaml' }, options);
  const json = compareSpecs({ text: toJsonText(base), file: 'base.json' }, { text: toJsonText(revision), file: 'revision.json' }, options);
  return { yaml, json };
}

/** Rule ids at or above info, sorted, for set-like assertions. */
export function rules(result: CheckResult, minLevel: 'error' | 'warning' | 'info' = 'info'): string[] {
  const order = { error: 0, warning: 1, info: 2 };
  return result.findings
    .filter((f) => order[f.level] <= order[minLevel])
    .map((f) => f.rule)
    .sort();
}

/** Parameter names of the registry's message templates: one left in a message means the diff did not pass it. */
const TEMPLATE_PARAM = new RegExp(`\\{(${[...new Set(RULES.flatMap((r) => [...(r.message ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].join('|')})\\}`);

/** Asserts the YAML and JSON runs agree on rules, levels, pointers and fingerprints, and every message is filled; returns the YAML findings. */
export function sameInBothFormats(r: PairResult): Finding[] {
  const key = (f: Finding) => `${f.level} ${f.rule} ${f.pointer} ${f.fingerprint}`;
  assert.deepEqual(r.json.findings.map(key), r.yaml.findings.map(key), 'YAML and JSON runs differ');
  for (const f of r.yaml.findings) assert.doesNotMatch(f.message, TEMPLATE_PARAM, `${f.rule}: a message parameter was not passed`);
  return r.yaml.findings;
}

/**
 * Like sameInBothFormats, but as sets: fixtures that write schemas as YAML flow
 * mappings put several findings on one YAML line (sorted by rule there), while
 * JSON puts them on lines of their own.
 */
export function sameSetInBothFormats(r: PairResult): Finding[] {
  const key = (f: Finding) => `${f.level} ${f.rule} ${f.pointer} ${f.fingerprint}`;
  assert.deepEqual(r.json.findings.map(key).sort(), r.yaml.findings.map(key).sort(), 'YAML and JSON runs differ');
  return r.yaml.findings;
}

/** "rule level" of every finding from `base` to `revision`, sorted, after checking the YAML and JSON runs agree. */
export function rulesWithLevels(base: string, revision: string): string[] {
  return sameSetInBothFormats(diffPair(base, revision))
    .map((f) => `${f.rule} ${f.level}`)
    .sort();
}

/** Asserts `base` -> `revision` finds exactly `expected` ("rule level"), and that the revision (and, asked, the base) against itself finds nothing. */
export function expectRules(base: string, revision: string, expected: string[], why?: string, also: { unchangedBase?: boolean } = {}): void {
  assert.deepEqual(rulesWithLevels(base, revision), [...expected].sort(), why);
  assert.deepEqual(rulesWithLevels(revision, revision), [], 'unchanged revision');
  if (also.unchangedBase) assert.deepEqual(rulesWithLevels(base, base), [], 'unchanged base');
}

export function only(findings: Finding[], rule: string): Finding {
  const hits = findings.filter((f) => f.rule === rule);
  assert.equal(hits.length, 1, `expected exactly one ${rule}, got: ${findings.map((f) => f.rule).join(', ') || 'none'}`);
  return hits[0];
}

/** Minimal OpenAPI 3.0 document around given paths/components YAML (indented by the caller). */
export function oas30(body: string): string {
  return `openapi: 3.0.3\ninfo:\n  title: Test\n  version: 1.0.0\n${body}`;
}
