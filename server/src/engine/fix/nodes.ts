// Tree and text helpers the fixes share: finding a finding's node again, where a
// node's text really ends, flow vs block, local $ref resolution and identity of
// sequence items.
import { isMap, isScalar, nodeAtPointer, stringOf, type JMap, type JNode, type JSeq } from '../parse/tree';
import type { SideLocation } from '../types';

/** Offset where a node's text starts: its key when it has one. */
export function nodeStart(node: JNode): number {
  return Math.min(node.keyStart, node.start);
}

/** The node a finding points at on one side: by pointer, checked against the recorded offsets. */
export function findNode(root: JNode, loc: Pick<SideLocation, 'pointer' | 'keyRange' | 'nodeRange'>): JNode | undefined {
  const byPointer = nodeAtPointer(root, loc.pointer);
  if (byPointer && byPointer.keyStart === loc.keyRange.start && byPointer.end === loc.nodeRange.end) return byPointer;
  return findByRange(root, loc.keyRange.start, loc.nodeRange.end) ?? byPointer;
}

function findByRange(node: JNode, keyStart: number, end: number): JNode | undefined {
  let cur: JNode | undefined = node;
  for (let depth = 0; cur && depth < 1000; depth++) {
    if (cur.keyStart === keyStart && cur.end === end) return cur;
    const kids: JNode[] = cur.kind === 'map' ? [...cur.entries.values()] : cur.kind === 'seq' ? cur.items : [];
    cur = kids.find((k) => k.parent === cur && nodeStart(k) <= keyStart && end <= k.end);
  }
  return undefined;
}

/** A map or sequence written with brackets (all of JSON, and YAML flow style). */
export function isFlow(text: string, node: JNode): boolean {
  return node.kind !== 'scalar' && (text[node.start] === '{' || text[node.start] === '[');
}

/** Entries of a map that are written inside it (not merged in through YAML `<<`). */
export function ownEntries(map: JMap): JNode[] {
  return [...map.entries.values()].filter((v) => v.parent === map);
}

/** A null value written as nothing at all (`key:` followed by a line break). */
export function isEmptyNull(node: JNode): boolean {
  return isScalar(node) && node.value === null && node.end <= node.start;
}

/**
 * Offset just after the last character that belongs to a node. The parser's
 * ranges of block collections run on over trailing comments and line breaks,
 * which must stay where they are.
 */
export function contentEnd(text: string, node: JNode): number {
  if (node.kind === 'scalar' || isFlow(text, node)) return trimEnd(text, node.start, node.end);
  const kids = node.kind === 'map' ? ownEntries(node) : node.items.filter((i) => i.parent === node);
  if (kids.length === 0) return trimEnd(text, node.start, node.end);
  let last = kids[0];
  for (const k of kids) if (k.end >= last.end) last = k;
  return entryEnd(text, last);
}

/** End of a map entry or sequence item including its key (and the colon of a key without a value). */
export function entryEnd(text: string, node: JNode): number {
  if (isEmptyNull(node) && node.key !== null && typeof node.key === 'string') {
    const colon = colonAfter(text, node.keyEnd);
    return colon >= 0 ? colon + 1 : node.keyEnd;
  }
  // Items and the root have keyEnd == end (their whole range), which would count trailing line breaks.
  return typeof node.key === 'string' ? Math.max(contentEnd(text, node), node.keyEnd) : contentEnd(text, node);
}

function trimEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** Offset of the ':' after a key, or -1. */
export function colonAfter(text: string, keyEnd: number): number {
  for (let i = keyEnd; i < text.length && i < keyEnd + 1000; i++) {
    const c = text[i];
    if (c === ':') return i;
    if (c !== ' ' && c !== '\t' && c !== '"' && c !== "'" && c !== '\r' && c !== '\n') return -1;
  }
  return -1;
}

/** Offset of the '-' that introduces a block sequence item, or -1 for flow items. */
export function dashBefore(text: string, item: JNode): number {
  let i = item.start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && text[i] === '-' ? i : -1;
}

/** True when only whitespace precedes the offset on its line. */
export function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    if (text[i] === '\n') return true;
    if (text[i] !== ' ' && text[i] !== '\t') return false;
  }
  return true;
}

/** Follows local `#/...` references inside one document (fixes never leave the file). */
export function localDeref(root: JNode, node: JNode | undefined): JNode | undefined {
  let cur = node;
  for (let hops = 0; cur && hops < 32; hops++) {
    const ref = isMap(cur) ? stringOf(cur, '$ref') : undefined;
    if (ref === undefined) return cur;
    if (!ref.startsWith('#')) return undefined;
    cur = nodeAtPointer(root, ref);
  }
  return undefined;
}

/** What makes a sequence item the same item on both sides: its value, its $ref, or a parameter's (in, name). */
export function itemIdentity(node: JNode): string {
  if (isScalar(node)) return `v:${JSON.stringify(node.value)}`;
  if (isMap(node)) {
    const ref = stringOf(node, '$ref');
    if (ref !== undefined) return `ref:${ref}`;
    const name = stringOf(node, 'name');
    if (name !== undefined) return `param:${stringOf(node, 'in') ?? ''}:${name}`;
  }
  return `n:${node.kind}:${node.start}`;
}

export type Container = JMap | JSeq;
