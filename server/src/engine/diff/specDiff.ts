// Walks two models endpoint by endpoint: paths, operations, parameters, bodies,
// responses, headers and security. Schemas are handed to SchemaDiff.
import { boolOf, child, childMap, childSeq, isMap, isScalar, stringOf, type JMap, type JNode } from '../parse/tree';
import type { CallbackSite, MediaModel, OperationModel, ParameterModel, PathModel, SpecModel } from '../model/model';
import type { MessageParams, RuleId } from '../rules/registry';
import { DiffContext, type DiffSettings, type RawChange } from './context';
import { stabilityChange, sunsetNode, sunsetOf, sunsetText } from './lifecycle';
import { SchemaDiff, type DataDirection } from './schemaDiff';
import { isJsonLike, keepsValueTypes, mediaTypeRelation } from './mediaTypes';
import { isClosed } from './schemaFacts';
import { encodingChanges } from './partEncoding';
import { serialisationOf, serialisations, type WrittenValue } from './serialisation';
import { compareOperationSecurity, compareSecuritySchemes, renamedSchemes, securitySchemes } from './securityDiff';

/**
 * `compareOperation`, when given, says which matched operations to compare (the
 * incremental diff skips those whose changes it already knows); paths and
 * operations added or removed are always looked at.
 */
export function diffModels(base: SpecModel, revision: SpecModel, compareOperation?: (key: string) => boolean, settings?: DiffSettings): DiffContext {
  const ctx = new DiffContext(base, revision, settings);
  new SpecDiff(ctx, compareOperation).run();
  return ctx;
}

class SpecDiff {
  private readonly schemas: SchemaDiff;
  /** Security schemes renamed without other change: the same scheme to clients. */
  private renamedSchemes = new Map<string, string>();

  constructor(
    private readonly ctx: DiffContext,
    private readonly compareOperation: (key: string) => boolean = () => true,
  ) {
    this.schemas = new SchemaDiff(ctx);
  }

  run(): void {
    const { base, revision } = this.ctx;
    const bSchemes = securitySchemes(base);
    const rSchemes = securitySchemes(revision);
    this.renamedSchemes = renamedSchemes(bSchemes, rSchemes);
    compareSecuritySchemes(this.ctx, bSchemes, rSchemes, this.renamedSchemes);
    this.componentSchemas();
    const revPaths = childMap(revision.root, 'paths') ?? revision.root;
    const revWebhooks = childMap(revision.root, 'webhooks') ?? revision.root;
    for (const [key, bPath] of base.paths) {
      const rPath = revision.paths.get(key);
      if (rPath) continue;
      // The operations of this path item only (by identity: other paths share methods, and keys erase parameter names).
      const ops = [...base.operations.values()].filter((o) => o.pathItem === bPath.node && o.pathKey === key);
      if (bPath.callback) {
        this.callbackRemoved(bPath, bPath.callback, ops);
        continue;
      }
      const deprecated = ops.length > 0 && ops.every((o) => o.deprecated);
      const isWebhook = bPath.kind === 'webhook';
      const operations = withItsOperations(ops.map((o) => o.method));
      this.ctx.emit({
        rule: isWebhook ? 'webhook-removed' : 'api-path-removed-without-deprecation',
        params: { path: bPath.path, operations },
        base: bPath.node,
        revision: isWebhook ? revWebhooks : revPaths,
        detail: bPath.path,
        fixKey: bPath.path,
        deprecatedInBase: deprecated,
        operation: ops[0],
        operations: ops,
      });
    }
    for (const [key, rPath] of revision.paths) {
      if (base.paths.has(key)) continue;
      if (rPath.callback) {
        // A callback of an operation that is new itself comes with it.
        const parent = base.operations.get(rPath.callback.operation);
        if (parent) this.ctx.emit({ rule: 'callback-added', params: { path: rPath.path, operation: parent.label }, revision: rPath.node, detail: key });
        continue;
      }
      const rule = rPath.kind === 'webhook' ? 'webhook-added' : 'api-path-added';
      this.ctx.emit({ rule, params: { path: rPath.path }, revision: rPath.node, detail: rPath.path });
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
      const rPathModel = revision.paths.get(bOp.pathKey);
      if (!rPathModel) continue; // reported with the whole path
      // Based where it was written in the path item (a `$ref` to another file stays a `$ref`, so restoring it is exact).
      const written = child(bOp.pathItem, bOp.method.toLowerCase()) ?? bOp.node;
      this.emit('api-removed-without-deprecation', bOp, {}, written, rPathModel.node, {
        detail: bOp.method,
        fixKey: bOp.method.toLowerCase(),
        deprecatedInBase: bOp.deprecated,
      });
    }
    for (const [key, rOp] of revision.operations) {
      if (base.operations.has(key)) continue;
      if (!base.paths.has(rOp.pathKey)) continue; // covered by api-path-added
      this.emit('endpoint-added', rOp, {}, undefined, rOp.node);
    }
  }

