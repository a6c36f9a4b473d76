// Builds the normalised model from a parsed spec. Lenient: anything malformed is
// skipped with a problem and the rest is still modelled.
import { child, childMap, childSeq, isMap, isScalar, isSeq, nextNodeId, stringOf, boolOf, type JMap, type JNode, type JScalar, type JSeq } from '../parse/tree';
import type { SpecDocument } from '../parse/loadSpec';
import type { TextProblem } from '../parse/parseText';
import { RefResolver, type ExternalLoader } from './refs';
import {
  HTTP_METHODS,
  type HeaderModel,
  type MediaModel,
  type OperationModel,
  type ParameterModel,
  type RequestBodyModel,
  type ResponseModel,
  type SpecModel,
} from './model';

/** `/pets/{petId}` and `/pets/{id}` are the same endpoint: parameter names are erased. */
export function normalisePath(path: string): string {
  return path.replace(/\{[^}/]*\}/g, '{}');
}

export function buildModel(doc: SpecDocument, external?: ExternalLoader): SpecModel {
  const refs = new RefResolver(doc.root, doc.file, doc.parsed.lines, external);
  const builder = new ModelBuilder(doc, refs);
  return builder.build();
}

class ModelBuilder {
  private readonly is2: boolean;
  /** Callback path items modelled so far: shared callback components nest, and each level multiplies them. */
  private callbackOperations = 0;

  constructor(
    private readonly doc: SpecDocument,
    private readonly refs: RefResolver,
  ) {
    this.is2 = doc.version === '2.0';
  }

  build(): SpecModel {
    const root = this.doc.root;
    const model: SpecModel = {
      doc: this.doc,
      version: this.doc.version,
      root,
      refs: this.refs,
      paths: new Map(),
      operations: new Map(),
      apiVersion: stringOf(childMap(root, 'info'), 'version') ?? numberish(child(childMap(root, 'info'), 'version')),
    };
    const paths = child(root, 'paths');
    if (paths && !isMap(paths)) this.problem(paths, '"paths" is not a mapping');
    if (isMap(paths)) {
      for (const [path, rawItem] of paths.entries) {
        if (path.startsWith('x-')) continue;
        const item = this.refs.deref(rawItem);
        if (!isMap(item)) {
          if (rawItem.kind !== 'scalar' || rawItem.value !== null) this.problem(rawItem, `path "${path}" is not a mapping`);
          continue;
        }
        const key = normalisePath(path);
        if (model.paths.has(key))
          this.problem(
            rawItem,
            `path "${path}" is the same endpoint as "${model.paths.get(key)!.path}" (only parameter names differ); the later one is compared`,
          );
        model.paths.set(key, { key, path, node: item, kind: 'path' });
        this.addOperations(
          model,
          item,
          { pathKey: key, path, apiSends: false, label: (method) => `${method} ${path}`, key: (method) => `${method} ${key}` },
          0,
        );
      }
    }
    const webhooks = childMap(root, 'webhooks');
    if (webhooks) {
      for (const [name, rawItem] of webhooks.entries) {
        const item = this.refs.deref(rawItem);
        if (!isMap(item)) continue;
        const key = `WEBHOOK ${name}`;
        model.paths.set(key, { key, path: name, node: item, kind: 'webhook' });
        this.addOperations(
          model,
          item,
          { pathKey: key, path: name, apiSends: true, label: (method) => `webhook ${name} ${method}`, key: (method) => `${key} ${method}` },
          0,
        );
      }
    }
    return model;
  }

