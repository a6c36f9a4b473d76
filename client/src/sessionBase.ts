// The base chosen "for this session": kept in the workspace state (VS Code's
// storage for this workspace, outside the user's repository), never written to
// .vscode/settings.json. The server reads the base from `breakwater.base` with
// workspace/configuration; the client answers those requests with the session
// choice laid over the settings, so the server needs no second source of truth.
import * as vscode from 'vscode';
import type { ConfigurationParams, ConfigurationRequest } from 'vscode-languageclient/node';

const KEY = 'breakwater.sessionBases';

export class SessionBases {
  constructor(private readonly state: vscode.Memento) {}

  /** The session base for `uri` (its workspace folder's, or its own without a folder); undefined: none chosen. */
  get(uri: vscode.Uri): string | undefined {
    return this.all()[scopeOf(uri)];
  }

  /** `value` '' is HEAD (an explicit choice, still laid over the settings); undefined clears the session choice. */
  async set(uri: vscode.Uri, value: string | undefined): Promise<void> {
    const all = { ...this.all() };
    if (value === undefined) delete all[scopeOf(uri)];
    else all[scopeOf(uri)] = value;
    await this.state.update(KEY, all);
  }

  /** Middleware for workspace/configuration: `breakwater.base` of a scope with a session choice is that choice. */
  readonly configuration: ConfigurationRequest.MiddlewareSignature = async (params: ConfigurationParams, token, next) => {
    const result = await next(params, token);
    if (!Array.isArray(result)) return result;
    return result.map((value: unknown, i) => {
      const item = params.items[i];
      if (item?.section !== 'breakwater' || !item.scopeUri) return value;
      const base = this.get(vscode.Uri.parse(item.scopeUri));
      return base === undefined ? value : { ...(value && typeof value === 'object' ? value : {}), base };
    });
  };

  private all(): Record<string, string> {
    return this.state.get<Record<string, string>>(KEY) ?? {};
  }
}

/** Resource-scoped like the setting: in a multi-root workspace each folder keeps its own base. */
function scopeOf(uri: vscode.Uri): string {
  return (vscode.workspace.getWorkspaceFolder(uri)?.uri ?? uri).toString();
}
