// A fast reader for the YAML that API specs are written in. The `yaml` package
// spends about 1.3 s on Stripe's 4 MB spec; Stoplight's yaml-ast-parser (the
// js-yaml descendant Spectral reads specs with) gives the same values with
// positions in about a quarter of that. This module turns its tree into ours with
// exactly the values, offsets and key offsets the `yaml` package's tree gives
// (test/unit/fastYaml.test.ts holds the two equal on every corpus YAML file and on
// mutated texts), and declines, returning undefined, whatever it cannot read that
// way: syntax errors (the `yaml` package's messages and partial trees are the ones
// users see), anchors, aliases, tags, merge keys, duplicate keys, empty values, flow
// collections and quoted strings over several lines, and the block scalars the two
// read differently. Where the js-yaml grammar is more lenient than the `yaml`
// package (`a: "x"b: 1`, a lone carriage return), what stands between nodes is
// checked, so a text `yaml` rejects is declined. parseText then reads it with `yaml`.
import { load, Kind, type YAMLNode, type YAMLScalar, type YAMLMapping } from '@stoplight/yaml-ast-parser';
import { Schema, type ScalarTag } from 'yaml';
import { detached } from './detached';
import { nextNodeId, type JMap, type JNode, type JSeq, type ScalarValue } from './tree';

/** Thrown inside the conversion when the text leaves the subset read here. */
class Declined {
  constructor(readonly reason: string) {}
}

/** The YAML 1.2 core schema's scalar types, as the `yaml` package resolves them (so "0o17", ".inf", "True" agree). */
const CORE_SCALAR_TAGS = new Schema({}).tags.filter((tag): tag is ScalarTag => tag.default === true && 'test' in tag && !!tag.test);

/**
 * The tree of a YAML text, or undefined when the text is not in the subset this
 * reader reads exactly like the `yaml` package. `maxDepth` is the nesting the
 * caller reads at most: deeper texts are declined (the `yaml` path warns about them).
 */
export function readPlainYaml(text: string, maxDepth: number): JNode | undefined {
  const read = readOrDecline(text, maxDepth);
  return read instanceof Declined ? undefined : read;
}

/** Why readPlainYaml declines a text (undefined: it reads it); for tests and investigations. */
export function whyDeclined(text: string, maxDepth = Infinity): string | undefined {
  const read = readOrDecline(text, maxDepth);
  return read instanceof Declined ? read.reason : undefined;
}

function readOrDecline(text: string, maxDepth: number): JNode | Declined {
  // A carriage return without a line feed ends a line for js-yaml, not for the `yaml` package.
  if (LONE_CARRIAGE_RETURN.test(text)) return new Declined('a carriage return without a line feed');
  let doc: YAMLNode | undefined;
  try {
    doc = load(text);
  } catch {
    return new Declined('the parser failed'); // a stack overflow on absurd nesting, or a parser bug: the `yaml` package decides
  }
  if (!doc) return new Declined('no document');
  if (doc.errors.length > 0) return new Declined(`a syntax error: ${doc.errors[0].message}`);
  const converter = new PlainYamlConverter(text, maxDepth);
  // A flow collection at the top (JSON saved as .yaml) ends differently in the `yaml` package's ranges.
  if ((doc.kind !== Kind.MAP && doc.kind !== Kind.SEQ) || converter.isFlowAt(doc.startPosition)) return new Declined('not a block collection at the top');
  try {
    const root = converter.convert(doc, null, null, 0, 0, 0);
    converter.expectNothingAfter(root.end);
    return root;
  } catch (e) {
    if (e instanceof Declined) return e;
    if (e instanceof RangeError) return new Declined('nesting too deep for the stack');
    throw e;
  }
}

const LONE_CARRIAGE_RETURN = /\r(?!\n)/;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const COLON = 0x3a;
const COMMA = 0x2c;
const DASH = 0x2d;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === NEWLINE || c === RETURN;
}

