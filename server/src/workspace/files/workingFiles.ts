// The revision side of a multi-file spec: `$ref: ./schemas/pet.yaml#/Pet` is read
// from the open editor (which wins over the disk) or from the disk, never outside
// the boundary (the repository, or the folder the CLI was given): neither by `../`
// nor through a symbolic link that points elsewhere.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { ExternalLoader } from '../../engine/index';
import { isInside, resolveRefTarget } from '../../io/paths';
import { diskStamp, MAX_FILE_BYTES } from '../../io/safeRead';
import { parsedShared, type LoadedFile } from './sharedParses';

/** Parsed files kept; a multi-file spec has a few hundred at most. */
const MAX_FILES = 2000;

/** An open buffer: its text is what the editor shows, not what is on disk. */
export type OpenBuffer = (path: string) => { text: string; version: number } | undefined;

/**
 * Whether a file on disk may be read for a spec in `boundary`: a regular file
 * (a named pipe would block forever) of sane size, whose real path is inside
 * the boundary's, so a symbolic link in a cloned repository cannot make the
 * editor read ~/.ssh or /dev/zero.
 */
function readableInside(realBoundary: string, path: string): boolean {
  try {
    const real = realpathSync(path);
    if (!isInside(realBoundary, real)) return false;
    const st = statSync(real);
    return st.isFile() && st.size <= MAX_FILE_BYTES;
  } catch {
    return false;
  }
}

/** Open documents first, then the disk (re-read only when its size or mtime changes). */
export class WorkingFiles {
  /** `text` is kept for open documents: a document closed and opened again starts over at version 1, so the version alone can match an old parse. */
  private readonly cache = new Map<string, { stamp: string; text?: string; loaded: LoadedFile | undefined }>();

  constructor(private readonly openDoc: OpenBuffer = () => undefined) {}

  loader(boundary: string): ExternalLoader {
    let realBoundary: string;
    try {
      realBoundary = realpathSync(boundary);
    } catch {
      realBoundary = boundary;
    }
    // One loader serves one model (one check): a file is looked at once however many `$ref`s name it (DigitalOcean's
    // ~1,480 files are named by ~9,500 references, and a stat each was about half of a multi-file check), and the model
    // sees one version of each file.
    const seen = new Map<string, LoadedFile | undefined>();
    return (fromFile, relativePath) => {
      const path = resolveRefTarget(fromFile, relativePath);
      if (seen.has(path)) return seen.get(path);
      const loaded = this.load(path, boundary, realBoundary);
      seen.set(path, loaded);
      return loaded;
    };
  }

  /** One file for a loader: the open buffer, else the disk (re-read only when its size or mtime changed). */
  private load(path: string, boundary: string, realBoundary: string): LoadedFile | undefined {
    // The spec may be named through a symbolic link to the boundary, or through its real path.
    if (!isInside(boundary, path) && !isInside(realBoundary, path)) return undefined;
    const open = this.openDoc(path);
    let stamp: string;
    if (open !== undefined) stamp = `open:${open.version}`;
    else {
      try {
        const st = statSync(path);
        stamp = diskStamp(st.size, st.mtimeMs);
      } catch {
        return undefined;
      }
    }
    const hit = this.cache.get(path);
    if (hit && hit.stamp === stamp && (open === undefined || hit.text === open.text)) return hit.loaded;
    let text = open?.text;
    if (text === undefined) {
      if (!readableInside(realBoundary, path)) return undefined;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    }
    const loaded = parsedShared(text, path);
    this.cache.set(path, open === undefined ? { stamp, loaded } : { stamp, text, loaded });
    if (this.cache.size > MAX_FILES) this.cache.delete(this.cache.keys().next().value as string);
    return loaded;
  }
}

/** The CLI's reader of a folder on disk (no open documents). */
export function fsLoader(rootDir: string): ExternalLoader {
  return new WorkingFiles().loader(rootDir);
}
