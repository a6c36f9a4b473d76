// "Accept this change": record the finding's fingerprint in .breakwater.yaml
// (`accepted: [{fingerprint, rule, reason}]`, created when missing). Raising
// info.version to the next major (majorVersionBump) is a separate fix, offered
// on breaking findings only.
import { child, childMap, isMap, isScalar, isSeq, type JNode } from '../parse/tree';
import { parseText } from '../parse/parseText';
import { insertEntry, insertItem, replaceNode } from './containerEdits';
import { detectStyle, yamlString } from './textStyle';
import type { Fragment } from './fragment';
import type { FixSide, TextEdit } from './types';

export interface AcceptedEntry {
  fingerprint: string;
  rule: string;
  reason: string;
}

/** Edits to an existing config, or the text of a new one; null when the fingerprint is already accepted. */
export type ConfigChange = { kind: 'edit'; edits: TextEdit[] } | { kind: 'create'; text: string } | null;

export interface AcceptOptions {
  /** Write the rule id as a comment after the fingerprint instead of a `rule:` key (for config readers that do not know the key). */
  ruleAsComment?: boolean;
}

export function acceptInConfig(configText: string | undefined, entry: AcceptedEntry, options: AcceptOptions = {}): ConfigChange {
  const fields = fieldLines(entry, options);
  if (configText === undefined) return { kind: 'create', text: `# Breakwater configuration\naccepted:\n${itemLines(fields, 2, '\n')}\n` };
  const style = detectStyle(configText, 'yaml');
  const parsed = parseText(configText, '.breakwater.yaml');
  const root = parsed.root;
  const side = { text: configText, lines: parsed.lines, style };
  const block: Fragment = { lines: fields.map((text) => ({ indent: 0, text })) };
  const flowItem: Fragment = {
    lines: [{ indent: 0, text: JSON.stringify(options.ruleAsComment ? { fingerprint: entry.fingerprint, reason: entry.reason } : entry) }],
  };
  if (isMap(root) && parsed.errors.length === 0) {
    const accepted = child(root, 'accepted');
    if (isSeq(accepted)) {
      if (
        accepted.items.some((i) => isMap(i) && isScalar(child(i, 'fingerprint')) && (child(i, 'fingerprint') as { value: unknown }).value === entry.fingerprint)
      )
        return null;
      const edits = insertItem(side, accepted, { block, flow: () => flowItem }, {});
      if (edits.length) return { kind: 'edit', edits };
    } else if (accepted === undefined || (isScalar(accepted) && accepted.value === null)) {
      const entryBlock: Fragment = { lines: [{ indent: 0, text: 'accepted:' }, ...wrapItem(block, style.seqIndent)] };
      const edits = accepted
        ? insertItem(side, accepted, { block, flow: () => flowItem }, {})
        : insertEntry(side, root, { block: entryBlock, flow: () => entryBlock }, {});
      if (edits.length) return { kind: 'edit', edits };
    }
  }
  // Not a map we can edit structurally (empty, comments only, broken): append a block at the end.
  const sep = configText.length === 0 || configText.endsWith('\n') ? '' : style.eol;
  return {
    kind: 'edit',
    edits: [{ start: configText.length, end: configText.length, newText: `${sep}accepted:${style.eol}${itemLines(fields, 2, style.eol)}${style.eol}` }],
  };
}

function fieldLines(entry: AcceptedEntry, options: AcceptOptions): string[] {
  const q = (s: string) => yamlString(s, { format: 'yaml', eol: '\n', indent: { char: ' ', size: 2 }, seqIndent: 2, quote: '"' });
  if (options.ruleAsComment) return [`fingerprint: ${q(entry.fingerprint)} # ${entry.rule}`, `reason: ${JSON.stringify(entry.reason)}`];
  return [`fingerprint: ${q(entry.fingerprint)}`, `rule: ${q(entry.rule)}`, `reason: ${JSON.stringify(entry.reason)}`];
}

function itemLines(fields: string[], dash: number, eol: string): string {
  return fields.map((l, i) => (i === 0 ? `${' '.repeat(dash)}- ${l}` : `${' '.repeat(dash + 2)}${l}`)).join(eol);
}

function wrapItem(fields: Fragment, dash: number): Fragment['lines'] {
  return fields.lines.map((l, i) => (i === 0 ? { indent: dash, text: `- ${l.text}` } : { indent: dash + 2, text: l.text }));
}

export interface VersionBump {
  edit: TextEdit;
  from: string;
  to: string;
}

/** Raises info.version to the next major, unless the revision already did or the version is not numeric (e.g. a date). */
export function majorVersionBump(revision: FixSide, base: FixSide | undefined): VersionBump | undefined {
  const node = child(childMap(revision.root, 'info'), 'version');
  if (!isScalar(node) || node.value === null) return undefined;
  const from = String(node.value);
  const baseNode: JNode | undefined = base ? child(childMap(base.root, 'info'), 'version') : undefined;
  const baseVersion = isScalar(baseNode) && baseNode.value !== null ? String(baseNode.value) : undefined;
  const rMajor = majorOf(from);
  const bMajor = baseVersion !== undefined ? majorOf(baseVersion) : undefined;
  if (rMajor === undefined || (bMajor !== undefined && rMajor > bMajor)) return undefined;
  const to = nextMajor(from);
  if (!to) return undefined;
  const raw = revision.text.slice(node.start, node.end);
  const newText = raw.includes(from) ? raw.replace(from, to) : revision.style.format === 'json' ? JSON.stringify(to) : `'${to}'`;
  // A bare number (`version: 1.0`) must stay a string once it is "2.0.0".
  const safe = /^['"]/.test(newText) || revision.style.format === 'json' || !/^\d+(\.\d+)?$/.test(newText) ? newText : `'${newText}'`;
  return { edit: replaceNode(revision, node, safe)[0], from, to };
}

/** 1.4.2 -> 2.0.0, v3 -> v4, 0.9.1 -> 0.10.0 (0.x: the minor is the major). Dates and names have no next major. */
export function nextMajor(version: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}/.test(version)) return undefined;
  const m = /^(v?)(\d+)((?:\.\d+)*)/.exec(version);
  if (!m) return undefined;
  const [, prefix, major, rest] = m;
  const parts = rest.split('.').slice(1);
  if (major === '0' && parts.length > 0)
    return `${prefix}0.${Number(parts[0]) + 1}${parts
      .slice(1)
      .map(() => '.0')
      .join('')}`;
  return `${prefix}${Number(major) + 1}${parts.map(() => '.0').join('')}`;
}

function majorOf(version: string): number | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?/.exec(version);
  if (!m || /^\d{4}-\d{2}-\d{2}/.test(version)) return undefined;
  return m[1] === '0' && m[2] !== undefined ? Number(m[2]) / 1000 : Number(m[1]);
}
