// Where a removed node goes back: which revision container, and between which
// siblings, so it lands where it was in the base.
import { isMap, isScalar, isSeq, type JMap, type JNode } from '../parse/tree';
import { itemIdentity, ownEntries } from './nodes';
import type { Position } from './containerEdits';

export interface Target {
  /** The revision map or sequence (or empty-valued key) that receives the node. */
  container: JNode;
  position: Position;
  /** When the base parent itself is gone (`properties:`, `parameters:`), it is re-created around the node. */
  wrap?: { key: string; as: 'map' | 'seq' };
}

/** Keys of paths compare with parameter names erased, like the diff matches them. */
function sameKey(a: string | number | null, b: string | number | null): boolean {
  if (a === b) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  return a.replace(/\{[^}]*\}/g, '{}') === b.replace(/\{[^}]*\}/g, '{}');
}

const isEmptyValue = (n: JNode) => isScalar(n) && n.value === null;

/**
 * The container in the revision for a node removed from `baseNode.parent`. The
 * finding's revision location is the surviving parent: either the same container
 * (insert there), or the node above it (re-create the container).
 */
export function targetFor(baseNode: JNode, anchor: JNode): Target | undefined {
  const baseParent = baseNode.parent;
  if (!baseParent) return undefined;
  const sameKind = (isMap(baseParent) && isMap(anchor)) || (isSeq(baseParent) && isSeq(anchor));
  if ((sameKind || isEmptyValue(anchor)) && sameKey(anchor.key, baseParent.key)) {
    if (isMap(anchor) && typeof baseNode.key === 'string' && anchor.entries.has(baseNode.key)) return undefined; // already back
    return { container: anchor, position: isMap(baseParent) ? entryPosition(baseParent, baseNode, anchor) : itemPosition(baseParent.items, baseNode, anchor) };
  }
  const grand = baseParent.parent;
  if (isMap(anchor) && isMap(grand) && typeof baseParent.key === 'string' && !anchor.entries.has(baseParent.key)) {
    return { container: anchor, position: entryPosition(grand, baseParent, anchor), wrap: { key: baseParent.key, as: isSeq(baseParent) ? 'seq' : 'map' } };
  }
  return undefined;
}

/** After the nearest earlier base sibling still present, else before the nearest later one. */
export function entryPosition(baseParent: JMap, baseNode: JNode, container: JNode): Position {
  const siblings = ownEntries(baseParent);
  const i = siblings.indexOf(baseNode);
  const present = (n: JNode) => (isMap(container) && typeof n.key === 'string' ? container.entries.get(n.key) : undefined);
  return nearest(siblings, i, present, container);
}

export function itemPosition(baseItems: JNode[], baseNode: JNode, container: JNode): Position {
  const items = isSeq(container) ? container.items : [];
  const byIdentity = new Map(items.map((n) => [itemIdentity(n), n] as const));
  return nearest(baseItems, baseItems.indexOf(baseNode), (n) => byIdentity.get(itemIdentity(n)), container);
}

function nearest(siblings: JNode[], i: number, present: (n: JNode) => JNode | undefined, container: JNode): Position {
  for (let j = i - 1; j >= 0; j--) {
    const hit = present(siblings[j]);
    if (hit) return { after: hit };
  }
  for (let j = i + 1; j < siblings.length; j++) {
    const hit = present(siblings[j]);
    if (hit) return { before: hit };
  }
  const kids = isMap(container) ? ownEntries(container) : isSeq(container) ? container.items : [];
  return i === 0 && kids.length > 0 ? { before: kids[0] } : {};
}
