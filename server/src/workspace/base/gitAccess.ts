// The git questions the language server asks. Refs, merge-bases and renames come
// from the shared I/O layer (server/src/io/git.ts); what the server needs beyond
// it -- blob ids, so parsed bases are cached per (blob, path) and keystrokes never
// read git, and the git directories to watch -- is asked here through the same
// hardened runner (no shell; repository config cannot start programs).
import { isAbsolute, join } from 'node:path';
import { firstLine, isMissingObject, runGit } from '../../io/gitExec';
import { GitFailed, MissingObject } from '../../io/gitErrors';
import { basePathOf, mergeBase, resolveRef } from '../../io/git';

export interface RepoInfo {
  root: string;
  /** Where HEAD and index live (differs from commonDir in a linked worktree). */
  gitDir: string;
  /** Where refs and packed-refs live. */
  commonDir: string;
}

export interface RefList {
  branches: string[];
  remoteBranches: string[];
  tags: string[];
  head: string | null;
}

export interface GitAccess {
  /** The repository containing a directory, or undefined when there is none. */
  repoOf(dir: string): Promise<RepoInfo | undefined>;
  /** Full commit id of a ref; throws UnknownRef / NoCommitsYet. */
  resolveCommit(root: string, ref: string): Promise<string>;
  mergeBase(root: string, a: string, b: string): Promise<string>;
  /** Blob id of a repository-relative path in a commit, or in the index when commit is null; undefined when absent. */
  blobAt(root: string, commit: string | null, relPath: string): Promise<string | undefined>;
  readBlob(root: string, blob: string): Promise<string>;
  /** The path a file had in `commit` when git sees a (staged) rename to `relPath`. */
  renamedFrom(root: string, commit: string, relPath: string): Promise<string | undefined>;
  refs(root: string): Promise<RefList>;
}

export class SafeGit implements GitAccess {
  async repoOf(dir: string): Promise<RepoInfo | undefined> {
    const r = await runGit(dir, ['rev-parse', '--show-toplevel', '--git-dir', '--git-common-dir']);
    if (r.code !== 0) return undefined;
    const [root, gitDir, commonDir] = r.stdout.toString('utf8').trim().split('\n');
    if (!root) return undefined;
    const abs = (p: string) => (isAbsolute(p) ? p : join(dir, p));
    return { root, gitDir: abs(gitDir), commonDir: abs(commonDir ?? gitDir) };
  }

  resolveCommit(root: string, ref: string): Promise<string> {
    return resolveRef(root, ref);
  }

  async mergeBase(root: string, a: string, b: string): Promise<string> {
    const oid = await mergeBase(root, a, b);
    if (!oid) throw new GitFailed(['merge-base'], `${a} and ${b} have no common history`);
    return oid;
  }

  async blobAt(root: string, commit: string | null, relPath: string): Promise<string | undefined> {
    if (commit === null) {
      const r = await runGit(root, ['ls-files', '--stage', '-z', '--', `:(literal)${relPath}`]);
      const line = r.stdout
        .toString('utf8')
        .split('\0')
        .find((l) => l.endsWith(`\t${relPath}`));
      // "<mode> <blob> <stage>\t<path>"; a conflicted file has stages 1-3 and no stage 0: no single staged version.
      const m = line ? /^\d+ ([0-9a-f]+) 0\t/.exec(line) : null;
      return m ? m[1] : undefined;
    }
    const r = await runGit(root, ['ls-tree', '-z', commit, '--', `:(literal)${relPath}`]);
    const entry = r.stdout
      .toString('utf8')
      .split('\0')
      .find((l) => l.endsWith(`\t${relPath}`));
    const m = entry ? /^\d+ blob ([0-9a-f]+)\t/.exec(entry) : null;
    return m ? m[1] : undefined;
  }

  async readBlob(root: string, blob: string): Promise<string> {
    const r = await runGit(root, ['cat-file', 'blob', blob]);
    // The tree names the blob but the object database lacks it: a partial or shallow clone, or a damaged .git.
    if (r.code !== 0 && isMissingObject(r.stderr)) throw new MissingObject('the base version', `blob ${blob.slice(0, 12)}`);
    if (r.code !== 0) throw new GitFailed(['cat-file'], firstLine(r.stderr));
    return r.stdout.toString('utf8');
  }

  async renamedFrom(root: string, commit: string, relPath: string): Promise<string | undefined> {
    return basePathOf(root, commit, relPath).catch(() => undefined);
  }

  async refs(root: string): Promise<RefList> {
    const r = await runGit(root, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes', 'refs/tags']);
    const names = r.code === 0 ? r.stdout.toString('utf8').split('\n').filter(Boolean) : [];
    const head = await runGit(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
    return {
      branches: names.filter((n) => n.startsWith('refs/heads/')).map((n) => n.slice(11)),
      remoteBranches: names.filter((n) => n.startsWith('refs/remotes/') && !n.endsWith('/HEAD')).map((n) => n.slice(13)),
      tags: names.filter((n) => n.startsWith('refs/tags/')).map((n) => n.slice(10)),
      head: head.code === 0 ? head.stdout.toString('utf8').trim() : null,
    };
  }
}
