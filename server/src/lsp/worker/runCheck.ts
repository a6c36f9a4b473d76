// One check, inside the worker: bring the texts up to date, get the base model
// (cached), re-parse the revision incrementally, build its model, diff, and turn
// the result into diagnostics. Between steps it looks whether a newer check of the
// same document was scheduled and stops if so (its result would never be shown).
import type { Diagnostic } from 'vscode-languageserver/node';
import { compareModels, LineIndex, modelOfParsed, problemsOf, SpecInputError, type Finding, type ParsedText, type SpecModel } from '../../engine/index';
import { cloneParsed } from '../../engine/parse/clone';
import { fileUriOf } from '../../io/fileUris';
import {
  findingDiagnostic,
  INCOMPLETE_CODE,
  markStale,
  problemDiagnostic,
  remapToText,
  SYNTAX_ERROR_CODE,
  syntaxDiagnostic,
  type FindingContext,
} from '../diagnostics';
import type { WorkingFiles } from '../../workspace/files/workingFiles';
import { incompleteEditReason } from './incompleteEdit';
import { snippetOf } from '../snippet';
import type { CheckState } from '../../../../protocol/src/protocol';
import type { CheckReply, CheckRequest, CheckTimings } from './messages';
import type { BaseModels, WorkerDocument, WorkerDocuments } from './workerDocs';

export interface WorkerEnv {
  docs: WorkerDocuments;
  bases: BaseModels;
  /** Reads referenced files: open documents (as the worker mirrors them) first, then the disk. */
  workingFiles: WorkingFiles;
  /** Open documents a `$ref` read whose text the worker does not have at the right version. */
  missingDocs: Set<string>;
  superseded(slot: number, token: number): boolean;
}

export function runCheck(req: CheckRequest, env: WorkerEnv): CheckReply {
  const started = performance.now();
  const timings: CheckTimings = { baseMs: 0, parseMs: 0, modelMs: 0, diffMs: 0, totalMs: 0 };
  const superseded = () => env.superseded(req.slot, req.token);
  // Every text update is applied, even for a check that is already superseded: the next one builds on them.
  const resync = req.syncs.filter((s) => !env.docs.apply(s.uri, s.sync)).map((s) => s.uri);
  const doc = env.docs.get(req.uri);
  if (!doc || doc.version !== req.version) resync.push(req.uri);
  if (resync.length || !doc) return { kind: 'resync', uris: [...new Set(resync)], base: false };
  if (superseded()) return { kind: 'superseded' };
  if (!req.keepGood) doc.lastGood = undefined;

  let t = performance.now();
  let base = env.bases.get(req.base.key);
  if (!base) {
    if (req.base.text === undefined) return { kind: 'resync', uris: [], base: true };
    base = env.bases.build({ ...req.base, text: req.base.text });
    timings.baseMs = performance.now() - t;
  }
  if ('error' in base) return { kind: 'base-error', reason: base.error };

  // A spec opened as it is in the base (nothing edited yet) gets a copy of the base's tree: ~0.1 s instead of a second ~1 s parse.
  // Even when an edit already superseded this check: the edit is then parsed from this copy, as a fragment.
  const baseText = base.model.doc.parsed.text;
  if (!doc.hasParse() && baseText.length === doc.text.length && baseText === doc.text) doc.seed(req.file, cloneParsed(base.model.doc.parsed));
  if (superseded()) return { kind: 'superseded' };

  env.missingDocs.clear();
  const revision = loadRevision(doc, req, base.model, env, timings);
  if (env.missingDocs.size) return { kind: 'resync', uris: [...env.missingDocs], base: false };
  if (superseded()) return { kind: 'superseded' };
  if ('silent' in revision) return { kind: 'silent' };
  if ('message' in revision) {
    timings.totalMs = performance.now() - started;
    return { kind: 'unparsable', diagnostics: unparsableDiagnostics(doc, revision), state: revision.state, message: revision.message, timings };
  }

  t = performance.now();
  const result = compareModels(base.model, revision.model, req.options, doc.live);
  timings.diffMs = performance.now() - t;
  // Referenced files are read lazily during the diff too.
  if (env.missingDocs.size) return { kind: 'resync', uris: [...env.missingDocs], base: false };
  if (superseded()) return { kind: 'superseded' };

  const lines = revision.model.doc.parsed.lines;
  const ctx = findingContext(req.uri, req.file, lines, base.model, req);
  const findingDiagnostics = result.findings.flatMap((f) => findingDiagnostic(f, ctx) ?? []);
  doc.lastGood = { version: req.version, text: doc.text, findings: result.findings, findingDiagnostics, revision: revision.model, base: base.model };
  timings.totalMs = performance.now() - started;
  return {
    kind: 'good',
    version: req.version,
    findings: result.findings,
    problems: result.problems,
    findingDiagnostics,
    // Only the revision's own problems: the base's are at its lines, and history cannot be fixed anyway.
    problemDiagnostics: problemsOf(revision.model, doc.live.refProblems)
      .filter((p) => p.file === req.file)
      .flatMap((p) => problemDiagnostic(p, lines) ?? []),
    external: externalDiagnostics(result.findings, revision.model, base.model, req),
    refFiles: revision.model.refs.files(),
    externalSnippets: externalSnippets(result.findings, base.model, req.file),
    baseFormat: base.model.doc.parsed.format,
    timings,
  };
}

