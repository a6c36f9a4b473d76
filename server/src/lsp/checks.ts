// Runs checks: debounced on typing (or on save), immediately on open and when the
// base or the configuration moves. A check superseded by a newer edit stops at its
// next step and never publishes; while the text does not parse, the syntax error is
// shown with the last good findings marked stale.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { compareModels, LineIndex, modelOfParsed, SpecInputError, type CheckOptions, type SpecModel } from '../engine/index';
import { RevisionParser } from './revisionParser';
import type { WorkingFiles } from './externalFiles';
import { incompleteEditReason } from './incompleteEdit';
import { isSpecText } from './specDetection';
import { parseBaseSelector, selectorText } from './base/baseSelector';
import { errorText, type BaseOutcome, type BaseResolver } from './base/baseResolver';
import type { GitWatcher } from './base/gitWatcher';
import { fileUriOf, fsPathOf } from './baseUri';
import { failureDiagnostic, findingDiagnostic, type FindingContext, INCOMPLETE_CODE, markStale, problemDiagnostic, remapToText, SYNTAX_ERROR_CODE, syntaxDiagnostic } from './diagnostics';
import { DocumentState, type GoodCheck } from './documentState';
import type { ProjectConfig, ProjectConfigStore } from './projectConfig';
import { StatusNotification, type CheckState, type StatusParams } from './protocol';
import type { SettingsStore } from './settings';

export interface CheckDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  bases: BaseResolver;
  configs: ProjectConfigStore;
  watcher: GitWatcher;
  log: (message: string) => void;
  docsUrl: () => string;
  workingFiles: WorkingFiles;
}

/** Quiet period after a keystroke before checking; a little longer when checks are expensive. */
const TYPE_DELAY_MS = 250;
const MAX_EXTRA_DELAY_MS = 250;

export class CheckRunner {
  private readonly states = new Map<string, DocumentState>();
  /** Findings located in other files of multi-file specs: file URI -> spec URI -> diagnostics. */
  private readonly external = new Map<string, Map<string, Diagnostic[]>>();
  private readonly configErrors = new Set<string>();

  constructor(private readonly deps: CheckDeps) {}

