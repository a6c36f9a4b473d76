// Array keywords: uniqueItems, and those of JSON Schema 2019/2020 (OpenAPI 3.1):
// contains with minContains/maxContains, prefixItems, unevaluatedItems.
import { child, childSeq, isMap, numberOf, scalarOf } from '../parse/tree';
import type { PairView } from './pairView';
import { compareSubschemaKeyword } from './subschemaKeyword';

export function compareArrayKeywords(v: PairView): void {
  compareUniqueItems(v);
  compareContains(v);
  comparePrefixItems(v);
  compareSubschemaKeyword(v, child(v.b, 'unevaluatedItems'), child(v.r, 'unevaluatedItems'), 'unevaluated-items');
}

/** `uniqueItems: true` forbids repeated items; false (the default) allows them. */
function compareUniqueItems(v: PairView): void {
  const b = scalarOf(v.b, 'uniqueItems') === true;
  const r = scalarOf(v.r, 'uniqueItems') === true;
  if (b === r) return;
  if (r) v.emit('unique-items-set', {}, v.b, child(v.r, 'uniqueItems'));
  else v.emit('unique-items-unset', {}, child(v.b, 'uniqueItems'), v.r);
}

/**
 * `contains` requires at least minContains (default 1) and at most maxContains
 * (default unlimited) items matching its schema. The counts matter only while
 * `contains` is there, so they are compared with their defaults on both sides.
 */
function compareContains(v: PairView): void {
  const bc = child(v.b, 'contains');
  const rc = child(v.r, 'contains');
  if (!bc && !rc) return;
  if (!bc) return v.emit('contains-added', {}, v.b, rc);
  if (!rc) return v.emit('contains-removed', {}, bc, v.r);
  if (isMap(bc) && isMap(rc)) v.nested(bc, rc);
  for (const [keyword, stem, fallback] of [
    ['minContains', 'min-contains', 1],
    ['maxContains', 'max-contains', Infinity],
  ] as const) {
    const b = numberOf(v.b, keyword) ?? fallback;
    const r = numberOf(v.r, keyword) ?? fallback;
    if (b === r) continue;
    const show = (n: number) => (n === Infinity ? 'unlimited' : n);
    v.emit(`${stem}-${r < b ? 'decreased' : 'increased'}`, { keyword, from: show(b), to: show(r) }, child(v.b, keyword) ?? v.b, child(v.r, keyword) ?? v.r, {
      detail: keyword,
    });
  }
}

/**
 * prefixItems describes the first items one by one, and `items` then applies only
 * after them. Levels follow oasdiff's catalogue, which reads it that way: adding
 * prefixItems takes those positions away from `items` (a response may now return
 * first items `items` did not allow), removing it puts them back under `items`
 * (a request may now be rejected for them). Positions on both sides are compared
 * pairwise; positions gained or lost count as prefixItems added or removed.
 */
function comparePrefixItems(v: PairView): void {
  const bl = childSeq(v.b, 'prefixItems');
  const rl = childSeq(v.r, 'prefixItems');
  if (!bl && !rl) return;
  const bn = bl?.items.length ?? 0;
  const rn = rl?.items.length ?? 0;
  for (let i = 0; i < Math.min(bn, rn); i++) if (isMap(bl!.items[i]) && isMap(rl!.items[i])) v.nested(bl!.items[i], rl!.items[i]);
  if (rn > bn) v.emit('prefix-items-added', { positions: positions(bn, rn) }, bl ?? v.b, rl!.items[bn], { detail: String(bn) });
  else if (bn > rn) v.emit('prefix-items-removed', { positions: positions(rn, bn) }, bl!.items[rn], rl ?? v.r, { detail: String(rn) });
}

/** "its first item", "its first 3 items", "item 2", "items 2 to 4" (0-based positions from..to-1). */
function positions(from: number, to: number): string {
  if (from === 0) return to === 1 ? 'its first item' : `its first ${to} items`;
  return to - from === 1 ? `item ${from}` : `items ${from} to ${to - 1}`;
}
