// Which version of a file is its base: the one place that turns a selector ("HEAD",
// "main", "merge-base:origin/main", "staged") into a commit (null for the index) and
// the blob of the file there, following a rename made since (committed or staged).
// The CLI's `check` (one spec, or every spec of the repository) and the editor's
// BaseResolver all ask it, so a `base:` in .breakwater.yaml means the same in both.
import { NoCommitsYet } from '../../io/gitErrors';
import { toRepoPath } from '../../io/paths';
import { selectorLabel, type BaseSelector } from './baseSelector';
import type { GitAccess } from './gitAccess';

export type ResolvedBase =
  /** `commit` is null for the staged version; `basePath` (repository-relative) differs from the file's after a rename. */
  | { kind: 'blob'; label: string; blob: string; commit: string | null; basePath: string }
  /** Nothing can have broken: the repository has no commits yet, or the file is not in the base. */
  | { kind: 'absent'; label: string; why: 'no-commits' | 'new-file' };

/** The commit a selector names; null for the index (staged). Throws NoCommitsYet, UnknownRef, GitFailed (no common history). */
export function commitOf(git: GitAccess, repoRoot: string, selector: BaseSelector): Promise<string | null> {
  if (selector.kind === 'staged') return Promise.resolve(null);
  return selector.kind === 'merge-base' ? git.mergeBase(repoRoot, 'HEAD', selector.ref) : git.resolveCommit(repoRoot, selector.ref);
}

/** Throws UnknownRef, GitFailed (e.g. no common history for a merge-base) and GitMissing. */
export async function resolveBase(git: GitAccess, repoRoot: string, file: string, selector: BaseSelector): Promise<ResolvedBase> {
  let commit: string | null;
  try {
    commit = await commitOf(git, repoRoot, selector);
  } catch (e) {
    if (e instanceof NoCommitsYet) return { kind: 'absent', label: selectorLabel(selector), why: 'no-commits' };
    throw e;
  }
  const label = selectorLabel(selector, commit ?? undefined);
  const rel = toRepoPath(repoRoot, file);
  let basePath = rel;
  let blob = await git.blobAt(repoRoot, commit, rel);
  if (!blob && commit) {
    const old = await git.renamedFrom(repoRoot, commit, rel);
    if (old) {
      basePath = old;
      blob = await git.blobAt(repoRoot, commit, old);
    }
  }
  if (!blob) return { kind: 'absent', label, why: 'new-file' };
  return { kind: 'blob', label, blob, commit, basePath };
}
