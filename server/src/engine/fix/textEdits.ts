// Applying edits to a string, and following offsets through them.
import type { TextEdit } from './types';

/** Applies non-overlapping edits (any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * Where an offset of the old text is in the new text. `inclusive`: text inserted
 * exactly at the offset counts as before it (for the end of a range that grows).
 */
export function mapOffset(offset: number, edits: readonly TextEdit[], inclusive: boolean): number {
  let delta = 0;
  for (const e of edits) {
    const before = inclusive ? e.start <= offset : e.start < offset || (e.start === offset && e.end > offset);
    if (!before) continue;
    if (e.end <= offset) delta += e.newText.length - (e.end - e.start);
    else return e.start + delta + e.newText.length; // inside a replaced range: snap to its end
  }
  return offset + delta;
}
