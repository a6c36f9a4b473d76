import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatcher } from '../../server/src/io/glob';

test('globs: name patterns match at any depth, slashed patterns from the root', () => {
  const m = globMatcher(['*.yaml']);
  assert.ok(m('openapi.yaml'));
  assert.ok(m('specs/v1/openapi.yaml'));
  assert.ok(!m('openapi.json'));
  const rooted = globMatcher(['specs/*.yaml']);
  assert.ok(rooted('specs/a.yaml'));
  assert.ok(!rooted('specs/v1/a.yaml'), '* stays in one folder');
  assert.ok(!rooted('other/specs/a.yaml'));
});

test('globs: ** across folders, {a,b}, [..], ? and folders', () => {
  const deep = globMatcher(['specs/**/*.{yaml,json}']);
  assert.ok(deep('specs/a.yaml'));
  assert.ok(deep('specs/v1/b/c.json'));
  assert.ok(!deep('specs/v1/c.yml'));
  assert.ok(globMatcher(['**/fixtures/**'])('test/fixtures/x/openapi.yaml'));
  assert.ok(globMatcher(['fixtures/'])('fixtures/a/b.yaml'));
  assert.ok(globMatcher(['v[12]/spec?.yaml'])('v2/spec3.yaml'));
  assert.ok(!globMatcher(['v[12]/spec?.yaml'])('v3/spec3.yaml'));
  assert.ok(globMatcher(['./api.yaml'])('api.yaml'));
  assert.ok(!globMatcher(['a.yaml'])('xa.yaml'), 'a name pattern is a whole name');
});
