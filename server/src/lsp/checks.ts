// Runs checks in three steps. Schedule: debounced on typing (or on save), at once on
// open and when the base or the configuration moves; a newer edit supersedes a check,
// which stops at its next step and never publishes. Run: what it compares with comes
// from checkInputs.ts, and the heavy part (parse, model, diff, diagnostics) runs in the
// check worker, so this thread keeps answering hovers and code actions while a 4 MB
// spec is checked. Publish: diagnostics and the status; while the text does not parse,
// the syntax error is shown with the last good findings marked stale.
//
// Multi-file specs: which root specs an open referenced file belongs to, which of
// them run in the background (from disk, not open) and which specs a changed file
// concerns is the bookkeeping of workspace/roots/rootTracker.ts; it asks this runner
// to check or stop a spec, and this runner publishes what they find in the file.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { basename } from 'node:path';
import { isSpecText } from '../workspace/specDetection';
import { tooLargeNotice } from './sizeGate';
import { errorText, type BaseOutcome, type BaseResolver } from '../workspace/base/baseResolver';
import type { GitWatcher } from '../workspace/base/gitWatcher';
import { fsPathOf } from '../io/fileUris';
import { failureDiagnostic, markStale } from './diagnostics';
import { DocumentState } from './documentState';
import { RefDiagnostics } from './refDiagnostics';
import { ShownFindings } from './shownFindings';
import { sunsetFor, type ProjectConfigStore } from '../workspace/projectConfig';
import { StatusNotification, type CheckState, type StatusParams } from '../../../protocol/src/protocol';
import type { Settings, SettingsStore } from './settings';
import type { DocumentSync } from './worker/docSync';
import type { CheckReply, CheckTimings, DocSync, OpenDoc } from './worker/messages';
import type { CheckWorker } from './worker/workerClient';
import { PartOfStatuses } from './partOfStatus';
import { sameAsBase } from './sameAsBase';
import type { RootIndexes } from '../workspace/roots/rootIndex';
import { RootTracker } from '../workspace/roots/rootTracker';
import { CheckInputs, type Inputs } from './checkInputs';

export interface CheckDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  bases: BaseResolver;
  configs: ProjectConfigStore;
  watcher: GitWatcher;
  log: (message: string) => void;
  docsUrl: () => string;
  worker: CheckWorker;
  sync: DocumentSync;
  rootIndex: RootIndexes;
}

/** The status while an edit waits for the first parse of a spec that was opened unchanged. */
export const FIRST_PARSE_WAIT =
  'opened unchanged (no breaking changes); the first parse for checking edits is still running, and this edit is checked as soon as it ends';
/** After an open: when to compute the document's line offsets. */
const LINE_OFFSETS_DELAY_MS = 100;
/** A check asks the worker again when it lacked a text; more than this means something is wrong. */
const MAX_ATTEMPTS = 4;

type OkBase = Extract<BaseOutcome, { kind: 'ok' }>;

export class CheckRunner {
  private readonly states = new Map<string, DocumentState>();
  /** Check tokens, unique across documents (a token in the worker's shared array never matches another document's). */
  private tokens = 0;
  /** Base models the worker holds (as of its last reply): their texts need not be sent again. */
  private workerBases = new Set<string>();
  /** The root specs of open referenced files, and which of them run in the background. */
  readonly roots: RootTracker;
  /** Settings, .breakwater.yaml and base of each check. */
  private readonly inputs: CheckInputs;
  /** The findings on screen, for hover and quick fixes (recorded when published). */
  readonly shown = new ShownFindings();
  /** The status of open referenced files (part of which roots). */
  private readonly partOf = new PartOfStatuses((params) => void this.deps.connection.sendNotification(StatusNotification, params));
  /** What root specs find inside the files they reference. */
  private readonly refDiagnostics = new RefDiagnostics({
    send: (uri, diagnostics) => void this.deps.connection.sendDiagnostics({ uri, diagnostics }),
    isOpen: (uri) => !!this.deps.documents.get(uri),
    isBackground: (root) => this.roots.inBackground(root),
    shown: (root, uri, diagnostics) => {
      const good = this.states.get(root)?.lastGood;
      this.shown.record(root, uri, diagnostics && good, diagnostics ?? [], good?.refVersions.get(uri), fsPathOf(uri) ?? '');
    },
  });

