// A schema that gained or lost a composition wrapper. `x` -> `allOf: [x]` (or oneOf /
// anyOf of one branch) is the same schema: a common refactor, e.g. to put a
// description or `nullable` beside a `$ref` in 3.0. `x` -> `oneOf: [x, y]` wraps it
// among other shapes. Either way the branch it became is compared with it, instead
// of reporting the branches as added and the old keywords as removed.
import { child, isMap, isScalar, isSeq, type JMap, type JNode, type JSeq } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import { branchLabel, type PairComparison } from './schemaDiff';
import { allOfOfOne, ANNOTATION_KEYWORDS, isAnnotationOnly, isNullBranch, typesOf, typesOfDistinctBranches, valueKey } from './schemaFacts';
import { acceptsEveryValueOf } from './schemaSubsumption';
import { emitTypeListChange } from './typeListDiff';

const KINDS = ['oneOf', 'anyOf', 'allOf'] as const;
type Kind = (typeof KINDS)[number];

/** Keys beside a wrapper that do not change what it accepts (nullability is compared on the wrapper itself). */
const PASSIVE = new Set([...ANNOTATION_KEYWORDS, 'nullable', 'x-nullable']);

interface Wrapper {
  kind: Kind;
  list: JSeq;
  /** Branches other than `{type: null}` (that one is nullability). */
  branches: JNode[];
}

/** The schema's only composition, when nothing else beside it constrains values. */
function wrapperOf(schema: JMap, refs: RefResolver): Wrapper | undefined {
  let found: Wrapper | undefined;
  for (const [key, value] of schema.entries) {
    if ((KINDS as readonly string[]).includes(key)) {
      if (found || !isSeq(value)) return undefined;
      found = { kind: key as Kind, list: value, branches: value.items.filter((n) => !isNullBranch(n, refs)) };
    } else if (!PASSIVE.has(key) && !key.startsWith('x-')) return undefined;
  }
  return found && found.branches.length > 0 ? found : undefined;
}

function composes(schema: JMap): boolean {
  return KINDS.some((k) => schema.entries.has(k));
}

/** Returns true when the pair was a wrapping or unwrapping and has been compared. */
export function compareWrapping(pc: PairComparison): boolean {
  const bComposes = composes(pc.b);
  const rComposes = composes(pc.r);
  if (!bComposes && !rComposes) return false;
  // Which branch a schema became is read through the branches' $refs, not only the one compared as a pair.
  return pc.readsThroughRefs(() => compareComposed(pc, bComposes, rComposes));
}

function compareComposed(pc: PairComparison, bComposes: boolean, rComposes: boolean): boolean {
  if (bComposes === rComposes) {
    // allOf [x] is x, whatever x is (an anyOf, a oneOf, a nullable type): compared with the other side as x.
    const bSole = allOfOfOne(pc.b, PASSIVE);
    const rSole = allOfOfOne(pc.r, PASSIVE);
    if ((bSole === undefined) !== (rSole === undefined)) {
      pc.compareNullable();
      pc.diff.compare(bSole ?? pc.b, rSole ?? pc.r, pc.dir, pc.subject, pc.pair, { skipNullable: true });
      return true;
    }
    // allOf [x] -> oneOf [x]: one branch either way, the same schema.
    const bw = wrapperOf(pc.b, pc.bRefs);
    const rw = wrapperOf(pc.r, pc.rRefs);
    if (!bw || !rw || bw.kind === rw.kind || bw.branches.length !== 1 || rw.branches.length !== 1) return false;
    pc.compareNullable();
    pc.diff.compare(bw.branches[0], rw.branches[0], pc.dir, pc.subject, pc.pair, { skipNullable: true });
    return true;
  }
  const w = rComposes ? wrapperOf(pc.r, pc.rRefs) : wrapperOf(pc.b, pc.bRefs);
  if (!w) return false;
  const plain = rComposes ? pc.b : pc.r;
  const refs = rComposes ? pc.rRefs : pc.bRefs;
  if (w.kind !== 'allOf') {
    const split = typeSplit(plain, w.branches, refs);
    if (split) {
      compareTypeSplit(pc, w, split, rComposes);
      return true;
    }
  }
  // allOf [x, y] extending an object merges properties and is compared keyword by keyword; a scalar's allOf is x and more.
  const match = w.branches.length === 1 ? w.branches[0] : w.kind === 'allOf' && objectLike(plain) ? undefined : matchOf(plain, w.branches, refs);
  if (!match) {
    // Split into a oneOf of several shapes, none of them the old schema (e.g. one per required field):
    // a value may now match none or two of them. One finding, not the keywords of each branch as removed.
    if (rComposes && w.kind === 'oneOf') {
      pc.compareNullable();
      pc.emit('wrapped-in-one-of', { branches: `of ${w.branches.map((n) => branchLabel(n, refs)).join(', ')}` }, pc.b, w.list, overlap(pc, w));
      return true;
    }
    return false; // allOf [x, y] extends x: compared keyword by keyword (properties merge through allOf)
  }
  pc.compareNullable();
  const others = w.branches.filter((n) => n !== match);
  if (rComposes) {
    if (w.kind === 'oneOf' && others.length) {
      pc.emit('wrapped-in-one-of', { branches: `with ${others.map((n) => branchLabel(n, refs)).join(', ')}` }, pc.b, w.list, overlap(pc, w));
    }
    for (const o of others) {
      const branch = branchLabel(o, refs);
      if (w.kind === 'anyOf') pc.emit('any-of-added', { branch }, pc.b, o, { detail: branch, circumstance: pc.valuesAlreadyTaken(o) });
      else if (w.kind === 'allOf') {
        if (isAnnotationOnly(refs.deref(o))) pc.emit('all-of-added-annotation-only', { branch }, pc.b, o, { detail: branch });
        else pc.emit('all-of-added', { branch }, pc.b, o, { detail: branch, circumstance: pc.takesEveryValue(o) });
      }
    }
    pc.diff.compare(pc.b, match, pc.dir, pc.subject, pc.pair, { skipNullable: true });
  } else {
    for (const o of others) {
      const branch = branchLabel(o, refs);
      if (w.kind === 'allOf')
        pc.emit(isAnnotationOnly(refs.deref(o)) ? 'all-of-removed-annotation-only' : 'all-of-removed', { branch }, o, pc.r, {
          detail: branch,
          circumstance: pc.branchStillHolds(o),
        });
      else pc.emit(w.kind === 'oneOf' ? 'one-of-removed' : 'any-of-removed', { branch }, o, pc.r, { detail: branch, circumstance: pc.keptValuesOf(o) });
    }
    pc.diff.compare(match, pc.r, pc.dir, pc.subject, pc.pair, { skipNullable: true });
  }
  return true;
}

