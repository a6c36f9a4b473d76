// Security: what an operation requires (its `security` alternatives, or the
// global ones it inherits) and what each security scheme means (its definition in
// components/securitySchemes, 2.0: securityDefinitions). Graded by what a client
// holding the credentials of one old alternative experiences: it must still be
// let in (an added scheme in an AND, an added scope, an alternative gone: errors;
// a new alternative, a scheme or scope dropped: info). A scheme renamed with the
// same definition is the same scheme (clients never see scheme names).
import { child, childMap, isMap, isScalar, isSeq, stringOf, type JMap, type JNode, type JSeq } from '../parse/tree';
import type { OperationModel, SpecModel } from '../model/model';
import type { MessageParams, RuleId } from '../rules/registry';
import type { DiffContext } from './context';
import { valueKey } from './schemaFacts';

type Alternative = Map<string, Set<string>>;

/** The security schemes of a spec by name (resolved). */
export function securitySchemes(model: SpecModel): Map<string, JMap> {
  const out = new Map<string, JMap>();
  const defs = model.version === '2.0' ? childMap(model.root, 'securityDefinitions') : childMap(childMap(model.root, 'components'), 'securitySchemes');
  for (const [name, site] of defs?.entries ?? []) {
    const node = model.refs.deref(site);
    if (isMap(node)) out.set(name, node);
  }
  return out;
}

/**
 * Base scheme name -> revision scheme name, for schemes renamed without other change
 * (the base name is gone and exactly one new name has the same definition).
 */
export function renamedSchemes(base: Map<string, JMap>, revision: Map<string, JMap>): Map<string, string> {
  const out = new Map<string, string>();
  const fresh = [...revision].filter(([name]) => !base.has(name));
  for (const [name, def] of base) {
    if (revision.has(name)) continue;
    const key = valueKey(def);
    const same = fresh.filter(([, r]) => valueKey(r) === key);
    if (same.length === 1) out.set(name, same[0][0]);
  }
  return out;
}

export function alternativesOf(seq: JSeq | undefined, rename?: Map<string, string>): Alternative[] {
  if (!seq || !isSeq(seq)) return [];
  return seq.items.filter(isMap).map((m: JMap) => {
    const alt: Alternative = new Map();
    for (const [scheme, scopes] of m.entries)
      alt.set(rename?.get(scheme) ?? scheme, new Set(isSeq(scopes) ? scopes.items.filter(isScalar).map((s) => String(s.value)) : []));
    return alt;
  });
}

function describeAlt(alt: Alternative): string {
  return alt.size === 0 ? 'no authentication' : [...alt.keys()].join(' + ');
}

/** Every scheme of `inner` is in `outer` with no scope `outer` lacks: credentials for `outer` satisfy `inner`. */
function satisfiedBy(inner: Alternative, outer: Alternative): boolean {
  for (const [scheme, scopes] of inner) {
    const have = outer.get(scheme);
    if (!have) return false;
    for (const s of scopes) if (!have.has(s)) return false;
  }
  return true;
}

function sameAlt(a: Alternative, b: Alternative): boolean {
  return a.size === b.size && satisfiedBy(a, b) && satisfiedBy(b, a);
}

function size(alt: Alternative): number {
  let n = alt.size;
  for (const s of alt.values()) n += s.size;
  return n;
}

