// The incremental diff (LiveDiff) must give exactly what a full comparison gives,
// after any sequence of edits: same findings (levels, messages, operations, lines)
// and the same `$ref` problems. Edits are random ones plus the kinds that change
// findings: enum values, required lists, `$ref` targets (including one in the middle
// of a chain), shared parameters, global security, broken references, callbacks,
// the content types of a multipart body's part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compareModels, LiveDiff, loadModel, modelOfParsed, problemsOf, SpecInputError, type Finding, type SpecModel } from '../../server/src/engine/index';
import { parseText, type ParsedText } from '../../server/src/engine/parse/parseText';
import { reparse, type TextEdit } from '../../server/src/engine/parse/incremental';
import { seeded, type Rand } from '../support/mutate';

const corpus = path.resolve(__dirname, '../../../../shared/corpus');

const SPEC = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
security:
  - key: []
paths:
  /pets:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
        - name: sort
          in: query
          schema:
            type: string
            enum: [asc, desc]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Pet'
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Pet'
          multipart/form-data:
            schema:
              $ref: '#/components/schemas/Pet'
            encoding:
              tag:
                contentType: text/plain, application/json
      responses:
        '201':
          description: created
      callbacks:
        onAdopted:
          '{$request.body#/url}':
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/Pet'
              responses:
                '200':
                  description: received
  /pets/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema:
          type: integer
    get:
      responses:
        '200':
          description: one pet
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
    delete:
      responses:
        '204':
          description: gone
  /owners:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
      responses:
        '200':
          description: owners
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Owner'
  /alias:
    get:
      responses:
        '200':
          description: through a chain
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/AliasPet'
  /broken:
    get:
      responses:
        '200':
          description: a reference edits break and mend
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
        '201':
          description: a reference an edit elsewhere can make whole
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Owner/properties/nick'
components:
  securitySchemes:
    key:
      type: apiKey
      in: header
      name: X-Key
  parameters:
    Limit:
      name: limit
      in: query
      required: false
      schema:
        type: integer
        maximum: 100
  schemas:
    AliasPet:
      $ref: '#/components/schemas/Pet'
    Owner:
      type: object
      properties:
        name:
          type: string
        nick:
          type: string
        pet:
          $ref: '#/components/schemas/Pet'
    Pet:
      type: object
      required: [id]
      properties:
        id:
          type: integer
        name:
          type: string
          maxLength: 50
        tag:
          type: string
          enum: [a, b, c]
