// Collects raw changes while the diff walks the two models. Schema comparisons
// form a graph of (base node, revision node, direction) pairs: each pair is
// compared once, and the operations that reach a change are found afterwards by
// walking that graph upwards from the change (so a shared component is reported
// once, listing its usage sites).
import type { JNode } from '../parse/tree';
import type { OperationModel, SpecModel } from '../model/model';
import { deprecatedVariant, type Circumstance, type MessageParams, type RuleId } from '../rules/registry';

export interface SchemaPair {
  key: string;
  /** Pairs that led here (parents in the comparison graph). */
  parents: Set<SchemaPair>;
  /** Operations that reach this pair directly (roots). */
  roots: Set<OperationModel>;
  /**
   * Of those, the operations whose request body this pair's schema is and closes at its top
   * (`additionalProperties: false`): read by the unknownProperties policy for what lies deeper.
   */
  closedBodyOf?: Set<OperationModel>;
  /**
   * Values travel as text (parameters, headers, bodies of non-JSON media types such as form
   * fields or XML), where the text of a number or a boolean is also a valid string.
   */
  textual: boolean;
  /**
   * A property clients do not see in this direction (readOnly in a request, writeOnly in a
   * response), or a schema inside one: nothing that changes in it breaks a client.
   */
  offWire: boolean;
}

/** What a pair's variant says about its values, beyond direction and subject. */
export type PairFlags = Pick<SchemaPair, 'textual' | 'offWire'>;

export interface RawChange {
  rule: RuleId;
  /** Fill the rule's message template (rendered only for changes that become findings). */
  params?: MessageParams;
  /** Node on the base side (the removed or changed node). */
  base?: JNode;
  /** Node on the revision side (the changed node, or the surviving parent of a removal). */
  revision?: JNode;
  /** Disambiguates several changes of one rule at one place (an enum value, a property name). */
  detail?: string;
  /** The removed key (removal fixes) or the property named in `required` (required fixes). */
  fixKey?: string;
  /** A circumstance the rule's `when` may give another level and who-breaks sentence for. */
  circumstance?: Circumstance;
  /** The rule's quick fix cannot apply to these nodes. */
  noFix?: boolean;
  /** The operation, for changes outside shared schemas. */
  operation?: OperationModel;
  /** All operations a change affects when there are several of one path item (a removed path). */
  operations?: OperationModel[];
  /** The schema pair, for changes inside schemas. */
  pair?: SchemaPair;
  /** Deprecated in base: the rule's `deprecated` variant is reported instead, which the sunset policy then judges. */
  deprecatedInBase?: boolean;
}

/**
 * What the diff reads from the team's policies: where sunset dates and stability
 * levels are written. A change of these makes the live diff start over.
 */
export interface DiffSettings {
  sunsetKeys: readonly string[];
  stabilityKey: string;
}

export const DEFAULT_DIFF_SETTINGS: DiffSettings = { sunsetKeys: ['x-sunset'], stabilityKey: 'x-stability-level' };

/** Which schema pairs compared or read a revision node (their parents and roots lead to the operations). */
export interface PairGraph {
  pairsOfRevisionNode(id: number): readonly SchemaPair[];
}

export class DiffContext {
  readonly changes: RawChange[] = [];
  /** Changes emitted outside any operation's comparison (paths and operations added or removed). */
  readonly topLevel = new Set<RawChange>();
  /** Set while one operation of both sides is compared. */
  comparingOperation = false;
  /** base node id -> (revision node id * 256 + variant) -> pair; numbers, not string keys: this is the diff's hottest lookup. */
  private readonly pairs = new Map<number, Map<number, SchemaPair>>();
  /** revision node id -> pairs comparing it or reading it (dependsOn): which operations an edit inside that node can affect. */
  private readonly pairsByRevision = new Map<number, SchemaPair[]>();

  constructor(
    readonly base: SpecModel,
    readonly revision: SpecModel,
    readonly settings: DiffSettings = DEFAULT_DIFF_SETTINGS,
  ) {}

