// Lists of types: a 3.1 `type` array (`[string, integer]`) or a oneOf/anyOf whose
// branches are bare types (`oneOf: [{type: string}, {type: integer}]`),
// the two spellings oasdiff's list-of-types rules cover. Types gained widen what is
// valid, types lost narrow it; the spelling itself does not matter, so moving
// between a type array and such a oneOf is no change.
import { child, childSeq, isMap, isScalar, type JMap, type JNode } from '../parse/tree';
import type { PairView } from './pairView';
import { subtypeOf, typesOf } from './schemaFacts';

export interface TypeList {
  types: Set<string>;
  /** Where the list is written: `type`, or the composition keyword it replaces. */
  from: 'type' | 'oneOf' | 'anyOf';
  node: JNode;
}

/** Keys a branch may have and still be "just a type". */
const BARE_BRANCH_KEYS = new Set(['type', 'title', 'description']);

/**
 * Branches are read as written, never through `$ref`s: a type list behind a
 * reference would be a comparison the live diff cannot see from the pair graph.
 */
export function typeListOf(schema: JMap): TypeList | undefined {
  const type = child(schema, 'type');
  if (type) {
    const types = typesOf(schema);
    return types ? { types, from: 'type', node: type } : undefined;
  }
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const list = childSeq(schema, kind);
    if (!list || list.items.length === 0) continue;
    const types = new Set<string>();
    for (const branch of list.items) {
      if (!isMap(branch) || branch.ref !== undefined) return undefined;
      for (const k of branch.entries.keys()) if (!BARE_BRANCH_KEYS.has(k)) return undefined;
      const t = child(branch, 'type');
      // `{type: object}` with nothing else is any object: as much a bare type as `{type: string}`.
      if (!isScalar(t) || typeof t.value !== 'string') return undefined;
      if (t.value !== 'null') types.add(t.value); // null is nullability, compared on its own
    }
    // oneOf wants exactly one match: with integer and number both listed, integers match two and are invalid.
    if (kind === 'oneOf' && types.has('integer') && types.has('number')) return undefined;
    return types.size ? { types, from: kind, node: list } : undefined;
  }
  return undefined;
}

/**
 * Compares the pair as lists of types when either side is one (several types, or a
 * oneOf/anyOf of bare types). Returns the composition keywords it accounted for
 * (their branches need no comparison of their own), or undefined when the pair is
 * not about lists of types and the ordinary type comparison applies.
 */
export function compareTypeLists(v: PairView): Set<string> | undefined {
  const b = typeListOf(v.b);
  const r = typeListOf(v.r);
  if (!b || !r) return undefined;
  if (b.from === 'type' && r.from === 'type' && b.types.size <= 1 && r.types.size <= 1) return undefined;
  emitTypeListChange(v, b.types, r.types, b.node, r.node);
  const consumed = new Set<string>();
  if (b.from !== 'type') consumed.add(b.from);
  if (r.from !== 'type') consumed.add(r.from);
  return consumed;
}

/** Types lost narrow what is valid, types gained widen it: one finding each way. */
export function emitTypeListChange(v: PairView, bTypes: ReadonlySet<string>, rTypes: ReadonlySet<string>, bNode: JNode, rNode: JNode): void {
  const covered = (t: string, by: ReadonlySet<string>) => [...by].some((u) => subtypeOf(t, u));
  const lost = [...bTypes].filter((t) => !covered(t, rTypes));
  const gained = [...rTypes].filter((t) => !covered(t, bTypes));
  const show = (s: Iterable<string>) => [...s].join(' | ');
  const params = { from: show(bTypes), to: show(rTypes), lost: lost.join(' or '), gained: gained.join(' or ') };
  if (lost.length) v.emit('list-of-types-narrowed', params, bNode, rNode, { detail: 'narrowed' });
  if (gained.length) v.emit('list-of-types-widened', params, bNode, rNode, { detail: 'widened' });
}
