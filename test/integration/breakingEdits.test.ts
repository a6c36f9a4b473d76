// Breaking edits made at random places of the corpus's large real specs (Stripe 3.0, OpenAI 3.1), deep
// inside their composed schemas, each must be reported as breaking or possibly breaking, in the
// direction the edit breaks, for the operation whose body holds it. The companion of
// equivalentRewrites.test.ts: that one says nothing is reported where nothing changed, this one that
// nothing is missed where something did. It found string -> integer in server-sent events judged as
// text (info).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareSpecs } from '../../server/src/engine/index';
import { corpusDir } from '../support/corpus';
import { isObject, valueAt, type Json, type JsonObject } from '../support/jsonValue';
import { seeded } from '../support/mutate';

const LARGE = path.join(corpusDir() ?? path.resolve(__dirname, '../../../../shared/corpus'), 'large');

type Direction = 'request' | 'response';

interface Site {
  /** Keys from the document root to a schema. */
  at: string[];
  direction: Direction;
  /** The operation whose body reaches it, as findings name operations ("POST /v1/charges"). */
  operation: string;
}

interface BreakingEdit {
  name: string;
  applies(schema: JsonObject): boolean;
  apply(schema: JsonObject, is31: boolean): void;
}

const strings = (v: Json | undefined): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
/** No listed values: a bound added beside an enum whose values all meet it rejects nobody. */
const unlisted = (s: JsonObject) => s.enum === undefined && s.const === undefined;
const plainString = (s: JsonObject) => s.type === 'string' && unlisted(s) && s.format === undefined;

const EDITS: Record<Direction, BreakingEdit[]> = {
  request: [
    { name: 'enum value removed', applies: (s) => strings(s.enum) && s.enum.length > 1, apply: (s) => void (s.enum = (s.enum as string[]).slice(0, -1)) },
    {
      name: 'optional property made required',
      applies: (s) => isObject(s.properties) && Object.keys(s.properties).some((k) => !requiredOf(s).includes(k) && !readOnly(s, k)),
      apply: (s) => {
        const name = Object.keys(s.properties as JsonObject).find((k) => !requiredOf(s).includes(k) && !readOnly(s, k))!;
        s.required = [...requiredOf(s), name];
      },
    },
    {
      name: 'maxLength halved',
      applies: (s) => typeof s.maxLength === 'number' && s.maxLength > 1 && unlisted(s),
      apply: (s) => void (s.maxLength = Math.floor((s.maxLength as number) / 2)),
    },
    {
      name: 'string became integer',
      applies: plainString,
      apply: (s) => void Object.assign(s, { type: 'integer', maxLength: undefined, minLength: undefined, pattern: undefined }),
    },
    { name: 'minimum raised', applies: (s) => typeof s.minimum === 'number' && unlisted(s), apply: (s) => void (s.minimum = (s.minimum as number) + 7) },
  ],
  response: [
    { name: 'enum value added', applies: (s) => strings(s.enum), apply: (s) => void (s.enum = [...(s.enum as string[]), 'a_value_never_sent_before']) },
    {
      name: 'required property made optional',
      applies: (s) => isObject(s.properties) && requiredOf(s).some((k) => k in (s.properties as JsonObject)),
      apply: (s) => {
        const name = requiredOf(s).find((k) => k in (s.properties as JsonObject))!;
        s.required = requiredOf(s).filter((k) => k !== name);
      },
    },
    {
      name: 'string became nullable',
      applies: (s) => s.type === 'string' && s.nullable === undefined && unlisted(s),
      apply: (s, is31) => void (is31 ? (s.type = ['string', 'null']) : (s.nullable = true)),
    },
    {
      name: 'string became integer',
      applies: plainString,
      apply: (s) => void Object.assign(s, { type: 'integer', maxLength: undefined, minLength: undefined, pattern: undefined }),
    },
    { name: 'maximum removed', applies: (s) => typeof s.maximum === 'number', apply: (s) => void delete s.maximum },
  ],
};

