// Whether one schema accepts every value another accepts. A sufficient check, not a decision
// procedure: `true` is proven keyword by keyword, anything it cannot follow answers `false`. It
// lets a comparison say "every client breaks" only where that is certain (a body split into a
// oneOf whose branches each accept every old body: oneOf then rejects them all).
import { child, childMap, childSeq, isMap, isScalar, isSeq, type JMap, type JNode } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import {
  ANNOTATION_KEYWORDS,
  effectiveProperties,
  type EffectiveProperties,
  enumValues,
  isClosed,
  isNullBranch,
  isNullable,
  requiredSet,
  subtypeOf,
  typesOf,
  typesOfDistinctBranches,
  valueKey,
} from './schemaFacts';
import { acceptsValue, listedScalars } from './valueAcceptance';

const MAX_DEPTH = 16;
/** Schema pairs one question may visit: branches of branches (a cycle through `anyOf`) must not multiply without end. */
const MAX_STEPS = 4000;

/** Keywords judged together elsewhere in `accepts` (or that never reject a value). */
const HANDLED = new Set(['type', 'nullable', 'x-nullable', 'required', 'properties', 'additionalProperties', 'items', 'enum', 'readOnly', 'writeOnly']);

interface Walk {
  steps: number;
}

export interface Side {
  schema: JNode | undefined;
  refs: RefResolver;
}

/** Every value valid under `narrower` is valid under `wider` (each read with its own version's $refs). */
export function acceptsEveryValueOf(wider: Side, narrower: Side): boolean {
  return accepts(wider.refs.deref(wider.schema), wider.refs, narrower.refs.deref(narrower.schema), narrower.refs, 0, { steps: 0 });
}

