// The contract, checked against a real JSON Schema validator (ajv, draft 2020-12, which OpenAPI 3.1
// schemas are). Random schema pairs, one edit apart; random values guided by each schema. A value
// valid under the base and invalid under the revision proves a request breaks; a value valid under
// the revision and invalid under the base proves a response gives what the base did not promise.
// Either way Breakwater must report an error or a warning on that side: a miss is a failure that
// names the counterexample.
//
// Out of scope, so not generated (each a known limit, written in docs/rules.md under "What is not judged"):
// - oneOf whose branches' types overlap: widening one branch can make a value match two, which
//   oneOf then rejects; the diff judges a branch by itself. oneOfs of branches of distinct types,
//   where a value matches one branch at most, are generated.
// - deleting `type` beside `properties` or `items`: such a schema is read as the type they imply.
// - a pattern removed from a response, or widened to `.*`: not breaking by policy (oasdiff's default).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { compareSpecs, type Finding } from '../../server/src/engine/index';
import { seeded, type Rand } from '../support/mutate';

type Schema = Record<string, unknown>;

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number) => r() < p;
const NUMS = [-1, 0, 1, 2, 3, 5, 10];
const STRS = ['', 'a', 'b', 'ab', 'abc', 'ABC', 'a1', 'hello world'];
const PATTERNS = ['^[a-z]+$', '^a', '.*', '^.{0,3}$', 'b'];

function genSchema(r: Rand, depth = 0): Schema {
  const kinds = ['string', 'integer', 'number', 'boolean', 'enum', ...(depth > 2 ? [] : ['array', 'object', 'object', 'typelist', 'anyOf', 'oneOf'])];
  const kind = pick(r, kinds);
  const s: Schema = {};
  switch (kind) {
    case 'string':
      s.type = 'string';
      if (chance(r, 0.3)) s.minLength = pick(r, [0, 1, 2]);
      if (chance(r, 0.3)) s.maxLength = pick(r, [1, 3, 5]);
      if (chance(r, 0.2)) s.pattern = pick(r, PATTERNS);
      if (chance(r, 0.2)) s.enum = [...new Set([pick(r, STRS), pick(r, STRS)])];
      break;
    case 'integer':
    case 'number':
      s.type = kind;
      if (chance(r, 0.3)) s.minimum = pick(r, NUMS);
      if (chance(r, 0.3)) s.maximum = pick(r, NUMS.slice(2));
      if (chance(r, 0.15)) s.exclusiveMinimum = pick(r, NUMS);
      if (chance(r, 0.15)) s.exclusiveMaximum = pick(r, NUMS);
      if (chance(r, 0.15)) s.multipleOf = pick(r, [2, 3, 0.5]);
      break;
    case 'boolean':
      s.type = 'boolean';
      break;
    case 'enum':
      s.enum = [...new Set<unknown>([pick(r, STRS), pick(r, STRS), pick(r, NUMS)])];
      break;
    case 'array':
      s.type = 'array';
      s.items = genSchema(r, depth + 1);
      if (chance(r, 0.3)) s.minItems = pick(r, [0, 1, 2]);
      if (chance(r, 0.3)) s.maxItems = pick(r, [1, 2, 3]);
      if (chance(r, 0.15)) s.uniqueItems = true;
      break;
    case 'object': {
      s.type = 'object';
      const properties: Record<string, Schema> = {};
      for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) properties[`p${i}`] = genSchema(r, depth + 1);
      s.properties = properties;
      const required = Object.keys(properties).filter(() => chance(r, 0.4));
      if (required.length) s.required = required;
      if (chance(r, 0.3)) s.additionalProperties = false;
      else if (chance(r, 0.1)) s.additionalProperties = genSchema(r, depth + 1);
      if (chance(r, 0.1)) s.minProperties = 1;
      if (chance(r, 0.1)) s.maxProperties = 2;
      break;
    }
    case 'typelist': {
      const [first, second] = [pick(r, ['string', 'integer', 'boolean']), pick(r, ['null', 'number', 'string'])];
      s.type = first === second ? first : [first, second];
      if (chance(r, 0.3)) s.maxLength = 3;
      if (chance(r, 0.3)) s.minimum = 0;
      break;
    }
    case 'anyOf':
    case 'oneOf':
      s[kind] = [genSchema(r, depth + 1), genSchema(r, depth + 1)];
      break;
  }
  return s;
}