  /**
   * A callback gone from an operation that is still there (one removed with its operation is part
   * of that removal). Subscribers stop receiving its calls. It points at the callback (or, when the
   * whole `callbacks` of the operation is gone, at the operation) so it can be put back.
   */
  private callbackRemoved(bPath: PathModel, site: CallbackSite, ops: OperationModel[]): void {
    const { base, revision } = this.ctx;
    const rParent = revision.operations.get(site.operation);
    const bParent = base.operations.get(site.operation);
    if (!rParent || !bParent) return;
    const bCallback = base.refs.deref(childMap(bParent.node, 'callbacks')?.entries.get(site.name));
    const rCallbacks = childMap(rParent.node, 'callbacks');
    const rCallback = revision.refs.deref(rCallbacks?.entries.get(site.name));
    const written = (isMap(bCallback) ? bCallback.entries.get(site.expression) : undefined) ?? bPath.node;
    this.ctx.emit({
      rule: 'callback-removed',
      params: { path: bPath.path, operation: bParent.label },
      base: written,
      revision: isMap(rCallback) ? rCallback : (rCallbacks ?? rParent.node),
      detail: bPath.key,
      fixKey: site.expression,
      // Two levels to re-create (`callbacks:` and its name) is beyond what a restore can place.
      noFix: !rCallbacks,
      deprecatedInBase: ops.length > 0 && ops.every((o) => o.deprecated),
      operation: ops[0],
      operations: ops,
    });
  }

  /**
   * Component schemas removed by name (SDKs generated from the spec lose the type). A change inside one
   * is reported where operations use it; the removal itself is a fact about the components alone.
   */
  private componentSchemas(): void {
    const { base, revision } = this.ctx;
    const where = base.version === '2.0' ? 'definitions' : 'components.schemas';
    const schemasOf = (m: SpecModel) => (m.version === '2.0' ? childMap(m.root, 'definitions') : childMap(childMap(m.root, 'components'), 'schemas'));
    const bSchemas = schemasOf(base);
    if (!bSchemas) return;
    const rSchemas = schemasOf(revision);
    for (const [name, node] of bSchemas.entries) {
      if (rSchemas?.entries.has(name)) continue;
      this.ctx.emit({ rule: 'api-schema-removed', params: { name, where }, base: node, revision: rSchemas ?? revision.root, detail: name });
    }
  }

  /** A change of one operation; `{operation}` in the message is its label. */
  private emit(
    rule: RuleId,
    op: OperationModel,
    params: MessageParams,
    base: JNode | undefined,
    revision: JNode | undefined,
    more: Partial<RawChange> = {},
  ): void {
    const circumstance = op.apiSends ? 'webhook' : undefined;
    this.ctx.emit({ rule, params: { operation: op.label, ...params }, base, revision, operation: op, circumstance, ...more });
  }

  /**
   * The sunset of an element deprecated on both sides: deleted, made unreadable, or moved earlier
   * (policies.ts decides whether earlier is too early for the grace period).
   */
  private sunsetChange(
    b: JMap,
    r: JMap,
    [deleted, unreadable, earlier]: [RuleId, RuleId, RuleId],
    op: OperationModel,
    params: MessageParams,
    detail?: string,
  ): void {
    const keys = this.ctx.settings.sunsetKeys;
    const from = sunsetOf(b, keys);
    const to = sunsetOf(r, keys);
    if (!from || from === 'invalid' || from === to) return;
    if (to === undefined) this.emit(deleted, op, { ...params, from }, sunsetNode(b, keys), r, { detail });
    else if (to === 'invalid') this.emit(unreadable, op, { ...params, from, to: sunsetText(r, keys) }, sunsetNode(b, keys), sunsetNode(r, keys), { detail });
    else if (to < from) this.emit(earlier, op, { ...params, from, to }, sunsetNode(b, keys), sunsetNode(r, keys), { detail });
  }