  constructor(private readonly deps: CheckDeps) {
    this.inputs = new CheckInputs(deps);
    this.roots = new RootTracker(deps.rootIndex, {
      checks: this.states,
      openText: (uri) => this.deps.documents.get(uri)?.getText(),
      repoOf: (path) => this.deps.bases.repoOf(path),
      check: (uri, delayMs, again) => {
        const state = this.states.get(uri);
        if (again && state) state.lastInputKey = undefined;
        this.schedule(uri, delayMs);
      },
      stop: (root) => {
        this.deps.sync.closed(root);
        this.deps.worker.close(root);
        this.forget(root);
      },
      rootsChanged: (uri, moved) => {
        if (moved) this.refDiagnostics.flush(uri);
        this.sendPartOf(uri);
      },
      log: (message) => this.deps.log(message),
    });
  }

  state(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  /** A new worker (after a crash) has no texts and no bases. */
  workerRestarted(): void {
    this.workerBases.clear();
    this.deps.sync.reset();
  }

  opened(doc: TextDocument): void {
    // A root that was checked in the background is now the editor's: from here on its text is the buffer.
    const state = this.states.get(doc.uri);
    if (this.roots.opened(doc.uri) && state) {
      state.lastInputKey = undefined;
      this.deps.sync.closed(doc.uri);
      this.deps.worker.close(doc.uri);
    }
    this.schedule(doc.uri, 0);
    // The line offsets of a 4 MB text take ~15 ms: computed soon, in a task of their own, not on the first keystroke with
    // the rest -- and not right behind decoding the 4 MB open message either, so requests waiting meanwhile are answered first.
    setTimeout(() => void doc.lineCount, LINE_OFFSETS_DELAY_MS);
  }

  async changed(doc: TextDocument): Promise<void> {
    const state = this.stateOf(doc.uri);
    if (!state) return;
    // Specs that read this file through a `$ref` are checked again too.
    this.roots.edited(doc.uri);
    // Tell a running check of the older text to stop now, not when the debounce ends.
    this.deps.worker.setToken(state.slot, ++this.tokens);
    state.seq = this.tokens;
    // The worker parses the edit during the debounce (only a few characters cross over).
    if (this.deps.worker.running && this.deps.sync.has(doc.uri)) this.deps.worker.update([{ uri: doc.uri, sync: this.deps.sync.take(doc) }]);
    // Opened unchanged and still being parsed in the worker: this edit is checked when that parse ends.
    if (state.firstParse && state.base?.kind === 'ok') this.status(state, 'checking', state.base.label, Date.now(), FIRST_PARSE_WAIT);
    const settings = await this.deps.settings.get(doc.uri);
    if (settings.run !== 'onType') return;
    this.schedule(doc.uri, state.typingDelay.ms, true);
  }

  saved(doc: TextDocument): void {
    this.schedule(doc.uri, 0);
  }

  closed(uri: string, text?: string): void {
    const state = this.states.get(uri);
    this.deps.sync.closed(uri);
    this.deps.worker.close(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.shown.record(uri, uri, undefined, [], undefined, '');
    this.partOf.forget(uri);
    if (this.roots.closed(uri, text) && state) {
      // A root spec closed while files it references are open: it goes on in the background, from disk.
      state.lastInputKey = undefined;
      state.lastStatus = undefined;
      this.schedule(uri, 0);
      return;
    }
    this.forget(uri);
  }

  /** The document is no longer checked: its pending check, its worker slot and the findings it showed in other files go. */
  private forget(uri: string): void {
    const state = this.states.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    if (state) this.deps.worker.releaseSlot(state.slot);
    this.states.delete(uri);
    this.refDiagnostics.set(uri, new Map());
  }

  /** Re-checks open documents (all, or those a predicate selects), e.g. after the base moved. */
  recheck(filter: (path: string) => boolean = () => true, force = false): void {
    const uris = new Set(this.deps.documents.all().map((d) => d.uri));
    for (const root of this.roots.backgroundRoots()) uris.add(root);
    for (const uri of uris) {
      const path = fsPathOf(uri);
      if (!path || !filter(path)) continue;
      const state = this.states.get(uri);
      if (force && state) state.lastInputKey = undefined;
      this.schedule(uri, 0);
    }
  }

  private stateOf(uri: string): DocumentState | undefined {
    if (!fsPathOf(uri)) return undefined; // only files on disk have a git history
    let state = this.states.get(uri);
    if (!state) {
      state = new DocumentState(uri, this.deps.worker.allocSlot());
      this.states.set(uri, state);
    }
    return state;
  }

  private schedule(uri: string, delayMs: number, typing = false): void {
    const state = this.stateOf(uri);
    if (!state) return;
    const token = ++this.tokens;
    state.seq = token;
    state.delayMs = typing ? delayMs : undefined;
    this.deps.worker.setToken(state.slot, token);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.run(state, token);
    }, delayMs);
  }

