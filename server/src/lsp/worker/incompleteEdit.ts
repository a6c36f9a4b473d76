// A text can parse and still be half-typed: deleting and retyping `paths:`, or
// un-indenting the line under it, turns every endpoint into "removed". Those
// states are treated like a syntax error (last results kept, marked stale)
// instead of flooding the editor with removals.
import { child, isMap } from '../../engine/parse/tree';
import type { SpecModel } from '../../engine/index';

/** Why the revision looks mid-edit rather than intentionally changed (and where), or undefined. */
export function incompleteEditReason(base: SpecModel, revision: SpecModel): { message: string; offset: number } | undefined {
  for (const key of ['paths', 'webhooks']) {
    const before = child(base.root, key);
    if (!isMap(before) || before.entries.size === 0) continue;
    const after = child(revision.root, key);
    if (after === undefined) return { message: `The top-level "${key}" key is missing`, offset: 0 };
    if (!isMap(after)) return { message: `"${key}" is not a mapping`, offset: after.keyStart };
  }
  return undefined;
}
