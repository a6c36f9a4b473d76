// A request property removed from a closed schema (additionalProperties: false or
// unevaluatedProperties: false, directly or through allOf) is an error: clients that
// still send it are rejected by the contract. From an open schema it stays a warning, unless
// the request body it sits in closes at its top (policies.unknownProperties: closed-bodies, the
// default): an API that closes a body says its server checks it, nested objects included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, only, sameInBothFormats } from '../support/engineHarness';

/** A 3.1 spec whose POST body (and 200 response) is `schema`, indented for the slot. */
function spec(schema: string): string {
  return `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      requestBody:
        content:
          application/json:
            schema:
${schema}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
${schema.replace(/^/gm, '  ')}
`;
}

const props = (withTag: boolean) => `                name: {type: string}${withTag ? '\n                tag: {type: string}' : ''}`;
const direct = (keyword: string, withTag: boolean) => `              type: object
              ${keyword}: false
              properties:
${props(withTag)}`;
const viaAllOf = (withTag: boolean) => `              allOf:
                - type: object
                  properties:
${props(withTag).replace(/^/gm, '    ')}
                - additionalProperties: false`;
const open = (withTag: boolean) => `              type: object
              properties:
${props(withTag)}`;

const removed = (base: string, revision: string) => {
  const f = sameInBothFormats(diffPair(spec(base), spec(revision)));
  return { request: only(f, 'request-property-removed'), response: only(f, 'response-optional-property-removed') };
};

for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
  test(`request property removed from a schema with ${keyword}: false is an error (YAML and JSON)`, () => {
    const { request, response } = removed(direct(keyword, true), direct(keyword, false));
    assert.equal(request.level, 'error');
    assert.match(request.message, /clients that still send it are rejected \(the schema admits no other properties\)/);
    assert.equal(response.level, 'warning', 'readers are not affected by closedness');
  });
}

