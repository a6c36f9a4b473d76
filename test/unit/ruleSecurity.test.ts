// Security requirements graded by what a client holding one old alternative's
// credentials experiences, and security scheme definitions changing under the same
// name; YAML and JSON, exact ids and levels, unchanged gives nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, expectRules, sameSetInBothFormats } from '../support/engineHarness';

const SCHEMES = `    key: {type: apiKey, in: header, name: X-Key}
    basic: {type: http, scheme: basic}
    jwt: {type: http, scheme: bearer, bearerFormat: JWT}
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration'}
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: {read: read pets, write: write pets}
        authorizationCode:
          authorizationUrl: https://auth.example.com/authorize
          tokenUrl: https://auth.example.com/token
          scopes: {read: read pets}`;

interface Slots {
  /** Operation-level security (YAML flow sequence), e.g. "[{key: []}]". */
  op?: string;
  /** Global security. */
  global?: string;
  schemes?: string;
}

function spec(s: Slots = {}): string {
  return `openapi: 3.0.3
info: {title: t, version: '1'}${s.global ? `\nsecurity: ${s.global}` : ''}
paths:
  /pets:
    get:${s.op ? `\n      security: ${s.op}` : ''}
      responses:
        '200': {description: ok}
    post:
      responses:
        '201': {description: created}
components:
  securitySchemes:
${s.schemes ?? SCHEMES}
`;
}

const expect = (base: Slots, revision: Slots, expected: string[], why?: string): void => expectRules(spec(base), spec(revision), expected, why);

test('requirements: more to present is an error, less or another way is info', () => {
  expect({}, { op: '[{key: []}]' }, ['api-security-added error']);
  expect({ op: '[{key: []}]' }, { op: '[{}]' }, ['api-security-removed info']);
  expect({ op: '[{key: []}]' }, { op: '[{key: [], basic: []}]' }, ['api-security-scheme-added error'], 'AND gained a scheme');
  expect({ op: '[{key: [], basic: []}]' }, { op: '[{key: []}]' }, ['api-security-scheme-removed info'], 'AND lost a scheme');
  expect({ op: '[{key: []}]' }, { op: '[{key: []}, {basic: []}]' }, ['api-security-alternative-added info']);
  expect({ op: '[{key: []}, {basic: []}]' }, { op: '[{key: []}]' }, ['api-security-scheme-changed error'], 'an alternative gone');
  expect({ op: '[{key: []}]' }, { op: '[{jwt: []}]' }, ['api-security-scheme-changed error', 'api-security-alternative-added info']);
  expect({ op: '[{oauth: [read]}]' }, { op: '[{oauth: [read, write]}]' }, ['api-security-scope-added error']);
  expect({ op: '[{oauth: [read, write]}]' }, { op: '[{oauth: [read]}]' }, ['api-security-scope-removed info']);
});

test('the global requirement: one finding for every operation that inherits it, under the global ids', () => {
  const f = sameSetInBothFormats(diffPair(spec({ global: '[{oauth: [read]}]' }), spec({ global: '[{oauth: [read, write]}]' })));
  assert.deepEqual(
    f.map((x) => [x.rule, x.level, x.operations]),
    [['api-global-security-scope-added', 'error', ['GET /pets', 'POST /pets']]],
  );
  expect({ global: '[{oauth: [read, write]}]' }, { global: '[{oauth: [read]}]' }, ['api-global-security-scope-removed info']);
  expect({}, { global: '[{key: []}]' }, ['api-global-security-added error']);
  expect({ global: '[{key: []}]' }, {}, ['api-global-security-removed info']);
  // An operation with its own requirement keeps the operation ids.
  expect({ global: '[{key: []}]', op: '[{oauth: [read]}]' }, { global: '[{key: []}]', op: '[{oauth: [read, write]}]' }, ['api-security-scope-added error']);
});

test('a scheme renamed with the same definition is the same scheme', () => {
  const renamed = SCHEMES.replace('    key: {', '    apiKey: {');
  expect({ op: '[{key: []}]' }, { op: '[{apiKey: []}]', schemes: renamed }, []);
});

