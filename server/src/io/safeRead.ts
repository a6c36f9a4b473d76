// Reads a file for the language server only when that is safe: a regular file (a
// named pipe would block forever) of bounded size whose real path is inside the
// boundary (a symbolic link in a cloned repository must not make the editor read
// ~/.ssh). Asynchronous, so scanning many files never blocks the server's thread.
import { readFile, realpath, stat } from 'node:fs/promises';
import { isInside } from './paths';

/**
 * The largest file read: a spec, a file it references, a root checked in the background. The engine is tested
 * up to 50 MB specs; beyond this a file is almost certainly not a spec.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface StampedText {
  text: string;
  /** Size and modification time when read: the file changed when these do. */
  stamp: string;
}

/** `boundaryReal`: the boundary's real path (resolved once by the caller). */
export async function readFileInside(boundaryReal: string, path: string, maxBytes: number): Promise<StampedText | undefined> {
  try {
    const real = await realpath(path);
    if (!isInside(boundaryReal, real)) return undefined;
    const st = await stat(real);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const text = await readFile(real, 'utf8');
    return { text, stamp: diskStamp(st.size, st.mtimeMs) };
  } catch {
    return undefined; // vanished, unreadable, or a dangling link: as if absent
  }
}

/** The stamp of a file on disk without reading it; undefined when it is gone. */
export async function statStamp(path: string): Promise<string | undefined> {
  try {
    const st = await stat(path);
    return diskStamp(st.size, st.mtimeMs);
  } catch {
    return undefined;
  }
}

export function diskStamp(size: number, mtimeMs: number): string {
  return `disk:${size}:${mtimeMs}`;
}