  state(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  opened(doc: TextDocument): void {
    this.schedule(doc.uri, 0);
  }

  async changed(doc: TextDocument): Promise<void> {
    const state = this.stateOf(doc.uri);
    if (!state) return;
    const settings = await this.deps.settings.get(doc.uri);
    if (settings.run !== 'onType') return;
    this.schedule(doc.uri, TYPE_DELAY_MS + Math.min(MAX_EXTRA_DELAY_MS, state.lastDurationMs / 2));
  }

  saved(doc: TextDocument): void {
    this.schedule(doc.uri, 0);
  }

  closed(uri: string): void {
    const state = this.states.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.publishExternal(uri, new Map());
  }

  /** Re-checks open documents (all, or those a predicate selects), e.g. after the base moved. */
  recheck(filter: (path: string) => boolean = () => true, force = false): void {
    for (const doc of this.deps.documents.all()) {
      const path = fsPathOf(doc.uri);
      if (!path || !filter(path)) continue;
      const state = this.states.get(doc.uri);
      if (force && state) state.lastInputKey = undefined;
      this.schedule(doc.uri, 0);
    }
  }

  /** Another open file changed: specs whose last check read it through a `$ref` are re-checked. */
  recheckDependentsOf(path: string, uri: string): void {
    for (const state of this.states.values()) {
      if (state.uri === uri || !state.lastGood) continue;
      if (!state.lastGood.revision.refs.files().includes(path)) continue;
      state.lastInputKey = undefined;
      this.schedule(state.uri, TYPE_DELAY_MS);
    }
  }

  private stateOf(uri: string): DocumentState | undefined {
    if (!fsPathOf(uri)) return undefined; // only files on disk have a git history
    let state = this.states.get(uri);
    if (!state) {
      state = new DocumentState(uri);
      this.states.set(uri, state);
    }
    return state;
  }

  private schedule(uri: string, delayMs: number): void {
    const state = this.stateOf(uri);
    if (!state) return;
    const token = ++state.seq;
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.run(state, token);
    }, delayMs);
  }

  private async run(state: DocumentState, token: number): Promise<void> {
    const superseded = () => state.seq !== token || this.states.get(state.uri) !== state;
    const doc = this.deps.documents.get(state.uri);
    const file = fsPathOf(state.uri);
    if (!doc || !file) return;
    const started = Date.now();
    try {
      // Not a spec (and never was one while open): stay silent.
      if (!isSpecText(doc.getText()) && !state.lastGood) return this.silence(state, doc.version);
      const inputs = await this.inputs(state.uri, file);
      if (superseded()) return;
      const { base, options, inputKey } = inputs;
      state.base = base;
      const text = doc.getText();
      const version = doc.version;
      const key = `${version}|${inputKey}`;
      if (key === state.lastInputKey) return; // e.g. the index was rewritten but the base blob is the same
      if (base.kind !== 'ok') {
        this.publish(state, version, []);
        state.lastGood = undefined;
        state.lastInputKey = key;
        return this.status(state, stateOfBase(base), base.label, started, base.reason);
      }
      await yieldToEventLoop();
      if (superseded()) return;
      const revision = this.loadRevision(state, file, text, base);
      if (superseded()) return;
      if (!('model' in revision)) {
        if (revision.silent) return this.silence(state, version);
        this.publishUnparsable(state, version, text, revision.message, revision.offset, revision.code);
        return this.status(state, revision.state, base.label, started, revision.message);
      }
      await yieldToEventLoop();
      if (superseded()) return;
      const result = compareModels(base.model, revision.model, options);
      if (superseded() || doc.version !== version) return;
      const good = this.goodCheck(state, version, text, file, base, revision.model, result.findings, result.problems, inputs.config);
      const problemDiags = result.problems.filter((p) => p.file === file).flatMap((p) => problemDiagnostic(p, revision.model.doc.parsed.lines) ?? []);
      this.publish(state, version, [...good.findingDiagnostics, ...problemDiags]);
      this.publishExternal(state.uri, this.externalDiagnostics(good));
      state.lastGood = good;
      state.lastInputKey = key;
      state.lastDurationMs = Date.now() - started;
      this.status(state, 'ok', base.label, started);
    } catch (e) {
      // Whatever a user typed, the server keeps serving: report and carry on.
      if (superseded()) return;
      this.deps.log(`check of ${state.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      const stale = state.lastGood ? state.lastGood.findingDiagnostics.map(markStale) : [];
      this.publish(state, doc.version, [failureDiagnostic(errorText(e)), ...stale]);
      this.status(state, 'error', state.base?.label ?? '', started, errorText(e));
    }
  }

  /** Settings, config and base of a document; only the first check after a git, settings or config change asks git. */
  private async inputs(uri: string, file: string): Promise<{ base: BaseOutcome; options: CheckOptions; config: ProjectConfig; inputKey: string }> {
    const settings = await this.deps.settings.get(uri);
    const repo = await this.deps.bases.repoOf(file);
    if (repo) this.deps.watcher.watchRepo(repo);
    const config = this.deps.configs.forSpec(file, repo?.root);
    this.reportConfig(config);
    const selector = parseBaseSelector(settings.base || config.base);
    const base = await this.deps.bases.baseFor(file, selector);
    // Settings are the user's own, so they win over the team's .breakwater.yaml.
    const options: CheckOptions = { ...config.options, ruleLevels: { ...config.options.ruleLevels, ...settings.rules } };
    const inputKey = `${selectorText(selector)}|${base.kind === 'ok' ? base.blob : base.kind}|${JSON.stringify(options)}`;
    return { base, options, config, inputKey };
  }

  /** The revision's model, or why there is none: a syntax error, a half-typed top level, or not a spec at all. */
  private loadRevision(state: DocumentState, file: string, text: string, base: Extract<BaseOutcome, { kind: 'ok' }>): { model: SpecModel } | { silent: true } | { silent: false; message: string; offset: number; code: string; state: CheckState } {
    let model: SpecModel;
    try {
      state.parser ??= new RevisionParser(file);
      model = modelOfParsed(state.parser.parse(text), file, this.deps.workingFiles.loader(base.repo.root));
    } catch (e) {
      if (!(e instanceof SpecInputError)) throw e;
      // The sniff matched, but it is no spec (and never was one while open).
      if (!state.lastGood && /^not an OpenAPI/.test(e.message)) return { silent: true };
      const lines = new LineIndex(text);
      const offset = e.line !== undefined ? lines.offset(e.line - 1, (e.column ?? 1) - 1) : 0;
      return { silent: false, message: e.message.replace(/^./, (c) => c.toUpperCase()), offset, code: SYNTAX_ERROR_CODE, state: e.line !== undefined ? 'syntax-error' : 'not-openapi' };
    }
    const incomplete = incompleteEditReason(base.model, model);
    if (incomplete) {
      return { silent: false, message: `${incomplete.message}; every endpoint would count as removed, so the last results are kept until it is back`, offset: incomplete.offset, code: INCOMPLETE_CODE, state: 'syntax-error' };
    }
    return { model };
  }

  private silence(state: DocumentState, version: number): void {
    if (state.lastStatus) this.publish(state, version, []);
    state.lastStatus = undefined;
  }

  private goodCheck(state: DocumentState, version: number, text: string, file: string, base: Extract<BaseOutcome, { kind: 'ok' }>, revision: SpecModel, findings: GoodCheck['findings'], problems: GoodCheck['problems'], config: ProjectConfig): GoodCheck {
    const ctx = this.findingContext(state.uri, file, revision.doc.parsed.lines, base);
    const findingDiagnostics = findings.flatMap((f) => findingDiagnostic(f, ctx) ?? []);
    return { version, text, file, findings, problems, base, revision, findingDiagnostics, config };
  }

  private findingContext(uri: string, file: string, lines: LineIndex, base: Extract<BaseOutcome, { kind: 'ok' }>): FindingContext {
    return {
      uri,
      file,
      lines,
      baseLines: (f: string) => base.model.refs.linesOf(f) ?? (f === file ? base.model.doc.parsed.lines : undefined),
      baseLabel: base.label,
      docsUrl: this.deps.docsUrl(),
    };
  }

  /** Findings inside files the spec references, grouped by the URI of that file. */
  private externalDiagnostics(good: GoodCheck): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    for (const f of good.findings) {
      const other = f.revision?.file;
      if (!other || other === good.file) continue;
      const lines = good.revision.refs.linesOf(other);
      if (!lines) continue;
      const uri = fileUriOf(other);
      const d = findingDiagnostic(f, this.findingContext(uri, other, lines, good.base));
      if (d) out.set(uri, [...(out.get(uri) ?? []), d]);
    }
    return out;
  }

  /** Several specs can share a referenced file: what each contributes is kept apart and published together. */
  private publishExternal(owner: string, byUri: Map<string, Diagnostic[]>): void {
    const touched = new Set(byUri.keys());
    for (const [uri, owners] of this.external) if (owners.has(owner)) touched.add(uri);
    for (const uri of touched) {
      let owners = this.external.get(uri);
      if (!owners) this.external.set(uri, (owners = new Map()));
      const diags = byUri.get(uri);
      if (diags) owners.set(owner, diags);
      else owners.delete(owner);
      if (owners.size === 0) this.external.delete(uri);
      void this.deps.connection.sendDiagnostics({ uri, diagnostics: [...owners.values()].flat() });
    }
  }

  /** Syntax error (or no longer OpenAPI): that error, plus the last good breaking findings marked stale. */
  private publishUnparsable(state: DocumentState, version: number, text: string, message: string, offset: number, code: string): void {
    const diags: Diagnostic[] = [syntaxDiagnostic(new LineIndex(text), offset, message, code)];
    const good = state.lastGood;
    if (good) {
      const breaking = good.findingDiagnostics.filter((d) => d.severity === 1 || d.severity === 2);
      diags.push(...remapToText(breaking, good.text, text).map(markStale));
    }
    this.publish(state, version, diags);
  }

  /** A .breakwater.yaml that cannot be used gets a diagnostic on itself (defaults apply meanwhile). */
  private reportConfig(config: ProjectConfig): void {
    const uri = fileUriOf(config.path);
    if (config.error) {
      const line = Math.max(0, config.error.line - 1);
      const character = Math.max(0, config.error.column - 1);
      void this.deps.connection.sendDiagnostics({
        uri,
        diagnostics: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, severity: 1, source: 'breakwater', code: 'config-error', message: `${config.error.message} (Breakwater ignores this file until it is fixed)` }],
      });
      this.configErrors.add(uri);
    } else if (this.configErrors.delete(uri)) void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publish(state: DocumentState, version: number, diagnostics: Diagnostic[]): void {
    void this.deps.connection.sendDiagnostics({ uri: state.uri, version, diagnostics });
  }

  private status(state: DocumentState, kind: CheckState, baseLabel: string, started: number, message?: string): void {
    // Without a base there is nothing to count; otherwise the counts are those of the last good check (stale while broken).
    const findings = kind === 'new-file' || kind === 'no-repository' || kind === 'no-base' ? [] : (state.lastGood?.findings ?? []);
    const params: StatusParams = {
      uri: state.uri,
      state: kind,
      baseLabel,
      counts: {
        breaking: findings.filter((f) => f.level === 'error').length,
        possiblyBreaking: findings.filter((f) => f.level === 'warning').length,
        info: findings.filter((f) => f.level === 'info').length,
      },
      checkedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      message,
    };
    state.lastStatus = params;
    void this.deps.connection.sendNotification(StatusNotification, params);
  }
}

function stateOfBase(base: Exclude<BaseOutcome, { kind: 'ok' }>): CheckState {
  return base.kind === 'absent' ? 'new-file' : base.kind === 'no-repository' ? 'no-repository' : 'no-base';
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
