// Walks two models endpoint by endpoint: paths, operations, parameters, bodies,
// responses, headers and security. Schemas are handed to SchemaDiff.
import { child, childMap, isMap, isScalar, isSeq, scalarOf, stringOf, type JMap, type JNode, type JSeq } from '../parse/tree';
import type { MediaModel, OperationModel, ParameterModel, SpecModel } from '../model/model';
import { DiffContext } from './context';
import { SchemaDiff, type DataDirection } from './schemaDiff';

/**
 * `compareOperation`, when given, says which matched operations to compare (the
 * incremental diff skips those whose changes it already knows); paths and
 * operations added or removed are always looked at.
 */
export function diffModels(base: SpecModel, revision: SpecModel, compareOperation?: (key: string) => boolean): DiffContext {
  const ctx = new DiffContext(base, revision);
  new SpecDiff(ctx, compareOperation).run();
  return ctx;
}

class SpecDiff {
  private readonly schemas: SchemaDiff;

  constructor(
    private readonly ctx: DiffContext,
    private readonly compareOperation: (key: string) => boolean = () => true,
  ) {
    this.schemas = new SchemaDiff(ctx);
  }

  run(): void {
    const { base, revision } = this.ctx;
    const revPaths = childMap(revision.root, 'paths') ?? revision.root;
    const revWebhooks = childMap(revision.root, 'webhooks') ?? revision.root;
    for (const [key, bPath] of base.paths) {
      const rPath = revision.paths.get(key);
      if (rPath) continue;
      const ops = [...base.operations.values()].filter((o) => (o.isWebhook ? `WEBHOOK ${o.path}` : `${o.method} ${key}`.slice(o.method.length + 1)) === key);
      const deprecated = ops.length > 0 && ops.every((o) => o.deprecated);
      const isWebhook = key.startsWith('WEBHOOK ');
      this.ctx.emit({
        rule: isWebhook ? 'api-webhook-removed' : deprecated ? 'api-path-removed-with-deprecation' : 'api-path-removed',
        message: isWebhook
          ? `webhook "${bPath.path}" was removed: subscribers relying on it stop receiving events`
          : `path ${bPath.path} was removed${ops.length ? ` with its operations ${ops.map((o) => o.method).join(', ')}` : ''}: clients calling it will get errors`,
        base: bPath.node.parent && isMap(bPath.node.parent) ? bPath.node : bPath.node,
        revision: isWebhook ? revWebhooks : revPaths,
        detail: bPath.path,
        fix: { kind: 'removed-node', key: bPath.path },
        deprecatedInBase: deprecated,
        operation: ops[0],
      });
    }
    for (const [key, rPath] of revision.paths) {
      if (base.paths.has(key)) continue;
      this.ctx.emit({ rule: 'api-path-added', message: `path ${rPath.path} was added`, revision: rPath.node, detail: rPath.path });
    }
    for (const [key, bOp] of base.operations) {
      const rOp = revision.operations.get(key);
      if (rOp) {
        if (!this.compareOperation(key)) continue;
        this.ctx.comparingOperation = true;
        this.operation(bOp, rOp);
        this.ctx.comparingOperation = false;
        continue;
      }
      const rPathModel = revision.paths.get(bOp.isWebhook ? `WEBHOOK ${bOp.path}` : key.slice(bOp.method.length + 1));
      if (!rPathModel) continue; // reported with the whole path
      this.ctx.emit({
        rule: bOp.deprecated ? 'api-removed-with-deprecation' : 'api-removed',
        message: `operation ${bOp.label} was removed${bOp.deprecated ? ' (it was deprecated)' : ': clients calling it will get errors'}`,
        // Where it was written in the path item (a `$ref` to another file stays a `$ref`, so restoring it is exact).
        base: child(bOp.pathItem, bOp.method.toLowerCase()) ?? bOp.node,
        revision: rPathModel.node,
        detail: bOp.method,
        fix: { kind: 'removed-node', key: bOp.method.toLowerCase() },
        operation: bOp,
        deprecatedInBase: bOp.deprecated,
      });
    }
    for (const [key, rOp] of revision.operations) {
      if (base.operations.has(key)) continue;
      const pathKey = rOp.isWebhook ? `WEBHOOK ${rOp.path}` : key.slice(rOp.method.length + 1);
      if (!base.paths.has(pathKey)) continue; // covered by api-path-added
      this.ctx.emit({ rule: 'api-added', message: `operation ${rOp.label} was added`, revision: rOp.node, operation: rOp });
    }
  }

