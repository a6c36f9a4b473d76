// Root specs checked in the background: a referenced file is open, the spec that
// uses it is not. This is the one record of which roots those are, and of their
// texts: read from disk (never from outside the repository) and read again only
// when its size or modification time changes; each new text gets a new version, so
// the check worker is sent the whole of it.
import { realpath } from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_FILE_BYTES, readFileInside } from '../../io/safeRead';

export interface Loaded {
  doc: TextDocument;
  /** The text differs from the one returned before (the worker's copy is outdated). */
  changed: boolean;
}

export class BackgroundDocs {
  /** Background root -> its text as last read (undefined before the first read). */
  private readonly docs = new Map<string, { doc: TextDocument; stamp: string } | undefined>();
  /** Versions only grow, across roots and re-reads, so a stale reply can never match a newer text. */
  private version = 0;

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  start(uri: string): void {
    if (!this.docs.has(uri)) this.docs.set(uri, undefined);
  }

  /** The root is no longer checked in the background; true when it was. */
  stop(uri: string): boolean {
    return this.docs.delete(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri)?.doc;
  }

  /**
   * The root as it is on disk now, or undefined when it is gone, unreadable or outside
   * `repoRoot`, or was stopped during the read (a late read must not bring it back).
   */
  async load(uri: string, path: string, repoRoot: string): Promise<Loaded | undefined> {
    const read = await readFileInside(await realpath(repoRoot).catch(() => repoRoot), path, MAX_FILE_BYTES);
    if (!this.docs.has(uri)) return undefined;
    if (!read) {
      this.docs.set(uri, undefined);
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
}
