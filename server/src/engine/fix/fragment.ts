// Text to insert, kept as lines with indentation relative to the first line so it
// can be placed at any column. Base snippets are cut from the base text and
// re-indented to the revision's indentation unit without breaking block scalars,
// multi-line strings or flow collections.
import { parseText } from '../parse/parseText';
import { isFlow } from './nodes';
import type { JNode } from '../parse/tree';
import { indentText, type Indent, type TextStyle } from './textStyle';

export interface FragmentLine {
  /** Columns (in the target's indentation character) relative to the column of line 0. */
  indent: number;
  text: string;
}

export interface Fragment {
  lines: FragmentLine[];
}

export function singleLine(text: string): Fragment {
  return { lines: [{ indent: 0, text }] };
}

/** Lines of `text[start, end)`; later lines measured from `refColumn` (the column line 0 is aligned with). */
export function cutLines(text: string, start: number, end: number, refColumn: number): { indent: number; text: string }[] {
  const raw = text.slice(start, end).split(/\r?\n/);
  return raw.map((line, i) => {
    if (i === 0) return { indent: 0, text: line };
    if (!line.trim()) return { indent: 0, text: '' };
    const lead = /^[ \t]*/.exec(line)![0].length;
    return { indent: Math.max(0, lead - refColumn), text: line.slice(lead) };
  });
}

/**
 * A snippet of `text` as a fragment in the target style. `parsePrefix` makes the
 * snippet parse on its own (e.g. "k:" before a value cut after its colon); it is
 * only needed when the indentation unit changes.
 */
export function fragmentFromText(text: string, start: number, end: number, refColumn: number, from: TextStyle, to: TextStyle, parsePrefix = ''): Fragment {
  const lines = cutLines(text, start, end, refColumn);
  if (sameIndent(from.indent, to.indent)) return { lines };
  return { lines: rescale(lines, from, to, continuationLines(lines, from, parsePrefix)) };
}

function sameIndent(a: Indent, b: Indent): boolean {
  return a.char === b.char && a.size === b.size;
}

interface Continuation {
  /** Index of the line where the multi-line node starts. */
  start: number;
  /** For block scalars (`|`, `>` without an indentation digit): indentation of their first content line. */
  blockIndent?: number;
}

/**
 * Lines inside a multi-line scalar (block scalar, folded string) or flow collection:
 * their indentation is content, so they move with the line where that node starts
 * (a block scalar's content block as a whole moves by the new unit).
 */
