// One fixture pair per rule family, each run as YAML and as JSON. A shared
// template keeps the pairs short: only the slot under test differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, sameInBothFormats, only, rules } from '../support/engineHarness';

interface Slots {
  params?: string;
  requestSchema?: string;
  responseSchema?: string;
  responses?: string;
  extraPaths?: string;
  security?: string;
  opExtra?: string;
}

const DEFAULT_REQUEST = `
                type: object
                properties:
                  name:
                    type: string`;
const DEFAULT_RESPONSE = `
                type: object
                required: [id]
                properties:
                  id:
                    type: integer
                  name:
                    type: string`;

function spec(s: Slots = {}): string {
  return `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets/{petId}:
    post:
      operationId: updatePet${s.opExtra ?? ''}${s.security ?? ''}
      parameters:
        - name: petId
          in: path
          required: true
          schema:
            type: string${s.params ?? ''}
      requestBody:
        content:
          application/json:
            schema:${s.requestSchema ?? DEFAULT_REQUEST}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:${s.responseSchema ?? DEFAULT_RESPONSE}${s.responses ?? ''}
${s.extraPaths ?? ''}`;
}

function check(base: Slots, revision: Slots) {
  return sameInBothFormats(diffPair(spec(base), spec(revision)));
}

test('identical specs produce no findings', () => {
  assert.deepEqual(check({}, {}), []);
});

test('removing an operation is breaking and anchored on the surviving path', () => {
  const base = spec({}).replace('paths:\n', 'paths:\n  /pets:\n    get:\n      responses:\n        "200":\n          description: ok\n');
  const rev = spec({}).replace(
    'paths:\n',
    'paths:\n  /pets:\n    get:\n      responses:\n        "200":\n          description: ok\n    delete:\n      responses:\n        "204":\n          description: gone\n',
  );
  const f = sameInBothFormats(diffPair(rev, base));
  const removed = only(f, 'api-removed-without-deprecation');
  assert.equal(removed.level, 'error');
  assert.equal(removed.pointer, '/paths/~1pets');
  assert.equal(removed.operation, 'DELETE /pets');
  assert.equal(removed.base?.pointer, '/paths/~1pets/delete');
});

test('removing a whole path reports one path removal, not one per operation', () => {
  const base = spec({ extraPaths: '  /owners:\n    get:\n      responses:\n        "200":\n          description: ok\n' });
  const f = sameInBothFormats(diffPair(base, spec({})));
  assert.deepEqual(rules({ findings: f, problems: [], summary: { error: 0, warning: 0, info: 0 } }), ['api-path-removed-without-deprecation']);
});

test('renaming a path parameter is not a removal (same endpoint)', () => {
  const rev = spec({}).replace(/petId/g, 'id');
  assert.deepEqual(sameInBothFormats(diffPair(spec({}), rev)), []);
});

test('new required query parameter is an error; optional is info', () => {
  const req = check({}, { params: '\n        - name: q\n          in: query\n          required: true\n          schema:\n            type: string' });
  assert.equal(only(req, 'new-required-request-parameter').level, 'error');
  const opt = check({}, { params: '\n        - name: q\n          in: query\n          schema:\n            type: string' });
  assert.equal(only(opt, 'new-optional-request-parameter').level, 'info');
});

test('removed parameter and parameter that became required', () => {
  const q = (required: boolean) => `\n        - name: q\n          in: query\n          required: ${required}\n          schema:\n            type: string`;
  assert.equal(only(check({ params: q(false) }, {}), 'request-parameter-removed').level, 'error');
  const became = only(check({ params: q(false) }, { params: q(true) }), 'request-parameter-became-required');
  assert.equal(became.level, 'error');
  assert.match(became.pointer, /\/parameters\/1\/required$/);
  assert.equal(only(check({ params: q(true) }, { params: q(false) }), 'request-parameter-became-optional').level, 'info');
});

test('parameter default value change is breaking for requests', () => {
  const p = (d: number) => `\n        - name: limit\n          in: query\n          schema:\n            type: integer\n            default: ${d}`;
  assert.equal(only(check({ params: p(10) }, { params: p(20) }), 'request-parameter-default-value-changed').level, 'error');
});

