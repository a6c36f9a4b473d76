// How long a document waits after a keystroke before it is checked. A fixed quarter
// second made every edit of a spec whose check takes 50 ms wait five times longer
// than the check. The wait now follows this document's recent checks: about as
// long as one of them (typing on a fast spec is checked almost at once, a slow
// spec waits until the typist pauses, so its checks are not started only to be
// cancelled by the next key), never below a floor that lets a burst of keystrokes
// (a word, a paste-then-fix) coalesce into one check, never above a ceiling.

/** Keystrokes closer together than this are one burst, checked once. */
export const MIN_TYPING_DELAY_MS = 60;
export const MAX_TYPING_DELAY_MS = 500;
/** Before any check of the document has been timed. */
export const FIRST_TYPING_DELAY_MS = 150;
/** How many recent checks count: enough to ignore one outlier (a collection, a full re-parse). */
const RECENT = 5;

export class TypingDelay {
  private readonly recent: number[] = [];

  /** A completed check of an edit of this document took `ms` (from its start to its result). */
  checked(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  /** The wait after a keystroke: the median of the recent checks, within the floor and the ceiling. */
  get ms(): number {
    if (this.recent.length === 0) return FIRST_TYPING_DELAY_MS;
    const sorted = [...this.recent].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return Math.round(Math.min(MAX_TYPING_DELAY_MS, Math.max(MIN_TYPING_DELAY_MS, median)));
  }
}
