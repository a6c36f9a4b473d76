// A base node as text for the revision: cut from the base, optionally with marker
// keys (deprecated, x-sunset) added inside, re-indented to the revision's style.
import { parse } from 'yaml';
import { type JMap, type JNode } from '../parse/tree';
import { insertEntry, replaceEntryValue, type EditSide, type Position, type Rendered } from './containerEdits';
import { fragmentFromText, jsonFragment, singleLine, wrapInKey, type Fragment } from './fragment';
import { entryEnd, isFlow, nodeStart, ownEntries } from './nodes';
import { applyEdits, mapOffset } from './textEdits';
import { quotedString, stringLiteral, type TextStyle } from './textStyle';
import type { FixSide, TextEdit } from './types';

/** A boolean, a string (quoted as needed), or text written as is (a value copied from the file). */
export type MarkerValue = boolean | string | { raw: string };

/** Keys to set inside one map of a base node (or of a revision node). */
export interface Marker {
  map: JMap;
  entries: [key: string, value: MarkerValue][];
}

/** Keys after which `deprecated` reads naturally, most preferred first. */
const ANCHOR_KEYS = ['description', 'summary', 'operationId', 'required', 'in', 'name', 'format', 'type', 'title', 'tags'];

export function scalarText(value: MarkerValue, style: TextStyle): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return value.raw;
  return quotedString(value, style);
}

/** Edits that set the marker keys in their map: existing keys get the new value, others are inserted together. */
export function markerEdits(side: EditSide, marker: Marker): TextEdit[] {
  const edits: TextEdit[] = [];
  const fresh: [string, MarkerValue][] = [];
  for (const [key, value] of marker.entries) {
    const existing = marker.map.entries.get(key);
    if (existing && existing.parent === marker.map) edits.push(...replaceEntryValue(side, existing, singleLine(` ${scalarText(value, side.style)}`)));
    else fresh.push([key, value]);
  }
  if (fresh.length === 0) return edits;
  const line = ([k, v]: [string, MarkerValue]) => `${stringLiteral(k, side.style)}: ${scalarText(v, side.style)}`;
  const block: Fragment = { lines: fresh.map((e) => ({ indent: 0, text: line(e) })) };
  const flow: Fragment = { lines: fresh.map((e, i) => ({ indent: 0, text: `${line(e)}${i < fresh.length - 1 ? ',' : ''}` })) };
  const rendered: Rendered = side.style.format === 'json' ? { block: flow, flow: () => flow } : { block, flow: () => flow };
  edits.push(...insertEntry(side, marker.map, rendered, markerPosition(marker.map)));
  return edits;
}

function markerPosition(map: JMap): Position {
  for (const key of ANCHOR_KEYS) {
    const hit = map.entries.get(key);
    if (hit && hit.parent === map) return { after: hit };
  }
  const first = ownEntries(map)[0];
  return first ? { before: first } : {};
}

/**
 * The base node (a map entry with its key, or a sequence item) rendered for the
 * revision. Block form keeps the author's text; flow form (for JSON-like
 * containers in YAML) is the same value written as JSON.
 */
export function renderBaseNode(base: FixSide, node: JNode, markers: Marker[], revStyle: TextStyle): Rendered {
  const edits = markers.flatMap((m) => markerEdits(base, m));
  const text = edits.length ? applyEdits(base.text, edits) : base.text;
  const start = snippetStart(base, node);
  const end = mapOffset(snippetEnd(base, node), edits, true);
  const refColumn = base.lines.position(nodeStart(node)).character;
  const block = fragmentFromText(text, start, end, refColumn, base.style, revStyle);
  const isEntry = typeof node.key === 'string';
  const flow = (): Fragment => {
    if (base.style.format === 'json' || (markers.length === 0 && flowSafe(base.text, node))) return block;
    const relative = block.lines.map((l, i) => (i === 0 ? l.text : l.text ? ' '.repeat(l.indent) + l.text : '')).join('\n');
    const value: unknown = parse(isEntry ? relative : `- ${relative.replace(/\n/g, '\n  ')}`);
    if (isEntry) {
      const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? [String(node.key), null];
      return prefixed(jsonFragment(v, revStyle), `${JSON.stringify(k)}: `);
    }
    return jsonFragment((value as unknown[])[0], revStyle);
  };
  return { block, flow };
}

/** Text that reads the same inside `[...]`/`{...}`: flow collections and scalars other than block scalars. */
function flowSafe(text: string, node: JNode): boolean {
  if (isFlow(text, node)) return true;
  return node.kind === 'scalar' && !/^[|>]/.test(text.slice(node.start, node.start + 1));
}

/** Comment lines right above a block map entry, at its indentation, document it and come back with it. */
function snippetStart(side: FixSide, node: JNode): number {
  const start = nodeStart(node);
  if (side.style.format !== 'yaml' || typeof node.key !== 'string' || isFlow(side.text, node.parent ?? node)) return start;
  const { line, character } = side.lines.position(start);
  if (!/^[ \t]*$/.test(side.lines.lineText(line).slice(0, character))) return start;
  let top = line;
  while (top > 0) {
    const above = side.lines.lineText(top - 1);
    if (!above.trimStart().startsWith('#') || above.length - above.trimStart().length !== character) break;
    top--;
  }
  return top === line ? start : side.lines.lineStart(top) + character;
}

/** A block entry's trailing comment on its last line belongs to it (and markers may be inserted after it). */
function snippetEnd(side: FixSide, node: JNode): number {
  const end = entryEnd(side.text, node);
  if (side.style.format !== 'yaml') return end;
  const lineEnd = side.lines.lineEnd(side.lines.position(end).line);
  return /^\s*(#.*)?$/.test(side.text.slice(end, lineEnd)) ? lineEnd : end;
}

export function prefixed(fragment: Fragment, prefix: string): Fragment {
  return { lines: fragment.lines.map((l, i) => (i === 0 ? { ...l, text: prefix + l.text } : l)) };
}

/** Wraps an entry or item in the container that was removed with it (`properties:`, `parameters:`). */
export function wrapRendered(inner: Rendered, key: string, as: 'map' | 'seq', style: TextStyle): Rendered {
  const json = style.format === 'json';
  return {
    block: wrapInKey(stringLiteral(key, style), inner.block, as, style, json),
    flow: () => wrapInKey(JSON.stringify(key), inner.flow(), as, style, true),
  };
}
