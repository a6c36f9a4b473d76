import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, baseNote, ruleInfo } from '../../server/src/engine/index';

test('rule ids are unique, kebab-case, with a level and a title', () => {
  const ids = new Set<string>();
  for (const r of RULES) {
    assert.match(r.id, /^[a-z]+(-[a-z]+)*$/, r.id);
    assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
    ids.add(r.id);
    assert.ok(['error', 'warning', 'info'].includes(r.level));
    assert.ok(r.title.length > 3);
  }
});

test('request and response mirrors have the levels the asymmetry demands', () => {
  assert.equal(ruleInfo('request-property-enum-value-removed').level, 'error');
  assert.equal(ruleInfo('response-property-enum-value-removed').level, 'info');
  assert.equal(ruleInfo('response-property-enum-value-added').level, 'warning');
  assert.equal(ruleInfo('request-property-became-not-nullable').level, 'error');
  assert.equal(ruleInfo('response-property-became-nullable').level, 'error');
  assert.equal(ruleInfo('request-parameter-default-value-changed').level, 'error');
  assert.equal(ruleInfo('request-body-default-value-changed').level, 'info');
});

test('docs/rules.md is generated from the registry and up to date (npm run docs)', async () => {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const { rulesDocument } = await import('../../server/src/engine/index');
  const doc = readFileSync(path.resolve(__dirname, '../../../docs/rules.md'), 'utf8');
  assert.equal(doc, rulesDocument());
});

test('the note related information gives the base node says what the base had, in the words of the change', () => {
  assert.equal(baseNote('request-parameter-became-required'), 'the parameter was optional');
  assert.equal(baseNote('response-property-became-optional'), 'the property was required');
  assert.equal(baseNote('request-parameter-removed'), 'the removed parameter');
  assert.equal(baseNote('api-path-removed-without-deprecation'), 'the removed path');
  assert.equal(baseNote('new-required-request-parameter'), 'before the parameter was added');
  assert.equal(baseNote('request-parameter-default-value-removed'), 'the removed default');
  // A schema keyword removed is not its property removed.
  assert.equal(baseNote('response-property-max-length-unset'), 'the removed keyword');
  assert.equal(baseNote('request-property-enum-value-removed'), 'the removed enum value');
  for (const r of RULES) {
    const note = baseNote(r.id);
    assert.ok(note.length > 5 && note.length <= 48, `${r.id}: ${note}`);
    // A schema keyword rule (generated per subject: "Request property: ...") speaks of the keyword, never of its element.
    if (/^(Request|Response) (body|property|parameter|header): /.test(r.title))
      assert.doesNotMatch(note, /^the removed (parameter|property|header|schema)$|^before the (parameter|property|header) was added$/, `${r.id}: ${note}`);
  }
});
