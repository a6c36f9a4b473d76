// Reads the facts of one schema node that the comparison needs, hiding the
// differences between 2.0, 3.0 and 3.1 spellings (nullable vs type: [.., "null"]).
import { createHash } from 'node:crypto';
import { child, childMap, childSeq, isMap, isScalar, isSeq, numberOf, scalarOf, stringOf, type JMap, type JNode } from '../parse/tree';
import type { RefResolver } from '../model/refs';

/** Every value of type `a` is also a value of type `b` (JSON Schema: integers are numbers). */
export function subtypeOf(a: string, b: string): boolean {
  return a === b || (a === 'integer' && b === 'number');
}

/** The kinds of value a validation keyword looks at: on any other value it passes (JSON Schema's type-specific keywords). */
export type ValueKind = 'number' | 'string' | 'array' | 'object';

const KIND_BIT: Record<ValueKind, number> = { number: 1, string: 2, array: 4, object: 8 };
const ALL_KINDS = 15;

/** The kind's bit in an `inertKinds` mask. */
export function kindBit(kind: ValueKind): number {
  return KIND_BIT[kind];
}

/**
 * The kinds of value the schema's written `type` rules out (a bit each), so keywords for them constrain
 * nothing there (`maxItems` on a string, `maxLength` on an integer). `asType`: the schema is read as that
 * one type of its type list. No `type`: nothing is ruled out.
 */
export function inertKinds(schema: JMap, asType?: string): number {
  const names = asType ? [asType] : declaredTypes(schema);
  if (!names) return 0;
  let allowed = 0;
  for (const n of names) allowed |= n === 'integer' ? KIND_BIT.number : (KIND_BIT[n as ValueKind] ?? 0);
  return ALL_KINDS & ~allowed;
}

/** The types a schema's `type` names as written ('null' included), or undefined when it names none (then any type is allowed). */
export function declaredTypes(schema: JMap): string[] | undefined {
  const t = child(schema, 'type');
  if (isScalar(t)) return typeof t.value === 'string' ? [t.value] : undefined;
  return isSeq(t) ? t.items.flatMap((i) => (isScalar(i) && typeof i.value === 'string' ? [i.value] : [])) : undefined;
}

/** A schema whose `type` allows only null (`type: 'null'`, 3.1). */
export function takesOnlyNull(schema: JMap): boolean {
  // Asked of every schema pair compared: read in place, no list built.
  const t = child(schema, 'type');
  if (isScalar(t)) return t.value === 'null';
  return isSeq(t) && t.items.length > 0 && t.items.every((i) => isScalar(i) && i.value === 'null');
}

