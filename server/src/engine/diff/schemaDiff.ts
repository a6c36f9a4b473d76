// Compares two schemas pairwise for one direction of data flow. Requests are
// contravariant (narrowing what the server accepts breaks senders), responses
// covariant (widening what it may return breaks readers); the registry's levels
// encode that, this file only says what changed.
import { child, childMap, childSeq, isMap, isScalar, pointerOf, type JMap, type JNode } from '../parse/tree';
import { SubtreeFacts } from '../parse/subtreeFacts';
import { offWireVariant, ruleInfo, schemaRuleId, type MessageParams, type RuleId, type SchemaChangeId, type SchemaSubject } from '../rules/registry';
import type { OperationModel } from '../model/model';
import type { RefResolver } from '../model/refs';
import type { DiffContext, RawChange, SchemaPair } from './context';
import { compareArrayKeywords } from './arrayKeywordsDiff';
import { compareBounds } from './boundsDiff';
import { compareConditionals, compareNot } from './conditionalDiff';
import { compareObjectKeywords } from './objectKeywordsDiff';
import { compareTypeLists } from './typeListDiff';
import { compareScalarBecameList } from './listOfOne';
import type { PairView } from './pairView';
import { compareAccessOfProperty, compareContentKeywords, compareDiscriminator, compareExtensibleEnum } from './schemaStructure';
import { compareWrapping } from './schemaWrapping';
import { matchBranches, type BranchMatch } from './branchMatching';
import { acceptsEveryValueOf, type Side } from './schemaSubsumption';
import { valueHasType } from './valueAcceptance';
import { schemaSunsetOf, stabilityChange } from './lifecycle';
import {
  ANNOTATION_KEYWORDS,
  boolFlag,
  declaredTypes,
  effectiveProperties,
  enumValues,
  type EffectiveProperties,
  type PropertyDefinition,
  hasComposition,
  inertKinds,
  isAnnotationOnly,
  kindBit,
  isClosed,
  isDeprecated,
  isNullBranch,
  isNullable,
  str,
  subtypeOf,
  takesAnyType,
  takesOnlyNull,
  typesOf,
  typesOfBranches,
  typesOfValues,
  valueKey,
  type ValueKind,
} from './schemaFacts';

export type DataDirection = 'request' | 'response';

/** A pair's variant: subject (bits 0-2), direction (8), moved properties (16), textual (32), off the wire (64), one value is a list (128). */
const SUBJECT_INDEX: Record<SchemaSubject, number> = {
  body: 0,
  property: 1,
  parameter: 2,
  header: 3,
  'header-parameter': 4,
  'parameter-property': 5,
  'header-property': 6,
};

/** What the schemas nested in one of this subject are (properties, items, branches...). */
export function childSubject(subject: SchemaSubject): SchemaSubject {
  if (subject === 'parameter' || subject === 'parameter-property') return 'parameter-property';
  if (subject === 'header-parameter' || subject === 'header-property') return 'header-property';
  return 'property';
}

/** How deep compareRefsWithin looks for `$ref`s inside identical subtrees. */
const REF_SITE_DEPTH = 64;

/** What identical text can hide: the `$ref`s whose targets may differ, and the schemas those targets may meet. */
interface HiddenBehindRefs {
  /** The `$ref` maps, in the order compareRefsWithin meets them (not looking inside them). */
  sites: JNode[];
  /** For each site, the property it is the value of (propertyHeldBy), if any: its deprecation is read through the $ref. */
  holders: (JNode | undefined)[];
  /**
   * The schemas with an `allOf`: one closed in either version (`additionalProperties: false` or
   * `unevaluatedProperties: false`, itself or through a branch) judges the properties its branches
   * declare behind `$ref`s, which comparing the branches alone cannot see.
   */
  compositions: JMap[];
}

/**
 * A subtree's `$ref` sites and allOf schemas, one walk, or null when the subtree holds a YAML alias:
 * its target lies elsewhere, so equal text no longer means equal structure.
 */
const HIDDEN_BEHIND_REFS = new SubtreeFacts<HiddenBehindRefs | null>((node) => {
  const out: HiddenBehindRefs = { sites: [], holders: [], compositions: [] };
  const walk = (n: JNode, depth: number): boolean => {
    if (depth > REF_SITE_DEPTH) return true;
    if (n.kind === 'map') {
      if (n.entries.has('$ref')) {
        out.sites.push(n);
        return true;
      }
      if (n.entries.has('allOf')) out.compositions.push(n);
      for (const c of n.entries.values()) if (c.kind !== 'scalar' && (c.parent !== n || !walk(c, depth + 1))) return false;
    } else if (n.kind === 'seq') {
      for (const c of n.items) if (c.kind !== 'scalar' && (c.parent !== n || !walk(c, depth + 1))) return false;
    }
    return true;
  };
  if (!walk(node, 0)) return null;
  out.holders = out.sites.map(propertyHeldBy);
  return out;
});

/** The property a `$ref` site is the value of, directly or as the one branch of an `allOf` (`tag: {allOf: [$ref]}`). */
function propertyHeldBy(site: JNode): JNode | undefined {
  let value = site;
  const up = site.parent;
  if (up?.kind === 'seq' && up.items.length === 1 && up.parent?.kind === 'map' && up.parent.entries.get('allOf') === up) value = up.parent;
  const properties = value.parent;
  return properties?.kind === 'map' && properties.parent?.kind === 'map' && properties.parent.entries.get('properties') === properties ? value : undefined;
}

/**
 * The rule for a property's own existence or requiredness when clients may not see it in this direction:
 * unchanged when they do; the catalogue's own id when they do not and it has one (a writeOnly response
 * property); else none (a readOnly request property: clients do not send it, the catalogue does not report it).
 */
function offWireRule(rule: RuleId, offWire: boolean): RuleId | undefined {
  if (!offWire) return rule;
  const variant = offWireVariant(rule);
  return variant === rule ? undefined : variant;
}

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

/** Whether every value of the `from` types, written as text, is valid for the `to` types: they allow strings and `from` holds only scalars. */
function textCovers(from: Set<string>, to: Set<string>): boolean {
  return to.has('string') && [...from].every((t) => SCALAR_TYPES.has(t));
}

/** Patterns that match every string: changing a pattern to one of them only widens it. */
const MATCHES_ANYTHING = new Set(['.*', '^.*$', '^.*', '.*$', '[\\s\\S]*', '^[\\s\\S]*$', '(.*)', '^(.*)$']);

export interface CompareOptions {
  /** The operation a root comparison belongs to. */
  root?: OperationModel;
  /** A root comparison of a request body whose schema closes at its top (see SchemaPair.closedBodyOf). */
  closedBody?: boolean;
  /** The caller compared nullability already (an unwrapped oneOf/allOf: the wrapper carries it). */
  skipNullable?: boolean;
  /** An allOf branch: properties that moved between the extending schema's branches (it compares them; here they are not removed or added). */
  moved?: ReadonlySet<string>;
  /** A root comparison whose values travel as text (see SchemaPair.textual); nested comparisons inherit it from their parent pair. */
  textual?: boolean;
  /** A property clients do not see in this direction (see SchemaPair.offWire); schemas nested in an off-wire pair are too. */
  offWire?: boolean;
  /** A root parameter written form-exploded, where one value and a list of one look the same on the wire (see listOfOne.ts). */
  oneValueIsList?: boolean;
  /** A 3.1 type list compared with its oneOf/anyOf branch of one type: both sides are read as that type (see schemaWrapping.ts). */
  asType?: string;
}

