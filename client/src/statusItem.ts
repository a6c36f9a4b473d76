// The language status item of OpenAPI documents: base in use, counts of breaking
// and possibly breaking changes, last check time; clicking it changes the base.
import * as vscode from 'vscode';
import type { StatusParams } from './protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, StatusParams>();

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('breakwater.status', []);
    this.item.name = 'Breakwater';
    this.item.command = { title: 'Change base', command: 'breakwater.chooseBase', tooltip: 'Choose what this spec is compared with' };
  }

  update(status: StatusParams): void {
    this.byUri.set(status.uri, status);
    this.render();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
    this.render();
  }

  status(uri: string): StatusParams | undefined {
    return this.byUri.get(uri);
  }

  /** Shown only on documents the server treats as specs (a language status item is selected by document filters). */
  private render(): void {
    const specs = [...this.byUri.values()].filter((s) => s.state !== 'not-openapi');
    this.item.selector = specs.map((s) => {
      // A RelativePattern matches exactly this file, whatever glob characters its path contains ({, [, *).
      const uri = vscode.Uri.parse(s.uri);
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      return { scheme: 'file', pattern: new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name.replace(/[[\]{}*?]/g, '[$&]')) };
    });
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const s = (active && this.byUri.get(active)) || specs[specs.length - 1];
    if (!s) return;
    const { breaking, possiblyBreaking } = s.counts;
    const time = new Date(s.checkedAt).toLocaleTimeString();
    this.item.busy = s.state === 'checking';
    switch (s.state) {
      case 'ok':
        this.item.text = `$(git-compare) ${s.baseLabel}`;
        this.item.detail = `${breaking} breaking, ${possiblyBreaking} possibly breaking · checked ${time} (${s.durationMs} ms)`;
        this.item.severity = breaking > 0 ? vscode.LanguageStatusSeverity.Error : possiblyBreaking > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
        break;
      case 'syntax-error':
        this.item.text = `$(warning) ${s.baseLabel}`;
        this.item.detail = `does not parse; showing the last results (${breaking} breaking) · ${time}`;
        this.item.severity = vscode.LanguageStatusSeverity.Warning;
        break;
      case 'new-file':
        this.item.text = `$(new-file) ${s.baseLabel}`;
        this.item.detail = s.message ?? 'new file: nothing to compare with';
        this.item.severity = vscode.LanguageStatusSeverity.Information;
        break;
      case 'too-large':
        // Not a fault: live checks stop above breakwater.maxFileSizeMB; the message says how to check it anyway.
        this.item.text = '$(circle-slash) too large to check live';
        this.item.detail = s.message ?? 'above breakwater.maxFileSizeMB';
        this.item.severity = vscode.LanguageStatusSeverity.Information;
        break;
      default:
        this.item.text = `$(circle-slash) ${s.baseLabel || 'no base'}`;
        this.item.detail = s.message ?? s.state;
        this.item.severity = s.state === 'no-repository' ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    }
    if (s.overBudget) this.showOverBudget(s.overBudget);
  }

  /** Like eslint's time budget: a check slower than `breakwater.performance.budgetMs` is a warning that names the file. */
  private showOverBudget(slow: NonNullable<StatusParams['overBudget']>): void {
    const name = slow.file.slice(Math.max(slow.file.lastIndexOf('/'), slow.file.lastIndexOf('\\')) + 1);
    this.item.text = this.item.text.replace(/^\$\([^)]*\)/, '$(watch)');
    this.item.detail = `${this.item.detail} · slow: checking ${name} took ${slow.checkMs} ms (budget ${slow.budgetMs} ms, breakwater.performance.budgetMs)`;
    if (this.item.severity === vscode.LanguageStatusSeverity.Information) this.item.severity = vscode.LanguageStatusSeverity.Warning;
  }

  refresh(): void {
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Shown instead in an untrusted workspace, where no server (and no git) runs. */
export function idleItem(reason: string): vscode.LanguageStatusItem {
  const item = vscode.languages.createLanguageStatusItem('breakwater.idle', [{ language: 'yaml' }, { language: 'json' }, { language: 'jsonc' }]);
  item.name = 'Breakwater';
  item.text = '$(workspace-untrusted) Breakwater idle';
  item.detail = reason;
  item.severity = vscode.LanguageStatusSeverity.Warning;
  item.command = { title: 'Manage workspace trust', command: 'workbench.trust.manage' };
  return item;
}