  private operation(b: OperationModel, r: OperationModel): void {
    if (!b.deprecated && r.deprecated) this.ctx.emit({ rule: 'api-deprecated', message: `operation ${r.label} was deprecated`, base: b.node, revision: child(r.node, 'deprecated'), operation: r });
    if (b.deprecated && !r.deprecated) this.ctx.emit({ rule: 'api-reactivated', message: `operation ${r.label} is no longer deprecated`, base: child(b.node, 'deprecated'), revision: r.node, operation: r });
    const bId = stringOf(b.node, 'operationId');
    const rId = stringOf(r.node, 'operationId');
    if (bId && rId && bId !== rId) this.ctx.emit({ rule: 'api-operation-id-changed', message: `operationId of ${r.label} changed from "${bId}" to "${rId}"; generated client method names change`, base: child(b.node, 'operationId'), revision: child(r.node, 'operationId'), operation: r });
    this.parameters(b, r);
    this.requestBody(b, r);
    this.responses(b, r);
    this.security(b, r);
  }

  /** Request data flows to the server, except for webhooks, where the API is the sender. */
  private requestDir(op: OperationModel): DataDirection {
    return op.isWebhook ? 'response' : 'request';
  }

  private responseDir(op: OperationModel): DataDirection {
    return op.isWebhook ? 'request' : 'response';
  }

  private parameters(b: OperationModel, r: OperationModel): void {
    const bParams = keyPathParamsByPosition(b);
    const rParams = keyPathParamsByPosition(r);
    const anchor = r.parametersNode ?? r.node;
    for (const [id, bp] of bParams) {
      const rp = rParams.get(id);
      if (!rp) {
        this.ctx.emit({
          rule: bp.deprecated ? 'request-parameter-removed-with-deprecation' : 'request-parameter-removed',
          message: `${bp.in} parameter "${bp.name}" was removed from ${r.label}${bp.deprecated ? ' (it was deprecated)' : ': clients that send it may be rejected or have it ignored'}`,
          base: bp.site,
          revision: anchor,
          detail: id,
          fix: { kind: 'removed-array-item' },
          operation: r,
          deprecatedInBase: bp.deprecated,
        });
        continue;
      }
      if (!bp.required && rp.required) {
        this.ctx.emit({
          rule: 'request-parameter-became-required',
          message: `${rp.in} parameter "${rp.name}" of ${r.label} became required: clients that omit it will be rejected`,
          base: bp.site,
          revision: child(rp.node, 'required') ?? rp.site,
          detail: id,
          fix: { kind: 'became-required' },
          operation: r,
        });
      } else if (bp.required && !rp.required) {
        this.ctx.emit({ rule: 'request-parameter-became-optional', message: `${rp.in} parameter "${rp.name}" of ${r.label} became optional`, base: bp.site, revision: rp.site, detail: id, operation: r });
      }
      if (!bp.deprecated && rp.deprecated) this.ctx.emit({ rule: 'request-parameter-deprecated', message: `${rp.in} parameter "${rp.name}" of ${r.label} was deprecated`, base: bp.site, revision: child(rp.node, 'deprecated'), detail: id, operation: r });
      const bStyle = styleOf(bp);
      const rStyle = styleOf(rp);
      if (bStyle !== rStyle) {
        this.ctx.emit({ rule: 'request-parameter-style-changed', message: `${rp.in} parameter "${rp.name}" of ${r.label} changed serialisation from ${bStyle} to ${rStyle}: clients encode it the old way`, base: child(bp.node, 'style') ?? bp.site, revision: child(rp.node, 'style') ?? rp.site, detail: id, operation: r });
      }
      this.schemas.compare(bp.schema, rp.schema, this.requestDir(r), rp.in === 'header' ? 'header-parameter' : 'parameter', undefined, r);
    }
    for (const [id, rp] of rParams) {
      if (bParams.has(id)) continue;
      this.ctx.emit({
        rule: rp.required ? 'new-required-request-parameter' : 'new-optional-request-parameter',
        message: rp.required
          ? `required ${rp.in} parameter "${rp.name}" was added to ${r.label}: existing clients do not send it and will be rejected`
          : `optional ${rp.in} parameter "${rp.name}" was added to ${r.label}`,
        base: b.parametersNode ?? b.node,
        revision: child(rp.node, 'required') ?? rp.site,
        detail: id,
        fix: rp.required ? { kind: 'new-required' } : undefined,
        operation: r,
      });
    }
  }

