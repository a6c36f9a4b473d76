// JSON with comments (JSONC: `//` and `/* */`, as VS Code's own settings files
// and many hand-written specs use) is read as JSON. The YAML parser that reads
// JSON would otherwise take `// note` for part of a key and report a misleading
// "not an OpenAPI document". Comments are overwritten with spaces, keeping line
// breaks, so every offset, line and column stays exactly where it was.
//
// JSON strings cannot span lines, so whether a `//` or `/*` sits inside a string
// is decided by the quotes between the start of its line (or the end of the
// comment before it) and itself. Only those stretches are scanned: a 4 MB spec
// full of "https://" URLs costs a millisecond, not a pass over every character.

export interface BlankedJson {
  text: string;
  /** Offset of a `/*` without its `*\/` (a full parse reports it). */
  unterminatedAt?: number;
}

/** The text with its JSON comments blanked, or undefined when it has none (the common case: no copy). */
export function blankJsonComments(text: string): BlankedJson | undefined {
  const parts: string[] = [];
  let copied = 0;
  let unterminatedAt: number | undefined;
  /** Outside any string and comment here: a line start or the end of a comment. */
  let clean = 0;
  let from = 0;
  // Next `//` and `/*` at or after `from` (-1: none left); each is searched again only once passed.
  let line = text.indexOf('//');
  let block = text.indexOf('/*');
  for (;;) {
    if (line !== -1 && line < from) line = text.indexOf('//', from);
    if (block !== -1 && block < from) block = text.indexOf('/*', from);
    const c = line === -1 ? block : block === -1 ? line : Math.min(line, block);
    if (c === -1) break;
    const segStart = Math.max(clean, text.lastIndexOf('\n', c - 1) + 1);
    const stringEnd = endOfOpenString(text, segStart, c);
    if (stringEnd !== -1) {
      // Inside a string ("https://..."): carry on after it.
      clean = from = stringEnd;
      continue;
    }
    let end: number;
    if (text.charCodeAt(c + 1) === 0x2f /* / */) {
      const nl = text.indexOf('\n', c);
      end = nl === -1 ? text.length : nl;
    } else {
      const close = text.indexOf('*/', c + 2);
      if (close === -1) unterminatedAt = c;
      end = close === -1 ? text.length : close + 2;
    }
    parts.push(text.slice(copied, c), text.slice(c, end).replace(/[^\r\n]/g, ' '));
    copied = clean = from = end;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(copied));
  return { text: parts.join(''), unterminatedAt };
}

/**
 * Scans `text[start..at)` (no comments in it, not inside a string at `start`): if a
 * string is still open at `at`, returns where it ends (after its closing quote, or
 * at the line break that cuts it short); otherwise -1.
 */
function endOfOpenString(text: string, start: number, at: number): number {
  let i = start;
  let open = false;
  while (i < at) {
    const ch = text.charCodeAt(i);
    if (open && ch === 0x5c /* \ */) i += 2;
    else {
      if (ch === 0x22 /* " */) open = !open;
      i++;
    }
  }
  if (!open) return -1;
  // The backslash skip may have stepped over `at`; continue to the end of the string from there.
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c) i += 2;
    else if (ch === 0x22) return i + 1;
    else if (ch === 0x0a) return i;
    else i++;
  }
  return text.length;
}
