// Team policies that change what a raw change means: deprecation and sunset,
// major-version bumps, stability levels and inline exemptions. Each returns the
// (possibly) new rule and level plus a note saying why, shown in the message.
import { child, isMap, isScalar, isSeq, scalarOf, type JNode } from './parse/tree';
import type { OperationModel, SpecModel } from './model/model';
import type { RawChange } from './diff/context';
import { ruleInfo, type RuleId } from './rules/registry';
import type { Level, PolicyOptions } from './types';

export interface PolicyVerdict {
  rule: RuleId;
  level?: Level;
  note?: string;
  drop?: boolean;
}

export class Policies {
  private readonly today: string;
  private readonly sunsetKeys: string[];

  constructor(
    private readonly base: SpecModel,
    private readonly revision: SpecModel,
    private readonly options: PolicyOptions = {},
  ) {
    this.today = options.today ?? new Date().toISOString().slice(0, 10);
    this.sunsetKeys = options.deprecation?.sunsetExtensions ?? ['x-sunset'];
  }

  /** True when a change is exempted inline (`x-breakwater-ignore`) or only touches excluded operations. */
  excluded(change: RawChange, ops: OperationModel[]): boolean {
    if (this.ignoredInline(change.revision, change.rule, this.revision) || this.ignoredInline(change.base, change.rule, this.base)) return true;
    return ops.length > 0 && ops.every((op) => this.unstable(op));
  }

  verdict(change: RawChange, level: Level): PolicyVerdict {
    const info = ruleInfo(change.rule);
    if (info.beforeSunset && change.base) {
      const sunset = this.sunsetOf(change.base, this.base);
      if (sunset === 'invalid' && info.sunsetParse) return { rule: info.sunsetParse as RuleId, note: `the ${this.sunsetKeys[0]} date in the base cannot be read` };
      if (sunset && sunset !== 'invalid' && sunset > this.today) return { rule: info.beforeSunset as RuleId, note: `deprecated in base, but its sunset is ${sunset}` };
      return { rule: change.rule, note: sunset ? `allowed: deprecated in base, sunset ${sunset} has passed` : 'allowed: deprecated in base' };
    }
    const minDays = this.options.deprecation?.minDays ?? 0;
    if (minDays > 0 && (change.rule === 'endpoint-deprecated' || change.rule === 'request-parameter-deprecated') && change.revision) {
      const node = change.revision.parent ?? change.revision;
      const sunset = this.sunsetOf(node, this.revision);
      if (sunset === 'invalid') return { rule: change.rule === 'endpoint-deprecated' ? 'api-deprecated-sunset-parse' : 'request-parameter-sunset-parse', note: `the ${this.sunsetKeys[0]} date cannot be read` };
      if (!sunset) return { rule: 'api-deprecated-sunset-missing', note: `policy: deprecations need a ${this.sunsetKeys[0]} at least ${minDays} days ahead` };
      const earliest = addDays(this.today, minDays);
      if (sunset < earliest) return { rule: 'api-sunset-date-too-small', note: `policy: sunset must be on or after ${earliest} (${minDays} days)` };
    }
    if ((level === 'error' || level === 'warning') && this.majorBumped()) {
      const mv = this.options.majorVersion;
      if (mv?.enabled !== false) return { rule: change.rule, level: mv?.level ?? 'info', note: `allowed: major version bumped ${this.base.apiVersion} → ${this.revision.apiVersion}` };
    }
    return { rule: change.rule };
  }

  private majorBumped(): boolean {
    const b = majorOf(this.base.apiVersion);
    const r = majorOf(this.revision.apiVersion);
    return b !== undefined && r !== undefined && r > b;
  }

  private unstable(op: OperationModel): boolean {
    const s = this.options.stability ?? {};
    const ext = s.extension ?? 'x-stability-level';
    const level = scalarOf(op.node, ext);
    if (typeof level === 'string' && (s.excludedLevels ?? ['draft', 'alpha']).includes(level)) return true;
    return (s.excludeFlags ?? []).some((flag) => scalarOf(op.node, flag) === true || scalarOf(op.pathItem, flag) === true);
  }

  /** Walks up from the node: an `x-breakwater-ignore` on it or any ancestor that names the rule (or is `true`/`all`) exempts it. */
  private ignoredInline(node: JNode | undefined, rule: RuleId, model: SpecModel): boolean {
    for (let cur: JNode | null | undefined = node; cur; cur = cur.parent) {
      const ig = child(cur, 'x-breakwater-ignore');
      if (!ig) continue;
      if (isScalar(ig) && (ig.value === true || ig.value === 'all' || ig.value === rule)) return true;
      if (isSeq(ig) && ig.items.some((i) => isScalar(i) && (i.value === rule || i.value === 'all'))) return true;
    }
    void model;
    return false;
  }

  private sunsetOf(node: JNode, model: SpecModel): string | undefined | 'invalid' {
    const resolved = model.refs.deref(node) ?? node;
    if (!isMap(resolved)) return undefined;
    for (const key of this.sunsetKeys) {
      const v = scalarOf(resolved, key);
      if (v === undefined || v === null) continue;
      const date = String(v).slice(0, 10);
      return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date)) ? date : 'invalid';
    }
    return undefined;
  }
}

function majorOf(version: string | undefined): number | undefined {
  const m = version?.match(/^v?(\d+)\.(\d+)/);
  if (!m) return undefined;
  // 0.x: the minor is the major (semver's rule for initial development).
  return m[1] === '0' ? Number(m[2]) / 1000 : Number(m[1]);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * 86400000).toISOString().slice(0, 10);
}
