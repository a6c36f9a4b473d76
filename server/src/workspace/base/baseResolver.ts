// Finds the base version of a spec. Two caches keep keystrokes away from git:
// which blob is the base of (file, selector) -- dropped when the repository moves
// (commit, checkout, stage) -- and the text per blob id, which survives base moves
// that do not change the file. The check worker parses it (and caches the model
// under `modelKey`), so reading a base never blocks the main thread.
import { dirname, sep } from 'node:path';
import { GitError, GitMissing } from '../../io/gitErrors';
import { selectorLabel, selectorText, type BaseSelector } from './baseSelector';
import type { GitAccess, RepoInfo } from './gitAccess';
import { resolveBase } from './resolveBase';

export type BaseOutcome =
  | {
      kind: 'ok';
      label: string;
      blob: string;
      text: string;
      /** The model's cache key in the worker: blob and path, plus the commit when other files are read through `$ref`s. */
      modelKey: string;
      /** null: the index (staged). Multi-file specs read their other files at this commit. */
      commit: string | null;
      repo: RepoInfo;
      basePath: string;
    }
  /** The file is not in the base (new, or untracked): nothing can have broken. */
  | { kind: 'absent'; label: string; repo: RepoInfo; reason: string }
  | { kind: 'no-repository'; label: string; reason: string }
  | { kind: 'error'; label: string; reason: string };

/** A base found in git; `commit` is null for the staged version. */
type Located = { kind: 'blob'; label: string; blob: string; commit: string | null; repo: RepoInfo; basePath: string } | Exclude<BaseOutcome, { kind: 'ok' }>;

interface CachedText {
  text: string;
  /** Models of multi-file specs also depend on the other files at their commit. */
  multiFile: boolean;
}

/** A `$ref` to another file (not `#/...`, not a URL) makes a spec multi-file. */
const FILE_REF = /\$ref["']?\s*:\s*["']?(?!#|[a-z][a-z0-9+.-]*:)[^\s"'#]/i;

/** Base texts kept in memory; a spec rarely has more than a few bases in play. */
const TEXT_CACHE_SIZE = 8;

export class BaseResolver {
  private readonly located = new Map<string, Promise<Located>>();
  private readonly texts = new Map<string, CachedText>();
  private readonly repos = new Map<string, Promise<RepoInfo | undefined>>();
  private gitMissing?: GitMissing;

  constructor(private readonly git: GitAccess) {}

  async baseFor(file: string, selector: BaseSelector): Promise<BaseOutcome> {
    const found = await this.locateOnce(file, selector);
    if (found.kind !== 'blob') return found;
    const { text, multiFile } = await this.text(found);
    const modelKey = `${found.blob}\0${file}\0${multiFile ? (found.commit ?? 'index') : ''}`;
    return { kind: 'ok', label: found.label, blob: found.blob, text, modelKey, commit: found.commit, repo: found.repo, basePath: found.basePath };
  }

  /** The raw base text of any file (a spec or a file it references), for the read-only base document. */
  async textFor(file: string, selector: BaseSelector): Promise<{ text: string; label: string } | undefined> {
    const found = await this.locateOnce(file, selector);
    if (found.kind !== 'blob') return undefined;
    return { text: await this.git.readBlob(found.repo.root, found.blob), label: found.label };
  }

  /** Where a file's base is, located once per file and selector (failures become an error outcome). */
  private locateOnce(file: string, selector: BaseSelector): Promise<Located> {
    const key = `${file}\0${selectorText(selector)}`;
    let pending = this.located.get(key);
    if (!pending) {
      pending = this.locate(file, selector).catch((e: unknown) => ({ kind: 'error' as const, label: selectorLabel(selector), reason: errorText(e) }));
      this.located.set(key, pending);
    }
    return pending;
  }

  /** The repository of a file (cached; undefined outside git). */
  repoOf(file: string): Promise<RepoInfo | undefined> {
    const dir = dirname(file);
    let pending = this.repos.get(dir);
    if (!pending) {
      pending = this.git.repoOf(dir).catch((e: unknown) => {
        // Without git there is no repository to find; say that, not "not inside a git repository".
        if (e instanceof GitMissing) this.gitMissing = e;
        return undefined;
      });
      this.repos.set(dir, pending);
    }
    return pending;
  }

  /** The repository moved (HEAD, index or refs changed): re-ask git which blob is the base. Parsed models stay. */
  invalidateRepo(root: string): void {
    const prefix = root.endsWith(sep) ? root : root + sep;
    for (const key of [...this.located.keys()]) if (key.startsWith(prefix)) this.located.delete(key);
  }

  invalidateAll(): void {
    this.located.clear();
    this.repos.clear();
  }

  private async locate(file: string, selector: BaseSelector): Promise<Located> {
    const repo = await this.repoOf(file);
    const label0 = selectorLabel(selector);
    if (!repo && this.gitMissing) return { kind: 'error', label: label0, reason: `${this.gitMissing.message}, so the committed version cannot be read` };
    if (!repo) return { kind: 'no-repository', label: label0, reason: 'the file is not inside a git repository' };
    const found = await resolveBase(this.git, repo.root, file, selector);
    if (found.kind === 'absent')
      return {
        kind: 'absent',
        label: found.label,
        repo,
        reason: found.why === 'no-commits' ? 'the repository has no commits yet' : `the file is new: it is not in ${found.label}`,
      };
    return { ...found, repo };
  }

  private async text(found: { blob: string; repo: RepoInfo }): Promise<CachedText> {
    const hit = this.texts.get(found.blob);
    if (hit) {
      this.texts.delete(found.blob); // re-insert: most recently used last
      this.texts.set(found.blob, hit);
      return hit;
    }
    const text = await this.git.readBlob(found.repo.root, found.blob);
    const entry = { text, multiFile: FILE_REF.test(text) };
    this.texts.set(found.blob, entry);
    while (this.texts.size > TEXT_CACHE_SIZE) this.texts.delete(this.texts.keys().next().value as string);
    return entry;
  }
}

export function errorText(e: unknown): string {
  if (e instanceof GitError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
