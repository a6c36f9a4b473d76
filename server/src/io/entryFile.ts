// A folder given where a spec is expected stands for its entry file: the one
// YAML/JSON file at its top level that is an OpenAPI or Swagger document (the
// other files of a multi-file spec are fragments without that key).
import { openSync, readSync, closeSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { looksLikeOpenApi } from '../engine/index';

export class EntryFileError extends Error {}

const SPEC_EXT = /\.(ya?ml|json)$/i;
const SNIFF_BYTES = 65536;

export function findEntryFile(dir: string): string {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && SPEC_EXT.test(d.name))
    .map((d) => d.name)
    .sort();
  const heads = new Map(names.map((n) => [n, head(path.join(dir, n))]));
  let candidates = names.filter((n) => looksLikeOpenApi(heads.get(n)!));
  // The sniff accepts an indented `openapi:` key; prefer files that have it at the top level.
  if (candidates.length > 1) {
    const topLevel = candidates.filter((n) => /^["']?(openapi|swagger)["']?\s*:/m.test(heads.get(n)!) || /^\s*\{/.test(heads.get(n)!));
    if (topLevel.length > 0) candidates = topLevel;
  }
  if (candidates.length === 1) return path.join(dir, candidates[0]);
  if (candidates.length === 0)
    throw new EntryFileError('no OpenAPI entry file in this folder (expected a .yaml, .yml or .json file with an "openapi" or "swagger" key at its top level)');
  throw new EntryFileError(`several OpenAPI entry files in this folder (${candidates.join(', ')}); name the file instead`);
}

function head(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return ''; // unreadable files are simply not candidates
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