/** Compares the security an operation requires in the base and in the revision. */
export function compareOperationSecurity(ctx: DiffContext, b: OperationModel, r: OperationModel, rename: Map<string, string>): void {
  const bs = alternativesOf(b.security, rename);
  const rs = alternativesOf(r.security);
  // Both inherit the global requirement: one change of the document, reported once with the global ids.
  const global = !child(b.node, 'security') && !child(r.node, 'security');
  const anchorR = child(r.node, 'security') ?? child(ctx.revision.root, 'security') ?? (global ? ctx.revision.root : r.node);
  const anchorB = child(b.node, 'security') ?? child(ctx.base.root, 'security') ?? (global ? ctx.base.root : b.node);
  const where = global ? 'the global security requirement' : r.label;
  const emit = (rule: RuleId, params: MessageParams, detail?: string) =>
    ctx.emit({ rule, params: { operation: where, ...params }, base: anchorB, revision: anchorR, detail, operation: r });
  const scopesWord = (list: string[]) => `scope${list.length > 1 ? 's' : ''} ${list.join(', ')}`;
  const bOpen = bs.length === 0 || bs.some((a) => a.size === 0);
  const rOpen = rs.length === 0 || rs.some((a) => a.size === 0);
  if (bOpen && !rOpen) {
    emit(global ? 'api-global-security-added' : 'api-security-added', { schemes: rs.map(describeAlt).join(' or ') });
    return;
  }
  if (!bOpen && rOpen) {
    emit(global ? 'api-global-security-removed' : 'api-security-removed', {});
    return;
  }
  if (bOpen && rOpen) return;
  const used = new Set<Alternative>();
  for (const alt of bs) {
    const exact = rs.find((ra) => sameAlt(ra, alt));
    if (exact) {
      used.add(exact);
      continue;
    }
    // Still let in: some alternative asks for nothing these credentials lack (the largest such is the one it became).
    const satisfied = rs.filter((ra) => satisfiedBy(ra, alt));
    if (satisfied.length) {
      const kept = satisfied.reduce((x, y) => (size(y) > size(x) ? y : x));
      used.add(kept);
      for (const [scheme, scopes] of alt) {
        const now = kept.get(scheme);
        if (!now) emit('api-security-scheme-removed', { scheme, schemes: describeAlt(kept) }, `${describeAlt(alt)}:${scheme}`);
        else {
          const gone = [...scopes].filter((s) => !now.has(s));
          if (gone.length)
            emit(
              global ? 'api-global-security-scope-removed' : 'api-security-scope-removed',
              { scopes: scopesWord(gone), scheme },
              `${scheme}:${gone.join(',')}`,
            );
        }
      }
      continue;
    }
    // Not let in: the closest alternative that still has all of its schemes (fewest additions) says what is missing.
    const wider = rs.filter((ra) => [...alt.keys()].every((k) => ra.has(k)));
    if (wider.length === 0) {
      emit('api-security-scheme-changed', { schemes: describeAlt(alt) }, describeAlt(alt));
      continue;
    }
    // What an alternative asks for beyond these credentials: its other schemes and scopes.
    const missing = (ra: Alternative) => {
      let n = 0;
      for (const [scheme, scopes] of ra) {
        const had = alt.get(scheme);
        n += had ? [...scopes].filter((x) => !had.has(x)).length : 1 + scopes.size;
      }
      return n;
    };
    // Fewest additions, then most of the old credentials kept (that is the one it became).
    const kept = (ra: Alternative) => [...alt].reduce((n, [scheme, scopes]) => n + [...scopes].filter((x) => ra.get(scheme)?.has(x)).length, 0);
    const score = (ra: Alternative) => missing(ra) * 1000 - kept(ra);
    const closest = wider.reduce((x, y) => (score(y) < score(x) ? y : x));
    used.add(closest);
    for (const [scheme, scopes] of closest) {
      const had = alt.get(scheme);
      if (!had) {
        emit('api-security-scheme-added', { scheme, schemes: describeAlt(alt) }, `${describeAlt(alt)}:${scheme}`);
        continue;
      }
      const extra = [...scopes].filter((s) => !had.has(s));
      if (extra.length)
        emit(global ? 'api-global-security-scope-added' : 'api-security-scope-added', { scopes: scopesWord(extra), scheme }, `${scheme}:${extra.join(',')}`);
    }
  }
  for (const ra of rs) {
    if (used.has(ra) || bs.some((alt) => sameAlt(alt, ra))) continue;
    emit('api-security-alternative-added', { schemes: describeAlt(ra) }, describeAlt(ra));
  }
}

/** OAuth flows of a scheme: 3.x `flows`, 2.0 one `flow` with its URLs and scopes on the scheme itself. */
function flowsOf(scheme: JMap, is2: boolean): Map<string, JMap> {
  const out = new Map<string, JMap>();
  if (is2) {
    const flow = stringOf(scheme, 'flow');
    if (flow) out.set(flow, scheme);
    return out;
  }
  for (const [name, node] of childMap(scheme, 'flows')?.entries ?? []) if (isMap(node)) out.set(name, node);
  return out;
}

/** The rule for a changed keyword of a scheme. */
const SCHEME_KEYWORDS: [string, RuleId][] = [
  ['in', 'api-security-component-in-changed'],
  ['name', 'api-security-component-name-changed'],
  ['scheme', 'api-security-component-scheme-changed'],
  ['bearerFormat', 'api-security-component-bearer-format-changed'],
  ['openIdConnectUrl', 'api-security-component-open-id-connect-url-changed'],
];

