// What the incremental re-parser changed in a tree, edit by edit, so the diff can
// re-compare only what those edits can affect. A tree updated in place keeps one
// log for its whole life (a whole re-parse makes a new tree and a new log); each
// reader remembers the sequence number it has seen and asks for what came after.
import type { JMap, JNode } from './tree';

/** One spliced fragment: the old value of a map entry was replaced by a new one. */
export interface TreeTouch {
  /** Keys from the root down to the replaced entry, e.g. ['paths', '/pets', 'get']. */
  keys: (string | number)[];
  /** Ids of the map that holds the entry and of every ancestor up to the root. */
  ancestors: number[];
  /** Ids of every node of the old value; null when it was too big to list (treat as "anything may have changed"). */
  removed: number[] | null;
}

/** Old values bigger than this are not listed: a change that large is re-compared whole anyway. */
const MAX_REMOVED_IDS = 20_000;
/** Readers that fall this far behind re-compare everything; keeps a long typing session's log bounded. */
const MAX_ENTRIES = 2_000;

export class TreeEditLog {
  private entries: TreeTouch[] = [];
  /** Sequence number of entries[0]. */
  private first = 0;

  /** Sequence number the next entry gets; a reader that has seen everything holds this. */
  get seq(): number {
    return this.first + this.entries.length;
  }

  record(parent: JMap, key: string, oldValue: JNode): void {
    const keys: (string | number)[] = [key];
    const ancestors: number[] = [];
    for (let n: JNode | null = parent; n; n = n.parent) {
      ancestors.push(n.id);
      if (n.parent && n.key !== null) keys.unshift(n.key);
    }
    this.entries.push({ keys, ancestors, removed: subtreeIds(oldValue) });
    if (this.entries.length > MAX_ENTRIES) {
      const drop = this.entries.length - MAX_ENTRIES / 2;
      this.entries = this.entries.slice(drop);
      this.first += drop;
    }
  }

  /** Touches since `seq`, or undefined when some of them were dropped (the reader must start over). */
  since(seq: number): TreeTouch[] | undefined {
    if (seq < this.first || seq > this.seq) return undefined;
    return this.entries.slice(seq - this.first);
  }
}

function subtreeIds(root: JNode): number[] | null {
  const out: number[] = [];
  const stack: JNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n.id);
    if (out.length > MAX_REMOVED_IDS) return null;
    if (n.kind === 'map') {
      for (const c of n.entries.values()) if (c.parent === n) stack.push(c);
    } else if (n.kind === 'seq') {
      for (const c of n.items) if (c.parent === n) stack.push(c);
    }
  }
  return out;
}