  private requestBody(b: OperationModel, r: OperationModel): void {
    const bb = b.requestBody;
    const rb = r.requestBody;
    const dir = this.requestDir(r);
    if (!bb && !rb) return;
    if (bb && !rb) {
      this.ctx.emit({ rule: 'request-body-removed', message: `the request body of ${r.label} was removed: clients that send one may be rejected`, base: bb.node, revision: r.node, fix: { kind: 'removed-node', key: 'requestBody' }, operation: r });
      return;
    }
    if (!bb && rb) {
      this.ctx.emit({ rule: rb.required ? 'request-body-added-required' : 'request-body-added-optional', message: `a ${rb.required ? 'required' : 'optional'} request body was added to ${r.label}`, base: b.node, revision: rb.node, operation: r });
      return;
    }
    if (!bb!.required && rb!.required) this.ctx.emit({ rule: 'request-body-became-required', message: `the request body of ${r.label} became required: clients that send none will be rejected`, base: bb!.node, revision: child(rb!.node, 'required') ?? rb!.node, fix: { kind: 'became-required' }, operation: r });
    if (bb!.required && !rb!.required) this.ctx.emit({ rule: 'request-body-became-optional', message: `the request body of ${r.label} became optional`, base: bb!.node, revision: rb!.node, operation: r });
    this.content(bb!.content, rb!.content, dir, r, 'request-body-media-type-removed', 'request-body-media-type-added', childMap(rb!.node, 'content') ?? rb!.node, 'request body');
  }

  private content(bc: Map<string, MediaModel>, rc: Map<string, MediaModel>, dir: DataDirection, op: OperationModel, removedRule: string, addedRule: string, anchor: JNode, what: string): void {
    for (const [mt, bm] of bc) {
      const rm = rc.get(mt) ?? (rc.size === 1 && bc.size === 1 && isJsonLike(mt) && isJsonLike([...rc.keys()][0]) ? [...rc.values()][0] : undefined);
      if (!rm) {
        this.ctx.emit({ rule: removedRule, message: `media type ${bm.mediaType} was removed from the ${what} of ${op.label}: clients using it break`, base: bm.node, revision: anchor, detail: mt, fix: { kind: 'removed-node', key: bm.mediaType }, operation: op });
        continue;
      }
      this.schemas.compare(bm.schema, rm.schema, dir, 'body', undefined, op);
    }
    for (const [mt, rm] of rc) {
      if (bc.has(mt)) continue;
      if (bc.size === 1 && rc.size === 1) continue; // treated as a rename above
      this.ctx.emit({ rule: addedRule, message: `media type ${rm.mediaType} was added to the ${what} of ${op.label}`, revision: rm.node, detail: mt, operation: op });
    }
  }

  private responses(b: OperationModel, r: OperationModel): void {
    const dir = this.responseDir(r);
    const anchor = r.responsesNode ?? r.node;
    for (const [status, br] of b.responses) {
      // A specific code now covered by a range ("200" -> "2XX") is the same response to a client.
      const rr = r.responses.get(status) ?? r.responses.get(`${status[0]}XX`);
      if (!rr) {
        const success = /^2/.test(status);
        this.ctx.emit({
          rule: success ? 'response-success-status-removed' : 'response-non-success-status-removed',
          message: `response ${status} was removed from ${r.label}${success ? ': clients that expect it will treat the new response as unexpected' : ''}`,
          base: br.site.parent && isMap(br.site.parent) ? br.site : br.node,
          revision: anchor,
          detail: status,
          fix: { kind: 'removed-node', key: br.status },
          operation: r,
        });
        continue;
      }
      for (const [name, bh] of br.headers) {
        const rh = rr.headers.get(name);
        if (!rh) {
          this.ctx.emit({
            rule: bh.required ? 'required-response-header-removed' : 'response-header-removed',
            message: `response header "${bh.name}" was removed from the ${status} response of ${r.label}: clients that read it will no longer get it`,
            base: bh.site,
            revision: childMap(rr.node, 'headers') ?? rr.node,
            detail: `${status}:${name}`,
            fix: { kind: 'removed-node', key: bh.name },
            operation: r,
          });
          continue;
        }
        if (bh.required && !rh.required) this.ctx.emit({ rule: 'response-header-became-optional', message: `response header "${rh.name}" of the ${status} response of ${r.label} became optional`, base: bh.site, revision: rh.site, detail: `${status}:${name}`, operation: r });
        this.schemas.compare(bh.schema, rh.schema, dir, 'header', undefined, r);
      }
      if (br.content.size > 0 && rr.content.size === 0) {
        this.ctx.emit({ rule: 'response-body-removed', message: `the ${status} response of ${r.label} no longer has a body`, base: childMap(br.node, 'content') ?? child(br.node, 'schema') ?? br.node, revision: rr.node, detail: status, operation: r });
        continue;
      }
      this.content(br.content, rr.content, dir, r, 'response-media-type-removed', 'response-media-type-added', childMap(rr.node, 'content') ?? rr.node, `${status} response`);
    }
    for (const [status, rr] of r.responses) {
      if (b.responses.has(status) || [...b.responses.keys()].some((s) => status === `${s[0]}XX`)) continue;
      const success = /^2/.test(status);
      this.ctx.emit({ rule: success ? 'response-success-status-added' : 'response-non-success-status-added', message: `response ${status} was added to ${r.label}`, revision: rr.site, detail: status, operation: r });
    }
  }

