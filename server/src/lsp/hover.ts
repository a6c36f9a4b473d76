// Hover on a changed line: what the node was in the base (its YAML/JSON text) and
// what the rule means, with a link to its documentation.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { ruleDocUrl, ruleInfo, type Finding } from '../engine/index';
import type { GoodCheck } from './documentState';

const MAX_SNIPPET_LINES = 30;
const LEVEL_TEXT = { error: 'breaking', warning: 'possibly breaking', info: 'not breaking' } as const;

export function hoverAt(good: GoodCheck, version: number, position: Position, docsUrl: string): Hover | null {
  if (good.version !== version) return null;
  // The ranges come from the check worker (it has the line index); answering needs no parsing here.
  const hits = good.findings.flatMap((f, i) => {
    const range = good.ranges[i];
    return range && range.start.line === position.line ? [{ f, range }] : [];
  });
  if (hits.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hits.map(({ f }) => describe(f, good, docsUrl)).join('\n\n---\n\n') },
    range: hits[0].range,
  };
}

function describe(f: Finding, good: GoodCheck, docsUrl: string): string {
  const info = ruleInfo(f.rule);
  const parts = [`**${info.title}** — ${LEVEL_TEXT[f.level]} (\`${f.rule}\`)`, escape(f.message)];
  const snippet = baseSnippet(f, good);
  if (snippet) parts.push(`In the base (${escape(good.base.label)}):\n\n\`\`\`${good.base.format}\n${snippet}\n\`\`\``);
  if (f.operations.length > 1) parts.push(`Affects: ${f.operations.slice(0, 8).map(escape).join(', ')}${f.operations.length > 8 ? ` and ${f.operations.length - 8} more` : ''}`);
  parts.push(`[Rule documentation](${ruleDocUrl(f.rule, docsUrl)})`);
  return parts.join('\n\n');
}

/** The base node's text, dedented, cut to a readable length. */
export function baseSnippet(f: Finding, good: GoodCheck): string | undefined {
  if (!f.base) return undefined;
  const text = f.base.file === good.file ? good.base.text : undefined;
  if (text === undefined) return undefined;
  const { start, end } = f.base.nodeRange;
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  const lines = text
    .slice(start, end)
    .replace(/\s+$/, '')
    .split(/\r?\n/)
    .map((l, i) => (i === 0 ? l : l.slice(Math.min(column, /^[ \t]*/.exec(l)![0].length))));
  if (lines.length > MAX_SNIPPET_LINES) return [...lines.slice(0, MAX_SNIPPET_LINES), `… (${lines.length - MAX_SNIPPET_LINES} more lines)`].join('\n');
  return lines.join('\n');
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
}
