// Reads spec files named on the command line with one-line errors that use the
// user's own spelling of the path, and turns a folder into its entry file.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { SpecInputError } from '../engine/index';
import { EntryFileError, findEntryFile } from '../io/entryFile';
import { MAX_FILE_BYTES } from '../io/safeRead';

export class InputError extends Error {}

/** Absolute, symlink-free path of a spec given as a file or a folder (its entry file). */
export function entryFile(pathOrFolder: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, pathOrFolder);
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    throw new InputError(`${pathOrFolder}: ${describeFsError(e, 'no such file or folder')}`);
  }
  let file = abs;
  if (st.isDirectory()) {
    try {
      file = findEntryFile(abs);
    } catch (e) {
      if (e instanceof EntryFileError) throw new InputError(`${pathOrFolder}: ${e.message}`);
      throw new InputError(`${pathOrFolder}: ${describeFsError(e, 'cannot list the folder')}`);
    }
  }
  // Real paths everywhere: git reports real paths and the working directory is one too.
  return realpathSync(file);
}

/** The text of a spec file; `shown` is how the user spelled it (for messages). */
export function readSpecFile(file: string, shown = file): string {
  let buf: Buffer;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${shown}: is a folder (name the spec file, or a folder with one entry file)`);
    // A named pipe or a device would block the read forever (or never end): only regular files are specs.
    if (!st.isFile()) throw new InputError(`${shown}: not a regular file (a pipe, socket or device)`);
    if (st.size > MAX_FILE_BYTES)
      throw new InputError(`${shown}: too large (${Math.round(st.size / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`);
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${shown}: ${describeFsError(e, 'cannot read')}`);
  }
  return decodeText(buf, file);
}

/**
 * UTF-8, or UTF-16 with its byte-order mark (as editors save it, and VS Code reads
 * it); a binary file or another encoding gets one clear message instead of garbage findings.
 */
export function decodeText(buf: Buffer, path: string): string {
  const utf16 = buf[0] === 0xff && buf[1] === 0xfe ? 'utf-16le' : buf[0] === 0xfe && buf[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(buf);
    } catch {
      throw new SpecInputError(`not valid ${utf16.toUpperCase()} text`, path);
    }
  }
  if (buf.includes(0)) throw new SpecInputError('not a text file (it contains NUL bytes)', path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new SpecInputError('not valid UTF-8 text (save the spec as UTF-8)', path);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function describeFsError(e: unknown, fallback: string): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return fallback;
  }
}
