// A minimal LSP client for integration tests: starts the real dist/server.js over
// stdio, answers the server's requests like an editor would, and records what the
// server publishes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StatusNotification, type StatusParams } from '../../protocol/src/protocol';

export type { StatusParams };

export const SERVER_JS = resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

type Waiter = { check: () => boolean; resolve: () => void };

export interface ClientOptions {
  /** The server's environment (default: this process's), e.g. a PATH without git. */
  env?: NodeJS.ProcessEnv;
  /** Node options for the server process, e.g. ['--require', preload]. */
  execArgv?: string[];
  /** The client's `workspace.workspaceEdit` capability (default: documentChanges with file creation, as VS Code). */
  workspaceEdit?: Record<string, unknown>;
  /** Sent as `initializationOptions` (VS Code's client sends `docsUrl`). */
  initializationOptions?: Record<string, unknown>;
}

export class TestClient {
  private readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly docs = new Map<string, TextDocument>();
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publication per URI, in arrival order (to prove stale results never overtake fresh ones). */
  readonly publications = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses = new Map<string, StatusParams>();
  /** Every status per URI, in arrival order. */
  readonly statusLog = new Map<string, StatusParams[]>();
  /** Settings returned for workspace/configuration, per section "breakwater". */
  settings: Record<string, unknown> = {};
  readonly log: string[] = [];
  /** Edits the server asked the editor to apply on its own: there must never be any (fixes are code actions the user picks). */
  readonly applyEditRequests: unknown[] = [];
  private waiters: Waiter[] = [];
  private stderr = '';

  constructor(private readonly options: ClientOptions = {}) {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run "npm run build" first`);
    this.child = spawn(process.execPath, [...(options.execArgv ?? []), SERVER_JS, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.publications.set(p.uri, [...(this.publications.get(p.uri) ?? []), p]);
      this.poke();
    });
    this.connection.onNotification(StatusNotification, (p) => {
      this.statuses.set(p.uri, p);
      this.statusLog.set(p.uri, [...(this.statusLog.get(p.uri) ?? []), p]);
      this.poke();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => void this.log.push(p.message));
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/applyEdit', (p: unknown) => {
      this.applyEditRequests.push(p);
      return { applied: false, failureReason: 'the test client applies no edit it did not choose' };
    });
    this.connection.listen();
  }

  async initialize(rootUri: string | null): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      initializationOptions: this.options.initializationOptions,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: this.options.workspaceEdit ?? { documentChanges: true, resourceOperations: ['create'] },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          synchronization: { didSave: true },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  open(uri: string, text: string, languageId = uri.endsWith('.json') ? 'json' : 'yaml'): void {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** What the server wrote to stderr (nothing, normally: its output goes through the connection). */
  get stderrText(): string {
    return this.stderr;
  }

  /** How the server process ended, or undefined while it runs. */
  get exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? undefined : { code: this.child.exitCode, signal: this.child.signalCode };
  }

  /** The server's process id (to watch its memory). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  text(uri: string): string {
    return this.doc(uri).getText();
  }

  version(uri: string): number {
    return this.doc(uri).version;
  }

  /** Replaces the whole text, as one change event. */
  setText(uri: string, text: string): void {
    const old = this.doc(uri);
    const doc = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.docs.set(uri, doc);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
  }

  /** Applies ranged edits to an open document and sends them as incremental changes. */
  edit(uri: string, edits: TextEdit[]): void {
    const old = this.doc(uri);
    const text = TextDocument.applyEdits(old, edits);
    const doc = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.docs.set(uri, doc);
    // Sent back to front so every range refers to the text as it is when that change applies.
    const sorted = [...edits].sort((a, b) => old.offsetAt(b.range.start) - old.offsetAt(a.range.start));
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: doc.version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  save(uri: string): void {
    writeFileSync(fileURLToPath(uri), this.text(uri));
    void this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): void {
    this.docs.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  changeSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Applies a WorkspaceEdit like an editor with auto-save: open documents get didChange, other files are written and reported as watched-file events. */
  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const fileEvents: { uri: string; type: number }[] = [];
    const applyTo = (uri: string, edits: TextEdit[]) => {
      if (this.docs.has(uri)) return this.edit(uri, edits);
      const path = fileURLToPath(uri);
      const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
      writeFileSync(path, TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, before), edits));
      fileEvents.push({ uri, type: 2 });
    };
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) applyTo(uri, edits);
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unsupported resource operation ${change.kind}`);
        const path = fileURLToPath(change.uri);
        mkdirSync(dirname(path), { recursive: true });
        if (!existsSync(path)) writeFileSync(path, '');
        fileEvents.push({ uri: change.uri, type: 1 });
      } else applyTo(change.textDocument.uri, change.edits as TextEdit[]);
    }
    if (fileEvents.length) void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: fileEvents });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params);
  }

  /** Waits until the latest diagnostics for `uri`, published for its current version, satisfy `predicate`. */
  async waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, message = 'diagnostics', timeoutMs = 15_000): Promise<Diagnostic[]> {
    const ok = () => {
      const p = this.diagnostics.get(uri);
      return !!p && p.version === this.version(uri) && predicate(p.diagnostics);
    };
    await this.waitUntil(
      ok,
      timeoutMs,
      () =>
        `${message}; last: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => `${d.code}@${d.range.start.line}: ${d.message}`))} (published for v${this.diagnostics.get(uri)?.version}, document v${this.version(uri)})`,
    );
    return this.diagnostics.get(uri)!.diagnostics;
  }

  async waitForStatus(uri: string, predicate: (s: StatusParams) => boolean, timeoutMs = 15_000): Promise<StatusParams> {
    await this.waitUntil(
      () => {
        const s = this.statuses.get(uri);
        return !!s && predicate(s);
      },
      timeoutMs,
      () => `status; last: ${JSON.stringify(this.statuses.get(uri))}`,
    );
    return this.statuses.get(uri)!;
  }

  waitUntil(check: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${describe()}\nserver stderr: ${this.stderr.slice(-2000)}\nserver log: ${this.log.slice(-20).join('\n')}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolvePromise();
        },
      };
      this.waiters.push(waiter);
    });
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }

  private doc(uri: string): TextDocument {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`${uri} is not open`);
    return d;
  }

  async dispose(): Promise<void> {
    const exited = new Promise<void>((done) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return done();
      this.child.once('exit', () => done());
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server is already gone
    }
    const killer = setTimeout(() => this.child.kill(), 2000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}
