// Facts computed from a whole subtree (such as the `$ref`s inside it), kept between
// checks: the base tree never changes and an edit replaces one entry of the
// revision tree in place, so almost every fact stays true. The incremental
// re-parser forgets the facts of the replaced entry's ancestors, the only nodes
// whose subtree changed.
import type { JNode } from './tree';

const registries: WeakMap<JNode, unknown>[] = [];

export class SubtreeFacts<T> {
  private readonly facts = new WeakMap<JNode, T>();

  constructor(private readonly compute: (node: JNode) => T) {
    registries.push(this.facts as WeakMap<JNode, unknown>);
  }

  of(node: JNode): T {
    if (this.facts.has(node)) return this.facts.get(node)!;
    const fact = this.compute(node);
    this.facts.set(node, fact);
    return fact;
  }
}

/** The subtree under `node` changed: it and its ancestors forget what was known about their subtrees. */
export function forgetSubtreeFacts(node: JNode | null): void {
  for (let n = node; n; n = n.parent) for (const r of registries) r.delete(n);
}
