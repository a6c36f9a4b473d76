// A query or cookie parameter that became an array. Written form-exploded (the default there),
// `?token=abc` is both the scalar "abc" and the list ["abc"], so a client that sends one value
// as before is still valid when the list's items accept every value the scalar did. Without this,
// widening a parameter to take several values reads as a type change that rejects every client.
import { child, isMap, numberOf, type JMap, type JNode } from '../parse/tree';
import { ANNOTATION_KEYWORDS, typesOf } from './schemaFacts';
import { acceptsEveryValueOf } from './schemaSubsumption';
import { typeListOf } from './typeListDiff';
import type { PairView } from './pairView';

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * Reports a request parameter's scalar schema becoming an array that still takes each old value
 * as a list of one (`type-generalized`) and answers true: every old value is proven accepted, so
 * nothing else about the pair can break a client. Answers false, reporting nothing, for anything
 * else: the ordinary comparison then judges it.
 */
export function compareScalarBecameList(v: PairView): boolean {
  if (v.dir !== 'request') return false;
  const old = typeListOf(v.b); // a type, a 3.1 type list, or a oneOf/anyOf of bare types
  const now = typesOf(v.r);
  if (!old || !now || now.size !== 1 || !now.has('array') || ![...old.types].every((t) => SCALAR_TYPES.has(t))) return false;
  if (!takesOneItem(v.r)) return false;
  const items = v.readsThroughRefs(() => itemsTakingEveryValueOf(v));
  if (!items) return false;
  const itemTypes = isMap(items.schema) ? typesOf(items.schema) : undefined;
  const to = `array${itemTypes ? ` of ${[...itemTypes].join(' | ')}` : ''} (one value is a list of one)`;
  v.emit('type-generalized', { from: [...old.types].join(' | '), to }, old.node, child(v.r, 'type') ?? v.r);
  return true;
}

/** The list may hold exactly one item (no `minItems` above 1, no `maxItems` of 0). */
function takesOneItem(list: JMap): boolean {
  return (numberOf(list, 'minItems') ?? 0) <= 1 && (numberOf(list, 'maxItems') ?? 1) >= 1;
}

/**
 * The items schema when it accepts every value the scalar did: proven keyword by keyword, or,
 * since query values travel as text, items that are any string (the text of a number or boolean
 * is a string too). Undefined when they may not.
 */
function itemsTakingEveryValueOf(v: PairView): { schema: JNode | undefined } | undefined {
  const written = child(v.r, 'items');
  if (!written) return { schema: undefined }; // an array of anything
  const schema = v.rRefs.deref(written);
  if (acceptsEveryValueOf({ schema, refs: v.rRefs }, { schema: v.b, refs: v.bRefs })) return { schema };
  if (!isMap(schema)) return undefined;
  const onlyType = [...schema.entries.keys()].every((k) => k === 'type' || ANNOTATION_KEYWORDS.has(k) || k.startsWith('x-'));
  return onlyType && typesOf(schema)?.has('string') ? { schema } : undefined;
}
