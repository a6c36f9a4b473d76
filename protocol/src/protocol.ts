// Custom messages between the Breakwater client and server, beyond plain LSP.
// One module for both sides: the client (client/) and the language server
// (server/) import it through a TypeScript project reference, and esbuild bundles
// it into each, so a field cannot be added on one side only. Each message is a typed
// object (`new NotificationType<StatusParams>(...)`) that the client, the server and
// the test client all use, so a handler cannot take other params than are sent. It
// imports only the message types of the LSP protocol package, so neither side pulls
// in the other's code.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** URI scheme of the read-only documents that show a spec as it is in the base. */
export const BASE_SCHEME = 'breakwater-base';

export interface BaseContentParams {
  uri: string;
}
export interface BaseContentResult {
  text: string;
  /** e.g. "HEAD 3f2a1c0". */
  label: string;
}
/** Request: the base text behind a `breakwater-base:` URI (null when there is none). */
export const BaseContentRequest = new RequestType<BaseContentParams, BaseContentResult | null, void>('breakwater/baseContent');

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
/** Notification (server -> client) after every check of a document. */
export const StatusNotification = new NotificationType<StatusParams>('breakwater/status');

export interface ReportParams {
  uri: string;
}
export interface ReportResult {
  markdown: string;
}
/** Request: a Markdown report of every change (breaking or not) of a spec against its base. */
export const ReportRequest = new RequestType<ReportParams, ReportResult, void>('breakwater/report');

export interface RuleExplanationParams {
  /** A rule id (or a former id). */
  rule: string;
}
export interface RuleExplanationResult {
  markdown: string;
}
/** Request: one rule's explanation (what changed, who breaks, example, safe alternative) as Markdown. */
export const RuleExplanationRequest = new RequestType<RuleExplanationParams, RuleExplanationResult, void>('breakwater/ruleExplanation');

/**
 * What VS Code passes as `docsUrl` in initializationOptions: diagnostics link to each
 * rule's explanation as a read-only view the client serves (no file, no network).
 */
export const RULE_VIEW_URL = 'breakwater-view:/rules/{rule}.md';

/** The client command that opens a rule's explanation view (hover links run it: editors do not open other schemes from hovers). */
export const EXPLAIN_RULE_COMMAND = 'breakwater.explainRule';
/**
 * What VS Code passes as `hoverDocsUrl`: hover's link to the rule's explanation, a command link
 * (`command:<id>?<JSON arguments, URI-encoded>`) that VS Code runs only because the client trusts this one command.
 */
export const RULE_HOVER_URL = `command:${EXPLAIN_RULE_COMMAND}?%5B%22{rule}%22%5D`;

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
/** Request: branches and tags of the document's repository, for the "choose base" quick pick. */
export const RefsRequest = new RequestType<RefsParams, RefsResult, void>('breakwater/refs');