test('request enum narrowed is an error, response enum narrowed is info', () => {
  const reqEnum = (vals: string) =>
    `\n                type: object\n                properties:\n                  kind:\n                    type: string\n                    enum: [${vals}]`;
  const f = check({ requestSchema: reqEnum('cat, dog, bird') }, { requestSchema: reqEnum('cat, dog') });
  const removed = only(f, 'request-property-enum-value-removed');
  assert.equal(removed.level, 'error');
  assert.match(removed.message, /"bird"/);
  const resEnum = (vals: string) =>
    `\n                type: object\n                properties:\n                  kind:\n                    type: string\n                    enum: [${vals}]`;
  const g = check({ responseSchema: resEnum('cat, dog, bird') }, { responseSchema: resEnum('cat, dog') });
  assert.equal(only(g, 'response-property-enum-value-removed').level, 'info');
  const h = check({ responseSchema: resEnum('cat') }, { responseSchema: resEnum('cat, dog') });
  assert.equal(only(h, 'response-property-enum-value-added').level, 'warning');
});

test('response property removal: required is error, optional is warning', () => {
  const noName =
    '\n                type: object\n                required: [id]\n                properties:\n                  id:\n                    type: integer';
  assert.equal(only(check({}, { responseSchema: noName }), 'response-optional-property-removed').level, 'warning');
  const noId = '\n                type: object\n                properties:\n                  name:\n                    type: string';
  const f = check({}, { responseSchema: noId });
  const removed = only(f, 'response-required-property-removed');
  assert.equal(removed.level, 'error');
  assert.match(removed.pointer, /\/properties$/);
  assert.match(removed.base!.pointer, /\/properties\/id$/);
});

test('deprecated property removal is info', () => {
  const dep =
    '\n                type: object\n                required: [id]\n                properties:\n                  id:\n                    type: integer\n                  name:\n                    type: string\n                    deprecated: true';
  const noName =
    '\n                type: object\n                required: [id]\n                properties:\n                  id:\n                    type: integer';
  assert.equal(only(check({ responseSchema: dep }, { responseSchema: noName }), 'response-property-removed-with-deprecation').level, 'info');
});

test('new required request property is an error; request property became required too', () => {
  const withAge = (req: string) =>
    `\n                type: object\n                ${req}\n                properties:\n                  name:\n                    type: string\n                  age:\n                    type: integer`;
  const f = check({}, { requestSchema: withAge('required: [age]') });
  assert.equal(only(f, 'new-required-request-property').level, 'error');
  const g = check({ requestSchema: withAge('required: [name]') }, { requestSchema: withAge('required: [name, age]') });
  assert.equal(only(g, 'request-property-became-required').level, 'error');
  const h = check({ responseSchema: withAge('required: [name, age]') }, { responseSchema: withAge('required: [name]') });
  assert.equal(only(h, 'response-property-became-optional').level, 'error');
});

test('type changed vs generalized depends on direction', () => {
  const t = (type: string) => `\n                type: object\n                properties:\n                  n:\n                    type: ${type}`;
  assert.equal(only(check({ requestSchema: t('integer') }, { requestSchema: t('number') }), 'request-property-type-generalized').level, 'info');
  assert.equal(only(check({ requestSchema: t('number') }, { requestSchema: t('integer') }), 'request-property-type-specialized').level, 'error');
  assert.equal(only(check({ responseSchema: t('integer') }, { responseSchema: t('number') }), 'response-property-type-generalized').level, 'error');
  assert.equal(only(check({ requestSchema: t('string') }, { requestSchema: t('boolean') }), 'request-property-type-changed').level, 'error');
});

test('nullable: 3.0 nullable and 3.1 type arrays are one concept', () => {
  const n30 = (nullable: boolean) =>
    `\n                type: object\n                properties:\n                  n:\n                    type: string\n                    nullable: ${nullable}`;
  assert.equal(only(check({ responseSchema: n30(false) }, { responseSchema: n30(true) }), 'response-property-became-nullable').level, 'error');
  assert.equal(only(check({ requestSchema: n30(true) }, { requestSchema: n30(false) }), 'request-property-became-not-nullable').level, 'error');
  const t31 = (types: string) => `\n                type: object\n                properties:\n                  n:\n                    type: ${types}`;
  const f = check({ responseSchema: t31('string') }, { responseSchema: t31('[string, "null"]') });
  assert.deepEqual(
    f.map((x) => x.rule),
    ['response-property-became-nullable'],
  );
});

