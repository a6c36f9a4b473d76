// A copy of a parsed text with its own nodes. Opening a spec that equals its base
// (the usual case: nothing edited yet) needs two trees of the same text -- the base
// stays as it is, the revision is updated in place as the user types -- and
// copying a 4 MB spec's tree costs a fraction of parsing it again.
import type { ParsedText } from './parseText';
import { nextNodeId, refOfMap, type JMap, type JNode, type JSeq } from './tree';

/** Same text, positions and structure (YAML aliases stay shared), new node objects and ids. */
export function cloneParsed(parsed: ParsedText): ParsedText {
  // A new tree starts a new edit log.
  return { ...parsed, root: parsed.root ? cloneTree(parsed.root) : null, errors: [...parsed.errors], warnings: [...parsed.warnings], editLog: undefined };
}

function cloneTree(root: JNode): JNode {
  const copies = new Map<JNode, JNode>();
  const pending: JNode[] = [];
  const copyOf = (n: JNode): JNode => {
    let c = copies.get(n);
    if (!c) {
      c = shell(n);
      copies.set(n, c);
      pending.push(n);
    }
    return c;
  };
  const out = copyOf(root);
  // Every node reachable through children or parent links is copied once, so a
  // node reached twice (an alias, a merged entry) is one shared copy, as before.
  for (let n = pending.pop(); n; n = pending.pop()) {
    const c = copies.get(n)!;
    c.parent = n.parent ? (copyOf(n.parent) as JMap | JSeq) : null;
    if (n.kind === 'map') for (const [k, v] of n.entries) (c as JMap).entries.set(k, copyOf(v));
    else if (n.kind === 'seq') for (const v of n.items) (c as JSeq).items.push(copyOf(v));
  }
  return out;
}

/** The node's own fields, in the order the parser creates them (same object shapes, same speed). */
function shell(n: JNode): JNode {
  const { key, start, end, keyStart, keyEnd } = n;
  switch (n.kind) {
    case 'map':
      return { kind: 'map', id: nextNodeId(), parent: null, key, start, end, keyStart, keyEnd, entries: new Map(), ref: refOfMap(n) };
    case 'seq':
      return { kind: 'seq', id: nextNodeId(), parent: null, key, start, end, keyStart, keyEnd, items: [] };
    case 'scalar':
      return { kind: 'scalar', id: nextNodeId(), parent: null, key, start, end, keyStart, keyEnd, value: n.value };
  }
}
