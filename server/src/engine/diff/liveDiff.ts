// The diff of a document being edited, kept between checks. After an edit that the
// incremental parser spliced into the tree, only the operations the edit can affect
// are compared again: those whose own nodes (operation, parameters incl. the path
// item's, bodies, responses, headers, media types, security) contain it, and those
// that reach a schema containing it (found through the schema pairs of earlier
// diffs). What the other operations produced last time is kept. Anything it cannot
// reason about safely (a new tree, another base, other files, a top-level key it
// does not know, a `$ref` in the middle of a chain or one that leads nowhere) gets
// a full diff, so the result always equals one (test/unit/liveDiff.test.ts).
import type { OperationModel, SpecModel } from '../model/model';
import type { RefProblem } from '../model/refs';
import type { TreeTouch } from '../parse/editLog';
import type { JNode } from '../parse/tree';
import type { DiffOutcome } from '../findings';
import { DEFAULT_DIFF_SETTINGS, operationsReaching, type DiffSettings, type PairGraph, type RawChange, type SchemaPair } from './context';
import { diffModels } from './specDiff';
import { ruleInfo } from '../rules/registry';

const NO_KEYS: string[] = [];

/** A change and the keys of the operations it affects. */
interface KnownChange {
  change: RawChange;
  ops: string[];
  /** Of those, the operations whose request body, closed at its top, holds the change (asked only for rules that read it). */
  closedBodyOps: string[];
  topLevel: boolean;
}

interface LastDiff {
  settings: DiffSettings;
  base: SpecModel;
  revisionRoot: JNode;
  /** The edit log position this diff saw. */
  logSeq: number;
  /** Operations present on both sides (their changes are in `changes`). */
  matched: Set<string>;
  operations: Map<string, OperationModel>;
  changes: KnownChange[];
  problems: RefProblem[];
  /** Comparison graphs of the diffs since the last full one: their schema pairs say which operations reach a node. */
  graphs: PairGraph[];
  throughRefs: Set<number>[];
  /** No `$ref` of the revision led to another file. */
  singleFile: boolean;
}

export interface LiveOutcome extends DiffOutcome {
  /** The revision's `$ref` problems (those met by operations not compared again are carried over). */
  refProblems: RefProblem[];
  mode: 'full' | 'incremental';
  /** Operations compared by this diff. */
  compared: number;
}

/** Top-level keys the diff does not read (policies read info.version, but from the model, which is always rebuilt). */
const UNREAD_TOP = new Set(['info', 'tags', 'externalDocs', 'servers']);
/** Top-level keys whose entries are reached only through operations, so an edit there affects the operations that reach it. */
const REACHED_TOP = new Set(['paths', 'webhooks', 'definitions', 'parameters', 'responses']);
const REACHED_COMPONENTS = new Set(['schemas', 'parameters', 'responses', 'requestBodies', 'headers', 'pathItems']);
/** More incremental diffs than this in a row, or a larger share of operations to compare, and a full diff is simpler and as fast. */
const MAX_GRAPHS = 12;
const MAX_DIRTY_SHARE = 0.25;

export class LiveDiff {
  private last?: LastDiff;
  private settings: DiffSettings = DEFAULT_DIFF_SETTINGS;

  diff(base: SpecModel, revision: SpecModel, settings: DiffSettings = DEFAULT_DIFF_SETTINGS): LiveOutcome {
    if (this.last && !sameSettings(this.last.settings, settings)) this.last = undefined;
    this.settings = settings;
    const dirty = this.dirtyOperations(base, revision);
    if (dirty === 'all' || dirty.size > revision.operations.size * MAX_DIRTY_SHARE || (this.last?.graphs.length ?? 0) >= MAX_GRAPHS)
      return this.run(base, revision, undefined);
    return this.run(base, revision, dirty);
  }

  /** The revision's `$ref` problems as of the last diff (see LiveOutcome.refProblems). */
  get refProblems(): readonly RefProblem[] {
    return this.last?.problems ?? [];
  }

  /** Forget everything (e.g. when the document closes). */
  reset(): void {
    this.last = undefined;
  }