test('a scheme definition changing under the same name', () => {
  const at = (from: string, to: string) => [{ op: '[{key: []}]' }, { op: '[{key: []}]', schemes: SCHEMES.replace(from, to) }] as const;
  expect(...at('in: header, name: X-Key', 'in: query, name: X-Key'), ['api-security-component-in-changed error']);
  expect(...at('in: header, name: X-Key', 'in: header, name: X-Api-Key'), ['api-security-component-name-changed error']);
  expect(...at('basic: {type: http, scheme: basic}', 'basic: {type: apiKey, in: header, name: Authorization}'), ['api-security-component-type-changed error']);
  expect(...at('scheme: basic}', 'scheme: digest}'), ['api-security-component-scheme-changed error']);
  expect(...at('scheme: basic}', 'scheme: Basic}'), [], 'HTTP scheme names are case-insensitive');
  expect(...at('bearerFormat: JWT', 'bearerFormat: opaque'), ['api-security-component-bearer-format-changed warning']);
  expect(...at("openIdConnectUrl: 'https://id.example.com/", "openIdConnectUrl: 'https://login.example.com/"), [
    'api-security-component-open-id-connect-url-changed warning',
  ]);
  expect(...at('authorizationUrl: https://auth.example.com/authorize', 'authorizationUrl: https://auth.example.com/v2/authorize'), [
    'api-security-component-oauth-url-changed warning',
  ]);
  expect(
    ...at(
      '          tokenUrl: https://auth.example.com/token\n          scopes: {read: read pets, write',
      '          tokenUrl: https://auth.example.com/v2/token\n          scopes: {read: read pets, write',
    ),
    ['api-security-component-oauth-token-url-changed warning'],
  );
  expect(...at('scopes: {read: read pets, write: write pets}', 'scopes: {read: read pets}'), ['api-security-component-oauth-scope-removed warning']);
  expect(...at('scopes: {read: read pets, write: write pets}', 'scopes: {read: read pets, write: write pets, admin: all}'), [
    'api-security-component-oauth-scope-added info',
  ]);
  expect(...at('scopes: {read: read pets, write: write pets}', 'scopes: {read: read all pets, write: write pets}'), [
    'api-security-component-oauth-scope-changed info',
  ]);
  const noCode = SCHEMES.slice(0, SCHEMES.indexOf('        authorizationCode:'));
  expect({ op: '[{key: []}]' }, { op: '[{key: []}]', schemes: noCode }, ['api-security-component-oauth-flow-removed error']);
  expect({ op: '[{key: []}]', schemes: noCode }, { op: '[{key: []}]' }, ['api-security-component-oauth-flow-added info']);
  expect({}, { schemes: `${SCHEMES}\n    extra: {type: http, scheme: basic}` }, ['api-security-component-added info']);
  expect({ schemes: `${SCHEMES}\n    extra: {type: http, scheme: basic}` }, {}, ['api-security-component-removed info']);
});

test('Swagger 2.0 securityDefinitions are compared the same way', () => {
  const v2 = (def: string, scopes: string) => `swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      security: [{auth: [${scopes}]}]
      responses:
        '200': {description: ok}
securityDefinitions:
  auth: {type: oauth2, flow: application, tokenUrl: ${def}, scopes: {read: r, write: w}}
`;
  const f = (a: string, b: string) =>
    sameSetInBothFormats(diffPair(a, b))
      .map((x) => `${x.rule} ${x.level}`)
      .sort();
  assert.deepEqual(f(v2('https://a/token', 'read'), v2('https://b/token', 'read')), ['api-security-component-oauth-token-url-changed warning']);
  assert.deepEqual(f(v2('https://a/token', 'read'), v2('https://a/token', 'read, write')), ['api-security-scope-added error']);
  assert.deepEqual(f(v2('https://a/token', 'read'), v2('https://a/token', 'read')), []);
});
