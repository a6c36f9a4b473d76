// Re-parses only the part of a document that an edit touches. The smallest map
// entry that encloses the edit (a YAML block entry or a JSON/flow member) is parsed
// on its own and spliced into the old tree; everything after it is shifted. When
// no entry can be re-parsed safely (the edit crosses entries, changes indentation
// structure, or breaks the syntax) the whole text is parsed again, so the result
// always equals a full parse.
import { parseDocument, isMap as isYamlMap, type Node as YNode } from 'yaml';
import { Converter, MAX_DEPTH, parseText, type ParsedText, type TextProblem } from './parseText';
import { parseJsonTree } from './parseJson';
import { LineIndex } from './lineIndex';
import { forgetSubtreeFacts } from './subtreeFacts';
import { blankJsonComments } from './jsonComments';
import type { JMap, JNode, JSeq } from './tree';
import { TreeEditLog } from './editLog';
import { detached } from './detached';

export interface TextEdit {
  /** Offsets in the old text. */
  start: number;
  end: number;
  newText: string;
}

export interface ReparseResult {
  parsed: ParsedText;
  /** How much was parsed again: 'fragment' (incremental) or 'full'. */
  mode: 'fragment' | 'full';
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

/** `prev` is consumed: its tree is updated in place and must not be used afterwards. */
export function reparse(prev: ParsedText, edit: TextEdit, fileName = ''): ReparseResult {
  const text = applyEdit(prev.text, edit);
  const full = (): ReparseResult => ({ parsed: parseText(text, fileName), mode: 'full' });
  // A NUL byte is an error only a full parse reports (see parseText). JSON with comments is
  // parsed whole: a fragment cannot tell whether a quote before it opened a string.
  // Anchors and aliases share nodes across the document: a fragment could neither see an anchor outside it nor update aliases of one inside it.
  if (!prev.root || prev.errors.length > 0 || prev.root.kind !== 'map' || prev.anchors || edit.newText.includes('\0')) return full();
  if (prev.format === 'json' && blankJsonComments(text)) return full();
  const delta = edit.newText.length - (edit.end - edit.start);
  for (const entry of enclosingEntries(prev.root, edit)) {
    const spliced = tryFragment(prev, text, entry, edit, delta);
    if (spliced) return { parsed: spliced, mode: 'fragment' };
  }
  return full();
}

/** Map entries whose value is a collection and strictly contains the edit, deepest first. */
function enclosingEntries(root: JMap, edit: TextEdit): JNode[] {
  const out: JNode[] = [];
  let cur: JNode = root;
  for (;;) {
    let next: JNode | undefined;
    const children: Iterable<JNode> = cur.kind === 'map' ? cur.entries.values() : cur.kind === 'seq' ? cur.items : [];
    for (const c of children) {
      if (c.parent !== cur) continue; // an alias: its real place is elsewhere
      if (c.keyStart < edit.start && edit.end < c.end) {
        next = c;
        break;
      }
    }
    if (!next || next.kind === 'scalar') break;
    if (next.parent?.kind === 'map') out.push(next);
    cur = next;
  }
  return out.reverse();
}

function tryFragment(prev: ParsedText, text: string, entry: JNode, edit: TextEdit, delta: number): ParsedText | undefined {
  const parent = entry.parent as JMap;
  const key = entry.key as string;
  // The entry repeats a sibling's key (warned at its key): parsed alone, the fragment cannot see that sibling.
  if (prev.warnings.some((w) => w.start === entry.keyStart)) return undefined;
  const old = prev.text;
  const lineStart = old.lastIndexOf('\n', entry.keyStart - 1) + 1;
  const block = /^[ ]*$/.test(old.slice(lineStart, entry.keyStart)) && old[entry.keyStart] !== '{';
  let fragment: string;
  let offset: number;
  let regionStart: number;
  let oldEnd: number;
  if (block && prev.format === 'yaml') {
    // Whole lines, from the key's line to the end of the value's last line.
    regionStart = lineStart;
    oldEnd = endOfLine(old, entry.end - 1);
    if (edit.end > oldEnd) return undefined;
    const newEnd = oldEnd + delta;
    const indent = entry.keyStart - lineStart;
    if (!nextLineEndsBlock(text, newEnd, indent)) return undefined;
    // The parser's keys and values are slices of the fragment: spliced into the tree, they would hold every version of the text ever typed.
    fragment = detached(text.slice(regionStart, newEnd));
    offset = regionStart;
  } else {
    regionStart = entry.keyStart;
    oldEnd = entry.end;
    if (old[entry.keyStart] === '{' || edit.end > oldEnd) return undefined;
    // A block mapping that starts after a sequence dash (`- key: []`) is no flow member: inside `{...}`
    // YAML reads `key:[]` as a key and a value, in a block it is one plain scalar.
    if (prev.format === 'yaml' && old[parent.start] !== '{') return undefined;
    fragment = '{' + text.slice(regionStart, oldEnd + delta) + '}';
    offset = regionStart - 1;
  }
  // The whole text has no JSON comment; a fragment that seems to have one (a quote cut off) is parsed whole.
  if (prev.format === 'json' && blankJsonComments(fragment)) return undefined;
  const warnings: TextProblem[] = [];
  // The fragment's root stands for the parent map: its nesting counts from the parent's depth, so values past the limit are cut as in a full parse.
  const depth = depthOf(parent);
  const converted = prev.format === 'json' ? jsonFragment(fragment, offset, depth, warnings) : yamlFragment(fragment, offset, depth, warnings);
  if (!converted || converted.kind !== 'map' || converted.entries.size !== 1 || !converted.entries.has(key)) return undefined;
  const value = converted.entries.get(key)!;
  if (value.kind === 'scalar' && entry.kind !== 'scalar') return undefined;
  // Splice: the new value takes the old one's place (Map.set keeps the key's order).
  const oldRegionEnd = oldEnd;
  shiftTree(prev.root!, entry, oldRegionEnd, delta, value.end);
  reparent(value, parent);
  parent.entries.set(key, value);
  forgetSubtreeFacts(parent);
  // The diff reads this to re-compare only what the replaced entry can affect.
  const editLog = prev.editLog ?? new TreeEditLog();
  editLog.record(parent, key, entry);
  const shiftedWarnings = prev.warnings
    .filter((w) => w.end <= regionStart || w.start >= oldRegionEnd)
    .map((w) => (w.start >= oldRegionEnd ? { ...w, start: w.start + delta, end: w.end + delta } : w));
  return {
    text,
    root: prev.root,
    errors: [],
    warnings: [...shiftedWarnings, ...warnings],
    lines: LineIndex.afterEdit(prev.lines, text, edit),
    format: prev.format,
    editLog,
  };
}

/** The fragment's tree, or undefined when it does not parse cleanly on its own. */
function jsonFragment(fragment: string, offset: number, depth: number, warnings: TextProblem[]): JNode | undefined {
  const tree = parseJsonTree(fragment, MAX_DEPTH, warnings, offset, depth);
  return tree.errors.length === 0 && tree.tooDeepAt === undefined && tree.root ? tree.root : undefined;
}

function yamlFragment(fragment: string, offset: number, depth: number, warnings: TextProblem[]): JNode | undefined {
  const doc = parseDocument(fragment, { uniqueKeys: false, prettyErrors: false, strict: false, keepSourceTokens: false });
  if (doc.errors.length > 0 || !isYamlMap(doc.contents) || doc.contents.items.length !== 1) return undefined;
  const converter = new Converter(doc, warnings, offset);
  let converted: JNode;
  try {
    converted = converter.convert(doc.contents as YNode, null, null, 0, 0, depth);
  } catch {
    return undefined;
  }
  return converter.sawAnchorOrAlias ? undefined : converted;
}

/** How many levels a node sits below the root. */
function depthOf(node: JNode): number {
  let depth = 0;
  for (let p = node.parent; p; p = p.parent) depth++;
  return depth;
}

function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(0, offset));
  return nl === -1 ? text.length : nl + 1;
}

