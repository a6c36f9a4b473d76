// Mutated real specs through the engine: every outcome is a result or a clear
// SpecInputError, never a crash or a hang. Bounded so `npm test` stays quick;
// `npm run fuzz -- --iterations 10000` runs the long version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareModels, loadModel, loadSpec, SpecInputError } from '../../server/src/engine/index';
import { buildModel } from '../../server/src/engine/model/buildModel';
import { mutate, seeded } from '../support/mutate';

const corpus = path.resolve(__dirname, '../../../../shared/corpus');
const LONG = process.env.BREAKWATER_FUZZ_ITERATIONS !== undefined;
const ITERATIONS = Number(process.env.BREAKWATER_FUZZ_ITERATIONS ?? 50);

export function fuzzSpec(text: string, file: string, iterations: number, seed: number): Record<string, number> {
  const base = loadModel({ text, file }, 'base');
  const rand = seeded(seed);
  const outcomes: Record<string, number> = {};
  let current = text;
  for (let i = 0; i < iterations; i++) {
    const m = mutate(rand() < 0.5 ? text : current, rand);
    current = m.text;
    const outcome = loadSpec(current, file);
    outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
    try {
      if (outcome.kind === 'spec') compareModels(base, buildModel(outcome.spec));
      // The base side is lenient: a broken history must still load or fail cleanly.
      const lenient = loadModel({ text: current, file }, 'base');
      compareModels(lenient, base);
    } catch (e) {
      if (e instanceof SpecInputError) continue;
      throw new Error(`seed ${seed}, iteration ${i} (${m.mutation}): ${(e as Error).stack}`, { cause: e });
    }
  }
  return outcomes;
}

const SMALL = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        tags: {type: array, items: {$ref: '#/components/schemas/Pet'}}
`;

test('mutated small spec: no crash, every outcome is a result or a clear error', () => {
  const n = ITERATIONS * 6;
  const outcomes = fuzzSpec(SMALL, 'small.yaml', n, 1);
  assert.equal(
    Object.values(outcomes).reduce((a, b) => a + b, 0),
    n,
  );
  console.log(`fuzz small.yaml: ${n} mutations -> ${JSON.stringify(outcomes)}`);
  assert.ok((outcomes.spec ?? 0) > 0 && (outcomes['syntax-error'] ?? 0) > 0, JSON.stringify(outcomes));
});

/** JSON Schema 2020 keywords (3.1): bounds, contains, prefixItems, patternProperties, dependent*, if/then/else, lists of types. */
const KEYWORDS = `openapi: 3.1.0
info: {title: k, version: '1'}
paths:
  /boxes:
    post:
      parameters:
        - {name: n, in: query, schema: {type: [integer, string], exclusiveMinimum: 0, multipleOf: 2}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Box'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Box'}
components:
  schemas:
    Box:
      type: object
      minProperties: 1
      maxProperties: 9
      patternProperties: {'^x-': {type: string, maxLength: 9}}
      propertyNames: {maxLength: 20}
      dependentRequired: {card: [billing]}
      dependentSchemas: {card: {required: [zip]}}
      if: {required: [kind]}
      then: {required: [name]}
      else: {required: [id]}
      unevaluatedProperties: false
      properties:
        weight: {type: number, exclusiveMaximum: 100, multipleOf: 0.5}
        label: {oneOf: [{type: string}, {type: integer}]}
        tags:
          type: array
          contains: {$ref: '#/components/schemas/Box'}
          minContains: 1
          maxContains: 5
          prefixItems: [{type: string}, {type: integer}]
          unevaluatedItems: false
`;

test('mutated 3.1 spec with the JSON Schema keywords: no crash', () => {
  const outcomes = fuzzSpec(KEYWORDS, 'keywords.yaml', ITERATIONS * 4, 3);
  console.log(`fuzz keywords.yaml: ${JSON.stringify(outcomes)}`);
  assert.ok((outcomes.spec ?? 0) > 0 && (outcomes['syntax-error'] ?? 0) > 0, JSON.stringify(outcomes));
});

const REAL = ['pairs/12-netlify-hooks-new-required-query-param/base.yml', 'pairs/03-twilio-events-v1-sinksid-removed/base.yaml'];
// The 1.7 MB JSON spec only in the long run (`npm run fuzz`).
if (LONG) REAL.push('pairs/15-box-path-param-renamed/base.json');
for (const rel of REAL) {
  test(`mutated real spec ${rel}: no crash`, (t) => {
    const file = path.join(corpus, rel);
    if (!existsSync(file)) return t.skip(`corpus not found at ${corpus}`);
    const outcomes = fuzzSpec(readFileSync(file, 'utf8'), file, rel.endsWith('.json') ? Math.ceil(ITERATIONS / 20) : ITERATIONS, 7);
    console.log(`fuzz ${rel}: ${JSON.stringify(outcomes)}`);
    assert.ok((outcomes.spec ?? 0) > 0, `some mutations still load: ${JSON.stringify(outcomes)}`);
  });
}