  private operation(b: OperationModel, r: OperationModel): void {
    const keys = this.ctx.settings.sunsetKeys;
    if (!b.deprecated && r.deprecated) {
      const sunset = sunsetOf(r.node, keys);
      const rule = sunset && sunset !== 'invalid' ? 'endpoint-deprecated-with-sunset' : 'endpoint-deprecated';
      this.emit(rule, r, { to: sunset ?? '' }, b.node, child(r.node, 'deprecated'));
    }
    if (b.deprecated && !r.deprecated) this.emit('endpoint-reactivated', r, {}, child(b.node, 'deprecated'), r.node);
    if (b.deprecated && r.deprecated)
      this.sunsetChange(b.node, r.node, ['sunset-deleted', 'api-deprecated-sunset-parse', 'api-sunset-date-changed-too-small'], r, {});
    const stability = stabilityChange(b.node, r.node, this.ctx.settings.stabilityKey);
    if (stability) {
      const key = this.ctx.settings.stabilityKey;
      const rule =
        stability.change === 'invalid'
          ? 'api-invalid-stability-level'
          : stability.change === 'decreased'
            ? 'api-stability-decreased'
            : 'api-stability-increased';
      this.emit(rule, r, { from: stability.from, to: stability.to, value: stability.to }, child(b.node, key) ?? b.node, child(r.node, key) ?? r.node);
    }
    const from = stringOf(b.node, 'operationId');
    const to = stringOf(r.node, 'operationId');
    if (from && to && from !== to) this.emit('api-operation-id-changed', r, { from, to }, child(b.node, 'operationId'), child(r.node, 'operationId'));
    else if (to && !from) this.emit('api-operation-id-added', r, { to }, b.node, child(r.node, 'operationId'));
    else if (from && !to) this.emit('api-operation-id-removed', r, { from }, child(b.node, 'operationId'), r.node);
    this.tags(b, r);
    this.parameters(b, r);
    this.requestBody(b, r);
    this.responses(b, r);
    compareOperationSecurity(this.ctx, b, r, this.renamedSchemes);
  }

  /** Tags group operations in docs and generated clients: news, not breaks. */
  private tags(b: OperationModel, r: OperationModel): void {
    const tagsOf = (op: OperationModel) => new Map((childSeq(op.node, 'tags')?.items ?? []).filter(isScalar).map((n) => [String(n.value), n] as const));
    const bt = tagsOf(b);
    const rt = tagsOf(r);
    for (const [tag, node] of bt) if (!rt.has(tag)) this.emit('api-tag-removed', r, { value: tag }, node, childSeq(r.node, 'tags') ?? r.node, { detail: tag });
    for (const [tag, node] of rt) if (!bt.has(tag)) this.emit('api-tag-added', r, { value: tag }, childSeq(b.node, 'tags') ?? b.node, node, { detail: tag });
  }

  /** A parameter or header of one version, as serialisation.ts reads it. */
  private written(model: SpecModel, value: { node: JMap; schema?: JNode }): WrittenValue {
    return { node: value.node, schema: value.schema, refs: model.refs, swagger2: model.version === '2.0' };
  }

  /** Request data flows to the server, except for webhooks and callbacks, where the API is the sender. */
  private requestDir(op: OperationModel): DataDirection {
    return op.apiSends ? 'response' : 'request';
  }

  private responseDir(op: OperationModel): DataDirection {
    return op.apiSends ? 'request' : 'response';
  }

