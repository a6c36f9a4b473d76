// Pairs the branches of a oneOf/anyOf/allOf across two versions, so each is compared with its
// counterpart rather than with whatever sits at its index: authors reorder branches, and what names
// a branch is its $ref, its content, its title, or the constant its tag property holds
// (`type: {const: server_vad}`), more than its position.
import { child, childMap, isMap, isScalar, isSeq, type JMap, type JNode } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import { allOfOfOne, requiredSet, str, typesOf, valueKey } from './schemaFacts';

export interface BranchMatch {
  matched: [JNode, JNode][];
  removed: JNode[];
  added: JNode[];
}

/** What weighs in a pair's likeness; a pair below SAME_SHAPE is not matched unless only position is left. */
const SAME_TITLE = 1000;
const SAME_TAG = 500;
const SAME_SHAPE = 100;
const SHARED_NAMES = 50;

/** Pairs composition branches: same $ref, then same content, then the likeliest counterparts, then by position. */
export function matchBranches(bItems: JNode[], rItems: JNode[], bRefs: RefResolver, rRefs: RefResolver): BranchMatch {
  const matched: [JNode, JNode][] = [];
  const bLeft = [...bItems];
  const rLeft = [...rItems];
  // Each branch's key is read once, not once per branch it is held against (a oneOf may have dozens).
  const take = (bKey: (n: JNode) => string | undefined, rKey: (n: JNode) => string | undefined) => {
    const rKeys = rLeft.map(rKey);
    for (let i = 0; i < bLeft.length; i++) {
      const key = bKey(bLeft[i]);
      const j = key === undefined ? -1 : rKeys.indexOf(key);
      if (j !== -1) {
        matched.push([bLeft[i], rLeft[j]]);
        bLeft.splice(i, 1);
        rLeft.splice(j, 1);
        rKeys.splice(j, 1);
        i--;
      }
    }
  };
  take(
    (n) => refName(n, bRefs),
    (n) => refName(n, rRefs),
  );
  if (bLeft.length && rLeft.length)
    take(
      (n) => valueKey(unwrapped(n, bRefs)),
      (n) => valueKey(unwrapped(n, rRefs)),
    );
  if (bLeft.length && rLeft.length) takeLikeliest(bLeft, rLeft, bRefs, rRefs, matched);
  if (bLeft.length === rLeft.length) {
    bLeft.forEach((b, i) => matched.push([b, rLeft[i]]));
    return { matched, removed: [], added: [] };
  }
  return { matched, removed: bLeft, added: rLeft };
}

/** Greedy on likeness, highest first; ties keep the order the branches are written in. */
function takeLikeliest(bLeft: JNode[], rLeft: JNode[], bRefs: RefResolver, rRefs: RefResolver, matched: [JNode, JNode][]): void {
  const bFacts = bLeft.map((n) => factsOf(n, bRefs));
  const rFacts = rLeft.map((n) => factsOf(n, rRefs));
  const pairs: { i: number; j: number; score: number }[] = [];
  for (let i = 0; i < bLeft.length; i++)
    for (let j = 0; j < rLeft.length; j++) {
      const score = likeness(bFacts[i], rFacts[j]);
      if (score >= SAME_SHAPE) pairs.push({ i, j, score });
    }
  pairs.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const bUsed = new Set<number>();
  const rUsed = new Set<number>();
  for (const { i, j } of pairs) {
    if (bUsed.has(i) || rUsed.has(j)) continue;
    bUsed.add(i);
    rUsed.add(j);
    matched.push([bLeft[i], rLeft[j]]);
  }
  const keep = <T>(list: T[], used: Set<number>) => list.filter((_, k) => !used.has(k));
  bLeft.splice(0, bLeft.length, ...keep(bLeft, bUsed));
  rLeft.splice(0, rLeft.length, ...keep(rLeft, rUsed));
}