export class SchemaDiff {
  /**
   * Pairs waiting to be compared. Nested comparisons are queued instead of recursed
   * into, so a long chain of `$ref`s (A.next -> B.next -> ...) cannot exhaust the stack.
   */
  private readonly queue: (() => void)[] = [];
  private draining = false;
  /** Branch pairs already compared with a set of moved properties. */
  private readonly movedContexts = new Set<string>();

  constructor(private readonly ctx: DiffContext) {}

  compare(
    bSite: JNode | undefined,
    rSite: JNode | undefined,
    dir: DataDirection,
    subject: SchemaSubject,
    parent: SchemaPair | undefined,
    opts: CompareOptions = {},
  ): void {
    const b = this.ctx.base.refs.deref(bSite);
    const r = this.ctx.revision.refs.deref(rSite);
    if (!isMap(b) || !isMap(r)) return;
    const moved = opts.moved ?? NONE;
    const skipNullable = opts.skipNullable ?? false;
    const textual = parent ? parent.textual : (opts.textual ?? false);
    const offWire = (parent?.offWire ?? false) || (opts.offWire ?? false);
    const oneValueIsList = !parent && (opts.oneValueIsList ?? false);
    const variant =
      (dir === 'request' ? 0 : 8) + SUBJECT_INDEX[subject] + (moved.size ? 16 : 0) + (textual ? 32 : 0) + (offWire ? 64 : 0) + (oneValueIsList ? 128 : 0);
    const [pair, isNew] = this.ctx.enterPair(b.id, r.id, variant, { textual, offWire }, parent, opts.root, opts.closedBody);
    // The same branch pair under another extending schema may have other moved properties: compared once per such set.
    if (moved.size) {
      const context = `${pair.key}|${[...moved].sort().join('\0')}`;
      if (this.movedContexts.has(context)) return;
      this.movedContexts.add(context);
    }
    if (!isNew && !moved.size) return;
    this.queue.push(() => {
      if (this.sameSource(b, r)) {
        // Identical text cannot differ except through what its $refs point at: compare only those.
        const bHidden = HIDDEN_BEHIND_REFS.of(b);
        const rHidden = HIDDEN_BEHIND_REFS.of(r);
        if (bHidden && rHidden && bHidden.sites.length === rHidden.sites.length) {
          const bSites = bHidden.sites;
          const rSites = rHidden.sites;
          // Same text, no aliases: the same structure, so the sites pair up in order (kept between checks).
          // A property's deprecation or stability read through its $ref is the property's, not its target's:
          // when one changed behind identical text, the whole comparison below reports it (compareLifecycle).
          // So does a closed schema's: properties its allOf branches gained or lost behind their $refs meet its closure there.
          if (!this.closedComposition(bHidden.compositions, rHidden.compositions) && !this.lifecycleBehindRefs(bHidden.holders, rHidden.holders)) {
            for (let i = 0; i < bSites.length; i++) this.compare(bSites[i], rSites[i], dir, childSubject(subject), pair);
            return;
          }
        } else {
          this.compareRefsWithin(b, r, dir, childSubject(subject), pair, 0);
          return;
        }
      }
      new PairComparison(this, this.ctx, b, r, dir, subject, pair, skipNullable, moved, oneValueIsList, opts.asType).run();
    });
    if (this.draining) return;
    this.draining = true;
    try {
      for (let job = this.queue.pop(); job; job = this.queue.pop()) job();
    } finally {
      this.draining = false;
      this.queue.length = 0;
    }
  }

  /** Whether identical text holds a schema with an `allOf` that is closed in either version (see HiddenBehindRefs.compositions). */
  private closedComposition(bAll: readonly JMap[], rAll: readonly JMap[]): boolean {
    // A closure written in a branch behind a $ref is read here; that branch is compared as a pair below, so an edit in it compares this again.
    return bAll.some((m) => isClosed(m, this.ctx.base.refs)) || rAll.some((m) => isClosed(m, this.ctx.revision.refs));
  }

  /** Whether a property written as a `$ref` (or an allOf of one) became deprecated, reactivated or changed stability behind identical text. */
  private lifecycleBehindRefs(bHolders: readonly (JNode | undefined)[], rHolders: readonly (JNode | undefined)[]): boolean {
    const { base, revision, settings } = this.ctx;
    for (let i = 0; i < bHolders.length; i++) {
      const bHolder = bHolders[i];
      const rHolder = rHolders[i];
      if (!bHolder || !rHolder) continue;
      const bProp = base.refs.deref(bHolder);
      const rProp = revision.refs.deref(rHolder);
      if (!isMap(bProp) || !isMap(rProp)) continue;
      if (isDeprecated(bProp, base.refs) !== isDeprecated(rProp, revision.refs) || stabilityChange(bProp, rProp, settings.stabilityKey)) return true;
    }
    return false;
  }

  private sameSource(b: JNode, r: JNode): boolean {
    if (b.end - b.start !== r.end - r.start || b.end <= b.start) return false;
    const bText = this.ctx.base.refs.linesOf(this.ctx.base.refs.fileOf(b))?.text;
    const rText = this.ctx.revision.refs.linesOf(this.ctx.revision.refs.fileOf(r))?.text;
    if (bText === undefined || rText === undefined) return false;
    return bText.slice(b.start, b.end) === rText.slice(r.start, r.end);
  }

  /** Walks two textually identical subtrees in step and compares the targets of their $refs. */
  private compareRefsWithin(b: JNode, r: JNode, dir: DataDirection, subject: SchemaSubject, pair: SchemaPair, depth: number): void {
    if (depth > 64) return;
    if (b.kind === 'map' && r.kind === 'map') {
      if (b.entries.has('$ref') && r.entries.has('$ref')) {
        this.compare(b, r, dir, subject, pair);
        return;
      }
      for (const [k, bv] of b.entries) {
        const rv = r.entries.get(k);
        if (rv && bv.kind !== 'scalar') this.compareRefsWithin(bv, rv, dir, subject, pair, depth + 1);
      }
    } else if (b.kind === 'seq' && r.kind === 'seq') {
      const n = Math.min(b.items.length, r.items.length);
      for (let i = 0; i < n; i++) if (b.items[i].kind !== 'scalar') this.compareRefsWithin(b.items[i], r.items[i], dir, subject, pair, depth + 1);
    }
  }
}

/** One pair of schemas being compared; the keyword families in other files (schemaStructure.ts, boundsDiff.ts...) read it. */
export class PairComparison implements PairView {
  readonly bRefs;
  readonly rRefs;

  constructor(
    readonly diff: SchemaDiff,
    readonly ctx: DiffContext,
    readonly b: JMap,
    readonly r: JMap,
    readonly dir: DataDirection,
    readonly subject: SchemaSubject,
    readonly pair: SchemaPair,
    private readonly skipNullable = false,
    private readonly moved: ReadonlySet<string> = NONE,
    private readonly oneValueIsList = false,
    readonly asType?: string,
  ) {
    this.bRefs = ctx.base.refs;
    this.rRefs = ctx.revision.refs;
  }

  /** The subject of schemas nested in this one. */
  get nestedSubject(): SchemaSubject {
    return childSubject(this.subject);
  }

