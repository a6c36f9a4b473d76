// `breakwater init --from oasdiff|optic [FILE]`: writes .breakwater.yaml (at the repository
// root, else here) from another tool's settings, and says line by line what it carried over
// and what it could not. It never overwrites a configuration.
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONFIG_NAMES, findWorkTreeRoot, parseConfig } from '../../../config/index';
import { UsageError } from '../../args';
import { InputError } from '../../inputFiles';
import { draftYaml } from './draft';
import { findOasdiffConfig, fromOasdiff } from './fromOasdiff';
import { findOpticConfig, fromOptic } from './fromOptic';

export type InitSource = 'oasdiff' | 'optic';

export function runInit(from: InitSource, fileArg: string | undefined, cwd: string): string {
  const root = findWorkTreeRoot(cwd) ?? cwd;
  const found = fileArg
    ? resolve(cwd, fileArg)
    : from === 'oasdiff'
      ? (findOasdiffConfig(cwd) ?? findOasdiffConfig(root))
      : (findOpticConfig(cwd) ?? findOpticConfig(root));
  if (!found)
    throw new UsageError(
      `no ${from === 'oasdiff' ? '.oasdiff.yaml' : 'optic.yml'} here or at the repository root; name the file: breakwater init --from ${from} FILE`,
    );
  const existing = CONFIG_NAMES.map((n) => join(root, n)).find((f) => existsSync(f));
  if (existing)
    throw new InputError(`${relative(cwd, existing) || existing} already exists; init never overwrites it (move it away, run init, then merge the two)`);
  const draft = from === 'oasdiff' ? fromOasdiff(found) : fromOptic(found);
  const target = join(root, CONFIG_NAMES[0]);
  const text = draftYaml(draft, from);
  parseConfig(text, target); // what init writes must be a configuration Breakwater reads
  writeFileSync(target, text, { flag: 'wx' });
  const out = [`wrote ${relative(cwd, target) || target} from ${relative(cwd, found) || found}`];
  if (draft.carried.length) out.push('', 'carried over:', ...draft.carried.map((l) => `  + ${l}`));
  if (draft.notCarried.length) out.push('', 'not carried over:', ...draft.notCarried.map((l) => `  - ${l}`));
  return out.join('\n') + '\n';
}
