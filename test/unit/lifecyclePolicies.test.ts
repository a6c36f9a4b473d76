// oasdiff's default deprecation, sunset and stability policies, each on a small
// pair run as YAML and as JSON, and each setting of .breakwater.yaml that changes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, only, sameInBothFormats } from '../support/engineHarness';
import type { CheckOptions, Finding } from '../../server/src/engine/index';

const TODAY = '2026-06-01';

/** GET /pets with `opExtra` on the operation, `paramExtra` on its `limit` parameter and `propExtra` on properties of its request and response bodies. */
function spec(o: { opExtra?: string; paramExtra?: string; propExtra?: string; withDelete?: string; withProp?: boolean } = {}): string {
  const prop = o.withProp === false ? '' : `\n                  tag:\n                    type: string${o.propExtra ?? ''}`;
  return `openapi: 3.0.3
info: {title: t, version: '1.0.0'}
paths:
  /pets:
    post:${o.opExtra ?? ''}
      parameters:
        - name: limit
          in: query
          schema: {type: integer}${o.paramExtra ?? ''}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}${prop.replace(/^ {18}/gm, '                ')}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: integer}${prop}
${o.withDelete ?? ''}`;
}

const run = (base: string, revision: string, policies: CheckOptions['policies'] = {}, extra: CheckOptions = {}): Finding[] =>
  sameInBothFormats(diffPair(base, revision, { ...extra, policies: { today: TODAY, ...policies } }));
const rules = (f: Finding[]) => f.map((x) => `${x.rule} ${x.level}`).sort();

const deleteOp = (extra: string) => `    delete:${extra}\n      responses:\n        '204': {description: gone}\n`;

test('removal without deprecation is an error under the catalogue ids; the former ids still configure it', () => {
  const f = run(spec({ withDelete: deleteOp('') }), spec());
  assert.equal(only(f, 'api-removed-without-deprecation').level, 'error');
  const viaFormer = run(spec({ withDelete: deleteOp('') }), spec(), {}, { ruleLevels: { 'api-removed': 'warning' } });
  assert.equal(only(viaFormer, 'api-removed-without-deprecation').level, 'warning');
  const path = run(spec() + `  /old:\n${deleteOp('')}`, spec());
  assert.equal(only(path, 'api-path-removed-without-deprecation').level, 'error');
});

test('a deprecated path removed before its sunset is api-path-removed-before-sunset; with no sunset, info; after it, nothing', () => {
  const old = (extra: string) => spec() + `  /old:\n${deleteOp(`\n      deprecated: true${extra}`)}`;
  assert.equal(only(run(old("\n      x-sunset: '2026-12-31'"), spec()), 'api-path-removed-before-sunset').level, 'error');
  assert.equal(only(run(old(''), spec()), 'api-path-removed-with-deprecation').level, 'info');
  assert.deepEqual(run(old("\n      x-sunset: '2026-01-31'"), spec()), []);
  assert.equal(only(run(old("\n      x-sunset: 'someday'"), spec()), 'api-path-sunset-parse').level, 'error');
});

test('deprecated parameters and properties: removal before the sunset is an error, without a sunset info, after it nothing', () => {
  const param = (extra: string) =>
    spec({ paramExtra: `\n          deprecated: true${extra}` }).replace(/\n {8}- name: limit[\s\S]*?schema: \{type: integer\}[^\n]*/, (m) => m);
  const noParam = spec().replace(/      parameters:\n[\s\S]*?schema: \{type: integer\}\n/, '');
  assert.equal(only(run(param("\n          x-sunset: '2027-01-01'"), noParam), 'request-parameter-removed-before-sunset').level, 'error');
  assert.equal(only(run(param(''), noParam), 'request-parameter-removed-with-deprecation').level, 'info');
  assert.deepEqual(run(param("\n          x-sunset: '2026-01-01'"), noParam), []);
  assert.equal(only(run(param("\n          x-sunset: 'soon'"), noParam), 'request-parameter-sunset-parse').level, 'error');
  const prop = spec({ propExtra: "\n                    deprecated: true\n                    x-sunset: '2027-01-01'" });
  assert.deepEqual(rules(run(prop, spec({ withProp: false }))), [
    'request-property-removed-before-sunset error',
    'response-property-removed-before-sunset error',
  ]);
});

