// Numeric and size bounds of one schema pair: maximum/minimum with both spellings
// of exclusiveness (3.0's boolean that turns `maximum` exclusive, 3.1's number that
// is a bound of its own), string lengths, item and property counts, and multipleOf.
// A bound is compared by what it allows, not keyword by keyword, so moving
// `maximum: 10, exclusiveMaximum: true` to `exclusiveMaximum: 10` is no change.
import { child, isScalar, numberOf, type JMap, type JNode } from '../parse/tree';
import type { PairView } from './pairView';
import type { ValueKind } from './schemaFacts';

export type Side = 'upper' | 'lower';

export interface Bound {
  value: number;
  exclusive: boolean;
  /** The keyword that sets it. */
  node: JNode;
}

type Stem = 'max' | 'min' | 'max-length' | 'min-length' | 'max-items' | 'min-items' | 'max-properties' | 'min-properties';

interface BoundKind {
  /** Rule id stem: "max" -> max-decreased, exclusive-max-decreased. */
  stem: Stem;
  side: Side;
  /** The values it bounds: on a schema whose type rules them out it bounds nothing. */
  of: ValueKind;
  read: (schema: JMap) => Bound | undefined;
}

const count =
  (keyword: string) =>
  (schema: JMap): Bound | undefined => {
    const value = numberOf(schema, keyword);
    return value === undefined ? undefined : { value, exclusive: false, node: child(schema, keyword)! };
  };

const KINDS: BoundKind[] = [
  { stem: 'max', side: 'upper', of: 'number', read: (s) => numericBound(s, 'upper') },
  { stem: 'min', side: 'lower', of: 'number', read: (s) => numericBound(s, 'lower') },
  { stem: 'max-length', side: 'upper', of: 'string', read: count('maxLength') },
  { stem: 'min-length', side: 'lower', of: 'string', read: count('minLength') },
  { stem: 'max-items', side: 'upper', of: 'array', read: count('maxItems') },
  { stem: 'min-items', side: 'lower', of: 'array', read: count('minItems') },
  { stem: 'max-properties', side: 'upper', of: 'object', read: count('maxProperties') },
  { stem: 'min-properties', side: 'lower', of: 'object', read: count('minProperties') },
];

export function compareBounds(v: PairView): void {
  for (const kind of KINDS) if (!v.inert(kind.of)) compareBound(v, kind);
  if (!v.inert('number')) compareMultipleOf(v);
}

/**
 * The tighter of `maximum` (exclusive under 3.0's `exclusiveMaximum: true`) and the
 * numeric `exclusiveMaximum` of 3.1; likewise for the minimum. Either spelling is
 * read in any version: a document mixing them still means what it says.
 */
export function numericBound(schema: JMap, side: Side): Bound | undefined {
  const [inclusiveKey, exclusiveKey] = side === 'upper' ? ['maximum', 'exclusiveMaximum'] : ['minimum', 'exclusiveMinimum'];
  const flag = child(schema, exclusiveKey);
  const inclusive = numberOf(schema, inclusiveKey);
  let best: Bound | undefined =
    inclusive === undefined ? undefined : { value: inclusive, exclusive: isScalar(flag) && flag.value === true, node: child(schema, inclusiveKey)! };
  const exclusive = numberOf(schema, exclusiveKey);
  if (exclusive !== undefined) {
    const own = { value: exclusive, exclusive: true, node: flag! };
    if (!best || tighter(own, best, side)) best = own;
  }
  return best;
}

/** Whether bound `a` allows less than bound `b`. */
function tighter(a: Bound, b: Bound, side: Side): boolean {
  if (a.value !== b.value) return side === 'upper' ? a.value < b.value : a.value > b.value;
  return a.exclusive && !b.exclusive;
}

function compareBound(v: PairView, kind: BoundKind): void {
  const b = kind.read(v.b);
  const r = kind.read(v.r);
  if (!b && !r) return;
  // A lower count of 0 allows what no bound allows: writing or deleting it is no change (0 -> 1 is still an increase).
  if ((!b || !r) && kind.of !== 'number' && kind.side === 'lower' && (b ?? r)!.value === 0) return;
  // exclusive-* ids exist for the numeric bounds only.
  const stemOf = (exclusive: boolean) => (exclusive && (kind.stem === 'max' || kind.stem === 'min') ? (`exclusive-${kind.stem}` as const) : kind.stem);
  if (!b) {
    const keyword = String(r!.node.key);
    // Setting a limit is a warning on requests: whether clients already stay inside it depends on what they send.
    v.emit(`${stemOf(r!.exclusive)}-set`, { keyword, to: r!.value }, v.b, r!.node, { detail: keyword });
    return;
  }
  if (!r) {
    const keyword = String(b.node.key);
    v.emit(`${stemOf(b.exclusive)}-unset`, { keyword, from: b.value }, b.node, v.r, { detail: keyword });
    return;
  }
  if (b.value === r.value && b.exclusive === r.exclusive) return;
  const narrower = tighter(r, b, kind.side);
  const change = (kind.side === 'upper') === narrower ? 'decreased' : 'increased';
  const exclusive = b.exclusive || r.exclusive;
  // Only the exclusiveness changed (3.0's flag): the flag is what the user edited.
  const flagOnly = b.value === r.value;
  const flagKey = kind.side === 'upper' ? 'exclusiveMaximum' : 'exclusiveMinimum';
  const anchorB = flagOnly ? (child(v.b, flagKey) ?? v.b) : b.node;
  const anchorR = flagOnly ? (child(v.r, flagKey) ?? v.r) : r.node;
  const show = (x: Bound) => `${x.value}${exclusive ? (x.exclusive ? ' (exclusive)' : ' (inclusive)') : ''}`;
  const keyword = String(r.node.key);
  const id = `${stemOf(exclusive)}-${change}` as const;
  const params = { keyword, from: show(b), to: show(r) };
  v.emit(id, params, anchorB, anchorR, { detail: keyword });
}

/** Whether `a` is a whole multiple of `b`, allowing for binary fractions (0.3 of 0.1). */
function isMultiple(a: number, b: number): boolean {
  const q = a / b;
  return Math.abs(q - Math.round(q)) < 1e-9 * Math.max(1, Math.abs(q));
}

/**
 * multipleOf: values must be multiples of it. Going from m to a multiple of m allows
 * fewer values (narrowed); going to a divisor of m allows more (widened); anything
 * else (2 -> 3) keeps some values and drops others, so it depends on what is sent.
 */
function compareMultipleOf(v: PairView): void {
  const b = numberOf(v.b, 'multipleOf');
  const r = numberOf(v.r, 'multipleOf');
  if (b === r) return;
  const bNode = child(v.b, 'multipleOf');
  const rNode = child(v.r, 'multipleOf');
  const values = { from: b ?? '', to: r ?? '' };
  if (b === undefined) {
    v.emit('multiple-of-set', values, v.b, rNode);
    return;
  }
  if (r === undefined) {
    v.emit('multiple-of-unset', values, bNode, v.r);
    return;
  }
  if (b <= 0 || r <= 0) return; // not a valid multipleOf: nothing can be said
  v.emit(isMultiple(r, b) ? 'multiple-of-narrowed' : isMultiple(b, r) ? 'multiple-of-widened' : 'multiple-of-changed', values, bNode, rNode);
}
