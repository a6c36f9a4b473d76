// What a keyword comparison sees of one schema pair: both sides, the direction of
// data flow, a way to report a change and a way to compare a sub-schema pair with
// the whole machinery (so nested changes are found and the live diff knows the pair).
import type { JMap, JNode } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import type { MessageParams, RuleId, SchemaChangeId } from '../rules/registry';
import type { RawChange } from './context';
import type { ValueKind } from './schemaFacts';

export interface PairView {
  readonly b: JMap;
  readonly r: JMap;
  /** Both sides read as this one type of a 3.1 type list (compared with its oneOf branch of that type). */
  readonly asType?: string;
  /**
   * Both sides' types rule out the values keywords of this kind look at, so such keywords constrain nothing
   * there (`maxItems` on string items, `properties` beside `type: string`). When only one side's type does,
   * the type changed, which is reported.
   */
  inert(kind: ValueKind): boolean;
  readonly dir: 'request' | 'response';
  readonly bRefs: RefResolver;
  readonly rRefs: RefResolver;
  /** "property Pet.tags", "the body schema": the revision side, for messages. */
  readonly what: string;
  /** Reports a schema-level change, e.g. "contains-added"; the subject turns it into a rule id, `params` fill its message (`{what}` is filled for you). */
  emit(change: SchemaChangeId, params: MessageParams, base: JNode | undefined, revision: JNode | undefined, more?: Partial<RawChange>): void;
  /** Reports a rule by its full id (a variant the subject does not spell); `params` must fill its template, `{what}` included. */
  emitRule(rule: RuleId, params: MessageParams, base: JNode | undefined, revision: JNode | undefined, more?: Partial<RawChange>): void;
  /**
   * Runs a read of the revision that follows `$ref`s without comparing what it reaches as pairs
   * (a proof that one schema accepts every value of another): the live diff learns the targets it read.
   */
  readsThroughRefs<T>(read: () => T): T;
  /** Compares two sub-schemas (following `$ref`s) in the same direction, as a nested property. */
  nested(base: JNode, revision: JNode): void;
}
