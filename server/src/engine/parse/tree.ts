// A small, position-carrying tree for parsed YAML and JSON. The diff walks this
// instead of plain JS values so every node can be mapped back to a line.

export type ScalarValue = string | number | boolean | null;

let lastNodeId = 0;
/** Node ids are unique across all parses in a process, so memo keys never collide. */
export function nextNodeId(): number {
  return ++lastNodeId;
}

interface NodeBase {
  /** Unique per parse; used as a memo key. */
  id: number;
  parent: JMap | JSeq | null;
  /** Key in the parent map, or index in the parent sequence; null for the root. */
  key: string | number | null;
  /** Offsets of the value in the text. */
  start: number;
  end: number;
  /** Offsets of the key in the parent map (equal to start/end for items and the root). */
  keyStart: number;
  keyEnd: number;
}

export interface JMap extends NodeBase {
  kind: 'map';
  entries: Map<string, JNode>;
  /**
   * The `$ref` string of a reference map, set by the parser: following references is
   * the diff's most frequent question, and reading a field of a node already in hand
   * is much cheaper than a lookup in its entries. Absent on maps built elsewhere.
   */
  ref?: string;
}

/** The `$ref` string of a map, or undefined when it is not a reference. */
export function refOfMap(node: JMap): string | undefined {
  if ('ref' in node) return node.ref;
  const r = node.entries.get('$ref');
  return r && r.kind === 'scalar' && typeof r.value === 'string' ? r.value : undefined;
}

export interface JSeq extends NodeBase {
  kind: 'seq';
  items: JNode[];
}

export interface JScalar extends NodeBase {
  kind: 'scalar';
  value: ScalarValue;
}

export type JNode = JMap | JSeq | JScalar;

export function isMap(node: JNode | undefined | null): node is JMap {
  return !!node && node.kind === 'map';
}

export function isSeq(node: JNode | undefined | null): node is JSeq {
  return !!node && node.kind === 'seq';
}

export function isScalar(node: JNode | undefined | null): node is JScalar {
  return !!node && node.kind === 'scalar';
}

/** Child of a map by key, undefined when absent or when the node is not a map. */
export function child(node: JNode | undefined, key: string): JNode | undefined {
  return node && node.kind === 'map' ? node.entries.get(key) : undefined;
}

export function childMap(node: JNode | undefined, key: string): JMap | undefined {
  const c = child(node, key);
  return isMap(c) ? c : undefined;
}

export function childSeq(node: JNode | undefined, key: string): JSeq | undefined {
  const c = child(node, key);
  return isSeq(c) ? c : undefined;
}

export function scalarOf(node: JNode | undefined, key: string): ScalarValue | undefined {
  const c = child(node, key);
  return c && c.kind === 'scalar' ? c.value : undefined;
}

export function stringOf(node: JNode | undefined, key: string): string | undefined {
  const v = scalarOf(node, key);
  return typeof v === 'string' ? v : undefined;
}

export function boolOf(node: JNode | undefined, key: string): boolean {
  return scalarOf(node, key) === true;
}

export function numberOf(node: JNode | undefined, key: string): number | undefined {
  const v = scalarOf(node, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Escapes one JSON pointer token (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + escapePointerToken(t)).join('');
}

/** The JSON pointer of a node, computed from parent links (pointers are not stored, to save memory). */
export function pointerOf(node: JNode): string {
  const parts: string[] = [];
  let cur: JNode | null = node;
  while (cur && cur.key !== null) {
    parts.push(escapePointerToken(cur.key));
    cur = cur.parent;
  }
  return parts.length ? '/' + parts.reverse().join('/') : '';
}

/**
 * Walks a JSON pointer from a root; undefined when any step is missing. A pointer
 * taken from a `$ref` (a URI fragment, starting with "#") is percent-decoded first;
 * a plain pointer (as pointerOf makes) is not, so keys containing "%" stay intact.
 */
export function nodeAtPointer(root: JNode, pointer: string): JNode | undefined {
  if (pointer === '' || pointer === '#') return root;
  const fragment = pointer.startsWith('#');
  const raw = fragment ? pointer.slice(1) : pointer;
  if (!raw.startsWith('/')) return undefined;
  let cur: JNode | undefined = root;
  for (const rawToken of raw.slice(1).split('/')) {
    const token = unescapePointerToken(fragment ? safeDecode(rawToken) : rawToken);
    if (!cur) return undefined;
    if (cur.kind === 'map') cur = cur.entries.get(token);
    else if (cur.kind === 'seq') cur = /^\d+$/.test(token) ? cur.items[Number(token)] : undefined;
    else return undefined;
  }
  return cur;
}

function safeDecode(token: string): string {
  if (!token.includes('%')) return token;
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/**
 * Plain JS value of a subtree, for messages and fixes. Depth and size are bounded,
 * so an aliased "billion laughs" structure cannot expand.
 */
export function toPlain(node: JNode | undefined, depth = 0, budget = { left: 100000 }): unknown {
  if (!node) return undefined;
  if (depth > 200 || --budget.left < 0) return '…';
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map((n) => toPlain(n, depth + 1, budget));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) out[k] = toPlain(v, depth + 1, budget);
      return out;
    }
  }
}
