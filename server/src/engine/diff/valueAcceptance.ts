// Whether a schema accepts one given scalar value (a string, number or boolean from an enum or
// const). Like schemaSubsumption, a sufficient check: `true` is proven by every keyword that can
// reject such a value; a keyword it cannot judge (a format, `not`, a oneOf of several branches)
// answers `false`. It lets a comparison see that a listed value such as Stripe's "unset" `''` is
// still accepted by what replaced the branch that listed it.
import { child, childSeq, isMap, isScalar, numberOf, type JMap, type JNode, type ScalarValue } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import { numericBound } from './boundsDiff';
import { ANNOTATION_KEYWORDS, declaredTypes, typeOfValue, valueKey } from './schemaFacts';

const MAX_DEPTH = 16;

/** Keywords that only constrain objects or arrays (or only annotate): a scalar passes them. */
const NOT_FOR_SCALARS = new Set([
  'properties',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'required',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependentSchemas',
  'unevaluatedProperties',
  'discriminator',
  'items',
  'prefixItems',
  'additionalItems',
  'contains',
  'minContains',
  'maxContains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'unevaluatedItems',
  'collectionFormat',
  'readOnly',
  'writeOnly',
  'default',
  'xml',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
]);

/** Keywords read below, each against the value's own type. */
const JUDGED = new Set([
  'type',
  'nullable',
  'x-nullable',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'format',
  'allOf',
  'anyOf',
  'oneOf',
]);

/** Formats that a number either meets or not by its range; other formats are not judged. */
const NUMBER_FORMATS: Record<string, (n: number) => boolean> = {
  int32: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  int64: (n) => Number.isInteger(n),
  float: () => true,
  double: () => true,
};

type Scalar = Exclude<ScalarValue, null>;

/** `schema` (read with `refs`) accepts `value`, proven keyword by keyword. */
export function acceptsValue(schema: JNode | undefined, refs: RefResolver, value: Scalar, depth = 0): boolean {
  const s = refs.deref(schema);
  if (!isMap(s) || depth > MAX_DEPTH) return false;
  for (const key of s.entries.keys()) {
    if (JUDGED.has(key) || NOT_FOR_SCALARS.has(key) || ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    return false; // a keyword this check does not know (`not`, `if`, `$ref` beside siblings...) may reject it
  }
  return (
    typeAccepts(s, value) &&
    listed(s, value) &&
    (typeof value === 'string' ? stringAccepts(s, value) : typeof value === 'number' ? numberAccepts(s, value) : true) &&
    compositionAccepts(s, refs, value, depth)
  );
}

/** The scalars a schema lists as its only values (`enum` or `const`), or undefined when it lists none or not only scalars. */
export function listedScalars(schema: JMap): Scalar[] | undefined {
  const c = child(schema, 'const');
  const items = c ? [c] : childSeq(schema, 'enum')?.items;
  if (!items) return undefined;
  const out: Scalar[] = [];
  for (const item of items) {
    if (!isScalar(item)) return undefined;
    if (item.value !== null) out.push(item.value); // null is nullability, compared separately
  }
  return out;
}

/** `value` is an instance of JSON Schema type `type` (an integer is also a number). */
export function valueHasType(value: Scalar, type: unknown): boolean {
  const own = typeOfValue(value);
  return type === own || (own === 'integer' && type === 'number');
}

function typeAccepts(s: JMap, value: Scalar): boolean {
  const names = declaredTypes(s);
  return !names || names.some((name) => valueHasType(value, name));
}

function listed(s: JMap, value: Scalar): boolean {
  const key = JSON.stringify(value);
  const c = child(s, 'const');
  if (c && valueKey(c) !== key) return false;
  const e = childSeq(s, 'enum');
  return !e || e.items.some((item) => valueKey(item) === key);
}

function stringAccepts(s: JMap, value: string): boolean {
  const length = [...value].length; // lengths count code points, not UTF-16 units
  const min = numberOf(s, 'minLength');
  const max = numberOf(s, 'maxLength');
  if ((min !== undefined && length < min) || (max !== undefined && length > max)) return false;
  if (child(s, 'format')) return false; // whether '' is a date-time depends on the validator: not proven
  const pattern = child(s, 'pattern');
  if (!pattern) return true;
  if (!isScalar(pattern) || typeof pattern.value !== 'string') return false;
  try {
    return new RegExp(pattern.value, 'u').test(value);
  } catch {
    return false; // a pattern JavaScript cannot read is not proven to accept anything
  }
}

function numberAccepts(s: JMap, value: number): boolean {
  const upper = numericBound(s, 'upper');
  const lower = numericBound(s, 'lower');
  if (upper && (upper.exclusive ? value >= upper.value : value > upper.value)) return false;
  if (lower && (lower.exclusive ? value <= lower.value : value < lower.value)) return false;
  const step = numberOf(s, 'multipleOf');
  if (step !== undefined && (step <= 0 || !Number.isInteger(value / step))) return false;
  const format = child(s, 'format');
  if (!format) return true;
  const check = isScalar(format) && typeof format.value === 'string' ? NUMBER_FORMATS[format.value] : undefined;
  return !!check && check(value);
}

function compositionAccepts(s: JMap, refs: RefResolver, value: Scalar, depth: number): boolean {
  const all = childSeq(s, 'allOf');
  if (all && !all.items.every((b) => acceptsValue(b, refs, value, depth + 1))) return false;
  const any = childSeq(s, 'anyOf');
  if (any && !any.items.some((b) => acceptsValue(b, refs, value, depth + 1))) return false;
  // oneOf needs the other branches to reject the value, which a sufficient check cannot prove; one branch is anyOf.
  const one = childSeq(s, 'oneOf');
  return !one || (one.items.length === 1 && acceptsValue(one.items[0], refs, value, depth + 1));
}
