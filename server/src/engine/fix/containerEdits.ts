// The five structural edits every fix is made of: insert a map entry, insert a
// sequence item, delete either, replace a value. Each works on block YAML, flow
// YAML and JSON, and keeps the surrounding text (indentation, separators, comments).
import { isMap, isScalar, isSeq, type JNode } from '../parse/tree';
import { colonAfter, dashBefore, entryEnd, isEmptyNull, isFlow, nodeStart, ownEntries, startsLine } from './nodes';
import { compact, place, type Fragment } from './fragment';
import { indentText } from './textStyle';
import type { FixSide, TextEdit } from './types';

export type EditSide = Pick<FixSide, 'text' | 'lines' | 'style'>;

/** Something to insert, in block form and (computed only when needed) flow form. */
export interface Rendered {
  block: Fragment;
  flow: () => Fragment;
}

export interface Position {
  after?: JNode;
  before?: JNode;
}

const column = (side: EditSide, offset: number) => side.lines.position(offset).character;
const lineEndOf = (side: EditSide, offset: number) => side.lines.lineEnd(side.lines.position(offset).line);
const lineIndent = (side: EditSide, offset: number) => /^[ \t]*/.exec(side.lines.lineText(side.lines.position(offset).line))![0].length;

function children(node: JNode): JNode[] {
  if (isMap(node)) return ownEntries(node);
  if (isSeq(node)) return node.items.filter((i) => i.parent === node);
  return [];
}

/** An empty `{}`/`[]` under a key in YAML becomes a block value: that is how the author writes the rest. */
function blockifiable(side: EditSide, container: JNode): boolean {
  return side.style.format === 'yaml' && typeof container.key === 'string' && children(container).length === 0;
}

/** A text with more than one line: JSON written pretty rather than minified. */
function isPretty(side: EditSide): boolean {
  const nl = side.text.indexOf('\n');
  return nl !== -1 && nl < side.text.trimEnd().length;
}

/** Inserts a map entry (`key: value` fragment) into a map, or into a key whose value is empty. */
export function insertEntry(side: EditSide, container: JNode, entry: Rendered, at: Position): TextEdit[] {
  if (isMap(container) && isFlow(side.text, container) && !blockifiable(side, container)) return insertIntoFlow(side, container, entry, at);
  if (isMap(container) && children(container).length > 0) return insertIntoBlock(side, container, entry, at, null);
  return fillEmptyValue(side, container, entry, 'map');
}

/** Inserts a sequence item (the item's own text, without the dash) into a sequence, or into a key whose value is empty. */
export function insertItem(side: EditSide, container: JNode, item: Rendered, at: Position): TextEdit[] {
  if (isSeq(container) && isFlow(side.text, container) && !blockifiable(side, container)) return insertIntoFlow(side, container, item, at);
  if (isSeq(container) && children(container).length > 0) {
    const first = children(container)[0];
    const dash = dashBefore(side.text, first);
    if (dash < 0) return [];
    return insertIntoBlock(side, container, item, at, { dashColumn: column(side, dash), gap: first.start - dash });
  }
  return fillEmptyValue(side, container, item, 'seq');
}

function insertIntoBlock(side: EditSide, container: JNode, what: Rendered, at: Position, seq: { dashColumn: number; gap: number } | null): TextEdit[] {
  const { text, style } = side;
  const kids = children(container);
  const contentColumn = seq ? seq.dashColumn + seq.gap : column(side, nodeStart(kids[0]));
  const dash = seq ? `-${' '.repeat(Math.max(1, seq.gap - 1))}` : '';
  const body = place(what.block, contentColumn, style, false);
  if (at.before) {
    const anchor = seq ? dashBefore(text, at.before) : nodeStart(at.before);
    const anchorColumn = column(side, anchor);
    return [{ start: anchor, end: anchor, newText: `${dash}${body}${style.eol}${indentText(style.indent, anchorColumn)}` }];
  }
  const after = at.after ?? kids[kids.length - 1];
  const off = lineEndOf(side, entryEnd(text, after));
  const lead = seq ? indentText(style.indent, seq.dashColumn) + dash : indentText(style.indent, contentColumn);
  return [{ start: off, end: off, newText: `${style.eol}${lead}${body}` }];
}

function insertIntoFlow(side: EditSide, container: JNode, what: Rendered, at: Position): TextEdit[] {
  const { text, style } = side;
  const kids = children(container);
  if (kids.length === 0) {
    const fragment = what.flow();
    if (!isPretty(side)) return [{ start: container.start + 1, end: container.end - 1, newText: place(compact(fragment), 0, style, false) }];
    const outer = lineIndent(side, container.start);
    const inner = outer + style.indent.size;
    return [
      {
        start: container.start + 1,
        end: container.end - 1,
        newText: `${style.eol}${indentText(style.indent, inner)}${place(fragment, inner, style, false)}${style.eol}${indentText(style.indent, outer)}`,
      },
    ];
  }
  const sep = separatorOf(side, container, kids);
  const multiline = /\n/.test(sep);
  const col = column(side, nodeStart(kids[0]));
  const fragment = multiline ? what.flow() : compact(what.flow());
  const body = place(fragment, col, style, false);
  if (at.before) return [{ start: nodeStart(at.before), end: nodeStart(at.before), newText: body + sep }];
  const after = at.after ?? kids[kids.length - 1];
  const off = entryEnd(text, after);
  return [{ start: off, end: off, newText: sep + body }];
}

