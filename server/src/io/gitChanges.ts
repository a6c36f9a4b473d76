// What changed in a repository since a base, by git's own blob comparison: the
// paths whose content differs (so unchanged specs are skipped without reading
// them), the files deleted, and renames (old -> new), which git detects by content.
import { firstLine, runGit } from './gitExec';
import { GitFailed } from './gitErrors';

export interface TreeChanges {
  /** Repository-relative paths whose content differs from the base: modified, added, renamed to, untracked. */
  changed: Set<string>;
  /** Paths that are new: added or untracked, and not the target of a rename. */
  added: Set<string>;
  /** Paths that were in the base and are gone (not renamed). */
  deleted: string[];
  /** Old path -> new path. */
  renamed: Map<string, string>;
}

/**
 * `commit`: the base commit; the revision is the work tree, or the index when `revision`
 * is 'index' (what a commit would record). With `commit` null the base is the index and
 * the revision the work tree.
 */
export async function changesSince(root: string, commit: string | null, revision: 'worktree' | 'index'): Promise<TreeChanges> {
  const args =
    commit === null
      ? ['diff-files', '-z', '--name-status']
      : ['diff-index', '-z', '--name-status', '-M', ...(revision === 'index' ? ['--cached'] : []), commit, '--'];
  const r = await runGit(root, args);
  if (r.code !== 0) throw new GitFailed([args[0]], firstLine(r.stderr));
  const out: TreeChanges = { changed: new Set(), added: new Set(), deleted: [], renamed: new Map() };
  const fields = r.stdout.toString('utf8').split('\0');
  for (let i = 0; i < fields.length - 1;) {
    const status = fields[i];
    if (status.startsWith('R') || status.startsWith('C')) {
      const [from, to] = [fields[i + 1], fields[i + 2]];
      if (status.startsWith('R')) out.renamed.set(from, to);
      out.changed.add(to);
      i += 3;
      continue;
    }
    const path = fields[i + 1];
    if (status === 'D') out.deleted.push(path);
    else {
      out.changed.add(path);
      if (status === 'A') out.added.add(path);
    }
    i += 2;
  }
  if (revision === 'worktree') {
    // Untracked files are new to git's comparison too (ignored ones are left out, as git does).
    const u = await runGit(root, ['ls-files', '-z', '--others', '--exclude-standard']);
    if (u.code !== 0) throw new GitFailed(['ls-files'], firstLine(u.stderr));
    for (const path of u.stdout.toString('utf8').split('\0')) {
      if (!path) continue;
      out.changed.add(path);
      out.added.add(path);
    }
  }
  return out;
}