const FLOW_URLS: [string, RuleId][] = [
  ['authorizationUrl', 'api-security-component-oauth-url-changed'],
  ['tokenUrl', 'api-security-component-oauth-token-url-changed'],
  ['refreshUrl', 'api-security-component-oauth-url-changed'],
];

/** Compares the definitions of the security schemes (document-level changes, listed once). */
export function compareSecuritySchemes(ctx: DiffContext, base: Map<string, JMap>, revision: Map<string, JMap>, rename: Map<string, string>): void {
  const is2 = ctx.base.version === '2.0' && ctx.revision.version === '2.0';
  const renamedTo = new Set(rename.values());
  const container = (model: SpecModel) =>
    (model.version === '2.0' ? childMap(model.root, 'securityDefinitions') : childMap(childMap(model.root, 'components'), 'securitySchemes')) ?? model.root;
  for (const [name, b] of base) {
    const r = revision.get(name);
    if (!r) {
      if (!rename.has(name)) ctx.emit({ rule: 'api-security-component-removed', params: { name }, base: b, revision: container(ctx.revision), detail: name });
      continue;
    }
    const emit = (rule: RuleId, params: MessageParams, bNode: JNode | undefined, rNode: JNode | undefined, detail: string) =>
      ctx.emit({ rule, params: { name, ...params }, base: bNode ?? b, revision: rNode ?? r, detail: `${name}:${detail}` });
    const bType = stringOf(b, 'type');
    const rType = stringOf(r, 'type');
    if (bType !== rType) {
      emit('api-security-component-type-changed', { from: bType ?? '(none)', to: rType ?? '(none)' }, child(b, 'type'), child(r, 'type'), 'type');
      continue;
    }
    for (const [keyword, rule] of SCHEME_KEYWORDS) {
      const bv = stringOf(b, keyword);
      const rv = stringOf(r, keyword);
      if (bv !== rv && !(keyword === 'scheme' && bv?.toLowerCase() === rv?.toLowerCase())) {
        emit(rule, { from: bv ?? '(none)', to: rv ?? '(none)' }, child(b, keyword), child(r, keyword), keyword);
      }
    }
    const bFlows = flowsOf(b, is2);
    const rFlows = flowsOf(r, is2);
    for (const [flow, bf] of bFlows) {
      const rf = rFlows.get(flow);
      if (!rf) {
        emit('api-security-component-oauth-flow-removed', { keyword: flow }, bf, childMap(r, 'flows'), flow);
        continue;
      }
      for (const [keyword, rule] of FLOW_URLS) {
        const bv = stringOf(bf, keyword);
        const rv = stringOf(rf, keyword);
        if (bv !== rv)
          emit(
            rule,
            { keyword: `${keyword} of the ${flow} flow`, from: bv ?? '(none)', to: rv ?? '(none)' },
            child(bf, keyword),
            child(rf, keyword),
            `${flow}:${keyword}`,
          );
      }
      const bScopes = childMap(bf, 'scopes');
      const rScopes = childMap(rf, 'scopes');
      for (const [scope, bDesc] of bScopes?.entries ?? []) {
        const rDesc = rScopes?.entries.get(scope);
        if (!rDesc) emit('api-security-component-oauth-scope-removed', { keyword: `scope ${scope} of the ${flow} flow` }, bDesc, rScopes, `${flow}:${scope}`);
        else if (valueKey(bDesc) !== valueKey(rDesc))
          emit('api-security-component-oauth-scope-changed', { keyword: `scope ${scope} of the ${flow} flow` }, bDesc, rDesc, `${flow}:${scope}`);
      }
      for (const [scope, rDesc] of rScopes?.entries ?? []) {
        if (!bScopes?.entries.has(scope))
          emit('api-security-component-oauth-scope-added', { keyword: `scope ${scope} of the ${flow} flow` }, bScopes, rDesc, `${flow}:${scope}`);
      }
    }
    for (const [flow, rf] of rFlows) {
      if (!bFlows.has(flow)) emit('api-security-component-oauth-flow-added', { keyword: flow }, childMap(b, 'flows'), rf, flow);
    }
  }
  for (const [name, r] of revision) {
    if (!base.has(name) && !renamedTo.has(name)) ctx.emit({ rule: 'api-security-component-added', params: { name }, revision: r, detail: name });
  }
}