test('a property that is a $ref or an allOf of one deprecated component has the sunset of that component, also when only the component changed', () => {
  /** `tag` in the request and the response body is `allOf: [$ref: Tag]`; `component` is written on Tag. */
  const wrapped = (component: string) =>
    spec({ withProp: false }).replace(/( +)(name: \{type: string\}|id: \{type: integer\})/g, "$1$2\n$1tag: {allOf: [{$ref: '#/components/schemas/Tag'}]}") +
    `components:\n  schemas:\n    Tag:\n      type: string${component}\n`;
  const legacy = (sunset: string) => wrapped(`\n      deprecated: true\n      x-sunset: '${sunset}'`);
  // Removed before the sunset written inside the component: an error, as when written beside the allOf.
  assert.deepEqual(rules(run(legacy('2027-01-01'), wrapped('').replace(/\n +tag: \{allOf[^\n]*/g, ''))), [
    'request-property-removed-before-sunset error',
    'response-property-removed-before-sunset error',
  ]);
  // A string property that became the deprecated component, whose sunset is too close for the grace period.
  const days = { deprecation: { days: { stable: 90 } } };
  assert.deepEqual(rules(run(spec(), legacy('2026-06-10'), days)), [
    'request-property-sunset-date-too-small error',
    'response-property-sunset-date-too-small error',
  ]);
  const far = run(spec(), legacy('2027-01-01'), days);
  assert.deepEqual(rules(far), ['request-property-deprecated-with-sunset info', 'response-property-deprecated-with-sunset info']);
  assert.match(far[0].message, /\(sunset 2027-01-01\)/);
  // Only the component changed (the properties' text is the same): still the properties' deprecation.
  assert.deepEqual(rules(run(wrapped(''), legacy('2026-06-10'), days)), [
    'request-property-sunset-date-too-small error',
    'response-property-sunset-date-too-small error',
  ]);
  assert.deepEqual(rules(run(wrapped(''), wrapped('\n      deprecated: true'))), ['request-property-deprecated info', 'response-property-deprecated info']);
  const direct = (text: string) => text.replace(/\{allOf: \[(\{\$ref: [^}]*\})\]\}/g, '$1');
  assert.deepEqual(rules(run(direct(wrapped('')), direct(wrapped('\n      x-stability-level: beta')))), [
    'request-property-stability-decreased error',
    'response-property-stability-decreased error',
  ]);
  assert.deepEqual(rules(run(direct(legacy('2027-01-01')), direct(wrapped('')))), ['request-property-reactivated info', 'response-property-reactivated info']);
});

test('deleting the sunset of a still-deprecated operation or parameter is an error', () => {
  const op = (extra: string) => spec({ opExtra: `\n      deprecated: true${extra}` });
  assert.equal(only(run(op("\n      x-sunset: '2027-01-01'"), op('')), 'sunset-deleted').level, 'error');
  const param = (extra: string) => spec({ paramExtra: `\n          deprecated: true${extra}` });
  const f = only(run(param("\n          x-sunset: '2027-01-01'"), param('')), 'request-parameter-sunset-deleted');
  assert.equal(f.level, 'error');
  assert.match(
    f.message,
    /^Sunset date 2027-01-01 was deleted from query parameter "limit" of POST \/pets, which is still deprecated: clients lose the announced date/,
  );
});

