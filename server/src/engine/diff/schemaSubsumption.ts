// Whether one schema accepts every value another accepts. A sufficient check, not a decision
// procedure: `true` is proven keyword by keyword, anything it cannot follow answers `false`. It
// lets a comparison say "every client breaks" only where that is certain (a body split into a
// oneOf whose branches each accept every old body: oneOf then rejects them all).
import { child, childMap, isMap, isScalar, type JMap, type JNode } from '../parse/tree';
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

const MAX_DEPTH = 16;

/** Keywords judged together elsewhere in `accepts` (or that never reject a value). */
const HANDLED = new Set(['type', 'nullable', 'x-nullable', 'required', 'properties', 'additionalProperties', 'items', 'enum', 'readOnly', 'writeOnly']);

export interface Side {
  schema: JNode | undefined;
  refs: RefResolver;
}

/** Every value valid under `narrower` is valid under `wider` (each read with its own version's $refs). */
export function acceptsEveryValueOf(wider: Side, narrower: Side): boolean {
  return accepts(wider.refs.deref(wider.schema), wider.refs, narrower.refs.deref(narrower.schema), narrower.refs, 0);
}

function accepts(w: JNode | undefined, wRefs: RefResolver, n: JNode | undefined, nRefs: RefResolver, depth: number): boolean {
  if (!isMap(w) || !isMap(n) || depth > MAX_DEPTH) return false;
  if (isNullable(n, nRefs) && !isNullable(w, wRefs)) return false;
  for (const key of w.entries.keys()) {
    if (HANDLED.has(key) || ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (!sameConstraint(w.entries.get(key)!, n.entries.get(key))) return false;
  }
  if (!typesCover(w, n) || !enumCovers(w, n) || !itemsCover(w, wRefs, n, nRefs, depth)) return false;
  const nEffective = effectiveProperties(n, nRefs); // once: required and properties both read it
  return requiredCovers(w, nEffective) && propertiesCover(w, wRefs, n, nRefs, nEffective, depth);
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

function propertiesCover(w: JMap, wRefs: RefResolver, n: JMap, nRefs: RefResolver, nEffective: EffectiveProperties, depth: number): boolean {
  const wProps = childMap(w, 'properties');
  const nProps = nEffective.properties;
  const nClosed = isClosed(n, nRefs);
  if (wProps) {
    for (const [name, ws] of wProps.entries) {
      const ns = nProps.get(name);
      // A property the narrower schema does not name: it may carry anything, unless that schema admits no others.
      if (ns ? !accepts(wRefs.deref(ws), wRefs, nRefs.deref(ns), nRefs, depth + 1) : !nClosed) return false;
    }
  }
  const extra = child(w, 'additionalProperties');
  if (!extra || (isScalar(extra) && extra.value === true)) return true;
  // Closed (or constrained) extras: only a closed narrower schema whose names the wider one all lists.
  const named = new Set(wProps ? wProps.entries.keys() : []);
  return nClosed && [...nProps.keys()].every((name) => named.has(name));
}

function itemsCover(w: JMap, wRefs: RefResolver, n: JMap, nRefs: RefResolver, depth: number): boolean {
  const wi = child(w, 'items');
  if (!wi) return true;
  const ni = child(n, 'items');
  return ni !== undefined && accepts(wRefs.deref(wi), wRefs, nRefs.deref(ni), nRefs, depth + 1);
}