  run(): void {
    // A form-exploded parameter that became a list of what it was takes every old value as a list of one: nothing else can break.
    if (this.oneValueIsList && compareScalarBecameList(this)) return;
    // Lists of types (a 3.1 type array, a oneOf/anyOf of bare types) are compared as such, before wrappers:
    // `string` -> `oneOf: [string, integer]` widens a list of types.
    // Read as one type of a type list, the types are the same by construction.
    const typeLists = this.asType ? undefined : compareTypeLists(this);
    // A schema that gained or lost a oneOf/anyOf/allOf wrapper is compared with the branch it became.
    if (!typeLists && compareWrapping(this)) return;
    const typeChanged = !typeLists && !this.asType && this.compareTypes();
    if (!this.skipNullable) this.compareNullable();
    if (typeChanged) {
      // Everything below would be noise after an incompatible type change, except that the values are now listed.
      if (!child(this.b, 'enum') && !child(this.b, 'const') && child(this.r, 'enum')) this.compareEnum();
      return;
    }
    // Keywords for values the types on both sides rule out constrain nothing (`properties` beside `type: string`).
    const objects = !this.inert('object');
    const arrays = !this.inert('array');
    // Compared whatever the type: code generators read `format` on objects too (Twilio's `string-map` is a typed class).
    this.compareFormat();
    this.compareEnum();
    this.compareConst();
    this.comparePattern();
    compareBounds(this);
    this.compareDefault();
    this.compareAccess();
    if (objects) {
      this.compareAdditionalProperties();
      this.compareProperties();
    }
    if (arrays) {
      this.compareItems();
      compareArrayKeywords(this);
    }
    if (objects) compareObjectKeywords(this);
    compareConditionals(this);
    compareNot(this);
    for (const kind of ['oneOf', 'anyOf', 'allOf'] as const) if (!typeLists?.has(kind)) this.compareComposition(kind);
    compareContentKeywords(this);
    compareExtensibleEnum(this);
    compareDiscriminator(this);
  }

  /** A keyword change of this schema; `{what}` in the message names the schema. */
  emit(change: SchemaChangeId, params: MessageParams, base: JNode | undefined, revision: JNode | undefined, more: Partial<RawChange> = {}): void {
    const rule = schemaRuleId(this.dir, this.subject, change);
    if (more.circumstance === undefined && ruleInfo(rule).when?.['values-kept'] && this.listedValuesKept) more = { ...more, circumstance: 'values-kept' };
    this.emitRule(rule, { what: this.what, ...params }, base, revision, more);
  }

  private listedValuesMemo?: boolean;

  /**
   * A request schema that lists its values (enum or const), each of which the revision still accepts: a
   * bound or pattern added that they all meet rejects no client. Read once per pair.
   */
  private get listedValuesKept(): boolean {
    this.listedValuesMemo ??=
      (child(this.b, 'enum') !== undefined || child(this.b, 'const') !== undefined) &&
      this.proven('request', { schema: this.r, refs: this.rRefs }, { schema: this.b, refs: this.bRefs });
    return this.listedValuesMemo;
  }

  /**
   * A change under its own rule id (properties, parameter defaults). Inside a property clients do not
   * see in this direction it breaks nobody: the catalogue's own id for that where there is one, else
   * the rule in the read-only / write-only circumstance (which wins over any other).
   */
  emitRule(rule: RuleId, params: MessageParams, base: JNode | undefined, revision: JNode | undefined, more: Partial<RawChange> = {}): void {
    if (this.pair.offWire) {
      const variant = offWireVariant(rule);
      if (variant !== rule) rule = variant;
      else more = { ...more, circumstance: this.dir === 'request' ? 'read-only' : 'write-only' };
    }
    this.ctx.emit({ rule, params, base, revision, pair: this.pair, ...more });
  }

  readsThroughRefs<T>(read: () => T): T {
    const [result, targets] = this.rRefs.collectTargets(read);
    // The answer rests on these though no pair compares them: an edit in one must compare this pair again.
    for (const target of targets) this.ctx.dependsOn(this.pair, target);
    return result;
  }

  nested(base: JNode, revision: JNode): void {
    this.diff.compare(base, revision, this.dir, this.nestedSubject, this.pair);
  }

  private inertMask?: number;

  inert(kind: ValueKind): boolean {
    // Read once per pair: the bounds alone ask for nine kinds.
    this.inertMask ??= inertKinds(this.b, this.asType) & inertKinds(this.r, this.asType);
    return (this.inertMask & kindBit(kind)) !== 0;
  }

  /** `values-kept` when the revision still accepts every value the base's removed branch accepted: losing it rejects no client. */
  keptValuesOf(bBranch: JNode): 'values-kept' | undefined {
    return this.proven('request', { schema: this.r, refs: this.rRefs }, { schema: bBranch, refs: this.bRefs }) ? 'values-kept' : undefined;
  }

  /** `values-kept` when a request's new allOf branch accepts every value the base accepted: it rejects no client. */
  takesEveryValue(rBranch: JNode): 'values-kept' | undefined {
    return this.proven('request', { schema: rBranch, refs: this.rRefs }, { schema: this.b, refs: this.bRefs }) ? 'values-kept' : undefined;
  }

  /** `values-kept` when the base already took every value of the revision's added branch: a response sends nothing new. */
  valuesAlreadyTaken(rBranch: JNode): 'values-kept' | undefined {
    return this.proven('response', { schema: this.b, refs: this.bRefs }, { schema: rBranch, refs: this.rRefs }) ? 'values-kept' : undefined;
  }

  /**
   * `branch-kept` when a request's removed allOf branch still holds for every value the revision accepts (its
   * properties, required names and formats moved into the schema or another branch): nothing it declared was lost.
   */
  branchStillHolds(bBranch: JNode): 'branch-kept' | undefined {
    return this.proven('request', { schema: bBranch, refs: this.bRefs }, { schema: this.r, refs: this.rRefs }) ? 'branch-kept' : undefined;
  }

  /** In direction `dir`, whether `wider` accepts every value of `narrower` (proven; read through $refs). */
  private proven(dir: DataDirection, wider: Side, narrower: Side): boolean {
    return this.dir === dir && this.readsThroughRefs(() => acceptsEveryValueOf(wider, narrower));
  }

  get what(): string {
    return describeSchema(this.r, this.subject);
  }