type Unparsable = { message: string; offset: number; code: string; state: CheckState; lines: LineIndex };

/** The revision's model, or why there is none: a syntax error, a half-typed top level, or not a spec at all. */
function loadRevision(
  doc: WorkerDocument,
  req: CheckRequest,
  base: SpecModel,
  env: WorkerEnv,
  timings: CheckTimings,
): { model: SpecModel } | { silent: true } | Unparsable {
  let parsed: ParsedText | undefined;
  let model: SpecModel;
  try {
    let t = performance.now();
    parsed = doc.parse(req.file);
    timings.parseMs = performance.now() - t;
    t = performance.now();
    model = modelOfParsed(parsed, req.file, env.workingFiles.loader(req.base.repoRoot));
    timings.modelMs = performance.now() - t;
  } catch (e) {
    if (!(e instanceof SpecInputError)) throw e;
    // The sniff matched, but it is no spec (and never was one while open).
    if (!doc.lastGood && /^not an OpenAPI/.test(e.message)) return { silent: true };
    const lines = parsed?.lines ?? new LineIndex(doc.text);
    const offset = e.line !== undefined ? lines.offset(e.line - 1, (e.column ?? 1) - 1) : 0;
    return {
      message: e.message.replace(/^./, (c) => c.toUpperCase()),
      offset,
      code: SYNTAX_ERROR_CODE,
      state: e.line !== undefined ? 'syntax-error' : 'not-openapi',
      lines,
    };
  }
  const incomplete = incompleteEditReason(base, model);
  if (incomplete) {
    return {
      message: `${incomplete.message}; every endpoint would count as removed, so the last results are kept until it is back`,
      offset: incomplete.offset,
      code: INCOMPLETE_CODE,
      state: 'syntax-error',
      lines: parsed.lines,
    };
  }
  return { model };
}

/** The error, plus the last good breaking findings moved to the same lines of this text and marked stale. */
function unparsableDiagnostics(doc: WorkerDocument, u: Unparsable): Diagnostic[] {
  const diags: Diagnostic[] = [syntaxDiagnostic(u.lines, u.offset, u.message, u.code)];
  const good = doc.lastGood;
  if (good) {
    const breaking = good.findingDiagnostics.filter((d) => d.severity === 1 || d.severity === 2);
    diags.push(...remapToText(breaking, good.text, doc.text).map(markStale));
  }
  return diags;
}

function findingContext(uri: string, file: string, lines: LineIndex, base: SpecModel, req: CheckRequest): FindingContext {
  return {
    uri,
    file,
    lines,
    baseLines: (f: string) => base.refs.linesOf(f) ?? (f === file ? base.doc.parsed.lines : undefined),
    baseLabel: req.baseLabel,
    docsUrl: req.docsUrl,
  };
}

/** Findings inside files the spec references, grouped by the URI of that file. */
function externalDiagnostics(findings: Finding[], revision: SpecModel, base: SpecModel, req: CheckRequest): [string, Diagnostic[]][] {
  const out = new Map<string, Diagnostic[]>();
  for (const f of findings) {
    const other = f.revision?.file;
    if (!other || other === req.file) continue;
    const lines = revision.refs.linesOf(other);
    if (!lines) continue;
    const uri = fileUriOf(other);
    const d = findingDiagnostic(f, findingContext(uri, other, lines, base, req));
    if (d) out.set(uri, [...(out.get(uri) ?? []), d]);
  }
  return [...out];
}

/** Hover snippets of base nodes that live in other files: the main thread has only the root's base text. */
function externalSnippets(findings: Finding[], base: SpecModel, file: string): [string, string][] {
  const out: [string, string][] = [];
  for (const f of findings) {
    if (!f.base || f.base.file === file) continue;
    const text = base.refs.linesOf(f.base.file)?.text;
    if (text !== undefined) out.push([f.fingerprint, snippetOf(text, f.base.nodeRange.start, f.base.nodeRange.end)]);
  }
  return out;
}
