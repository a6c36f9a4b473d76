// Fixes for removals: "Mark deprecated instead of deleting" (the headline) and
// "Restore as it was". Both put the base node back where it was among its
// siblings; the first adds the deprecation marker the spec version allows.
import { isMap, isScalar, stringOf, type JNode } from '../parse/tree';
import type { Finding } from '../types';
import { aboutDeprecated, ruleInfo, type RuleInfo } from '../rules/registry';
import { insertEntry, insertItem, type Rendered } from './containerEdits';
import { targetFor, type Target } from './placement';
import { findNode, localDeref } from './nodes';
import { renderBaseNode, wrapRendered } from './snippet';
import type { Fix, FixOptions, FixSide, TextEdit } from './types';
import { deprecationPlan, type DeprecationPlan } from './deprecation';

interface Removal {
  baseNode: JNode;
  target: Target;
  what: string;
}

export function removalFixes(finding: Finding, base: FixSide, revision: FixSide, options: FixOptions): Fix[] {
  const removal = locateRemoval(finding, base, revision);
  if (!removal) return [];
  const fixes: Fix[] = [];
  if (!aboutDeprecated(finding.rule)) {
    const plan = deprecationPlan(ruleInfo(finding.rule), removal.baseNode, base, revision, options);
    if (plan) {
      const edits = restoreEdits(removal, base, revision, plan);
      if (edits.length)
        fixes.push({ kind: 'deprecate', title: `Mark deprecated instead of deleting: restore ${removal.what} ${plan.describe}`, edits, isPreferred: true });
    }
  }
  const plain = restoreEdits(removal, base, revision, undefined);
  if (plain.length) fixes.push({ kind: 'restore', title: `Restore ${removal.what} as it was in the base`, edits: plain, isPreferred: fixes.length === 0 });
  return fixes;
}

/** Enum values: put the removed value back (there is nothing to deprecate). */
export function enumValueFix(finding: Finding, base: FixSide, revision: FixSide): Fix[] {
  const removal = locateRemoval(finding, base, revision);
  if (!removal || !isScalar(removal.baseNode)) return [];
  const raw = base.text.slice(removal.baseNode.start, removal.baseNode.end);
  const edits = restoreEdits(removal, base, revision, undefined);
  return edits.length ? [{ kind: 'restore-value', title: `Restore enum value ${raw}`, edits, isPreferred: true }] : [];
}

function locateRemoval(finding: Finding, base: FixSide, revision: FixSide): Removal | undefined {
  if (!finding.base || !finding.revision || finding.base.file !== base.file || finding.revision.file !== revision.file) return undefined;
  const baseNode = findNode(base.root, finding.base);
  const anchor = findNode(revision.root, finding.revision);
  if (!baseNode || !anchor || !baseNode.parent) return undefined;
  // The diff names the removed key; a node found under another key (2.0 media types are synthesised) cannot be put back.
  if (finding.fix?.kind === 'removed-node' && finding.fix.key !== undefined && String(baseNode.key) !== finding.fix.key) return undefined;
  const target = targetFor(baseNode, anchor);
  if (!target) return undefined;
  return { baseNode, target, what: describeRemoved(ruleInfo(finding.rule), baseNode, base) };
}

function restoreEdits(removal: Removal, base: FixSide, revision: FixSide, plan: DeprecationPlan | undefined): TextEdit[] {
  const { baseNode, target } = removal;
  let node: Rendered = plan?.replacement ?? renderBaseNode(base, baseNode, plan?.markers ?? [], revision.style);
  const isItem = typeof baseNode.key === 'number';
  let edits: TextEdit[];
  if (target.wrap) {
    node = wrapRendered(node, target.wrap.key, target.wrap.as, revision.style);
    edits = insertEntry(revision, target.container, node, target.position);
  } else edits = isItem ? insertItem(revision, target.container, node, target.position) : insertEntry(revision, target.container, node, target.position);
  if (edits.length === 0) return [];
  return [...edits, ...(plan?.revisionEdits ?? [])];
}

function describeRemoved(rule: RuleInfo, node: JNode, base: FixSide): string {
  const key = String(node.key);
  switch (rule.element) {
    case 'path':
    case 'webhook':
      return `${rule.element} ${key}`;
    case 'callback':
      return `callback ${String(node.parent?.key ?? key)}`;
    case 'operation':
      return `operation ${key.toUpperCase()} ${String(node.parent?.key ?? '')}`;
    case 'parameter': {
      const p = localDeref(base.root, node);
      return isMap(p) ? `${stringOf(p, 'in') ?? ''} parameter "${stringOf(p, 'name') ?? '?'}"`.trim() : 'the parameter';
    }
    case 'header':
      return `header "${key}"`;
    case 'status':
      return `response ${key}`;
    case 'media-type':
      return `media type ${key}`;
    case 'request-body':
      return 'the request body';
    case 'property':
      return `property "${key}"`;
    default:
      return `"${key}"`;
  }
}