  private compareTypes(): boolean {
    // An untyped enum allows the types of the values it lists (facing another enum, compareEnum compares the values).
    let bt = typesOf(this.b) ?? (child(this.r, 'enum') ? undefined : typesOfValues(this.b));
    let rt = typesOf(this.r) ?? (child(this.b, 'enum') ? undefined : typesOfValues(this.r));
    // A side that takes only null: null is then compared as a type (elsewhere it is nullability, compared on its own).
    if (this.nullOnlyOnOneSide) {
      bt = takesOnlyNull(this.b) ? new Set(['null']) : bt && withNull(bt, isNullable(this.b, this.bRefs));
      rt = takesOnlyNull(this.r) ? new Set(['null']) : rt && withNull(rt, isNullable(this.r, this.rRefs));
    }
    const anchorB = child(this.b, 'type') ?? this.b;
    const anchorR = child(this.r, 'type') ?? this.r;
    if (bt && rt) {
      if (sameSet(bt, rt)) return false;
      const covers = (from: Set<string>, to: Set<string>) => [...from].every((t) => [...to].some((u) => subtypeOf(t, u)));
      const wider = covers(bt, rt); // every old value is still valid
      const narrower = covers(rt, bt); // every new value was valid before
      const types = { from: [...bt].join(' | '), to: [...rt].join(' | ') };
      const change = this.typeChange(wider, narrower, textCovers(bt, rt), textCovers(rt, bt));
      this.emit(change, types, anchorB, anchorR);
      // Keywords are still compared after a change that values (or their text) survive.
      const survivesAsText = change === 'type-compatible' || (change === 'type-changed' && this.inObjectParameter);
      return !wider && !narrower && !survivesAsText;
    }
    if (bt && takesAnyType(this.r) && this.dir === 'response') {
      this.emit('type-generalized', { from: [...bt].join(' | '), to: 'any type' }, anchorB, this.r, { noFix: true });
    }
    if (rt && takesAnyType(this.b) && this.dir === 'request' && this.b.entries.size > 0) {
      this.emit('type-changed', { from: 'any type', to: [...rt].join(' | ') }, this.b, anchorR, { noFix: true });
      return true;
    }
    // A oneOf/anyOf whose branches' types the new type does not match: a request of another branch's type is
    // rejected (a type written beside it, or the schema unwrapped to one type), a response may be of a type no branch had.
    const branchTypes = !bt && rt ? typesOfBranches(this.b, this.bRefs) : undefined;
    if (branchTypes && rt) {
      const covers = (from: Set<string>, to: Set<string>) => [...from].every((t) => [...to].some((u) => subtypeOf(t, u)));
      // In a response the branches still bind the values while the composition stays beside the type.
      const broken = this.dir === 'request' ? !covers(branchTypes, rt) : !hasComposition(this.r) && !covers(rt, branchTypes);
      if (broken) this.emit('type-changed', { from: [...branchTypes].join(' | '), to: [...rt].join(' | ') }, this.b, anchorR, { noFix: true });
    }
    return false;
  }

  /**
   * Which type change this is. On the request side a wider type is checked first (every old value
   * still accepted), on the response side a narrower one. Where values are text, the text of a
   * number or boolean is a valid string too (`textWider`: every old value's text fits the new type).
   * Properties of object parameters may travel as text or as JSON (the spec does not say which):
   * a change that only text makes compatible is a warning there, one that breaks either way an error.
   */
  private typeChange(wider: boolean, narrower: boolean, textWider: boolean, textNarrower: boolean): SchemaChangeId {
    if (this.inObjectParameter) return wider ? 'type-generalized' : textWider ? 'type-changed' : 'type-specialized';
    const textual = this.pair.textual;
    if (this.dir === 'request') {
      if (wider) return 'type-generalized';
      if (textual && textWider) return 'type-compatible';
      return narrower ? 'type-specialized' : 'type-changed';
    }
    if (narrower) return 'type-specialized';
    if (textual && textNarrower) return 'type-compatible';
    return wider ? 'type-generalized' : 'type-changed';
  }

  /** A property of an object-typed request parameter (query, path, header or cookie). */
  private get inObjectParameter(): boolean {
    return this.dir === 'request' && (this.subject === 'parameter-property' || this.subject === 'header-property');
  }

  /** Exactly one side's `type` allows only null. */
  private get nullOnlyOnOneSide(): boolean {
    return takesOnlyNull(this.b) !== takesOnlyNull(this.r);
  }

  compareNullable(): void {
    // A schema of any type takes null too, and one of type null only faces another type: what changed
    // there is the type, which compareTypes judges.
    if (takesAnyType(this.b) || takesAnyType(this.r) || this.nullOnlyOnOneSide) return;
    const bn = isNullable(this.b, this.bRefs);
    const rn = isNullable(this.r, this.rRefs);
    if (bn === rn) return;
    const anchorR = child(this.r, 'nullable') ?? child(this.r, 'type') ?? this.r;
    const anchorB = child(this.b, 'nullable') ?? child(this.b, 'type') ?? this.b;
    this.emit(rn ? 'became-nullable' : 'became-not-nullable', {}, anchorB, anchorR);
  }

  private compareFormat(): void {
    const bf = str(this.b, 'format');
    const rf = str(this.r, 'format');
    if (bf === rf) return;
    const anchorB = child(this.b, 'format') ?? this.b;
    const anchorR = child(this.r, 'format') ?? this.r;
    const formats = { from: bf ?? '', to: rf ?? '' };
    if (bf && rf) this.emit('format-changed', formats, anchorB, anchorR);
    else if (rf) this.emit('format-added', formats, this.b, anchorR);
    else this.emit('format-removed', formats, anchorB, this.r);
  }

  private compareEnum(): void {
    const bEnum = enumValues(this.b);
    const rEnum = enumValues(this.r);
    // `const: a` and `enum: [a]` are one constraint spelt two ways: a const facing an enum is compared as a list of one.
    let be = bEnum ?? (rEnum && !child(this.r, 'const') ? constValues(this.b) : undefined);
    let re = rEnum ?? (bEnum && !child(this.b, 'const') ? constValues(this.r) : undefined);
    // Only values of a declared type are valid (`enum: [ab, 0]` with `type: number` allows 0); one type of a type list
    // likewise keeps that type's values (`[a, 1]` read as integer is `[1]`).
    be = be && valuesOfTypes(be, this.asType ? [this.asType] : declaredTypes(this.b));
    re = re && valuesOfTypes(re, this.asType ? [this.asType] : declaredTypes(this.r));
    if (!be && !re) return;
    const anchorR = child(this.r, 'enum') ?? child(this.r, 'const') ?? this.r;
    const anchorB = child(this.b, 'enum') ?? child(this.b, 'const') ?? this.b;
    if (be && !re) {
      if (!child(this.r, 'const')) this.emit('enum-removed', {}, anchorB, this.r);
      return;
    }
    if (!be || !re) {
      this.emit('became-enum', { values: shortList([...re!.keys()]) }, this.b, anchorR);
      return;
    }
    for (const [value, node] of be) if (!re.has(value)) this.emit('enum-value-removed', { value }, node, anchorR, { detail: value });
    for (const [value, node] of re) if (!be.has(value)) this.emit('enum-value-added', { value }, anchorB, node, { detail: value });
  }

  private compareConst(): void {
    const bc = child(this.b, 'const');
    const rc = child(this.r, 'const');
    if (!bc && !rc) return;
    // A const on one side only, facing an enum on the other, was compared as a list of one (compareEnum).
    if (!bc !== !rc && child(bc ? this.r : this.b, 'enum') && !child(bc ? this.b : this.r, 'enum')) return;
    const values = { from: bc ? valueKey(bc) : '', to: rc ? valueKey(rc) : '' };
    if (bc && rc) {
      if (values.from !== values.to) this.emit('const-changed', values, bc, rc);
    } else if (rc) this.emit('const-added', values, this.b, rc);
    else this.emit('const-removed', values, bc, this.r);
  }

  private comparePattern(): void {
    const bp = str(this.b, 'pattern');
    const rp = str(this.r, 'pattern');
    if (bp === rp || this.inert('string')) return;
    const anchorB = child(this.b, 'pattern') ?? this.b;
    const anchorR = child(this.r, 'pattern') ?? this.r;
    const patterns = { from: bp ?? '', to: rp ?? '' };
    if (bp && rp) this.emit(MATCHES_ANYTHING.has(rp) ? 'pattern-generalized' : 'pattern-changed', patterns, anchorB, anchorR);
    else if (!rp) this.emit('pattern-removed', patterns, anchorB, this.r);
    else if (!MATCHES_ANYTHING.has(rp)) this.emit('pattern-added', patterns, this.b, anchorR); // `.*` added constrains nothing
  }