test('constraints tightened on requests and loosened on responses', () => {
  const c = (kw: string, v: number) =>
    `\n                type: object\n                properties:\n                  s:\n                    type: string\n                    ${kw}: ${v}`;
  assert.equal(
    only(check({ requestSchema: c('maxLength', 10) }, { requestSchema: c('maxLength', 5) }), 'request-property-max-length-decreased').level,
    'error',
  );
  assert.equal(only(check({ requestSchema: c('minLength', 1) }, { requestSchema: c('minLength', 3) }), 'request-property-min-length-increased').level, 'error');
  assert.equal(
    only(check({ responseSchema: c('maxLength', 5) }, { responseSchema: c('maxLength', 10) }), 'response-property-max-length-increased').level,
    'error',
  );
  assert.equal(only(check({ requestSchema: c('maxLength', 5) }, { requestSchema: c('maxLength', 10) }), 'request-property-max-length-increased').level, 'info');
  const n = (kw: string, v: number) =>
    `\n                type: object\n                properties:\n                  n:\n                    type: integer\n                    ${kw}: ${v}`;
  assert.equal(only(check({ requestSchema: n('maximum', 100) }, { requestSchema: n('maximum', 50) }), 'request-property-max-decreased').level, 'error');
  assert.equal(only(check({ requestSchema: n('minimum', 0) }, { requestSchema: n('minimum', 1) }), 'request-property-min-increased').level, 'error');
  const a = (kw: string, v: number) =>
    `\n                type: object\n                properties:\n                  a:\n                    type: array\n                    items:\n                      type: string\n                    ${kw}: ${v}`;
  assert.equal(only(check({ requestSchema: a('minItems', 0) }, { requestSchema: a('minItems', 1) }), 'request-property-min-items-increased').level, 'error');
  assert.equal(only(check({ requestSchema: a('maxItems', 10) }, { requestSchema: a('maxItems', 3) }), 'request-property-max-items-decreased').level, 'error');
});

test('pattern and const', () => {
  const p = (extra: string) => `\n                type: object\n                properties:\n                  s:\n                    type: string${extra}`;
  assert.equal(
    only(check({ requestSchema: p('') }, { requestSchema: p("\n                    pattern: '^[a-z]+$'") }), 'request-property-pattern-added').level,
    'error',
  );
  assert.equal(
    only(
      check({ requestSchema: p("\n                    pattern: '^a'") }, { requestSchema: p("\n                    pattern: '^b'") }),
      'request-property-pattern-changed',
    ).level,
    'warning',
  );
  assert.equal(
    only(check({ requestSchema: p('') }, { requestSchema: p('\n                    const: fixed') }), 'request-property-const-added').level,
    'error',
  );
  assert.equal(
    only(check({ responseSchema: p('\n                    const: fixed') }, { responseSchema: p('') }), 'response-property-const-removed').level,
    'error',
  );
});

test('oneOf/anyOf branches added or removed', () => {
  // Object branches: a oneOf of bare primitive types is a list of types (ruleKeywords.test.ts).
  const o = (kw: string, branches: string[]) =>
    `\n                ${kw}:${branches.map((b) => `\n                  - {type: object, required: [${b}], properties: {${b}: {type: string}}}`).join('')}`;
  assert.equal(
    only(check({ requestSchema: o('oneOf', ['string', 'integer']) }, { requestSchema: o('oneOf', ['string']) }), 'request-body-one-of-removed').level,
    'error',
  );
  assert.equal(
    only(check({ responseSchema: o('oneOf', ['string']) }, { responseSchema: o('oneOf', ['string', 'integer']) }), 'response-body-one-of-added').level,
    'error',
  );
  assert.equal(
    only(check({ requestSchema: o('anyOf', ['string', 'integer']) }, { requestSchema: o('anyOf', ['string']) }), 'request-body-any-of-removed').level,
    'error',
  );
});

