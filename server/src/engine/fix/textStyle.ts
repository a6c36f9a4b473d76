// How a file is written: line endings, indentation unit, sequence indentation and
// preferred quotes. Fixes read this from the revision so inserted text looks as if
// the author had typed it.

export interface Indent {
  char: ' ' | '\t';
  /** Characters per level. */
  size: number;
}

export interface TextStyle {
  format: 'yaml' | 'json';
  eol: '\n' | '\r\n';
  indent: Indent;
  /** YAML: columns between a parent key and the dash of its block sequence items (0 = indentless). */
  seqIndent: number;
  /** YAML: the quote used for strings that need one. JSON always uses '"'. */
  quote: '"' | "'";
}

/** Enough lines to see the style of any real spec without scanning all of a 4 MB file. */
const SAMPLE_LINES = 4000;

export function detectStyle(text: string, format: 'yaml' | 'json'): TextStyle {
  const eol: TextStyle['eol'] = /\r\n/.test(text.slice(0, 65536)) ? '\r\n' : '\n';
  const lines = sampleLines(text);
  return {
    format,
    eol,
    indent: detectIndent(lines, format),
    seqIndent: format === 'yaml' ? detectSeqIndent(lines, format) : 0,
    quote: format === 'json' ? '"' : detectQuote(text),
  };
}

function sampleLines(text: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (out.length < SAMPLE_LINES && pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    out.push(text.slice(pos, end).replace(/\r$/, ''));
    if (nl === -1) break;
    pos = nl + 1;
  }
  return out;
}

/** Column where the structure of a line starts: after its indentation and any "- " sequence markers. */
function structuralColumn(line: string): number {
  const m = /^[ \t]*(?:-[ \t]+)*/.exec(line);
  return m ? m[0].length : 0;
}

function detectIndent(lines: string[], format: 'yaml' | 'json'): Indent {
  let tabs = 0;
  let spaces = 0;
  const diffs = new Map<number, number>();
  let prev = -1;
  for (const line of lines) {
    if (!line.trim() || (format === 'yaml' && line.trimStart().startsWith('#'))) continue;
    const lead = /^[ \t]*/.exec(line)![0];
    if (lead.startsWith('\t')) tabs++;
    else if (lead.length > 0) spaces++;
    const col = lead.length;
    if (prev >= 0 && col > prev && col - prev <= 8) diffs.set(col - prev, (diffs.get(col - prev) ?? 0) + 1);
    prev = format === 'yaml' ? structuralColumn(line) : col;
  }
  if (format === 'json' && tabs > spaces) return { char: '\t', size: 1 };
  let best = 2;
  let bestCount = 0;
  for (const [d, n] of diffs) if (n > bestCount || (n === bestCount && d < best)) [best, bestCount] = [d, n];
  return { char: ' ', size: best };
}

function detectSeqIndent(lines: string[], format: 'yaml' | 'json'): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const m = /^( *)- /.exec(lines[i]);
    if (!m) continue;
    const parent = lines[i - 1];
    if (!/:\s*$/.test(parent) || parent.trimStart().startsWith('#')) continue;
    const d = m[1].length - structuralColumn(parent);
    if (d >= 0 && d <= 8) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = -1;
  let bestCount = 0;
  for (const [d, n] of counts) if (n > bestCount) [best, bestCount] = [d, n];
  return best >= 0 ? best : detectIndent(lines, format).size;
}

function detectQuote(text: string): '"' | "'" {
  const sample = text.slice(0, 200_000);
  const single = (sample.match(/:[ \t]+'/g) ?? []).length + (sample.match(/^[ \t]*- '/gm) ?? []).length;
  const double = (sample.match(/:[ \t]+"/g) ?? []).length + (sample.match(/^[ \t]*- "/gm) ?? []).length;
  return double > single ? '"' : "'";
}

/** Whitespace for a column, in the file's indentation character. */
export function indentText(indent: Indent, columns: number): string {
  return indent.char === '\t' ? '\t'.repeat(Math.max(0, columns)) : ' '.repeat(Math.max(0, columns));
}

const PLAIN_SAFE = /^[A-Za-z_/$][A-Za-z0-9_./$ {}-]*$/;
const YAML_SPECIAL = /^(true|false|yes|no|on|off|y|n|null|~|\.nan|\.inf|-\.inf)$/i;

/** A YAML key or string value as the author would write it: plain when safe, else in the file's quotes. */
export function yamlString(value: string, style: TextStyle): string {
  if (PLAIN_SAFE.test(value) && !YAML_SPECIAL.test(value) && !/ $/.test(value) && !/: |\s#/.test(value)) return value;
  if (style.quote === "'" && !/[\n\r\t]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** A key or string in the file's own syntax. */
export function stringLiteral(value: string, style: TextStyle): string {
  return style.format === 'json' ? JSON.stringify(value) : yamlString(value, style);
}

/** A string that must stay a string (dates, versions): always quoted so YAML does not read it as a date or number. */
export function quotedString(value: string, style: TextStyle): string {
  if (style.format === 'json' || style.quote === '"') return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}
