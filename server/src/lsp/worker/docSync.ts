// What the check worker has of each open document, and the edits made since: a
// check after a keystroke sends those few characters instead of a 4 MB text, and
// the worker re-parses only the region they touch. Only documents the worker has
// been sent are tracked, so typing in other files costs nothing.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../../workspace/revisionParser';
import type { TextSync } from './messages';

/** Beyond this many pending changes the whole text is cheaper to send (and memory stays bounded). */
const MAX_PENDING_CHANGES = 5000;

interface Synced {
  /** The version the worker has; -1 when it has nothing usable. */
  version: number;
  /** Changes since that version, in order; undefined: send the whole text. */
  changes: TextChange[] | undefined;
}

export class DocumentSync {
  private readonly synced = new Map<string, Synced>();

  /**
   * A TextDocuments update function that records each change as offsets before
   * applying it (offsets need the text as it was just before that change).
   */
  readonly update = (doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    const s = this.synced.get(doc.uri);
    for (const c of changes) {
      if (s?.changes) {
        const start = 'range' in c ? doc.offsetAt(c.range.start) : 0;
        const end = 'range' in c ? doc.offsetAt(c.range.end) : doc.getText().length;
        s.changes.push({ start, end, newText: c.text });
        if (s.changes.length > MAX_PENDING_CHANGES) s.changes = undefined;
      }
      // Updates the document in place, one change at a time, so the next offsets are right.
      TextDocument.update(doc, [c], version);
    }
    return TextDocument.update(doc, [], version);
  };

  /** What to send so the worker has `doc` as it is now; from then on the worker is assumed to have it. */
  take(doc: TextDocument): TextSync {
    const s = this.synced.get(doc.uri);
    const text = doc.getText();
    const sync: TextSync =
      s?.changes && s.version >= 0
        ? { kind: 'changes', fromVersion: s.version, version: doc.version, length: text.length, changes: s.changes }
        : { kind: 'full', version: doc.version, text };
    this.synced.set(doc.uri, { version: doc.version, changes: [] });
    return sync;
  }

  /** Whether the worker has a usable copy of the document (edits can be sent as they come). */
  has(uri: string): boolean {
    const s = this.synced.get(uri);
    return !!s && s.version >= 0 && !!s.changes;
  }

  /** Whether the worker's copy is behind (or it asked for the text). */
  behind(doc: TextDocument): boolean {
    const s = this.synced.get(doc.uri);
    return !!s && (s.version !== doc.version || !s.changes || s.changes.length > 0);
  }

  /** Documents the worker has (or asked for). */
  uris(): string[] {
    return [...this.synced.keys()];
  }

  /** The worker lacks this document or has lost track: the next sync sends the whole text. */
  resend(uri: string): void {
    this.synced.set(uri, { version: -1, changes: undefined });
  }

  closed(uri: string): void {
    this.synced.delete(uri);
  }

  /** A new worker has nothing. */
  reset(): void {
    this.synced.clear();
  }
}
