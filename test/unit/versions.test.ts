// Swagger 2.0 and OpenAPI 3.1 specifics, and multi-file specs through an injected loader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSpecs, parseText, type ExternalLoader } from '../../server/src/engine/index';
import { diffPair, sameInBothFormats, only } from '../support/engineHarness';

const swagger = (bodyProps: string, formRequired: boolean, responseType: string) => `swagger: '2.0'
info: {title: t, version: '1'}
consumes: [application/json]
paths:
  /pets:
    post:
      parameters:
        - name: body
          in: body
          required: true
          schema:
            type: object
            properties:${bodyProps}
      responses:
        '200':
          description: ok
          schema:
            type: ${responseType}
  /upload:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - name: file
          in: formData
          type: string
          required: ${formRequired}
      responses:
        '200': {description: ok}
`;

test('Swagger 2.0 body parameters, formData and response schemas are compared as bodies', () => {
  const props = '\n              name: {type: string}\n              age: {type: integer}';
  const f = sameInBothFormats(diffPair(swagger(props, false, 'object'), swagger('\n              name: {type: string}', true, 'array')));
  assert.equal(only(f, 'request-property-removed').base?.pointer, '/paths/~1pets/post/parameters/0/schema/properties/age');
  assert.equal(only(f, 'request-property-became-required').level, 'error');
  assert.equal(only(f, 'response-body-type-changed').level, 'error');
});

const webhooks = (extra: string) => `openapi: 3.1.0
info: {title: t, version: '1'}
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                kind:
                  type: string
                  enum: [cat, dog${extra}]
      responses:
        '200': {description: ok}
`;

test('3.1 webhooks: the API sends the payload, so an enum value added breaks receivers', () => {
  const f = sameInBothFormats(diffPair(webhooks(''), webhooks(', bird')));
  const added = only(f, 'response-property-enum-value-added');
  assert.equal(added.operation, 'webhook newPet POST');
  const gone = sameInBothFormats(diffPair(webhooks(''), "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks: {}\n"));
  assert.equal(only(gone, 'webhook-removed').level, 'error');
  const appeared = sameInBothFormats(diffPair("openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks: {}\n", webhooks('')));
  const hook = only(appeared, 'webhook-added');
  assert.equal(hook.level, 'info');
  assert.match(hook.message, /^Webhook "newPet" was added/);
  assert.equal(appeared.filter((x) => x.rule === 'api-path-added').length, 0, 'a webhook is no path');
});

test('multi-file: a change in a referenced file is reported in that file', () => {
  const root =
    "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: 'schemas/pet.yaml#/Pet'\n";
  const pet = (extra: string) => `Pet:\n  type: object\n  required: [id]\n  properties:\n    id: {type: integer}${extra}\n`;
  const loaderFor =
    (petText: string): ExternalLoader =>
    (from, rel) => {
      if (rel !== 'schemas/pet.yaml') return undefined;
      const parsed = parseText(petText, '/spec/schemas/pet.yaml');
      return { root: parsed.root!, file: '/spec/schemas/pet.yaml', lines: parsed.lines };
    };
  const r = compareSpecs(
    { text: root, file: '/spec/openapi.yaml', external: loaderFor(pet('\n    name: {type: string}')) },
    { text: root, file: '/spec/openapi.yaml', external: loaderFor(pet('')) },
  );
  const f = only(r.findings, 'response-optional-property-removed');
  assert.equal(f.revision?.file, '/spec/schemas/pet.yaml');
  assert.equal(f.revision?.line, 4);
  assert.deepEqual(f.operations, ['GET /p']);
});

test('remote and broken references are problems, not findings or crashes', () => {
  const spec = (ref: string) =>
    `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '${ref}'\n`;
  const r = compareSpecs({ text: spec('https://example.com/pet.yaml'), file: 'a.yaml' }, { text: spec('#/components/schemas/Missing'), file: 'b.yaml' });
  assert.equal(r.findings.length, 0);
  assert.ok(r.problems.some((p) => /remote reference .* not followed/.test(p.message)));
  assert.ok(r.problems.some((p) => /cannot resolve "#\/components\/schemas\/Missing"/.test(p.message)));
});

test('cyclic $ref chains terminate', () => {
  const spec = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/A'}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n`;
  const r = compareSpecs({ text: spec, file: 'a.yaml' }, { text: spec, file: 'b.yaml' });
  assert.equal(r.findings.length, 0);
  assert.ok(r.problems.some((p) => /cyclic/.test(p.message)));
});

test('lenient loading: unknown path item keys and operations without responses are problems, comparison goes on', () => {
  const base =
    "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    gett:\n      responses: {}\n    get:\n      summary: no responses\n  /b:\n    get:\n      responses:\n        '200': {description: ok}\n";
  const rev = base.replace("  /b:\n    get:\n      responses:\n        '200': {description: ok}\n", '');
  const r = compareSpecs({ text: base, file: 'a.yaml' }, { text: rev, file: 'b.yaml' });
  assert.deepEqual(
    r.findings.map((f) => f.rule),
    ['api-path-removed-without-deprecation'],
  );
  assert.ok(r.problems.some((p) => /unknown key "gett" in path item \/a is ignored \(not an HTTP method\)/.test(p.message) && p.line === 5));
  assert.ok(r.problems.some((p) => /GET \/a has no "responses"/.test(p.message)));
});

test('a chain of thousands of $refs is compared without exhausting the stack', () => {
  const n = 5000;
  const mk = (max: number) => {
    let s =
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S0'}\ncomponents:\n  schemas:\n";
    for (let i = 0; i < n; i++)
      s += `    S${i}:\n      type: object\n      properties:\n        v: {type: string, maxLength: ${i === n - 1 ? max : 10}}\n        next: {$ref: '#/components/schemas/S${i + 1 < n ? i + 1 : 0}'}\n`;
    return s;
  };
  const r = compareSpecs({ text: mk(10), file: 'a.yaml' }, { text: mk(20), file: 'b.yaml' });
  assert.deepEqual(
    r.findings.map((f) => f.rule),
    ['response-property-max-length-increased'],
  );
  assert.deepEqual(r.findings[0].operations, ['GET /p']);
});