  /** `dirty` undefined: compare every operation. */
  private run(base: SpecModel, revision: SpecModel, dirty: Set<string> | undefined): LiveOutcome {
    const last = dirty ? this.last : undefined;
    const again = (key: string): boolean =>
      !last || dirty!.has(key) || !last.matched.has(key) || last.operations.get(key)?.node !== revision.operations.get(key)?.node;
    const ctx = diffModels(base, revision, again, this.settings);
    const matched = new Set<string>();
    const clean = new Set<string>();
    for (const key of revision.operations.keys()) {
      if (!base.operations.has(key)) continue;
      matched.add(key);
      if (!again(key)) clean.add(key);
    }

    const keysOf = (ops: OperationModel[]) => ops.map((o) => o.key);
    const merged = new Map<string, KnownChange>();
    // One change reached by several operations (a shared parameter, global security) is one finding that
    // lists them all; its wording is that of the first operation in the base, as a full diff meets them.
    const order = new Map([...base.operations.keys()].map((k, i) => [k, i]));
    const rank = (c: RawChange) => (c.operation ? (order.get(c.operation.key) ?? -1) : -1);
    const add = (change: RawChange, ops: string[], closedBodyOps: string[], topLevel: boolean) => {
      const id = identityOf(change);
      const same = merged.get(id);
      if (!same) return merged.set(id, { change, ops, closedBodyOps, topLevel });
      same.ops = union(same.ops, ops);
      same.closedBodyOps = union(same.closedBodyOps, closedBodyOps);
      if (rank(change) < rank(same.change)) same.change = change;
    };
    for (const change of ctx.changes) {
      const closedBodyOps = ruleInfo(change.rule).when?.['closed-body'] ? keysOf(ctx.closedBodiesOf(change)) : NO_KEYS;
      add(change, keysOf(ctx.operationsOf(change)), closedBodyOps, ctx.topLevel.has(change));
    }
    for (const known of last?.changes ?? []) {
      if (known.topLevel) continue; // looked at again every time
      const ops = known.ops.filter((k) => clean.has(k));
      if (ops.length) add(known.change, ops, known.closedBodyOps.length ? known.closedBodyOps.filter((k) => clean.has(k)) : NO_KEYS, false);
    }

    // `$ref` problems are found while comparing: those of operations not compared again are carried over.
    const found = new Set(revision.refs.problems.map(problemId));
    const carried = (last?.problems ?? []).filter((p) => !found.has(problemId(p)) && stillReached(p, revision, last!, clean));
    const problems = [...revision.refs.problems, ...carried];

    const changes = [...merged.values()];
    this.last = {
      settings: this.settings,
      base,
      revisionRoot: revision.root,
      logSeq: revision.doc.parsed.editLog?.seq ?? 0,
      matched,
      operations: revision.operations,
      changes,
      problems,
      graphs: last ? [...last.graphs, ctx.graph()] : [ctx.graph()],
      throughRefs: last ? [...last.throughRefs, revision.refs.throughRefs] : [revision.refs.throughRefs],
      singleFile: revision.refs.files().length === 1,
    };

    const operationsNamed = (keys: string[]) => keys.flatMap((k) => revision.operations.get(k) ?? base.operations.get(k) ?? []);
    const known = new Map(changes.map((k) => [k.change, k]));
    return {
      base,
      revision,
      changes: changes.map((k) => k.change),
      operationsOf: (change) => operationsNamed(known.get(change)?.ops ?? NO_KEYS),
      closedBodiesOf: (change) => operationsNamed(known.get(change)?.closedBodyOps ?? NO_KEYS),
      refProblems: problems,
      mode: last ? 'incremental' : 'full',
      compared: matched.size - clean.size,
    };
  }

