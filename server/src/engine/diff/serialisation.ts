// How a value is written on the wire outside a JSON body: the style and explode of a parameter,
// a header or a form field (2.0: collectionFormat), or, for one described by `content`, its media
// type. Two different answers mean clients write (or read) it another way.
import { child, childMap, childSeq, isMap, scalarOf, stringOf, type JMap, type JNode } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import { mediaTypeEssence } from './mediaTypes';
import { typesOf } from './schemaFacts';

export interface ValueShape {
  /** A Swagger 2.0 parameter or header: `collectionFormat` (default csv) says how an array is written. */
  swagger2: boolean;
  /**
   * The value may hold several parts (an array or object, or any type): explode matters. A single
   * value is written the same exploded or not (`?id=5` either way), and 2.0's collectionFormat
   * applies to arrays only, so for a scalar on either side explode is not compared, nor, in a query,
   * a cookie or a form field (always `name=value` there), the style.
   */
  several: boolean;
}

/**
 * Whether a schema's value may hold several parts: an array, an object, or a schema that does not
 * say. Through compositions: some branch of a oneOf/anyOf may, every branch of an allOf may.
 */
function mayHoldSeveral(schema: JNode | undefined, refs: RefResolver, depth = 0): boolean {
  const s = refs.deref(schema);
  if (!isMap(s) || depth > 8) return true;
  if (!child(s, 'type')) {
    const branches = (key: string) => childSeq(s, key)?.items ?? [];
    const anyOf = [...branches('oneOf'), ...branches('anyOf')];
    const allOf = branches('allOf');
    if (anyOf.length) return anyOf.some((b) => mayHoldSeveral(b, refs, depth + 1));
    if (allOf.length) return allOf.every((b) => mayHoldSeveral(b, refs, depth + 1));
  }
  const types = typesOf(s); // `type`, or the object or array that properties or items imply
  return !types || types.has('array') || types.has('object');
}

/** A parameter, header or form field of one version: its serialising node, its schema, how to read it. */
export interface WrittenValue {
  node: JMap | undefined;
  schema: JNode | undefined;
  refs: RefResolver;
  swagger2: boolean;
}

/** How the base and the revision write a value at `loc`, judged alike: explode counts only where both sides may hold several parts. */
export function serialisations(b: WrittenValue, r: WrittenValue, loc: string): [string, string] {
  const several = mayHoldSeveral(b.schema, b.refs) && mayHoldSeveral(r.schema, r.refs);
  return [serialisationOf(b.node, loc, { swagger2: b.swagger2, several }), serialisationOf(r.node, loc, { swagger2: r.swagger2, several })];
}

/** Where a single value is written `name=value` by every style that location allows (the others there are for arrays and objects). */
const NAME_VALUE_LOCATIONS = new Set(['query', 'cookie', 'form-field', 'formData']);
const NAME_VALUE_STYLES = new Set(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject', 'tabDelimited']);

/** 2.0's collection formats in 3.x's words (csv is `form` in a query, `simple` in a path or header). */
const COLLECTION_FORMATS: Record<string, (loc: string) => [string, boolean]> = {
  csv: (loc) => [defaultStyle(loc), false],
  multi: () => ['form', true],
  ssv: () => ['spaceDelimited', false],
  pipes: () => ['pipeDelimited', false],
  tsv: () => ['tabDelimited', false],
};

/**
 * The serialisation of a parameter, header or form field's encoding object (none: the defaults).
 * `loc` is where the value sits (`in` of a parameter, `header`, or `form-field`): query, cookie and
 * form fields default to style `form`, the rest to `simple`.
 */
export function serialisationOf(node: JMap | undefined, loc: string, shape: ValueShape = { swagger2: false, several: true }): string {
  const content = node && childMap(node, 'content');
  const mediaType = content && [...content.entries.keys()].find((k) => !k.startsWith('x-'));
  if (mediaType) return mediaTypeEssence(mediaType);
  const [style, explode] = shape.swagger2 ? collectionFormatOf(node, loc) : styleOf(node, loc);
  if (!shape.several) return NAME_VALUE_LOCATIONS.has(loc) && NAME_VALUE_STYLES.has(style) ? 'form' : style;
  return explode ? `${style} (exploded)` : style;
}

function styleOf(node: JMap | undefined, loc: string): [string, boolean] {
  const style = (node && stringOf(node, 'style')) ?? defaultStyle(loc);
  const explodeRaw = node && scalarOf(node, 'explode');
  return [style, explodeRaw === undefined ? style === 'form' : explodeRaw === true];
}

function collectionFormatOf(node: JMap | undefined, loc: string): [string, boolean] {
  const format = (node && stringOf(node, 'collectionFormat')) ?? 'csv';
  return COLLECTION_FORMATS[format]?.(loc) ?? [format, false];
}

function defaultStyle(loc: string): string {
  return loc === 'query' || loc === 'cookie' || loc === 'form-field' || loc === 'formData' ? 'form' : 'simple';
}