class PlainYamlConverter {
  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  convert(node: YAMLNode | null, parent: JMap | JSeq | null, key: string | number | null, keyStart: number, keyEnd: number, depth: number): JNode {
    if (!node) throw new Declined('an empty value'); // its position follows rules of the `yaml` package not mirrored here
    if (node.anchorId) throw new Declined('an anchor');
    if (depth > this.maxDepth) throw new Declined('nesting deeper than read');
    const start = node.startPosition;
    switch (node.kind) {
      case Kind.MAP: {
        const out: JMap = { kind: 'map', id: nextNodeId(), parent, key, start, end: start, keyStart, keyEnd, entries: new Map(), ref: undefined };
        const flow = this.isFlow(node);
        const column = this.columnOf(start);
        let previousEnd = -1;
        let last: JNode | undefined;
        for (const mapping of node.mappings as YAMLMapping[]) {
          const keyNode = mapping.key;
          if (!keyNode) throw new Declined('a key that is not a scalar');
          if (flow) this.expectGap(previousEnd < 0 ? start + 1 : previousEnd, keyNode.startPosition, previousEnd < 0 ? 'none' : 'comma');
          else if (previousEnd >= 0) this.expectGap(previousEnd, keyNode.startPosition, 'line');
          if (!flow && this.columnOf(keyNode.startPosition) !== column) throw new Declined('keys at different columns');
          const k = this.keyText(keyNode);
          if (out.entries.has(k)) throw new Declined('a duplicate key');
          if (mapping.value) this.expectGap(keyNode.endPosition, mapping.value.startPosition, 'colon');
          last = this.convert(mapping.value, out, k, keyNode.startPosition, keyNode.endPosition, depth + 1);
          out.entries.set(k, last);
          previousEnd = last.end;
        }
        if (flow) this.expectFlowClose(previousEnd < 0 ? start + 1 : previousEnd, node.endPosition);
        out.end = this.collectionEnd(node, last);
        const ref = out.entries.get('$ref');
        if (ref && ref.kind === 'scalar' && typeof ref.value === 'string') out.ref = ref.value;
        return this.positioned(out);
      }
      case Kind.SEQ: {
        const out: JSeq = { kind: 'seq', id: nextNodeId(), parent, key, start, end: start, keyStart, keyEnd, items: [] };
        const flow = this.isFlow(node);
        let previousEnd = -1;
        let last: JNode | undefined;
        for (const item of (node as unknown as { items: (YAMLNode | null)[] }).items) {
          if (!item) throw new Declined('an empty item');
          if (flow) this.expectGap(previousEnd < 0 ? start + 1 : previousEnd, item.startPosition, previousEnd < 0 ? 'none' : 'comma');
          else this.expectDash(previousEnd < 0 ? start : previousEnd, item.startPosition, previousEnd < 0, this.columnOf(start));
          last = this.convert(item, out, out.items.length, 0, 0, depth + 1);
          out.items.push(last);
          previousEnd = last.end;
        }
        if (flow) this.expectFlowClose(previousEnd < 0 ? start + 1 : previousEnd, node.endPosition);
        out.end = this.collectionEnd(node, last);
        return this.positioned(out);
      }
      case Kind.SCALAR: {
        const scalar = node as YAMLScalar;
        const source = this.stringOf(scalar);
        if (this.isBlockScalar(start)) {
          // Built field by field in the order of every other node, so all scalars share one shape (property access in the diff stays monomorphic).
          const { value, end } = this.blockScalar(scalar, source);
          return this.positioned({ kind: 'scalar', id: nextNodeId(), parent, key, start, end, keyStart, keyEnd, value });
        }
        if ((scalar.doubleQuoted || scalar.singleQuoted) && this.spansLines(start, scalar.endPosition))
          this.expectIndentedLines(start, scalar.endPosition, parent);
        const value = scalar.plainScalar ? resolvePlain(source) : source;
        return this.positioned({ kind: 'scalar', id: nextNodeId(), parent, key, start, end: scalar.endPosition, keyStart, keyEnd, value });
      }
      default:
        throw new Declined('an alias');
    }
  }

  /** Items and the root have no key of their own: their key offsets are their value's (as in the `yaml` converter). */
  private positioned<T extends JNode>(node: T): T {
    if (node.key === null || typeof node.key === 'number') {
      node.keyStart = node.start;
      node.keyEnd = node.end;
    }
    return node;
  }

