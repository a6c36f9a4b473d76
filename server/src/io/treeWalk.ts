// Lists the YAML and JSON files under a folder, for finding the OpenAPI root specs
// of a repository. Bounded, because it runs in the language server on whatever
// tree a user opens: dependency and VCS folders are skipped, symbolic links are
// never followed (a link could lead out of the repository or into a loop), and
// the walk stops after a fixed number of entries.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface WalkLimits {
  /** Directory entries looked at, in total; beyond this the listing is cut short. */
  maxEntries: number;
  /** YAML/JSON files returned. */
  maxFiles: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxEntries: 50_000, maxFiles: 10_000 };

/** Folders that hold no specs of this repository but can hold very many files. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', 'bower_components', '.venv', '__pycache__']);
const SPEC_FILE = /\.(ya?ml|json)$/i;

export interface WalkResult {
  files: string[];
  /** True when a limit cut the listing short (some roots may be missed). */
  truncated: boolean;
}

export async function walkSpecFiles(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): Promise<WalkResult> {
  const files: string[] = [];
  let entries = 0;
  // Breadth first: a spec near the top of the tree is found even when a deep folder exhausts the budget.
  const queue = [root];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    let list;
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable: nothing to find there
    }
    for (const entry of list) {
      if (++entries > limits.maxEntries || files.length >= limits.maxFiles) return { files, truncated: true };
      // Dirent types come from readdir itself (no stat), and a symbolic link is neither a file nor a directory here.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) queue.push(join(dir, entry.name));
      } else if (entry.isFile() && SPEC_FILE.test(entry.name)) files.push(join(dir, entry.name));
    }
  }
  return { files, truncated: false };
}
