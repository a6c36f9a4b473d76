// Quick fixes for findings, as plain text edits. Pure: (finding, base text+tree,
// revision text+tree) -> edits. The language server turns them into WorkspaceEdits.
import type { Finding } from '../types';
import { ruleInfo } from '../rules/registry';
import type { SpecDocument } from '../parse/loadSpec';
import type { SpecModel } from '../model/model';
import { detectFormat, parseText } from '../parse/parseText';
import { becameRequiredFixes, newRequiredFixes } from './required';
import { enumValueFix, removalFixes } from './removal';
import { applyEdits } from './textEdits';
import { detectStyle } from './textStyle';
import { valueFixes } from './value';
import type { Fix, FixOptions, FixSide, TextEdit } from './types';

export * from './types';
export { acceptInConfig, majorVersionBump, nextMajor, type AcceptedEntry, type AcceptOptions, type ConfigChange, type VersionBump } from './accept';
export { applyEdits } from './textEdits';
export { detectStyle, type TextStyle } from './textStyle';

/** Files larger than this are not re-parsed to prove a fix keeps them valid (too slow for an editor round trip). */
const VALIDATE_MAX_CHARS = 1_000_000;

export function fixSideOf(doc: SpecDocument): FixSide {
  return {
    file: doc.file,
    text: doc.parsed.text,
    root: doc.root,
    lines: doc.parsed.lines,
    version: doc.version,
    style: detectStyle(doc.parsed.text, doc.parsed.format),
  };
}

/**
 * One file of a multi-file spec as a fix side: the copy of `file` the model read
 * through its `$ref`s (its own text, tree and lines), with the spec version of the
 * root. Undefined when the model did not read that file.
 */
export function fixSideOfRefFile(model: SpecModel, file: string): FixSide | undefined {
  const root = model.refs.rootOfFile(file);
  const lines = model.refs.linesOf(file);
  if (!root || !lines) return undefined;
  return { file, text: lines.text, root, lines, version: model.doc.version, style: detectStyle(lines.text, detectFormat(lines.text, file)) };
}

/** Every fix for a finding, preferred first; never throws (a fix that cannot be computed is left out). */
export function computeFixes(finding: Finding, base: FixSide, revision: FixSide, options: FixOptions = {}): Fix[] {
  try {
    return fixesFor(finding, base, revision, options)
      .map((f) => ({ ...f, edits: mergeTouching(f.edits) }))
      .filter((f) => f.edits.length > 0 && (revision.text.length > VALIDATE_MAX_CHARS || keepsTextValid(revision, f.edits)));
  } catch {
    return [];
  }
}

function fixesFor(finding: Finding, base: FixSide, revision: FixSide, options: FixOptions): Fix[] {
  switch (finding.fix?.kind) {
    case 'removed-node':
      return removalFixes(finding, base, revision, options);
    case 'removed-array-item':
      return ruleInfo(finding.rule).element === 'enum-value' ? enumValueFix(finding, base, revision) : removalFixes(finding, base, revision, options);
    case 'became-required':
      return becameRequiredFixes(finding, base, revision);
    case 'new-required':
      return newRequiredFixes(finding, revision);
    case 'value-changed':
      return valueFixes(finding, base, revision);
    default:
      return [];
  }
}

/** Edits that touch (one ends where the next starts) become one, so no client has to guess their order. */
export function mergeTouching(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start <= last.end) {
      if (e.start < last.end) throw new Error('overlapping fix edits');
      out[out.length - 1] = { start: last.start, end: e.end, newText: last.newText + e.newText };
    } else out.push({ ...e });
  }
  return out;
}

function keepsTextValid(revision: FixSide, edits: TextEdit[]): boolean {
  const after = parseText(applyEdits(revision.text, edits), revision.file);
  return after.errors.length === 0 && after.root !== null;
}