  /**
   * The `yaml` package ends a block collection where its last value's line ends:
   * after a scalar's trailing blanks, comment and newline; a nested block
   * collection or a block scalar already ends there. A flow collection ends at its bracket.
   */
  private collectionEnd(node: YAMLNode, last: JNode | undefined): number {
    if (!last || this.isFlowAt(node.startPosition)) return node.endPosition;
    let end: number;
    if (last.kind === 'scalar') end = this.isBlockScalar(last.start) ? last.end : this.lineEndAfter(last.end);
    else end = this.isFlowAt(last.start) ? this.lineEndAfter(last.end) : last.end;
    // A comment line after a collection belongs to some collection's range in the `yaml` package, by its indentation.
    if (this.text.charCodeAt(this.skipBlanks(end)) === HASH) throw new Declined('a comment line after a collection');
    return end;
  }

  /** After `offset`: blanks, a comment and one line break, when that is all the rest of the line holds. */
  private lineEndAfter(offset: number): number {
    const text = this.text;
    let i = offset;
    while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) i++;
    if (text.charCodeAt(i) === HASH) while (i < text.length && text.charCodeAt(i) !== NEWLINE && text.charCodeAt(i) !== RETURN) i++;
    if (text.charCodeAt(i) === RETURN && text.charCodeAt(i + 1) === NEWLINE) return i + 2;
    if (text.charCodeAt(i) === NEWLINE) return i + 1;
    return i === text.length ? i : offset;
  }

  private isBlockScalar(start: number): boolean {
    const c = this.text.charCodeAt(start);
    return c === 0x7c /* | */ || c === 0x3e; /* > */
  }

  /**
   * A block scalar's value and end. It ends with the line break of its last line
   * that holds text (the `yaml` package's range), or after the lines of blanks that
   * still belong to it. The parser drops the empty lines that start a literal one and
   * the last line break of one with keep chomping (`|+` gives "x" for "x\n"): they
   * are put back. Headers with an indentation indicator (`|2-`), block scalars
   * without text and those starting with a line of blanks are declined: the two
   * parsers read them differently.
   */
  private blockScalar(scalar: YAMLScalar, source: string): { value: string; end: number } {
    const text = this.text;
    const headerEnd = text.indexOf('\n', scalar.startPosition);
    if (headerEnd < 0) throw new Declined('a block scalar without text');
    const header = text.slice(scalar.startPosition, headerEnd);
    if (!/^[|>][-+]?[ \t]*(?:#.*)?\r?$/.test(header)) throw new Declined('a block scalar header with an indentation indicator');
    if (/^(?:\r?\n)*[ \t]+\r?\n/.test(text.slice(headerEnd + 1, headerEnd + 400))) throw new Declined('a block scalar starting with a line of blanks');
    let e = scalar.endPosition;
    while (e > scalar.startPosition && /\s/.test(text[e - 1])) e--;
    if (e <= headerEnd) throw new Declined('a block scalar without text');
    const keep = header.charCodeAt(1) === 0x2b; /* + */
    const lineBreak = text.indexOf('\n', e);
    const lastLineEnd = lineBreak < 0 ? text.length : lineBreak + 1;
    // Lines of blanks after the last line with text: with keep chomping all belong to it, else those deeper than its indentation.
    const end = this.afterIndentedBlankLines(lastLineEnd, keep ? -1 : this.indentationAt(headerEnd + 1));
    let leadingEmptyLines = 0;
    if (header.startsWith('|')) {
      for (let i = headerEnd + 1; ; leadingEmptyLines++) {
        if (text.charCodeAt(i) === NEWLINE) i += 1;
        else if (text.charCodeAt(i) === RETURN && text.charCodeAt(i + 1) === NEWLINE) i += 2;
        else break;
      }
    }
    return { value: '\n'.repeat(leadingEmptyLines) + source + (keep ? '\n' : ''), end };
  }

  /**
   * What may stand between two nodes, checked because the js-yaml grammar accepts
   * some texts the `yaml` package rejects (`a: "x"b: 1` is two entries to one, an
   * error to the other): only blanks, comments and the one indicator expected there.
   * 'colon': between a key and its value; 'line': between a block map's value and
   * its next key (a line break); 'comma': between flow members; 'none': after `{`/`[`.
   * A tag or an anchor anywhere declines the text.
   */
  private expectGap(from: number, to: number, expected: 'colon' | 'line' | 'comma' | 'none'): void {
    const text = this.text;
    let indicator = expected === 'colon' ? COLON : expected === 'comma' ? COMMA : -1;
    let lineBreak = text.charCodeAt(from - 1) === NEWLINE; // the previous value took its line break with it
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) continue;
      if (c === NEWLINE || c === RETURN) {
        if (expected === 'comma' || expected === 'none') throw new Declined('a flow collection over several lines');
        lineBreak = true;
      } else if (c === HASH && (i === from || isBlank(text.charCodeAt(i - 1)))) {
        if (expected === 'comma' || expected === 'none') throw new Declined('a comment in a flow collection');
        while (i + 1 < to && text.charCodeAt(i + 1) !== NEWLINE && text.charCodeAt(i + 1) !== RETURN) i++;
      } else if (c === indicator) indicator = -1;
      else throw new Declined('an unexpected token between nodes');
    }
    if (indicator !== -1 || (expected === 'line' && !lineBreak)) throw new Declined('a missing indicator between nodes');
  }

  /** After the document: only blanks, comments and a document end marker (`...`). */
  expectNothingAfter(offset: number): void {
    for (const line of this.text.slice(offset).split('\n')) {
      const content = line.trim();
      if (content !== '' && !content.startsWith('#') && content !== '...') throw new Declined('text after the document');
    }
  }

  /** Before a block sequence's item: blanks, comments, a line break (except before the first) and its dash, at the sequence's column. */
  private expectDash(from: number, to: number, first: boolean, column: number): void {
    const text = this.text;
    let dash = -1;
    let lineBreak = first || text.charCodeAt(from - 1) === NEWLINE;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) continue;
      if (c === NEWLINE || c === RETURN) {
        if (dash === -1) lineBreak = true;
      } else if (c === HASH && (i === from || isBlank(text.charCodeAt(i - 1)))) {
        while (i + 1 < to && text.charCodeAt(i + 1) !== NEWLINE && text.charCodeAt(i + 1) !== RETURN) i++;
      } else if (c === DASH && dash === -1 && lineBreak && isBlank(text.charCodeAt(i + 1))) dash = i;
      else throw new Declined('an unexpected token before a sequence item');
    }
    if (dash === -1 || this.columnOf(dash) !== column) throw new Declined('a sequence item out of line');
  }

  /** The end of a flow collection: blanks, at most one trailing comma, and the closing bracket. */
  private expectFlowClose(from: number, end: number): void {
    const text = this.text;
    const close = end - 1;
    const closing = text.charCodeAt(close);
    if (closing !== 0x7d /* } */ && closing !== 0x5d /* ] */) throw new Declined('a flow collection without its bracket');
    let comma = false;
    for (let i = from; i < close; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) continue;
      if (c === COMMA && !comma) comma = true;
      else throw new Declined('an unexpected token before a closing bracket');
    }
  }

  /** The first offset from `offset` on that is not a blank or a line break. */
  private skipBlanks(offset: number): number {
    let i = offset;
    while (i < this.text.length && isBlank(this.text.charCodeAt(i))) i++;
    return i;
  }

  /**
   * After a block scalar's last line with text, lines of blanks deeper than
   * `indentation` still belong to it (their extra blanks are content); shallower ones
   * and empty lines do not (all do with keep chomping: pass -1). Returns the end of
   * the last line that belongs.
   */
  private afterIndentedBlankLines(lineStart: number, indentation: number): number {
    const text = this.text;
    let end = lineStart;
    for (let i = lineStart; i < text.length;) {
      let blanks = 0;
      while (text.charCodeAt(i + blanks) === SPACE || text.charCodeAt(i + blanks) === TAB) blanks++;
      const c = text.charCodeAt(i + blanks);
      const lineBreak = c === NEWLINE ? 1 : c === RETURN && text.charCodeAt(i + blanks + 1) === NEWLINE ? 2 : 0;
      if (!lineBreak && i + blanks < text.length) break; // a line with text: the block scalar is over
      i += blanks + lineBreak;
      if (blanks > indentation) end = i;
      if (!lineBreak) break;
    }
    return end;
  }

  /** The indentation of the first line with text from `lineStart` on (a block scalar's content). */
  private indentationAt(lineStart: number): number {
    const text = this.text;
    let i = lineStart;
    for (;;) {
      let blanks = 0;
      while (text.charCodeAt(i + blanks) === SPACE) blanks++;
      const c = text.charCodeAt(i + blanks);
      if (c === NEWLINE) i += blanks + 1;
      else if (c === RETURN && text.charCodeAt(i + blanks + 1) === NEWLINE) i += blanks + 2;
      else return blanks;
    }
  }

  private isFlow(node: YAMLNode): boolean {
    if (!this.isFlowAt(node.startPosition)) return false;
    if (this.spansLines(node.startPosition, node.endPosition)) throw new Declined('a flow collection over several lines');
    return true;
  }

  private spansLines(from: number, to: number): boolean {
    const lineBreak = this.text.indexOf('\n', from);
    return lineBreak !== -1 && lineBreak < to;
  }

  private columnOf(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /**
   * A scalar's string: a slice of the text where it is its source as written (a plain
   * scalar on one line, a quoted one without escapes), else the parser's string,
   * copied: the parser slices its strings from its own copy of the text (with a NUL
   * appended), which one kept slice would hold alive (4 MB and more for Stripe's spec).
   */
  private stringOf(scalar: YAMLScalar): string {
    const { startPosition: start, endPosition: end } = scalar;
    if (this.spansLines(start, end)) return detached(scalar.value);
    if (scalar.plainScalar) return this.text.slice(start, end);
    const inner = this.text.slice(start + 1, end - 1);
    if (scalar.doubleQuoted) return inner.includes('\\') ? detached(scalar.value) : inner;
    if (scalar.singleQuoted) return inner.includes("'") ? detached(scalar.value) : inner;
    return detached(scalar.value);
  }

  /**
   * The lines a quoted scalar continues on must be indented deeper than the block
   * collection that holds it (else the `yaml` package finds no closing quote); a
   * quoted scalar over several lines at the top, indented with tabs or with blanks
   * at the end of a line, is declined.
   */
  private expectIndentedLines(start: number, end: number, parent: JMap | JSeq | null): void {
    if (!parent || this.isFlowAt(parent.start)) throw new Declined('a quoted scalar over several lines outside a block collection');
    const column = this.columnOf(parent.start);
    const text = this.text;
    // The parser loses a quote escaped as '' next to a line break.
    if (text.charCodeAt(start) === 0x27 /* ' */ && text.slice(start + 1, end - 1).includes("''"))
      throw new Declined("a quoted scalar over several lines with ''");
    for (let lineBreak = text.indexOf('\n', start); lineBreak !== -1 && lineBreak < end; lineBreak = text.indexOf('\n', lineBreak + 1)) {
      // The parser keeps the blanks before a folded line break, which the `yaml` package (rightly) drops.
      const before = text.charCodeAt(text.charCodeAt(lineBreak - 1) === RETURN ? lineBreak - 2 : lineBreak - 1);
      if (before === SPACE || before === TAB) throw new Declined('a quoted scalar with blanks before a line break');
      let i = lineBreak + 1;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (c === TAB) throw new Declined('a quoted scalar continued after a tab');
      if (c !== NEWLINE && c !== RETURN && i - (lineBreak + 1) <= column) throw new Declined('a quoted scalar continued too far left');
    }
  }

  isFlowAt(offset: number): boolean {
    const c = this.text.charCodeAt(offset);
    return c === OPEN_BRACE || c === OPEN_BRACKET;
  }

  /** The key as the `yaml` converter spells it: the source of a plain number ("200", "1.10"), '' for null. */
  private keyText(keyNode: YAMLScalar | null): string {
    if (!keyNode || keyNode.kind !== Kind.SCALAR) throw new Declined('a key that is not a scalar');
    if (this.spansLines(keyNode.startPosition, keyNode.endPosition)) throw new Declined('a key over several lines');
    const source = this.stringOf(keyNode);
    if (!keyNode.plainScalar) return source;
    if (source === '<<') throw new Declined('a merge key');
    const value = resolvePlain(source);
    if (value === null) return '';
    return typeof value === 'number' ? source : String(value);
  }
}

/** A plain scalar's value under the YAML 1.2 core schema, resolved by the `yaml` package's own tag tests. */
function resolvePlain(source: string): ScalarValue {
  for (const tag of CORE_SCALAR_TAGS) {
    if (!tag.test!.test(source)) continue;
    let value: unknown = tag.resolve(source, () => undefined, {} as never);
    if (value !== null && typeof value === 'object' && 'value' in value) value = (value as { value: unknown }).value;
    if (typeof value === 'bigint') return Number(value);
    return value as ScalarValue;
  }
  return source;
}
