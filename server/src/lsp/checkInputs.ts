// What a check compares with: the user's settings, the spec's .breakwater.yaml and
// the base they select. Only the first check after a git, settings or config change
// asks git (the resolvers cache). A .breakwater.yaml that cannot be used is reported
// on itself, and checks go on with the defaults meanwhile.
import type { Connection } from 'vscode-languageserver/node';
import type { CheckOptions } from '../engine/index';
import { fileUriOf } from '../io/fileUris';
import { parseBaseSelector, selectorText } from '../workspace/base/baseSelector';
import type { BaseOutcome, BaseResolver } from '../workspace/base/baseResolver';
import type { GitWatcher } from '../workspace/base/gitWatcher';
import type { ProjectConfig, ProjectConfigStore } from '../workspace/projectConfig';
import type { Settings, SettingsStore } from './settings';

export interface Inputs {
  base: BaseOutcome;
  options: CheckOptions;
  config: ProjectConfig;
  settings: Settings;
  /** Selector, base blob and options: a check with the same key (and text) would find the same. */
  inputKey: string;
}

export interface CheckInputsDeps {
  connection: Connection;
  settings: SettingsStore;
  bases: BaseResolver;
  configs: ProjectConfigStore;
  watcher: GitWatcher;
}

export class CheckInputs {
  /** .breakwater.yaml files shown an error (to clear it once they are fixed). */
  private readonly configErrors = new Set<string>();

  constructor(private readonly deps: CheckInputsDeps) {}

  /** Settings, config and base of the document `uri` (on disk at `file`). */
  async of(uri: string, file: string): Promise<Inputs> {
    const settings = await this.deps.settings.get(uri);
    const repo = await this.deps.bases.repoOf(file);
    if (repo) this.deps.watcher.watchRepo(repo);
    const config = this.deps.configs.forSpec(file, repo?.root);
    this.reportConfig(config);
    const selector = parseBaseSelector(settings.base || config.base);
    const base = await this.deps.bases.baseFor(file, selector);
    // Settings are the user's own, so they win over the team's .breakwater.yaml.
    const options: CheckOptions = { ...config.options, ruleLevels: { ...config.options.ruleLevels, ...settings.rules } };
    const inputKey = `${selectorText(selector)}|${base.kind === 'ok' ? base.blob : base.kind}|${JSON.stringify(options)}`;
    return { base, options, config, settings, inputKey };
  }

  /** A .breakwater.yaml that cannot be used gets a diagnostic on itself (defaults apply meanwhile). */
  private reportConfig(config: ProjectConfig): void {
    const uri = fileUriOf(config.path);
    if (config.error) {
      const line = Math.max(0, config.error.line - 1);
      const character = Math.max(0, config.error.column - 1);
      void this.deps.connection.sendDiagnostics({
        uri,
        diagnostics: [
          {
            range: { start: { line, character }, end: { line, character: character + 1 } },
            severity: 1,
            source: 'breakwater',
            code: 'config-error',
            message: `${config.error.message} (Breakwater ignores this file until it is fixed)`,
          },
        ],
      });
      this.configErrors.add(uri);
    } else if (this.configErrors.delete(uri)) void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
