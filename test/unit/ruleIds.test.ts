// Rule ids: a misspelt one does not compile, every breaking rule says who breaks,
// and ids renamed to the oasdiff catalogue's keep working under their former names
// (configured levels, settings, and fingerprints of accepted changes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, hasRule, ruleInfo, type RuleId } from '../../server/src/engine/index';
import { checkOptionsOf, parseConfig } from '../../server/src/config/index';
import { sanitise } from '../../server/src/lsp/settings';
import { diffPair, only, sameInBothFormats } from '../support/engineHarness';

test('a misspelt rule id does not compile', () => {
  // @ts-expect-error 'api-remved' is not a rule id
  const typo: RuleId = 'api-remved';
  const real: RuleId = 'request-property-enum-value-removed';
  assert.throws(() => ruleInfo(typo), /unknown rule id api-remved/);
  assert.equal(ruleInfo(real).element, 'enum-value');
});

test('every rule above info says which clients break; links between rules point at rules', () => {
  for (const r of RULES) {
    if (r.level !== 'info' && r.message) assert.ok(r.breaks && r.breaks.length > 10, `${r.id} has no who-breaks sentence`);
    for (const link of [r.deprecated, r.beforeSunset, r.sunsetParse]) if (link) assert.ok(hasRule(link), `${r.id} -> ${link}`);
  }
  assert.equal(ruleInfo('api-removed-without-deprecation').deprecated, 'api-removed-with-deprecation');
  assert.equal(ruleInfo('api-removed-with-deprecation').beforeSunset, 'api-removed-before-sunset');
});

const op = (extra = '', response = '') => `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    get:${extra}
      responses:
        '200':
          description: ok${response}
`;
const hook = (name: string) => `  ${name}:\n    post:\n      responses:\n        '200': {description: ok}\n`;
const hooks = (...names: string[]) => `openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks:\n${names.map(hook).join('')}`;
const enumBody = (values: string) => `\n          content:\n            application/json:\n              schema: {type: string, enum: ${values}}`;
const header = `\n          headers:\n            X-Rate:\n              schema: {type: integer}`;
const body = (props: string) =>
  `\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n${props}`;

/**
 * Each pair produces one renamed rule. The fingerprints were computed by the
 * build before the rename (under the former ids): accepted changes must still match.
 */
const RENAMED: { name: string; base: string; revision: string; rule: RuleId; formerly: string; fingerprint: string }[] = [
  {
    name: 'webhook',
    base: hooks('newPet', 'gone'),
    revision: hooks('newPet'),
    rule: 'webhook-removed',
    formerly: 'api-webhook-removed',
    fingerprint: 'cb55fab82f0f6f47',
  },
  {
    name: 'unreadable sunset',
    base: op() + `    delete:\n      deprecated: true\n      x-sunset: 'soon'\n      responses:\n        '204': {description: gone}\n`,
    revision: op(),
    rule: 'api-path-sunset-parse',
    formerly: 'sunset-parse-error',
    fingerprint: '2783f1b8414e14bc',
  },
  {
    name: 'operation added',
    base: op(),
    revision: op() + `    delete:\n      responses:\n        '204': {description: gone}\n`,
    rule: 'endpoint-added',
    formerly: 'api-added',
    fingerprint: '00d2ee906021b35e',
  },
  {
    name: 'deprecated',
    base: op(),
    revision: op('\n      deprecated: true'),
    rule: 'endpoint-deprecated',
    formerly: 'api-deprecated',
    fingerprint: 'd30f46c179174ddb',
  },
  {
    name: 'header',
    base: op('', header),
    revision: op(),
    rule: 'optional-response-header-removed',
    formerly: 'response-header-removed',
    fingerprint: 'b9c09718c4f89367',
  },
  {
    name: 'type narrowed',
    base: op('', body('                  a: {type: number}')),
    revision: op('', body('                  a: {type: integer}\n                  b: {type: string}')),
    rule: 'response-property-type-specialized',
    formerly: 'response-property-type-narrowed',
    fingerprint: '5be2a75d1cf98824',
  },
  {
    name: 'response property added',
    base: op('', body('                  a: {type: number}')),
    revision: op('', body('                  a: {type: integer}\n                  b: {type: string}')),
    rule: 'response-optional-property-added',
    formerly: 'new-optional-response-property',
    fingerprint: 'adf9c43c532df6ea',
  },
  {
    name: 'response body enum value removed',
    base: op('', enumBody('[a, b]')),
    revision: op('', enumBody('[a]')),
    rule: 'response-mediatype-enum-value-removed',
    formerly: 'response-body-enum-value-removed',
    fingerprint: 'f49524ba764aa10d',
  },
];

const today = { today: '2026-06-01' };

for (const c of RENAMED) {
  test(`renamed to the catalogue id: ${c.formerly} -> ${c.rule} (YAML and JSON)`, () => {
    assert.ok(hasRule(c.formerly), 'the former id is still accepted in configuration');
    assert.deepEqual(ruleInfo(c.rule).formerly?.includes(c.formerly), true);
    const f = only(sameInBothFormats(diffPair(c.base, c.revision, { policies: today })), c.rule);
    assert.equal(f.fingerprint, c.fingerprint, 'fingerprint unchanged by the rename');
    // A level configured under the former id applies; one under the current id wins over it.
    const other = f.level === 'warning' ? 'error' : 'warning';
    const viaFormer = only(sameInBothFormats(diffPair(c.base, c.revision, { policies: today, ruleLevels: { [c.formerly]: other } })), c.rule);
    assert.equal(viaFormer.level, other);
    const both = only(sameInBothFormats(diffPair(c.base, c.revision, { policies: today, ruleLevels: { [c.formerly]: other, [c.rule]: 'info' } })), c.rule);
    assert.equal(both.level, 'info');
    assert.equal(
      sameInBothFormats(diffPair(c.base, c.revision, { policies: today, ruleLevels: { [c.formerly]: 'off' } })).filter((x) => x.rule === c.rule).length,
      0,
    );
    // An accepted change recorded before the rename is still accepted.
    assert.equal(sameInBothFormats(diffPair(c.base, c.revision, { policies: today, accepted: [c.fingerprint] })).filter((x) => x.rule === c.rule).length, 0);
  });
}

test('.breakwater.yaml and settings naming a former id still apply', () => {
  const config = parseConfig(
    `rules:\n  api-webhook-removed: warning\n  sunset-parse-error: off\naccepted:\n  - {fingerprint: cb55fab82f0f6f47, rule: api-webhook-removed}\n`,
    '.breakwater.yaml',
  );
  const { options } = checkOptionsOf(config, '2026-06-01');
  const webhook = RENAMED[0];
  assert.deepEqual(sameInBothFormats(diffPair(webhook.base, webhook.revision, options)), [], 'accepted under its old fingerprint');
  const levels = checkOptionsOf(parseConfig(`rules:\n  api-webhook-removed: warning\n`, '.breakwater.yaml')).options;
  assert.equal(only(sameInBothFormats(diffPair(webhook.base, webhook.revision, levels)), 'webhook-removed').level, 'warning');
  const sunset = RENAMED[1];
  assert.deepEqual(
    sameInBothFormats(diffPair(sunset.base, sunset.revision, { ...options, policies: today })).map((f) => f.rule),
    [],
    'sunset-parse-error: off turns off the split ids',
  );
  assert.deepEqual(sanitise({ rules: { 'api-webhook-removed': 'info', 'webhook-removed': 'warning' } }).rules, {
    'api-webhook-removed': 'info',
    'webhook-removed': 'warning',
  });
});