`;

/** Edits that change findings: [pattern, replacement], applied at one random occurrence, in either direction. */
const SEMANTIC: [string, string][] = [
  ['enum: [a, b, c]', 'enum: [a, b]'],
  ['enum: [asc, desc]', 'enum: [asc]'],
  ['required: [id]', 'required: [id, name]'],
  ["$ref: '#/components/schemas/Pet'", "$ref: '#/components/schemas/Owner'"],
  ["$ref: '#/components/schemas/Missing'", "$ref: '#/components/schemas/Pet'"],
  ['required: false', 'required: true'],
  ['maximum: 100', 'maximum: 10'],
  ['maxLength: 50', 'maxLength: 5'],
  ['type: integer', 'type: string'],
  ['- key: []', '- key: [admin]'],
  ['/owners:', '/people:'],
  ['    delete:', '    remove:'],
  ['required: true\n        content', 'required: false\n        content'],
  // Breaks the reference to Owner/properties/nick (and mends it again): an edit away from the reference.
  ['        nick:\n          type: string\n        pet:\n', '        pet:\n'],
  ['contentType: text/plain, application/json', 'contentType: text/plain'],
  // Callbacks: another URL expression, another name, the callback gone.
  ["'{$request.body#/url}'", "'{$request.body#/hook}'"],
  ['        onAdopted:', '        onAdoption:'],
  ['      callbacks:\n        onAdopted:', '      x-callbacks:\n        onAdopted:'],
];

function semanticEdit(text: string, rand: Rand): TextEdit | undefined {
  const [a, b] = SEMANTIC[Math.floor(rand() * SEMANTIC.length)];
  const [from, to] = rand() < 0.5 ? [a, b] : [b, a];
  const hits: number[] = [];
  for (let i = text.indexOf(from); i !== -1; i = text.indexOf(from, i + 1)) hits.push(i);
  if (hits.length === 0) return undefined;
  const at = hits[Math.floor(rand() * hits.length)];
  return { start: at, end: at + from.length, newText: to };
}

function randomEdit(text: string, rand: Rand): TextEdit {
  const at = Math.floor(rand() * text.length);
  switch (Math.floor(rand() * 4)) {
    case 0:
      return { start: at, end: at, newText: 'x' };
    case 1:
      return { start: at, end: Math.min(text.length, at + 1), newText: '' };
    case 2: {
      const ls = text.lastIndexOf('\n', at - 1) + 1;
      const le = text.indexOf('\n', at);
      return { start: ls, end: le === -1 ? text.length : le + 1, newText: '' };
    }
    default:
      return { start: at, end: at, newText: ': [' };
  }
}

const findingKey = (f: Finding) =>
  JSON.stringify([f.fingerprint, f.rule, f.level, f.message, f.operations, f.revision?.line, f.revision?.column, f.base?.line]);

function fullCheck(base: SpecModel, parsed: ParsedText, file: string) {
  const model = modelOfParsed(parseText(parsed.text, file), file);
  const result = compareModels(base, model);
  return {
    findings: result.findings.map(findingKey).sort(),
    problems: problemsOf(model)
      .map((p) => `${p.line}:${p.column} ${p.message}`)
      .sort(),
  };
}

/** Applies `steps` edits; after each one that parses, the live diff must equal a full check. Returns how the diffs ran. */
function run(text: string, file: string, steps: number, seed: number, semanticShare: number) {
  const rand = seeded(seed);
  const base = loadModel({ text, file }, 'base');
  const live = new LiveDiff();
  let parsed = parseText(text, file);
  const stats = { compared: 0, incremental: 0, withFindings: 0, withProblems: 0 };
  for (let i = 0; i < steps; i++) {
    const edit = (rand() < semanticShare && semanticEdit(parsed.text, rand)) || randomEdit(parsed.text, rand);
    parsed = reparse(parsed, edit, file).parsed;
    // Broken text is repaired now and then (as a user does), which starts a new tree.
    if (parsed.errors.length > 0) {
      if (rand() < 0.5) parsed = parseText(text, file);
      continue;
    }
    let model: SpecModel;
    try {
      model = modelOfParsed(parsed, file);
    } catch (e) {
      if (e instanceof SpecInputError) continue;
      throw e;
    }
    const outcome = live.diff(base, model);
    const result = compareModels(base, model, {}, { diff: () => outcome } as unknown as LiveDiff);
    const got = {
      findings: result.findings.map(findingKey).sort(),
      problems: problemsOf(model, live.refProblems)
        .map((p) => `${p.line}:${p.column} ${p.message}`)
        .sort(),
    };
    assert.deepEqual(got, fullCheck(base, parsed, file), `seed ${seed}, step ${i} (${outcome.mode}, compared ${outcome.compared} operations)`);
    stats.compared++;
    if (outcome.mode === 'incremental') stats.incremental++;
    if (got.findings.length) stats.withFindings++;
    if (got.problems.length) stats.withProblems++;
  }
  return stats;
}

test('the live diff equals a full check after random and meaningful edits (small spec, YAML and JSON)', () => {
  const total = { compared: 0, incremental: 0, withFindings: 0, withProblems: 0 };
  const json = JSON.stringify(require('yaml').parse(SPEC), null, 2);
  for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 12); seed++) {
    for (const [text, file] of [
      [SPEC, 'pets.yaml'],
      [json, 'pets.json'],
    ]) {
      const s = run(text, file, 60, seed, 0.6);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
    }
  }
  // The comparisons must have exercised the incremental path, with findings and problems to get right.
  assert.ok(total.compared > 400, JSON.stringify(total));
  assert.ok(total.incremental > total.compared / 5, JSON.stringify(total));
  assert.ok(total.withFindings > total.compared / 2, JSON.stringify(total));
  assert.ok(total.withProblems > 50, JSON.stringify(total));
});

/** A 3.1 spec whose schemas use the JSON Schema keywords compared by their own rules (bounds, contains, prefixItems, ...). */
const KEYWORDS_SPEC = `openapi: 3.1.0
info:
  title: Keywords
  version: 1.0.0