  private parameters(b: OperationModel, r: OperationModel): void {
    const bParams = keyPathParamsByPosition(b);
    const rParams = keyPathParamsByPosition(r);
    const anchor = r.parametersNode ?? r.node;
    for (const [id, bp] of bParams) {
      const rp = rParams.get(id);
      if (!rp) {
        this.emit('request-parameter-removed', r, { in: bp.in, name: bp.name }, bp.site, anchor, { detail: id, deprecatedInBase: bp.deprecated });
        continue;
      }
      const named = { in: rp.in, name: rp.name };
      if (!bp.required && rp.required) this.emit('request-parameter-became-required', r, named, bp.site, child(rp.node, 'required') ?? rp.site, { detail: id });
      else if (bp.required && !rp.required) this.emit('request-parameter-became-optional', r, named, bp.site, rp.site, { detail: id });
      if (!bp.deprecated && rp.deprecated) this.emit('request-parameter-deprecated', r, named, bp.site, child(rp.node, 'deprecated'), { detail: id });
      if (bp.deprecated && !rp.deprecated)
        this.emit('request-parameter-reactivated', r, named, child(bp.node, 'deprecated') ?? bp.site, rp.site, { detail: id });
      if (bp.deprecated && rp.deprecated)
        this.sunsetChange(
          bp.node,
          rp.node,
          ['request-parameter-sunset-deleted', 'request-parameter-sunset-parse', 'request-parameter-sunset-date-changed-too-small'],
          r,
          named,
          id,
        );
      const [from, to] = serialisations(this.written(this.ctx.base, bp), this.written(this.ctx.revision, rp), rp.in);
      if (from !== to)
        this.emit(
          'request-parameter-style-changed',
          r,
          { ...named, from, to },
          child(bp.node, 'style') ?? child(bp.node, 'content') ?? bp.site,
          child(rp.node, 'style') ?? child(rp.node, 'content') ?? rp.site,
          { detail: id },
        );
      const emptyBefore = boolOf(bp.node, 'allowEmptyValue');
      const emptyNow = boolOf(rp.node, 'allowEmptyValue');
      if (emptyBefore !== emptyNow) {
        const rule = emptyBefore ? 'request-parameter-allow-empty-value-removed' : 'request-parameter-allow-empty-value-added';
        this.emit(rule, r, named, child(bp.node, 'allowEmptyValue') ?? bp.site, child(rp.node, 'allowEmptyValue') ?? rp.site, { detail: id });
      }
      this.schemas.compare(bp.schema, rp.schema, this.requestDir(r), rp.in === 'header' ? 'header-parameter' : 'parameter', undefined, {
        root: r,
        textual: true,
        oneValueIsList: serialisationOf(rp.node, rp.in, { swagger2: this.ctx.revision.version === '2.0', several: true }) === 'form (exploded)',
      });
    }
    const pathLevel = childSeq(r.pathItem, 'parameters');
    for (const [id, rp] of rParams) {
      if (bParams.has(id)) continue;
      const named = { in: rp.in, name: rp.name };
      if (rp.in === 'path') {
        this.emit('new-request-path-parameter', r, named, b.parametersNode ?? b.node, rp.site, { detail: id });
        continue;
      }
      // Declared on the path item: one change for all operations of the path (the same nodes, so one finding listing them).
      if (pathLevel && pathLevel.items.includes(rp.site)) {
        const rule = rp.required ? 'new-required-request-default-parameter-to-existing-path' : 'new-optional-request-default-parameter-to-existing-path';
        this.emit(rule, r, { ...named, path: r.path }, b.pathItem, rp.site, { detail: id });
        continue;
      }
      const rule = rp.required ? 'new-required-request-parameter' : 'new-optional-request-parameter';
      this.emit(rule, r, named, b.parametersNode ?? b.node, child(rp.node, 'required') ?? rp.site, { detail: id });
    }
  }

  private requestBody(b: OperationModel, r: OperationModel): void {
    const bb = b.requestBody;
    const rb = r.requestBody;
    const dir = this.requestDir(r);
    if (!bb && !rb) return;
    if (bb && !rb) {
      this.emit('request-body-removed', r, {}, bb.node, r.node, { fixKey: 'requestBody' });
      return;
    }
    if (!bb || !rb) {
      this.emit(rb!.required ? 'request-body-added-required' : 'request-body-added-optional', r, {}, b.node, rb!.node);
      return;
    }
    if (!bb.required && rb.required) this.emit('request-body-became-required', r, {}, bb.node, child(rb.node, 'required') ?? rb.node);
    if (bb.required && !rb.required) this.emit('request-body-became-optional', r, {}, bb.node, rb.node);
    this.content(bb.content, rb.content, dir, r, 'request', childMap(rb.node, 'content') ?? rb.node, {});
  }

