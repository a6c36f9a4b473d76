// What "the base" of a spec is: a ref (default HEAD), the merge-base of HEAD with
// a ref, or the staged version. Written as one string in settings and
// .breakwater.yaml: "HEAD", "main", "v1.2.0", "3f2a1c0", "merge-base:origin/main", "staged".

export type BaseSelector = { kind: 'ref'; ref: string } | { kind: 'merge-base'; ref: string } | { kind: 'staged' };

export function parseBaseSelector(text: string | undefined | null): BaseSelector {
  const s = (text ?? '').trim();
  if (!s) return { kind: 'ref', ref: 'HEAD' };
  if (/^(staged|index|:staged|:index)$/i.test(s)) return { kind: 'staged' };
  const mb = /^merge-base[:\s]\s*(.+)$/i.exec(s);
  if (mb) return { kind: 'merge-base', ref: mb[1].trim() };
  return { kind: 'ref', ref: s };
}

export function selectorText(sel: BaseSelector): string {
  switch (sel.kind) {
    case 'ref':
      return sel.ref;
    case 'merge-base':
      return `merge-base:${sel.ref}`;
    case 'staged':
      return 'staged';
  }
}

/** "HEAD 3f2a1c0", "merge-base origin/main 1a2b3c4", "staged". */
export function selectorLabel(sel: BaseSelector, commit?: string): string {
  const short = commit ? ` ${commit.slice(0, 7)}` : '';
  switch (sel.kind) {
    case 'ref':
      return `${sel.ref}${short}`;
    case 'merge-base':
      return `merge-base ${sel.ref}${short}`;
    case 'staged':
      return 'staged';
  }
}
