// The engine's public entry points. Pure: no vscode, no LSP, no I/O except
// through the injected external-file loader.
import { loadParsed, loadParsedLenient, looksLikeOpenApi, type LoadOutcome, type SpecDocument } from './parse/loadSpec';
import { parseText, type ParsedText } from './parse/parseText';
import { buildModel } from './model/buildModel';
import type { ExternalLoader, RefProblem } from './model/refs';
import type { SpecModel } from './model/model';
import { LiveDiff } from './diff/liveDiff';
import { DEFAULT_DIFF_SETTINGS } from './diff/context';
import { summarise, toFindings } from './findings';
import { SpecInputError, type CheckOptions, type CheckResult, type Problem } from './types';

export * from './types';
export { explainRule, rulesDocument, sampleMessage, type RuleExplanation } from './rules/explain';
export { RULES, baseNote, ruleInfo, ruleDocUrl, rulesMarkdown, hasRule, rulesNamed, DOCS_FILE, type RuleInfo, type RuleId } from './rules/registry';
export { looksLikeOpenApi, loadSpec, loadSpecLenient, loadParsed, loadParsedLenient, type LoadOutcome, type SpecDocument } from './parse/loadSpec';
export { reparse, type ReparseResult } from './parse/incremental';
export { parseText, type ParsedText, type TextProblem } from './parse/parseText';
export { LineIndex } from './parse/lineIndex';
export type { ExternalLoader } from './model/refs';
export { LiveDiff } from './diff/liveDiff';
export type { SpecModel } from './model/model';

export interface SpecInput {
  text: string;
  file: string;
  /** Reads other files of a multi-file spec. */
  external?: ExternalLoader;
}

/**
 * Loads one side into a model. The revision must parse (a syntax error is the
 * user's to fix and is thrown); the base is loaded leniently because history
 * cannot be fixed.
 */
export function loadModel(input: SpecInput, side: 'base' | 'revision', parsed?: ParsedText): SpecModel {
  // `parsed`: the text already parsed elsewhere (the CLI parses both sides at once, on two threads).
  const tree = parsed ?? parseText(input.text, input.file);
  const outcome = side === 'base' ? loadParsedLenient(tree, input.file) : loadParsed(tree, input.file);
  return buildModel(specOrThrow(outcome, input.file), input.external);
}

/** loadModel(…, 'revision') for text that is already parsed (e.g. by the incremental re-parser). */
export function modelOfParsed(parsed: ParsedText, file: string, external?: ExternalLoader): SpecModel {
  return buildModel(specOrThrow(loadParsed(parsed, file), file), external);
}

export function specOrThrow(outcome: LoadOutcome, file: string): SpecDocument {
  switch (outcome.kind) {
    case 'spec':
      return outcome.spec;
    case 'syntax-error': {
      const e = outcome.errors[0];
      const pos = e ? outcome.parsed.lines.position(e.start) : { line: 0, character: 0 };
      const what = e?.standalone ? e.message : `invalid ${outcome.parsed.format === 'json' ? 'JSON' : 'YAML'}: ${e?.message ?? 'unreadable'}`;
      throw new SpecInputError(what, file, pos.line + 1, pos.character + 1);
    }
    case 'not-openapi':
      throw new SpecInputError(`not an OpenAPI or Swagger document: ${outcome.reason}`, file);
    case 'unsupported-version':
      throw new SpecInputError(`unsupported OpenAPI version "${outcome.version}" (supported: Swagger 2.0, OpenAPI 3.0, 3.1)`, file);
  }
}

/**
 * Compares two models. `live`, the diff state of a document being edited, lets a
 * check after an edit compare only what the edit can affect (the result is the same).
 */
export function compareModels(base: SpecModel, revision: SpecModel, options: CheckOptions = {}, live: LiveDiff = new LiveDiff()): CheckResult {
  const p = options.policies;
  const outcome = live.diff(base, revision, {
    sunsetKeys: p?.deprecation?.sunsetExtensions ?? DEFAULT_DIFF_SETTINGS.sunsetKeys,
    stabilityKey: p?.stability?.extension ?? DEFAULT_DIFF_SETTINGS.stabilityKey,
  });
  const findings = toFindings(outcome, options);
  const revisionProblems = problemsOf(revision, outcome.refProblems);
  // The same file on both sides (or a shared referenced file) would report its problems twice.
  const seen = new Set<string>();
  const problems = [...revisionProblems, ...problemsOf(base)].filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { findings, problems, summary: summarise(findings) };
}

export function compareSpecs(base: SpecInput, revision: SpecInput, options: CheckOptions = {}): CheckResult {
  // The revision first: its errors are the user's to fix and the ones worth reporting.
  const rev = loadModel(revision, 'revision');
  return compareModels(loadModel(base, 'base'), rev, options);
}

/** Problems of one side: lenient-load findings plus `$ref`s that could not be followed (collected lazily during the diff). */
export function problemsOf(model: SpecModel, refProblems: readonly RefProblem[] = model.refs.problems): Problem[] {
  const out = model.doc.problems.map((p) => {
    const pos = model.doc.parsed.lines.position(p.start);
    return {
      message: p.message,
      file: model.doc.file,
      line: pos.line + 1,
      column: pos.character + 1,
      range: { start: p.start, end: p.end },
      severity: p.severity,
    };
  });
  for (const p of refProblems) {
    const lines = model.refs.linesOf(p.file) ?? model.doc.parsed.lines;
    const pos = lines.position(p.node.keyStart);
    out.push({
      message: p.message,
      file: p.file,
      line: pos.line + 1,
      column: pos.character + 1,
      range: { start: p.node.keyStart, end: Math.max(p.node.keyEnd, p.node.keyStart + 1) },
      severity: 'warning',
    });
  }
  return out;
}

export { looksLikeOpenApi as isOpenApiText };
