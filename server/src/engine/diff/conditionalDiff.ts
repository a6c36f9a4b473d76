// Keywords that select values by a schema. if / then / else (JSON Schema 2019/2020,
// OpenAPI 3.1): values matching `if` must also match `then`, the others `else`. Each
// keyword added narrows what is valid, removed widens it; `then` and `else` on both
// sides are compared pairwise (their schemas constrain as any schema does). A changed
// `if` moves values between the branches, which cannot be judged from the spec: a
// warning. `not` (3.0 and 3.1) excludes the values matching its schema: added narrows,
// removed widens; changed, it excludes other values, which is a warning too (a change
// inside it means the opposite of the same change anywhere else, so it is not compared
// keyword by keyword).
import { child, isMap, type JMap } from '../parse/tree';
import type { PairView } from './pairView';
import { ANNOTATION_KEYWORDS, valueKey } from './schemaFacts';
import { compareSubschemaKeyword } from './subschemaKeyword';

export function compareConditionals(v: PairView): void {
  const bIf = child(v.b, 'if');
  const rIf = child(v.r, 'if');
  if (!bIf && !rIf && !child(v.b, 'then') && !child(v.r, 'then') && !child(v.b, 'else') && !child(v.r, 'else')) return;
  if (bIf && rIf) {
    // Compared as written (a `$ref` by its target's name), not followed: what matters is which values it selects.
    if (valueKey(bIf) !== valueKey(rIf) && !(isMap(bIf) && isMap(rIf) && sameIgnoringNotes(bIf, rIf))) v.emit('if-changed', {}, bIf, rIf);
  } else {
    // `if: {}` is not "no if": every value then has to match `then`.
    compareSubschemaKeyword(v, bIf, rIf, 'if', {}, undefined, (n) => n === undefined);
  }
  compareSubschemaKeyword(v, child(v.b, 'then'), child(v.r, 'then'), 'then');
  compareSubschemaKeyword(v, child(v.b, 'else'), child(v.r, 'else'), 'else');
}

export function compareNot(v: PairView): void {
  const bNot = child(v.b, 'not');
  const rNot = child(v.r, 'not');
  if (!bNot && !rNot) return;
  if (!bNot) return v.emit('not-added', {}, v.b, rNot);
  if (!rNot) return v.emit('not-removed', {}, bNot, v.r);
  // Compared as written, like `if`: what matters is which values it excludes.
  if (valueKey(bNot) !== valueKey(rNot) && !(isMap(bNot) && isMap(rNot) && sameIgnoringNotes(bNot, rNot))) v.emit('not-changed', {}, bNot, rNot);
}

/** Annotations (descriptions, titles, examples...) do not change which values a condition selects. */
function sameIgnoringNotes(b: JMap, r: JMap): boolean {
  const keys = (m: JMap) => [...m.entries.keys()].filter((k) => !ANNOTATION_KEYWORDS.has(k)).sort();
  const bk = keys(b);
  const rk = keys(r);
  return bk.length === rk.length && bk.every((k, i) => k === rk[i] && valueKey(b.entries.get(k)) === valueKey(r.entries.get(k)));
}
