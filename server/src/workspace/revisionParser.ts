// Parses the text of one open document, re-using the previous parse: an edit is
// re-parsed on its own (the smallest enclosing map entry) and spliced into the
// old tree, which turns a 1 s re-parse of a 4 MB spec into milliseconds. The
// engine falls back to a full parse whenever splicing is not safe.
import { parseText, reparse, type ParsedText } from '../engine/index';

/** A replacement of [start, end) of a text (UTF-16 offsets) by newText. */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

export class RevisionParser {
  private last?: { text: string; parsed: ParsedText };
  /**
   * The last parse without errors, kept while the text does not parse. Typing
   * through a broken state (a JSON member half typed, a quote not yet closed) and
   * repairing it is then one edit from this tree, re-parsed as a fragment, instead
   * of a whole parse (~1 s on a 4 MB spec) -- and the tree, so the incremental diff, lives on.
   */
  private lastGood?: { text: string; parsed: ParsedText };

  constructor(private readonly file: string) {}

  /** Starts from a parse made elsewhere (a copy of the base's tree when the texts are equal). */
  seed(parsed: ParsedText): void {
    this.last = { text: parsed.text, parsed };
    this.lastGood = parsed.errors.length === 0 ? this.last : undefined;
  }

  /**
   * The parse of `text`. The previous tree is consumed (updated in place), so
   * anything that still holds it must be guarded by the document version.
   * `edit`, when known, is the change from the previously parsed text to `text`:
   * it saves comparing two 4 MB strings (~20 ms) to find it.
   */
  parse(text: string, edit?: TextChange): ParsedText {
    const prev = this.last;
    if (prev && !edit && prev.text === text) return prev.parsed;
    // After a broken text, start again from the last good one (a failed fragment leaves its tree untouched).
    const from = prev && prev.parsed.errors.length > 0 && this.lastGood ? this.lastGood : prev;
    let parsed: ParsedText;
    try {
      const change =
        from === prev && prev && edit && prev.text.length - (edit.end - edit.start) + edit.newText.length === text.length
          ? edit
          : from
            ? singleEdit(from.text, text)
            : undefined;
      parsed = from && change ? reparse(from.parsed, change, this.file).parsed : parseText(text, this.file);
    } catch {
      parsed = parseText(text, this.file);
    }
    this.last = { text, parsed };
    if (parsed.errors.length === 0) this.lastGood = this.last;
    else if (parsed.root === this.lastGood?.parsed.root) this.lastGood = undefined; // cannot happen (splices never err), but never keep a consumed tree
    return parsed;
  }
}

/** The one replacement that turns `before` into `after` (common prefix and suffix kept). */
export function singleEdit(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // Never split a CRLF pair or a surrogate pair between the kept and the replaced part.
  while (p > 0 && (before[p - 1] === '\r' || isHighSurrogate(before.charCodeAt(p - 1)))) p--;
  return { start: p, end: before.length - s, newText: after.slice(p, after.length - s) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Keeps one change equivalent to a series of changes: the span that differs between
 * the text it started from and the current text. Positions before the span are the
 * same in both texts and positions after it differ by a constant shift, so each new
 * change only widens the span.
 */
export class ChangeSpan {
  private start = 0;
  /** End of the span in the original text, and in the current one. */
  private oldEnd = 0;
  private newEnd = 0;
  private empty = true;

  add(change: TextChange): void {
    const newEnd = change.start + change.newText.length;
    if (this.empty) {
      this.start = change.start;
      this.oldEnd = change.end;
      this.newEnd = newEnd;
      this.empty = false;
      return;
    }
    const end = Math.max(this.newEnd, change.end);
    this.oldEnd += end - this.newEnd;
    this.start = Math.min(this.start, change.start);
    this.newEnd = end + change.newText.length - (change.end - change.start);
  }

  /** The one change from the original text to `current`, or undefined when nothing changed. */
  change(current: string): TextChange | undefined {
    if (this.empty) return undefined;
    // As in singleEdit: never split a CRLF or surrogate pair (the text before the span is the same in both).
    let start = this.start;
    while (start > 0 && (current[start - 1] === '\r' || isHighSurrogate(current.charCodeAt(start - 1)))) start--;
    return { start, end: this.oldEnd, newText: current.slice(start, this.newEnd) };
  }
}
