// The language server's pure helpers: base selectors, one-line ranges, moving
// stale diagnostics, the single edit between two texts, spec detection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/index';
import { parseBaseSelector, selectorLabel, selectorText } from '../../server/src/workspace/base/baseSelector';
import { oneLineRange, remapToText } from '../../server/src/lsp/diagnostics';
import { singleEdit } from '../../server/src/workspace/revisionParser';
import { isSpecText } from '../../server/src/workspace/specDetection';
import { baseUriOf, fileUriOfBase } from '../../server/src/lsp/baseUri';
import { sanitise } from '../../server/src/lsp/settings';

test('base selectors: HEAD by default, refs, merge-base and staged', () => {
  assert.deepEqual(parseBaseSelector(''), { kind: 'ref', ref: 'HEAD' });
  assert.deepEqual(parseBaseSelector(undefined), { kind: 'ref', ref: 'HEAD' });
  assert.deepEqual(parseBaseSelector('v1.2.0'), { kind: 'ref', ref: 'v1.2.0' });
  assert.deepEqual(parseBaseSelector('merge-base:origin/main'), { kind: 'merge-base', ref: 'origin/main' });
  assert.deepEqual(parseBaseSelector('merge-base origin/main'), { kind: 'merge-base', ref: 'origin/main' });
  assert.deepEqual(parseBaseSelector('staged'), { kind: 'staged' });
  assert.equal(selectorText(parseBaseSelector('merge-base origin/main')), 'merge-base:origin/main');
  assert.equal(selectorLabel({ kind: 'ref', ref: 'HEAD' }, '3f2a1c0d9e8b7a6543210'), 'HEAD 3f2a1c0');
  assert.equal(selectorLabel({ kind: 'staged' }), 'staged');
});

test('ranges never leave their first line', () => {
  const lines = new LineIndex('a:\n  bb: 1\n  cc:\n    d: 2\n');
  assert.deepEqual(oneLineRange(lines, 5, 7), { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } });
  assert.deepEqual(oneLineRange(lines, 13, 40), { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
  assert.deepEqual(oneLineRange(lines, 0, 0), { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
});

test('stale diagnostics follow the lines around an edit', () => {
  const d = (line: number) => ({ range: { start: { line, character: 2 }, end: { line, character: 6 } }, message: 'm' });
  const before = 'a\nb\nc\nd\ne\n';
  const after = 'a\nb\nX\nY\nc\nd\ne\n';
  const moved = remapToText([d(0), d(3), d(4)], before, after);
  assert.deepEqual(
    moved.map((x) => x.range.start.line),
    [0, 5, 6],
  );
  const inside = remapToText([d(2)], 'a\nb\nc\nd\n', 'a\nZZ\nd\n');
  assert.equal(inside[0].range.start.line, 1, 'a line inside the edited region snaps to its start');
});

test('the single edit between two texts', () => {
  assert.deepEqual(singleEdit('abcdef', 'abXYef'), { start: 2, end: 4, newText: 'XY' });
  assert.deepEqual(singleEdit('aaa', 'aaaa'), { start: 3, end: 3, newText: 'a' });
  assert.deepEqual(singleEdit('a\r\nb', 'a\nb'), { start: 1, end: 2, newText: '' });
  const e = singleEdit('x\uD83D\uDE00y', 'x\uD83D\uDE01y');
  assert.equal(e.start, 1, 'surrogate pairs are not split');
});

test('spec detection finds a top-level openapi/swagger key anywhere, not nested ones', () => {
  assert.ok(isSpecText('openapi: 3.0.0\n'));
  assert.ok(isSpecText('components: {}\n' + 'x: y\n'.repeat(30000) + 'openapi: 3.0.0\n'));
  assert.ok(isSpecText('{\n' + '  "a": 1,\n'.repeat(20000) + '  "openapi": "3.1.0"\n}\n'));
  assert.ok(isSpecText('{"components":{},"swagger":"2.0"}'));
  assert.ok(!isSpecText('name: x\ndependencies:\n  openapi-types: 12.1.3\n'));
  assert.ok(!isSpecText('{"name": "x", "version": "1.0.0"}'));
});

test('base URIs keep the file URI and change only the scheme', () => {
  const file = 'file:///home/u/api%20v2/openapi.yaml';
  assert.equal(baseUriOf(file), 'breakwater-base:///home/u/api%20v2/openapi.yaml');
  assert.equal(fileUriOfBase(baseUriOf(file)), file);
  assert.equal(fileUriOfBase(file), undefined);
});

test('settings from the client are sanitised', () => {
  assert.deepEqual(sanitise(undefined), { run: 'onType', base: '', rules: {}, budgetMs: 1500, maxFileSizeMB: 20 });
  assert.deepEqual(sanitise({ run: 'onSave', base: 'main', rules: { 'api-removed': 'warning', 'no-such-rule': 'off', 'api-path-removed': 'loud' } }), {
    run: 'onSave',
    base: 'main',
    rules: { 'api-removed': 'warning' },
    budgetMs: 1500,
    maxFileSizeMB: 20,
  });
  assert.equal(sanitise({ maxFileSizeMB: 0.5 }).maxFileSizeMB, 0.5);
  assert.equal(sanitise({ maxFileSizeMB: 0 }).maxFileSizeMB, 20);
  assert.equal(sanitise({ maxFileSizeMB: '5' }).maxFileSizeMB, 20);
  assert.equal(sanitise({ performance: { budgetMs: 200 } }).budgetMs, 200);
  assert.equal(sanitise({ 'performance.budgetMs': 300 }).budgetMs, 300);
  assert.equal(sanitise({ performance: { budgetMs: -1 } }).budgetMs, 1500);
  assert.equal(sanitise({ performance: { budgetMs: '9' } }).budgetMs, 1500);
});