test('additionalProperties tightened on requests', () => {
  const ap = (v: string) =>
    `\n                type: object\n                additionalProperties: ${v}\n                properties:\n                  name:\n                    type: string`;
  assert.equal(only(check({ requestSchema: ap('true') }, { requestSchema: ap('false') }), 'request-body-additional-properties-tightened').level, 'error');
});

test('readOnly flips', () => {
  const ro = (extra: string) =>
    `\n                type: object\n                properties:\n                  name:\n                    type: string${extra}`;
  // A property that became readOnly is no longer sent: optional ones break nobody (ruleStructure.test.ts has them all).
  assert.equal(
    only(check({ requestSchema: ro('') }, { requestSchema: ro('\n                    readOnly: true') }), 'request-optional-property-became-read-only').level,
    'info',
  );
});

test('media type and success status removed; error status removed is info', () => {
  const bad = "\n        '404':\n          description: missing";
  assert.equal(only(check({ responses: bad }, {}), 'response-non-success-status-removed').level, 'info');
  const created = spec({}).replace("'200':", "'201':");
  const f = sameInBothFormats(diffPair(spec({}), created));
  assert.equal(only(f, 'response-success-status-removed').level, 'error');
  const xml = spec({}).replace(
    '      requestBody:\n        content:\n          application/json:',
    '      requestBody:\n        content:\n          application/xml:\n            schema:\n              type: string\n          application/json:',
  );
  assert.equal(only(sameInBothFormats(diffPair(xml, spec({}))), 'request-body-media-type-removed').level, 'error');
});

test('security requirement added to an open operation is an error', () => {
  const sec = '\n      security:\n        - apiKey: []';
  assert.equal(only(check({}, { security: sec }), 'api-security-added').level, 'error');
  const scoped = (scopes: string) => `\n      security:\n        - oauth: [${scopes}]`;
  assert.equal(only(check({ security: scoped('read') }, { security: scoped('read, write') }), 'api-security-scope-added').level, 'error');
  // Two alternatives of one scheme (DigitalOcean: `domain:delete` or `domain:update`): each old one must still be accepted.
  const either = (a: string, b: string) => `\n      security:\n        - oauth: [${a}]\n        - oauth: [${b}]`;
  assert.deepEqual(check({ security: either('delete', 'update') }, { security: either('delete', 'update') }), [], 'unchanged: nothing');
  assert.deepEqual(check({ security: either('delete', 'update') }, { security: either('update', 'delete') }), [], 'reordered: nothing');
  const narrowed = only(check({ security: either('delete', 'update') }, { security: either('delete', 'update, admin') }), 'api-security-scope-added');
  assert.match(narrowed.message, /now needs scope admin for oauth/);
});

test('descriptions, examples, extensions and reordering are not findings', () => {
  const rev = spec({})
    .replace('description: ok', 'description: all good\n          x-internal-note: hi')
    .replace('operationId: updatePet', 'operationId: updatePet\n      summary: Update a pet');
  assert.deepEqual(check({}, {}).length, 0);
  assert.deepEqual(sameInBothFormats(diffPair(spec({}), rev)), []);
});

test('inline schema refactored into an identical $ref component is not a finding', () => {
  const base = spec({});
  const rev =
    spec({ responseSchema: "\n                $ref: '#/components/schemas/Pet'" }) +
    `components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id:
          type: integer
        name:
          type: string
`;
  assert.deepEqual(sameInBothFormats(diffPair(base, rev)), []);
});

test('renamed component schema with identical content breaks nobody: only the old name is gone (info, for changelogs and SDKs)', () => {
  const mk = (name: string) =>
    spec({ responseSchema: `\n                $ref: '#/components/schemas/${name}'` }) +
    `components:\n  schemas:\n    ${name}:\n      type: object\n      properties:\n        id:\n          type: integer\n`;
  const found = sameInBothFormats(diffPair(mk('Pet'), mk('Animal')));
  assert.deepEqual(
    found.map((f) => `${f.rule} ${f.level}`),
    ['api-schema-removed info'],
  );
  assert.match(found[0].message, /^Schema Pet was removed from components\.schemas/);
});