interface BranchFacts {
  title?: string;
  shape: string;
  names: Set<string>;
  /** Names the branch requires (a branch may be only `required: [...]`, one per way of calling). */
  required: Set<string>;
  /** Values it lists (`enum`, `const`): Stripe's `{enum: [now]}` and `{enum: ['']}` differ only there. */
  values: Set<string>;
  /** Properties fixed to one value (a tag such as `type: {const: server_vad}`): property -> value. */
  tags: Map<string, string>;
}

/** The schema a branch stands for: through $refs and `allOf` wrappers of one branch (which are that branch). */
function unwrapped(node: JNode, refs: RefResolver): JNode | undefined {
  let d = refs.deref(node);
  for (let depth = 0, sole; depth < 8 && isMap(d) && (sole = allOfOfOne(d)); depth++) d = refs.deref(sole);
  return d;
}

function factsOf(branch: JNode, refs: RefResolver): BranchFacts {
  const outer = refs.deref(branch);
  const node = unwrapped(branch, refs);
  if (!isMap(node)) return { shape: '?', names: new Set(), required: new Set(), values: new Set(), tags: new Map() };
  const props = childMap(node, 'properties');
  const tags = new Map<string, string>();
  if (props)
    for (const [name, prop] of props.entries) {
      const fixed = isMap(prop) ? fixedValue(prop) : undefined;
      if (fixed !== undefined) tags.set(name, fixed);
    }
  const names = new Set(props ? props.entries.keys() : []);
  // A title written beside the allOf wrapper names the branch as well as one inside it.
  const title = (isMap(outer) ? str(outer, 'title') : undefined) ?? str(node, 'title');
  const listed = child(node, 'const') ?? child(node, 'enum');
  const values = new Set(isSeq(listed) ? listed.items.map(valueKey) : listed ? [valueKey(listed)] : []);
  return { title, shape: shapeKey(node, refs), names, required: new Set(requiredSet(node).keys()), values, tags };
}

/** The one value a property allows (`const: x`, `enum: [x]`), as a key. */
function fixedValue(prop: JMap): string | undefined {
  const c = child(prop, 'const');
  if (isScalar(c)) return valueKey(c);
  const e = child(prop, 'enum');
  return isSeq(e) && e.items.length === 1 && isScalar(e.items[0]) ? valueKey(e.items[0]) : undefined;
}

function likeness(b: BranchFacts, r: BranchFacts): number {
  let score = 0;
  if (b.title !== undefined && b.title === r.title) score += SAME_TITLE;
  // A tag is the strongest sign: the same value names the same branch, another value another branch.
  for (const [name, value] of b.tags) {
    const other = r.tags.get(name);
    if (other !== undefined) score += other === value ? SAME_TAG : -SAME_TAG;
  }
  if (b.shape === r.shape) score += SAME_SHAPE;
  return score + SHARED_NAMES * (overlap(b.names, r.names) + overlap(b.required, r.required) + overlap(b.values, r.values));
}

/** How much two sets of names share, from 0 (nothing, or both empty) to 1 (the same). */
function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const n of a) if (b.has(n)) shared++;
  return shared === 0 ? 0 : shared / (a.size + b.size - shared);
}

/** Types, listed values, properties; for arrays the shape of their items too (arrays of strings and of integers differ). */
function shapeKey(node: JMap, refs: RefResolver, depth = 0): string {
  const t = typesOf(node);
  const items = t?.has('array') && depth < 4 ? unwrapped(child(node, 'items') ?? node, refs) : undefined;
  const of = isMap(items) && items !== node ? `<${shapeKey(items, refs, depth + 1)}>` : '';
  return `${t ? [...t].sort().join('|') : '-'}${of}:${child(node, 'enum') ? 'enum' : ''}:${child(node, 'properties') ? 'props' : ''}`;
}

/** The name of the component a branch refers to, also through an `allOf` wrapper of one branch. */
function refName(n: JNode, refs: RefResolver): string | undefined {
  let ref = refs.refOf(n);
  const d = ref ? undefined : refs.deref(n);
  const sole = isMap(d) ? allOfOfOne(d) : undefined;
  if (sole) ref = refs.refOf(sole);
  return ref ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
}
