// Team policies that change what a raw change means: deprecation and sunset,
// major-version bumps, stability levels and inline exemptions. Each returns the
// (possibly) new rule and level plus a note saying why, shown in the message.
import { child, isMap, isScalar, isSeq, scalarOf, type JNode } from './parse/tree';
import type { OperationModel, SpecModel } from './model/model';
import { DEFAULT_DIFF_SETTINGS, type RawChange } from './diff/context';
import { schemaSunsetOf, stabilityOf, sunsetOf, type SunsetDate } from './diff/lifecycle';
import { HTTP_METHODS } from './model/model';
import { majorOf } from './versioning';
import { ruleInfo, type Circumstance, type RuleElement, type RuleId } from './rules/registry';
import type { Level, PolicyOptions } from './types';

export interface PolicyVerdict {
  rule: RuleId;
  level?: Level;
  note?: string;
  drop?: boolean;
}

export class Policies {
  private readonly today: string;
  private readonly sunsetKeys: readonly string[];
  private readonly stabilityKey: string;
  private readonly excludedLevels: readonly string[];

  constructor(
    private readonly base: SpecModel,
    private readonly revision: SpecModel,
    private readonly options: PolicyOptions = {},
  ) {
    this.today = options.today ?? new Date().toISOString().slice(0, 10);
    this.sunsetKeys = options.deprecation?.sunsetExtensions ?? DEFAULT_DIFF_SETTINGS.sunsetKeys;
    this.stabilityKey = options.stability?.extension ?? DEFAULT_DIFF_SETTINGS.stabilityKey;
    this.excludedLevels = options.stability?.excludedLevels ?? ['draft', 'alpha'];
  }

  /**
   * True when a change is exempted inline (`x-breakwater-ignore`) or only touches excluded
   * operations. A stability change is judged by the level it leaves: lowering a draft or
   * alpha operation further promised nothing.
   */
  excluded(change: RawChange, ops: OperationModel[]): boolean {
    if (this.ignoredInline(change.revision, change.rule) || this.ignoredInline(change.base, change.rule)) return true;
    if (ruleInfo(change.rule).element === 'stability') {
      if (change.rule.endsWith('-stability-decreased') && this.excludedLevels.includes(String(change.params?.from))) return true;
      // The operation's own level changed: judged above, not by the level it has now.
      if (change.rule.startsWith('api-')) return false;
    }
    return ops.length > 0 && ops.every((op) => this.unstable(op));
  }

  /**
   * The circumstance a change is judged in (registry `when`): its own, or what the unknownProperties
   * policy says of the properties a schema does not declare: rejected at any depth (`rejected`), or
   * throughout a request body whose schema closes at its top (`closed-bodies`, the default: an API that
   * closes a body says its server validates it strictly, though nested objects do not repeat it).
   */
  circumstanceOf(change: RawChange, inClosedBody: () => boolean): { circumstance?: Circumstance; note?: string } {
    if (change.circumstance !== undefined) return { circumstance: change.circumstance };
    const policy = this.options.unknownProperties ?? 'closed-bodies';
    const when = ruleInfo(change.rule).when;
    if (policy === 'rejected' && when?.['strict-server']) return { circumstance: 'strict-server', note: 'policy: unknownProperties: rejected' };
    if (policy === 'closed-bodies' && when?.['closed-body'] && inClosedBody())
      return { circumstance: 'closed-body', note: 'policy: unknownProperties: closed-bodies' };
    return {};
  }