function accepts(w: JNode | undefined, wRefs: RefResolver, n: JNode | undefined, nRefs: RefResolver, depth: number, walk: Walk): boolean {
  if (!isMap(w) || !isMap(n) || depth > MAX_DEPTH || ++walk.steps > MAX_STEPS) return false;
  if (isNullable(n, nRefs) && !isNullable(w, wRefs)) return false;
  // A branch of null only (`{type: 'null'}`) is accepted by what takes null.
  if (isNullBranch(n, nRefs)) return true;
  // A schema that lists its values (Stripe's `enum: ['']` for "unset"): each value is checked against the other schema.
  const listed = listedScalars(n);
  if (listed?.every((value) => acceptsValue(w, wRefs, value))) return true;
  // A value of n meets one of its anyOf/oneOf branches and every allOf branch: any of these facts may prove it.
  if (branchesAccepted(w, wRefs, n, nRefs, depth, walk)) return true;
  for (const [key, wValue] of w.entries) {
    if (HANDLED.has(key) || ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    const nValue = n.entries.get(key);
    if (sameConstraint(wValue, nValue) || (nValue !== undefined && sameThroughRefs(wValue, wRefs, nValue, nRefs, walk))) continue;
    if (key === 'oneOf' && isSeq(wValue) && isSeq(nValue) && sameBranches(wValue.items, wRefs, nValue.items, nRefs, depth, walk)) continue;
    if (!composedAccepts(key, wValue, wRefs, n, nRefs, depth, walk)) return false;
  }
  if (!typesCover(w, n, nRefs) || !enumCovers(w, n) || !itemsCover(w, wRefs, n, nRefs, depth, walk)) return false;
  const nEffective = effectiveProperties(n, nRefs); // once: required and properties both read it
  return requiredCovers(w, nEffective) && propertiesCover(w, wRefs, n, nRefs, nEffective, depth, walk);
}

/** Every anyOf (or oneOf) branch of n is accepted by w, or one allOf branch of n is. */
function branchesAccepted(w: JMap, wRefs: RefResolver, n: JMap, nRefs: RefResolver, depth: number, walk: Walk): boolean {
  const accepted = (b: JNode) => accepts(w, wRefs, nRefs.deref(b), nRefs, depth + 1, walk);
  for (const key of ['anyOf', 'oneOf']) {
    const list = childSeq(n, key);
    if (list && list.items.length && list.items.every(accepted)) return true;
  }
  const all = childSeq(n, 'allOf');
  return !!all && all.items.some(accepted);
}

/**
 * w's allOf holds when each branch accepts n; its anyOf when one does, and so its oneOf when no value can
 * match two of its branches (each has a type of its own). Any other keyword is not judged.
 */
function composedAccepts(key: string, wValue: JNode, wRefs: RefResolver, n: JMap, nRefs: RefResolver, depth: number, walk: Walk): boolean {
  if (!isSeq(wValue) || !(key === 'allOf' || key === 'anyOf' || (key === 'oneOf' && typesOfDistinctBranches(wValue.items, wRefs)))) return false;
  const accepting = (b: JNode) => accepts(wRefs.deref(b), wRefs, n, nRefs, depth + 1, walk);
  return key === 'allOf' ? wValue.items.every(accepting) : wValue.items.some(accepting);
}

/**
 * Two lists of branches that accept the same values one for one (each pair proven both ways): a oneOf of
 * either accepts the same values, whichever branches overlap. A component refactored without changing
 * what it accepts, inside a oneOf, is one.
 */
function sameBranches(wItems: JNode[], wRefs: RefResolver, nItems: JNode[], nRefs: RefResolver, depth: number, walk: Walk): boolean {
  if (wItems.length !== nItems.length) return false;
  const left = [...wItems];
  return nItems.every((nb) => {
    const n = nRefs.deref(nb);
    const i = left.findIndex((wb) => {
      const w = wRefs.deref(wb);
      return accepts(w, wRefs, n, nRefs, depth + 1, walk) && accepts(n, nRefs, w, wRefs, depth + 1, walk);
    });
    return i !== -1 && left.splice(i, 1).length === 1;
  });
}

/**
 * The same value on both sides, read through the $refs of each version (a oneOf of the same component
 * schemas, say): what accepts the same values. Costs steps of the walk; a cycle or the budget answers false.
 */
function sameThroughRefs(a: JNode, aRefs: RefResolver, b: JNode, bRefs: RefResolver, walk: Walk, depth = 0): boolean {
  if (depth > MAX_DEPTH || ++walk.steps > MAX_STEPS) return false;
  const x = aRefs.deref(a);
  const y = bRefs.deref(b);
  if (x === undefined || y === undefined || x.kind !== y.kind) return false;
  if (x.kind === 'scalar') return y.kind === 'scalar' && x.value === y.value;
  if (x.kind === 'seq')
    return (
      y.kind === 'seq' && x.items.length === y.items.length && x.items.every((item, i) => sameThroughRefs(item, aRefs, y.items[i], bRefs, walk, depth + 1))
    );
  if (y.kind !== 'map') return false;
  // Descriptions and examples may differ: they do not change what a schema accepts.
  const constraining = (m: typeof x) => [...m.entries.keys()].filter((k) => !ANNOTATION_KEYWORDS.has(k));
  const keys = constraining(x);
  if (keys.length !== constraining(y).length) return false;
  return keys.every((key) => {
    const other = y.entries.get(key);
    return other !== undefined && sameThroughRefs(x.entries.get(key)!, aRefs, other, bRefs, walk, depth + 1);
  });
}

/** The same keyword value on both sides, when it holds no $ref (a $ref may point elsewhere in each version). */
function sameConstraint(w: JNode, n: JNode | undefined): boolean {
  const key = valueKey(w);
  return n !== undefined && !key.includes('"$ref"') && !key.startsWith('#') && key === valueKey(n);
}

function typesCover(w: JMap, n: JMap, nRefs: RefResolver): boolean {
  const wt = typesOf(w);
  if (!wt) return !child(w, 'type');
  const nt = typesOf(n) ?? typesOfSomeAllOfBranch(n, nRefs);
  return !!nt && [...nt].every((t) => [...wt].some((u) => subtypeOf(t, u)));
}

/** An untyped allOf's values meet every branch, so they have the types of any typed one (`allOf: [{type: object, ...}, ...]`). */
function typesOfSomeAllOfBranch(n: JMap, nRefs: RefResolver): Set<string> | undefined {
  for (const branch of childSeq(n, 'allOf')?.items ?? []) {
    const d = nRefs.deref(branch);
    const types = isMap(d) && !child(d, 'allOf') ? typesOf(d) : undefined;
    if (types) return types;
  }
  return undefined;
}

function enumCovers(w: JMap, n: JMap): boolean {
  const we = enumValues(w);
  if (!we) return true;
  const ne = enumValues(n);
  return !!ne && [...ne.keys()].every((k) => we.has(k));
}

function requiredCovers(w: JMap, n: EffectiveProperties): boolean {
  return [...requiredSet(w).keys()].every((name) => n.required.has(name));
}

function propertiesCover(w: JMap, wRefs: RefResolver, n: JMap, nRefs: RefResolver, nEffective: EffectiveProperties, depth: number, walk: Walk): boolean {
  const wProps = childMap(w, 'properties');
  const nProps = nEffective.properties;
  const nClosed = isClosed(n, nRefs);
  // What the narrower schema's undeclared properties may hold: nothing (closed), a schema, or anything. Names
  // its patternProperties match hold what those say instead: not followed (anything).
  const nExtra = nClosed || child(n, 'patternProperties') ? undefined : nRefs.deref(child(n, 'additionalProperties'));
  const nExtraSchema = isMap(nExtra) ? nExtra : undefined;
  const acceptsExtras = (ws: JNode | undefined) => nClosed || (nExtraSchema !== undefined && accepts(ws, wRefs, nExtraSchema, nRefs, depth + 1, walk));
  if (wProps) {
    for (const [name, ws] of wProps.entries) {
      const ns = nProps.get(name);
      // A property the narrower schema does not name holds what its undeclared properties may hold.
      if (ns ? !accepts(wRefs.deref(ws), wRefs, nRefs.deref(ns), nRefs, depth + 1, walk) : !acceptsExtras(wRefs.deref(ws))) return false;
    }
  }
  const extra = child(w, 'additionalProperties');
  if (!extra || (isScalar(extra) && extra.value === true)) return true;
  const named = new Set(wProps ? wProps.entries.keys() : []);
  const unnamed = [...nProps.entries()].filter(([name]) => !named.has(name));
  // Closed extras: only a closed narrower schema whose names the wider one all lists.
  if (isScalar(extra)) return extra.value === false && nClosed && unnamed.length === 0;
  // Extras bound to a schema: the narrower schema's other properties, and its own extras, must meet it.
  const wExtra = wRefs.deref(extra);
  return unnamed.every(([, ns]) => accepts(wExtra, wRefs, nRefs.deref(ns), nRefs, depth + 1, walk)) && acceptsExtras(wExtra);
}

function itemsCover(w: JMap, wRefs: RefResolver, n: JMap, nRefs: RefResolver, depth: number, walk: Walk): boolean {
  const wi = child(w, 'items');
  if (!wi) return true;
  const ni = child(n, 'items');
  return ni !== undefined && accepts(wRefs.deref(wi), wRefs, nRefs.deref(ni), nRefs, depth + 1, walk);
}
