// Read-only Markdown views served by the language server: "Show All Changes"
// (`breakwater-view:/changes/<name>.md?<spec uri>`) and each rule's explanation
// (`breakwater-view:/rules/<rule id>.md`, where diagnostics link to: no file, no
// network). Virtual documents: the editor shows them read-only and never asks
// to save them, unlike an untitled buffer.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest, RuleExplanationRequest, type ReportParams, type RuleExplanationParams } from '../../protocol/src/protocol';

export const VIEW_SCHEME = 'breakwater-view';

export class Views implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const client = this.client();
    if (!client) return '# Breakwater is not running\n\nStart it with *Breakwater: Restart Language Server*.\n';
    if (uri.path.startsWith('/changes/')) {
      const report = await client.sendRequest(ReportRequest, { uri: uri.query } satisfies ReportParams);
      return report.markdown;
    }
    const rule = /^\/rules\/(.+)\.md$/.exec(uri.path)?.[1];
    if (rule) return (await client.sendRequest(RuleExplanationRequest, { rule: decodeURIComponent(rule) } satisfies RuleExplanationParams)).markdown;
    return `# Nothing here\n\n\`${uri.toString()}\` is not a Breakwater view.\n`;
  }

  /** The report of all changes of `spec`, opened (or re-read when already open) beside the spec. */
  async showChanges(spec: vscode.Uri): Promise<void> {
    const name = spec.path.slice(spec.path.lastIndexOf('/') + 1);
    const uri = vscode.Uri.from({ scheme: VIEW_SCHEME, path: `/changes/${name} — all changes.md`, query: spec.toString() });
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
