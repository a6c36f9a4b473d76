// Offset <-> line/column conversion, built once per text.

export interface LineCol {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units (what LSP and VS Code use). */
  character: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    this.starts = starts;
  }

  /**
   * The index of `text`, which is `prev.text` after one edit (offsets into the old
   * text): only the inserted text is scanned and later lines are shifted, instead
   * of scanning megabytes on every keystroke.
   */
  static afterEdit(prev: LineIndex, text: string, edit: { start: number; end: number; newText: string }): LineIndex {
    const old = prev.starts;
    const delta = edit.newText.length - (edit.end - edit.start);
    // Line starts up to the edit stay (their line break is before it)...
    let lo = 0;
    let hi = old.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (old[mid] <= edit.start) lo = mid + 1;
      else hi = mid;
    }
    const inserted: number[] = [];
    // ...line breaks in the inserted text start new lines...
    for (let i = edit.newText.indexOf('\n'); i !== -1; i = edit.newText.indexOf('\n', i + 1)) inserted.push(edit.start + i + 1);
    // ...and those after the replaced span move with it (breaks inside it are gone).
    let k = lo;
    while (k < old.length && old[k] <= edit.end) k++;
    const starts = new Array<number>(lo + inserted.length + old.length - k);
    for (let i = 0; i < lo; i++) starts[i] = old[i];
    for (let i = 0; i < inserted.length; i++) starts[lo + i] = inserted[i];
    for (let i = k, j = lo + inserted.length; i < old.length; i++, j++) starts[j] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line] + character, this.lineEnd(line));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return next > 0 && this.text[next - 1] === '\r' ? next - 1 : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
