// Reads spec files for the CLI with clear one-line errors, finds a folder's entry
// file, and loads the other files of a multi-file spec from the same folder tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { looksLikeOpenApi, SpecInputError } from '../engine/index';

export class InputError extends Error {}

export function readSpecFile(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (st.isDirectory()) throw new InputError(`${path}: is a folder (give the spec file, or use diff with two folders)`);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return decodeText(buf, path);
}

/** UTF-8 only; a binary file or another encoding gets one clear message instead of garbage findings. */
export function decodeText(buf: Buffer, path: string): string {
  if (buf.includes(0)) throw new SpecInputError('not a text file (it contains NUL bytes)', path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new SpecInputError('not valid UTF-8 text (save the spec as UTF-8)', path);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A folder stands for its entry file: the one spec document at its top level. */
export function entryFile(pathOrFolder: string): string {
  const abs = resolve(pathOrFolder);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new InputError(`${pathOrFolder}: no such file or folder`);
  }
  if (!st.isDirectory()) return abs;
  const candidates = readdirSync(abs)
    .filter((n) => /\.(ya?ml|json)$/i.test(n))
    .filter((n) => {
      try {
        return looksLikeOpenApi(readFileSync(join(abs, n), 'utf8').slice(0, 65536));
      } catch {
        return false;
      }
    });
  if (candidates.length === 0) throw new InputError(`${pathOrFolder}: no OpenAPI or Swagger document at the top of this folder`);
  if (candidates.length > 1) throw new InputError(`${pathOrFolder}: several spec documents at the top of this folder (${candidates.join(', ')}); name one`);
  return join(abs, candidates[0]);
}
