// Notices when the base may have moved: a commit, checkout, reset, fetch or
// `git add` rewrites HEAD, the index or a ref. Watches the git directories with
// fs.watch (works in every editor); clients that forward file events through
// workspace/didChangeWatchedFiles reach the same `touch` entry point.
import { watch, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';
import type { RepoInfo } from './gitAccess';

/** Files whose change can move a base; lock files and objects are noise. */
const RELEVANT = /(^|[\\/])(HEAD|index|packed-refs|ORIG_HEAD|FETCH_HEAD|MERGE_HEAD)$|(^|[\\/])refs([\\/]|$)/;
const DEBOUNCE_MS = 150;

export class GitWatcher {
  private readonly watchers = new Map<string, FSWatcher[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly repos = new Map<string, RepoInfo>();

  constructor(
    private readonly onMoved: (root: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  watchRepo(repo: RepoInfo): void {
    if (this.watchers.has(repo.root)) return;
    this.repos.set(repo.root, repo);
    const list: FSWatcher[] = [];
    const add = (dir: string, recursive: boolean, prefix: string) => {
      try {
        const w = watch(dir, { persistent: false, recursive }, (_event, name) => {
          const file = `${prefix}${name ? String(name) : ''}`;
          if (!name || (RELEVANT.test(file) && !file.endsWith('.lock'))) this.touch(repo.root);
        });
        w.on('error', () => undefined);
        list.push(w);
      } catch (e) {
        this.log(`cannot watch ${dir}: ${(e as Error).message}`);
      }
    };
    add(repo.gitDir, false, '');
    if (repo.commonDir !== repo.gitDir) add(repo.commonDir, false, '');
    add(join(repo.commonDir, 'refs'), true, `refs${sep}`);
    this.watchers.set(repo.root, list);
  }

  /** Something in a repository changed (also called for forwarded file events under .git). */
  touch(root: string): void {
    const t = this.timers.get(root);
    if (t) clearTimeout(t);
    this.timers.set(
      root,
      setTimeout(() => {
        this.timers.delete(root);
        this.onMoved(root);
      }, DEBOUNCE_MS),
    );
  }

  /** The repository a path under a .git directory belongs to, for forwarded file events. */
  repoOfGitPath(path: string): string | undefined {
    for (const repo of this.repos.values()) {
      if (path.startsWith(repo.gitDir + sep) || path === repo.gitDir || path.startsWith(repo.commonDir + sep)) return repo.root;
    }
    return undefined;
  }

  dispose(): void {
    for (const list of this.watchers.values()) for (const w of list) w.close();
    for (const t of this.timers.values()) clearTimeout(t);
    this.watchers.clear();
    this.timers.clear();
  }
}