  private compareDefault(): void {
    const bd = child(this.b, 'default');
    const rd = child(this.r, 'default');
    if (!bd && !rd) return;
    if (bd && rd && valueKey(bd) === valueKey(rd)) return;
    const values = { what: this.what, from: bd ? valueKey(bd) : '', to: rd ? valueKey(rd) : '' };
    if ((this.subject === 'parameter' || this.subject === 'header-parameter') && this.dir === 'request') {
      const rule =
        bd && rd ? 'request-parameter-default-value-changed' : bd ? 'request-parameter-default-value-removed' : 'request-parameter-default-value-added';
      this.emitRule(rule, values, bd ?? this.b, rd ?? this.r);
      return;
    }
    if (bd && rd) this.emit('default-value-changed', values, bd, rd);
    else if (rd) this.emit('default-value-added', values, this.b, rd);
    else this.emit('default-value-removed', values, bd, this.r);
  }

  /** readOnly / writeOnly of whole bodies, parameters and headers; named properties are judged in compareProperties, by direction. */
  private compareAccess(): void {
    if (this.subject !== 'body' && this.subject !== 'parameter' && this.subject !== 'header-parameter' && this.subject !== 'header') return;
    for (const [keyword, became, removed] of [
      ['readOnly', 'became-read-only', 'read-only-removed'],
      ['writeOnly', 'became-write-only', 'write-only-removed'],
    ] as const) {
      const bv = boolFlag(this.b, keyword);
      const rv = boolFlag(this.r, keyword);
      if (bv === rv) continue;
      if (rv) this.emit(became, {}, this.b, child(this.r, keyword));
      else this.emit(removed, {}, child(this.b, keyword), this.r);
    }
  }

  private compareAdditionalProperties(): void {
    const ba = child(this.b, 'additionalProperties');
    const ra = child(this.r, 'additionalProperties');
    const closed = (n: JNode | undefined) => isScalar(n) && n.value === false;
    // Absent and `true` admit any extra property; a schema admits those it accepts; `false` none.
    const open = (n: JNode | undefined) => !n || (isScalar(n) && n.value === true);
    if (!closed(ba) && closed(ra)) this.emit('additional-properties-tightened', {}, ba ?? this.b, ra);
    else if (closed(ba) && !closed(ra)) this.emit('additional-properties-loosened', {}, ba, ra ?? this.r);
    else if (isMap(ba) && isMap(ra)) this.diff.compare(ba, ra, this.dir, this.nestedSubject, this.pair);
    else if (isMap(ba) && open(ra)) this.emit('additional-properties-loosened', {}, ba, ra ?? this.r);
    else if (open(ba) && isMap(ra)) this.emit('additional-properties-tightened', {}, ba ?? this.b, ra);
  }

  /**
   * The definitions of a property to compare: the only one on each side, or, where a side defines it
   * more than once (allOf branches that each say something about it), the one naming most of the
   * properties the other side's names (x -> allOf [x', {properties: {x: more}}] compares x with x').
   */
  private definitionsToCompare(name: string, bp: EffectiveProperties, rp: EffectiveProperties, branches: ReadonlyMap<JNode, JNode>) {
    const bDefs = bp.definitions?.get(name);
    const rDefs = rp.definitions?.get(name);
    // Defined in a branch matched on the other side, where it is defined too: that pair, whatever the order of the branches.
    const inMatched = (bDefs || rDefs) && rp.properties.has(name) ? definitionsInMatchedBranches(name, bp, rp, branches) : undefined;
    if (inMatched) return { bNode: inMatched[0].node, bBranch: inMatched[0].branch, rNode: inMatched[1].node, rBranch: inMatched[1].branch };
    let b: PropertyDefinition = { node: bp.properties.get(name)!, branch: bp.branchOf.get(name) };
    let r: PropertyDefinition | undefined = rp.properties.has(name) ? { node: rp.properties.get(name)!, branch: rp.branchOf.get(name) } : undefined;
    if (r && rDefs) r = this.readsThroughRefs(() => closestDefinition(rDefs, this.rRefs, b.node, this.bRefs)) ?? r;
    if (r && bDefs) b = closestDefinition(bDefs, this.bRefs, r.node, this.rRefs) ?? b;
    return { bNode: b.node, bBranch: b.branch, rNode: r?.node, rBranch: r?.branch };
  }

  private compareProperties(): void {
    if (
      !child(this.b, 'properties') &&
      !child(this.r, 'properties') &&
      !child(this.b, 'allOf') &&
      !child(this.r, 'allOf') &&
      !child(this.b, 'required') &&
      !child(this.r, 'required')
    )
      return;
    const bp = effectiveProperties(this.b, this.bRefs);
    const rp = effectiveProperties(this.r, this.rRefs);
    const branches = this.matchedAllOf();
    this.movedProperties = movedBetweenBranches(bp, rp, branches);
    const req = this.dir === 'request';
    let described: string | undefined; // named only when a property change is reported (it walks up the tree)
    const container = () => (described ??= describeSchema(this.r, this.subject, true));
    for (const name of bp.properties.keys()) {
      const { bNode, bBranch, rNode, rBranch: rBranchIfAny } = this.definitionsToCompare(name, bp, rp, branches);
      const bProp = this.bRefs.deref(bNode);
      // Properties that are not on the wire in this direction do not matter.
      const offWire = isMap(bProp) && boolFlag(bProp, req ? 'readOnly' : 'writeOnly');
      // A property of an allOf branch matched on the other side is compared with that branch (once, where it is written,
      // however many schemas extend it); here only what the branches cannot see: a property that moved or is the schema's own.
      const rBranch = rNode ? rBranchIfAny : undefined;
      const sameBranch = bBranch !== undefined && (rNode ? rBranch !== undefined && branches.get(bBranch) === rBranch : branches.has(bBranch));
      if (sameBranch && !rNode && !this.closesBranch(branches.get(bBranch!)!)) continue;
      if (sameBranch && rNode && !requirednessFromOutside(name, bp, rp, bBranch, rBranch!, this.bRefs, this.rRefs)) continue;
      if (!rNode) {
        if (this.moved.has(name)) continue;
        const rule = offWireRule(
          req ? 'request-property-removed' : bp.required.has(name) ? 'response-required-property-removed' : 'response-optional-property-removed',
          offWire,
        );
        if (!rule) continue;
        const deprecatedInBase = isMap(bProp) && isDeprecated(bProp, this.bRefs);
        // A request schema that admits no other properties now rejects clients that still send it.
        const circumstance = req && isClosed(this.r, this.rRefs) ? 'closed-schema' : undefined;
        this.emitRule(rule, { name, container: container() }, bNode, rp.anchor, { detail: name, fixKey: name, deprecatedInBase, circumstance });
        // Its values now fall under the revision's additionalProperties schema: compared with it.
        const rExtra = child(this.r, 'additionalProperties');
        if (isMap(rExtra)) this.diff.compare(bNode, rExtra, this.dir, this.nestedSubject, this.pair, { offWire });
        continue;
      }
      const rProp = this.rRefs.deref(rNode);
      const rOffWire = isMap(rProp) && boolFlag(rProp, req ? 'readOnly' : 'writeOnly');
      if (!sameBranch) this.diff.compare(bNode, rNode, this.dir, this.nestedSubject, this.pair, { offWire: offWire || rOffWire });
      if (isMap(bProp) && isMap(rProp) && !sameBranch) {
        compareAccessOfProperty(this, name, bProp, rProp, bNode, rNode, rp.required.has(name) || bp.required.has(name));
        this.compareLifecycle(name, container, bProp, rProp, bNode, rNode);
      }
      const bReq = bp.required.has(name);
      const rReq = rp.required.get(name);
      if (!bReq && rReq) {
        const withDefault = req && isMap(rProp) && child(rProp, 'default') !== undefined;
        const rule = offWireRule(
          !req
            ? 'response-property-became-required'
            : this.inHeader
              ? 'request-header-property-became-required'
              : withDefault
                ? 'request-property-became-required-with-default'
                : 'request-property-became-required',
          offWire || rOffWire,
        );
        if (rule) this.emitRule(rule, { name, container: container() }, bNode, rReq, { detail: name, fixKey: name });
      } else if (bReq && !rReq) {
        const rule = offWireRule(req ? 'request-property-became-optional' : 'response-property-became-optional', offWire || rOffWire);
        if (rule) this.emitRule(rule, { name, container: container() }, bp.required.get(name), rNode, { detail: name });
      }
    }
    const revisionBranches: ReadonlySet<JNode> = branches.size ? new Set(branches.values()) : NO_NODES;
    for (const [name, rNode] of rp.properties) {
      if (bp.properties.has(name) || this.moved.has(name)) continue;
      const rBranch = rp.branchOf.get(name);
      if (rBranch !== undefined && revisionBranches.has(rBranch)) continue; // the branch comparison reports it
      const rProp = this.rRefs.deref(rNode);
      const offWire = isMap(rProp) && boolFlag(rProp, req ? 'readOnly' : 'writeOnly');
      const required = rp.required.has(name);
      const withDefault = isMap(rProp) && child(rProp, 'default') !== undefined;
      const newRequired = this.inHeader
        ? 'new-required-request-header-property'
        : withDefault
          ? 'new-required-request-property-with-default'
          : 'new-required-request-property';
      const rule = offWireRule(
        req ? (required ? newRequired : 'new-optional-request-property') : required ? 'response-required-property-added' : 'response-optional-property-added',
        offWire,
      );
      // A response schema that admitted no other properties promised clients they would never see this one.
      const circumstance = !req && isClosed(this.b, this.bRefs) ? 'closed-schema' : undefined;
      if (rule) this.emitRule(rule, { name, container: container() }, bp.anchor, rNode, { detail: name, fixKey: name, circumstance });
      // Before, its values fell under the base's additionalProperties schema: compared with that.
      const bExtra = child(this.b, 'additionalProperties');
      if (isMap(bExtra)) this.diff.compare(bExtra, rNode, this.dir, this.nestedSubject, this.pair, { offWire });
    }
    this.compareUndeclaredRequired(bp, rp);
  }