test('a readable sunset of a still-deprecated operation or parameter made unreadable is an error', () => {
  const op = (date: string) => spec({ opExtra: `\n      deprecated: true\n      x-sunset: '${date}'` });
  const f = only(run(op('2027-01-01'), op('next spring')), 'api-deprecated-sunset-parse');
  assert.equal(f.level, 'error');
  assert.match(f.message, /^Sunset date of POST \/pets changed from 2027-01-01 to "next spring", which is not a date: clients lose/);
  const param = (date: string) => spec({ paramExtra: `\n          deprecated: true\n          x-sunset: '${date}'` });
  const p = only(run(param('2027-01-01'), param('2027-13-45')), 'request-parameter-sunset-parse');
  assert.equal(p.level, 'error');
  assert.match(p.message, /^Sunset date of query parameter "limit" changed from 2027-01-01 to "2027-13-45", which is not a date, in POST \/pets/);
  // Made readable: the revision is fine, nothing to report.
  assert.deepEqual(run(op('next spring'), op('2027-01-01')), []);
  assert.deepEqual(run(param('2027-13-45'), param('2027-01-01')), []);
});

test('moving a sunset earlier is an error only when it falls inside the grace period', () => {
  const op = (date: string) => spec({ opExtra: `\n      deprecated: true\n      x-sunset: '${date}'` });
  assert.deepEqual(run(op('2027-06-01'), op('2027-01-01')), [], 'still in the future, no grace period');
  assert.equal(only(run(op('2027-06-01'), op('2026-05-01')), 'api-sunset-date-changed-too-small').level, 'error');
  assert.equal(only(run(op('2027-06-01'), op('2026-07-01'), { deprecation: { minDays: 90 } }), 'api-sunset-date-changed-too-small').level, 'error');
  const param = (date: string) => spec({ paramExtra: `\n          deprecated: true\n          x-sunset: '${date}'` });
  assert.equal(only(run(param('2027-06-01'), param('2026-05-01')), 'request-parameter-sunset-date-changed-too-small').level, 'error');
});

test('grace period per stability level: deprecating without a sunset or with one too close is an error', () => {
  const days = { deprecation: { days: { stable: 90, beta: 30 } } };
  const op = (extra: string) => spec({ opExtra: extra });
  assert.equal(only(run(op(''), op('\n      deprecated: true'), days), 'api-deprecated-sunset-missing').level, 'error');
  assert.equal(only(run(op(''), op("\n      deprecated: true\n      x-sunset: '2026-07-01'"), days), 'api-sunset-date-too-small').level, 'error');
  assert.equal(only(run(op(''), op("\n      deprecated: true\n      x-sunset: '2026-12-01'"), days), 'endpoint-deprecated-with-sunset').level, 'info');
  // beta needs 30 days: a sunset 60 days ahead is fine for beta, too close for stable.
  const beta = (extra: string) => op(`\n      x-stability-level: beta${extra}`);
  assert.equal(only(run(beta(''), beta("\n      deprecated: true\n      x-sunset: '2026-07-31'"), days), 'endpoint-deprecated-with-sunset').level, 'info');
  assert.equal(only(run(op(''), op("\n      deprecated: true\n      x-sunset: '2026-07-31'"), days), 'api-sunset-date-too-small').level, 'error');
  // Parameters and properties.
  assert.equal(only(run(spec(), spec({ paramExtra: '\n          deprecated: true' }), days), 'request-parameter-deprecated-sunset-missing').level, 'error');
  assert.equal(
    only(run(spec(), spec({ paramExtra: "\n          deprecated: true\n          x-sunset: '2026-06-10'" }), days), 'request-parameter-sunset-date-too-small')
      .level,
    'error',
  );
  assert.deepEqual(rules(run(spec(), spec({ propExtra: '\n                    deprecated: true' }), days)), [
    'request-property-deprecated-sunset-missing error',
    'response-property-deprecated-sunset-missing error',
  ]);
  assert.deepEqual(rules(run(spec(), spec({ propExtra: "\n                    deprecated: true\n                    x-sunset: '2026-06-10'" }), days)), [
    'request-property-sunset-date-too-small error',
    'response-property-sunset-date-too-small error',
  ]);
  // Without a grace period deprecating is only news.
  assert.deepEqual(rules(run(spec(), spec({ propExtra: '\n                    deprecated: true' }))), [
    'request-property-deprecated info',
    'response-property-deprecated info',
  ]);
  const withSunset = run(spec(), spec({ propExtra: "\n                    deprecated: true\n                    x-sunset: '2027-01-01'" }));
  assert.deepEqual(rules(withSunset), ['request-property-deprecated-with-sunset info', 'response-property-deprecated-with-sunset info']);
  assert.match(withSunset[0].message, /^Property "tag" of .* was deprecated \(sunset 2027-01-01\)/);
});

