// The language client: starts dist/server.js over IPC and syncs YAML and JSON
// files (the server decides from content which of them are OpenAPI specs).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'breakwater';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
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
    initializationOptions: { docsUrl: vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules.md'))).toString() },
    outputChannel: output,
  };
  return new LanguageClient(CLIENT_ID, 'Breakwater', serverOptions, clientOptions);
}
