// Turns raw changes into findings: levels (registry, then overrides and
// policies), operations, positions on both sides, and stable fingerprints.
import { createHash } from 'node:crypto';
import { pointerOf, type JNode } from './parse/tree';
import type { OperationModel, SpecModel } from './model/model';
import { Policies } from './policies';
import { versionChanges } from './versioning';
import type { RawChange } from './diff/context';
import { configuredFor, defaultLevel, fingerprintId, renderMessage, ruleInfo, type Circumstance, type RuleId } from './rules/registry';
import type { CheckOptions, Finding, FixHint, Level, SideLocation } from './types';

/** The raw changes of one comparison and which operations each one affects (a full diff's context, or the incremental diff's merge). */
export interface DiffOutcome {
  base: SpecModel;
  revision: SpecModel;
  changes: readonly RawChange[];
  operationsOf(change: RawChange): OperationModel[];
  /** Of those, the operations whose request body, closed at its top, holds the change (for the unknownProperties policy). */
  closedBodiesOf(change: RawChange): OperationModel[];
}

export function toFindings(ctx: DiffOutcome, options: CheckOptions = {}): Finding[] {
  const accepted = new Set(options.accepted ?? []);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const policies = new Policies(ctx.base, ctx.revision, options.policies);
  // A closed schema reports a property removed from its open allOf branch, which the branch's own comparison
  // cannot see as closed: one removal, two findings. The one that says less goes (removalsOnce).
  const sameRemoval = new Map<Finding, { key: string; closed: boolean }>();
  const add = (change: RawChange): void => {
    const opModels = ctx.operationsOf(change);
    if (policies.excluded(change, opModels)) return;
    const { circumstance, note: circumstanceNote } = policies.circumstanceOf(change, () => ctx.closedBodiesOf(change).length > 0);
    const verdict = policies.verdict(change, levelOf(change, circumstance, options), opModels);
    if (verdict.drop) return;
    const rule = verdict.rule;
    const info = ruleInfo(rule);
    const configured = configuredFor(options.ruleLevels, rule);
    if (configured === 'off' || (info.optIn && configured === undefined)) return;
    // A level set by the user wins over policies; policies win over the registry.
    const level: Level = configured ?? verdict.level ?? (rule === change.rule ? defaultLevel(rule, circumstance) : info.level);
    const base = change.base ? locate(ctx.base, change.base) : null;
    const revision = change.revision ? locate(ctx.revision, change.revision) : null;
    const fingerprint = fingerprintOf(rule, change, base, revision);
    if (accepted.has(fingerprint) || seen.has(fingerprint)) return;
    seen.add(fingerprint);
    const ops = opModels.map((o) => o.label).sort();
    const note = [circumstanceNote, verdict.note].filter(Boolean).join('; ') || undefined;
    findings.push({
      rule,
      level,
      // The change's own template: a policy that changed the rule says why in its note.
      message: withUsage(renderMessage(change.rule, change.params, circumstance), ops, change) + (note ? ` [${note}]` : ''),
      operations: ops,
      operation: ops[0] ?? null,
      pointer: revision?.pointer ?? base?.pointer ?? '',
      base,
      revision,
      fingerprint,
      direction: info.direction,
      fix: fixOf(change),
      policyNote: note,
    });
    if (change.base && ruleInfo(change.rule).when?.['closed-schema'])
      sameRemoval.set(findings[findings.length - 1], {
        key: `${change.rule}\u0000${change.base.id}\u0000${change.detail ?? ''}`,
        closed: circumstance === 'closed-schema',
      });
  };
  for (const change of ctx.changes) add(change);
  if (sameRemoval.size > 1) removalsOnce(findings, sameRemoval);
  // info.version is judged by the result: only a revision that breaks clients must say so.
  if (findings.some((f) => f.level !== 'info')) for (const change of versionChanges(ctx.base, ctx.revision)) add(change);
  return findings.sort(compareFindings);
}

/**
 * Of a closed schema's finding and its open branch's finding for one removal, keeps one when that
 * loses nothing: the branch's if it is an error already (a closed body), or the closed schema's
 * if it names every operation the branch's does (the branch is used nowhere else).
 */
function removalsOnce(findings: Finding[], sameRemoval: Map<Finding, { key: string; closed: boolean }>): void {
  const byKey = new Map<string, { closed: Finding[]; open: Finding[] }>();
  for (const [f, { key, closed }] of sameRemoval) {
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { closed: [], open: [] }));
    (closed ? group.closed : group.open).push(f);
  }
  const dropped = new Set<Finding>();
  for (const { closed, open } of byKey.values()) {
    if (!closed.length || !open.length) continue;
    if (open.some((f) => f.level === 'error')) for (const f of closed) dropped.add(f);
    else for (const f of open) if (closed.some((c) => f.operations.every((op) => c.operations.includes(op)))) dropped.add(f);
  }
  if (dropped.size) findings.splice(0, findings.length, ...findings.filter((f) => !dropped.has(f)));
}

function levelOf(change: RawChange, circumstance: Circumstance | undefined, options: CheckOptions): Level {
  const configured = configuredFor(options.ruleLevels, change.rule);
  return configured && configured !== 'off' ? configured : defaultLevel(change.rule, circumstance);
}

/** The quick fix the registry names for the change's rule, with the key or property it needs. */
function fixOf(change: RawChange): FixHint | undefined {
  const kind = ruleInfo(change.rule).fix;
  if (!kind || change.noFix) return undefined;
  if (change.fixKey === undefined) return { kind };
  return kind === 'removed-node'
    ? { kind, key: change.fixKey }
    : kind === 'became-required' || kind === 'new-required'
      ? { kind, propertyName: change.fixKey }
      : { kind };
}

function withUsage(message: string, ops: string[], change: RawChange): string {
  if (!change.pair || ops.length === 0) return capitalise(message);
  const list = ops.length <= 3 ? ops.join(', ') : `${ops.slice(0, 3).join(', ')} and ${ops.length - 3} more`;
  return `${capitalise(message)} (used by ${list})`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function locate(model: SpecModel, node: JNode): SideLocation {
  const file = model.refs.fileOf(node);
  const lines = model.refs.linesOf(file) ?? model.doc.parsed.lines;
  const pos = lines.position(node.keyStart);
  return {
    file,
    line: pos.line + 1,
    column: pos.character + 1,
    pointer: pointerOf(node),
    keyRange: { start: node.keyStart, end: node.keyEnd },
    nodeRange: { start: Math.min(node.keyStart, node.start), end: node.end },
  };
}

/** Path parameter names are erased so a rename does not change the fingerprint either. */
function stablePointer(p: string | undefined): string {
  return (p ?? '').replace(/\{[^}/~]*\}/g, '{}');
}

function fingerprintOf(rule: RuleId, change: RawChange, base: SideLocation | null, revision: SideLocation | null): string {
  const material = [fingerprintId(rule), stablePointer(base?.pointer), stablePointer(revision?.pointer), change.detail ?? ''].join('|');
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

const LEVEL_ORDER: Record<Level, number> = { error: 0, warning: 1, info: 2 };

function compareFindings(a: Finding, b: Finding): number {
  const fa = a.revision?.file ?? a.base?.file ?? '';
  const fb = b.revision?.file ?? b.base?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.revision?.line ?? a.base?.line ?? 0;
  const lb = b.revision?.line ?? b.base?.line ?? 0;
  if (la !== lb) return la - lb;
  if (a.level !== b.level) return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level];
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

export function summarise(findings: Finding[]): Record<Level, number> {
  const summary: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.level]++;
  return summary;
}
