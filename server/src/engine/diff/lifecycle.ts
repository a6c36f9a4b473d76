// Deprecation and stability facts of one element (operation, parameter, property):
// its sunset date and its x-stability-level. The diff reports how they changed;
// policies.ts judges the dates against today and the team's grace periods.
import { child, isMap, isScalar, type JMap, type JNode } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import { allOfOfOne } from './schemaFacts';

/** draft < alpha < beta < stable; an element without a level counts as stable. */
export const STABILITY_RANK: Readonly<Record<string, number>> = { draft: 0, alpha: 1, beta: 2, stable: 3 };

export type SunsetDate = string | 'invalid' | undefined;

/** The first sunset extension set on the element, as YYYY-MM-DD (an RFC 3339 timestamp counts by its day); 'invalid' when it cannot be read. */
export function sunsetOf(node: JNode | undefined, keys: readonly string[]): SunsetDate {
  if (!isMap(node)) return undefined;
  for (const key of keys) {
    const v = child(node, key);
    if (!isScalar(v) || v.value === null || v.value === undefined) continue;
    const date = String(v.value).slice(0, 10);
    return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date)) ? date : 'invalid';
  }
  return undefined;
}

/**
 * A schema's sunset: its own, or that of the one branch of an `allOf` it is (`allOf: [$ref: Legacy]`,
 * deprecated with its sunset inside Legacy), as schemaFacts.isDeprecated reads deprecation.
 */
export function schemaSunsetOf(schema: JNode | undefined, keys: readonly string[], refs: RefResolver): SunsetDate {
  const own = sunsetOf(schema, keys);
  if (own !== undefined || !isMap(schema)) return own;
  return sunsetOf(refs.deref(allOfOfOne(schema)), keys);
}

/** The first sunset extension set on the element, as written (for messages about an unreadable one). */
export function sunsetText(node: JMap, keys: readonly string[]): string {
  for (const key of keys) {
    const v = child(node, key);
    if (isScalar(v) && v.value !== null && v.value !== undefined) return String(v.value);
  }
  return '';
}

/** The node holding the sunset date (for positions), else the element. */
export function sunsetNode(node: JMap, keys: readonly string[]): JNode {
  for (const key of keys) {
    const v = child(node, key);
    if (v) return v;
  }
  return node;
}

/** The element's stability level as written ('stable' when absent); undefined for a value that is not a string. */
export function stabilityOf(node: JNode | undefined, key: string): string | undefined {
  if (!isMap(node)) return 'stable';
  const v = child(node, key);
  if (!v) return 'stable';
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

/** The stability change of an element: 'decreased' / 'increased', 'invalid' (revision value unknown), or undefined. */
export function stabilityChange(
  b: JNode | undefined,
  r: JNode | undefined,
  key: string,
): { change: 'decreased' | 'increased' | 'invalid'; from: string; to: string } | undefined {
  const from = stabilityOf(b, key);
  const to = stabilityOf(r, key);
  if (from === to) return undefined;
  const rankTo = to === undefined ? undefined : STABILITY_RANK[to];
  if (rankTo === undefined)
    return { change: 'invalid', from: from ?? '?', to: to ?? String(isMap(r) && isScalar(child(r, key)) ? (child(r, key) as { value: unknown }).value : '?') };
  const rankFrom = from === undefined ? undefined : STABILITY_RANK[from];
  if (rankFrom === undefined || rankFrom === rankTo) return undefined;
  return { change: rankTo < rankFrom ? 'decreased' : 'increased', from: from!, to: to! };
}
