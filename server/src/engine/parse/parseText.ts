// Parses YAML or JSON text into the position-carrying tree: YAML with the fast
// reader of fastYaml.ts when the text is in the subset it reads exactly like the
// `yaml` package, else with the `yaml` package itself (errors, anchors, tags...);
// JSON with jsonc-parser (parseJson.ts), which builds the very tree the YAML parser
// would (YAML 1.2 is a superset of JSON) several times faster. A .json file that
// does not start like JSON (YAML saved as .json) is read as YAML.
import { parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YNode } from 'yaml';
import { nextNodeId, type JMap, type JNode, type JSeq, type ScalarValue } from './tree';
import { LineIndex } from './lineIndex';
import { blankJsonComments } from './jsonComments';
import type { TreeEditLog } from './editLog';
import { parseJsonTree, type JsonSyntaxError } from './parseJson';
import { readPlainYaml } from './fastYaml';

export interface TextProblem {
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
  /** The message says on its own why the text cannot be read (no "invalid YAML:" in front). */
  standalone?: boolean;
}

export interface ParsedText {
  text: string;
  /** Null when nothing usable could be parsed. */
  root: JNode | null;
  /** Syntax errors: the text is not valid YAML/JSON (a partial tree may still exist). */
  errors: TextProblem[];
  /** Things that parse but are suspicious: duplicate keys, truncated nesting. */
  warnings: TextProblem[];
  lines: LineIndex;
  format: 'yaml' | 'json';
  /**
   * The text uses YAML anchors or aliases. An aliased node is shared by every place
   * that refers to it, so an edit is then parsed whole, never as a fragment.
   */
  anchors?: boolean;
  /** Fragments spliced into this tree since it was parsed whole (absent: none yet). */
  editLog?: TreeEditLog;
}

/** Nesting deeper than this is cut off (with a warning) so a hostile file cannot blow the stack. */
export const MAX_DEPTH = 512;

/** Deeper nesting than the parser's stack allows (the yaml package reports it as RESOURCE_EXHAUSTION). */
export const TOO_DEEP = `nested too deeply to read (Breakwater compares up to ${MAX_DEPTH} levels)`;
export const NOT_TEXT = 'not a text file (it contains NUL bytes)';

export function detectFormat(text: string, fileName = ''): 'yaml' | 'json' {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  const first = text.match(/^\s*(\S)/);
  return first && (first[1] === '{' || first[1] === '[') ? 'json' : 'yaml';
}

export function parseText(text: string, fileName = ''): ParsedText {
  return parse(text, fileName, true);
}

/** parseText without the fast YAML reader: what it must equal (tests) and what it falls back to. */
export function parseTextWithYamlPackage(text: string, fileName = ''): ParsedText {
  return parse(text, fileName, false);
}

function parse(text: string, fileName: string, fastYaml: boolean): ParsedText {
  const lines = new LineIndex(text);
  const errors: TextProblem[] = [];
  const warnings: TextProblem[] = [];
  const format = detectFormat(text, fileName);
  // A binary file gets one clear error instead of whatever the YAML grammar makes of NUL bytes.
  const nul = text.indexOf('\0');
  if (nul !== -1) errors.push({ message: NOT_TEXT, start: nul, end: nul + 1, severity: 'error', standalone: true });
  if (format === 'json' && startsLikeJson(text)) return parseJson(text, lines, errors, warnings);
  if (fastYaml && format === 'yaml' && nul === -1) {
    const root = readPlainYaml(text, MAX_DEPTH);
    if (root) return { text, root, errors, warnings, lines, format, anchors: false };
  }
  const jsonc = format === 'json' ? blankJsonComments(text) : undefined;
  if (jsonc?.unterminatedAt !== undefined)
    errors.push({ message: 'a /* comment is not closed', start: jsonc.unterminatedAt, end: jsonc.unterminatedAt + 2, severity: 'error' });
  let doc: Document.Parsed;
  try {
    doc = parseDocument(jsonc?.text ?? text, {
      uniqueKeys: false,
      prettyErrors: false,
      strict: false,
      keepSourceTokens: false,
    });
  } catch (e) {
    if (e instanceof RangeError) errors.push({ message: TOO_DEEP, start: 0, end: Math.min(text.length, 1), severity: 'error', standalone: true });
    else errors.push({ message: `cannot parse: ${(e as Error).message}`, start: 0, end: Math.min(text.length, 1), severity: 'error' });
    return { text, root: null, errors, warnings, lines, format };
  }
  const earlier = errors.length;
  for (const err of doc.errors) {
    const start = err.pos[0];
    const end = Math.max(err.pos[1], start + 1);
    // A second document (`---`) is no reason to refuse the first: it is read, with a warning.
    if (err.code === 'MULTIPLE_DOCS')
      warnings.push({ message: 'the file holds several YAML documents (separated by ---); only the first is read', start, end, severity: 'warning' });
    else if (err.code === 'RESOURCE_EXHAUSTION') errors.push({ message: TOO_DEEP, start, end, severity: 'error', standalone: true });
    else errors.push({ message: cleanMessage(err.message), start, end, severity: 'error' });
  }
  // The YAML parser's words for broken JSON are YAML's ("implicit keys", "flow map"): JSON's own are clearer.
  // (Only when the parser's errors are the first: an unclosed comment or a NUL byte says more.)
  if (format === 'json' && earlier === 0 && errors.some((e) => !e.standalone)) {
    const strict = strictJsonError(jsonc?.text ?? text);
    if (strict) errors.splice(0, errors.length, ...errors.filter((e) => e.standalone), strict);
  }
  const converter = new Converter(doc, warnings);
  let root: JNode | null;
  try {
    root = doc.contents ? converter.convert(doc.contents as YNode, null, null, 0, 0, 0) : null;
  } catch (e) {
    if (e instanceof RangeError) {
      errors.push({ message: TOO_DEEP, start: 0, end: 1, severity: 'error', standalone: true });
      root = null;
    } else throw e;
  }
  return { text, root, errors, warnings, lines, format, anchors: converter.sawAnchorOrAlias };
}