/** The first non-blank, non-comment line after `offset` must not be indented deeper than the entry's key. */
function nextLineEndsBlock(text: string, offset: number, indent: number): boolean {
  let i = offset;
  while (i < text.length) {
    const nl = text.indexOf('\n', i);
    const line = text.slice(i, nl === -1 ? text.length : nl);
    const trimmed = line.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) return line.length - trimmed.length <= indent;
    if (nl === -1) break;
    i = nl + 1;
  }
  return true;
}

function reparent(value: JNode, parent: JMap): void {
  value.parent = parent;
}

/** Moves every node after the edited region by `delta`; ancestors of the region grow or shrink. */
function shiftTree(root: JNode, replaced: JNode, oldRegionEnd: number, delta: number, newValueEnd: number): void {
  // Ancestors may end exactly where the replaced value ends, before the region's line end.
  const ancestors = new Set<JNode>();
  for (let a = replaced.parent; a; a = a.parent) ancestors.add(a);
  const stack: JNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === replaced) continue;
    const ownKey = typeof n.key === 'string';
    if (ownKey && n.keyStart >= oldRegionEnd) {
      n.keyStart += delta;
      n.keyEnd += delta;
    }
    if (n.start >= oldRegionEnd) n.start += delta;
    // An ancestor that ended with the replaced value ends where the new value ends (the Set is asked only then: this loop visits every node).
    if (n.end === replaced.end && ancestors.has(n)) n.end = newValueEnd;
    else if (n.end >= oldRegionEnd) n.end += delta;
    if (!ownKey) {
      // Items and the root have no key: their "key" range is the node itself.
      n.keyStart = n.start;
      n.keyEnd = n.end;
    }
    if (n.end < oldRegionEnd && n.end <= replaced.keyStart) continue; // wholly before: nothing below moves
    if (n.kind === 'map') {
      for (const c of n.entries.values()) if (c.parent === n) stack.push(c);
    } else if (n.kind === 'seq') {
      for (const c of (n as JSeq).items) if (c.parent === n) stack.push(c);
    }
  }
}
