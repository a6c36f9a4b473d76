// Parses of referenced files, shared by the base and the revision side: most files of
// a multi-file spec are the same in both, and parsing each once instead of twice is
// most of a cold check's time (DigitalOcean: ~1,500 files a side), in the editor and
// in the CLI alike. Sharing is safe because trees of referenced files are never
// changed in place (only an open spec's own tree is).
import { parseText, type LineIndex } from '../../engine/index';
import type { JNode } from '../../engine/parse/tree';

/** A referenced file as the engine's ExternalLoader returns it. */
export interface LoadedFile {
  root: JNode;
  file: string;
  lines: LineIndex;
}

const PARSES_KEPT = 4000;
/** Larger files are parsed per side: one of them would outweigh the rest of the cache. */
const SHARED_PARSE_MAX_CHARS = 1_000_000;
const sharedParses = new Map<string, { text: string; loaded: LoadedFile | undefined }[]>();
let sharedCount = 0;

/** The parse of `text` as `file`, reused when the other side had the same text; undefined when it does not parse. */
export function parsedShared(text: string, file: string): LoadedFile | undefined {
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