/** The first thing after blanks and comments opens an object or an array (a BOM is left to the YAML parser). */
function startsLikeJson(text: string): boolean {
  const first = /^(?:[ \t\r\n]+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*(.)/.exec(text.slice(0, 4096));
  return !!first && (first[1] === '{' || first[1] === '[');
}

function parseJson(text: string, lines: LineIndex, errors: TextProblem[], warnings: TextProblem[]): ParsedText {
  const tree = parseJsonTree(text, MAX_DEPTH, warnings);
  if (tree.tooDeepAt !== undefined) {
    errors.push({ message: TOO_DEEP, start: tree.tooDeepAt, end: tree.tooDeepAt + 1, severity: 'error', standalone: true });
    return { text, root: null, errors, warnings, lines, format: 'json', anchors: false };
  }
  if (tree.errors.length > 0) {
    const jsonc = blankJsonComments(text);
    if (jsonc?.unterminatedAt !== undefined)
      errors.push({ message: 'a /* comment is not closed', start: jsonc.unterminatedAt, end: jsonc.unterminatedAt + 2, severity: 'error' });
    // JSON.parse's words and place ("expected ',' or '}' after property value") are what users know; jsonc-parser's code otherwise.
    errors.push((errors.length === 0 ? strictJsonError(jsonc?.text ?? text) : undefined) ?? fromParserError(tree.errors[0]));
  }
  return { text, root: tree.root, errors, warnings, lines, format: 'json', anchors: false };
}

/** jsonc-parser's error code in words: "CommaExpected" -> "comma expected". */
function fromParserError(e: JsonSyntaxError): TextProblem {
  return { message: e.code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(), start: e.start, end: e.end, severity: 'error' };
}

/**
 * The first error JSON.parse finds, with its position, in JSON's terms ("expected ','
 * or '}' after property value"); undefined when it finds none or gives no position.
 */
function strictJsonError(text: string): TextProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const at = /^(.*?) in JSON at position (\d+)/.exec(message);
    if (at) {
      const start = Math.min(Number(at[2]), Math.max(0, text.length - 1));
      // V8's wording, except where it names the symptom rather than the usual cause (a quote not closed while typing).
      const said = /^Bad control character in string literal/.test(at[1])
        ? 'a string is not closed on its line (or holds a raw control character)'
        : at[1].charAt(0).toLowerCase() + at[1].slice(1);
      return { message: said, start, end: start + 1, severity: 'error' };
    }
    if (/^Unexpected end of JSON input/.test(message)) {
      const start = Math.max(0, text.trimEnd().length - 1);
      return { message: 'the text ends before the JSON is complete (a bracket or brace is not closed)', start, end: start + 1, severity: 'error' };
    }
    return undefined;
  }
}

