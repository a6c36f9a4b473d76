// The commands: choose base, compare with base, show all changes, restart server; and the rule
// explanation that hover links open.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DidChangeConfigurationNotification } from 'vscode-languageclient/node';
import { baseUriOf } from './baseDocuments';
import type { SessionBases } from './sessionBase';
import { EXPLAIN_RULE_COMMAND, RULE_VIEW_URL, RefsRequest, type RefsParams } from '../../protocol/src/protocol';
import type { Views } from './views';

export interface CommandEnv {
  client: () => LanguageClient | undefined;
  restart: () => Promise<void>;
  baseLabel: (uri: vscode.Uri) => string | undefined;
  sessionBases: SessionBases;
  views: Views;
}

export function registerCommands(env: CommandEnv): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('breakwater.chooseBase', (uri?: vscode.Uri) => chooseBase(env, uri ?? activeSpec())),
    vscode.commands.registerCommand('breakwater.compareWithBase', (uri?: vscode.Uri) => compareWithBase(env, uri ?? activeSpec())),
    vscode.commands.registerCommand('breakwater.showAllChanges', (uri?: vscode.Uri) => showAllChanges(env, uri ?? activeSpec())),
    vscode.commands.registerCommand('breakwater.restartServer', () => env.restart()),
    vscode.commands.registerCommand(EXPLAIN_RULE_COMMAND, (rule: unknown) =>
      // The same view the diagnostic's rule link opens.
      typeof rule === 'string'
        ? vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(RULE_VIEW_URL.replace('{rule}', encodeURIComponent(rule))))
        : undefined,
    ),
  ];
}

function activeSpec(): vscode.Uri | undefined {
  return vscode.window.activeTextEditor?.document.uri;
}

interface BasePick extends vscode.QuickPickItem {
  value?: string;
  custom?: boolean;
}

async function chooseBase(env: CommandEnv, uri: vscode.Uri | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('breakwater', uri);
  const current = (uri && env.sessionBases.get(uri)) ?? config.get<string>('base') ?? '';
  const refs =
    uri && env.client()
      ? await env
          .client()!
          .sendRequest(RefsRequest, { uri: uri.toString() } satisfies RefsParams)
          .catch(() => undefined)
      : undefined;
  const upstream = ['origin/main', 'origin/master', 'main', 'master'].filter((b) => refs?.remoteBranches.includes(b) || refs?.branches.includes(b));
  const items: BasePick[] = [
    { label: 'HEAD', description: 'last commit (default)', value: '' },
    { label: 'Staged', description: 'the version in the index (git add)', value: 'staged' },
    ...upstream.map((b) => ({ label: `Merge-base with ${b}`, description: 'what this branch changed', value: `merge-base:${b}` })),
    { label: 'Branches', kind: vscode.QuickPickItemKind.Separator },
    ...(refs?.branches ?? []).map((b) => ({ label: b, description: b === refs?.head ? 'current branch' : undefined, value: b })),
    ...(refs?.remoteBranches ?? []).map((b) => ({ label: b, value: b })),
    { label: 'Tags', kind: vscode.QuickPickItemKind.Separator },
    ...(refs?.tags ?? []).map((t) => ({ label: t, value: t })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: 'Enter a branch, tag or commit…', custom: true },
  ];
  for (const i of items) if (i.value !== undefined && i.value === current) i.description = `${i.description ? i.description + ' · ' : ''}in use`;
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Breakwater: compare this spec with…',
    placeHolder: `In use: ${(uri && env.baseLabel(uri)) || current || 'HEAD'}`,
  });
  if (!pick) return;
  let value = pick.value;
  if (pick.custom) {
    value = await vscode.window.showInputBox({
      title: 'Base ref',
      prompt: 'A branch, tag or commit; "merge-base:<ref>" for the merge-base with HEAD; "staged" for the index',
      value: current,
    });
    if (value === undefined) return;
  }
  await keepBase(env, uri, config, value ?? '');
}

interface KeepPick extends vscode.QuickPickItem {
  save: boolean;
}

/**
 * Where the choice is kept, asked every time: for this session (the default,
 * nothing is written into the user's repository) or saved in the settings
 * (.vscode/settings.json of the folder, which the user may commit).
 */
async function keepBase(env: CommandEnv, uri: vscode.Uri | undefined, config: vscode.WorkspaceConfiguration, value: string): Promise<void> {
  // Resource-scoped: in a multi-root workspace each folder keeps its own base.
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  const target = folder
    ? vscode.ConfigurationTarget.WorkspaceFolder
    : vscode.workspace.workspaceFolders?.length
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  const where =
    target === vscode.ConfigurationTarget.Global
      ? 'user settings'
      : target === vscode.ConfigurationTarget.Workspace
        ? 'workspace settings'
        : `.vscode/settings.json of ${folder!.name}`;
  const shown = value || 'HEAD';
  const keep = await vscode.window.showQuickPick<KeepPick>(
    [
      {
        label: 'For this session',
        description: 'nothing is written to your files',
        detail: `Compare with ${shown} until you choose again (kept by VS Code for this workspace).`,
        save: false,
      },
      {
        label: target === vscode.ConfigurationTarget.Global ? 'Save in user settings' : 'Save in workspace settings',
        description: `writes breakwater.base to ${where}`,
        detail: `Compare with ${shown} for everyone who uses these settings.`,
        save: true,
      },
    ],
    { title: `Breakwater: compare with ${shown}: keep it…` },
  );
  if (!keep) return;
  if (keep.save) {
    if (uri) await env.sessionBases.set(uri, undefined);
    await config.update('base', value || undefined, target);
  } else if (uri) {
    await env.sessionBases.set(uri, value);
  }
  // The server pulls `breakwater.base` again (the session choice is laid over the settings by the client).
  await env.client()?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
}

async function compareWithBase(env: CommandEnv, uri: vscode.Uri | undefined): Promise<void> {
  if (!uri || uri.scheme !== 'file') return void vscode.window.showInformationMessage('Breakwater: open an OpenAPI spec from a git repository first.');
  const name = uri.path.replace(/^.*\//, '');
  await vscode.commands.executeCommand('vscode.diff', baseUriOf(uri), uri, `${name} (${env.baseLabel(uri) ?? 'base'}) ↔ ${name}`);
}

async function showAllChanges(env: CommandEnv, uri: vscode.Uri | undefined): Promise<void> {
  const client = env.client();
  if (!uri || !client) return void vscode.window.showInformationMessage('Breakwater: open an OpenAPI spec first.');
  await env.views.showChanges(uri);
}
