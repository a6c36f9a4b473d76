// Hover on a changed line: what the node was in the base (its YAML/JSON text) and
// what the rule means, with a link to its documentation. In a root spec the hits
// come from its own last good check; in a referenced file (schemas/pet.yaml) from
// the root checks whose findings are shown on it (see refFindings.ts).
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver/node';
import { ruleDocUrl, ruleInfo, type Finding } from '../engine/index';
import type { GoodCheck } from './documentState';
import { snippetOf } from './snippet';

const LEVEL_TEXT = { error: 'breaking', warning: 'possibly breaking', info: 'not breaking' } as const;

/** A finding on the hovered line, the check it belongs to and its range in the hovered document. */
export interface HoverHit {
  finding: Finding;
  good: GoodCheck;
  range: Range;
}

export function hoverAt(good: GoodCheck, version: number, position: Position, docsUrl: string): Hover | null {
  if (good.version !== version) return null;
  // The ranges come from the check worker (it has the line index); answering needs no parsing here.
  const hits = good.findings.flatMap((finding, i) => {
    const range = good.ranges[i];
    return range && range.start.line === position.line ? [{ finding, good, range }] : [];
  });
  return hoverOf(hits, docsUrl);
}

export function hoverOf(hits: HoverHit[], docsUrl: string): Hover | null {
  if (hits.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hits.map(({ finding, good }) => describe(finding, good, docsUrl)).join('\n\n---\n\n') },
    range: hits[0].range,
  };
}

function describe(f: Finding, good: GoodCheck, docsUrl: string): string {
  const info = ruleInfo(f.rule);
  const parts = [`**${info.title}** — ${LEVEL_TEXT[f.level]} (\`${f.rule}\`)`, escape(f.message)];
  const snippet = baseSnippet(f, good);
  // A referenced file has its own format (a JSON schema file under a YAML root).
  const format = f.base && f.base.file !== good.file ? (/\.json$/i.test(f.base.file) ? 'json' : 'yaml') : good.base.format;
  if (snippet) parts.push(`In the base (${escape(good.base.label)}):\n\n\`\`\`${format}\n${snippet}\n\`\`\``);
  if (f.operations.length > 1) parts.push(`Affects: ${f.operations.slice(0, 8).map(escape).join(', ')}${f.operations.length > 8 ? ` and ${f.operations.length - 8} more` : ''}`);
  parts.push(`[Rule documentation](${ruleDocUrl(f.rule, docsUrl)})`);
  return parts.join('\n\n');
}

/** The base node's text, dedented, cut to a readable length; from another file of the spec, as the worker cut it. */
export function baseSnippet(f: Finding, good: GoodCheck): string | undefined {
  if (!f.base) return undefined;
  if (f.base.file !== good.file) return good.externalSnippets.get(f.fingerprint);
  return snippetOf(good.base.text, f.base.nodeRange.start, f.base.nodeRange.end);
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
}