function cleanMessage(message: string): string {
  // yaml appends " at line X, column Y" plus a code frame; we report positions ourselves.
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

export class Converter {
  /** yaml nodes already converted: aliases and merge keys share them instead of copying. */
  private readonly seen = new Map<YNode, JNode>();
  /** Set when the text has an anchor (`&a`) or an alias (`*a`). */
  sawAnchorOrAlias = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly warnings: TextProblem[],
    /** Added to every position: a fragment parsed on its own sits at this offset of the whole text. */
    private readonly offset = 0,
  ) {}

  convert(node: YNode | null, parent: JMap | JSeq | null, key: string | number | null, keyStart: number, keyEnd: number, depth: number): JNode {
    if (node && (isAlias(node) || node.anchor)) this.sawAnchorOrAlias = true;
    if (node && isAlias(node)) {
      const target = node.resolve(this.doc);
      const shared = target ? this.seen.get(target as YNode) : undefined;
      if (shared) return shared;
      // An alias to an anchor that is not converted yet (or not found) is read as null.
      return this.scalar(
        null,
        node.range ? node.range[0] + this.offset : keyEnd,
        node.range ? node.range[1] + this.offset : keyEnd,
        parent,
        key,
        keyStart,
        keyEnd,
      );
    }
    const start = node?.range ? node.range[0] + this.offset : keyEnd;
    const end = node?.range ? node.range[1] + this.offset : keyEnd;
    const ks = key === null || typeof key === 'number' ? start : keyStart;
    const ke = key === null || typeof key === 'number' ? end : keyEnd;
    if (depth > MAX_DEPTH) {
      this.warnings.push({ message: `nesting deeper than ${MAX_DEPTH} levels is not compared`, start, end: start + 1, severity: 'warning' });
      return this.scalar(null, start, end, parent, key, ks, ke);
    }
    if (node && isMap(node)) {
      const out: JMap = { kind: 'map', id: nextNodeId(), parent, key, start, end, keyStart: ks, keyEnd: ke, entries: new Map(), ref: undefined };
      this.seen.set(node, out);
      const merges: JNode[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YNode | null;
        const k = keyText(keyNode);
        const kStart = keyNode?.range ? keyNode.range[0] + this.offset : start;
        const kEnd = keyNode?.range ? keyNode.range[1] + this.offset : kStart;
        if (k === '<<' && keyNode && isScalar(keyNode) && !(keyNode.type === 'QUOTE_DOUBLE' || keyNode.type === 'QUOTE_SINGLE')) {
          const v = this.convert(pair.value as YNode | null, out, k, kStart, kEnd, depth + 1);
          if (v.kind === 'seq') merges.push(...v.items);
          else merges.push(v);
          continue;
        }
        if (out.entries.has(k)) {
          this.warnings.push({ message: `duplicate key "${k}": the last one is used`, start: kStart, end: Math.max(kEnd, kStart + 1), severity: 'warning' });
          out.entries.delete(k); // keep source order: the later key moves to the end
        }
        out.entries.set(k, this.convert(pair.value as YNode | null, out, k, kStart, kEnd, depth + 1));
      }
      // YAML merge keys: explicit keys win over merged ones.
      for (const m of merges) {
        if (m.kind !== 'map') continue;
        for (const [mk, mv] of m.entries) if (!out.entries.has(mk)) out.entries.set(mk, mv);
      }
      const ref = out.entries.get('$ref');
      if (ref && ref.kind === 'scalar' && typeof ref.value === 'string') out.ref = ref.value;
      return out;
    }
    if (node && isSeq(node)) {
      const out: JSeq = { kind: 'seq', id: nextNodeId(), parent, key, start, end, keyStart: ks, keyEnd: ke, items: [] };
      this.seen.set(node, out);
      node.items.forEach((item, i) => {
        const itemNode = (isPair(item) ? item.key : item) as YNode | null;
        out.items.push(this.convert(itemNode, out, i, 0, 0, depth + 1));
      });
      return out;
    }
    const value = node && isScalar(node) ? normaliseScalar(node.value) : null;
    const s = this.scalar(value, start, end, parent, key, ks, ke);
    if (node) this.seen.set(node, s);
    return s;
  }

  private scalar(value: ScalarValue, start: number, end: number, parent: JMap | JSeq | null, key: string | number | null, ks: number, ke: number): JNode {
    return { kind: 'scalar', id: nextNodeId(), parent, key, start, end, keyStart: ks, keyEnd: ke, value };
  }
}

function keyText(keyNode: YNode | null): string {
  if (!keyNode) return '';
  if (isScalar(keyNode)) {
    const v = keyNode.value;
    // Keep the source spelling of plain numeric keys ("200", "1.10") rather than the number's.
    if (typeof v === 'number' && typeof keyNode.source === 'string' && keyNode.source !== '') return keyNode.source;
    return v === null ? '' : String(v);
  }
  return String((keyNode as { toJSON?: () => unknown }).toJSON?.() ?? '');
}

function normaliseScalar(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
