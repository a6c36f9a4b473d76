// ExternalLoader implementations for multi-file specs: the engine asks for
// "the file `relativePath` as seen from `fromFile`" and gets a parsed tree back.
// Two sources: the file system (the working copy) and git at a commit (the base).
// Both refuse anything outside the folder/repository they were given, parse each
// file once, and never fetch remote references (the engine reports those).
import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseText, type ExternalLoader, type LineIndex } from '../engine/index';
import type { JNode } from '../engine/parse/tree';
import { readFileAtCommitSync, readFilesAtCommit } from './git';
import { isInside, resolveRefTarget, toRepoPath } from './paths';
import { externalRefFiles } from './refScan';

export interface LoadedFile {
  root: JNode;
  file: string;
  lines: LineIndex;
}

/** Same ceiling as for the main spec: a referenced file larger than this is not read. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Parses once per file; a file that cannot be read or parsed is remembered as missing. */
function parsedOnce(read: (absolute: string) => string | undefined): (absolute: string) => LoadedFile | undefined {
  const cache = new Map<string, LoadedFile | null>();
  return (absolute) => {
    const hit = cache.get(absolute);
    if (hit !== undefined) return hit ?? undefined;
    const text = read(absolute);
    const parsed = text === undefined ? undefined : parseText(text, absolute);
    const loaded = parsed?.root ? { root: parsed.root, file: absolute, lines: parsed.lines } : null;
    cache.set(absolute, loaded);
    return loaded ?? undefined;
  };
}

/**
 * Reads referenced files from disk, never outside `rootDir`: neither by `../`
 * nor through a symbolic link that points elsewhere.
 */
export function fsLoader(rootDir: string): ExternalLoader {
  const realRoot = safeRealpath(rootDir) ?? path.resolve(rootDir);
  const load = parsedOnce((absolute) => {
    if (!isInside(rootDir, absolute) && !isInside(realRoot, absolute)) return undefined;
    const real = safeRealpath(absolute);
    if (!real || !isInside(realRoot, real)) return undefined;
    try {
      const st = statSync(real);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
      return readFileSync(real, 'utf8');
    } catch {
      return undefined;
    }
  });
  return (fromFile, relativePath) => load(resolveRefTarget(fromFile, relativePath));
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Reads referenced files from git at commit `oid`. Files are named by the
 * absolute path they would have in the work tree (`repoRoot/rel`) so findings
 * point at familiar paths; only paths inside the repository are read.
 *
 * The engine's loader is synchronous but git is a child process, so
 * `prefetch` first walks the `$ref`s from the entry text and reads every file
 * they reach in one batched `cat-file` per level; anything the scan missed is
 * read on demand with a synchronous call.
 */
export class GitRefLoader {
  private readonly texts = new Map<string, string | undefined>();
  private readonly load = parsedOnce((absolute) => this.read(absolute));
  readonly loader: ExternalLoader = (fromFile, relativePath) => this.load(resolveRefTarget(fromFile, relativePath));

  constructor(
    readonly repoRoot: string,
    readonly oid: string,
  ) {}

  /** Reads, level by level, every file reachable by `$ref` from `entryFile` (absolute) whose text is `entryText`. */
  async prefetch(entryFile: string, entryText: string): Promise<void> {
    let frontier = this.targetsOf(entryFile, entryText);
    while (frontier.length > 0) {
      const rels = frontier.map((abs) => toRepoPath(this.repoRoot, abs));
      const read = await readFilesAtCommit(this.repoRoot, this.oid, rels);
      const next = new Set<string>();
      frontier.forEach((abs, i) => {
        const text = read.get(rels[i]);
        this.texts.set(abs, text);
        if (text !== undefined) for (const t of this.targetsOf(abs, text)) next.add(t);
      });
      frontier = [...next];
    }
  }

  /** Number of files read from git so far (for --stats). */
  get filesRead(): number {
    return [...this.texts.values()].filter((t) => t !== undefined).length;
  }

  private targetsOf(fromFile: string, text: string): string[] {
    return externalRefFiles(text)
      .map((f) => resolveRefTarget(fromFile, f))
      .filter((abs) => isInside(this.repoRoot, abs) && abs !== this.repoRoot && !this.texts.has(abs));
  }

  private read(absolute: string): string | undefined {
    if (!isInside(this.repoRoot, absolute) || absolute === this.repoRoot) return undefined;
    if (this.texts.has(absolute)) return this.texts.get(absolute);
    const text = readFileAtCommitSync(this.repoRoot, this.oid, toRepoPath(this.repoRoot, absolute));
    this.texts.set(absolute, text);
    return text;
  }
}