  emit(change: RawChange): void {
    if (change.deprecatedInBase) change.rule = deprecatedVariant(change.rule);
    this.changes.push(change);
    if (!this.comparingOperation) this.topLevel.add(change);
  }

  /** Pairs whose revision side is the node with this id, or whose verdict reads it (dependsOn). */
  pairsOfRevisionNode(id: number): readonly SchemaPair[] {
    return this.pairsByRevision.get(id) ?? [];
  }

  /**
   * The comparison graph, for finding later which operations reach a node, without
   * the two models (keeping one would keep that version's whole text alive).
   */
  graph(): PairGraph {
    const byRevision = this.pairsByRevision;
    return { pairsOfRevisionNode: (id) => byRevision.get(id) ?? [] };
  }

  /**
   * Returns [pair, isNew] for (base node, revision node, variant < 256: direction, subject
   * and the flags, which the variant must include); links it under its parent (or operation
   * root) either way.
   */
  enterPair(
    bId: number,
    rId: number,
    variant: number,
    flags: PairFlags,
    parent: SchemaPair | undefined,
    root: OperationModel | undefined,
    rootIsClosedBody = false,
  ): [SchemaPair, boolean] {
    let byRevision = this.pairs.get(bId);
    if (!byRevision) this.pairs.set(bId, (byRevision = new Map()));
    let pair = byRevision.get(rId * 256 + variant);
    const isNew = !pair;
    if (!pair) {
      pair = { key: `${bId}:${rId}:${variant}`, parents: new Set(), roots: new Set(), textual: flags.textual, offWire: flags.offWire };
      byRevision.set(rId * 256 + variant, pair);
      const same = this.pairsByRevision.get(rId);
      if (same) same.push(pair);
      else this.pairsByRevision.set(rId, [pair]);
    }
    if (parent && parent !== pair) pair.parents.add(parent);
    if (root) pair.roots.add(root);
    if (root && rootIsClosedBody) (pair.closedBodyOf ??= new Set()).add(root);
    return [pair, isNew];
  }

  /**
   * The pair's verdict also rests on a revision node outside its own subtree (reached through a
   * `$ref` without being compared as a pair): an edit inside that node must compare it again.
   */
  dependsOn(pair: SchemaPair, revisionNode: JNode): void {
    const same = this.pairsByRevision.get(revisionNode.id);
    if (!same) this.pairsByRevision.set(revisionNode.id, [pair]);
    else if (!same.includes(pair)) same.push(pair);
  }

  /** The operations a change affects: its own, or all that reach its schema pair. */
  operationsOf(change: RawChange): OperationModel[] {
    if (change.operations) return change.operations;
    if (change.operation) return [change.operation];
    if (change.pair) return this.operationsOfPair(change.pair);
    return [];
  }

  /** All operations that reach a pair. */
  operationsOfPair(pair: SchemaPair): OperationModel[] {
    return [...operationsReaching([pair])];
  }

  /** The operations whose request body, closed at its top, holds the change (see SchemaPair.closedBodyOf). */
  closedBodiesOf(change: RawChange): OperationModel[] {
    return change.pair ? [...operationsReaching([change.pair], 'closedBodyOf')] : [];
  }
}

/**
 * Operations that reach any of these pairs (or, with 'closedBodyOf', those whose closed request
 * body does), walking parent links upwards once for all of them (cycles are fine).
 */
export function operationsReaching(start: readonly SchemaPair[], via: 'roots' | 'closedBodyOf' = 'roots'): Set<OperationModel> {
  const seen = new Set<SchemaPair>(start);
  const ops = new Set<OperationModel>();
  const stack = [...seen];
  while (stack.length) {
    const p = stack.pop()!;
    for (const op of p[via] ?? []) ops.add(op);
    for (const parent of p.parents) {
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
      }
    }
  }
  return ops;
}
