// A parsed tree written out as lines, one per node in document order, with all it
// carries: kind, key, key and value offsets, parent, `$ref` field, value and its type.
// Two trees are the same tree when their shapes are equal; a node met a second time
// (a YAML alias) is written as a reference to the first place it was met.
import { refOfMap, type JNode } from '../../server/src/engine/parse/tree';

export function treeShape(root: JNode | null | undefined): string[] {
  const out: string[] = [];
  const seen = new Map<JNode, number>();
  const walk = (n: JNode, via: string): void => {
    if (seen.has(n)) return void out.push(`${via} -> #${seen.get(n)}`);
    seen.set(n, seen.size);
    const parent = n.parent ? (seen.get(n.parent) ?? 'elsewhere') : 'none';
    const value = n.kind === 'scalar' ? ` ${JSON.stringify(n.value)}:${typeof n.value}` : '';
    const ref = n.kind === 'map' ? ` ref:${String(refOfMap(n))}` : '';
    out.push(`${via} ${n.kind} ${String(n.key)} ${n.keyStart}-${n.keyEnd} ${n.start}-${n.end} parent:${parent}${value}${ref}`);
    if (n.kind === 'map') for (const [k, c] of n.entries) walk(c, k);
    if (n.kind === 'seq') n.items.forEach((c, i) => walk(c, String(i)));
  };
  if (root) walk(root, '');
  return out;
}

/** Where two shapes first differ, in words (undefined when they are equal), for assertion messages. */
export function firstDifference(a: string[], b: string[]): string | undefined {
  const at = a.findIndex((line, i) => line !== b[i]);
  if (at === -1 && a.length === b.length) return undefined;
  const i = at === -1 ? Math.min(a.length, b.length) : at;
  return `node ${i}: ${a[i] ?? '(none)'} / ${b[i] ?? '(none)'}`;
}
