// Parses JSON (and JSONC: comments, trailing commas) with Microsoft's jsonc-parser,
// the scanner VS Code itself uses, straight into the position-carrying tree. It
// reads Stripe's 4 MB JSON about ten times faster than the YAML parser did, and
// builds exactly the tree the YAML parser built from the same text: same node
// kinds, keys, values, offsets and key offsets (a test holds the two equal on
// every corpus spec), so the diff cannot tell which parser read a file.
import { visit, ParseErrorCode, printParseErrorCode } from 'jsonc-parser';
import { nextNodeId, type JMap, type JNode, type JSeq, type ScalarValue } from './tree';
import type { TextProblem } from './parseText';

/** Nesting depth at which the YAML parser gave up (RESOURCE_EXHAUSTION): the same limit, so both formats agree. */
const MAX_PARSE_DEPTH = 1000;

export interface JsonSyntaxError {
  /** jsonc-parser's name for it ("CommaExpected"), used only when JSON.parse gives no better words. */
  code: string;
  start: number;
  end: number;
}

export interface JsonTree {
  root: JNode | null;
  errors: JsonSyntaxError[];
  /** Offset where nesting went past what is read at all (no tree then). */
  tooDeepAt?: number;
}

/** Thrown from inside the visitor to stop at the nesting limit (jsonc-parser recurses per level). */
class TooDeep {
  constructor(readonly at: number) {}
}

/**
 * Builds the tree of a JSON text. `offset` is added to every position and `depth` to
 * every nesting level (a fragment parsed on its own sits there in the whole text).
 * Values nested deeper than `maxDepth` become null, and they and duplicate keys are
 * reported in `warnings` with the same words and in the same order as the YAML converter's.
 */
export function parseJsonTree(text: string, maxDepth: number, warnings: TextProblem[], offset = 0, depth = 0): JsonTree {
  const errors: JsonSyntaxError[] = [];
  let root: JNode | null = null;
  /** Open collections; a cut-off collection is a null scalar with the depth it was cut at. */
  const stack: (JMap | JSeq)[] = [];
  /** The key waiting for its value, with its offsets. */
  let key: string | null = null;
  let keyStart = 0;
  let keyEnd = 0;
  /** While > 0, inside a value cut off for depth: its contents are skipped. */
  let skipping = 0;
  let skipped: JNode | null = null;
  /** Where the deepest collection so far began (the place to report running out of stack). */
  let lastBegin = offset;

  const attach = (node: JNode): void => {
    const parent = stack.length ? stack[stack.length - 1] : null;
    if (!parent) {
      if (!root) root = node;
      return;
    }
    node.parent = parent;
    if (parent.kind === 'seq') {
      node.key = parent.items.length;
      node.keyStart = node.start;
      node.keyEnd = node.end;
      parent.items.push(node);
      return;
    }
    const k = key ?? '';
    node.key = k;
    node.keyStart = key === null ? node.start : keyStart;
    node.keyEnd = key === null ? node.start : keyEnd;
    key = null;
    if (parent.entries.has(k)) {
      warnings.push({
        message: `duplicate key "${k}": the last one is used`,
        start: node.keyStart,
        end: Math.max(node.keyEnd, node.keyStart + 1),
        severity: 'warning',
      });
      parent.entries.delete(k); // keep source order: the later key moves to the end
    }
    parent.entries.set(k, node);
  };
  const begin = (kind: 'map' | 'seq', at: number): void => {
    const start = at + offset;
    lastBegin = start;
    if (stack.length + skipping + 1 > MAX_PARSE_DEPTH) throw new TooDeep(start);
    if (skipping > 0) {
      skipping++;
      return;
    }
    if (stack.length + depth > maxDepth) {
      skipped = scalar(null, start, start);
      attach(skipped);
      warnings.push(depthWarning(start, maxDepth));
      skipping = 1;
      return;
    }
    const node: JMap | JSeq =
      kind === 'map'
        ? { kind: 'map', id: nextNodeId(), parent: null, key: null, start, end: start, keyStart: start, keyEnd: start, entries: new Map(), ref: undefined }
        : { kind: 'seq', id: nextNodeId(), parent: null, key: null, start, end: start, keyStart: start, keyEnd: start, items: [] };
    attach(node);
    stack.push(node);
  };
  const finish = (at: number, length: number): void => {
    const end = at + length + offset;
    if (skipping > 0) {
      if (--skipping === 0 && skipped) setEnd(skipped, end);
      return;
    }
    const node = stack.pop();
    if (!node) return;
    setEnd(node, end);
    if (node.kind === 'map') {
      const ref = node.entries.get('$ref');
      if (ref && ref.kind === 'scalar' && typeof ref.value === 'string') node.ref = ref.value;
    }
  };
  try {
    visit(
      text,
      {
        onObjectBegin: (at) => begin('map', at),
        onArrayBegin: (at) => begin('seq', at),
        onObjectEnd: finish,
        onArrayEnd: finish,
        onObjectProperty: (property, at, length) => {
          if (skipping > 0) return;
          key = property;
          keyStart = at + offset;
          keyEnd = at + length + offset;
        },
        onLiteralValue: (value: unknown, at, length) => {
          if (skipping > 0) return;
          const start = at + offset;
          const cut = stack.length + depth > maxDepth;
          attach(scalar(cut ? null : normalise(value), start, start + length));
          if (cut) warnings.push(depthWarning(start, maxDepth));
        },
        onError: (error: ParseErrorCode, at, length) => {
          errors.push({ code: printParseErrorCode(error), start: at + offset, end: at + Math.max(length, 1) + offset });
        },
      },
      { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true },
    );
  } catch (e) {
    if (e instanceof TooDeep) return { root: null, errors, tooDeepAt: e.at };
    // The parser recurses per level: a stack already deep (a worker's is smaller) may run out before the limit.
    if (e instanceof RangeError) return { root: null, errors, tooDeepAt: lastBegin };
    throw e;
  }
  // Collections left open by a syntax error end where the text ends.
  for (const open of stack) if (open.end === open.start) setEnd(open, text.length + offset);
  return { root, errors };
}

function depthWarning(start: number, maxDepth: number): TextProblem {
  return { message: `nesting deeper than ${maxDepth} levels is not compared`, start, end: start + 1, severity: 'warning' };
}

function setEnd(node: JNode, end: number): void {
  node.end = end;
  // Items and the root have no key of their own: their key range is the node.
  if (typeof node.key !== 'string') node.keyEnd = end;
}

function scalar(value: ScalarValue, start: number, end: number): JNode {
  return { kind: 'scalar', id: nextNodeId(), parent: null, key: null, start, end, keyStart: start, keyEnd: end, value };
}

function normalise(v: unknown): ScalarValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}
