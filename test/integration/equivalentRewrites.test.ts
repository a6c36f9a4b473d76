// Rewrites that change how a spec is written but not one value it accepts or returns must give no
// findings. Applied to the corpus's large real specs (Stripe 3.0, OpenAI 3.1) at random places with
// fixed seeds: reordered branches, enums, required lists and properties; inline schemas moved into
// components; schemas wrapped in an allOf of one; 3.1 nullable type lists spelt as anyOf with null;
// descriptions changed. It found branches matched by position after a reorder, a property defined by
// two allOf branches compared across them, and nullability not seen through an allOf of one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareSpecs } from '../../server/src/engine/index';
import { corpusDir } from '../support/corpus';
import { isObject, type Json, type JsonObject } from '../support/jsonValue';
import { seeded } from '../support/mutate';

const LARGE = path.join(corpusDir() ?? path.resolve(__dirname, '../../../../shared/corpus'), 'large');

type Rewrite = 'reorder' | 'describe' | 'extract' | 'wrap' | 'null-branch';

/** Keys a schema keeps beside an allOf wrapper: they annotate, and a reader expects them there. */
const BESIDE_WRAPPER = new Set(['description', 'title', 'deprecated', 'example', 'examples', 'externalDocs']);

/** Whether the value at `at` (keys from the document root) is a schema. */
function isSchemaAt(at: string[]): boolean {
  if (at.includes('example') || at.includes('examples') || at.includes('encoding')) return false;
  const key = at[at.length - 1];
  const parent = at[at.length - 2];
  return ['schema', 'items', 'additionalProperties'].includes(key) || ['properties', 'schemas', 'oneOf', 'anyOf', 'allOf'].includes(parent);
}

class Rewriter {
  readonly counts: Record<Rewrite, number> = { reorder: 0, describe: 0, extract: 0, wrap: 0, 'null-branch': 0 };
  private readonly extracted: JsonObject = {};
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly share: number,
    private readonly is31: boolean,
  ) {
    this.random = seeded(seed);
  }

  rewriteSpec(spec: JsonObject): JsonObject {
    const out = this.rewrite(spec, []) as JsonObject;
    const components = isObject(out.components) ? out.components : {};
    const schemas = isObject(components.schemas) ? components.schemas : {};
    return { ...out, components: { ...components, schemas: { ...schemas, ...this.extracted } } };
  }

  private pick(): boolean {
    return this.random() < this.share;
  }

  private rewrite(node: Json, at: string[]): Json {
    if (Array.isArray(node)) return node.map((item, i) => this.rewrite(item, [...at, String(i)]));
    if (!isObject(node)) return node;
    let out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) out[key] = this.rewrite(value, [...at, key]);
    if (!isSchemaAt(at)) return out;
    const inComponents = at[at.length - 2] === 'schemas';
    if (this.pick()) out = this.reorder(out);
    if (this.pick() && out.$ref === undefined) {
      out = { ...out, description: `rewritten: ${String(out.description ?? '')}` };
      this.counts.describe++;
    }
    if (this.pick() && this.is31) out = this.respellNull(out);
    if (this.pick() && !inComponents && out.$ref === undefined && out.type === 'object' && isObject(out.properties)) {
      const name = `Rewritten${Object.keys(this.extracted).length + 1}`;
      this.extracted[name] = out;
      this.counts.extract++;
      return { $ref: `#/components/schemas/${name}` };
    }
    // 3.0 ignores siblings of a $ref, so there a wrapped $ref would gain its annotations: wrap only what has none.
    if (this.pick() && !inComponents && out.nullable === undefined && (this.is31 || out.$ref === undefined)) {
      const beside: JsonObject = {};
      const inner: JsonObject = {};
      for (const [key, value] of Object.entries(out)) (BESIDE_WRAPPER.has(key) && out.$ref === undefined ? beside : inner)[key] = value;
      this.counts.wrap++;
      return { ...beside, allOf: [inner] };
    }
    return out;
  }

  /** 3.1 spells "X or null" two ways: `type: [x, 'null']` and `anyOf: [{type: x, ...}, {type: 'null'}]`. Each becomes the other. */
  private respellNull(schema: JsonObject): JsonObject {
    const { type, anyOf, ...rest } = schema;
    if (Array.isArray(type) && type.length === 2 && type.includes('null') && anyOf === undefined && rest.enum === undefined && rest.const === undefined) {
      this.counts['null-branch']++;
      return { anyOf: [{ ...rest, type: type.find((t) => t !== 'null')! }, { type: 'null' }] };
    }
    if (type === undefined && Array.isArray(anyOf) && anyOf.length === 2) {
      const nullAt = anyOf.findIndex((b) => isObject(b) && b.type === 'null' && Object.keys(b).length === 1);
      const other = anyOf[1 - nullAt];
      const clash = isObject(other) && Object.keys(other).some((k) => k in rest);
      if (nullAt !== -1 && isObject(other) && typeof other.type === 'string' && other.enum === undefined && other.const === undefined && !clash) {
        this.counts['null-branch']++;
        return { ...rest, ...other, type: [other.type, 'null'] };
      }
    }
    return schema;
  }

  private reorder(schema: JsonObject): JsonObject {
    const out = { ...schema };
    for (const key of ['enum', 'required', 'oneOf', 'anyOf', 'allOf', 'type']) {
      const list = out[key];
      if (Array.isArray(list) && list.length > 1) out[key] = [...list].reverse();
    }
    if (isObject(out.properties)) out.properties = Object.fromEntries(Object.entries(out.properties).reverse());
    this.counts.reorder++;
    return out;
  }
}

