// The worker's side of the documents: each open document's text, kept in step with
// the editor by the changes the main thread forwards, its incremental parser, and
// the last check that parsed (what code actions and stale results need). Also the
// parsed bases, cached by blob, path and commit.
import type { Diagnostic } from 'vscode-languageserver/node';
import { LiveDiff, loadModel, SpecInputError, type Finding, type ParsedText, type SpecModel } from '../../engine/index';
import { errorText } from '../../workspace/base/baseResolver';
import { CommittedFiles } from '../../workspace/files/committedFiles';
import { ChangeSpan, RevisionParser } from '../../workspace/revisionParser';
import type { BaseInput, TextSync } from './messages';

/** A completed check of a version that parsed, as the worker keeps it. */
export interface WorkerGood {
  version: number;
  text: string;
  findings: Finding[];
  findingDiagnostics: Diagnostic[];
  revision: SpecModel;
  base: SpecModel;
}

export class WorkerDocument {
  version = -1;
  text = '';
  /** Version of the tree the parser holds (trees are updated in place, so only that version's tree is valid). */
  parsedVersion = -1;
  lastGood?: WorkerGood;
  /** The diff of this document against its base, kept between checks so an edit re-compares only what it affects. */
  readonly live = new LiveDiff();
  private parser?: RevisionParser;
  /** The last parse (of `parsedVersion`) and the file name it was parsed under. */
  private parsed?: ParsedText;
  private file?: string;
  /** The changes since the last parse, as one; unknown (undefined) after a whole-text update. */
  private span: ChangeSpan | undefined = new ChangeSpan();

  constructor(readonly uri: string) {}

  /** False when the changes do not apply to the version held here: the main thread must send the whole text. */
  apply(sync: TextSync): boolean {
    if (sync.kind === 'full') {
      this.text = sync.text;
      this.version = sync.version;
      this.span = undefined;
      return true;
    }
    if (sync.fromVersion !== this.version) return false;
    let text = this.text;
    for (const c of sync.changes) {
      text = text.slice(0, c.start) + c.newText + text.slice(c.end);
      this.span?.add(c);
    }
    if (text.length !== sync.length) {
      this.version = -1; // drifted: only a whole text can repair it
      return false;
    }
    this.text = text;
    this.version = sync.version;
    return true;
  }

  /** The parse of the current text: only the region the changes touched is parsed again when possible. */
  parse(file: string): ParsedText {
    this.file = file;
    if (this.parsed && this.parsedVersion === this.version) return this.parsed;
    this.parser ??= new RevisionParser(file);
    const parsed = this.parser.parse(this.text, this.span?.change(this.text));
    this.text = parsed.text; // same content; one string instead of two
    this.span = new ChangeSpan();
    this.parsedVersion = this.version;
    this.parsed = parsed;
    return parsed;
  }

  hasParse(): boolean {
    return !!this.parsed;
  }

  /** Takes `parsed` (of exactly this document's text) as its parse, instead of parsing. */
  seed(file: string, parsed: ParsedText): void {
    this.file = file;
    this.parser = new RevisionParser(file);
    this.parser.seed(parsed);
    this.text = parsed.text;
    this.span = new ChangeSpan();
    this.parsed = parsed;
    this.parsedVersion = this.version;
  }

  /**
   * Parses edits as they arrive, when that is cheap: a document checked before whose
   * last parse had no errors (then only the edited region is parsed again). After a
   * syntax error the next parse is a whole one, which waits for the check.
   */
  parseAhead(): void {
    if (!this.file || !this.parsed || this.parsed.errors.length > 0 || !this.span) return;
    this.parse(this.file);
  }
}

export class WorkerDocuments {
  private readonly docs = new Map<string, WorkerDocument>();

  get(uri: string): WorkerDocument | undefined {
    return this.docs.get(uri);
  }

  /** Applies a text update; false when the worker cannot (it needs the whole text). */
  apply(uri: string, sync: TextSync): boolean {
    let doc = this.docs.get(uri);
    if (!doc) {
      if (sync.kind !== 'full') return false;
      doc = new WorkerDocument(uri);
      this.docs.set(uri, doc);
    }
    return doc.apply(sync);
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }
}

/** Parsed bases kept in memory; a spec rarely has more than a few bases in play. */
const BASE_CACHE_SIZE = 8;

export class BaseModels {
  private readonly cache = new Map<string, { model: SpecModel } | { error: string }>();
  private readonly committedFiles = new CommittedFiles();

  get(key: string): { model: SpecModel } | { error: string } | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // most recently used last
      this.cache.set(key, hit);
    }
    return hit;
  }

  build(input: BaseInput & { text: string }): { model: SpecModel } | { error: string } {
    let entry: { model: SpecModel } | { error: string };
    try {
      entry = {
        model: loadModel(
          { text: input.text, file: input.file, external: this.committedFiles.at(input.repoRoot, input.commit, { file: input.file, text: input.text }).loader },
          'base',
        ),
      };
    } catch (e) {
      entry = { error: e instanceof SpecInputError ? `the base version cannot be compared: ${e.message}` : errorText(e) };
    }
    this.cache.set(input.key, entry);
    while (this.cache.size > BASE_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return entry;
  }

  keys(): string[] {
    return [...this.cache.keys()];
  }
}
