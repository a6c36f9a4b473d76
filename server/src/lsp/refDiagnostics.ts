// The findings root specs show inside the files they reference (schemas/pet.yaml
// under openapi.yaml). Several roots can share a file: what each contributes is kept
// apart and published together, a change found by two roots once. An open root shows
// its findings on every file it references; a root checked in the background only on
// open files, so closed files never collect diagnostics from specs the user has not
// opened.
import type { Diagnostic } from 'vscode-languageserver/node';

export interface RefDiagnosticsEnv {
  send(uri: string, diagnostics: Diagnostic[]): void;
  isOpen(uri: string): boolean;
  /** A root checked in the background (not open). */
  isBackground(root: string): boolean;
  /** What `root` now shows in `uri` (undefined: nothing), for the findings index. */
  shown(root: string, uri: string, diagnostics: Diagnostic[] | undefined): void;
}

export class RefDiagnostics {
  /** File URI -> root URI -> the diagnostics that root found in the file. */
  private readonly byFile = new Map<string, Map<string, Diagnostic[]>>();
  /** Files sent findings by background roots only; others (as before) get what open specs find in them. */
  private readonly sent = new Set<string>();

  constructor(private readonly env: RefDiagnosticsEnv) {}

  /** What `root` found in other files now (an empty map: nothing, e.g. it was closed). */
  set(root: string, byUri: Map<string, Diagnostic[]>): void {
    const touched = new Set(byUri.keys());
    for (const [uri, roots] of this.byFile) if (roots.has(root)) touched.add(uri);
    for (const uri of touched) {
      let roots = this.byFile.get(uri);
      if (!roots) this.byFile.set(uri, (roots = new Map()));
      const diags = byUri.get(uri);
      if (diags) roots.set(root, diags);
      else roots.delete(root);
      this.env.shown(root, uri, diags);
      if (roots.size === 0) this.byFile.delete(uri);
      this.flush(uri);
    }
  }

  /** Sends what roots found inside `uri` (again: it was opened, or its roots changed). */
  flush(uri: string): void {
    const roots = this.byFile.get(uri) ?? new Map<string, Diagnostic[]>();
    const open = this.env.isOpen(uri);
    const diagnostics = uniqueDiagnostics([...roots].filter(([root]) => open || !this.env.isBackground(root)).flatMap(([, d]) => d));
    if (!open && diagnostics.length === 0 && !this.sent.has(uri)) return; // nothing shown there, nothing to withdraw
    if (diagnostics.length) this.sent.add(uri);
    else this.sent.delete(uri);
    this.env.send(uri, diagnostics);
  }
}

/** Two specs sharing a file find the same change in it: shown once. */
function uniqueDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.range.start.line}:${d.range.start.character}|${String(d.code)}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
