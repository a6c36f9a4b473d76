// Which OpenAPI root specs of a repository reach a file through `$ref`s (directly
// or through other referenced files). Opening `schemas/pet.yaml` needs it to find
// `openapi.yaml` when that is not open, so its findings can be shown on the file.
//
// The index is built once per repository from a bounded walk (see treeWalk.ts):
// each YAML/JSON file is read once to learn whether it is a root (a top-level
// `openapi`/`swagger` key anywhere in the text: specs may sort their keys) and
// which files it references (a regex scan, no parse). Afterwards only the files
// reported as changed are read again: open buffers (which win over the disk) on
// every edit, watched files, and everything after a git operation (checkout).
import { realpath } from 'node:fs/promises';
import { externalRefFiles } from '../../io/refScan';
import { isInside, resolveRefTarget } from '../../io/paths';
import { readFileInside, statStamp } from '../../io/safeRead';
import { DEFAULT_WALK_LIMITS, walkSpecFiles, type WalkLimits } from '../../io/treeWalk';
import { isSpecText } from '../specDetection';

/** What a file contributes to the index; `stamp` says which text it was learned from. */
interface FileFacts {
  stamp: string;
  isRoot: boolean;
  /** Absolute paths of the files its `$ref`s name, inside the repository. */
  refs: string[];
}

/** An open buffer: its text is what the editor shows, not what is on disk. */
export type OpenText = (path: string) => { text: string; version: number } | undefined;

export interface IndexLimits extends WalkLimits {
  /** Larger files are neither roots nor read for their references (the live check refuses them anyway). */
  maxFileBytes: number;
}

export const DEFAULT_INDEX_LIMITS: IndexLimits = { ...DEFAULT_WALK_LIMITS, maxFileBytes: 20 * 1024 * 1024 };

/** Files read at once while scanning: enough to hide latency, few enough to keep memory flat. */
const READ_CONCURRENCY = 32;

export class RepoRootIndex {
  private readonly facts = new Map<string, FileFacts>();
  private needsWalk = true;
  private readonly dirty = new Set<string>();
  /** Referenced file -> root specs that reach it; undefined when it must be computed again. */
  private reverse?: Map<string, string[]>;
  private queue: Promise<unknown> = Promise.resolve();
  private realRoot?: string;
  private warnedTruncated = false;

  constructor(
    readonly root: string,
    private readonly openText: OpenText,
    private readonly log: (message: string) => void,
    private readonly limits: IndexLimits = DEFAULT_INDEX_LIMITS,
  ) {}

  /** Root specs that reach `path` through `$ref`s (never `path` itself), sorted. */
  rootsOf(path: string): Promise<string[]> {
    // One refresh at a time: concurrent callers would read the same files twice.
    const run = this.queue.then(async () => {
      await this.refresh();
      return this.reverse?.get(path) ?? [];
    });
    this.queue = run.catch(() => undefined);
    return run.catch((e: unknown) => {
      this.log(`finding the root specs of ${path} failed: ${(e as Error).message}`);
      return [];
    });
  }