function continuationLines(lines: FragmentLine[], from: TextStyle, parsePrefix: string): Map<number, Continuation> {
  const out = new Map<number, Continuation>();
  const rel = parsePrefix + lines.map((l, i) => (i === 0 ? l.text : ' '.repeat(l.indent) + l.text)).join('\n');
  const parsed = parseText(rel, from.format === 'json' ? 'x.json' : 'x.yaml');
  if (!parsed.root) return out;
  const visit = (n: JNode): void => {
    const first = parsed.lines.position(n.start).line;
    const last = parsed.lines.position(Math.max(n.start, n.end - 1)).line;
    if (n.kind === 'scalar' || isFlow(rel, n)) {
      const block = n.kind === 'scalar' && /^[|>][+-]?[ \t]*(#.*)?$/.test(parsed.lines.lineText(first).slice(parsed.lines.position(n.start).character));
      const firstContent = block ? lines.findIndex((l, i) => i > first && i <= last && l.text !== '') : -1;
      const c: Continuation = { start: first, blockIndent: firstContent > 0 ? lines[firstContent].indent : undefined };
      for (let l = first + 1; l <= last; l++) if (!out.has(l)) out.set(l, c);
      return;
    }
    const kids = n.kind === 'map' ? [...n.entries.values()] : n.items;
    for (const k of kids) if (k.parent === n) visit(k);
  };
  visit(parsed.root);
  return out;
}

/** Re-indents structural lines from the base unit to the target unit; continuation lines keep their offset. */
function rescale(lines: FragmentLine[], from: TextStyle, to: TextStyle, continuation: Map<number, Continuation>): FragmentLine[] {
  const ratio = to.indent.size / Math.max(1, from.indent.size);
  const out: FragmentLine[] = [];
  const stack: { old: number; now: number }[] = [{ old: 0, now: 0 }];
  const pushInline = (old: number, now: number, text: string) => {
    // "- - x": every dash opens a column whose offset inside the line is kept.
    const m = /^(?:-[ \t]+)+/.exec(text);
    if (!m) return;
    let o = 0;
    for (const dash of m[0].match(/-[ \t]+/g)!) {
      o += dash.length;
      stack.push({ old: old + o, now: now + o });
    }
  };
  lines.forEach((line, i) => {
    if (i === 0) {
      out.push(line);
      pushInline(0, 0, line.text);
      return;
    }
    if (!line.text) {
      out.push(line);
      return;
    }
    const cont = continuation.get(i);
    if (cont) {
      const s = lines[cont.start];
      const scaled = (offset: number) => Math.max(1, Math.round(offset * ratio));
      const indent =
        cont.blockIndent !== undefined
          ? out[cont.start].indent + scaled(cont.blockIndent - s.indent) + (line.indent - cont.blockIndent)
          : out[cont.start].indent + (line.indent - s.indent);
      out.push({ indent: Math.max(0, indent), text: line.text });
      return;
    }
    const isComment = from.format === 'yaml' && line.text.startsWith('#');
    while (stack.length > 1 && stack[stack.length - 1].old > line.indent) stack.pop();
    const top = stack[stack.length - 1];
    const now = top.old === line.indent ? top.now : top.now + Math.max(1, Math.round((line.indent - top.old) * ratio));
    out.push({ indent: now, text: line.text });
    if (isComment) return;
    if (top.old !== line.indent) stack.push({ old: line.indent, now });
    pushInline(line.indent, now, line.text);
  });
  return out;
}

/** The fragment as text with line 0 at `column` (its own indentation only when `indentFirst`). */
export function place(fragment: Fragment, column: number, style: TextStyle, indentFirst: boolean): string {
  return fragment.lines
    .map((l, i) => {
      if (i === 0) return (indentFirst ? indentText(style.indent, column) : '') + l.text;
      return l.text ? indentText(style.indent, column + l.indent) + l.text : '';
    })
    .join(style.eol);
}

/** One line, for single-line flow collections and minified JSON. */
export function compact(fragment: Fragment): Fragment {
  return singleLine(
    fragment.lines
      .map((l) => l.text.trim())
      .filter(Boolean)
      .join(' ')
      .replace(/([[{]) /g, '$1')
      .replace(/ ([\]}])/g, '$1'),
  );
}

/** A plain value written as JSON (valid YAML flow too), in the target's indentation. */
export function jsonFragment(value: unknown, style: TextStyle): Fragment {
  const unit = style.indent.char === '\t' ? '\t' : ' '.repeat(style.indent.size);
  const text = JSON.stringify(value, null, unit) ?? 'null';
  return { lines: cutLines(text, 0, text.length, 0) };
}

/** `key:` with a fragment as its block value (YAML) or `"key": {...}` / `[...]` (JSON and flow). */
export function wrapInKey(keyText: string, inner: Fragment, as: 'map' | 'seq', style: TextStyle, flow: boolean): Fragment {
  const unit = style.indent.size;
  if (flow) {
    const [open, close] = as === 'map' ? ['{', '}'] : ['[', ']'];
    return {
      lines: [
        { indent: 0, text: `${keyText}: ${open}` },
        ...inner.lines.map((l, i) => ({ indent: unit + l.indent, text: i === 0 ? l.text : l.text })),
        { indent: 0, text: close },
      ],
    };
  }
  if (as === 'map')
    return {
      lines: [{ indent: 0, text: `${keyText}:` }, ...inner.lines.map((l, i) => ({ indent: i === 0 ? unit : l.text ? unit + l.indent : 0, text: l.text }))],
    };
  const dash = style.seqIndent;
  return {
    lines: [
      { indent: 0, text: `${keyText}:` },
      ...inner.lines.map((l, i) => (i === 0 ? { indent: dash, text: `- ${l.text}` } : { indent: l.text ? dash + 2 + l.indent : 0, text: l.text })),
    ],
  };
}
