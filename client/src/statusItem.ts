// The language status item of OpenAPI documents: base in use, counts of breaking
// and possibly breaking changes, last check time; clicking it changes the base.
// On a file that only belongs to a spec (reached through `$ref`s) it names that
// spec: "part of openapi.yaml", with the counts of findings in this file.
import * as vscode from 'vscode';
import type { StatusParams } from '../../protocol/src/protocol';

const CHOOSE_BASE: vscode.Command = { title: 'Change base', command: 'breakwater.chooseBase', tooltip: 'Choose what this spec is compared with' };

/**
 * The language status popup is a narrow hover: a detail longer than this pushes
 * the item's link ("Change base") out of the window, so longer messages are cut
 * (the full text is in the Output channel and the diagnostics).
 */
export const MAX_DETAIL = 48;

function short(text: string): string {
  const line = text.split('\n')[0];
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

function fileName(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1);
}

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, StatusParams>();

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('breakwater.status', []);
    this.item.name = 'Breakwater';
    this.item.command = CHOOSE_BASE;
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
    // Hours and minutes: the seconds (and their room in the narrow popup) tell a user nothing a re-check would not.
    const time = new Date(s.checkedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    this.item.busy = s.state === 'checking';
    if (s.partOf?.length && s.state !== 'not-openapi') return this.showPartOf(s, s.partOf, time);
    this.item.command = CHOOSE_BASE;
    switch (s.state) {
      case 'ok':
        this.item.text = `$(git-compare) ${s.baseLabel}`;
        this.item.detail = `${breaking} breaking, ${possiblyBreaking} possibly breaking · ${time}`;
        this.item.severity =
          breaking > 0
            ? vscode.LanguageStatusSeverity.Error
            : possiblyBreaking > 0
              ? vscode.LanguageStatusSeverity.Warning
              : vscode.LanguageStatusSeverity.Information;
        break;
      case 'syntax-error':
        this.item.text = `$(warning) ${s.baseLabel}`;
        this.item.detail = `does not parse: last results shown`;
        this.item.severity = vscode.LanguageStatusSeverity.Warning;
        break;
      case 'new-file':
        this.item.text = `$(new-file) ${s.baseLabel}`;
        this.item.detail = short(s.message ?? 'new file: nothing to compare with');
        this.item.severity = vscode.LanguageStatusSeverity.Information;
        break;
      case 'too-large':
        // Not a fault: live checks stop above breakwater.maxFileSizeMB; the message says how to check it anyway.
        this.item.text = '$(circle-slash) too large to check live';
        this.item.detail = short(s.message ?? 'above breakwater.maxFileSizeMB');
        this.item.severity = vscode.LanguageStatusSeverity.Information;
        break;
      default:
        this.item.text = `$(circle-slash) ${s.baseLabel || 'no base'}`;
        this.item.detail = short(s.message ?? s.state);
        this.item.severity = s.state === 'no-repository' ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    }
    // A message cut to fit the popup is whole in the link's tooltip.
    if (s.message && s.message !== this.item.detail) this.item.command = { ...CHOOSE_BASE, tooltip: s.message };
    if (s.overBudget) this.showOverBudget(s.overBudget);
  }

  /** A referenced file: the root specs it belongs to, how they compare, and what was found in this file. */
  private showPartOf(s: StatusParams, roots: NonNullable<StatusParams['partOf']>, time: string): void {
    const { breaking, possiblyBreaking } = s.counts;
    const names = roots.map((r) => fileName(r.uri));
    this.item.text = `$(references) part of ${names[0]}${names.length > 1 ? ` +${names.length - 1}` : ''}`;
    // The roots and their bases are in the tooltip: the detail stays one short line (the popup is narrow).
    this.item.detail = `${breaking} breaking, ${possiblyBreaking} possibly breaking here · ${time}`;
    if (s.state === 'syntax-error') this.item.detail = `${names[0]} does not parse: last results shown`;
    this.item.severity =
      breaking > 0
        ? vscode.LanguageStatusSeverity.Error
        : possiblyBreaking > 0 || s.state === 'syntax-error'
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    // The base is chosen per spec: clicking opens the root spec, where it can be changed.
    const rootList = roots.map((r, i) => `${names[i]} (${r.baseLabel || r.state})`).join(', ');
    this.item.command = {
      title: `Open ${names[0]}`,
      command: 'vscode.open',
      arguments: [vscode.Uri.parse(roots[0].uri)],
      tooltip: `Root spec${roots.length > 1 ? 's' : ''}: ${rootList}`,
    };
  }

  /** Like eslint's time budget: a check slower than `breakwater.performance.budgetMs` is a warning that names the file. */
  private showOverBudget(slow: NonNullable<StatusParams['overBudget']>): void {
    const name = slow.file.slice(Math.max(slow.file.lastIndexOf('/'), slow.file.lastIndexOf('\\')) + 1);
    this.item.text = this.item.text.replace(/^\$\([^)]*\)/, '$(watch)');
    this.item.detail = `slow: ${slow.checkMs} ms (budget ${slow.budgetMs} ms)`;
    // The full story (which file, which setting) is one hover away, on the link.
    this.item.command = {
      ...(this.item.command ?? CHOOSE_BASE),
      tooltip: `Checking ${name} took ${slow.checkMs} ms, over breakwater.performance.budgetMs (${slow.budgetMs} ms)`,
    };
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
