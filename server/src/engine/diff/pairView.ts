// What a keyword comparison sees of one schema pair: both sides, the direction of
// data flow, a way to report a change and a way to compare a sub-schema pair with
// the whole machinery (so nested changes are found and the live diff knows the pair).
import type { JMap, JNode } from '../parse/tree';
import type { FixHint } from '../types';
import type { RefResolver } from '../model/refs';

export interface PairView {
  readonly b: JMap;
  readonly r: JMap;
  readonly dir: 'request' | 'response';
  readonly bRefs: RefResolver;
  readonly rRefs: RefResolver;
  /** "property Pet.tags", "the body schema": the revision side, for messages. */
  readonly what: string;
  /** Reports a schema-level change, e.g. "contains-added"; the subject turns it into a rule id. */
  emit(change: string, message: string, base: JNode | undefined, revision: JNode | undefined, detail?: string, fix?: FixHint): void;
  /** Compares two sub-schemas (following `$ref`s) in the same direction, as a nested property. */
  nested(base: JNode, revision: JNode): void;
}
