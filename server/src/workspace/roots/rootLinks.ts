// Which root specs each open referenced file belongs to (as the root index last
// said), and the reverse: which open files need a root. A root checked in the
// background lives exactly as long as some open file needs it.
export class RootLinks {
  private readonly rootsByDoc = new Map<string, string[]>();

  /** Records the roots of an open file; returns the roots it gained and lost. */
  set(docUri: string, roots: string[]): { added: string[]; removed: string[] } {
    const old = this.rootsByDoc.get(docUri) ?? [];
    if (roots.length) this.rootsByDoc.set(docUri, roots);
    else this.rootsByDoc.delete(docUri);
    return { added: roots.filter((r) => !old.includes(r)), removed: old.filter((r) => !roots.includes(r)) };
  }

  rootsOf(docUri: string): string[] {
    return this.rootsByDoc.get(docUri) ?? [];
  }

  /** Open files that belong to `rootUri`. */
  openPartsOf(rootUri: string): string[] {
    const out: string[] = [];
    for (const [doc, roots] of this.rootsByDoc) if (roots.includes(rootUri)) out.push(doc);
    return out;
  }

  /** The file closed: the roots it belonged to. */
  drop(docUri: string): string[] {
    const roots = this.rootsByDoc.get(docUri) ?? [];
    this.rootsByDoc.delete(docUri);
    return roots;
  }
}
