// One keyword whose value is a sub-schema (propertyNames, unevaluatedProperties,
// a dependentSchemas entry, then, ...): added, removed, or present on both sides and
// then compared pairwise, so a change inside it is found like any other.
import { isMap, isScalar, type JNode } from '../parse/tree';
import type { MessageParams } from '../rules/registry';
import type { PairView } from './pairView';

/** Keywords compared this way; `<stem>-added` and `<stem>-removed` are their rules. */
export type SubschemaStem =
  'unevaluated-items' | 'unevaluated-properties' | 'property-names' | 'pattern-property' | 'dependent-schema' | 'if' | 'then' | 'else';

/** `true` and `{}` allow everything: the same as leaving the keyword out. */
export function allowsAll(node: JNode | undefined): boolean {
  return !node || (isScalar(node) && node.value === true) || (isMap(node) && node.entries.size === 0);
}

/**
 * Adding a constraint narrows what is valid (breaks request senders), removing it
 * widens (breaks response readers): the registry's levels say so. `false` (nothing
 * valid) turned into a schema loosens, the reverse tightens: reported as removed
 * and added.
 */
export function compareSubschemaKeyword(
  v: PairView,
  bNode: JNode | undefined,
  rNode: JNode | undefined,
  stem: SubschemaStem,
  params: MessageParams = {},
  detail?: string,
  trivial = allowsAll,
): void {
  const bHas = !trivial(bNode);
  const rHas = !trivial(rNode);
  const added = () => v.emit(`${stem}-added`, params, bNode ?? v.b, rNode, { detail });
  const removed = () => v.emit(`${stem}-removed`, params, bNode, rNode ?? v.r, { detail });
  if (!bHas && !rHas) return;
  if (!bHas) return added();
  if (!rHas) return removed();
  if (isMap(bNode) && isMap(rNode)) return v.nested(bNode, rNode);
  const closed = (n: JNode | undefined) => isScalar(n) && n.value === false;
  if (closed(bNode) && !closed(rNode)) removed();
  else if (!closed(bNode) && closed(rNode)) added();
}