test('a component schema removed is one info finding at the removed schema, in 3.x components and 2.0 definitions', () => {
  const v3 = (extra: string) => `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {type: object}\n${extra}`;
  const removed = sameInBothFormats(diffPair(v3('    Legacy:\n      type: object\n'), v3('')));
  assert.deepEqual(
    removed.map((f) => `${f.rule} ${f.level} ${f.pointer}`),
    ['api-schema-removed info /components/schemas'],
  );
  assert.equal(removed[0].message, 'Schema Legacy was removed from components.schemas');
  assert.equal(removed[0].base?.pointer, '/components/schemas/Legacy', 'links to the removed schema in the base');
  const v2 = (extra: string) => `swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Pet: {type: object}\n${extra}`;
  assert.deepEqual(
    sameInBothFormats(diffPair(v2('  Legacy: {type: object}\n'), v2(''))).map((f) => `${f.rule} ${f.message}`),
    ['api-schema-removed Schema Legacy was removed from definitions'],
  );
  // All of them gone: the base's schemas, each once.
  assert.deepEqual(
    sameInBothFormats(diffPair(v3('    Legacy: {type: object}\n'), "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n")).map((f) => f.message),
    ['Schema Pet was removed from components.schemas', 'Schema Legacy was removed from components.schemas'],
  );
  // Added ones are no finding (the catalogue has none); the level is the team's to raise.
  assert.deepEqual(sameInBothFormats(diffPair(v3(''), v3('    Legacy: {type: object}\n'))), []);
  const raised = sameInBothFormats(diffPair(v3('    Legacy: {type: object}\n'), v3(''), { ruleLevels: { 'api-schema-removed': 'error' } }));
  assert.equal(raised[0].level, 'error');
});

test('a change in a shared component is reported once, listing every operation that uses it', () => {
  const mk = (idType: string) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /b:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      properties:
        id: {type: ${idType}}
        parent: {$ref: '#/components/schemas/Pet'}
`;
  const f = sameInBothFormats(diffPair(mk('integer'), mk('string')));
  const changed = only(f, 'response-property-type-changed');
  assert.deepEqual(changed.operations, ['GET /a', 'GET /b']);
  assert.equal(changed.pointer, '/components/schemas/Pet/properties/id/type');
  assert.equal(changed.revision?.line, 27);
});

test('fingerprints do not change when unrelated lines move', () => {
  const noName =
    '\n                type: object\n                required: [id]\n                properties:\n                  id:\n                    type: integer';
  const a = check({}, { responseSchema: noName });
  const shifted = (s: Slots) => spec(s).replace('info:\n', 'info:\n  description: |\n    line one\n    line two\n');
  const b = sameInBothFormats(diffPair(shifted({}), shifted({ responseSchema: noName })));
  assert.equal(a[0].fingerprint, b[0].fingerprint);
  assert.notEqual(a[0].revision?.line, b[0].revision?.line);
});

test('rule levels can be overridden or turned off, and accepted fingerprints are dropped', () => {
  const noName =
    '\n                type: object\n                required: [id]\n                properties:\n                  id:\n                    type: integer';
  const r1 = diffPair(spec({}), spec({ responseSchema: noName }), { ruleLevels: { 'response-optional-property-removed': 'error' } });
  assert.equal(r1.yaml.findings[0].level, 'error');
  const r2 = diffPair(spec({}), spec({ responseSchema: noName }), { ruleLevels: { 'response-optional-property-removed': 'off' } });
  assert.equal(r2.yaml.findings.length, 0);
  const fp = r1.yaml.findings[0].fingerprint;
  const r3 = diffPair(spec({}), spec({ responseSchema: noName }), { accepted: [fp] });
  assert.equal(r3.yaml.findings.length, 0);
});

test('a status code replaced by its range (200 -> 2XX) is not a removal', () => {
  const ranged = spec({}).replace("'200':", "'2XX':");
  assert.deepEqual(sameInBothFormats(diffPair(spec({}), ranged)), []);
});

test('parameter schema changes name the parameter', () => {
  const p = (type: string) => `\n        - name: limit\n          in: query\n          schema:\n            type: ${type}`;
  const f = only(check({ params: p('string') }, { params: p('boolean') }), 'request-parameter-type-changed');
  assert.match(f.message, /^Query parameter "limit" changed type from string to boolean/);
});
