// Hover on a changed line: what the node was in the base (its YAML/JSON text) and
// what the rule means, with a link to its documentation. The hits are the findings
// on screen on that line (shownFindings.ts): in a root spec, those of its own check;
// in a referenced file (schemas/pet.yaml), those of the root checks shown on it.
import { MarkupKind, type Hover, type Range } from 'vscode-languageserver/node';
import { ruleDocUrl, ruleInfo, type Finding } from '../engine/index';
import type { GoodCheck } from './documentState';
import { snippetOf } from './snippet';

const LEVEL_TEXT = { error: 'breaking', warning: 'possibly breaking', info: 'not breaking' } as const;

/** What hover shows on a line: the findings on screen there (see shownFindings.ts). */
export function hoverOf(hits: { finding: Finding; good: GoodCheck; range: Range }[], docsUrl: string): Hover | null {
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
  if (f.operations.length > 1)
    parts.push(`Affects: ${f.operations.slice(0, 8).map(escape).join(', ')}${f.operations.length > 8 ? ` and ${f.operations.length - 8} more` : ''}`);
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