test('changes inside an operation deprecated in the base are one level lower, unless configured otherwise', () => {
  const op = (type: string) => spec({ opExtra: '\n      deprecated: true' }).replace('id: {type: integer}', `id: {type: ${type}}`);
  const lowered = only(run(op('integer'), op('string')), 'response-property-type-changed');
  assert.equal(lowered.level, 'warning');
  assert.match(lowered.message, /lowered: the operation is deprecated in the base/);
  assert.equal(only(run(op('integer'), op('string'), { deprecation: { inDeprecatedOperation: 'same' } }), 'response-property-type-changed').level, 'error');
});

test('x-stability-level: lowering is an error, raising is info, an unknown value is an error, draft/alpha operations are left out', () => {
  const op = (level: string) => spec({ opExtra: level ? `\n      x-stability-level: ${level}` : '' });
  assert.equal(only(run(op('stable'), op('beta')), 'api-stability-decreased').level, 'error');
  assert.equal(only(run(op(''), op('alpha')), 'api-stability-decreased').level, 'error', 'no level counts as stable');
  assert.equal(only(run(op('beta'), op('stable')), 'api-stability-increased').level, 'info');
  assert.equal(only(run(op('beta'), op('production')), 'api-invalid-stability-level').level, 'error');
  assert.deepEqual(run(op('alpha'), op('draft')), [], 'leaving alpha promised nothing');
  // Changes inside a draft/alpha operation are not checked.
  assert.deepEqual(run(op('alpha'), op('alpha').replace('id: {type: integer}', 'id: {type: string}')), []);
  const prop = (level: string) => spec({ propExtra: `\n                    x-stability-level: ${level}` });
  assert.deepEqual(rules(run(prop('stable'), prop('beta'))), ['request-property-stability-decreased error', 'response-property-stability-decreased error']);
  assert.deepEqual(rules(run(prop('beta'), prop('stable'))), ['request-property-stability-increased info', 'response-property-stability-increased info']);
});

test('pattern: widened to match anything or removed is not breaking; changed stays a warning; removed from a response is not breaking', () => {
  const pat = (p: string | undefined) => spec({ propExtra: p === undefined ? '' : `\n                    pattern: '${p}'` });
  assert.deepEqual(rules(run(pat('^[a-z]+$'), pat('.*'))), ['request-property-pattern-generalized info', 'response-property-pattern-generalized info']);
  assert.deepEqual(rules(run(pat('^[a-z]+$'), pat(undefined))), ['request-property-pattern-removed info', 'response-property-pattern-removed info']);
  const changed = run(pat('^[a-z]+$'), pat('^[a-z0-9]+$'));
  assert.equal(only(changed, 'request-property-pattern-changed').level, 'warning');
  assert.match(only(changed, 'request-property-pattern-changed').message, /depends on the two patterns/);
});

test('.breakwater.yaml: the deprecation settings are read and checked', async () => {
  const { parseConfig } = await import('../../server/src/config/index');
  const c = parseConfig('policies:\n  deprecation: {days: {beta: 30, stable: 90}, afterSunset: info, inDeprecatedOperation: same}\n', 'c.yaml');
  assert.deepEqual(c.policies?.deprecation, { days: { beta: 30, stable: 90 }, afterSunset: 'info', inDeprecatedOperation: 'same' });
  assert.throws(() => parseConfig('policies:\n  deprecation: {afterSunset: never}\n', 'c.yaml'), /c\.yaml:2:\d+: "afterSunset" must be off or info/);
  assert.throws(() => parseConfig('policies:\n  deprecation: {days: {gamma: 3}}\n', 'c.yaml'), /unknown key "gamma" in "days"/);
});
