// Breakwater's VS Code extension: a thin client. It starts the language server,
// serves base documents, shows the status item and offers the commands. In an
// untrusted workspace it starts nothing (the server would run git there) and says so.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BaseDocuments } from './baseDocuments';
import { registerCommands } from './commands';
import { crashPolicy, createLanguageClient } from './languageClient';
import { BASE_SCHEME, StatusNotification, type StatusParams } from '../../protocol/src/protocol';
import { SessionBases } from './sessionBase';
import { idleItem, StatusItem } from './statusItem';
import { VIEW_SCHEME, Views } from './views';

const UNTRUSTED =
  'This workspace is not trusted, so Breakwater runs no git command and cannot read the committed version of your specs. Trust the workspace to enable breaking-change checks.';

let client: LanguageClient | undefined;

/** What activate() returns: read-only views for other extensions and the end-to-end tests. */
export interface BreakwaterApi {
  /** The last status the server reported for a document (base, counts, check time). */
  statusOf(uri: vscode.Uri): StatusParams | undefined;
  /** Whether the language server runs (false in an untrusted workspace). */
  isRunning(): boolean;
}

export async function activate(context: vscode.ExtensionContext): Promise<BreakwaterApi> {
  const output = vscode.window.createOutputChannel('Breakwater', { log: true });
  const status = new StatusItem();
  const baseDocs = new BaseDocuments(() => client);
  const labels = new Map<string, string>();
  const sessionBases = new SessionBases(context.workspaceState);
  const views = new Views(() => client);
  context.subscriptions.push(views, vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, views));
  context.subscriptions.push(output, status, baseDocs, vscode.workspace.registerTextDocumentContentProvider(BASE_SCHEME, baseDocs));
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => status.refresh()));

  const start = async () => {
    client = createLanguageClient(context, output, sessionBases);
    client.onNotification(StatusNotification, (s: StatusParams) => {
      const uri = vscode.Uri.parse(s.uri);
      if (labels.get(s.uri) !== s.baseLabel) {
        labels.set(s.uri, s.baseLabel);
        baseDocs.refresh(uri);
      }
      status.update(s);
    });
    await client.start();
  };

  context.subscriptions.push(
    ...registerCommands({
      client: () => client,
      restart: async () => {
        if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage(UNTRUSTED);
        crashPolicy.reset();
        if (client) await client.restart();
        else await start();
      },
      baseLabel: (uri) => labels.get(uri.toString()),
      sessionBases,
      views,
    }),
  );
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === 'file' && status.forget(d.uri.toString())));
  const api: BreakwaterApi = { statusOf: (uri) => status.status(uri.toString()), isRunning: () => !!client?.isRunning() };

  if (!vscode.workspace.isTrusted) {
    const idle = idleItem(UNTRUSTED);
    context.subscriptions.push(idle);
    output.appendLine(UNTRUSTED);
    context.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(async () => {
        idle.dispose();
        await start();
      }),
    );
    return api;
  }
  await start();
  return api;
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