  /** Names required without a property schema on either side (then/else/dependentSchemas often hold only `required`). */
  private compareUndeclaredRequired(bp: EffectiveProperties, rp: EffectiveProperties): void {
    const req = this.dir === 'request';
    const undeclared = (name: string) => !bp.properties.has(name) && !rp.properties.has(name);
    for (const [name, rNode] of rp.required) {
      if (bp.required.has(name) || !undeclared(name)) continue;
      const rule = !req ? 'response-property-became-required' : this.inHeader ? 'request-header-property-became-required' : 'request-property-became-required';
      this.emitRule(rule, { name, container: describeSchema(this.r, this.subject, true) }, this.b, rNode, { detail: name, fixKey: name });
    }
    for (const [name, bNode] of bp.required) {
      if (rp.required.has(name) || !undeclared(name)) continue;
      const rule = req ? 'request-property-became-optional' : 'response-property-became-optional';
      this.emitRule(rule, { name, container: describeSchema(this.r, this.subject, true) }, bNode, this.r, { detail: name });
    }
  }

  /** Deprecation and x-stability-level of a property present on both sides. */
  private compareLifecycle(name: string, container: () => string, bProp: JMap, rProp: JMap, bNode: JNode, rNode: JNode): void {
    const req = this.dir === 'request';
    const bDep = isDeprecated(bProp, this.bRefs);
    const rDep = this.readsThroughRefs(() => isDeprecated(rProp, this.rRefs));
    if (bDep !== rDep) {
      const sunset = rDep ? this.readsThroughRefs(() => schemaSunsetOf(rProp, this.ctx.settings.sunsetKeys, this.rRefs)) : undefined;
      const withSunset = sunset !== undefined && sunset !== 'invalid';
      const rule = rDep
        ? req
          ? withSunset
            ? 'request-property-deprecated-with-sunset'
            : 'request-property-deprecated'
          : withSunset
            ? 'response-property-deprecated-with-sunset'
            : 'response-property-deprecated'
        : req
          ? 'request-property-reactivated'
          : 'response-property-reactivated';
      this.emitRule(rule, { name, container: container(), to: sunset ?? '' }, bNode, child(rProp, 'deprecated') ?? rNode, { detail: name });
    }
    const key = this.ctx.settings.stabilityKey;
    const s = stabilityChange(bProp, rProp, key);
    if (!s || s.change === 'invalid') return;
    const rule =
      s.change === 'decreased'
        ? req
          ? 'request-property-stability-decreased'
          : 'response-property-stability-decreased'
        : req
          ? 'request-property-stability-increased'
          : 'response-property-stability-increased';
    this.emitRule(rule, { name, container: container(), from: s.from, to: s.to }, child(bProp, key) ?? bNode, child(rProp, key) ?? rNode, { detail: name });
  }

  private compareItems(): void {
    const bi = child(this.b, 'items');
    const ri = child(this.r, 'items');
    if (isMap(bi) && isMap(ri)) this.diff.compare(bi, ri, this.dir, this.nestedSubject, this.pair);
  }

  /** Properties of a header parameter's object schema have their own ids (request-header-property-*). */
  private get inHeader(): boolean {
    return this.dir === 'request' && (this.subject === 'header-parameter' || this.subject === 'header-property');
  }

  private allOfBranches?: BranchMatch;
  /** Properties on both sides that are held by different allOf branches (or the schema itself) on each: compared here. */
  private movedProperties: ReadonlySet<string> = NONE;

  /**
   * Whether this request schema is closed while its allOf branch is not: a property removed from the branch is then
   * rejected here, which the branch's own comparison cannot see (it reports a warning; this schema the error).
   */
  private closesBranch(rBranch: JNode): boolean {
    if (this.dir !== 'request' || !isClosed(this.r, this.rRefs)) return false;
    const branch = this.rRefs.deref(rBranch);
    return !isMap(branch) || !isClosed(branch, this.rRefs);
  }

  /** The allOf branches paired across the two sides (base branch -> revision branch), computed once. */
  private matchedAllOf(): ReadonlyMap<JNode, JNode> {
    // Most schemas have no allOf on either side: nothing to match, nothing allocated (this runs for every object schema compared).
    if (!child(this.b, 'allOf') || !child(this.r, 'allOf')) return NO_BRANCHES;
    return new Map(this.branchMatch('allOf').matched);
  }

  private branchMatch(kind: 'oneOf' | 'anyOf' | 'allOf'): BranchMatch {
    if (kind === 'allOf' && this.allOfBranches) return this.allOfBranches;
    const bItems = (childSeq(this.b, kind)?.items ?? []).filter((n) => !isNullBranch(n, this.bRefs));
    const rItems = (childSeq(this.r, kind)?.items ?? []).filter((n) => !isNullBranch(n, this.rRefs));
    const match = matchBranches(bItems, rItems, this.bRefs, this.rRefs);
    if (kind === 'allOf') this.allOfBranches = match;
    return match;
  }

