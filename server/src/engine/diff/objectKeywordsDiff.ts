// Object keywords of JSON Schema 2019/2020 (OpenAPI 3.1): patternProperties,
// propertyNames, unevaluatedProperties, dependentRequired, dependentSchemas.
import { child, childMap, isScalar, isSeq, type JMap, type JNode } from '../parse/tree';
import type { PairView } from './pairView';
import { compareSubschemaKeyword } from './subschemaKeyword';

export function compareObjectKeywords(v: PairView): void {
  comparePatternProperties(v);
  compareSubschemaKeyword(v, child(v.b, 'propertyNames'), child(v.r, 'propertyNames'), 'property-names');
  compareSubschemaKeyword(v, child(v.b, 'unevaluatedProperties'), child(v.r, 'unevaluatedProperties'), 'unevaluated-properties');
  compareDependentRequired(v);
  compareDependentSchemas(v);
}

/** Each pattern is its own constraint: properties whose names match it must match its schema. */
function comparePatternProperties(v: PairView): void {
  const bm = childMap(v.b, 'patternProperties');
  const rm = childMap(v.r, 'patternProperties');
  if (!bm && !rm) return;
  for (const pattern of keysOf(bm, rm)) compareSubschemaKeyword(v, entry(bm, pattern), entry(rm, pattern), 'pattern-property', { pattern }, pattern, listed);
}

/** A listed pattern counts even when its schema allows everything: it still takes those names away from additionalProperties. */
const listed = (n: JNode | undefined) => n === undefined;

function namesOf(node: JNode | undefined): Set<string> {
  const out = new Set<string>();
  if (isSeq(node)) for (const i of node.items) if (isScalar(i) && typeof i.value === 'string') out.add(i.value);
  return out;
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * dependentRequired: when property K is present, the listed ones must be too. A new K
 * narrows what is valid (added), K gone widens it (removed), and K's list changed is
 * `changed` (oasdiff's ids): it narrows requests when names were gained, widens responses
 * when names were lost; a list that only loosened on that side keeps every value (info).
 */
function compareDependentRequired(v: PairView): void {
  const bm = childMap(v.b, 'dependentRequired');
  const rm = childMap(v.r, 'dependentRequired');
  if (!bm && !rm) return;
  for (const key of keysOf(bm, rm)) {
    const bList = entry(bm, key);
    const rList = entry(rm, key);
    const bNames = namesOf(bList);
    const rNames = namesOf(rList);
    const gained = [...rNames].filter((n) => !bNames.has(n));
    const lost = [...bNames].filter((n) => !rNames.has(n));
    if (!gained.length && !lost.length) continue;
    if (bList && rList) {
      const kept = v.dir === 'request' ? !gained.length : !lost.length;
      const params = { key, from: quoted([...bNames]), to: quoted([...rNames]) };
      v.emit('dependent-required-changed', params, bList, rList, { detail: key, circumstance: kept ? 'values-kept' : undefined });
    } else if (rList) v.emit('dependent-required-added', { key, names: quoted(gained) }, bm ?? v.b, rList, { detail: key });
    else v.emit('dependent-required-removed', { key, names: quoted(lost) }, bList, rm ?? v.r, { detail: key });
  }
}

/** dependentSchemas: when property K is present, the whole object must also match K's schema. */
function compareDependentSchemas(v: PairView): void {
  const bm = childMap(v.b, 'dependentSchemas');
  const rm = childMap(v.r, 'dependentSchemas');
  if (!bm && !rm) return;
  for (const key of keysOf(bm, rm)) compareSubschemaKeyword(v, entry(bm, key), entry(rm, key), 'dependent-schema', { key }, key);
}

function entry(map: JMap | undefined, key: string): JNode | undefined {
  return map?.entries.get(key);
}

/** Keys of either map, the base's first. */
function keysOf(b: JMap | undefined, r: JMap | undefined): Set<string> {
  return new Set([...(b?.entries.keys() ?? []), ...(r?.entries.keys() ?? [])]);
}