  /** Media types of a request body or response; `params` names the response's status for the messages. */
  private content(
    bc: Map<string, MediaModel>,
    rc: Map<string, MediaModel>,
    dir: DataDirection,
    op: OperationModel,
    side: 'request' | 'response',
    anchor: JNode,
    params: MessageParams,
  ): void {
    const [removedRule, addedRule] =
      side === 'request'
        ? (['request-body-media-type-removed', 'request-body-media-type-added'] as const)
        : (['response-media-type-removed', 'response-media-type-added'] as const);
    const renamed = side === 'response' ? this.renamedResponseMediaTypes(bc, rc, op, params) : new Map<string, MediaModel>();
    const paired = new Set(renamed.values());
    for (const [mt, bm] of bc) {
      const rm =
        rc.get(mt) ?? renamed.get(mt) ?? (rc.size === 1 && bc.size === 1 && isJsonLike(mt) && isJsonLike([...rc.keys()][0]) ? [...rc.values()][0] : undefined);
      if (!rm) {
        this.emit(removedRule, op, { ...params, mediaType: bm.mediaType }, bm.node, anchor, { detail: mt, fixKey: bm.mediaType });
        continue;
      }
      if (!bm.schema !== !rm.schema) {
        // A media type that gained a schema (requests: input now constrained) or lost one (responses: shape no longer promised).
        const rule = rm.schema
          ? side === 'request'
            ? 'request-body-media-type-schema-added'
            : 'response-body-media-type-schema-added'
          : side === 'request'
            ? 'request-body-media-type-schema-removed'
            : 'response-body-media-type-schema-removed';
        this.emit(rule, op, { ...params, mediaType: rm.mediaType }, bm.schema ?? bm.node, rm.schema ?? rm.node, { detail: mt });
        continue;
      }
      this.partEncoding(bm, rm, op, side, params);
      const rSchema = side === 'request' ? this.ctx.revision.refs.deref(rm.schema) : undefined;
      this.schemas.compare(bm.schema, rm.schema, dir, 'body', undefined, {
        root: op,
        textual: !keepsValueTypes(mt) && !keepsValueTypes(rm.mediaType),
        closedBody: isMap(rSchema) && isClosed(rSchema, this.ctx.revision.refs),
      });
    }
    for (const [mt, rm] of rc) {
      if (bc.has(mt) || paired.has(rm)) continue;
      if (bc.size === 1 && rc.size === 1) continue; // treated as a rename above
      this.emit(addedRule, op, { ...params, mediaType: rm.mediaType }, undefined, rm.node, { detail: mt });
    }
  }

  /** The parts of a multipart or form body: the content types each may be sent as, and a form field's serialisation. */
  private partEncoding(bm: MediaModel, rm: MediaModel, op: OperationModel, side: 'request' | 'response', params: MessageParams): void {
    const b = { media: bm.node, schema: bm.schema, refs: this.ctx.base.refs };
    const r = { media: rm.node, schema: rm.schema, refs: this.ctx.revision.refs };
    const mediaType = rm.mediaType;
    // Only application/x-www-form-urlencoded reads a field's style and explode.
    const { types, styles } = encodingChanges(b, r, /^application\/x-www-form-urlencoded/i.test(mediaType));
    for (const c of types) {
      for (const value of c.lost)
        this.emit(`${side}-body-part-content-type-removed`, op, { ...params, mediaType, part: c.part, value }, c.base, c.revision, {
          detail: `${c.part}:${value}`,
        });
      for (const value of c.gained)
        this.emit(`${side}-body-part-content-type-added`, op, { ...params, mediaType, part: c.part, value }, c.base, c.revision, {
          detail: `${c.part}:${value}`,
        });
    }
    for (const c of styles)
      this.emit(`${side}-body-part-style-changed`, op, { ...params, mediaType, part: c.part, from: c.from, to: c.to }, c.base, c.revision, { detail: c.part });
  }

