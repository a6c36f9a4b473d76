// Hover on a changed line. The editor already shows the diagnostic's message and its
// related information (the base file and line) right above it, so hover repeats
// neither: it shows what the node was in the base (a few lines of its YAML/JSON
// text), the operations affected when the messages do not
// name them all (once for the line), and the link to the rule's explanation. Short,
// so the editor's "Quick Fix… (Ctrl+.)" stays in view. The hits are the findings on
// screen on that line (shownFindings.ts): in a root spec, those of its own check; in
// a referenced file (schemas/pet.yaml), those of the root checks shown on it. It runs
// on the main thread from what the last check sent: it never waits for a check.
import { MarkupKind, type Hover, type Range } from 'vscode-languageserver/node';
import { ruleDocUrl, ruleInfo, type Finding } from '../engine/index';
import type { GoodCheck } from './documentState';
import { snippetOf } from './snippet';

const LEVEL_TEXT = { error: 'Breaking', warning: 'Possibly breaking', info: 'Not breaking' } as const;
const MAX_OPERATIONS = 8;

type Hit = { finding: Finding; good: GoodCheck; range: Range };

/** What hover shows on a line: the findings on screen there (see shownFindings.ts). */
export function hoverOf(hits: Hit[], docsUrl: string): Hover | null {
  if (hits.length === 0) return null;
  const value = hits.map(({ finding, good }) => describe(finding, good, docsUrl, hits.length > 1)).join('\n\n---\n\n');
  const affected = operationsLine(hits.map((h) => h.finding));
  return { contents: { kind: MarkupKind.Markdown, value: affected ? `${value}\n\n${affected}` : value }, range: hits[0].range };
}

function describe(f: Finding, good: GoodCheck, docsUrl: string, several: boolean): string {
  const info = ruleInfo(f.rule);
  // Several findings on one line: the rule's title tells their parts apart (the messages are above).
  const parts = several ? [`**${escape(info.title)}**`] : [];
  // Which file and line: the related information says it, which editors show with the message.
  const snippet = baseSnippet(f, good);
  if (f.base && snippet) {
    // A referenced file has its own format (a JSON schema file under a YAML root).
    const format = f.base.file !== good.file ? (/\.json$/i.test(f.base.file) ? 'json' : 'yaml') : good.base.format;
    parts.push(`**In the base** (${escape(good.base.label)}):\n\n\`\`\`${format}\n${snippet}\n\`\`\``);
  } else if (addedInto(f)) parts.push(`**Not in the base** (${escape(good.base.label)})`);
  const why = f.level === 'info' ? 'What it means' : 'Who breaks, and the safe alternative';
  parts.push(`${LEVEL_TEXT[f.level]} · [${why}](${ruleDocUrl(f.rule, docsUrl)})`);
  return parts.join('\n\n');
}

/** The operations the line's findings affect, once, unless the messages already name every one. */
function operationsLine(findings: Finding[]): string | undefined {
  const ops = [...new Set(findings.flatMap((f) => f.operations))];
  if (ops.every((op) => findings.some((f) => names(f.message, op)))) return undefined;
  const shown = ops.slice(0, MAX_OPERATIONS).map((op) => `\`${op}\``);
  const more = ops.length > MAX_OPERATIONS ? ` and ${ops.length - MAX_OPERATIONS} more` : '';
  return `Affects ${ops.length === 1 ? 'the operation' : `${ops.length} operations:`} ${shown.join(', ')}${more}`;
}

/** "GET /pets" is named by a message that says it, or says "/pets" and "GET" (a removed path "with its operations GET and POST"). */
function names(message: string, op: string): boolean {
  if (message.includes(op)) return true;
  const [method, path] = op.split(' ', 2);
  return !!path && message.includes(path) && new RegExp(`\\b${method}\\b`).test(message);
}

/**
 * The base node's text, cut to a few lines; from another file of the spec, as the worker cut it. An
 * element added to a list or map has no node of its own in the base: its siblings are not shown.
 */
export function baseSnippet(f: Finding, good: GoodCheck): string | undefined {
  if (!f.base || addedInto(f)) return undefined;
  if (f.base.file !== good.file) return good.externalSnippets.get(f.fingerprint);
  return snippetOf(good.base.text, f.base.nodeRange.start, f.base.nodeRange.end);
}

/** Where an addition's base is the list, map or operation it was added to (parameters, properties, an operation, a callback's...). */
const CONTAINER =
  /\/(parameters|properties|headers|content|responses|paths|webhooks|callbacks|required|security)$|(^\/(paths|webhooks)\/[^/]+|\/callbacks\/[^/]+\/[^/]+)\/(get|put|post|delete|options|head|patch|trace)$/;

function addedInto(f: Finding): boolean {
  return ruleInfo(f.rule).action === 'added' && !!f.base && CONTAINER.test(f.base.pointer);
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
}
