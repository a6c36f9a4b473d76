// Helpers for scenarios that run inside the real extension host. Rule of thumb: the
// workbench (in the browser) and the extension host see state at different moments, so
// every assertion about editor state polls with waitFor() instead of checking once.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';

export { makeGitWorkspace, makeCodeWorkspaceFile, type GitWorkspace, type FileMap } from './gitWorkspace';

/** `publisher.name` from the root package.json. */
export const EXTENSION_ID = 'breakwater.breakwater';
/** `source` of every Breakwater diagnostic (DESIGN.md). */
export const DIAGNOSTIC_SOURCE = 'breakwater';

/** Repository root, from out/e2e/suite/ (compiled) back to the checkout. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Text of a file in test/e2e/fixtures/. */
export function fixture(name: string): string {
  return readFileSync(resolve(REPO_ROOT, 'test', 'e2e', 'fixtures', name), 'utf8');
}

export interface WaitOptions {
  /** Milliseconds before giving up (default 20 s, or $BREAKWATER_E2E_WAIT_MS). */
  timeout?: number;
  /** Milliseconds between polls (default 100). */
  interval?: number;
  /** What was awaited, for the failure message. */
  message?: string;
  /** Extra detail for the failure message, computed at timeout. */
  describe?: () => unknown | Promise<unknown>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls `predicate` until it returns a truthy value, and returns that value. A predicate that
 * throws counts as "not yet" (the last error is reported on timeout).
 */
export async function waitFor<T>(predicate: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? Number(process.env.BREAKWATER_E2E_WAIT_MS || 20_000);
  const interval = options.interval ?? 100;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  let last: T | undefined;
  for (;;) {
    try {
      last = await predicate();
      if (last) return last as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) break;
    await sleep(interval);
  }
  let detail = '';
  if (options.describe) {
    try {
      detail = `\n  state: ${JSON.stringify(await options.describe())}`;
    } catch (err) {
      detail = `\n  state: (describe threw ${String(err)})`;
    }
  }
  const lastText = lastError
    ? `\n  last error: ${lastError instanceof Error ? lastError.stack : String(lastError)}`
    : `\n  last value: ${JSON.stringify(last)}`;
  throw new Error(`Timed out after ${timeout} ms waiting for ${options.message ?? 'condition'}${lastText}${detail}`);
}

/** The Breakwater extension (fails the test when it is not loaded at all). */
export function breakwaterExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (is the development path the repo root?)`);
  return ext;
}

/** What the extension's activate() returns (client/src/extension.ts BreakwaterApi), as the tests see it. */
export interface BreakwaterApi {
  statusOf(uri: vscode.Uri):
    | {
        state: string;
        baseLabel: string;
        counts: { breaking: number; possiblyBreaking: number; info: number };
        message?: string;
        /** On a file reached through `$ref`s: the root specs it belongs to (protocol/src/protocol.ts StatusParams.partOf). */
        partOf?: { uri: string; state: string; baseLabel: string }[];
      }
    | undefined;
  isRunning(): boolean;
}

/** The extension's API (waits for activation). */
export async function breakwaterApi(): Promise<BreakwaterApi> {
  const ext = await waitForActivation();
  const api = ext.exports as BreakwaterApi | undefined;
  assert.ok(api && typeof api.statusOf === 'function', 'activate() returns { statusOf, isRunning }');
  return api;
}

/** Waits until Breakwater is active; on timeout reports why activate() fails, if it does. */
export async function waitForActivation(timeout = 30_000): Promise<vscode.Extension<unknown>> {
  const ext = breakwaterExtension();
  await waitFor(() => ext.isActive, {
    timeout,
    message: `${EXTENSION_ID} to activate`,
    describe: async () => {
      try {
        await ext.activate();
        return { isActive: ext.isActive };
      } catch (err) {
        return { activateThrew: err instanceof Error ? err.stack : String(err) };
      }
    },
  });
  return ext;
}

/** Opens a file in an editor and returns its document. */
export async function openDocument(file: string | vscode.Uri): Promise<vscode.TextDocument> {
  const uri = typeof file === 'string' ? vscode.Uri.file(file) : file;
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Breakwater's diagnostics for a document, as the extension host sees them. */
export function breakwaterDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** Waits until Breakwater's diagnostics for `uri` satisfy `predicate`, and returns them. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  options: WaitOptions = {},
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const diags = breakwaterDiagnostics(uri);
      return predicate(diags) ? diags : undefined;
    },
    {
      message: `breakwater diagnostics on ${uri.fsPath}`,
      describe: () => breakwaterDiagnostics(uri).map((d) => ({ code: codeOf(d), line: d.range.start.line + 1, message: d.message })),
      ...options,
    },
  );
}

/** The rule id of a diagnostic (`code` may be a string or `{value, target}`). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/**
 * Polls the code-action provider until an action matches `predicate`. The workbench gets the
 * markers a moment after the extension host, and early requests can return [] or throw
 * "Canceled" (pitfall 8 of vscode-e2e.md), so a single request is not enough.
 */
export async function waitForCodeAction(
  uri: vscode.Uri,
  range: vscode.Range,
  predicate: (a: vscode.CodeAction) => boolean,
  options: WaitOptions & { kind?: string } = {},
): Promise<vscode.CodeAction> {
  let seen: string[] = [];
  return waitFor(
    async () => {
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          uri,
          range,
          options.kind ?? vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      const codeActions = actions.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
      seen = codeActions.map((a) => a.title);
      return codeActions.find(predicate);
    },
    { message: `a code action on ${uri.fsPath}:${range.start.line + 1}`, describe: () => ({ titles: seen }), ...options },
  );
}

/** Replaces the whole text of an open document through a WorkspaceEdit (like typing). */
export async function setDocumentText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
}

/** 0-based line of the first line containing `needle`. */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`"${needle}" not found in ${doc.uri.fsPath}`);
}

/** Closes all editors (use in afterEach to keep scenarios independent). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Root of the first workspace folder opened by scripts/e2e.mjs. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (scripts/e2e.mjs passes one)');
  return folder.uri.fsPath;
}

/** `git rev-parse --short=7 HEAD` of the repository holding `dir` (what the base label shows). */
export function shortHead(dir: string): string {
  return execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

/** Breakwater's last status for a document, as the status item shows it (base, counts, state). */
export type BreakwaterStatus = NonNullable<ReturnType<BreakwaterApi['statusOf']>>;

/**
 * Waits until the server has checked `uri` and reports state `ok` with the given counts
 * (unspecified counts are not checked), and returns that status.
 */
export async function waitForStatus(
  uri: vscode.Uri,
  want: { state?: string; breaking?: number; possiblyBreaking?: number },
  options: WaitOptions = {},
): Promise<BreakwaterStatus> {
  const api = await breakwaterApi();
  return waitFor(
    () => {
      const s = api.statusOf(uri);
      if (!s || s.state !== (want.state ?? 'ok')) return undefined;
      if (want.breaking !== undefined && s.counts.breaking !== want.breaking) return undefined;
      if (want.possiblyBreaking !== undefined && s.counts.possiblyBreaking !== want.possiblyBreaking) return undefined;
      return s;
    },
    { message: `status of ${uri.fsPath} to be ${JSON.stringify(want)}`, describe: () => api.statusOf(uri), ...options },
  );
}
