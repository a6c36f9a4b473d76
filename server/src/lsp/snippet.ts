// The text of a base node as hover shows it: dedented, cut to a few lines (the
// editor's hover must keep "Quick Fix… (Ctrl+.)" in view under it).
// Plain string work with no editor imports, so the check worker can cut the
// snippets of findings whose base lives in another file of a multi-file spec
// (the main thread only has the root's base text).
/** At most this many lines, the "…" line included. */
export const MAX_SNIPPET_LINES = 8;

export function snippetOf(text: string, start: number, end: number): string {
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  // Only as much of a huge node as is shown (plus one line to count what is left out).
  let cut = end;
  for (let i = start, n = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10 && ++n > MAX_SNIPPET_LINES * 4) {
      cut = i;
      break;
    }
  }
  const lines = text
    .slice(start, cut)
    .replace(/\s+$/, '')
    .split(/\r?\n/)
    .map((l, i) => (i === 0 ? l : l.slice(Math.min(column, /^[ \t]*/.exec(l)![0].length))));
  if (lines.length <= MAX_SNIPPET_LINES) return lines.join('\n');
  const kept = MAX_SNIPPET_LINES - 1;
  const more = lines.length - kept + (cut < end ? linesAfter(text, cut, end) : 0);
  return [...lines.slice(0, kept), `… (${more} more lines)`].join('\n');
}

/** Lines of the node after the newline at `cut` (its trailing blank lines not counted, as the cut part's). */
function linesAfter(text: string, cut: number, end: number): number {
  let last = end;
  while (last > cut + 1 && /\s/.test(text[last - 1])) last--;
  return last > cut + 1 ? countLines(text, cut + 1, last) + 1 : 0;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
