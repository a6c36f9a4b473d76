// A parsed text packed for another thread. A tree of JS objects with parent links
// and Maps would be copied node by node by postMessage; packed, its positions
// travel as one typed array (moved, not copied) and its keys and values as two
// flat arrays, and the receiving thread rebuilds the nodes in one pass, in the
// same shapes the parser makes (so the diff runs as fast on them).
import { LineIndex } from './lineIndex';
import { nextNodeId, type JMap, type JNode, type JSeq, type ScalarValue } from './tree';
import type { ParsedText, TextProblem } from './parseText';

const MAP = 0;
const SEQ = 1;
const SCALAR = 2;

export interface PackedParse {
  format: 'yaml' | 'json';
  errors: TextProblem[];
  warnings: TextProblem[];
  /** Per node in document order: kind, then [keyStart, keyEnd, start, end], then the number of children. */
  kinds: Uint8Array;
  positions: Int32Array;
  counts: Int32Array;
  /** The key of every map child, in document order. */
  keys: string[];
  /** The value of every scalar, in document order. */
  values: ScalarValue[];
  hasRoot: boolean;
}

/**
 * Packs a parse, or returns undefined when its tree shares nodes (YAML anchors and
 * aliases): a flat list cannot say that two places hold one node.
 */
export function packParsed(parsed: ParsedText): PackedParse | undefined {
  if (parsed.anchors) return undefined;
  const order: JNode[] = [];
  const stack: JNode[] = parsed.root ? [parsed.root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    const children = n.kind === 'map' ? [...n.entries.values()] : n.kind === 'seq' ? n.items : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  const kinds = new Uint8Array(order.length);
  const positions = new Int32Array(order.length * 4);
  const counts = new Int32Array(order.length);
  const keys: string[] = [];
  const values: ScalarValue[] = [];
  order.forEach((n, i) => {
    positions[i * 4] = n.keyStart;
    positions[i * 4 + 1] = n.keyEnd;
    positions[i * 4 + 2] = n.start;
    positions[i * 4 + 3] = n.end;
    if (typeof n.key === 'string') keys.push(n.key);
    if (n.kind === 'map') {
      kinds[i] = MAP;
      counts[i] = n.entries.size;
    } else if (n.kind === 'seq') {
      kinds[i] = SEQ;
      counts[i] = n.items.length;
    } else {
      kinds[i] = SCALAR;
      values.push(n.value);
    }
  });
  return { format: parsed.format, errors: parsed.errors, warnings: parsed.warnings, kinds, positions, counts, keys, values, hasRoot: !!parsed.root };
}

/** The typed arrays of a packed parse, to be moved to the other thread instead of copied. */
export function transferablesOf(packed: PackedParse): ArrayBuffer[] {
  return [packed.kinds.buffer, packed.positions.buffer, packed.counts.buffer] as ArrayBuffer[];
}

/** Rebuilds the parse of `text` (the text that was parsed) from its packed form. */
export function unpackParsed(text: string, packed: PackedParse): ParsedText {
  const { kinds, positions, counts, keys, values } = packed;
  let nextKey = 0;
  let nextValue = 0;
  let root: JNode | null = null;
  /** Open collections and how many children each still expects. */
  const open: (JMap | JSeq)[] = [];
  const left: number[] = [];
  for (let i = 0; i < kinds.length; i++) {
    const parent = open.length ? open[open.length - 1] : null;
    const key: string | number | null = parent === null ? null : parent.kind === 'map' ? keys[nextKey++] : parent.items.length;
    const keyStart = positions[i * 4];
    const keyEnd = positions[i * 4 + 1];
    const start = positions[i * 4 + 2];
    const end = positions[i * 4 + 3];
    let node: JNode;
    // Field order as in the parser's Converter: the same hidden classes.
    if (kinds[i] === MAP) node = { kind: 'map', id: nextNodeId(), parent, key, start, end, keyStart, keyEnd, entries: new Map(), ref: undefined };
    else if (kinds[i] === SEQ) node = { kind: 'seq', id: nextNodeId(), parent, key, start, end, keyStart, keyEnd, items: [] };
    else node = { kind: 'scalar', id: nextNodeId(), parent, key, start, end, keyStart, keyEnd, value: values[nextValue++] };
    if (parent === null) root = node;
    else {
      if (parent.kind === 'map') {
        parent.entries.set(key as string, node);
        if (key === '$ref' && node.kind === 'scalar' && typeof node.value === 'string') parent.ref = node.value;
      } else parent.items.push(node);
      left[left.length - 1]--;
    }
    if (node.kind !== 'scalar' && counts[i] > 0) {
      open.push(node);
      left.push(counts[i]);
    }
    while (open.length && left[left.length - 1] === 0) {
      open.pop();
      left.pop();
    }
  }
  return {
    text,
    root: packed.hasRoot ? root : null,
    errors: packed.errors,
    warnings: packed.warnings,
    lines: new LineIndex(text),
    format: packed.format,
    anchors: false,
  };
}