function schemasIn(s: Schema, out: Schema[] = []): Schema[] {
  out.push(s);
  for (const v of Object.values((s.properties as Record<string, Schema>) ?? {})) schemasIn(v, out);
  if (s.items) schemasIn(s.items as Schema, out);
  for (const b of [...((s.anyOf as Schema[]) ?? []), ...((s.oneOf as Schema[]) ?? [])]) schemasIn(b, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') schemasIn(s.additionalProperties as Schema, out);
  return out;
}

/** One edit somewhere in the schema; returns its name. */
function mutate(r: Rand, root: Schema): string {
  const node = pick(r, schemasIn(root));
  const properties = node.properties as Record<string, Schema> | undefined;
  const edits: [string, () => void][] = [
    ['maxLength', () => (node.maxLength = pick(r, [0, 1, 2, 4, 6]))],
    ['minLength', () => (node.minLength = pick(r, [0, 1, 2, 4]))],
    ['lengths removed', () => (delete node.maxLength, delete node.minLength)],
    ['minimum', () => (node.minimum = pick(r, NUMS))],
    ['maximum', () => (node.maximum = pick(r, NUMS))],
    ['exclusiveMinimum', () => (node.exclusiveMinimum = pick(r, NUMS))],
    ['exclusiveMaximum', () => (node.exclusiveMaximum = pick(r, NUMS))],
    ['bounds removed', () => ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].forEach((k) => delete node[k])],
    ['multipleOf', () => (node.multipleOf = pick(r, [2, 3, 0.5, 4]))],
    ['multipleOf removed', () => delete node.multipleOf],
    ['pattern', () => (node.pattern = pick(r, PATTERNS))],
    ['pattern removed', () => delete node.pattern],
    ['type', () => (node.type = pick<unknown>(r, ['string', 'integer', 'number', 'boolean', 'object', 'array', ['string', 'null'], ['integer', 'string']]))],
    ['type removed', () => !properties && !node.items && delete node.type],
    ['enum narrowed', () => (node.enum = Array.isArray(node.enum) ? node.enum.slice(0, Math.max(1, node.enum.length - 1)) : [pick(r, STRS), pick(r, NUMS)])],
    ['enum widened', () => Array.isArray(node.enum) && (node.enum = [...new Set([...node.enum, pick(r, STRS)])])],
    ['enum removed', () => delete node.enum],
    ['const', () => (node.const = pick<unknown>(r, [...STRS, ...NUMS]))],
    [
      'property removed',
      () => {
        if (!properties) return;
        const name = pick(r, Object.keys(properties));
        delete properties[name];
        const required = ((node.required as string[]) ?? []).filter((x) => x !== name);
        if (required.length) node.required = required;
        else delete node.required;
      },
    ],
    ['property added', () => properties && (properties[`n${Math.floor(r() * 3)}`] = genSchema(r, 3))],
    ['required added', () => properties && (node.required = [...new Set([...((node.required as string[]) ?? []), pick(r, Object.keys(properties))])])],
    ['required dropped', () => Array.isArray(node.required) && (node.required.length > 1 ? (node.required = node.required.slice(1)) : delete node.required)],
    ['additionalProperties', () => (node.type === 'object' || properties) && (node.additionalProperties = pick<unknown>(r, [false, true, { type: 'string' }]))],
    ['additionalProperties removed', () => delete node.additionalProperties],
    ['minItems', () => (node.minItems = pick(r, [0, 1, 2, 3]))],
    ['maxItems', () => (node.maxItems = pick(r, [0, 1, 2, 4]))],
    ['item counts removed', () => (delete node.minItems, delete node.maxItems)],
    ['items', () => node.items && (node.items = genSchema(r, 3))],
    [
      'wrapped',
      () => {
        const copy = structuredClone(node);
        for (const k of Object.keys(node)) delete node[k];
        node[pick(r, ['anyOf', 'oneOf', 'allOf'])] = [copy, genSchema(r, 3)];
      },
    ],
    ['anyOf branch removed', () => Array.isArray(node.anyOf) && (node.anyOf = node.anyOf.slice(0, 1))],
    ['oneOf branch removed', () => Array.isArray(node.oneOf) && (node.oneOf = node.oneOf.slice(0, 1))],
    ['minProperties', () => (node.minProperties = pick(r, [0, 1, 2]))],
    ['maxProperties', () => (node.maxProperties = pick(r, [1, 2, 3]))],
    ['uniqueItems', () => (node.uniqueItems = pick(r, [true, false]))],
  ];
  const [name, edit] = pick(r, edits);
  edit();
  return name;
}

/** A value shaped by the schema (often valid, sometimes not: the validator decides). */
function genValue(r: Rand, s: Schema | undefined, depth = 0): unknown {
  if (depth > 4) return null;
  if (!s) return pick<unknown>(r, [...STRS, ...NUMS, true, null]);
  if (chance(r, 0.08)) return pick<unknown>(r, [...STRS, ...NUMS, 0.5, 2.5, true, false, null, [], {}]);
  for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(s[k]) && (s[k] as Schema[]).length) return genValue(r, pick(r, s[k] as Schema[]), depth + 1);
  if (Array.isArray(s.enum) && chance(r, 0.8)) return pick(r, s.enum);
  if (s.const !== undefined && chance(r, 0.8)) return s.const;
  const type = Array.isArray(s.type) ? pick(r, s.type) : (s.type ?? (s.properties ? 'object' : s.items ? 'array' : pick(r, ['string', 'integer', 'object'])));
  switch (type) {
    case 'string':
      return pick(r, [...STRS, 'a'.repeat(pick(r, [2, 3, 4, 5, 6]))]);
    case 'integer':
      return pick(r, [...NUMS, 4, 6, 9, 11, -2]);
    case 'number':
      return pick(r, [...NUMS, 0.5, 1.5, 2.5, 9.5, 10.5, 11]);
    case 'boolean':
      return chance(r, 0.5);
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.floor(r() * 4) }, () => genValue(r, s.items as Schema, depth + 1));
    case 'object': {
      const o: Record<string, unknown> = {};
      const required = (s.required as string[]) ?? [];
      for (const [k, v] of Object.entries((s.properties as Record<string, Schema>) ?? {})) {
        if (chance(r, required.includes(k) ? 0.95 : 0.6)) o[k] = genValue(r, v, depth + 1);
      }
      if (chance(r, 0.15)) o.x = genValue(r, typeof s.additionalProperties === 'object' ? (s.additionalProperties as Schema) : { type: 'string' }, depth + 1);
      return o;
    }
  }
  return null;
}

