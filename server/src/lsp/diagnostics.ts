// Findings, syntax errors and spec problems as LSP diagnostics: one line each
// (the key of the node), severity from the rule level, code = rule id linked to
// its documentation, and for changes a link to the node in the base document.
// Types only: the check worker uses this file, and loading vscode-languageserver
// there would start its parent-process watchdog (a side effect of the module).
import type { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import { baseNote, ruleDocUrl, type Finding, type LineIndex, type Level, type Problem } from '../engine/index';
import { baseUriOf } from './baseUri';
import { fileUriOf } from '../io/fileUris';

export const SOURCE = 'breakwater';
export const SYNTAX_ERROR_CODE = 'syntax-error';
export const SPEC_PROBLEM_CODE = 'spec-problem';
export const INCOMPLETE_CODE = 'incomplete-spec';
export const CHECK_FAILED_CODE = 'check-failed';
const STALE_PREFIX = 'Stale: ';
const STALE_NOTE = ' (from the last version that parsed)';

/** Stored in each finding's diagnostic so code actions find the finding again. */
export interface DiagnosticData {
  fingerprint: string;
}

const ERROR: DiagnosticSeverity = 1;
const WARNING: DiagnosticSeverity = 2;
const INFORMATION: DiagnosticSeverity = 3;
const SEVERITY: Record<Level, DiagnosticSeverity> = { error: ERROR, warning: WARNING, info: INFORMATION };

/** From `start` to the end of its line at most: squiggles never cover a whole block. */
export function oneLineRange(lines: LineIndex, start: number, end: number): Range {
  const s = lines.position(start);
  const lineEnd = lines.lineEnd(s.line);
  let e = Math.min(Math.max(end, start), lineEnd);
  if (e <= start) e = Math.min(lineEnd, start + 1);
  const ep = lines.position(e);
  return { start: s, end: ep.line === s.line ? ep : { line: s.line, character: lineEnd - lines.lineStart(s.line) } };
}

export interface FindingContext {
  /** The document's URI and path (findings in other files of a multi-file spec are not shown on it). */
  uri: string;
  file: string;
  lines: LineIndex;
  /** Line index of each base file, for related information. */
  baseLines: (file: string) => LineIndex | undefined;
  baseLabel: string;
  /** Where docs/rules.md is (the rule id is its anchor). */
  docsUrl: string;
}

export function findingDiagnostic(f: Finding, ctx: FindingContext): Diagnostic | undefined {
  if (!f.revision || f.revision.file !== ctx.file) return undefined;
  const d: Diagnostic = {
    range: oneLineRange(ctx.lines, f.revision.keyRange.start, f.revision.keyRange.end),
    severity: SEVERITY[f.level],
    source: SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocUrl(f.rule, ctx.docsUrl) },
    message: f.message,
    data: { fingerprint: f.fingerprint } satisfies DiagnosticData,
  };
  const related = relatedInBase(f, ctx);
  if (related) d.relatedInformation = [related];
  return d;
}

function relatedInBase(f: Finding, ctx: FindingContext): DiagnosticRelatedInformation | undefined {
  if (!f.base) return undefined;
  const lines = ctx.baseLines(f.base.file);
  if (!lines) return undefined;
  return {
    location: {
      uri: baseUriOf(f.base.file === ctx.file ? ctx.uri : fileUriOf(f.base.file)),
      range: oneLineRange(lines, f.base.keyRange.start, f.base.keyRange.end),
    },
    message: baseReference(f.base.file, f.base.line, ctx.baseLabel, baseNote(f.rule)),
  };
}

/**
 * "openapi.yaml at HEAD 60ec94e, line 11: the parameter was optional". Editors print related information
 * after "openapi.yaml(11, 7):", which reads like a line of the file being edited: the text says it is the base.
 */
export function baseReference(file: string, line: number, baseLabel: string, note: string): string {
  const name = file.replace(/^.*[\\/]/, '');
  return `${name} ${baseLabel === 'staged' ? 'as' : 'at'} ${baseLabel}, line ${line}: ${note}`;
}

export function syntaxDiagnostic(lines: LineIndex, offset: number, message: string, code = SYNTAX_ERROR_CODE): Diagnostic {
  return {
    range: oneLineRange(lines, offset, lines.lineEnd(lines.position(offset).line)),
    severity: ERROR,
    source: SOURCE,
    code,
    message: `${message}. Breaking-change checks resume when the document is complete again.`,
  };
}

export function problemDiagnostic(p: Problem, lines: LineIndex): Diagnostic | undefined {
  if (!p.range) return undefined;
  return {
    range: oneLineRange(lines, p.range.start, p.range.end),
    severity: p.severity === 'error' ? WARNING : INFORMATION,
    source: SOURCE,
    code: SPEC_PROBLEM_CODE,
    message: p.message,
  };
}

/** A check that crashed is reported, not hidden: the server keeps serving. */
export function failureDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: WARNING,
    source: SOURCE,
    code: CHECK_FAILED_CODE,
    message: `Breakwater could not check this document: ${message}`,
  };
}

/** "Stale: <message> (from the last version that parsed)": first, where the Problems panel cannot cut it off. */
export function markStale(d: Diagnostic): Diagnostic {
  return typeof d.message !== 'string' || d.message.startsWith(STALE_PREFIX)
    ? d
    : { ...d, message: STALE_PREFIX + d.message + STALE_NOTE, relatedInformation: d.relatedInformation };
}

/**
 * Moves diagnostics computed for `oldText` to the same lines of `newText`: lines
 * before the edited region stay, lines after it shift, lines inside it snap to
 * its first line. Cheap (prefix/suffix match), good enough while a spec does not parse.
 */
export function remapToText(diags: Diagnostic[], oldText: string, newText: string): Diagnostic[] {
  if (oldText === newText) return diags;
  const a = oldText.split('\n');
  const b = newText.split('\n');
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const shift = b.length - a.length;
  const mapLine = (line: number) => (line < prefix ? line : line >= a.length - suffix ? line + shift : Math.min(prefix, b.length - 1));
  return diags.map((d) => {
    const line = mapLine(d.range.start.line);
    if (line === d.range.start.line) return d;
    const len = (b[line] ?? '').replace(/\r$/, '').length;
    return {
      ...d,
      range: { start: { line, character: Math.min(d.range.start.character, len) }, end: { line, character: Math.min(d.range.end.character, len) } },
    };
  });
}
