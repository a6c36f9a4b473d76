// Messages between the language server's main thread and its check worker
// (dist/checkWorker.js). Plain data only: they cross the thread boundary by
// structured clone. The main thread keeps the LSP connection, debounce, git and
// settings; the worker owns every parsed tree and model and does all the heavy
// work (parse, model, diff, diagnostics, fixes), so the main thread never blocks.
import type { Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { CheckOptions, Finding, Problem } from '../../engine/index';
import type { TextChange } from '../../workspace/revisionParser';
import type { CheckState } from '../../../../protocol/src/protocol';

/** How the worker gets a document's text: whole, or as the changes since the version it already has. */
export type TextSync =
  | { kind: 'full'; version: number; text: string }
  /** `length` is the text's length after the changes: a cheap guard against drifting apart. */
  | { kind: 'changes'; fromVersion: number; version: number; length: number; changes: TextChange[] };

export interface DocSync {
  uri: string;
  sync: TextSync;
}

/** An open document a multi-file spec may read (through a `$ref`) instead of the file on disk. */
export interface OpenDoc {
  path: string;
  uri: string;
  version: number;
}

/** The base of a check: parsed once in the worker and cached there by `key` (blob, path, commit). */
export interface BaseInput {
  key: string;
  file: string;
  repoRoot: string;
  /** null: the index (staged). */
  commit: string | null;
  /** Sent only when the worker does not have `key` yet. */
  text?: string;
}

export interface CheckRequest {
  type: 'check';
  id: number;
  uri: string;
  file: string;
  /** Where in the shared cancellation array this document's current token is; -1: none. */
  slot: number;
  token: number;
  version: number;
  /** The checked document first, then other open documents the worker mirrors. */
  syncs: DocSync[];
  openDocs: OpenDoc[];
  base: BaseInput;
  options: CheckOptions;
  /** False when the main thread dropped its last good check (e.g. the base went away): the worker forgets it too. */
  keepGood: boolean;
  docsUrl: string;
  baseLabel: string;
  /** The sunset setting of the spec's config: the quick fixes computed right after a good check need it. */
  sunset?: { key: string; date: string };
}

export interface CheckTimings {
  /** Building the base model (0 when cached): one-off, so not held against the performance budget. */
  baseMs: number;
  parseMs: number;
  modelMs: number;
  diffMs: number;
  totalMs: number;
}

export type CheckReply = (
  | {
      kind: 'good';
      version: number;
      findings: Finding[];
      problems: Problem[];
      findingDiagnostics: Diagnostic[];
      problemDiagnostics: Diagnostic[];
      /** Findings inside other files of a multi-file spec, per file URI. */
      external: [string, Diagnostic[]][];
      /** Files the revision read through `$ref`s: edits to them re-check this spec. */
      refFiles: string[];
      /** Hover snippets of findings whose base node is in another file (the main thread has only the root's base text): fingerprint, snippet. */
      externalSnippets: [string, string][];
      baseFormat: 'yaml' | 'json';
      timings: CheckTimings;
    }
  /** Syntax error, half-typed top level or no longer OpenAPI: the error plus the last good findings (stale). */
  | { kind: 'unparsable'; diagnostics: Diagnostic[]; state: CheckState; message: string; timings: CheckTimings }
  /** Not a spec, and never was one while open. */
  | { kind: 'silent' }
  | { kind: 'base-error'; reason: string }
  /** A newer check of the document was scheduled while this one ran: nothing to publish. */
  | { kind: 'superseded' }
  /** The worker lacks these documents' texts (or the base's): send them whole and ask again. */
  | { kind: 'resync'; uris: string[]; base: boolean }
  | { kind: 'failed'; message: string; stack?: string }
) & { baseKeys?: string[] };

export interface FixesRequest {
  type: 'fixes';
  id: number;
  uri: string;
  version: number;
  fingerprints: string[];
  sunset?: { key: string; date: string };
  /**
   * The file the findings are shown in: the spec `uri` itself, or a file it
   * references (schemas/pet.yaml), whose edits are computed from the copy the check
   * read. `version` is the editor's version of it; for a referenced file `sync`
   * brings the worker's copy of the buffer up to it, so the worker can prove the
   * buffer is the text the check read.
   */
  file: { path: string; uri: string; version: number; sync?: TextSync };
}

export interface FixOut {
  title: string;
  isPreferred?: boolean;
  edits: LspTextEdit[];
}

export type FixesReply =
  | { kind: 'fixes'; byFingerprint: Record<string, FixOut[]>; bump?: { to: string; edit: LspTextEdit } }
  /** The worker's trees are no longer those of `version`. */
  | { kind: 'stale' }
  | { kind: 'failed'; message: string; stack?: string };

/**
 * Edits as they arrive, before the typing debounce ends: the worker applies and
 * re-parses them while the editor waits, so the check after the pause starts from
 * a parsed text. No reply.
 */
export interface UpdateMessage {
  type: 'update';
  syncs: DocSync[];
}

export interface CloseMessage {
  type: 'close';
  uri: string;
}

export interface InitData {
  /** Int32 per document slot: the token of its current check; a running check whose token is no longer there stops. */
  cancel: SharedArrayBuffer;
}

export type ToWorker = CheckRequest | FixesRequest | UpdateMessage | CloseMessage;
/**
 * A reply, or (`id` 0) the quick fixes of a good check's findings, computed right
 * after it while its trees are current: a code action then needs no worker (which
 * may be busy checking another document for a second).
 */
export type FromWorker = { id: number; reply: CheckReply | FixesReply } | { id: 0; fixesAhead: FixesAhead };

export interface FixesAhead {
  uri: string;
  version: number;
  sunset?: { key: string; date: string };
  fixes: Extract<FixesReply, { kind: 'fixes' }>;
}
