// A request property removed from a closed schema (additionalProperties: false or
// unevaluatedProperties: false, directly or through allOf) is an error: clients that
// still send it are rejected by the contract. From an open schema it stays a warning.
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
  // The property is also reported from the open branch on its own (allOf branches are compared one by one too).
  const f = sameInBothFormats(diffPair(spec(viaAllOf(true)), spec(viaAllOf(false)))).filter(
    (x) => x.rule === 'request-property-removed' && x.level === 'error',
  );
  assert.equal(f.length, 1);
  assert.match(f[0].message, /"tag" was removed from the body schema: clients that still send it are rejected/);
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

test('policy unknownProperties: rejected: a server that rejects undeclared properties at any depth makes every removal an error', () => {
  const nested = (withTag: boolean) => `              type: object
              additionalProperties: false
              properties:
                owner:
                  type: object
                  properties:
${props(withTag).replace(/^/gm, '    ')}`;
  const run = (options = {}) => sameInBothFormats(diffPair(spec(nested(true)), spec(nested(false)), options));
  // By the schema alone the nested object is open: a warning.
  assert.equal(only(run(), 'request-property-removed').level, 'warning');
  const strict = run({ policies: { unknownProperties: 'rejected' } });
  const request = only(strict, 'request-property-removed');
  assert.equal(request.level, 'error');
  assert.match(request.message, /clients that still send it are rejected \(the server rejects unknown properties\) .*\[policy: unknownProperties: rejected\]$/);
  assert.equal(only(strict, 'response-optional-property-removed').level, 'warning', 'what a server accepts does not change what readers get');
  // The default spelled out changes nothing; a configured level still wins.
  assert.equal(only(run({ policies: { unknownProperties: 'declared' } }), 'request-property-removed').level, 'warning');
  const configured = run({ policies: { unknownProperties: 'rejected' }, ruleLevels: { 'request-property-removed': 'info' } });
  assert.equal(only(configured, 'request-property-removed').level, 'info');
});
