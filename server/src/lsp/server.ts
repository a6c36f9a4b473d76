// Wires the language server: document sync, checks, quick fixes, hover, and the
// custom requests the Breakwater client uses (base documents, report, refs).
import { existsSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeResult,
  type TextDocumentChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BaseResolver } from '../workspace/base/baseResolver';
import { parseBaseSelector } from '../workspace/base/baseSelector';
import { SafeGit, type GitAccess } from '../workspace/base/gitAccess';
import { GitWatcher } from '../workspace/base/gitWatcher';
import { fileUriOfBase } from './baseUri';
import { fileUriOf, fsPathOf } from '../io/fileUris';
import { CheckRunner } from './checks';
import { codeActions } from './codeActions';
import { createConfig, CREATE_CONFIG_COMMAND } from './createConfigCommand';
import { hoverOf } from './hover';
import { isConfigPath, ProjectConfigStore } from '../workspace/projectConfig';
import {
  BaseContentRequest,
  RefsRequest,
  ReportRequest,
  RuleExplanationRequest,
  type BaseContentParams,
  type BaseContentResult,
  type RefsParams,
  type RefsResult,
  type ReportParams,
  type ReportResult,
  type RuleExplanationParams,
  type RuleExplanationResult,
} from '../../../protocol/src/protocol';
import { reportMarkdown } from './report';
import { explainRule, rulesNamed } from '../engine/index';
import { RootIndexes } from '../workspace/roots/rootIndex';
import { SettingsStore } from './settings';
import { DocumentSync } from './worker/docSync';
import { CheckWorker } from './worker/workerClient';

export const SERVER_VERSION = '0.1.0';

