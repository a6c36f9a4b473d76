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
  isNullable,
  requiredSet,
  subtypeOf,
  typesOf,
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
  // A schema that lists its values (Stripe's `enum: ['']` for "unset"): each value is checked against the other schema.
  const listed = listedScalars(n);
  if (listed?.every((value) => acceptsValue(w, wRefs, value))) return true;
  // A value of n meets one of its anyOf/oneOf branches and every allOf branch: any of these facts may prove it.
  if (branchesAccepted(w, wRefs, n, nRefs, depth, walk)) return true;
  for (const [key, wValue] of w.entries) {
    if (HANDLED.has(key) || ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (sameConstraint(wValue, n.entries.get(key))) continue;
    if (!composedAccepts(key, wValue, wRefs, n, nRefs, depth, walk)) return false;
  }
  if (!typesCover(w, n) || !enumCovers(w, n) || !itemsCover(w, wRefs, n, nRefs, depth, walk)) return false;
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

/** w's allOf holds when each branch accepts n; its anyOf when one does. Any other keyword is not judged. */
function composedAccepts(key: string, wValue: JNode, wRefs: RefResolver, n: JMap, nRefs: RefResolver, depth: number, walk: Walk): boolean {
  if ((key !== 'allOf' && key !== 'anyOf') || !isSeq(wValue)) return false;
  const accepting = (b: JNode) => accepts(wRefs.deref(b), wRefs, n, nRefs, depth + 1, walk);
  return key === 'allOf' ? wValue.items.every(accepting) : wValue.items.some(accepting);
}

/** The same keyword value on both sides, when it holds no $ref (a $ref may point elsewhere in each version). */
function sameConstraint(w: JNode, n: JNode | undefined): boolean {
  const key = valueKey(w);
  return n !== undefined && !key.includes('"$ref"') && !key.startsWith('#') && key === valueKey(n);
}

function typesCover(w: JMap, n: JMap): boolean {
  const wt = typesOf(w);
  if (!wt) return !child(w, 'type');
  const nt = typesOf(n);
  return !!nt && [...nt].every((t) => [...wt].some((u) => subtypeOf(t, u)));
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
  if (wProps) {
    for (const [name, ws] of wProps.entries) {
      const ns = nProps.get(name);
      // A property the narrower schema does not name: it may carry anything, unless that schema admits no others.
      if (ns ? !accepts(wRefs.deref(ws), wRefs, nRefs.deref(ns), nRefs, depth + 1, walk) : !nClosed) return false;
    }
  }
  const extra = child(w, 'additionalProperties');
  if (!extra || (isScalar(extra) && extra.value === true)) return true;
  // Closed (or constrained) extras: only a closed narrower schema whose names the wider one all lists.
  const named = new Set(wProps ? wProps.entries.keys() : []);
  return nClosed && [...nProps.keys()].every((name) => named.has(name));
}

function itemsCover(w: JMap, wRefs: RefResolver, n: JMap, nRefs: RefResolver, depth: number, walk: Walk): boolean {
  const wi = child(w, 'items');
  if (!wi) return true;
  const ni = child(n, 'items');
  return ni !== undefined && accepts(wRefs.deref(wi), wRefs, nRefs.deref(ni), nRefs, depth + 1, walk);
}
