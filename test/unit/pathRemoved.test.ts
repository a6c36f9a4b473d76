// api-path-removed-without-deprecation names the operations of the removed path only: other paths
// share methods (GET) and parameter-erased keys, and were once listed too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, oas30, only, sameInBothFormats } from '../support/engineHarness';

const op = (method: string, summary: string) => `    ${method}:\n      summary: ${summary}\n      responses:\n        '200':\n          description: ok\n`;
const paths = (items: Record<string, string[]>) =>
  oas30(
    `paths:\n${Object.entries(items)
      .map(([path, methods]) => `  ${path}:\n${methods.map((m) => op(m, `${m} ${path}`)).join('')}`)
      .join('')}`,
  );

test('removing /pets (one GET) next to /pets/{id}: only GET /pets is named, in the message and as the operation (YAML and JSON)', () => {
  const base = paths({ '/pets': ['get'], '/pets/{id}': ['get'] });
  const revision = paths({ '/pets/{id}': ['get'] });
  const removed = only(sameInBothFormats(diffPair(base, revision)), 'api-path-removed-without-deprecation');
  assert.match(removed.message, /\/pets\b/);
  assert.doesNotMatch(removed.message, /GET, GET/, removed.message);
  assert.match(removed.message, /^Path \/pets was removed with its operation GET: /, 'one operation: singular');
  assert.equal(removed.operation, 'GET /pets');
  assert.deepEqual(removed.operations, ['GET /pets']);
  for (const format of ['yaml', 'json'] as const) {
    const f = diffPair(base, revision)[format].findings.find((x) => x.rule === 'api-path-removed-without-deprecation')!;
    assert.equal(f.operation, 'GET /pets', format);
  }
});

test('removing /a (GET) next to /b (GET, PUT, DELETE): only GET is named (YAML and JSON)', () => {
  const base = paths({ '/a': ['get'], '/b': ['get', 'put', 'delete'] });
  const revision = paths({ '/b': ['get', 'put', 'delete'] });
  const removed = only(sameInBothFormats(diffPair(base, revision)), 'api-path-removed-without-deprecation');
  assert.doesNotMatch(removed.message, /PUT|DELETE|GET, GET/, removed.message);
  assert.equal(removed.operation, 'GET /a');
  assert.deepEqual(removed.operations, ['GET /a']);
});

test('removing a path with several operations names each of its own once', () => {
  const base = paths({ '/a': ['get', 'post'], '/b': ['get', 'put'] });
  const removed = only(sameInBothFormats(diffPair(base, paths({ '/b': ['get', 'put'] }))), 'api-path-removed-without-deprecation');
  assert.match(removed.message, /^Path \/a was removed with its operations GET and POST: /, 'two operations: plural, joined with "and"');
  assert.doesNotMatch(removed.message, /PUT/);
  assert.deepEqual([...removed.operations].sort(), ['GET /a', 'POST /a']);
  const three = only(sameInBothFormats(diffPair(paths({ '/a': ['get', 'put', 'delete'] }), paths({}))), 'api-path-removed-without-deprecation');
  assert.match(three.message, /^Path \/a was removed with its operations GET, PUT and DELETE: /);
});