  /**
   * Response media types renamed to a related name (parameters changed, more general or more
   * specific): base key -> revision media type. Reported here; their schemas are compared as one.
   */
  private renamedResponseMediaTypes(
    bc: Map<string, MediaModel>,
    rc: Map<string, MediaModel>,
    op: OperationModel,
    params: MessageParams,
  ): Map<string, MediaModel> {
    const out = new Map<string, MediaModel>();
    const taken = new Set<MediaModel>();
    for (const [mt, bm] of bc) {
      if (rc.has(mt)) continue;
      for (const [rmt, rm] of rc) {
        if (bc.has(rmt) || taken.has(rm)) continue;
        const relation = mediaTypeRelation(bm.mediaType, rm.mediaType);
        if (relation === 'same' || relation === 'unrelated') continue;
        const rule =
          relation === 'generalized'
            ? 'response-media-type-name-generalized'
            : relation === 'specialized'
              ? 'response-media-type-name-specialized'
              : 'response-media-type-name-changed';
        this.emit(rule, op, { ...params, from: bm.mediaType, to: rm.mediaType }, bm.node, rm.node, { detail: mt });
        out.set(mt, rm);
        taken.add(rm);
        break;
      }
    }
    return out;
  }

  private responses(b: OperationModel, r: OperationModel): void {
    const dir = this.responseDir(r);
    const anchor = r.responsesNode ?? r.node;
    for (const [status, br] of b.responses) {
      // A specific code now covered by a range ("200" -> "2XX") is the same response to a client.
      const rr = r.responses.get(status) ?? r.responses.get(`${status[0]}XX`);
      if (!rr) {
        const rule = /^2/.test(status) ? 'response-success-status-removed' : 'response-non-success-status-removed';
        this.emit(rule, r, { status }, br.site.parent && isMap(br.site.parent) ? br.site : br.node, anchor, { detail: status, fixKey: br.status });
        continue;
      }
      for (const [name, bh] of br.headers) {
        const rh = rr.headers.get(name);
        const detail = `${status}:${name}`;
        if (!rh) {
          const rule = bh.required ? 'required-response-header-removed' : 'optional-response-header-removed';
          this.emit(rule, r, { status, name: bh.name }, bh.site, childMap(rr.node, 'headers') ?? rr.node, { detail, fixKey: bh.name });
          continue;
        }
        if (bh.required && !rh.required) this.emit('response-header-became-optional', r, { status, name: rh.name }, bh.site, rh.site, { detail });
        const [from, to] = serialisations(this.written(this.ctx.base, bh), this.written(this.ctx.revision, rh), 'header');
        if (from !== to)
          this.emit(
            'response-header-style-changed',
            r,
            { status, name: rh.name, from, to },
            child(bh.node, 'explode') ?? child(bh.node, 'content') ?? bh.site,
            child(rh.node, 'explode') ?? child(rh.node, 'content') ?? rh.site,
            { detail },
          );
        this.schemas.compare(bh.schema, rh.schema, dir, 'header', undefined, { root: r, textual: true });
      }
      for (const [name, rh] of rr.headers) {
        if (!br.headers.has(name)) this.emit('response-header-added', r, { status, name: rh.name }, undefined, rh.site, { detail: `${status}:${name}` });
      }
      if (br.content.size > 0 && rr.content.size === 0) {
        this.emit('response-body-removed', r, { status }, childMap(br.node, 'content') ?? child(br.node, 'schema') ?? br.node, rr.node, { detail: status });
        continue;
      }
      this.content(br.content, rr.content, dir, r, 'response', childMap(rr.node, 'content') ?? rr.node, { status });
    }
    for (const [status, rr] of r.responses) {
      if (b.responses.has(status) || [...b.responses.keys()].some((s) => status === `${s[0]}XX`)) continue;
      const rule = /^2/.test(status) ? 'response-success-status-added' : 'response-non-success-status-added';
      this.emit(rule, r, { status }, undefined, rr.site, { detail: status });
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

/** " with its operation GET", " with its operations GET and POST", " with its operations GET, PUT and DELETE" (nothing without any). */
function withItsOperations(methods: string[]): string {
  if (methods.length === 0) return '';
  const list = methods.length === 1 ? methods[0] : `${methods.slice(0, -1).join(', ')} and ${methods[methods.length - 1]}`;
  return ` with its operation${methods.length === 1 ? '' : 's'} ${list}`;
}