paths:
  /boxes:
    post:
      parameters:
        - name: size
          in: query
          schema:
            type: [integer, string]
            exclusiveMinimum: 0
            multipleOf: 2
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Box'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Box'
  /labels:
    get:
      responses:
        '200':
          description: labels
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Label'
${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => `  /plain${i}:\n    get:\n      responses:\n        '200':\n          description: untouched by the keyword edits\n          content:\n            application/json:\n              schema:\n                type: string\n`).join('')}components:
  schemas:
    Label:
      oneOf:
        - type: string
        - type: integer
    Box:
      type: object
      minProperties: 1
      maxProperties: 10
      patternProperties:
        '^x-':
          type: string
          maxLength: 9
      propertyNames:
        maxLength: 20
      dependentRequired:
        card: [billing]
      dependentSchemas:
        card:
          required: [zip]
      if:
        required: [kind]
      then:
        required: [name]
      else:
        required: [id]
      unevaluatedProperties: false
      properties:
        weight:
          type: number
          exclusiveMaximum: 100
          minimum: 0
          multipleOf: 0.5
        tags:
          type: array
          contains:
            $ref: '#/components/schemas/Label'
          minContains: 1
          maxContains: 5
          prefixItems:
            - type: string
            - type: integer
          unevaluatedItems: false
        code:
          $ref: '#/components/schemas/Code'
        kind:
          type: string
          const: a
        shape:
          oneOf:
            - type: number
            - type: object
              required: [id]
              properties:
                id:
                  type: string
        size:
          type: string
          enum: [s, m]
        note:
          type: [string, 'null']
        pick:
          oneOf:
            - {type: object, title: Near, properties: {radius: {type: integer, maximum: 9}}}
            - {type: object, title: Far, properties: {city: {type: string}}}
        lid:
          allOf:
            - type: object
              properties:
                hinge:
                  type: string
            - type: object
              properties:
                latch:
                  type: integer
    Code:
      anyOf:
        - type: string
          maxLength: 8
        - type: string
          enum: ['']
