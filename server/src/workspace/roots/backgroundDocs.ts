// Root specs checked in the background: a referenced file is open, the spec that
// uses it is not. Its text is read from disk (never from outside the repository)
// and read again only when its size or modification time changes; each new text
// gets a new version, so the check worker is sent the whole of it.
import { realpath } from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_FILE_BYTES, readFileInside } from '../../io/safeRead';

export interface Loaded {
  doc: TextDocument;
  /** The text differs from the one returned before (the worker's copy is outdated). */
  changed: boolean;
}

export class BackgroundDocs {
  private readonly docs = new Map<string, { doc: TextDocument; stamp: string }>();
  /** Versions only grow, across roots and re-reads, so a stale reply can never match a newer text. */
  private version = 0;

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri)?.doc;
  }

  /** The root as it is on disk now, or undefined when it is gone, unreadable or outside `repoRoot`. */
  async load(uri: string, path: string, repoRoot: string): Promise<Loaded | undefined> {
    const read = await readFileInside(await realpath(repoRoot).catch(() => repoRoot), path, MAX_FILE_BYTES);
    if (!read) {
      this.docs.delete(uri);
      return undefined;
    }
    const held = this.docs.get(uri);
    if (held && held.stamp === read.stamp) return { doc: held.doc, changed: false };
    if (held && held.doc.getText() === read.text) {
      held.stamp = read.stamp; // touched, same content
      return { doc: held.doc, changed: false };
    }
    const doc = TextDocument.create(uri, /\.json$/i.test(path) ? 'json' : 'yaml', ++this.version, read.text);
    this.docs.set(uri, { doc, stamp: read.stamp });
    return { doc, changed: true };
  }

  drop(uri: string): void {
    this.docs.delete(uri);
  }
}