  private security(b: OperationModel, r: OperationModel): void {
    const bs = securityAlternatives(b.security);
    const rs = securityAlternatives(r.security);
    const anchorR = child(r.node, 'security') ?? child(this.ctx.revision.root, 'security') ?? r.node;
    const anchorB = child(b.node, 'security') ?? child(this.ctx.base.root, 'security') ?? b.node;
    const bOpen = bs.length === 0 || bs.some((a) => a.size === 0);
    const rOpen = rs.length === 0 || rs.some((a) => a.size === 0);
    if (bOpen && !rOpen) {
      this.ctx.emit({ rule: 'api-security-added', message: `${r.label} now requires authentication (${rs.map(describeAlt).join(' or ')}): anonymous clients will be rejected`, base: anchorB, revision: anchorR, operation: r });
      return;
    }
    if (!bOpen && rOpen) {
      this.ctx.emit({ rule: 'api-security-removed', message: `${r.label} no longer requires authentication`, base: anchorB, revision: anchorR, operation: r });
      return;
    }
    if (bOpen && rOpen) return;
    // Every way a client could authenticate before must still work: some alternative with the same
    // schemes must ask for no scope the old one did not (several alternatives may share a scheme).
    for (const alt of bs) {
      const sameSchemes = rs.filter((ra) => ra.size === alt.size && [...alt.keys()].every((k) => ra.has(k)));
      if (sameSchemes.length === 0) {
        this.ctx.emit({ rule: 'api-security-scheme-changed', message: `${r.label} no longer accepts authentication by ${describeAlt(alt)}`, base: anchorB, revision: anchorR, detail: describeAlt(alt), operation: r });
        continue;
      }
      // The closest alternative: fewest scopes added, then most scopes kept (that is the one it became).
      const score = (ra: Alternative) => {
        let added = 0;
        let kept = 0;
        for (const [scheme, scopes] of ra) {
          for (const s of scopes) {
            if (alt.get(scheme)!.has(s)) kept++;
            else added++;
          }
        }
        return added * 1000 - kept;
      };
      const closest = sameSchemes.reduce((a, b) => (score(b) < score(a) ? b : a));
      for (const [scheme, scopes] of closest) {
        const extra = [...scopes].filter((s) => !alt.get(scheme)!.has(s));
        if (extra.length) this.ctx.emit({ rule: 'api-security-scope-added', message: `${r.label} now needs scope${extra.length > 1 ? 's' : ''} ${extra.join(', ')} for ${scheme}: tokens without it will be rejected`, base: anchorB, revision: anchorR, detail: `${scheme}:${extra.join(',')}`, operation: r });
      }
    }
  }
}

/** Path parameters are matched by their position in the template, so renaming {id} to {petId} is not a removal. */
function keyPathParamsByPosition(op: OperationModel): Map<string, ParameterModel> {
  const names = [...op.path.matchAll(/\{([^}/]*)\}/g)].map((m) => m[1]);
  const out = new Map<string, ParameterModel>();
  for (const [id, p] of op.parameters) {
    if (p.in === 'path') {
      const pos = names.indexOf(p.name);
      out.set(pos >= 0 ? `path:#${pos}` : id, p);
    } else out.set(id, p);
  }
  return out;
}

function styleOf(p: ParameterModel): string {
  const style = stringOf(p.node, 'style') ?? stringOf(p.node, 'collectionFormat') ?? defaultStyle(p.in);
  const explodeRaw = scalarOf(p.node, 'explode');
  const explode = explodeRaw === undefined ? style === 'form' : explodeRaw === true;
  return `${style}${explode ? ' (exploded)' : ''}`;
}

function defaultStyle(loc: string): string {
  return loc === 'query' || loc === 'cookie' ? 'form' : 'simple';
}

function isJsonLike(mt: string): boolean {
  return /(^application\/json|\+json)(;|$)/i.test(mt) || mt === '*/*';
}

type Alternative = Map<string, Set<string>>;

function securityAlternatives(seq: JSeq | undefined): Alternative[] {
  if (!seq || !isSeq(seq)) return [];
  return seq.items.filter(isMap).map((m: JMap) => {
    const alt: Alternative = new Map();
    for (const [scheme, scopes] of m.entries) alt.set(scheme, new Set(isSeq(scopes) ? scopes.items.filter(isScalar).map((s) => String(s.value)) : []));
    return alt;
  });
}

function describeAlt(alt: Alternative): string {
  return alt.size === 0 ? 'no authentication' : [...alt.keys()].join(' + ');
}
