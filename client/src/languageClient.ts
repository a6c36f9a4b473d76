// The language client: starts dist/server.js over IPC and syncs YAML and JSON
// files (the server decides from content which of them are OpenAPI specs).
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CrashPolicy } from './crashPolicy';
import type { SessionBases } from './sessionBase';
import { EXPLAIN_RULE_COMMAND, RULE_HOVER_URL, RULE_VIEW_URL } from '../../protocol/src/protocol';

export const CLIENT_ID = 'breakwater';

/** One policy for the whole session: "restarted" is said once, however often the client is re-created. */
export const crashPolicy = new CrashPolicy();

/** Restarts a crashed server and says so once (see crashPolicy.ts); the library's default would restart silently. */
function errorHandler(output: vscode.LogOutputChannel): ErrorHandler {
  return {
    // As the library's default: a few broken messages are tolerated, a stream of them stops the connection.
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const decision = crashPolicy.closed();
      output.warn(`the language server stopped unexpectedly; ${decision.action === 'restart' ? 'restarting it' : 'not restarting it again'}`);
      if (decision.action === 'stop') return { action: CloseAction.DoNotRestart, message: decision.notify };
      if (decision.notify) void vscode.window.showWarningMessage(decision.notify);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, sessionBases: SessionBases): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
    ],
    synchronize: {
      // .breakwater.yaml edits made outside the editor (git pull, another tool).
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.breakwater.{yaml,yml}'),
    },
    // Each diagnostic links to its rule's explanation, a read-only view this extension serves (views.ts);
    // hover links run the one command that opens it (a hover drops links of other schemes).
    initializationOptions: { docsUrl: RULE_VIEW_URL, hoverDocsUrl: RULE_HOVER_URL },
    markdown: { isTrusted: { enabledCommands: [EXPLAIN_RULE_COMMAND] } },
    outputChannel: output,
    // A base chosen "for this session" answers for `breakwater.base` (sessionBase.ts).
    middleware: { workspace: { configuration: sessionBases.configuration } },
    errorHandler: errorHandler(output),
  };
  return new LanguageClient(CLIENT_ID, 'Breakwater', serverOptions, clientOptions);
}