export function startServer(connection: Connection, git: GitAccess = new SafeGit()): void {
  // Edits are recorded as they arrive, so the check worker gets them instead of whole texts.
  const sync = new DocumentSync();
  const documents = new TextDocuments<TextDocument>({ create: TextDocument.create, update: sync.update });
  let pullConfig = false;
  let canCreateFiles = false;
  let versionedEdits = false;
  let watchRegistration = false;
  let initOptions: unknown;
  const log = (message: string) => connection.console.log(message);
  // dist/server.js sits next to docs/ in the extension and in the checkout; a client may point elsewhere.
  const docsUrl = () => (initOptions as { docsUrl?: string } | undefined)?.docsUrl ?? fileUriOf(resolve(__dirname, '..', 'docs', 'rules.md'));
  // Hover's link, when the client needs another form of it there (VS Code: a command link; see RULE_HOVER_URL).
  const hoverDocsUrl = () => (initOptions as { hoverDocsUrl?: string } | undefined)?.hoverDocsUrl ?? docsUrl();

  const settings = new SettingsStore(
    connection,
    () => pullConfig,
    () => (initOptions as { settings?: unknown } | undefined)?.settings,
  );
  const openDoc = (path: string) => documents.all().find((d) => fsPathOf(d.uri) === path);
  const bases = new BaseResolver(git);
  const configs = new ProjectConfigStore((path) => openDoc(path)?.getText());
  const worker = new CheckWorker(workerPath(), log, () => checks.workerRestarted());
  // Which root specs reach a referenced file; open buffers win over the disk, as in checks.
  const rootIndex = new RootIndexes((path) => {
    const doc = openDoc(path);
    return doc ? { text: doc.getText(), version: doc.version } : undefined;
  }, log);
  const watcher = new GitWatcher((root) => {
    bases.invalidateRepo(root);
    rootIndex.repoChanged(root); // a checkout or reset rewrites files no editor event reports
    checks.recheck((path) => path.startsWith(root + sep));
  }, log);
  const checks = new CheckRunner({ connection, documents, settings, bases, configs, watcher, log, docsUrl, worker, sync, rootIndex });
  const openedVersion = new Map<string, number>();

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    pullConfig = !!caps.workspace?.configuration;
    const we = caps.workspace?.workspaceEdit;
    canCreateFiles = !!we?.documentChanges && (we.resourceOperations ?? []).includes('create');
    versionedEdits = !!we?.documentChanges;
    watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    initOptions = params.initializationOptions;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        executeCommandProvider: { commands: [CREATE_CONFIG_COMMAND] },
      },
      serverInfo: { name: 'breakwater', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (pullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'breakwater' });
    // Editors that watch files for us report config edits made outside the editor; .git is watched by the server itself.
    // YAML and JSON files: the root index (which specs reach a referenced file) and background roots follow changes made outside the editor.
    if (watchRegistration)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.breakwater.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml,json}' }],
      });
  });

  const configChanged = () => {
    configs.invalidate();
    checks.recheck(() => true, true);
  };

  type DocEvent = TextDocumentChangeEvent<TextDocument>;
  documents.onDidOpen((e: DocEvent) => {
    openedVersion.set(e.document.uri, e.document.version);
    checks.opened(e.document);
  });
  documents.onDidChangeContent((e: DocEvent) => {
    if (openedVersion.get(e.document.uri) === e.document.version) return; // the open itself, already scheduled
    const path = fsPathOf(e.document.uri);
    if (path && isConfigPath(path)) return configChanged();
    void checks.changed(e.document);
  });
  documents.onDidSave((e: DocEvent) => checks.saved(e.document));
  documents.onDidClose((e: DocEvent) => {
    openedVersion.delete(e.document.uri);
    const path = fsPathOf(e.document.uri);
    if (path && isConfigPath(path)) configChanged(); // unsaved edits are gone: back to the file on disk
    checks.closed(e.document.uri, e.document.getText());
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    checks.recheck(() => true, true);
  });

  connection.onDidChangeWatchedFiles((params: DidChangeWatchedFilesParams) => {
    for (const change of params.changes) {
      const path = fsPathOf(change.uri);
      if (!path) continue;
      if (isConfigPath(path)) configChanged();
      const root = watcher.repoOfGitPath(path);
      if (root) watcher.touch(root);
      else checks.roots.fileChanged(change.uri, change.type !== FileChangeType.Changed);
    }
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const env = {
        canCreateFiles,
        documents,
        readFile,
        worker,
        sync,
        versionedEdits,
        backgroundText: (uri: string, version: number) => checks.roots.backgroundText(uri, version),
      };
      // The findings on screen in this file: its own check's, and those root specs that reference it show here.
      return await codeActions(params, doc, checks.shown, env);
    } catch (e) {
      log(`code actions failed: ${(e as Error).stack ?? String(e)}`);
      return [];
    }
  });

  connection.onExecuteCommand((params) => {
    if (params.command !== CREATE_CONFIG_COMMAND) return null;
    const problem = createConfig(params.arguments?.[0]);
    if (problem) void connection.window.showErrorMessage(`Breakwater: ${problem}`);
    else configChanged();
    return null;
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return hoverOf(checks.shown.onLine(doc.uri, doc.version, params.position.line), hoverDocsUrl());
  });

  connection.onRequest(BaseContentRequest, async (params: BaseContentParams): Promise<BaseContentResult | null> => {
    const fileUri = fileUriOfBase(params.uri) ?? params.uri;
    const path = fsPathOf(fileUri);
    if (!path) return null;
    const good = checks.state(fileUri)?.lastGood;
    if (good) return { text: good.base.text, label: good.base.label };
    const repo = await bases.repoOf(path);
    const selector = parseBaseSelector((await settings.get(fileUri)).base || configs.forSpec(path, repo?.root).base);
    return (await bases.textFor(path, selector)) ?? null;
  });

  connection.onRequest(RuleExplanationRequest, (params: RuleExplanationParams): RuleExplanationResult => {
    const ids = rulesNamed(String(params?.rule ?? ''));
    if (ids.length === 0) return { markdown: `# Unknown rule\n\n\`${String(params?.rule)}\` is not a Breakwater rule (see \`breakwater rules\`).\n` };
    return { markdown: ids.map((id) => explainRule(id).markdown).join('\n') };
  });

  connection.onRequest(ReportRequest, (params: ReportParams): ReportResult => {
    const state = checks.state(params.uri);
    const name = params.uri.replace(/^.*\//, '');
    if (state?.lastGood) return { markdown: reportMarkdown(state.lastGood, decodeURIComponent(name)) };
    const why = state?.lastStatus?.message ?? 'the document has not been checked yet (is it an OpenAPI or Swagger document?)';
    return { markdown: `# ${decodeURIComponent(name)}\n\nNo comparison available: ${why}.\n` };
  });

  connection.onRequest(RefsRequest, async (params: RefsParams): Promise<RefsResult> => {
    const path = fsPathOf(params.uri);
    const repo = path ? await bases.repoOf(path) : undefined;
    if (!repo) return { branches: [], remoteBranches: [], tags: [], head: null };
    return git.refs(repo.root);
  });

  connection.onShutdown(() => {
    watcher.dispose();
    worker.dispose();
  });
  documents.listen(connection);
  connection.listen();
}

/** dist/checkWorker.js next to dist/server.js; worker/checkWorker.js when run from the TypeScript output. */
function workerPath(): string {
  const bundled = resolve(__dirname, 'checkWorker.js');
  return existsSync(bundled) ? bundled : resolve(__dirname, 'worker', 'checkWorker.js');
}

function readFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