  /**
   * The repository's specs, for `breakwater check` with no file: each root that no other root
   * reaches (a referenced file is part of its root, even when it has an `openapi` key of its
   * own), sorted, with the files it reaches through `$ref`s. `truncated`: the walk hit its bounds.
   */
  specs(): Promise<{ specs: { root: string; files: string[] }[]; truncated: boolean }> {
    const run = this.queue.then(async () => {
      await this.refresh();
      const reached = new Map<string, string[]>();
      for (const [file, roots] of this.reverse ?? []) for (const root of roots) (reached.get(root) ?? reached.set(root, []).get(root)!).push(file);
      const specs = [...this.facts]
        // Part of another root, unless the two reach each other (then both stay specs).
        .filter(([path, f]) => f.isRoot && !(this.reverse?.get(path) ?? []).some((other) => !(this.reverse?.get(other) ?? []).includes(path)))
        .map(([root]) => ({ root, files: (reached.get(root) ?? []).sort() }))
        .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
      return { specs, truncated: this.warnedTruncated };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A file's text may have changed (an edit, a save, a watched-file event, an open or a close). */
  touch(path: string): void {
    this.dirty.add(path);
  }

  /** Files may have appeared, vanished or changed anywhere (a checkout, a created or deleted file). */
  touchAll(): void {
    this.needsWalk = true;
  }

  private async refresh(): Promise<void> {
    this.realRoot ??= await realpath(this.root).catch(() => this.root);
    let changed = false;
    if (this.needsWalk) {
      this.needsWalk = false;
      this.dirty.clear();
      const walk = await walkSpecFiles(this.root, this.limits);
      if (walk.truncated && !this.warnedTruncated) {
        this.warnedTruncated = true;
        this.log(
          `${this.root}: more than ${this.limits.maxFiles} YAML/JSON files or ${this.limits.maxEntries} entries; root specs beyond those are not found for referenced files`,
        );
      }
      const listedNow = new Set(walk.files);
      // Forget files that are gone; open buffers stay (an unsaved file can still be referenced).
      for (const path of this.facts.keys()) {
        if (!listedNow.has(path) && !this.openText(path)) {
          this.facts.delete(path);
          changed = true;
        }
      }
      changed = (await this.learnAll(walk.files)) || changed;
    } else if (this.dirty.size > 0) {
      const paths = [...this.dirty];
      this.dirty.clear();
      changed = await this.learnAll(paths.filter((p) => isInside(this.root, p)));
    }
    if (changed || !this.reverse) this.reverse = await this.computeReverse();
  }

  /** Learns (or re-learns) each file whose text changed; true when any root flag or reference changed. */
  private async learnAll(paths: string[]): Promise<boolean> {
    let changed = false;
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const path = paths[next++];
        if (await this.learn(path)) changed = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, worker));
    return changed;
  }

  private async learn(path: string): Promise<boolean> {
    const old = this.facts.get(path);
    const open = this.openText(path);
    let facts: FileFacts | undefined;
    if (open) {
      const stamp = `open:${open.version}`;
      if (old?.stamp === stamp) return false;
      facts = this.factsOf(path, open.text, stamp);
    } else {
      const stamp = await statStamp(path);
      if (stamp === undefined) {
        this.facts.delete(path);
        return !!old;
      }
      if (old?.stamp === stamp) return false;
      const read = await readFileInside(this.realRoot ?? this.root, path, this.limits.maxFileBytes);
      facts = read ? this.factsOf(path, read.text, read.stamp) : { stamp, isRoot: false, refs: [] };
    }
    this.facts.set(path, facts);
    return !old || old.isRoot !== facts.isRoot || old.refs.join('\n') !== facts.refs.join('\n');
  }

  private factsOf(path: string, text: string, stamp: string): FileFacts {
    if (text.length > this.limits.maxFileBytes) return { stamp, isRoot: false, refs: [] };
    const refs = new Set<string>();
    for (const part of externalRefFiles(text)) {
      const target = resolveRefTarget(path, part);
      // Never read outside the repository, whatever a `$ref` says.
      if (isInside(this.root, target) && target !== path) refs.add(target);
    }
    return { stamp, isRoot: isSpecText(text), refs: [...refs].sort() };
  }

  /** Walks the references from every root (cycles end at visited files); files outside the listing are read on demand. */
  private async computeReverse(): Promise<Map<string, string[]>> {
    const reverse = new Map<string, string[]>();
    const roots = [...this.facts]
      .filter(([, f]) => f.isRoot)
      .map(([p]) => p)
      .sort();
    for (const root of roots) {
      const seen = new Set<string>([root]);
      const stack = [...(this.facts.get(root)?.refs ?? [])];
      while (stack.length > 0) {
        const path = stack.pop()!;
        if (seen.has(path)) continue;
        seen.add(path);
        if (!this.facts.has(path)) await this.learn(path); // e.g. a `.yml` below a skipped folder or an odd extension
        const facts = this.facts.get(path);
        if (!facts) continue; // dangling `$ref`
        const list = reverse.get(path);
        if (list) list.push(root);
        else reverse.set(path, [root]);
        for (const ref of facts.refs) if (!seen.has(ref)) stack.push(ref);
      }
    }
    return reverse;
  }
}

/** One index per repository; events are routed to the repository that contains the path. */
export class RootIndexes {
  private readonly byRoot = new Map<string, RepoRootIndex>();

  constructor(
    private readonly openText: OpenText,
    private readonly log: (message: string) => void,
    private readonly limits: IndexLimits = DEFAULT_INDEX_LIMITS,
  ) {}

  forRepo(root: string): RepoRootIndex {
    let index = this.byRoot.get(root);
    if (!index) this.byRoot.set(root, (index = new RepoRootIndex(root, this.openText, this.log, this.limits)));
    return index;
  }

  touch(path: string): void {
    for (const index of this.byRoot.values()) if (isInside(index.root, path)) index.touch(path);
  }

  /** A file was created or deleted: the listing must be walked again. */
  created(path: string): void {
    for (const index of this.byRoot.values()) if (isInside(index.root, path)) index.touchAll();
  }

  repoChanged(root: string): void {
    this.byRoot.get(root)?.touchAll();
  }
}