`;

/** Edits of those keywords (never to an empty text: semanticEdit looks for the text to replace); Label is reached through a contains, so edits there reach through it. */
const KEYWORD_EDITS: [string, string][] = [
  ['exclusiveMaximum: 100', 'exclusiveMaximum: 50'],
  ['exclusiveMaximum: 100', 'maximum: 100'],
  ['exclusiveMinimum: 0', 'exclusiveMinimum: 1'],
  ['multipleOf: 0.5', 'multipleOf: 0.25'],
  ['multipleOf: 2', 'multipleOf: 3'],
  ['maxProperties: 10', 'maxProperties: 5'],
  ['minProperties: 1', 'minProperties: 2'],
  ['          minContains: 1\n', '          minItems: 1\n'],
  ['maxContains: 5', 'maxContains: 2'],
  ["          contains:\n            $ref: '#/components/schemas/Label'\n", "          items:\n            $ref: '#/components/schemas/Label'\n"],
  ['            - type: integer\n          unevaluatedItems', '          unevaluatedItems'],
  ['            - type: string\n            - type: integer\n', '            - type: string\n            - type: boolean\n'],
  ['unevaluatedItems: false', 'unevaluatedItems: true'],
  ['unevaluatedProperties: false', 'unevaluatedProperties: {type: string}'],
  ['        - type: integer\n    Box', '        - type: integer\n        - type: boolean\n    Box'],
  ['type: [integer, string]', 'type: [integer]'],
  ["'^x-':", "'^y-':"],
  ['maxLength: 9', 'maxLength: 4'],
  ['propertyNames:\n        maxLength: 20', 'propertyNames:\n        maxLength: 10'],
  ['card: [billing]', 'card: [billing, zip]'],
  ['          required: [zip]\n', '          required: [zip]\n          maxProperties: 3\n'],
  ['        required: [kind]', '        required: [sort]'],
  ['      then:\n        required: [name]\n', '      description: no then\n'],
  ['        required: [id]', '        required: [id, name]'],
  ["      anyOf:\n        - type: string\n          maxLength: 8\n        - type: string\n          enum: ['']\n", '      type: string\n      maxLength: 8\n'],
  ['maxLength: 8', 'maxLength: 6'],
  ['const: a', 'enum: [a, b]'],
  [
    '          oneOf:\n            - type: number\n            - type: object\n              required: [id]\n              properties:\n                id:\n                  type: string\n',
    '          type: [number, object]\n          properties:\n            id:\n              type: string\n',
  ],
  ['              required: [id]\n', '              maxProperties: 2\n'],
  ['          enum: [s, m]\n', '          enum: [s, m]\n          maxLength: 1\n'],
  [
    '            - {type: object, title: Near, properties: {radius: {type: integer, maximum: 9}}}\n            - {type: object, title: Far, properties: {city: {type: string}}}\n',
    '            - {type: object, title: Far, properties: {city: {type: string}}}\n            - {type: object, title: Near, properties: {radius: {type: integer, maximum: 5}}}\n',
  ],
  ["          type: [string, 'null']\n", '          description: free text\n'],
  [
    '          allOf:\n            - type: object\n              properties:\n                hinge:\n                  type: string\n            - type: object\n              properties:\n                latch:\n                  type: integer\n',
    '          type: object\n          properties:\n            hinge:\n              type: string\n            latch:\n              type: integer\n',
  ],
];

test('the live diff equals a full check after edits of the JSON Schema keywords (3.1, YAML and JSON)', () => {
  // Every edit changes findings on its own (so the random walk exercises the keyword rules).
  const base = loadModel({ text: KEYWORDS_SPEC, file: 'keywords.yaml' }, 'base');
  for (const [from, to] of KEYWORD_EDITS) {
    assert.ok(KEYWORDS_SPEC.includes(from), from);
    const edited = loadModel({ text: KEYWORDS_SPEC.replace(from, to), file: 'keywords.yaml' }, 'revision');
    assert.ok(compareModels(base, edited).findings.length > 0, `${JSON.stringify(from)} -> ${JSON.stringify(to)} gives no finding`);
  }
  const total = { compared: 0, incremental: 0, withFindings: 0, withProblems: 0 };
  const json = JSON.stringify(require('yaml').parse(KEYWORDS_SPEC), null, 2);
  const saved = SEMANTIC.splice(0, SEMANTIC.length, ...KEYWORD_EDITS);
  try {
    for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 6); seed++) {
      const s = run(KEYWORDS_SPEC, 'keywords.yaml', 60, seed, 0.7);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
    }
    // The JSON text has other spellings: a few of the edits still apply there (keys, scalars), the rest are random edits.
    for (let seed = 1; seed <= 2; seed++) run(json, 'keywords.json', 60, seed, 0.7);
  } finally {
    SEMANTIC.splice(0, SEMANTIC.length, ...saved);
  }
  assert.ok(total.compared > 200, JSON.stringify(total));
  assert.ok(total.incremental > total.compared / 3, JSON.stringify(total));
  assert.ok(total.withFindings > total.compared / 2, JSON.stringify(total));
  console.log(`keyword edits: ${JSON.stringify(total)}`);
});

/** Structure, embedded content, parameters, media types and security schemes (an edit in components/securitySchemes concerns every operation). */
/** Eight small operations beside the ones edited: an incremental diff must leave their findings alone. */
const OTHER_PATHS = Array.from(
  { length: 8 },
  (_, i) =>
    `  /other${i + 1}:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {n: {type: integer, maximum: ${i + 1}}}}}}}`,
).join('\n');

const STRUCTURE_SPEC = `openapi: 3.1.0
info: {title: Structure, version: 1.0.0}
security:
  - key: []
