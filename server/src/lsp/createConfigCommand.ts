// The command behind "Accept" for clients whose workspace edits cannot create files (no
// `workspace.workspaceEdit.documentChanges`, e.g. Neovim 0.7): the server writes the new
// .breakwater.yaml itself. It only ever creates a configuration file that does not exist yet,
// with text the shared config parser accepts, so a client cannot use it to write anything else.
import { writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { configTextIsValid, isConfigPath } from '../workspace/projectConfig';

export const CREATE_CONFIG_COMMAND = 'breakwater.createConfig';

export interface CreateConfigArgs {
  path: string;
  text: string;
}

/** Creates the file; returns what went wrong in one line, or undefined when it was written. */
export function createConfig(args: unknown): string | undefined {
  const { path, text } = (args ?? {}) as Partial<CreateConfigArgs>;
  if (typeof path !== 'string' || typeof text !== 'string') return `${CREATE_CONFIG_COMMAND} needs { path, text }`;
  if (!isAbsolute(path) || !isConfigPath(path)) return `${CREATE_CONFIG_COMMAND} only creates .breakwater.yaml files (got ${path})`;
  if (!configTextIsValid(text, path)) return `${CREATE_CONFIG_COMMAND}: the text is not a valid Breakwater configuration`;
  try {
    writeFileSync(path, text, { flag: 'wx' }); // never overwrites
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EEXIST' ? `${path} already exists (run the quick fix again to add to it)` : `could not create ${path}: ${(e as Error).message}`;
  }
}