for (const file of ['openai-openapi.json', 'stripe-spec3.json']) {
  test(`${file}: rewrites that keep every value (reordered, moved into components, wrapped in allOf) give no findings`, (t) => {
    const full = path.join(LARGE, file);
    if (!existsSync(full)) return t.skip(`corpus not found at ${full}`);
    const text = readFileSync(full, 'utf8');
    const spec = JSON.parse(text) as JsonObject;
    // REWRITE_SEEDS=n runs more seeds (CI runs two).
    for (let seed = 1; seed <= Number(process.env.REWRITE_SEEDS ?? 2); seed++) {
      const rewriter = new Rewriter(seed, 0.4, String(spec.openapi).startsWith('3.1'));
      const rewritten = JSON.stringify(rewriter.rewriteSpec(spec), null, 1);
      const findings = compareSpecs({ text, file: full }, { text: rewritten, file: full.replace('.json', '.rewritten.json') }).findings;
      assert.deepEqual(
        findings.slice(0, 10).map((f) => `${f.level} ${f.rule} ${f.pointer}: ${f.message}`),
        [],
        `seed ${seed}: ${findings.length} findings after ${JSON.stringify(rewriter.counts)}`,
      );
      // Not vacuous: each kind of rewrite happened many times (the null branch only in 3.1).
      const is31 = String(spec.openapi).startsWith('3.1');
      // OpenAI writes few nullable values in a form the rewrite can respell.
      for (const [kind, n] of Object.entries(rewriter.counts))
        if (kind !== 'null-branch' || is31) assert.ok(n > (kind === 'null-branch' ? 10 : 30), `${kind}: ${n}`);
    }
  });
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Parameters, request bodies and responses moved into components, parameters reordered, and a parameter every operation of a path has hoisted to the path item. */
function restructure(spec: JsonObject, seed: number, share: number): { spec: JsonObject; counts: Record<string, number> } {
  const random = seeded(seed);
  const out = structuredClone(spec);
  const components = (isObject(out.components) ? out.components : (out.components = {})) as JsonObject;
  const counts = { parameters: 0, requestBodies: 0, responses: 0, reordered: 0, hoisted: 0 };
  let n = 0;
  const move = (kind: 'parameters' | 'requestBodies' | 'responses', value: JsonObject): JsonObject => {
    const name = `Moved${++n}`;
    ((components[kind] ??= {}) as JsonObject)[name] = value;
    counts[kind]++;
    return { $ref: `#/components/${kind}/${name}` };
  };
  for (const item of Object.values(isObject(out.paths) ? out.paths : {})) {
    if (!isObject(item)) continue;
    const ops = METHODS.filter((m) => isObject(item[m])).map((m) => item[m] as JsonObject);
    for (const op of ops) {
      if (Array.isArray(op.parameters)) {
        op.parameters = op.parameters.map((p) => (isObject(p) && p.$ref === undefined && random() < share ? move('parameters', p) : p));
        if (random() < share) {
          op.parameters.reverse();
          counts.reordered++;
        }
      }
      if (isObject(op.requestBody) && op.requestBody.$ref === undefined && random() < share) op.requestBody = move('requestBodies', op.requestBody);
      const responses = isObject(op.responses) ? op.responses : {};
      for (const [status, response] of Object.entries(responses))
        if (isObject(response) && response.$ref === undefined && random() < share) responses[status] = move('responses', response);
    }
    if (ops.length < 2 || random() >= share) continue;
    for (const p of Array.isArray(ops[0].parameters) ? [...ops[0].parameters] : []) {
      const key = JSON.stringify(p);
      if (!isObject(p) || p.$ref !== undefined) continue;
      if (!ops.every((op) => Array.isArray(op.parameters) && op.parameters.some((x) => JSON.stringify(x) === key))) continue;
      for (const op of ops) op.parameters = (op.parameters as Json[]).filter((x) => JSON.stringify(x) !== key);
      item.parameters = [...(Array.isArray(item.parameters) ? item.parameters : []), p];
      counts.hoisted++;
    }
  }
  return { spec: out, counts };
}

for (const file of ['openai-openapi.json', 'stripe-spec3.json']) {
  test(`${file}: parameters, bodies and responses moved into components, reordered or hoisted to the path give no findings`, (t) => {
    const full = path.join(LARGE, file);
    if (!existsSync(full)) return t.skip(`corpus not found at ${full}`);
    const text = readFileSync(full, 'utf8');
    const { spec, counts } = restructure(JSON.parse(text) as JsonObject, 1, 0.5);
    const findings = compareSpecs({ text, file: full }, { text: JSON.stringify(spec, null, 1), file: full.replace('.json', '.moved.json') }).findings;
    assert.deepEqual(
      findings.slice(0, 10).map((f) => `${f.level} ${f.rule} ${f.pointer}: ${f.message}`),
      [],
      `${findings.length} findings after ${JSON.stringify(counts)}`,
    );
    for (const kind of ['parameters', 'requestBodies', 'responses', 'reordered'] as const) assert.ok(counts[kind] > 30, `${kind}: ${counts[kind]}`);
    assert.ok(counts.hoisted > 0, 'a parameter was hoisted');
  });
}
