// The base side of a multi-file spec: the files its `$ref`s reach, as they are in a
// commit (or the index), read with git. One reader for the CLI and the editor's
// check worker. The engine's loader is synchronous and git is a child process, so
// the files the `$ref`s reach are read ahead, one git process per level of
// references, instead of one process per file when the model asks for them
// (seconds on a spec of thousands of files); anything the scan missed is read on
// demand. Only paths inside the repository are read, named by the absolute path
// they would have in the work tree so findings point at familiar paths.
import type { ExternalLoader } from '../../engine/index';
import { readFilesAtCommitSync } from '../../io/git';
import { MissingObject } from '../../io/gitErrors';
import { isInside, resolveRefTarget, toRepoPath } from '../../io/paths';
import { externalRefFiles } from '../../io/refScan';
import { parsedShared, type LoadedFile } from './sharedParses';

/** Parsed files kept per commit cache; a multi-file spec has a few hundred at most. */
const MAX_FILES = 2000;
/** Files read ahead for one base (texts only, kept until the model asks for them). */
const MAX_PREFETCH = 10_000;

/** The files of one base: its loader, and how many files it read from git (for --stats and tests). */
export interface CommitFiles {
  loader: ExternalLoader;
  filesRead(): number;
}

/** A commit is immutable, so its files are cached by object name across bases; the index is not. */
export class CommittedFiles {
  private readonly cache = new Map<string, LoadedFile | undefined>();

  /**
   * `commit` null: the index (staged). `entry`: the base spec's file and text, whose
   * `$ref`s are read ahead level by level.
   */
  at(repoRoot: string, commit: string | null, entry?: { file: string; text: string }): CommitFiles {
    // The index changes under the same name: within one base model it is read once per file, never across models.
    const cache = commit === null ? new Map<string, LoadedFile | undefined>() : this.cache;
    const oid = commit ?? ''; // `:path` names the index
    let read = 0;
    const texts = entry ? prefetch(repoRoot, oid, entry, (rel) => cache.has(`${oid}:${rel}`)) : new Map<string, string | undefined>();
    for (const text of texts.values()) if (text !== undefined) read++;
    const loader: ExternalLoader = (fromFile, relativePath) => {
      const path = resolveRefTarget(fromFile, relativePath);
      if (!isInside(repoRoot, path) || path === repoRoot) return undefined;
      const rel = toRepoPath(repoRoot, path);
      const object = `${oid}:${rel}`;
      if (cache.has(object)) return cache.get(object);
      let loaded: LoadedFile | undefined;
      try {
        let text: string | undefined;
        if (texts.has(rel)) {
          text = texts.get(rel);
          texts.delete(rel);
        } else {
          text = readFilesAtCommitSync(repoRoot, oid, [rel]).get(rel);
          if (text !== undefined) read++;
        }
        loaded = text === undefined ? undefined : parsedShared(text, path);
      } catch (e) {
        if (e instanceof MissingObject) throw e; // not "a file that is not there": the base cannot be read
        loaded = undefined;
      }
      cache.set(object, loaded);
      if (cache.size > MAX_FILES) cache.delete(cache.keys().next().value as string);
      return loaded;
    };
    return { loader, filesRead: () => read };
  }
}

/** Texts (by repository-relative path) of the files reachable from `entry`, read level by level; a miss is read later, singly. */
function prefetch(repoRoot: string, oid: string, entry: { file: string; text: string }, cached: (rel: string) => boolean): Map<string, string | undefined> {
  const texts = new Map<string, string | undefined>();
  const seen = new Set<string>([entry.file]);
  const targets = (from: string, text: string) =>
    externalRefFiles(text)
      .map((f) => resolveRefTarget(from, f))
      .filter((p) => isInside(repoRoot, p) && p !== repoRoot && !seen.has(p) && !cached(toRepoPath(repoRoot, p)) && seen.add(p));
  let frontier = targets(entry.file, entry.text);
  // The scan also finds files the model never reads (DigitalOcean's code samples), so the budget is well above
  // what one model loads; a level is cut to what is left of it rather than skipped (a skipped level means a git process per file).
  while (frontier.length > 0 && texts.size < MAX_PREFETCH) {
    frontier = frontier.slice(0, MAX_PREFETCH - texts.size);
    const rels = frontier.map((p) => toRepoPath(repoRoot, p));
    let read: Map<string, string | undefined>;
    try {
      read = readFilesAtCommitSync(repoRoot, oid, rels);
    } catch (e) {
      if (e instanceof MissingObject) throw e;
      return texts; // the single reads say what is wrong per file
    }
    const next: string[] = [];
    frontier.forEach((p, i) => {
      const text = read.get(rels[i]);
      texts.set(rels[i], text);
      if (text !== undefined) next.push(...targets(p, text));
    });
    frontier = next;
  }
  return texts;
}