  private compareComposition(kind: 'oneOf' | 'anyOf' | 'allOf'): void {
    const bl = childSeq(this.b, kind);
    const rl = childSeq(this.r, kind);
    if (!bl && !rl) return;
    const { matched, removed: bOnly, added: rOnly } = this.branchMatch(kind);
    // x -> allOf [x, y] (extending a schema): x is no added branch; its properties were compared through effectiveProperties.
    const removed = rl ? bOnly : withoutEquivalentOf({ schema: this.r, refs: this.rRefs }, bOnly, this.bRefs);
    const added = bl ? rOnly : this.readsThroughRefs(() => withoutEquivalentOf({ schema: this.b, refs: this.bRefs }, rOnly, this.rRefs));
    const change = kind === 'oneOf' ? 'one-of' : kind === 'anyOf' ? 'any-of' : 'all-of';
    // An allOf branch that only annotates constrains nothing: adding or removing it is no change to values.
    const annotates = (node: JNode, refs: DiffContext['base']['refs']) => kind === 'allOf' && isAnnotationOnly(refs.deref(node));
    for (const b of removed) {
      const branch = branchLabel(b, this.bRefs);
      const more = { detail: branch, circumstance: kind !== 'allOf' ? this.keptValuesOf(b) : this.branchStillHolds(b) };
      this.emit(annotates(b, this.bRefs) ? 'all-of-removed-annotation-only' : `${change}-removed`, { branch }, b, rl ?? this.r, more);
    }
    for (const r of added) {
      const branch = branchLabel(r, this.rRefs);
      if (annotates(r, this.rRefs)) {
        this.emit('all-of-added-annotation-only', { branch }, bl ?? this.b, r, { detail: branch });
        continue;
      }
      // An allOf extension that only declares new optional properties is judged like them.
      const onlyNew =
        kind === 'allOf' && this.dir === 'request' && this.readsThroughRefs(() => declaresOnlyNewProperties(r, this.rRefs, this.b, this.bRefs, 0));
      const circumstance = onlyNew
        ? 'new-properties-only'
        : kind === 'anyOf'
          ? this.valuesAlreadyTaken(r)
          : kind === 'allOf'
            ? this.takesEveryValue(r)
            : undefined;
      this.emit(`${change}-added`, { branch }, bl ?? this.b, r, { detail: branch, circumstance });
    }
    // Matched allOf branches compare their own properties (compareProperties leaves those to them), except those that moved.
    if (kind === 'allOf') {
      for (const [b, r] of matched)
        this.diff.compare(b, r, this.dir, this.subject === 'property' ? 'property' : this.subject, this.pair, { moved: this.movedProperties });
      return;
    }
    for (const [b, r] of matched) this.diff.compare(b, r, this.dir, this.subject === 'property' ? 'property' : this.subject, this.pair);
  }
}

const NONE: ReadonlySet<string> = new Set();

const NO_BRANCHES: ReadonlyMap<JNode, JNode> = new Map();
const NO_NODES: ReadonlySet<JNode> = new Set();

function valuesOfTypes(values: Map<string, JNode>, types: string[] | undefined): Map<string, JNode> {
  if (!types) return values;
  // Objects and arrays listed as values are kept when such a type is named: only scalars are judged here.
  const fits = (node: JNode) =>
    isScalar(node)
      ? node.value !== null && types.some((t) => valueHasType(node.value as string | number | boolean, t))
      : types.includes(node.kind === 'seq' ? 'array' : 'object');
  for (const node of values.values()) if (!fits(node)) return new Map([...values].filter(([, n]) => fits(n)));
  return values; // the usual case: every listed value has a declared type, nothing to copy
}

/** A const as the list of one value it allows (null is nullability, compared on its own). */
function constValues(schema: JMap): Map<string, JNode> | undefined {
  const c = child(schema, 'const');
  return c && !(isScalar(c) && c.value === null) ? new Map([[valueKey(c), c]]) : undefined;
}

/** Properties present on both sides whose holder changed: another allOf branch, or the schema's own `properties`. */
function movedBetweenBranches(bp: EffectiveProperties, rp: EffectiveProperties, branches: ReadonlyMap<JNode, JNode>): ReadonlySet<string> {
  if (branches.size === 0) return NONE; // only matched branches are told about moved properties
  let moved: Set<string> | undefined;
  for (const name of bp.properties.keys()) {
    if (!rp.properties.has(name)) continue;
    const bBranch = bp.branchOf.get(name);
    const rBranch = rp.branchOf.get(name);
    if (bBranch === undefined && rBranch === undefined) continue;
    if (bBranch !== undefined && rBranch !== undefined && branches.get(bBranch) === rBranch) continue;
    if (definitionsInMatchedBranches(name, bp, rp, branches)) continue;
    (moved ??= new Set()).add(name);
  }
  return moved ?? NONE;
}

/** Every definition of a property on one side: one per allOf branch (or the schema itself) that declares it. */
function definitionsOf(p: EffectiveProperties, name: string): PropertyDefinition[] {
  return p.definitions?.get(name) ?? [{ node: p.properties.get(name)!, branch: p.branchOf.get(name) }];
}

/** A definition of the property in an allOf branch whose matched branch on the other side defines it too (the last such, as `properties` holds). */
function definitionsInMatchedBranches(
  name: string,
  bp: EffectiveProperties,
  rp: EffectiveProperties,
  branches: ReadonlyMap<JNode, JNode>,
): [PropertyDefinition, PropertyDefinition] | undefined {
  if (branches.size === 0) return undefined;
  const rDefs = definitionsOf(rp, name);
  let found: [PropertyDefinition, PropertyDefinition] | undefined;
  for (const b of definitionsOf(bp, name)) {
    const rBranch = b.branch && branches.get(b.branch);
    const r = rBranch && rDefs.find((d) => d.branch === rBranch);
    if (r) found = [b, r];
  }
  return found;
}

/**
 * Whether a property that stays in the same allOf branch became required or optional
 * through something other than that branch (the extending schema's own `required`, or
 * another branch's): then the branch comparison does not see it and the extending schema reports it.
 */
function requirednessFromOutside(
  name: string,
  bp: EffectiveProperties,
  rp: EffectiveProperties,
  bBranch: JNode,
  rBranch: JNode,
  bRefs: DiffContext['base']['refs'],
  rRefs: DiffContext['revision']['refs'],
): boolean {
  const bReq = bp.required.has(name);
  const rReq = rp.required.has(name);
  if (bReq === rReq) return false;
  const inBranch = (branch: JNode, refs: DiffContext['base']['refs']) => {
    const schema = refs.deref(branch);
    return isMap(schema) && effectiveProperties(schema, refs).required.has(name);
  };
  return inBranch(bBranch, bRefs) === inBranch(rBranch, rRefs);
}

/** Keys of a schema that only declares properties (with no `required`, nothing else constrains a value). */
const DECLARING_KEYS = new Set([...ANNOTATION_KEYWORDS, 'type', 'properties']);

/**
 * Whether a schema (an added allOf branch) only declares optional properties that `old` did not
 * name, at any depth: an object whose properties are new, or, for those `old` names, themselves
 * such schemas against `old`'s definition. Like a new optional property, it constrains nothing a
 * client sent under `old` (clients send what the spec declares).
 */
