// Multi-file specs: `$ref: ./schemas/pet.yaml#/Pet` is read from the open editor or
// the disk on the revision side, and from the same commit (or the index) on the
// base side. Files outside the repository are never read.
//
// The CLI's loaders (server/src/io/loaders.ts) read the disk only; the editor
// needs open documents to win over the disk, and a base read lazily per commit.
import { realpathSync, statSync, readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { parseText, type ExternalLoader, type LineIndex } from '../engine/index';
import type { JNode } from '../engine/parse/tree';
import { readFileAtCommitSync, readFilesAtCommitSync } from '../io/git';
import { externalRefFiles } from '../io/refScan';
import { repoRelative } from './base/gitAccess';

interface Loaded {
  root: JNode;
  file: string;
  lines: LineIndex;
}

/** Parsed files kept per side; a multi-file spec has a few hundred at most. */
const MAX_FILES = 2000;
/** Files read ahead from git for one base (texts only, kept until the model asks for them). */
const MAX_PREFETCH = 10_000;
/** As the CLI's loaders: a referenced file larger than this is not read. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Whether a file on disk may be read for a spec in `boundary`: a regular file
 * (a named pipe would block the server forever) of sane size, whose real path
 * is inside the repository, so a symbolic link in a cloned repository cannot
 * make the editor read ~/.ssh or /dev/zero.
 */
function readableInside(boundary: string, path: string): boolean {
  try {
    const real = realpathSync(path);
    if (!inside(realpathSync(boundary), real)) return false;
    const st = statSync(real);
    return st.isFile() && st.size <= MAX_FILE_BYTES;
  } catch {
    return false;
  }
}

function targetPath(fromFile: string, relativePath: string): string {
  let rel = relativePath;
  try {
    rel = decodeURIComponent(relativePath);
  } catch {
    // keep it as written
  }
  return resolve(dirname(fromFile), rel);
}

/**
 * Parses shared by both sides: most files of a multi-file spec are the same in the
 * base and the revision, and parsing each once instead of twice is most of a cold
 * check's time (DigitalOcean: ~1,500 files a side). Sharing is safe because trees of
 * referenced files are never changed in place (only an open spec's own tree is).
 */
const PARSES_KEPT = 4000;
/** Larger files are parsed per side: one of them would outweigh the rest of the cache. */
const SHARED_PARSE_MAX_CHARS = 1_000_000;
const sharedParses = new Map<string, { text: string; loaded: Loaded | undefined }[]>();
let sharedCount = 0;

function parsed(text: string, file: string): Loaded | undefined {
  const versions = sharedParses.get(file);
  const hit = versions?.find((v) => v.text === text);
  if (hit) return hit.loaded;
  const p = parseText(text, file);
  const loaded = p.root ? { root: p.root, file, lines: p.lines } : undefined;
  if (text.length <= SHARED_PARSE_MAX_CHARS) {
    // Two versions a file: the base's and the revision's.
    const kept = [{ text, loaded }, ...(versions ?? [])].slice(0, 2);
    sharedCount += kept.length - (versions?.length ?? 0);
    sharedParses.delete(file);
    sharedParses.set(file, kept);
    while (sharedCount > PARSES_KEPT) {
      const [oldest, dropped] = sharedParses.entries().next().value as [string, unknown[]];
      sharedParses.delete(oldest);
      sharedCount -= dropped.length;
    }
  }
  return loaded;
}

/** Revision side: open documents first, then the disk (re-read only when its size or mtime changes). */
export class WorkingFiles {
  /** `text` is kept for open documents: a document closed and opened again starts over at version 1, so the version alone can match an old parse. */
  private readonly cache = new Map<string, { stamp: string; text?: string; loaded: Loaded | undefined }>();

  constructor(private readonly openDoc: (path: string) => { text: string; version: number } | undefined) {}

  loader(boundary: string): ExternalLoader {
    return (fromFile, relativePath) => {
      const path = targetPath(fromFile, relativePath);
      if (!inside(boundary, path)) return undefined;
      const open = this.openDoc(path);
      let stamp: string;
      if (open !== undefined) stamp = `open:${open.version}`;
      else {
        try {
          const st = statSync(path);
          stamp = `disk:${st.size}:${st.mtimeMs}`;
        } catch {
          return undefined;
        }
      }
      const hit = this.cache.get(path);
      if (hit && hit.stamp === stamp && (open === undefined || hit.text === open.text)) return hit.loaded;
      let text = open?.text;
      if (text === undefined) {
        if (!readableInside(boundary, path)) return undefined;
        try {
          text = readFileSync(path, 'utf8');
        } catch {
          return undefined;
        }
      }
      const loaded = parsed(text, path);
      this.cache.set(path, open === undefined ? { stamp, loaded } : { stamp, text, loaded });
      if (this.cache.size > MAX_FILES) this.cache.delete(this.cache.keys().next().value as string);
      return loaded;
    };
  }
}

/** Base side: the file as it is in a commit (or the index), read with git; immutable, so cached by object name. */
export class CommittedFiles {
  private readonly cache = new Map<string, Loaded | undefined>();

  /**
   * `entry`: the base spec's file and text. The files its `$ref`s reach are read
   * first, one git process per level of references, instead of one process per
   * file when the model asks for them (seconds on a spec of thousands of files).
   */
  loader(repoRoot: string, commit: string | null, entry?: { file: string; text: string }): ExternalLoader {
    // The index changes under the same name: within one base model it is read once per file, never across models.
    const local = new Map<string, Loaded | undefined>();
    const cache = commit === null ? local : this.cache;
    const texts = entry ? this.prefetch(repoRoot, commit, entry, cache) : new Map<string, string | undefined>();
    return (fromFile, relativePath) => {
      const path = targetPath(fromFile, relativePath);
      if (!inside(repoRoot, path)) return undefined;
      const rel = repoRelative(repoRoot, path);
      const object = `${commit ?? ''}:${rel}`;
      if (cache.has(object)) return cache.get(object);
      let loaded: Loaded | undefined;
      try {
        // An empty commit reads the index (`:path`).
        const text = texts.has(rel) ? texts.get(rel) : readFileAtCommitSync(repoRoot, commit ?? '', rel);
        texts.delete(rel);
        loaded = text === undefined ? undefined : parsed(text, path);
      } catch {
        loaded = undefined;
      }
      cache.set(object, loaded);
      if (cache.size > MAX_FILES) cache.delete(cache.keys().next().value as string);
      return loaded;
    };
  }

  /** Texts (by repository-relative path) of the files reachable from `entry`, read level by level; a miss is read later, singly. */
  private prefetch(repoRoot: string, commit: string | null, entry: { file: string; text: string }, cache: Map<string, Loaded | undefined>): Map<string, string | undefined> {
    const texts = new Map<string, string | undefined>();
    const seen = new Set<string>([entry.file]);
    const targets = (from: string, text: string) =>
      externalRefFiles(text)
        .map((f) => targetPath(from, f))
        .filter((p) => inside(repoRoot, p) && !seen.has(p) && !cache.has(`${commit ?? ''}:${repoRelative(repoRoot, p)}`) && seen.add(p));
    let frontier = targets(entry.file, entry.text);
    // The scan also finds files the model never reads (DigitalOcean's code samples), so the budget is well above
    // what one model loads; a level is cut to what is left of it rather than skipped (a skipped level means a git process per file).
    while (frontier.length > 0 && texts.size < MAX_PREFETCH) {
      frontier = frontier.slice(0, MAX_PREFETCH - texts.size);
      const rels = frontier.map((p) => repoRelative(repoRoot, p));
      let read: Map<string, string | undefined>;
      try {
        read = readFilesAtCommitSync(repoRoot, commit ?? '', rels);
      } catch {
        return texts; // e.g. a missing object: the single reads report it per file
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
}
