// .breakwater.yaml: what it accepts, the exact one-line error (with position) for
// what it does not, expiry of accepted changes, and where it is found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOptionsOf, ConfigError, findConfigFile, loadConfigFile, parseConfig } from '../../server/src/config/index';

const FP = '0123456789abcdef';

test('parseConfig: every documented key', () => {
  const c = parseConfig(
    [
      'base: origin/main',
      'rules:',
      '  api-removed: warning',
      '  response-optional-property-removed: off',
      'accepted:',
      `  - fingerprint: ${FP}`,
      '    reason: announced in the changelog',
      '    expires: 2030-01-31',
      '  - FEDCBA9876543210',
      'policies:',
      '  deprecation: {minDays: 90, sunsetExtensions: [x-sunset]}',
      '  majorVersion: {enabled: true, level: warning}',
      '  stability: {extension: x-stability-level, excludedLevels: [draft], excludeFlags: [x-internal]}',
      '  unknownProperties: rejected',
    ].join('\n'),
    '/repo/.breakwater.yaml',
  );
  assert.equal(c.base, 'origin/main');
  assert.deepEqual(c.rules, { 'api-removed': 'warning', 'response-optional-property-removed': 'off' });
  assert.deepEqual(
    c.accepted.map((a) => [a.fingerprint, a.reason, a.expires, a.line]),
    [
      [FP, 'announced in the changelog', '2030-01-31', 6],
      ['fedcba9876543210', undefined, undefined, 9],
    ],
  );
  assert.deepEqual(c.policies, {
    deprecation: { minDays: 90, sunsetExtensions: ['x-sunset'] },
    majorVersion: { enabled: true, level: 'warning' },
    stability: { extension: 'x-stability-level', excludedLevels: ['draft'], excludeFlags: ['x-internal'] },
    unknownProperties: 'rejected',
  });
});

test('parseConfig: an empty file is an empty config', () => {
  assert.deepEqual(parseConfig('', '/r/.breakwater.yaml'), { file: '/r/.breakwater.yaml', rules: {}, accepted: [] });
  assert.deepEqual(parseConfig('# nothing yet\n', '/r/.breakwater.yaml').rules, {});
});

test('parseConfig: one-line errors that name the file, line and column', () => {
  const cases: [string, string][] = [
    ['rules:\n  api-removd: off\n', 'c.yaml:2:3: unknown rule "api-removd" (run "breakwater rules" for the list)'],
    ['rules:\n  api-removed: fatal\n', 'c.yaml:2:3: level of "api-removed" must be error, warning, info or off'],
    ['rule:\n  api-removed: off\n', 'c.yaml:1:1: unknown key "rule" (expected base, rules, accepted, policies, include, exclude)'],
    ['accepted:\n  - fingerprint: xyz\n', 'c.yaml:2:5: a fingerprint is the hex string shown by "breakwater --format json"'],
    [`accepted:\n  - fingerprint: ${FP}\n    expires: soon\n`, 'c.yaml:3:5: "expires" must be a date like 2025-12-31'],
    [`accepted:\n  - fingerprint: ${FP}\n    why: x\n`, 'c.yaml:3:5: unknown key "why" in an accepted change (expected fingerprint, rule, reason, expires)'],
    ['accepted:\n  - reason: x\n', 'c.yaml:2:5: accepted change without a "fingerprint"'],
    ['accepted: yes\n', 'c.yaml:1:1: "accepted" must be a list of {fingerprint, rule, reason, expires}'],
    ['base: ""\n', 'c.yaml:1:1: "base" must be a non-empty string'],
    ['policies:\n  sunset: {}\n', 'c.yaml:2:3: unknown policy "sunset" (expected deprecation, majorVersion, stability, unknownProperties)'],
    ['policies:\n  deprecation: {minDays: soon}\n', 'c.yaml:2:17: "minDays" must be a number of days'],
    ['policies:\n  unknownProperties: strict\n', 'c.yaml:2:3: "unknownProperties" must be declared, closed-bodies or rejected'],
    ['- a\n- b\n', 'c.yaml:1:1: expected a mapping with keys base, rules, accepted, policies, include, exclude'],
    ['include: specs/**\n', 'c.yaml:1:1: "include" must be a list of glob patterns, e.g. [specs/**/*.yaml]'],
    ['rules: [\n', 'c.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseConfig(text, 'c.yaml'),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.equal(e.message, message, JSON.stringify(text));
        return true;
      },
    );
  }
});

test('checkOptionsOf: expired acceptances are reported again and listed', () => {
  const c = parseConfig(
    `rules: {api-removed: info}\naccepted:\n  - {fingerprint: ${FP}, expires: 2024-06-30, reason: old}\n  - {fingerprint: fedcba9876543210, expires: 2024-07-01}\n`,
    'c.yaml',
  );
  const { options, expired } = checkOptionsOf(c, '2024-07-01');
  assert.deepEqual(options.accepted, ['fedcba9876543210'], 'valid through its expiry day');
  assert.deepEqual(options.ruleLevels, { 'api-removed': 'info' });
  assert.deepEqual(
    expired.map((a) => a.fingerprint),
    [FP],
  );
  assert.deepEqual(checkOptionsOf(undefined), { options: {}, expired: [] });
});

test('findConfigFile: next to the spec first, then the work-tree root', () => {
  const repo = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-config-')));
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'api', 'v2'), { recursive: true });
  const spec = join(repo, 'api', 'v2', 'openapi.yaml');
  assert.equal(findConfigFile(spec), undefined);
  writeFileSync(join(repo, '.breakwater.yaml'), 'base: main\n');
  assert.equal(findConfigFile(spec), join(repo, '.breakwater.yaml'));
  writeFileSync(join(repo, 'api', 'v2', '.breakwater.yml'), 'base: release\n');
  assert.equal(findConfigFile(spec), join(repo, 'api', 'v2', '.breakwater.yml'));
  assert.equal(loadConfigFile(findConfigFile(spec)!).base, 'release');
  assert.throws(() => loadConfigFile(join(repo, 'nope.yaml')), { message: `${join(repo, 'nope.yaml')}: no such file` });
});

test('parseConfig: include and exclude globs for check with no file', () => {
  const c = parseConfig('include: [specs/**/*.yaml]\nexclude:\n  - "**/fixtures/**"\n  - old.json\n', 'c.yaml');
  assert.deepEqual(c.include, ['specs/**/*.yaml']);
  assert.deepEqual(c.exclude, ['**/fixtures/**', 'old.json']);
});