function declaresOnlyNewProperties(node: JNode, refs: RefResolver, old: JNode, oldRefs: RefResolver, depth: number): boolean {
  const s = refs.deref(node);
  const o = oldRefs.deref(old);
  if (!isMap(s) || !isMap(o) || depth > 8) return false;
  if (![...s.entries.keys()].every((k) => DECLARING_KEYS.has(k) || k.startsWith('x-'))) return false;
  const types = typesOf(s);
  if (types && (types.size !== 1 || !types.has('object'))) return false;
  const oldTypes = typesOf(o);
  if (oldTypes && !oldTypes.has('object')) return false;
  const props = childMap(s, 'properties');
  if (!props) return false;
  const named = effectiveProperties(o, oldRefs).properties;
  for (const [name, def] of props.entries) {
    const before = named.get(name);
    if (before !== undefined && !declaresOnlyNewProperties(def, refs, before, oldRefs, depth + 1)) return false;
  }
  return true;
}

/** The names of a schema's own `properties`. */
function propertyNames(schema: JNode | undefined, refs: RefResolver): string[] {
  return [...(childMap(refs.deref(schema), 'properties')?.entries.keys() ?? [])];
}

/** How many of `names` a schema's own `properties` name. */
function namesHeld(schema: JNode | undefined, refs: RefResolver, names: string[]): number {
  const props = childMap(refs.deref(schema), 'properties');
  return props ? names.filter((n) => props.entries.has(n)).length : 0;
}

/** Of several definitions of a property, the one naming most of the properties `other` names; undefined: none names any. */
function closestDefinition(defs: PropertyDefinition[], refs: RefResolver, other: JNode, otherRefs: RefResolver): PropertyDefinition | undefined {
  const names = propertyNames(other, otherRefs);
  let best: PropertyDefinition | undefined;
  let bestScore = 0;
  for (const def of defs) {
    const score = namesHeld(def.node, refs, names);
    if (score > 0 && score >= bestScore) [best, bestScore] = [def, score]; // ties: the later one, as `properties` holds
  }
  return best;
}

/**
 * Branches other than the one that is `whole` (the other side's whole schema), whose properties
 * were compared through effectiveProperties: the same content, else one that accepts exactly its
 * values (moved into a file with other descriptions, say), else the only one naming every property
 * it names (the same schema, edited as it moved: x -> allOf [x', y]).
 */
function withoutEquivalentOf(whole: Side, branches: JNode[], refs: DiffContext['base']['refs']): JNode[] {
  if (branches.length === 0 || !isMap(whole.schema)) return branches;
  const key = valueKey(whole.schema);
  let i = branches.findIndex((n) => valueKey(refs.deref(n)) === key);
  if (i === -1) i = branches.findIndex((n) => acceptsEveryValueOf({ schema: n, refs }, whole) && acceptsEveryValueOf(whole, { schema: n, refs }));
  const names = i === -1 ? propertyNames(whole.schema, whole.refs) : [];
  if (names.length) {
    const naming = branches.flatMap((n, j) => (namesHeld(n, refs, names) === names.length ? [j] : []));
    if (naming.length === 1) i = naming[0];
  }
  return i === -1 ? branches : branches.filter((_, j) => j !== i);
}

export function branchLabel(node: JNode, refs: DiffContext['base']['refs']): string {
  const ref = refs.refOf(node);
  if (ref) return ref.slice(ref.lastIndexOf('/') + 1);
  const d = refs.deref(node);
  const t = isMap(d) ? typesOf(d) : undefined;
  const title = isMap(d) ? str(d, 'title') : undefined;
  return title ?? (t ? [...t].join(' | ') : 'schema');
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function shortList(values: string[]): string {
  return values.length <= 5 ? values.join(', ') : `${values.slice(0, 5).join(', ')} and ${values.length - 5} more`;
}

const SUBJECT_WORD: Record<SchemaSubject, string> = {
  body: 'body',
  property: 'property',
  parameter: 'parameter',
  header: 'header',
  'header-parameter': 'header parameter',
  'parameter-property': 'parameter property',
  'header-property': 'header parameter property',
};

/** How a path through a sub-schema keyword reads: tags[contains], point[0], meta(/^x-/). */
const KEYWORD_STEPS = new Map([
  ['contains', '[contains]'],
  ['unevaluatedItems', '[unevaluatedItems]'],
  ['propertyNames', '(propertyNames)'],
  ['unevaluatedProperties', '(unevaluatedProperties)'],
  ['if', '(if)'],
  ['then', '(then)'],
  ['else', '(else)'],
]);
const KEYED_STEPS = new Map<string, (key: string) => string>([
  ['prefixItems', (i) => `[${i}]`],
  ['patternProperties', (p) => `(/${p}/)`],
  ['dependentSchemas', (k) => `(with ${k})`],
]);

/** "property Pet.tags[].name", "the request body schema", "schema Pet". */
export function describeSchema(node: JNode, subject: SchemaSubject, container = false): string {
  const tokens = pointerOf(node)
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let name = '';
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    if ((tokens[i] === 'schemas' && tokens[i - 1] === 'components') || (tokens[i] === 'definitions' && i === 0)) {
      name = tokens[i + 1] ?? '';
      start = i + 2;
    }
  }
  const parts: string[] = [];
  for (let i = start; i < tokens.length; i++) {
    if (tokens[i] === 'properties' && i + 1 < tokens.length) parts.push(tokens[++i]);
    else if (tokens[i] === 'items') parts.push('[]');
    else if (KEYWORD_STEPS.has(tokens[i])) parts.push(KEYWORD_STEPS.get(tokens[i])!);
    else if (KEYED_STEPS.has(tokens[i]) && i + 1 < tokens.length) parts.push(KEYED_STEPS.get(tokens[i])!(tokens[++i]));
  }
  const path = [name, ...parts]
    .filter(Boolean)
    .join('.')
    .replace(/\.([[(])/g, '$1');
  const ownerKind = subject === 'header' ? 'header' : subject === 'body' || subject === 'property' ? undefined : 'parameter';
  const owner = ownerKind ? ownerName(node, ownerKind) : undefined;
  const word = SUBJECT_WORD[subject];
  if (container) return path ? `schema ${path}` : owner ? `the schema of ${owner}` : `the ${word} schema`;
  // Items of an unnamed array (a body, a parameter, a header): "the items of query parameter "tags"", not "property []".
  if (!name && parts[0] === '[]') {
    const of = owner ?? 'the body schema'; // no parameter or header above it: a body's
    const inner = path.slice(2).replace(/^\./, '');
    return inner ? `property ${inner} of the items of ${of}` : `the items of ${of}`;
  }
  if (parts.length) return owner && !name ? `property ${path} of ${owner}` : `property ${path}`;
  if (owner) return owner;
  if (name) return `schema ${name}`;
  return subject === 'body' ? 'the body schema' : `the ${word}`;
}

/** `query parameter "limit"` or `header "X-Rate"`: the parameter or header a schema belongs to. */
function ownerName(node: JNode, subject: 'parameter' | 'header'): string | undefined {
  let cur: JNode | null = node;
  for (let i = 0; cur && i < 8; i++, cur = cur.parent) {
    if (subject === 'parameter' && isMap(cur)) {
      const n = str(cur, 'name');
      const loc = str(cur, 'in');
      if (n !== undefined && loc !== undefined) return `${loc} parameter "${n}"`;
    }
    if (subject === 'header' && cur.parent?.key === 'headers' && typeof cur.key === 'string') return `header "${cur.key}"`;
  }
  return undefined;
}

function withNull(types: Set<string>, nullable: boolean): Set<string> {
  return nullable ? new Set([...types, 'null']) : types;
}
