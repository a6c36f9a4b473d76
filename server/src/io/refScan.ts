// Finds the files a spec text refers to without parsing it. Used to prefetch a
// multi-file spec from git in a few batched reads; a miss here is not fatal
// (the loader falls back to a single read), so a cheap scan is enough.
import { isRemoteRef } from './paths';

// `$ref: x.yaml#/a`, `"$ref": "x.json"`, `{$ref: 'x.yml'}`: key, colon, optionally quoted value.
const REF = /["']?\$ref["']?\s*:\s*(?:"([^"]*)"|'([^']*)'|([^\s,}\]#]+))/g;

/** Distinct file parts of the non-local, non-remote `$ref`s in a text. */
export function externalRefFiles(text: string): string[] {
  const files = new Set<string>();
  if (!text.includes('$ref')) return [];
  for (const m of text.matchAll(REF)) {
    const value = m[1] ?? m[2] ?? m[3] ?? '';
    const filePart = value.split('#')[0];
    if (filePart !== '' && !isRemoteRef(filePart)) files.add(filePart);
  }
  return [...files];
}