test('a schema closed through an allOf branch counts as closed', () => {
  // The property is also reported from the open branch on its own (allOf branches are compared one by one too):
  // a warning when each schema is read by itself, which the closed schema's error replaces; by default (the body
  // closes at its top) the branch's own finding is the error, and the closed schema's repeat of it is dropped.
  const removals = (options = {}) =>
    sameInBothFormats(diffPair(spec(viaAllOf(true)), spec(viaAllOf(false)), options)).filter((x) => x.rule === 'request-property-removed');
  const [closed, ...others] = removals({ policies: { unknownProperties: 'declared' } });
  assert.equal(others.length, 0, 'the branch is used nowhere else: its warning says less than the error');
  assert.equal(closed.level, 'error');
  assert.match(closed.message, /"tag" was removed from the body schema: clients that still send it are rejected \(the schema admits no other properties\)/);
  const [kept, ...more] = removals();
  assert.equal(more.length, 0);
  assert.equal(kept.level, 'error');
  assert.equal(kept.pointer, '/paths/~1pets/post/requestBody/content/application~1json/schema/allOf/0/properties');
  assert.match(kept.message, /clients that still send it are rejected \(the request body is closed at its top/);
});

test('from an open schema a removed request property stays a warning that says on what it depends', () => {
  const { request } = removed(open(true), open(false));
  assert.equal(request.level, 'warning');
  assert.match(request.message, /depending on whether the server accepts unknown properties/);
});

test('a level configured for request-property-removed still wins over the closed-schema level', () => {
  const f = sameInBothFormats(
    diffPair(spec(direct('additionalProperties', true)), spec(direct('additionalProperties', false)), { ruleLevels: { 'request-property-removed': 'info' } }),
  );
  assert.equal(only(f, 'request-property-removed').level, 'info');
});

/** A body with `owner`, an object of its own that does not close; the body closes at its top or not. */
const nested = (withTag: boolean, bodyClosed = true) => `              type: object${bodyClosed ? '\n              additionalProperties: false' : ''}
              properties:
                owner:
                  type: object
                  properties:
${props(withTag).replace(/^/gm, '    ')}`;

test('a property removed from an open object inside a request body closed at its top is an error by default (policy closed-bodies)', () => {
  const run = (options = {}) => sameInBothFormats(diffPair(spec(nested(true)), spec(nested(false)), options));
  const request = only(run(), 'request-property-removed');
  assert.equal(request.level, 'error');
  assert.match(
    request.message,
    /"tag" was removed from schema owner: clients that still send it are rejected \(the request body is closed at its top, so its server checks all of it\) .*\[policy: unknownProperties: closed-bodies\]$/,
  );
  assert.equal(only(run(), 'response-optional-property-removed').level, 'warning', 'what a server accepts does not change what readers get');
  // Spelled out, the default changes nothing; `declared` reads the nested object by itself; a configured level still wins.
  assert.equal(only(run({ policies: { unknownProperties: 'closed-bodies' } }), 'request-property-removed').level, 'error');
  const declared = only(run({ policies: { unknownProperties: 'declared' } }), 'request-property-removed');
  assert.equal(declared.level, 'warning');
  assert.match(declared.message, /depending on whether the server accepts unknown properties/);
  assert.equal(only(run({ ruleLevels: { 'request-property-removed': 'info' } }), 'request-property-removed').level, 'info');
});

test('inside a request body open at its top, a nested removal stays a warning by default', () => {
  const f = sameInBothFormats(diffPair(spec(nested(true, false)), spec(nested(false, false))));
  assert.equal(only(f, 'request-property-removed').level, 'warning');
});

/**
 * Owner is POST /pets's `owner` property, written as `ownerSite` inside a body that closes at its top or
 * not, and PUT /owners's whole (open) body; `withTag`: Owner declares `tag`.
 */
const ownerInTwoBodies = (withTag: boolean, o: { bodyClosed: boolean; ownerSite: string }) => `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object${o.bodyClosed ? '\n              additionalProperties: false' : ''}
              properties:
                owner: ${o.ownerSite}
      responses:
        '204': {description: stored}
  /owners:
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Owner'}
      responses:
        '204': {description: stored}
components:
  schemas:
    Owner:
      type: object
      properties:
        name: {type: string}${withTag ? '\n        tag: {type: string}' : ''}
    Closed: {unevaluatedProperties: false}
`;
const OWNER_REF = "{$ref: '#/components/schemas/Owner'}";

test('a schema shared by a closed and an open request body: one finding, an error for both operations (clients of the closed one are rejected)', () => {
  const removal = (bodyClosed: boolean) => {
    const o = { bodyClosed, ownerSite: OWNER_REF };
    return only(sameInBothFormats(diffPair(ownerInTwoBodies(true, o), ownerInTwoBodies(false, o))), 'request-property-removed');
  };
  assert.equal(removal(true).level, 'error');
  assert.deepEqual(removal(true).operations, ['POST /pets', 'PUT /owners']);
  // Without the closed body, only open ones reach it.
  assert.equal(removal(false).level, 'warning');
});

test('policy unknownProperties: rejected: a server that rejects undeclared properties at any depth makes every removal an error', () => {
  const run = (options = {}) => sameInBothFormats(diffPair(spec(nested(true, false)), spec(nested(false, false)), options));
  const strict = run({ policies: { unknownProperties: 'rejected' } });
  const request = only(strict, 'request-property-removed');
  assert.equal(request.level, 'error');
  assert.match(request.message, /clients that still send it are rejected \(the server rejects unknown properties\) .*\[policy: unknownProperties: rejected\]$/);
  assert.equal(only(strict, 'response-optional-property-removed').level, 'warning', 'what a server accepts does not change what readers get');
  assert.equal(only(run({ policies: { unknownProperties: 'declared' } }), 'request-property-removed').level, 'warning');
  const configured = run({ policies: { unknownProperties: 'rejected' }, ruleLevels: { 'request-property-removed': 'info' } });
  assert.equal(only(configured, 'request-property-removed').level, 'info');
});

test("a branch used elsewhere too keeps its own finding beside the closed schema's error (it names operations the error does not)", () => {
  const o = { bodyClosed: false, ownerSite: `{allOf: [${OWNER_REF}], unevaluatedProperties: false}` };
  const removals = sameInBothFormats(diffPair(ownerInTwoBodies(true, o), ownerInTwoBodies(false, o))).filter((f) => f.rule === 'request-property-removed');
  assert.deepEqual(removals.map((f) => `${f.level} ${f.operations.join(', ')}`).sort(), ['error POST /pets', 'warning POST /pets, PUT /owners']);
  // Closed through a branch behind a $ref: the same.
  const viaBranch = { bodyClosed: false, ownerSite: `{allOf: [${OWNER_REF}, {$ref: '#/components/schemas/Closed'}]}` };
  const throughRef = sameInBothFormats(diffPair(ownerInTwoBodies(true, viaBranch), ownerInTwoBodies(false, viaBranch))).filter(
    (f) => f.rule === 'request-property-removed',
  );
  assert.deepEqual(throughRef.map((f) => `${f.level} ${f.operations.join(', ')}`).sort(), ['error POST /pets', 'warning POST /pets, PUT /owners']);
  // In a body closed at its top the branch's own finding is an error already: the closed schema's repeat goes.
  const inClosedBody = { ...o, bodyClosed: true };
  const once = sameInBothFormats(diffPair(ownerInTwoBodies(true, inClosedBody), ownerInTwoBodies(false, inClosedBody))).filter(
    (f) => f.rule === 'request-property-removed',
  );
  assert.deepEqual(
    once.map((f) => `${f.level} ${f.operations.join(', ')}`),
    ['error POST /pets, PUT /owners'],
  );
});
