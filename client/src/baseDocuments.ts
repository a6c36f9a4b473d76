// Read-only `breakwater-base:` documents: the spec as it is in the base, served
// by the language server. Refreshed when the base of the file moves.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BASE_SCHEME, BaseContentRequest, type BaseContentParams } from '../../protocol/src/protocol';

export class BaseDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const client = this.client();
    if (!client) return '# Breakwater is not running, so the base version cannot be shown.\n';
    const result = await client.sendRequest(BaseContentRequest, { uri: uri.toString() } satisfies BaseContentParams);
    return result ? result.text : '# This file has no base version (new file, no repository, or an unknown ref).\n';
  }

  /** The base of `fileUri` moved: documents showing it re-read. */
  refresh(fileUri: vscode.Uri): void {
    this.changed.fire(baseUriOf(fileUri));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function baseUriOf(fileUri: vscode.Uri): vscode.Uri {
  return fileUri.with({ scheme: BASE_SCHEME });
}
