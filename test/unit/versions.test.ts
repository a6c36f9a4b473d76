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

/** A 3.1 webhook (or, with `paths`, the same operation as an endpoint) with `params` and `body` under its POST. */
const hookOrPath = (where: 'webhooks' | 'paths', params: string, body: string) => `openapi: 3.1.0
info: {title: t, version: '1'}
${where}:
  ${where === 'paths' ? '/pets' : 'newPet'}:
    post:
      parameters: [${params}]${body}
      responses:
        '200': {description: ok}
`;
const payload = (required: boolean, mediaTypes = ['application/json']) =>
  `\n      requestBody:\n        required: ${required}\n        content:\n${mediaTypes.map((m) => `          ${m}: {schema: {type: object}}\n`).join('')}`.replace(
    /\n$/,
    '',
  );
const trace = (required: boolean) => `{name: X-Trace, in: header, required: ${required}, schema: {type: string}}`;

test('3.1 webhooks: the API sends the parameters and the payload, so requiring them breaks nobody and dropping them breaks subscribers', () => {
  const levels = (where: 'webhooks' | 'paths', base: [string, string], revision: [string, string]) =>
    sameInBothFormats(diffPair(hookOrPath(where, ...base), hookOrPath(where, ...revision)))
      .map((f) => `${f.rule} ${f.level}`)
      .sort();
  const cases: { base: [string, string]; revision: [string, string]; path: string[]; webhook: string[] }[] = [
    { base: ['', payload(false)], revision: ['', payload(true)], path: ['request-body-became-required error'], webhook: ['request-body-became-required info'] },
    {
      base: ['', payload(true)],
      revision: ['', payload(false)],
      path: ['request-body-became-optional info'],
      webhook: ['request-body-became-optional warning'],
    },
    { base: ['', ''], revision: ['', payload(true)], path: ['request-body-added-required error'], webhook: ['request-body-added-required info'] },
    { base: ['', payload(true)], revision: ['', ''], path: ['request-body-removed error'], webhook: ['request-body-removed error'] },
    {
      base: [trace(false), ''],
      revision: [trace(true), ''],
      path: ['request-parameter-became-required error'],
      webhook: ['request-parameter-became-required info'],
    },
    {
      base: [trace(true), ''],
      revision: [trace(false), ''],
      path: ['request-parameter-became-optional info'],
      webhook: ['request-parameter-became-optional warning'],
    },
    { base: ['', ''], revision: [trace(true), ''], path: ['new-required-request-parameter error'], webhook: ['new-required-request-parameter info'] },
    {
      base: ['', payload(true)],
      revision: ['', payload(true, ['application/json', 'application/xml'])],
      path: ['request-body-media-type-added info'],
      webhook: ['request-body-media-type-added warning'],
    },
    {
      base: ['', payload(true, ['application/json', 'application/xml'])],
      revision: ['', payload(true)],
      path: ['request-body-media-type-removed error'],
      webhook: ['request-body-media-type-removed info'],
    },
  ];
  for (const c of cases) {
    assert.deepEqual(levels('paths', c.base, c.revision), c.path, `endpoint: ${c.path}`);
    assert.deepEqual(levels('webhooks', c.base, c.revision), c.webhook, `webhook: ${c.webhook}`);
  }
  const gone = only(sameInBothFormats(diffPair(hookOrPath('webhooks', trace(false), ''), hookOrPath('webhooks', '', ''))), 'request-parameter-removed');
  assert.match(gone.message, /: subscribers that read it no longer get it$/);
  const required = only(
    sameInBothFormats(diffPair(hookOrPath('webhooks', '', payload(false)), hookOrPath('webhooks', '', payload(true)))),
    'request-body-became-required',
  );
  assert.equal(required.message, 'Request body became required in webhook newPet POST', 'nobody breaks: no who-breaks sentence');
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
