// Custom messages between the Breakwater client and server, beyond plain LSP.
// One module for both sides: the client (client/) and the language server
// (server/) import it through a TypeScript project reference, and esbuild bundles
// it into each, so a field cannot be added on one side only. Plain data and
// constants: it imports nothing, so neither side pulls in the other's code.

/** URI scheme of the read-only documents that show a spec as it is in the base. */
export const BASE_SCHEME = 'breakwater-base';

/** Request: the base text behind a `breakwater-base:` URI. */
export const BaseContentRequest = 'breakwater/baseContent';
export interface BaseContentParams {
  uri: string;
}
export interface BaseContentResult {
  text: string;
  /** e.g. "HEAD 3f2a1c0". */
  label: string;
}

/** Notification (server -> client) after every check of a document. */
export const StatusNotification = 'breakwater/status';
export type CheckState = 'ok' | 'checking' | 'syntax-error' | 'new-file' | 'no-repository' | 'no-base' | 'error' | 'not-openapi' | 'too-large';
export interface StatusParams {
  uri: string;
  state: CheckState;
  /** The base in use, e.g. "HEAD 3f2a1c0", "staged", "merge-base origin/main 1a2b3c4". */
  baseLabel: string;
  /** Breaking (error) and possibly breaking (warning) findings, and changelog entries (info). */
  counts: { breaking: number; possiblyBreaking: number; info: number };
  /** ISO time of the last completed check. */
  checkedAt: string;
  durationMs: number;
  /** One line for the user when something is off (syntax error, git missing, ...). */
  message?: string;
  /**
   * Set when the check took longer than `breakwater.performance.budgetMs` (reading
   * and parsing a new base is not counted: it happens once per base). The status
   * item turns into a warning that names the file and the time.
   */
  overBudget?: { file: string; checkMs: number; budgetMs: number };
  /** The wait after the last keystroke before this check started (it adapts to how long the document's checks take); absent when no typing started it. */
  debounceMs?: number;
  /**
   * Set on a file that is no spec itself but is reached through `$ref`s from the
   * root specs listed here (checked in the background when they are not open).
   * `state`, `baseLabel` and `message` are then those of the first root, and
   * `counts` are the findings that live in this file.
   */
  partOf?: { uri: string; state: CheckState; baseLabel: string }[];
}

/** Request: a Markdown report of every change (breaking or not) of a spec against its base. */
export const ReportRequest = 'breakwater/report';
export interface ReportParams {
  uri: string;
}
export interface ReportResult {
  markdown: string;
}

/** Request: branches and tags of the document's repository, for the "choose base" quick pick. */
export const RefsRequest = 'breakwater/refs';
export interface RefsParams {
  uri: string;
}
export interface RefsResult {
  branches: string[];
  remoteBranches: string[];
  tags: string[];
  /** Current branch name, or null when HEAD is detached. */
  head: string | null;
}
