// Runs a fix end to end on engine level: compare, compute the fixes of one
// finding, apply one, prove the result parses and that the finding is gone.
import assert from 'node:assert/strict';
import { compareModels, loadModel, type CheckOptions, type Finding } from '../../server/src/engine/index';
import { applyEdits, computeFixes, fixSideOf, type Fix, type FixKind, type FixOptions } from '../../server/src/engine/fix/index';
import { parseText } from '../../server/src/engine/parse/parseText';

export interface FixRun {
  finding: Finding;
  fixes: Fix[];
  /** Text after applying the chosen fix. */
  fixed: string;
  /** Findings of the fixed text against the same base. */
  after: Finding[];
}

export function findingsOf(
  base: string,
  revision: string,
  file: string,
  options: CheckOptions = {},
): { findings: Finding[]; baseModel: ReturnType<typeof loadModel>; revModel: ReturnType<typeof loadModel> } {
  const baseModel = loadModel({ text: base, file }, 'base');
  const revModel = loadModel({ text: revision, file }, 'revision');
  return { findings: compareModels(baseModel, revModel, options).findings, baseModel, revModel };
}

export function runFix(base: string, revision: string, file: string, rule: string, kind: FixKind, options: FixOptions = {}): FixRun {
  const { findings, baseModel, revModel } = findingsOf(base, revision, file);
  const finding = findings.find((f) => f.rule === rule);
  assert.ok(finding, `no ${rule} finding; got ${findings.map((f) => f.rule).join(', ') || 'none'}`);
  const fixes = computeFixes(finding, fixSideOf(baseModel.doc), fixSideOf(revModel.doc), options);
  const fix = fixes.find((f) => f.kind === kind);
  assert.ok(fix, `no ${kind} fix for ${rule}; got ${fixes.map((f) => f.kind).join(', ') || 'none'}`);
  const fixed = applyEdits(revision, fix.edits);
  const parsed = parseText(fixed, file);
  assert.deepEqual(
    parsed.errors.map((e) => e.message),
    [],
    `fixed text does not parse:\n${fixed}`,
  );
  const after = findingsOf(base, fixed, file).findings;
  assert.ok(!after.some((f) => f.fingerprint === finding.fingerprint), `finding ${rule} is still reported after the fix:\n${fixed}`);
  assert.ok(
    !after.some((f) => f.level === 'error'),
    `the fix left breaking findings: ${after
      .filter((f) => f.level === 'error')
      .map((f) => f.rule)
      .join(', ')}\n${fixed}`,
  );
  return { finding, fixes, fixed, after };
}

/** The line of `text` containing `needle` (first match), for indentation assertions. */
export function lineWith(text: string, needle: string): string {
  const line = text.split(/\r?\n/).find((l) => l.includes(needle));
  assert.ok(line !== undefined, `"${needle}" not found in:\n${text}`);
  return line;
}
