// "Restore the base value" for a changed keyword (type, format, pattern, bounds,
// const, parameter default): the keyword's base text replaces the revision's, or
// the keyword is removed/re-added when only one side has it.
import { isMap } from '../parse/tree';
import type { Finding } from '../types';
import { deleteChild, insertEntry, replaceEntryValue } from './containerEdits';
import { fragmentFromText } from './fragment';
import { entryPosition } from './placement';
import { colonAfter, entryEnd, findNode } from './nodes';
import { renderBaseNode } from './snippet';
import type { Fix, FixSide } from './types';

export function valueFixes(finding: Finding, base: FixSide, revision: FixSide): Fix[] {
  if (!finding.base || !finding.revision || finding.base.file !== base.file || finding.revision.file !== revision.file) return [];
  const b = findNode(base.root, finding.base);
  const r = findNode(revision.root, finding.revision);
  if (!b || !r) return [];
  const bKey = typeof b.key === 'string' ? b.key : undefined;
  const rKey = typeof r.key === 'string' ? r.key : undefined;
  if (bKey !== undefined && bKey === rKey) {
    const colon = colonAfter(base.text, b.keyEnd);
    if (colon < 0) return [];
    const value = fragmentFromText(base.text, colon + 1, entryEnd(base.text, b), base.lines.position(b.keyStart).character, base.style, revision.style, 'k:');
    return [
      {
        kind: 'restore-value',
        title: `Restore ${bKey}:${summary(value.lines.map((l) => l.text).join(' '))}`,
        edits: replaceEntryValue(revision, r, value),
        isPreferred: true,
      },
    ];
  }
  // The keyword was added: the base node is the schema that lacked it.
  if (rKey !== undefined && isMap(b) && !b.entries.has(rKey)) {
    return [{ kind: 'restore-value', title: `Restore the base: remove ${rKey}`, edits: deleteChild(revision, r), isPreferred: true }];
  }
  // The keyword was removed: the revision node is the schema that lost it.
  if (bKey !== undefined && isMap(r) && !r.entries.has(bKey) && isMap(b.parent)) {
    const edits = insertEntry(revision, r, renderBaseNode(base, b, [], revision.style), entryPosition(b.parent, b, r));
    return [{ kind: 'restore-value', title: `Restore ${bKey}:${summary(base.text.slice(b.start, b.end))}`, edits, isPreferred: true }];
  }
  return [];
}

function summary(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return ' ' + (one.length > 40 ? one.slice(0, 39) + '…' : one);
}