function requiredOf(s: JsonObject): string[] {
  return Array.isArray(s.required) ? s.required.filter((x): x is string => typeof x === 'string') : [];
}

function readOnly(s: JsonObject, name: string): boolean {
  const p = (s.properties as JsonObject)[name];
  return isObject(p) && p.readOnly === true;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every schema a request or success-response body reaches, through $refs to component schemas (each place once). */
function sitesOf(spec: JsonObject): Site[] {
  const sites: Site[] = [];
  const seen = new Set<string>();
  const schemas = isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  const walk = (node: Json | undefined, at: string[], direction: Direction, operation: string, refs: number): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...at, String(i)], direction, operation, refs));
    if (!isObject(node)) return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/') && refs < 6) {
      const name = ref.slice('#/components/schemas/'.length);
      return walk(schemas[name], ['components', 'schemas', name], direction, operation, refs + 1);
    }
    const key = `${direction} ${at.join('/')}`;
    if (seen.has(key)) return;
    seen.add(key);
    sites.push({ at, direction, operation });
    for (const [k, v] of Object.entries(node)) if (k !== 'example' && k !== 'examples' && k !== 'default') walk(v, [...at, k], direction, operation, refs);
  };
  for (const [route, item] of Object.entries(isObject(spec.paths) ? spec.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operation = `${method.toUpperCase()} ${route}`;
      const bodies = (content: Json | undefined, at: string[], direction: Direction) => {
        for (const [mediaType, media] of Object.entries(isObject(content) ? content : {}))
          if (isObject(media)) walk(media.schema, [...at, mediaType, 'schema'], direction, operation, 0);
      };
      if (isObject(op.requestBody)) bodies(op.requestBody.content, ['paths', route, method, 'requestBody', 'content'], 'request');
      for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {}))
        if (status.startsWith('2') && isObject(response)) bodies(response.content, ['paths', route, method, 'responses', status, 'content'], 'response');
    }
  }
  return sites;
}

/** Path templates compare without their parameter names. */
const sameOperation = (a: string, b: string) => a.replace(/\{[^}]*\}/g, '{}') === b.replace(/\{[^}]*\}/g, '{}');

for (const file of ['openai-openapi.json', 'stripe-spec3.json']) {
  test(`${file}: breaking edits at random places of its bodies are each reported for their operation`, (t) => {
    const full = path.join(LARGE, file);
    if (!existsSync(full)) return t.skip(`corpus not found at ${full}`);
    const text = readFileSync(full, 'utf8');
    const spec = JSON.parse(text) as JsonObject;
    const is31 = String(spec.openapi).startsWith('3.1');
    const sites = sitesOf(spec);
    const random = seeded(7);
    const missed: string[] = [];
    let made = 0;
    for (let tries = 0; made < 30 && tries < 5000; tries++) {
      const site = sites[Math.floor(random() * sites.length)];
      const edits = EDITS[site.direction];
      const edit = edits[Math.floor(random() * edits.length)];
      const original = valueAt(spec, site.at);
      if (!isObject(original) || !edit.applies(original)) continue;
      const revision = structuredClone(spec);
      edit.apply(valueAt(revision, site.at) as JsonObject, is31);
      made++;
      const findings = compareSpecs({ text, file: full }, { text: JSON.stringify(revision), file: full.replace('.json', '.edited.json') }).findings;
      const reported = findings.some((f) => f.level !== 'info' && f.direction === site.direction && f.operations.some((o) => sameOperation(o, site.operation)));
      if (!reported)
        missed.push(`${site.direction} ${edit.name} at /${site.at.join('/')}: ${findings.map((f) => `${f.rule} ${f.level}`).join(', ') || 'nothing'}`);
    }
    assert.equal(made, 30, `only ${made} edits applied`);
    assert.deepEqual(missed, []);
  });
}