/** The text between two items of a flow collection (", " or ",\n    "), taken from the file itself. */
function separatorOf(side: EditSide, container: JNode, kids: JNode[]): string {
  if (kids.length >= 2) {
    const between = side.text.slice(entryEnd(side.text, kids[0]), nodeStart(kids[1]));
    if (/^\s*,\s*$/.test(between)) return between;
  }
  const first = nodeStart(kids[0]);
  if (side.lines.position(first).line !== side.lines.position(container.start).line)
    return `,${side.style.eol}${indentText(side.style.indent, column(side, first))}`;
  // One line: spaced like its own "key: value" (minified JSON has no spaces at all).
  const own = side.text.slice(container.start, Math.min(container.end, container.start + 2000));
  return side.style.format === 'yaml' || /[:,] /.test(own) || side.text[container.start + 1] === ' ' ? ', ' : ',';
}

/** `key:` with nothing (or `~`, `null`, `{}`, `[]`) after it gets a block (YAML) or bracketed (JSON) value. */
function fillEmptyValue(side: EditSide, container: JNode, what: Rendered, as: 'map' | 'seq'): TextEdit[] {
  const { text, style } = side;
  if (typeof container.key !== 'string') return [];
  const empty = isEmptyNull(container) || (isScalar(container) && container.value === null) || (!isScalar(container) && children(container).length === 0);
  if (!empty) return [];
  const colon = colonAfter(text, container.keyEnd);
  if (colon < 0) return [];
  const valueEnd = isEmptyNull(container) ? colon + 1 : container.end;
  const keyColumn = column(side, container.keyStart);
  if (style.format === 'json') {
    const [open, close] = as === 'map' ? ['{', '}'] : ['[', ']'];
    const inner = lineIndent(side, container.keyStart) + style.indent.size;
    const body = isPretty(side)
      ? `${style.eol}${indentText(style.indent, inner)}${place(what.flow(), inner, style, false)}${style.eol}${indentText(style.indent, inner - style.indent.size)}`
      : place(compact(what.flow()), 0, style, false);
    return [{ start: colon + 1, end: valueEnd, newText: ` ${open}${body}${close}` }];
  }
  if (as === 'map') {
    const col = keyColumn + style.indent.size;
    return [{ start: colon + 1, end: valueEnd, newText: `${style.eol}${indentText(style.indent, col)}${place(what.block, col, style, false)}` }];
  }
  const dashCol = keyColumn + style.seqIndent;
  return [{ start: colon + 1, end: valueEnd, newText: `${style.eol}${indentText(style.indent, dashCol)}- ${place(what.block, dashCol + 2, style, false)}` }];
}

/** Deletes a map entry or sequence item with its separator (flow) or its lines (block). */
export function deleteChild(side: EditSide, node: JNode): TextEdit[] {
  const { text, lines } = side;
  const container = node.parent;
  if (!container) return [];
  const kids = children(container);
  const i = kids.indexOf(node);
  if (i < 0) return [];
  const start = isSeq(container) && !isFlow(text, container) ? dashBefore(text, node) : nodeStart(node);
  if (start < 0) return [];
  if (isFlow(text, container)) {
    if (i > 0) return [{ start: entryEnd(text, kids[i - 1]), end: entryEnd(text, node), newText: '' }];
    if (kids.length > 1) return [{ start: nodeStart(node), end: nodeStart(kids[1]), newText: '' }];
    return [{ start: container.start + 1, end: container.end - 1, newText: '' }];
  }
  if (startsLine(text, start)) {
    const from = lines.lineStart(lines.position(start).line);
    const lastLine = lines.position(entryEnd(text, node)).line;
    const to = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) : text.length;
    return [{ start: from, end: to, newText: '' }];
  }
  // The first entry of a sequence item shares its line with the dash: pull the next entry up.
  if (kids[i + 1]) return [{ start, end: nodeStart(kids[i + 1]), newText: '' }];
  return [];
}

/** Replaces what follows an entry's colon with a value fragment cut the same way (its line 0 starts after the colon). */
export function replaceEntryValue(side: EditSide, entry: JNode, value: Fragment): TextEdit[] {
  if (typeof entry.key !== 'string') return [];
  const colon = colonAfter(side.text, entry.keyEnd);
  if (colon < 0) return [];
  return [{ start: colon + 1, end: entryEnd(side.text, entry), newText: place(value, column(side, entry.keyStart), side.style, false) }];
}

/** Replaces a node's own text (a scalar or a sequence item). */
export function replaceNode(side: EditSide, node: JNode, newText: string): TextEdit[] {
  return [{ start: node.start, end: entryEnd(side.text, node), newText }];
}
