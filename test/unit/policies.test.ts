// Each policy, proven on a small pair in YAML and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, sameInBothFormats, only } from '../support/engineHarness';
import type { CheckOptions } from '../../server/src/engine/index';

function api(version: string, opExtra: string, withDelete: boolean): string {
  return `openapi: 3.0.3
info:
  title: t
  version: ${version}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
${withDelete ? `    delete:${opExtra}\n      responses:\n        '204':\n          description: gone\n` : ''}`;
}

const run = (base: string, rev: string, options: CheckOptions = {}) => sameInBothFormats(diffPair(base, rev, options));
const today = { policies: { today: '2026-06-01' } };

test('removing a deprecated operation is allowed (info) and says why', () => {
  const f = only(run(api('1.0.0', '\n      deprecated: true', true), api('1.0.0', '', false), today), 'api-removed-with-deprecation');
  assert.equal(f.level, 'info');
  assert.match(f.message, /allowed: deprecated in base/);
});

test('removing a deprecated operation before its sunset is an error; after it, allowed', () => {
  const dep = (date: string) => `\n      deprecated: true\n      x-sunset: '${date}'`;
  const early = only(run(api('1.0.0', dep('2026-12-31'), true), api('1.0.0', '', false), today), 'api-removed-before-sunset');
  assert.equal(early.level, 'error');
  assert.match(early.message, /sunset is 2026-12-31/);
  // After the sunset: no finding at all (oasdiff's default), or an info finding when configured.
  assert.deepEqual(run(api('1.0.0', dep('2026-01-01'), true), api('1.0.0', '', false), today), []);
  const late = only(
    run(api('1.0.0', dep('2026-01-01'), true), api('1.0.0', '', false), { policies: { ...today.policies, deprecation: { afterSunset: 'info' } } }),
    'api-removed-with-deprecation',
  );
  assert.equal(late.level, 'info');
  assert.match(late.message, /sunset 2026-01-01 has passed/);
  const custom = { policies: { today: '2026-06-01', deprecation: { sunsetExtensions: ['x-removal-date'] } } };
  const c = only(
    run(api('1.0.0', "\n      deprecated: true\n      x-removal-date: '2027-01-01'", true), api('1.0.0', '', false), custom),
    'api-removed-before-sunset',
  );
  assert.equal(c.level, 'error');
});

test('minimum deprecation period: deprecating without a far enough sunset is an error', () => {
  const opts = { policies: { today: '2026-06-01', deprecation: { minDays: 90 } } };
  const missing = only(run(api('1.0.0', '', true), api('1.0.0', '\n      deprecated: true', true), opts), 'api-deprecated-sunset-missing');
  assert.equal(missing.level, 'error');
  const soon = only(
    run(api('1.0.0', '', true), api('1.0.0', "\n      deprecated: true\n      x-sunset: '2026-07-01'", true), opts),
    'api-sunset-date-too-small',
  );
  assert.equal(soon.level, 'error');
  const fine = run(api('1.0.0', '', true), api('1.0.0', "\n      deprecated: true\n      x-sunset: '2027-01-01'", true), opts);
  assert.equal(only(fine, 'endpoint-deprecated-with-sunset').level, 'info');
});

test('a major version bump turns breaking changes into info, unless disabled', () => {
  const f = only(run(api('1.4.0', '', true), api('2.0.0', '', false)), 'api-removed-without-deprecation');
  assert.equal(f.level, 'info');
  assert.match(f.message, /major version bumped 1\.4\.0 → 2\.0\.0/);
  const off = only(run(api('1.4.0', '', true), api('2.0.0', '', false), { policies: { majorVersion: { enabled: false } } }), 'api-removed-without-deprecation');
  assert.equal(off.level, 'error');
  const minor = only(run(api('1.4.0', '', true), api('1.5.0', '', false)), 'api-removed-without-deprecation');
  assert.equal(minor.level, 'error');
});

test('draft/alpha operations and flagged ones are excluded', () => {
  assert.deepEqual(run(api('1.0.0', '\n      x-stability-level: alpha', true), api('1.0.0', '', false)), []);
  const flagged = api('1.0.0', '\n      x-internal: true', true);
  assert.equal(run(flagged, api('1.0.0', '', false)).length, 1, 'not excluded unless configured');
  assert.deepEqual(run(flagged, api('1.0.0', '', false), { policies: { stability: { excludeFlags: ['x-internal'] } } }), []);
});

test('x-breakwater-ignore on a node exempts the named rule only', () => {
  const withProp = (extra: string, keepName: boolean) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /p:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object${extra}
                properties:
                  id: {type: integer}${keepName ? '\n                  name: {type: string}' : ''}
`;
  const base = withProp('', true);
  assert.equal(run(base, withProp('', false)).length, 1);
  assert.deepEqual(run(base, withProp('\n                x-breakwater-ignore: [response-optional-property-removed]', false)), []);
  assert.equal(run(base, withProp('\n                x-breakwater-ignore: [some-other-rule]', false)).length, 1);
});