/** The JSON types a schema's values may have, when it says (type, enum or const); integer counts as number. */
function valueTypes(s: Schema): Set<string> | undefined {
  const json = (v: unknown) => (v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v);
  if (s.type !== undefined) return new Set(([] as unknown[]).concat(s.type).map((t) => (t === 'integer' ? 'number' : String(t))));
  if (Array.isArray(s.enum)) return new Set(s.enum.map(json));
  return s.const !== undefined ? new Set([json(s.const)]) : undefined;
}

/** Every oneOf in the schema has branches of distinct, stated types: a value matches one of them at most. */
function oneOfsDisjoint(s: unknown): boolean {
  if (!s || typeof s !== 'object') return true;
  if (Array.isArray(s)) return s.every(oneOfsDisjoint);
  const schema = s as Schema;
  if (Array.isArray(schema.oneOf)) {
    const seen = new Set<string>();
    for (const branch of schema.oneOf as Schema[]) {
      const types = valueTypes(branch);
      if (!types) return false;
      for (const t of types) {
        if (seen.has(t)) return false;
        seen.add(t);
      }
    }
  }
  return Object.values(schema).every(oneOfsDisjoint);
}

function specOf(schema: Schema): string {
  const body = { content: { 'application/json': { schema } } };
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'oracle', version: '1' },
    paths: {
      '/sent': { post: { requestBody: { required: true, ...body }, responses: { '204': { description: 'no content' } } } },
      '/received': { get: { responses: { '200': { description: 'ok', ...body } } } },
    },
  });
}

interface Miss {
  seed: number;
  side: 'request' | 'response';
  edit: string;
  base: Schema;
  revision: Schema;
  value: unknown;
  got: string;
}

test('every change a JSON Schema validator proves breaking is reported as an error or a warning, on its side', () => {
  const seeds = Number(process.env.ORACLE_SEEDS ?? 1500);
  const misses: Miss[] = [];
  let proven = 0;
  let compared = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = seeded(seed);
    const base: Schema = { type: 'object', properties: { v: genSchema(r) } };
    const revision = structuredClone(base);
    const edit = mutate(r, (revision.properties as Record<string, Schema>).v);
    if (JSON.stringify(base) === JSON.stringify(revision) || !oneOfsDisjoint(base) || !oneOfsDisjoint(revision)) continue;
    const validBase = ajv.compile(base);
    const validRevision = ajv.compile(revision);
    compared++;
    const findings = compareSpecs({ text: specOf(base), file: 'base.json' }, { text: specOf(revision), file: 'revision.json' }).findings;
    const on = (operation: string) => findings.filter((f: Finding) => f.operation === operation);
    const serious = (fs: Finding[]) => fs.some((f) => f.level === 'error' || f.level === 'warning');
    let sent: unknown;
    let received: unknown;
    for (let i = 0; i < 300 && (sent === undefined || received === undefined); i++) {
      const a = { v: genValue(r, (base.properties as Record<string, Schema>).v) };
      if (sent === undefined && validBase(a) && !validRevision(a)) sent = a;
      const b = { v: genValue(r, (revision.properties as Record<string, Schema>).v) };
      if (received === undefined && validRevision(b) && !validBase(b)) received = b;
    }
    const report = (side: Miss['side'], value: unknown, fs: Finding[]) => {
      proven++;
      if (!serious(fs)) misses.push({ seed, side, edit, base, revision, value, got: fs.map((f) => `${f.rule} ${f.level}`).join(', ') || 'nothing' });
    };
    if (sent !== undefined) report('request', sent, on('POST /sent'));
    // A response pattern removed or widened is not breaking by policy: the counterexample may be just that.
    const responseFindings = on('GET /received');
    const patternLoosened = responseFindings.some((f) => /-pattern-(removed|generalized)$/.test(f.rule));
    if (received !== undefined && !patternLoosened) report('response', received, responseFindings);
  }
  const shown = misses
    .slice(0, 5)
    .map((m) => JSON.stringify(m))
    .join('\n');
  assert.deepEqual(misses.length, 0, `${misses.length} breaking changes not reported (of ${proven} proven in ${compared} pairs):\n${shown}`);
  // Not vacuous: most edits must have been proven breaking on some side.
  assert.ok(compared > seeds / 3 && proven > compared / 3, `compared ${compared}, proven ${proven}`);
});