/** The JSON Schema type of a scalar value: a whole number is an integer (and so also a number). */
export function typeOfValue(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The types of the scalars an untyped enum lists (`[a, 1]`: string, integer), or undefined when it lists none or not only scalars. */
export function typesOfValues(schema: JMap): Set<string> | undefined {
  const values = childSeq(schema, 'enum')?.items;
  if (!values?.length) return undefined;
  const types = new Set<string>();
  for (const v of values) {
    if (!isScalar(v)) return undefined;
    if (v.value !== null) types.add(typeOfValue(v.value));
  }
  return types;
}

/** The types a oneOf/anyOf's branches take together, or undefined when there is none or a branch takes any type. */
export function typesOfBranches(schema: JMap, refs: RefResolver, depth = 0): Set<string> | undefined {
  const list = childSeq(schema, 'oneOf') ?? childSeq(schema, 'anyOf');
  if (!list || list.items.length === 0 || depth > 8) return undefined;
  const out = new Set<string>();
  for (const branch of list.items) {
    const d = refs.deref(branch);
    const types = isMap(d) ? (typesOf(d) ?? typesOfValues(d) ?? typesOfBranches(d, refs, depth + 1)) : undefined;
    if (!types) return undefined;
    for (const t of types) out.add(t);
  }
  return out;
}

export function typesOf(schema: JMap): Set<string> | undefined {
  const t = child(schema, 'type');
  const out = new Set<string>();
  if (isScalar(t) && typeof t.value === 'string') out.add(t.value);
  else if (isSeq(t)) for (const i of t.items) if (isScalar(i) && typeof i.value === 'string') out.add(i.value);
  out.delete('null');
  if (out.size === 0) {
    if (child(schema, 'properties') || child(schema, 'additionalProperties')) out.add('object');
    else if (child(schema, 'items')) out.add('array');
  }
  return out.size ? out : undefined;
}

/**
 * Each branch's types when no value can match two branches: every branch has a type of its own, takes no
 * null, and shares no type with another (an integer matches an integer and a number branch alike).
 */
export function typesOfDistinctBranches(branches: readonly JNode[], refs: RefResolver): Map<JNode, Set<string>> | undefined {
  const out = new Map<JNode, Set<string>>();
  const seen = new Set<string>();
  for (const branch of branches) {
    const d = refs.deref(branch);
    const types = isMap(d) ? typesOf(d) : undefined;
    if (!types || isNullable(d as JMap, refs)) return undefined;
    for (const t of types) if (seen.has(t) || (t === 'integer' && seen.has('number')) || (t === 'number' && seen.has('integer'))) return undefined;
    for (const t of types) seen.add(t);
    out.set(branch, types);
  }
  return out;
}

/**
 * The branch of an `allOf` of one, when nothing beside it constrains values (annotations, extensions and
 * the keys in `besides` may be there): such a schema is that branch.
 */
export function allOfOfOne(schema: JMap, besides?: ReadonlySet<string>): JNode | undefined {
  const all = childSeq(schema, 'allOf');
  if (all?.items.length !== 1) return undefined;
  for (const key of schema.entries.keys())
    if (key !== 'allOf' && !ANNOTATION_KEYWORDS.has(key) && !key.startsWith('x-') && !besides?.has(key)) return undefined;
  return all.items[0];
}

export function isNullBranch(node: JNode | undefined, refs: RefResolver, depth = 0): boolean {
  const s = refs.deref(node);
  if (!isMap(s)) return false;
  const t = child(s, 'type');
  if (isScalar(t) && t.value === 'null') return true;
  // `allOf: [{type: 'null'}]` is that branch.
  const sole = depth < 16 ? allOfOfOne(s) : undefined;
  if (sole) return isNullBranch(sole, refs, depth + 1);
  const e = childSeq(s, 'enum');
  return !!e && e.items.length === 1 && isScalar(e.items[0]) && e.items[0].value === null && !t;
}

export function isNullable(schema: JMap, refs: RefResolver, depth = 0): boolean {
  if (scalarOf(schema, 'nullable') === true || scalarOf(schema, 'x-nullable') === true) return true;
  const t = child(schema, 'type');
  if (isSeq(t) && t.items.some((i) => isScalar(i) && i.value === 'null')) return true;
  if (isScalar(t) && t.value === 'null') return true;
  for (const k of ['oneOf', 'anyOf']) {
    const list = childSeq(schema, k);
    if (list && list.items.some((b) => isNullBranch(b, refs))) return true;
  }
  // null meets an allOf when it meets every branch: `allOf: [{anyOf: [x, {type: 'null'}]}]` is as nullable as its branch.
  const all = childSeq(schema, 'allOf');
  if (all?.items.length && !t && depth < 16)
    return all.items.every((b) => {
      const d = refs.deref(b);
      return isMap(d) && isNullable(d, refs, depth + 1);
    });
  const e = childSeq(schema, 'enum');
  return !!e && e.items.some((i) => isScalar(i) && i.value === null);
}

/** Whether the schema constrains its type in any way (otherwise "no type" means "anything"). */
export function hasComposition(schema: JMap): boolean {
  return !!(child(schema, 'oneOf') || child(schema, 'anyOf') || child(schema, 'allOf') || child(schema, '$ref') || child(schema, 'not'));
}

/**
 * A schema that takes values of every type, null included: no `type`, no listed values, no
 * composition, and no `properties`/`items` that are read as the type they imply.
 */
export function takesAnyType(schema: JMap): boolean {
  return !child(schema, 'type') && !typesOf(schema) && !hasComposition(schema) && !child(schema, 'enum') && !child(schema, 'const');
}

export function enumValues(schema: JMap): Map<string, JNode> | undefined {
  const e = childSeq(schema, 'enum');
  if (!e) return undefined;
  const out = new Map<string, JNode>();
  for (const item of e.items) {
    if (isScalar(item) && item.value === null) continue; // null is nullability, compared separately
    out.set(valueKey(item), item);
  }
  return out;
}

/** Values larger than this are not compared by content (an alias bomb must not expand). */
const VALUE_KEY_BUDGET = 2000;

/** A stable text key for comparing scalar (and small structured) values; unique per node when too large. */
export function valueKey(node: JNode | undefined): string {
  if (!node) return 'undefined';
  if (isScalar(node)) return JSON.stringify(node.value);
  const budget = { left: VALUE_KEY_BUDGET };
  const plain = plainSorted(node, 0, budget);
  return budget.left < 0 ? dagHash(node, new Map()) : JSON.stringify(plain);
}

/** Content hash of a subtree that visits each shared (aliased) node once, so it stays linear. */
function dagHash(node: JNode, memo: Map<JNode, string>): string {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let text: string;
  if (node.kind === 'scalar') text = JSON.stringify(node.value);
  else if (node.kind === 'seq') text = `[${node.items.map((n) => dagHash(n, memo)).join(',')}]`;
  else
    text = `{${[...node.entries.keys()]
      .sort()
      .map((k) => `${JSON.stringify(k)}:${dagHash(node.entries.get(k)!, memo)}`)
      .join(',')}}`;
  const h = text.length > 64 ? '#' + createHash('sha1').update(text).digest('hex') : text;
  memo.set(node, h);
  return h;
}

function plainSorted(node: JNode, depth: number, budget: { left: number }): unknown {
  if (--budget.left < 0 || depth > 50) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map((n) => plainSorted(n, depth + 1, budget));
  const keys = [...node.entries.keys()].sort();
  const o: Record<string, unknown> = {};
  for (const k of keys) o[k] = plainSorted(node.entries.get(k)!, depth + 1, budget);
  return o;
}

export function requiredSet(schema: JMap): Map<string, JNode> {
  const out = new Map<string, JNode>();
  const r = childSeq(schema, 'required');
  if (r) for (const i of r.items) if (isScalar(i) && typeof i.value === 'string') out.set(i.value, i);
  return out;
}

export interface EffectiveProperties {
  properties: Map<string, JNode>;
  required: Map<string, JNode>;
  /** The `properties` map a removal is anchored on (the schema's own, else the schema). */
  anchor: JNode;
  /** For a property an allOf branch contributes (not the schema's own): that branch, as listed under `allOf`. */
  branchOf: Map<string, JNode>;
  /**
   * Properties defined more than once (in several allOf branches, or in one and the schema's own):
   * every definition with its branch (none: the schema's own), in order. A value must meet them all;
   * `properties` holds the last, the comparison picks the one that matches the other side.
   */
  definitions?: Map<string, PropertyDefinition[]>;
}

export interface PropertyDefinition {
  node: JNode;
  branch?: JNode;
}

/**
 * Own properties plus those contributed by allOf branches, so moving properties
 * into or out of an allOf (a common refactor) is not reported as removal.
 */
export function effectiveProperties(schema: JMap, refs: RefResolver, depth = 0): EffectiveProperties {
  const properties = new Map<string, JNode>();
  const required = new Map<string, JNode>();
  const branchOf = new Map<string, JNode>();
  let definitions: Map<string, PropertyDefinition[]> | undefined;
  const define = (k: string, node: JNode, branch: JNode | undefined) => {
    const earlier = properties.get(k);
    if (earlier !== undefined) {
      definitions ??= new Map();
      const list = definitions.get(k) ?? [{ node: earlier, branch: branchOf.get(k) }];
      definitions.set(k, [...list, { node, branch }]);
    }
    properties.set(k, node);
    if (branch) branchOf.set(k, branch);
    else branchOf.delete(k);
  };
  const own = childMap(schema, 'properties');
  const allOf = childSeq(schema, 'allOf');
  if (allOf && depth < 16) {
    for (const branch of allOf.items) {
      const b = refs.deref(branch);
      if (!isMap(b)) continue;
      const e = effectiveProperties(b, refs, depth + 1);
      for (const [k, v] of e.properties) define(k, v, branch);
      for (const [k, v] of e.required) required.set(k, v);
    }
  }
  if (own) for (const [k, v] of own.entries) define(k, v, undefined);
  for (const [k, v] of requiredSet(schema)) required.set(k, v);
  return { properties, required, anchor: own ?? schema, branchOf, definitions };
}

/** Marked deprecated, on the schema or on the branch of an `allOf` of one it is (a wrapped $ref to a deprecated component). */
export function isDeprecated(schema: JMap, refs: RefResolver): boolean {
  if (boolFlag(schema, 'deprecated')) return true;
  const sole = refs.deref(allOfOfOne(schema));
  return isMap(sole) && boolFlag(sole, 'deprecated');
}

export function boolFlag(schema: JMap, key: string): boolean {
  return scalarOf(schema, key) === true;
}

export function num(schema: JMap, key: string): number | undefined {
  return numberOf(schema, key);
}

export function str(schema: JMap, key: string): string | undefined {
  return stringOf(schema, key);
}

/**
 * Whether the schema admits no properties beyond those it names: `additionalProperties: false`
 * or `unevaluatedProperties: false`, on it or on one of its allOf branches (all must hold).
 */
export function isClosed(schema: JMap, refs: RefResolver, depth = 0): boolean {
  for (const key of ['additionalProperties', 'unevaluatedProperties']) {
    const v = schema.entries.get(key);
    if (v && v.kind === 'scalar' && v.value === false) return true;
  }
  const all = schema.entries.get('allOf');
  if (depth > 16 || !all || all.kind !== 'seq') return false;
  return all.items.some((branch) => {
    const d = refs.deref(branch);
    return d !== undefined && d.kind === 'map' && isClosed(d, refs, depth + 1);
  });
}

/** Keywords that describe a schema without constraining its values. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set(['title', 'description', 'example', 'examples', 'deprecated', 'externalDocs', '$comment']);

/** A schema that only annotates (or is empty): it accepts every value, so as an allOf branch it changes nothing. */
export function isAnnotationOnly(schema: JNode | undefined): boolean {
  return isMap(schema) && [...schema.entries.keys()].every((k) => ANNOTATION_KEYWORDS.has(k) || k.startsWith('x-'));
}
