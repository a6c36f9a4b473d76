// Where the shared corpus of real specs is: /work/shared/corpus seen from the main
// checkout (out/test/x -> ../../../../shared) or from a worktree one level deeper.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export function corpusDir(): string | undefined {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'corpus');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Every file under `dir` (recursively) whose name ends with `ext`. */
export function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : [],
  );
}