  private addOperations(model: SpecModel, item: JMap, declared: OperationSite, depth: number): void {
    const { path, pathKey } = declared;
    const pathParams = childSeq(item, 'parameters');
    for (const [key, node] of item.entries) {
      if (!PATH_ITEM_KEYS.has(key) && !key.startsWith('x-'))
        this.problem(
          node.parent === item ? keyNodeOf(item, key) : item,
          `unknown key "${key}" in path item ${path} is ignored${/^[a-z]+$/i.test(key) ? ' (not an HTTP method)' : ''}`,
        );
    }
    for (const method of HTTP_METHODS) {
      // Operations may themselves be `$ref`s to other files (DigitalOcean's multi-file layout does this).
      const op = this.refs.deref(child(item, method));
      if (!op) continue;
      if (!isMap(op)) {
        this.problem(op, `operation ${method.toUpperCase()} ${path} is not a mapping`);
        continue;
      }
      const upper = method.toUpperCase();
      const key = declared.key(upper);
      const label = declared.label(upper);
      const operation: OperationModel = {
        key,
        label,
        method: upper,
        path,
        pathKey,
        apiSends: declared.apiSends,
        parent: declared.parent,
        node: op,
        pathItem: item,
        parameters: new Map(),
        parametersNode: childSeq(op, 'parameters') ?? pathParams,
        responses: new Map(),
        responsesNode: childMap(op, 'responses'),
        deprecated: boolOf(op, 'deprecated'),
      };
      const bodyParams: ParameterModel[] = [];
      const formParams: ParameterModel[] = [];
      // Path-level parameters first; operation-level ones with the same location+name override them.
      for (const list of [pathParams, childSeq(op, 'parameters')]) {
        if (!list) continue;
        for (const site of list.items) {
          const p = this.parameter(site);
          if (!p) continue;
          const id = `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
          operation.parameters.set(id, p);
        }
      }
      for (const [id, p] of [...operation.parameters]) {
        if (p.in === 'body') bodyParams.push(p);
        if (p.in === 'formData') formParams.push(p);
        if (p.in === 'body' || p.in === 'formData') operation.parameters.delete(id);
      }
      operation.requestBody = this.is2 ? this.swagger2Body(op, bodyParams, formParams, operation.parametersNode) : this.requestBody(child(op, 'requestBody'));
      const responses = operation.responsesNode;
      // `responses` became optional in 3.1.
      if (!responses) {
        if (this.doc.version !== '3.1') this.problem(op, `operation ${label} has no "responses"`);
      } else {
        for (const [status, site] of responses.entries) {
          if (status.startsWith('x-')) continue;
          const r = this.refs.deref(site);
          if (!isMap(r)) continue;
          operation.responses.set(status.toUpperCase(), this.response(status, r, site, op));
        }
      }
      // The top-level requirements are the API's own; a callback calls the client's server.
      const sec = child(op, 'security') ?? (declared.parent ? undefined : child(this.doc.root, 'security'));
      operation.security = isSeq(sec) ? sec : undefined;
      model.operations.set(key, operation);
      this.addCallbacks(model, operation, depth);
    }
  }

  /**
   * An operation's callbacks: requests the API sends to a URL the client gave it. Like webhooks,
   * the API is the sender, so their data is compared in the other direction. Keyed under the
   * operation, so a callback matches the same one in the other version.
   */
  private addCallbacks(model: SpecModel, parent: OperationModel, depth: number): void {
    const callbacks = childMap(parent.node, 'callbacks');
    if (!callbacks || depth >= MAX_CALLBACK_DEPTH) return;
    for (const [name, raw] of callbacks.entries) {
      if (name.startsWith('x-')) continue;
      const callback = this.refs.deref(raw);
      if (!isMap(callback) || this.declaredAbove(parent, callback)) continue; // a callback that calls itself back
      if (this.callbackOperations >= MAX_CALLBACK_OPERATIONS) {
        if (this.callbackOperations++ === MAX_CALLBACK_OPERATIONS)
          this.problem(raw, `more than ${MAX_CALLBACK_OPERATIONS} callback operations: the rest are not compared`);
        return;
      }
      const expressions = [...callback.entries.keys()].filter((k) => !k.startsWith('x-'));
      for (const expression of expressions) {
        const item = this.refs.deref(callback.entries.get(expression));
        if (!isMap(item)) continue;
        const pathKey = `CALLBACK ${parent.key} ${name} ${expression}`;
        const shown = expressions.length > 1 ? `${name} ${expression}` : name;
        model.paths.set(pathKey, { key: pathKey, path: shown, node: item, kind: 'callback', callback: { operation: parent.key, name, expression } });
        const site: OperationSite = {
          pathKey,
          path: shown,
          apiSends: true,
          parent,
          label: (method) => `callback ${shown} ${method} of ${parent.label}`,
          key: (method) => `${pathKey} ${method}`,
        };
        this.callbackOperations++;
        this.addOperations(model, item, site, depth + 1);
      }
    }
  }

  /** Whether one of this callback's path items is already among the callbacks the operation is nested in. */
  private declaredAbove(op: OperationModel, callback: JMap): boolean {
    const items = new Set([...callback.entries.values()].map((n) => this.refs.deref(n)));
    for (let cur: OperationModel | undefined = op; cur?.parent; cur = cur.parent) if (items.has(cur.pathItem)) return true;
    return false;
  }

  private parameter(site: JNode): ParameterModel | undefined {
    const node = this.refs.deref(site);
    if (!isMap(node)) return undefined;
    const name = stringOf(node, 'name');
    const loc = stringOf(node, 'in');
    if (name === undefined || loc === undefined) {
      this.problem(site, 'parameter without "name" or "in" is not compared');
      return undefined;
    }
    const schema = this.is2 ? (loc === 'body' ? child(node, 'schema') : node) : this.schemaOrContent(node);
    return { in: loc, name, node, site, required: loc === 'path' || boolOf(node, 'required'), deprecated: boolOf(node, 'deprecated'), schema };
  }

  /** A 3.x parameter's or header's schema: `schema`, or that of its one `content` media type. */
  private schemaOrContent(node: JMap): JNode | undefined {
    let schema = child(node, 'schema');
    const content = childMap(node, 'content');
    if (!schema && content) for (const mt of content.entries.values()) schema ??= child(this.refs.deref(mt), 'schema');
    return schema;
  }

  private requestBody(site: JNode | undefined): RequestBodyModel | undefined {
    const node = this.refs.deref(site);
    if (!isMap(node)) return undefined;
    return { node, required: boolOf(node, 'required'), content: this.content(childMap(node, 'content')) };
  }

  private content(content: JMap | undefined): Map<string, MediaModel> {
    const out = new Map<string, MediaModel>();
    if (!content) return out;
    for (const [mediaType, raw] of content.entries) {
      const node = this.refs.deref(raw) ?? raw;
      out.set(mediaType.toLowerCase(), { mediaType, node, schema: child(node, 'schema') });
    }
    return out;
  }

  private mediaTypes(op: JMap, key: 'consumes' | 'produces'): string[] {
    const list = childSeq(op, key) ?? childSeq(this.doc.root, key);
    const types = list?.items.filter(isScalar).map((s) => String(s.value)) ?? [];
    return types.length ? types : ['application/json'];
  }

  /** Swagger 2.0: a `body` parameter or `formData` parameters become a request body. */
  private swagger2Body(op: JMap, body: ParameterModel[], form: ParameterModel[], paramsNode: JSeq | undefined): RequestBodyModel | undefined {
    if (body.length > 0) {
      const b = body[0];
      const content = new Map<string, MediaModel>();
      for (const mt of this.mediaTypes(op, 'consumes')) content.set(mt.toLowerCase(), { mediaType: mt, node: b.node, schema: b.schema });
      return { node: b.site, required: b.required, content };
    }
    if (form.length === 0 || !paramsNode) return undefined;
    const schema = this.formSchema(form, paramsNode);
    const consumes = this.mediaTypes(op, 'consumes').filter((m) => /form/i.test(m));
    const content = new Map<string, MediaModel>();
    for (const mt of consumes.length ? consumes : ['application/x-www-form-urlencoded'])
      content.set(mt.toLowerCase(), { mediaType: mt, node: paramsNode, schema });
    return { node: paramsNode, required: form.some((f) => f.required), content };
  }

  /**
   * An object schema made from formData parameters. Its own nodes are synthetic but
   * sit at the `parameters` list, so findings on it point at real lines; each
   * property is the real parameter node (in 2.0 a parameter is its own schema).
   */
  private formSchema(form: ParameterModel[], at: JSeq): JMap {
    const mk = <T extends JMap | JSeq | JScalar>(n: Omit<T, 'id' | 'parent' | 'key' | 'start' | 'end' | 'keyStart' | 'keyEnd'>): T =>
      ({ ...n, id: nextNodeId(), parent: at.parent, key: at.key, start: at.start, end: at.end, keyStart: at.keyStart, keyEnd: at.keyEnd }) as T;
    const properties = mk<JMap>({ kind: 'map', entries: new Map(form.map((f) => [f.name, f.node as JNode])) });
    const required = mk<JSeq>({ kind: 'seq', items: form.filter((f) => f.required).map((f) => mk<JScalar>({ kind: 'scalar', value: f.name })) });
    const type = mk<JScalar>({ kind: 'scalar', value: 'object' });
    return mk<JMap>({
      kind: 'map',
      entries: new Map<string, JNode>([
        ['type', type],
        ['properties', properties],
        ['required', required],
      ]),
    });
  }

  private response(status: string, node: JMap, site: JNode, op: JMap): ResponseModel {
    const headers = new Map<string, HeaderModel>();
    const hs = childMap(node, 'headers');
    if (hs) {
      for (const [name, hsite] of hs.entries) {
        const h = this.refs.deref(hsite);
        if (!isMap(h)) continue;
        headers.set(name.toLowerCase(), {
          name,
          node: h,
          site: hsite,
          required: boolOf(h, 'required'),
          deprecated: boolOf(h, 'deprecated'),
          schema: this.is2 ? h : this.schemaOrContent(h),
        });
      }
    }
    let content: Map<string, MediaModel>;
    if (this.is2) {
      content = new Map();
      const schema = child(node, 'schema');
      if (schema) for (const mt of this.mediaTypes(op, 'produces')) content.set(mt.toLowerCase(), { mediaType: mt, node, schema });
    } else content = this.content(childMap(node, 'content'));
    return { status, node, site, headers, content };
  }

  private problem(node: JNode, message: string): void {
    const p: TextProblem = { message, start: node.keyStart, end: Math.max(node.keyEnd, node.keyStart + 1), severity: 'warning' };
    this.doc.problems.push(p);
  }
}

/** Where operations are declared: a path, a webhook or a callback. */
interface OperationSite {
  pathKey: string;
  path: string;
  apiSends: boolean;
  parent?: OperationModel;
  label(method: string): string;
  key(method: string): string;
}

/** Callbacks may declare callbacks of their own; deeper than this is not compared. */
const MAX_CALLBACK_DEPTH = 4;
/** Callback path items per spec: far beyond real APIs, low enough that nested shared components cannot explode. */
const MAX_CALLBACK_OPERATIONS = 5000;

const PATH_ITEM_KEYS = new Set<string>([...HTTP_METHODS, 'parameters', 'summary', 'description', 'servers', '$ref']);

/** The node under a key, for positioning a problem on that key. */
function keyNodeOf(map: JMap, key: string): JNode {
  return map.entries.get(key) ?? map;
}

function numberish(node: JNode | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'number' ? String(node.value) : undefined;
}