  /** The operations the edits since the last diff can affect, or 'all' when that cannot be told. */
  private dirtyOperations(base: SpecModel, revision: SpecModel): Set<string> | 'all' {
    const last = this.last;
    if (!last || last.base !== base || last.revisionRoot !== revision.root) return 'all';
    // Other files are read lazily (so the last diff says whether there are any) and edited elsewhere: multi-file specs are compared whole.
    if (!last.singleFile || revision.refs.files().length > 1 || last.operations.size === 0) return 'all';
    const log = revision.doc.parsed.editLog;
    const touches = log ? log.since(last.logSeq) : last.logSeq === 0 ? [] : undefined;
    if (!touches) return 'all';

    const ids = new Set<number>();
    for (const t of touches) {
      const scope = scopeOf(t);
      if (scope === 'all') return 'all';
      if (scope === 'unread') continue;
      for (const id of t.ancestors) ids.add(id);
      for (const id of t.removed!) ids.add(id);
    }
    const dirty = new Set<string>();
    if (ids.size === 0) return dirty;
    // A `$ref` that led nowhere may lead somewhere after an edit anywhere (the target added, a cycle broken).
    if (last.problems.some((p) => !p.remote)) return 'all';
    // A `$ref` followed in the middle of a chain was edited: who followed it is not recorded.
    for (const hops of last.throughRefs) for (const id of hops) if (ids.has(id)) return 'all';

    const pairs: SchemaPair[] = [];
    for (const graph of last.graphs) for (const id of ids) pairs.push(...graph.pairsOfRevisionNode(id));
    for (const op of operationsReaching(pairs)) dirty.add(op.key);
    for (const ops of [last.operations, revision.operations]) {
      for (const op of ops.values()) if (!dirty.has(op.key) && touchesOperation(op, ids)) dirty.add(op.key);
    }
    return dirty;
  }
}

function scopeOf(t: TreeTouch): 'unread' | 'reached' | 'all' {
  if (t.removed === null) return 'all';
  const [top, kind] = t.keys;
  if (typeof top !== 'string') return 'all';
  if (UNREAD_TOP.has(top) || top.startsWith('x-')) return 'unread';
  if (t.keys.length >= 2 && REACHED_TOP.has(top)) return 'reached';
  if (t.keys.length >= 3 && top === 'components' && typeof kind === 'string' && REACHED_COMPONENTS.has(kind)) return 'reached';
  return 'all';
}

/**
 * Whether a `$ref` problem of the last diff is still met by an operation that is not
 * compared again: its node is still in the tree and lies in a schema such an
 * operation reaches, or in that operation's own nodes.
 */
function stillReached(problem: RefProblem, revision: SpecModel, last: LastDiff, clean: Set<string>): boolean {
  const ids = new Set<number>();
  let top: JNode = problem.node;
  for (let n: JNode | null = problem.node; n; n = n.parent) {
    ids.add(n.id);
    top = n;
  }
  if (top !== revision.root) return false;
  if (last.throughRefs.some((hops) => hops.has(problem.node.id))) return true;
  const pairs: SchemaPair[] = [];
  for (const graph of last.graphs) for (const id of ids) pairs.push(...graph.pairsOfRevisionNode(id));
  for (const op of operationsReaching(pairs)) if (clean.has(op.key)) return true;
  for (const key of clean) {
    const op = revision.operations.get(key);
    if (op && touchesOperation(op, ids)) return true;
  }
  return false;
}

/** Whether an edit touched one of the nodes an operation's comparison reads outside schemas. */
function touchesOperation(op: OperationModel, ids: Set<number>): boolean {
  const has = (n: JNode | undefined) => !!n && ids.has(n.id);
  // Not the path item: an edit in one of its operations does not concern the others (path-level parameters are among `parameters`).
  if (has(op.node) || has(op.parametersNode) || has(op.responsesNode) || has(op.security)) return true;
  for (const p of op.parameters.values()) if (has(p.node) || has(p.site)) return true;
  if (op.requestBody) {
    if (has(op.requestBody.node)) return true;
    for (const m of op.requestBody.content.values()) if (has(m.node)) return true;
  }
  for (const r of op.responses.values()) {
    if (has(r.node) || has(r.site)) return true;
    for (const h of r.headers.values()) if (has(h.node) || has(h.site)) return true;
    for (const m of r.content.values()) if (has(m.node)) return true;
  }
  return false;
}

function sameSettings(a: DiffSettings, b: DiffSettings): boolean {
  return a.stabilityKey === b.stabilityKey && a.sunsetKeys.join('\u0000') === b.sunsetKeys.join('\u0000');
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** The same change found by two diffs: same rule, same nodes, same detail. */
function identityOf(c: RawChange): string {
  return `${c.rule}\u0000${c.base?.id ?? ''}\u0000${c.revision?.id ?? ''}\u0000${c.detail ?? ''}`;
}

function problemId(p: RefProblem): string {
  return `${p.node.id}\u0000${p.message}`;
}