paths:
  /docs/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema: {type: string}
    post:
      security:
        - oauth: [read]
      parameters:
        - name: filter
          in: query
          style: deepObject
          allowEmptyValue: true
          schema:
            type: object
            properties:
              kind: {type: string, enum: [a, b], x-extensible-enum: [x, y]}
        - name: X-Meta
          in: header
          schema:
            type: object
            properties:
              tag: {type: string}
        - {name: ids, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Doc'
          application/octet-stream: {}
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Doc'}}
      responses:
        '200':
          description: ok
          headers:
            X-Rate: {schema: {type: integer}}
          content:
            application/problem+json:
              schema:
                $ref: '#/components/schemas/Doc'
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - $ref: '#/components/schemas/Doc'
${OTHER_PATHS}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: {read: read, write: write}
  schemas:
    Doc:
      type: object
      required: [id]
      discriminator: {propertyName: kind, mapping: {a: '#/components/schemas/Doc'}}
      properties:
        id: {type: string, readOnly: true}
        kind: {type: string}
        secret: {type: string, writeOnly: true}
        body: {type: string, contentMediaType: text/html, contentEncoding: base64}
        parts:
          type: array
          items: {type: string, maxLength: 10}
    Legacy: {type: object}
    Copy:
      type: object
      required: [ id ]
    Id:
      type: "string"
`;

const STRUCTURE_EDITS: [string, string][] = [
  ['contentMediaType: text/html', 'contentMediaType: text/plain'],
  ['contentEncoding: base64}', 'contentEncoding: base64, contentSchema: {type: object}}'],
  ['x-extensible-enum: [x, y]', 'x-extensible-enum: [x]'],
  ['enum: [a, b]', 'enum: [a]'],
  ["mapping: {a: '#/components/schemas/Doc'}", "mapping: {b: '#/components/schemas/Doc'}"],
  ['propertyName: kind', 'propertyName: type'],
  ['                oneOf:\n', '                allOf:\n'],
  [
    "              $ref: '#/components/schemas/Doc'\n          application/octet-stream",
    "              oneOf: [{$ref: '#/components/schemas/Doc'}, {type: string}]\n          application/octet-stream",
  ],
  ['application/octet-stream: {}', 'application/octet-stream: {schema: {type: string}}'],
  ['application/problem+json:', 'application/json:'],
  ['allowEmptyValue: true', 'allowEmptyValue: false'],
  ['id: {type: string, readOnly: true}', 'id: {type: string}'],
  ['secret: {type: string, writeOnly: true}', 'secret: {type: string}'],
  ['tag: {type: string}', 'tag: {type: string, enum: [t]}'],
  ['X-Rate: {schema: {type: integer}}', 'X-Other: {schema: {type: integer}}'],
  ['items: {type: string, maxLength: 10}', 'items: {type: string, maxLength: 5}'],
  ['    parameters:\n      - name: id', '    parameters:\n      - {name: trace, in: query, required: true, schema: {type: string}}\n      - name: id'],
  ['key: {type: apiKey, in: header, name: X-Key}', 'key: {type: apiKey, in: query, name: key}'],
  ['key: {type: apiKey, in: header, name: X-Key}', 'key: {type: http, scheme: bearer}'],
  ['tokenUrl: https://auth.example.com/token', 'tokenUrl: https://auth.example.com/v2/token'],
  ['scopes: {read: read, write: write}', 'scopes: {write: write}'],
  ['- oauth: [read]', '- oauth: [read, write]'],
  ['- key: []', '- key: []\n    oauth: [read]'],
  ['maximum: 3}', 'maximum: 2}'],
  // Values as text (form fields, headers) against JSON: one schema, judged per media type.
  ['kind: {type: string}', 'kind: {type: integer}'],
  ['X-Rate: {schema: {type: integer}}', 'X-Rate: {schema: {type: string}}'],
  ['application/x-www-form-urlencoded:', 'application/xml:'],
  ['tag: {type: string}', 'tag: {type: boolean}'],
  ['secret: {type: string, writeOnly: true}', "secret: {type: string, writeOnly: true, not: {enum: ['']}}"],
  // Off the wire (readOnly in requests, writeOnly in responses): the same schema judged per direction, and what nests in it.
  ['        parts:\n', '        parts:\n          writeOnly: true\n'],
  ['        parts:\n', '        parts:\n          readOnly: true\n'],
  ['id: {type: string, readOnly: true}', 'id: {type: integer, readOnly: true}'],
  ['secret: {type: string, writeOnly: true}', 'secret: {type: string, writeOnly: true, enum: [s]}'],
  // Verdicts proven by reading schemas through $refs that no pair compares: an edit there must reach them.
  [
    "              $ref: '#/components/schemas/Doc'\n          application/octet-stream",
    "              oneOf: [{$ref: '#/components/schemas/Doc'}, {$ref: '#/components/schemas/Copy'}]\n          application/octet-stream",
  ],
  ['required: [ id ]', 'required: [ name ]'],
  ['{name: ids, in: query, schema: {type: string}}', "{name: ids, in: query, schema: {type: array, items: {$ref: '#/components/schemas/Id'}}}"],
  ['type: "string"', 'type: "integer"'],
  // A component no operation uses, removed and renamed.
  ['    Legacy: {type: object}\n', '    # Legacy: gone\n'],
  ['    Legacy: {type: object}', '    Legacy2: {type: object}'],
];

test('the live diff equals a full check after edits to structure, content, parameters, media types and security schemes', () => {
  const total = { compared: 0, incremental: 0, withFindings: 0, withProblems: 0 };
  const json = JSON.stringify(require('yaml').parse(STRUCTURE_SPEC), null, 2);
  const saved = SEMANTIC.splice(0, SEMANTIC.length, ...STRUCTURE_EDITS);
  try {
    for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 12); seed++) {
      for (const [text, file] of [
        [STRUCTURE_SPEC, 'docs.yaml'],
        [json, 'docs.json'],
      ]) {
        // JSON has other spacing: the edits hit the YAML text, random ones both.
        const s = run(text, file, 50, 100 + seed, file.endsWith('.yaml') ? 0.7 : 0);
        for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
      }
    }
  } finally {
    SEMANTIC.splice(0, SEMANTIC.length, ...saved);
  }
  assert.ok(total.compared > 300, JSON.stringify(total));
  assert.ok(total.incremental > total.compared / 5, JSON.stringify(total));
  assert.ok(total.withFindings > total.compared / 2, JSON.stringify(total));
});

test('the live diff equals a full check on real specs', (t) => {
  const files = ['pairs/05-twilio-insights-v1-response-enum-narrowed/base.yaml', 'pairs/07-twilio-trunking-v1-capabilities-and-202/base.yaml'].map((f) =>
    path.join(corpus, f),
  );
  if (!files.every(existsSync)) return t.skip(`corpus not found at ${corpus}`);
  for (const [i, file] of files.entries()) {
    // Random edits there delete lines (enum values, properties, required entries), type into keys and values, break the syntax.
    const s = run(readFileSync(file, 'utf8'), file, 60, 5 + i, 0);
    assert.ok(s.compared > 20 && s.incremental > s.compared / 3 && s.withFindings > 5, `${file}: ${JSON.stringify(s)}`);
  }
});

test('an edit in one operation re-compares only that operation', () => {
  const file = 'pets.yaml';
  const base = loadModel({ text: SPEC, file }, 'base');
  const live = new LiveDiff();
  let parsed = parseText(SPEC, file);
  assert.equal(live.diff(base, modelOfParsed(parsed, file)).mode, 'full');
  const at = SPEC.indexOf('enum: [asc, desc]');
  parsed = reparse(parsed, { start: at, end: at + 'enum: [asc, desc]'.length, newText: 'enum: [asc]' }, file).parsed;
  const outcome = live.diff(base, modelOfParsed(parsed, file));
  assert.equal(outcome.mode, 'incremental');
  assert.equal(outcome.compared, 1);
  const result = compareModels(base, modelOfParsed(parsed, file), {}, { diff: () => outcome } as unknown as LiveDiff);
  assert.deepEqual(
    result.findings.map((f) => [f.rule, f.operations]),
    [['request-parameter-enum-value-removed', ['GET /pets']]],
  );
});

test('a verdict proven by reading schemas through $refs that no pair compares follows edits there', () => {
  const text = `openapi: 3.1.0
info: {title: Proofs, version: 1.0.0}
paths:
  /a:
    post:
      parameters:
        - {name: ids, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Doc'
      responses:
        '200': {description: ok}
  /b:
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ExtendsBase'}
      responses:
        '200': {description: ok}
${OTHER_PATHS}
components:
  schemas:
    Copy:
      type: object
    Id:
      type: string
    Doc: {type: object, required: [id], properties: {id: {type: string}}}
    Plain: {type: object, properties: {metrics: {type: object, properties: {cpu: {type: integer}}}}}
    Base:
      type: object
      properties:
        metrics:
          type: object
          properties:
            cpu: {type: integer}
    ExtendsBase:
      allOf: [{$ref: '#/components/schemas/Plain'}]
`;
  const file = 'proofs.yaml';
  const base = loadModel({ text, file }, 'base');
  const live = new LiveDiff();
  let parsed = parseText(text, file);
  live.diff(base, modelOfParsed(parsed, file));
  const steps: [string, string, string, string][] = [
    // Both oneOf branches accept every old body (an error), until Copy becomes a string (a warning).
    [
      'schema:\n              ',
      "$ref: '#/components/schemas/Doc'",
      "oneOf: [{$ref: '#/components/schemas/Doc'}, {$ref: '#/components/schemas/Copy'}]",
      'request-body-wrapped-in-one-of error',
    ],
    ['Copy:\n      type: ', 'object', 'string', 'request-body-wrapped-in-one-of warning'],
    // A query parameter that became a list of Id takes every old value, until Id becomes an integer.
    ['name: ids, in: query, schema: ', '{type: string}', "{type: array, items: {$ref: '#/components/schemas/Id'}}", 'request-parameter-type-generalized info'],
    ['Id:\n      type: ', 'string', 'integer', 'request-parameter-type-changed error'],
    // A property defined in two allOf branches is compared with the definition naming its old properties, read through Base.
    [
      'ExtendsBase:\n      ',
      "allOf: [{$ref: '#/components/schemas/Plain'}]",
      "allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {metrics: {type: object, properties: {rps: {type: integer}}}}}]",
      'request-body-all-of-added info',
    ],
    ['          properties:\n            ', 'cpu', 'gpu', 'request-property-removed warning'],
    ['          properties:\n            ', 'gpu', 'cpu', 'request-body-all-of-added info'],
    // Base, the branch compared with the old schema, gains a bound: found through Base.
    ['            cpu: {type: integer', '', ', maximum: 9', 'request-property-max-set warning'],
  ];
  for (const [before, from, to, expected] of steps) {
    const at = parsed.text.indexOf(before + from) + before.length;
    parsed = reparse(parsed, { start: at, end: at + from.length, newText: to }, file).parsed;
    const model = modelOfParsed(parsed, file);
    const outcome = live.diff(base, model);
    const got = compareModels(base, model, {}, { diff: () => outcome } as unknown as LiveDiff)
      .findings.map(findingKey)
      .sort();
    assert.deepEqual(got, fullCheck(base, parsed, file).findings, `after ${from} -> ${to}`);
    assert.ok(
      got.some((f) => f.includes(JSON.stringify(expected.split(' ')[0]) + ',' + JSON.stringify(expected.split(' ')[1]))),
      `${expected} after ${from} -> ${to}: ${got}`,
    );
    if (!to.includes('$ref')) assert.equal(outcome.mode, 'incremental', `an edit inside a component is compared incrementally (${from} -> ${to})`);
  }
});

test('an edit in a shared schema re-compares the operations that reach it, an edit in info none', () => {
  const file = 'pets.yaml';
  const base = loadModel({ text: SPEC, file }, 'base');
  const live = new LiveDiff();
  let parsed = parseText(SPEC, file);
  live.diff(base, modelOfParsed(parsed, file));
  let at = SPEC.indexOf('maxLength: 50');
  parsed = reparse(parsed, { start: at, end: at + 13, newText: 'maxLength: 5' }, file).parsed;
  let outcome = live.diff(base, modelOfParsed(parsed, file));
  // Pet is reached by GET /pets, POST /pets and its callback, GET /pets/{id}, GET /owners (through Owner) and GET /alias (through AliasPet).
  assert.deepEqual([outcome.mode, outcome.compared], ['full', 8], 'more than a quarter of the operations: all compared');
  at = parsed.text.indexOf('title: Pets');
  parsed = reparse(parsed, { start: at, end: at + 11, newText: 'title: Cats' }, file).parsed;
  outcome = live.diff(base, modelOfParsed(parsed, file));
  assert.deepEqual([outcome.mode, outcome.compared], ['incremental', 0]);
});

test('a multi-file spec is compared whole: an edit in a referenced file shows although the root did not change', () => {
  const root = `openapi: 3.0.3
info: {title: t, version: 1.0.0}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: './pet.yaml'
`;
  const petBefore = 'type: object\nproperties:\n  name: {type: string}\n  age: {type: integer}\n';
  const loaderOf = (files: Map<string, string>) => (_from: string, rel: string) => {
    const text = files.get(rel.replace(/^\.\//, ''));
    if (text === undefined) return undefined;
    const parsed = parseText(text, rel);
    return { root: parsed.root!, file: rel, lines: parsed.lines };
  };
  const base = loadModel({ text: root, file: 'openapi.yaml', external: loaderOf(new Map([['pet.yaml', petBefore]])) }, 'base');
  const files = new Map([['pet.yaml', petBefore]]);
  const loader = loaderOf(files);
  const live = new LiveDiff();
  const parsed = parseText(root, 'openapi.yaml');
  assert.equal(compareModels(base, modelOfParsed(parsed, 'openapi.yaml', loader), {}, live).findings.length, 0);
  files.set('pet.yaml', 'type: object\nproperties:\n  name: {type: string}\n');
  const after = compareModels(base, modelOfParsed(parsed, 'openapi.yaml', loader), {}, live);
  assert.deepEqual(
    after.findings.map((f) => f.rule),
    ['response-optional-property-removed'],
  );
});

/**
 * Deprecation, sunset, stability, pattern and closed-schema facts in three operations, beside six that
 * no edit touches (so edits stay incremental: a diff that would compare more than a quarter of the
 * operations again is a full one); Owner is extended by a closed schema in a body closed at its top
 * (POST /pets) and is an open body itself (PUT /owners).
 */
const LIFECYCLE_SPEC = `openapi: 3.0.3
info: {title: t, version: '1.0.0'}
paths:
  /pets:
    get:
      deprecated: true
      x-sunset: '2031-01-01'
      x-stability-level: beta
      parameters:
        - name: limit
          in: query
          deprecated: true
          x-sunset: '2031-02-01'
          schema: {type: integer}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                name: {type: string, pattern: '^[a-z]+'}
                tag: {type: string, x-stability-level: stable}
                owner: {allOf: [{$ref: '#/components/schemas/Owner'}], additionalProperties: false}
      responses:
        '201': {description: created}
  /owners:
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Owner'}
      responses:
        '204': {description: stored}
  /a: {get: {responses: {'200': {description: ok}}}}
  /b: {get: {responses: {'200': {description: ok}}}}
  /c: {get: {responses: {'200': {description: ok}}}}
  /d: {get: {responses: {'200': {description: ok}}}}
  /e: {get: {responses: {'200': {description: ok}}}}
  /f: {get: {responses: {'200': {description: ok}}}}
components:
  schemas:
    Owner:
      type: object
      properties:
        email: {type: string}
    Pet:
      type: object
      properties:
        id: {type: integer}
        tag: {type: string, deprecated: true}
`;

// No empty side: the random walk applies edits both ways and would look for '' everywhere.
const LIFECYCLE_EDITS: [string, string][] = [
  ["      x-sunset: '2031-01-01'\n", '      summary: s\n'],
  ["x-sunset: '2031-01-01'", "x-sunset: '2020-01-01'"],
  ["x-sunset: '2031-02-01'", "x-sunset: '2020-02-01'"],
  ["          x-sunset: '2031-02-01'\n", '          description: d\n'],
  ['x-stability-level: beta', 'x-stability-level: alpha'],
  ['x-stability-level: beta', 'x-stability-level: stable'],
  ['x-stability-level: beta', 'x-stability-level: gamma'],
  ['x-stability-level: stable}', 'x-stability-level: beta}'],
  ["pattern: '^[a-z]+'", "pattern: '.*'"],
  ["pattern: '^[a-z]+'", "pattern: '^[a-z0-9]+'"],
  ['                tag: {type: string, x-stability-level: stable}\n', '                label: {type: string}\n'],
  ['          deprecated: true\n          x-sunset', '          x-sunset'],
  ['        tag: {type: string, deprecated: true}\n', '        label: {type: string}\n'],
  ['        id: {type: integer}', '        id: {type: string}'],
  ['        email: {type: string}\n', '        phone: {type: string}\n'],
  ['              additionalProperties: false\n', '              description: open\n'],
  ['    Owner:\n      type: object\n', '    Owner:\n      type: object\n      required: [email]\n'],
];

test('the live diff equals a full check after deprecation, sunset, stability and pattern edits (YAML and JSON)', () => {
  const base = loadModel({ text: LIFECYCLE_SPEC, file: 'lifecycle.yaml' }, 'base');
  for (const [from, to] of LIFECYCLE_EDITS) {
    assert.ok(LIFECYCLE_SPEC.includes(from), from);
    const edited = loadModel({ text: LIFECYCLE_SPEC.replace(from, () => to), file: 'lifecycle.yaml' }, 'revision');
    assert.ok(compareModels(base, edited).findings.length > 0, `${JSON.stringify(from)} -> ${JSON.stringify(to)} gives no finding`);
  }
  const total = { compared: 0, incremental: 0, withFindings: 0, withProblems: 0 };
  const json = JSON.stringify(require('yaml').parse(LIFECYCLE_SPEC), null, 2);
  const saved = SEMANTIC.splice(0, SEMANTIC.length, ...LIFECYCLE_EDITS);
  try {
    for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 4); seed++) {
      const s = run(LIFECYCLE_SPEC, 'lifecycle.yaml', 50, seed, 0.7);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
    }
    run(json, 'lifecycle.json', 40, 1, 0.7);
  } finally {
    SEMANTIC.splice(0, SEMANTIC.length, ...saved);
  }
  assert.ok(total.compared > 100, JSON.stringify(total));
  assert.ok(total.withFindings > total.compared / 2, JSON.stringify(total));
  console.log(`lifecycle edits: ${JSON.stringify(total)}`);
});