  verdict(change: RawChange, level: Level, ops: OperationModel[] = []): PolicyVerdict {
    const info = ruleInfo(change.rule);
    const dep = this.options.deprecation ?? {};
    // Removing what was deprecated: fine once the sunset has passed, an error before it.
    if (info.beforeSunset && change.base) {
      const sunset =
        info.element === 'path' ? this.pathSunset(change.base) : schemaSunsetOf(this.base.refs.deref(change.base), this.sunsetKeys, this.base.refs);
      if (sunset === 'invalid' && info.sunsetParse)
        return { rule: info.sunsetParse as RuleId, note: `the ${this.sunsetKeys[0]} date in the base cannot be read` };
      if (sunset && sunset !== 'invalid' && sunset > this.today)
        return { rule: info.beforeSunset as RuleId, note: `deprecated in base, but its sunset is ${sunset}` };
      if (sunset && (dep.afterSunset ?? 'off') === 'off') return { rule: change.rule, drop: true };
      return { rule: change.rule, note: sunset ? `allowed: deprecated in base, sunset ${sunset} has passed` : 'allowed: deprecated in base' };
    }
    // Deprecating: with a grace period for the element's stability level, a sunset far enough ahead is required.
    if (info.sunsetMissing && change.revision) {
      // The change sits on the `deprecated` flag, or on the element when its deprecation is read through an allOf of one.
      const element = isMap(change.revision) ? this.revision.refs.deref(change.revision) : (change.revision.parent ?? change.revision);
      const days = this.graceDays(element, ops);
      const sunset = schemaSunsetOf(element, this.sunsetKeys, this.revision.refs);
      if (sunset === 'invalid' && info.sunsetParse) return { rule: info.sunsetParse as RuleId, note: `the ${this.sunsetKeys[0]} date cannot be read` };
      if (days > 0 && !sunset)
        return { rule: info.sunsetMissing as RuleId, note: `policy: deprecations need a ${this.sunsetKeys[0]} at least ${days} days ahead` };
      const earliest = addDays(this.today, days);
      if (days > 0 && sunset && sunset < earliest && info.sunsetTooSmall)
        return { rule: info.sunsetTooSmall as RuleId, note: `policy: sunset must be on or after ${earliest} (${days} days)` };
    }
    // A sunset moved earlier is only an error when it now falls inside the grace period.
    if (change.rule === 'api-sunset-date-changed-too-small' || change.rule === 'request-parameter-sunset-date-changed-too-small') {
      const element = change.revision?.parent ?? change.revision;
      const earliest = addDays(this.today, this.graceDays(element, ops));
      const to = String(change.params?.to ?? '');
      if (to >= earliest) return { rule: change.rule, drop: true };
      return { rule: change.rule, note: `policy: sunset must stay on or after ${earliest}` };
    }
    if ((level === 'error' || level === 'warning') && this.majorBumped()) {
      const mv = this.options.majorVersion;
      if (mv?.enabled !== false)
        return { rule: change.rule, level: mv?.level ?? 'info', note: `allowed: major version bumped ${this.base.apiVersion} → ${this.revision.apiVersion}` };
    }
    // Clients were told to move off a deprecated operation: what changes inside it weighs one level less.
    if (
      (level === 'error' || level === 'warning') &&
      (dep.inDeprecatedOperation ?? 'lower') === 'lower' &&
      INSIDE_OPERATION.has(info.element) &&
      ops.length > 0
    ) {
      if (ops.every((op) => deprecatedWithAncestors(this.base.operations.get(op.key))))
        return { rule: change.rule, level: level === 'error' ? 'warning' : 'info', note: 'lowered: the operation is deprecated in the base' };
    }
    return { rule: change.rule };
  }

  /** A removed path's sunset: the latest of its operations' (unreadable if any is). */
  private pathSunset(pathItem: JNode): SunsetDate {
    const item = this.base.refs.deref(pathItem);
    if (!isMap(item)) return undefined;
    let latest: SunsetDate;
    for (const method of HTTP_METHODS) {
      const op = this.base.refs.deref(child(item, method.toLowerCase()));
      const s = sunsetOf(op, this.sunsetKeys);
      if (s === 'invalid') return s;
      if (s && (!latest || s > latest)) latest = s;
    }
    return latest;
  }

  /** Days of notice a deprecation needs: per stability level of the element (or its operation); draft and alpha need none. */
  private graceDays(element: JNode | undefined, ops: OperationModel[]): number {
    const own = isMap(element) && child(element, this.stabilityKey) ? stabilityOf(element, this.stabilityKey) : undefined;
    const level = own ?? (ops.length > 0 ? stabilityOf(ops[0].node, this.stabilityKey) : 'stable');
    const dep = this.options.deprecation ?? {};
    if (level === 'beta') return dep.days?.beta ?? dep.minDays ?? 0;
    if (level === 'stable') return dep.days?.stable ?? dep.minDays ?? 0;
    return 0;
  }

  private majorBumped(): boolean {
    const b = majorOf(this.base.apiVersion);
    const r = majorOf(this.revision.apiVersion);
    return b !== undefined && r !== undefined && r > b;
  }

  /** Excluded by its stability level or a flag; a callback also when the operation that declares it is. */
  private unstable(op: OperationModel): boolean {
    const s = this.options.stability ?? {};
    const level = scalarOf(op.node, this.stabilityKey);
    if (typeof level === 'string' && this.excludedLevels.includes(level)) return true;
    if ((s.excludeFlags ?? []).some((flag) => scalarOf(op.node, flag) === true || scalarOf(op.pathItem, flag) === true)) return true;
    return op.parent !== undefined && this.unstable(op.parent);
  }

  /** Walks up from the node: an `x-breakwater-ignore` on it or any ancestor that names the rule (or is `true`/`all`) exempts it. */
  private ignoredInline(node: JNode | undefined, rule: RuleId): boolean {
    for (let cur: JNode | null | undefined = node; cur; cur = cur.parent) {
      const ig = child(cur, 'x-breakwater-ignore');
      if (!ig) continue;
      if (isScalar(ig) && (ig.value === true || ig.value === 'all' || ig.value === rule)) return true;
      if (isSeq(ig) && ig.items.some((i) => isScalar(i) && (i.value === rule || i.value === 'all'))) return true;
    }
    return false;
  }
}

/** Elements whose changes sit inside an operation (not the operation itself, its lifecycle or its existence). */
const INSIDE_OPERATION = new Set<RuleElement>([
  'parameter',
  'header',
  'request-body',
  'response-body',
  'media-type',
  'status',
  'property',
  'schema',
  'enum-value',
  'security',
]);

function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * 86400000).toISOString().slice(0, 10);
}

/** Deprecated itself, or a callback of a deprecated operation (clients were told to move off both). */
function deprecatedWithAncestors(op: OperationModel | undefined): boolean {
  for (let cur = op; cur; cur = cur.parent) if (cur.deprecated) return true;
  return false;
}