  private async run(state: DocumentState, token: number): Promise<void> {
    const superseded = () => state.seq !== token || this.states.get(state.uri) !== state;
    const file = fsPathOf(state.uri);
    const doc = file ? await this.textOf(state.uri, file) : undefined;
    if (!doc || !file || superseded()) return;
    const started = Date.now();
    try {
      // Not a spec (and never was one while open): stay silent, but it may be part of one (a referenced file).
      if (!state.lastGood && !isSpecText(doc.getText())) {
        this.silence(state, doc.version);
        await this.roots.findRootsOf(state.uri, file);
        return;
      }
      if (await this.tooLarge(state, doc, file, started)) return;
      const inputs = await this.inputs.of(state.uri, file);
      if (superseded()) return;
      const { base, inputKey } = inputs;
      state.base = base;
      const version = doc.version;
      const key = `${version}|${inputKey}`;
      if (key === state.lastInputKey) return; // e.g. the index was rewritten but the base blob is the same
      if (base.kind !== 'ok') {
        this.publish(state, version, []);
        state.lastGood = undefined;
        state.lastInputKey = key;
        return this.status(state, stateOfBase(base), base.label, started, base.reason);
      }
      // Opened exactly as it is in the base: nothing can be broken. Say so now; the worker parses it meanwhile, for the edits to come.
      const unchanged = !state.lastGood && !this.roots.inBackground(state.uri) && state.lastInputKey === undefined && sameAsBase(doc.getText(), base.text);
      if (unchanged) {
        this.publish(state, version, []);
        this.status(state, 'ok', base.label, started);
      }
      if (unchanged) state.firstParse = true;
      const { reply, openDocs } = await this.askWorker(state, doc, file, base, inputs, token, superseded).finally(() => {
        if (unchanged) state.firstParse = false;
      });
      if (superseded() || doc.version !== version) return;
      switch (reply.kind) {
        case 'superseded':
          return;
        case 'silent':
          return this.silence(state, version);
        case 'base-error':
          // A base that cannot be compared counts as no base, like a new file.
          this.publish(state, version, []);
          state.lastGood = undefined;
          state.lastInputKey = key;
          return this.status(state, 'new-file', base.label, started, reply.reason);
        case 'unparsable':
          this.publish(state, version, reply.diagnostics);
          return this.status(state, reply.state, base.label, started, reply.message, reply.timings, inputs.settings);
        case 'good': {
          state.lastGood = {
            version,
            file,
            findings: reply.findings,
            problems: reply.problems,
            base: { label: base.label, text: base.text, format: reply.baseFormat },
            findingDiagnostics: reply.findingDiagnostics,
            refFiles: reply.refFiles,
            refVersions: readVersions(openDocs, reply.refFiles, state.uri),
            externalSnippets: new Map(reply.externalSnippets),
            config: inputs.config,
          };
          this.publish(state, version, [...reply.findingDiagnostics, ...reply.problemDiagnostics]);
          this.refDiagnostics.set(state.uri, new Map(reply.external));
          state.lastInputKey = key;
          // Only a check of an edit predicts the next one: a check on open or save parses the whole file (seconds for a large
          // spec) and would hold the next keystrokes for the ceiling.
          if (state.delayMs !== undefined) state.typingDelay.checked(Date.now() - started);
          return this.status(state, 'ok', base.label, started, undefined, reply.timings, inputs.settings);
        }
        case 'failed':
          throw Object.assign(new Error(reply.message), { stack: reply.stack ?? reply.message });
        case 'resync':
          throw new Error('the check worker could not be brought up to date with the editor');
      }
    } catch (e) {
      // Whatever a user typed, the server keeps serving: report and carry on.
      if (superseded()) return;
      this.deps.log(`check of ${state.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      const stale = state.lastGood ? state.lastGood.findingDiagnostics.map(markStale) : [];
      this.publish(state, doc.version, [failureDiagnostic(errorText(e)), ...stale]);
      this.status(state, 'error', state.base?.label ?? '', started, errorText(e));
    }
  }

  /** The text a check reads: the editor's buffer, or for a background root the file on disk. */
  private async textOf(uri: string, file: string): Promise<TextDocument | undefined> {
    if (!this.roots.inBackground(uri)) return this.deps.documents.get(uri);
    const loaded = await this.roots.backgroundDoc(uri, file);
    // The worker's copy is of an older text: the next check sends it whole.
    if (loaded?.changed) this.deps.sync.resend(uri);
    return loaded?.doc;
  }

  /** Above breakwater.maxFileSizeMB: one notice instead of a check (the findings of a smaller version are dropped). */
  private async tooLarge(state: DocumentState, doc: TextDocument, file: string, started: number): Promise<boolean> {
    const notice = tooLargeNotice(doc.getText(), (await this.deps.settings.get(state.uri)).maxFileSizeMB, basename(file));
    if (!notice) return false;
    state.lastGood = undefined;
    state.lastInputKey = undefined;
    this.publish(state, doc.version, [notice]);
    this.refDiagnostics.set(state.uri, new Map());
    this.status(state, 'too-large', state.base?.label ?? '', started, String(notice.message));
    return true;
  }

  /** Sends the check to the worker with what it lacks (changed texts, the base text once); asks again when it lacked more. */
  private async askWorker(
    state: DocumentState,
    doc: TextDocument,
    file: string,
    base: OkBase,
    inputs: Inputs,
    token: number,
    superseded: () => boolean,
  ): Promise<{ reply: CheckReply; openDocs: OpenDoc[] }> {
    let reply: CheckReply = { kind: 'superseded' };
    // The open documents of the attempt that answered: the versions its `$ref`s read (an outdated one would have been asked for again).
    let openDocs: OpenDoc[] = [];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const sendBase = !this.workerBases.has(base.modelKey);
      openDocs = this.openDocs();
      reply = await this.deps.worker.check({
        uri: state.uri,
        file,
        slot: state.slot,
        token,
        version: doc.version,
        syncs: this.syncs(doc),
        openDocs,
        base: { key: base.modelKey, file, repoRoot: base.repo.root, commit: base.commit, text: sendBase ? base.text : undefined },
        options: inputs.options,
        keepGood: !!state.lastGood,
        docsUrl: this.deps.docsUrl(),
        baseLabel: base.label,
        sunset: sunsetFor(inputs.config),
      });
      if (reply.baseKeys) this.workerBases = new Set(reply.baseKeys);
      if (reply.kind !== 'resync' || superseded()) return { reply, openDocs };
      for (const uri of reply.uris) this.deps.sync.resend(uri);
      if (reply.base) this.workerBases.delete(base.modelKey);
    }
    return { reply, openDocs };
  }

  /** The checked document's changes first, then those of other documents the worker mirrors. */
  private syncs(doc: TextDocument): DocSync[] {
    const out: DocSync[] = [{ uri: doc.uri, sync: this.deps.sync.take(doc) }];
    for (const uri of this.deps.sync.uris()) {
      const other = uri === doc.uri ? undefined : this.deps.documents.get(uri);
      if (other && this.deps.sync.behind(other)) out.push({ uri, sync: this.deps.sync.take(other) });
    }
    // Open files this spec is known to reference go along the first time: otherwise the worker would build
    // the whole model and diff only to find it lacks them and ask again (seconds on a spec of thousands of files).
    for (const uri of this.roots.openPartsOf(doc.uri)) {
      const other = this.deps.documents.get(uri);
      if (other && !this.deps.sync.uris().includes(uri)) out.push({ uri, sync: this.deps.sync.take(other) });
    }
    return out;
  }

  private openDocs(): OpenDoc[] {
    return this.deps.documents.all().flatMap((d) => {
      const path = fsPathOf(d.uri);
      return path ? [{ path, uri: d.uri, version: d.version }] : [];
    });
  }

  /** The status of an open referenced file: which roots it belongs to, and the findings in it. */
  private sendPartOf(uri: string): void {
    const file = fsPathOf(uri);
    const roots = this.roots.rootsOf(uri).filter((r) => this.states.has(r) || this.deps.documents.get(r));
    if (!file || !this.deps.documents.get(uri)) return;
    this.partOf.update(
      uri,
      file,
      roots.map((r) => ({ uri: r, state: this.states.get(r) })),
    );
  }

  private silence(state: DocumentState, version: number): void {
    if (state.lastStatus) this.publish(state, version, []);
    state.lastStatus = undefined;
  }

  private publish(state: DocumentState, version: number, diagnostics: Diagnostic[]): void {
    // A background root is not open: like a closed file, it shows nothing on itself.
    if (this.roots.inBackground(state.uri)) return;
    void this.deps.connection.sendDiagnostics({ uri: state.uri, version, diagnostics });
    // Findings answer hover and quick fixes only with the good check of exactly this text (stale ones do not).
    const good = state.lastGood?.version === version ? state.lastGood : undefined;
    this.shown.record(state.uri, state.uri, good, diagnostics, version, fsPathOf(state.uri) ?? '');
  }

  private status(
    state: DocumentState,
    kind: CheckState,
    baseLabel: string,
    started: number,
    message?: string,
    timings?: CheckTimings,
    settings?: Settings,
  ): void {
    // Without a base there is nothing to count; otherwise the counts are those of the last good check (stale while broken).
    const findings = kind === 'new-file' || kind === 'no-repository' || kind === 'no-base' ? [] : (state.lastGood?.findings ?? []);
    const durationMs = Date.now() - started;
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
      durationMs,
      message,
      debounceMs: state.delayMs,
    };
    // Like eslint's time budget: a slow check is worth knowing about (which file, how long). A new base is parsed once, so it does not count.
    const checkMs = Math.round(durationMs - (timings?.baseMs ?? 0));
    if (timings && settings && checkMs > settings.budgetMs) {
      params.overBudget = { file: fsPathOf(state.uri) ?? state.uri, checkMs, budgetMs: settings.budgetMs };
      this.deps.log(
        `slow check: ${params.overBudget.file} took ${checkMs} ms (budget ${settings.budgetMs} ms; parse ${Math.round(timings.parseMs)}, model ${Math.round(timings.modelMs)}, diff ${Math.round(timings.diffMs)} ms)`,
      );
    }
    state.lastStatus = params;
    if (!this.roots.inBackground(state.uri)) void this.deps.connection.sendNotification(StatusNotification, params);
    for (const part of this.roots.openPartsOf(state.uri)) this.sendPartOf(part);
  }
}

/** The editor versions of the open documents a check read through `$ref`s (not the spec itself). */
function readVersions(openDocs: OpenDoc[], refFiles: string[], self: string): Map<string, number> {
  const read = new Set(refFiles);
  return new Map(openDocs.filter((d) => d.uri !== self && read.has(d.path)).map((d) => [d.uri, d.version]));
}

function stateOfBase(base: Exclude<BaseOutcome, { kind: 'ok' }>): CheckState {
  return base.kind === 'absent' ? 'new-file' : base.kind === 'no-repository' ? 'no-repository' : 'no-base';
}