/** A schema whose values may be objects with properties (or is built by allOf): its allOf extensions merge properties. */
function objectLike(schema: JMap): boolean {
  if (schema.entries.has('properties') || schema.entries.has('required') || schema.entries.has('additionalProperties') || schema.entries.has('allOf'))
    return true;
  const types = typesOf(schema);
  return !types || types.has('object');
}

/**
 * `type: [number, object]` with the object's keywords beside it, and a oneOf/anyOf of one branch per
 * type (`{type: number}`, `{type: object, properties: ...}`), are one schema spelt two ways (3.1).
 * Returns each branch with the type it stands for, when every branch has a type of its own.
 */
function typeSplit(plain: JMap, branches: JNode[], refs: RefResolver): Map<JNode, string> | undefined {
  const plainTypes = isSeq(child(plain, 'type')) ? typesOf(plain) : undefined;
  if (!plainTypes || plainTypes.size < 2) return undefined;
  const distinct = typesOfDistinctBranches(branches, refs);
  if (!distinct) return undefined;
  const split = new Map<JNode, string>();
  for (const [branch, types] of distinct) {
    // The type written as one name (not implied by `properties` or `items`).
    const t = child(refs.deref(branch) as JMap, 'type');
    if (!isScalar(t) || types.size !== 1 || !types.has(String(t.value))) return undefined;
    split.set(branch, String(t.value));
  }
  return split;
}

/** Each branch compared with the type list read as its type; types on one side only narrow or widen the list. */
function compareTypeSplit(pc: PairComparison, w: Wrapper, split: Map<JNode, string>, rComposes: boolean): void {
  pc.compareNullable();
  const plain = rComposes ? pc.b : pc.r;
  const listTypes = typesOf(plain)!;
  const branchTypes = new Set(split.values());
  const typeNode = child(plain, 'type')!;
  if (rComposes) emitTypeListChange(pc, listTypes, branchTypes, typeNode, w.list);
  else emitTypeListChange(pc, branchTypes, listTypes, w.list, typeNode);
  for (const [branch, type] of split) {
    if (!listTypes.has(type)) continue;
    if (rComposes) pc.diff.compare(pc.b, branch, pc.dir, pc.subject, pc.pair, { skipNullable: true, asType: type });
    else pc.diff.compare(branch, pc.r, pc.dir, pc.subject, pc.pair, { skipNullable: true, asType: type });
  }
}

/**
 * A request schema that became a oneOf in which two branches each accept every value it accepted:
 * every client that was valid now matches both and is rejected, not only some.
 */
function overlap(pc: PairComparison, w: Wrapper): { circumstance?: 'overlapping-branches' } {
  if (pc.dir !== 'request') return {};
  let accepting = 0;
  for (const branch of w.branches) {
    const accepts = pc.readsThroughRefs(() => acceptsEveryValueOf({ schema: branch, refs: pc.rRefs }, { schema: pc.b, refs: pc.bRefs }));
    if (accepts && ++accepting === 2) return { circumstance: 'overlapping-branches' };
  }
  return {};
}

/**
 * The branch that is the plain schema: equal content, else the only one of the same type, else,
 * beside branches that only list special values (Stripe's `{type: string, enum: ['']}` for
 * "unset"), the only open one of that type.
 */
function matchOf(plain: JMap, branches: JNode[], refs: RefResolver): JNode | undefined {
  const key = valueKey(plain);
  const same = branches.find((n) => valueKey(refs.deref(n)) === key);
  if (same) return same;
  const types = typesOf(plain);
  if (!types) return undefined;
  const typeKey = [...types].sort().join('|');
  const sameType = branches.filter((n) => {
    const d = refs.deref(n);
    const t = d && d.kind === 'map' ? typesOf(d) : undefined;
    return t !== undefined && [...t].sort().join('|') === typeKey;
  });
  if (sameType.length === 1) return sameType[0];
  if (listsValues(plain)) return undefined;
  const open = sameType.filter((n) => !listsValues(refs.deref(n)));
  return open.length === 1 ? open[0] : undefined;
}

function listsValues(schema: JNode | undefined): boolean {
  return isMap(schema) && (schema.entries.has('enum') || schema.entries.has('const'));
}
