// Fixes for required changes, enum values, type changes and "accept", in YAML and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { runFix } from '../support/fixHarness';
import { toJsonText } from '../support/engineHarness';
import { acceptInConfig, applyEdits, majorVersionBump, nextMajor, fixSideOf } from '../../server/src/engine/fix/index';
import { loadModel } from '../../server/src/engine/index';

const SPEC = `openapi: 3.0.3
info:
  title: Pets
  version: 1.2.3
paths:
  /pets:
    get:
      parameters:
        - name: sort
          in: query
          schema:
            type: string
            enum: [asc, desc, random]
        - name: limit
          in: query
          required: false
          schema:
            type: integer
      responses:
        '200':
          description: ok
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required:
                - name
              properties:
                name:
                  type: string
                kind:
                  type: string
                  enum:
                    - cat
                    - dog
      responses:
        '201':
          description: created
`;

function variants(base: string, rev: string): [string, string, string, string][] {
  return [
    ['yaml', base, rev, 'spec.yaml'],
    ['json', toJsonText(base), toJsonText(rev), 'spec.json'],
  ];
}

function at(text: string, ...path: (string | number)[]): unknown {
  let cur: unknown = parse(text);
  for (const p of path) cur = (cur as Record<string | number, unknown> | undefined)?.[p];
  return cur;
}

test('new required query parameter: made optional, or optional with a default from its enum', () => {
  const rev = SPEC.replace(
    `      responses:
        '200':`,
    `        - name: format
          in: query
          required: true
          schema:
            type: string
            enum: [short, long]
      responses:
        '200':`,
  );
  for (const [label, b, r, file] of variants(SPEC, rev)) {
    const run = runFix(b, r, file, 'new-required-request-parameter', 'make-optional');
    assert.equal(at(run.fixed, 'paths', '/pets', 'get', 'parameters', 2, 'required'), false, label);
    const withDefault = runFix(b, r, file, 'new-required-request-parameter', 'optional-with-default');
    assert.deepEqual(
      at(withDefault.fixed, 'paths', '/pets', 'get', 'parameters', 2),
      { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['short', 'long'], default: 'short' } },
      label,
    );
  }
});

test('new required property: removed from required (the last one takes the keyword along)', () => {
  const rev = SPEC.replace(
    `              required:
                - name
`,
    `              required:
                - name
                - kind
`,
  );
  for (const [label, b, r, file] of variants(SPEC, rev)) {
    const run = runFix(b, r, file, 'request-property-became-required', 'revert-required');
    assert.deepEqual(at(run.fixed, 'paths', '/pets', 'post', 'requestBody', 'content', 'application/json', 'schema', 'required'), ['name'], label);
  }
  const added = SPEC.replace(
    `                kind:
                  type: string`,
    `                age:
                  type: integer
                  example: 3
                kind:
                  type: string`,
  ).replace(
    `              required:
                - name
`,
    `              required:
                - name
                - age
`,
  );
  for (const [label, b, r, file] of variants(SPEC, added)) {
    const run = runFix(b, r, file, 'new-required-request-property', 'make-optional');
    assert.deepEqual(at(run.fixed, 'paths', '/pets', 'post', 'requestBody', 'content', 'application/json', 'schema', 'required'), ['name'], label);
    const withDefault = runFix(b, r, file, 'new-required-request-property', 'optional-with-default');
    assert.deepEqual(
      at(withDefault.fixed, 'paths', '/pets', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'age'),
      { type: 'integer', example: 3, default: 3 },
      label,
    );
  }
  const onlyOne = SPEC.replace(
    `              required:
                - name
`,
    '',
  );
  const revOnly = SPEC.replace(
    `              required:
                - name
`,
    `              required:
                - kind
`,
  ).replace(
    `              required:
                - kind
`,
    `              required: [kind]
`,
  );
  for (const [label, b, r, file] of variants(onlyOne, revOnly)) {
    const run = runFix(b, r, file, 'request-property-became-required', 'revert-required');
    assert.equal(at(run.fixed, 'paths', '/pets', 'post', 'requestBody', 'content', 'application/json', 'schema', 'required'), undefined, label);
    assert.ok(!run.fixed.includes('required: []') && !run.fixed.includes('"required": []'), label);
  }
});

test('parameter became required: back to the base value, or the line goes away', () => {
  const rev = SPEC.replace('          required: false\n', '          required: true\n');
  for (const [label, b, r, file] of variants(SPEC, rev)) {
    const run = runFix(b, r, file, 'request-parameter-became-required', 'revert-required');
    assert.equal(run.fixed, b, label);
  }
  const revSort = SPEC.replace(
    `        - name: sort
          in: query
`,
    `        - name: sort
          in: query
          required: true
`,
  );
  for (const [label, b, r, file] of variants(SPEC, revSort)) {
    const run = runFix(b, r, file, 'request-parameter-became-required', 'revert-required');
    assert.equal(run.fixed, b, label);
  }
});

test('removed enum value is restored in place, flow and block lists', () => {
  const flow = SPEC.replace('enum: [asc, desc, random]', 'enum: [asc, random]');
  for (const [label, b, r, file] of variants(SPEC, flow)) {
    const run = runFix(b, r, file, 'request-parameter-enum-value-removed', 'restore-value');
    assert.equal(run.fixed, b, label);
  }
  const block = SPEC.replace('                    - cat\n', '');
  for (const [label, b, r, file] of variants(SPEC, block)) {
    const run = runFix(b, r, file, 'request-property-enum-value-removed', 'restore-value');
    assert.equal(run.fixed, b, label);
  }
});

test('changed type is restored', () => {
  // integer -> boolean: no integer's text is a boolean (integer -> string would still accept every old value).
  const rev = SPEC.replace(
    `          required: false
          schema:
            type: integer`,
    `          required: false
          schema:
            type: boolean`,
  );
  for (const [label, b, r, file] of variants(SPEC, rev)) {
    const fixes = runFix(b, r, file, 'request-parameter-type-changed', 'restore-value');
    assert.equal(fixes.fixed, b, label);
    assert.match(fixes.fixes[0].title, /Restore type: "?integer"?/);
  }
});

test('accept: .breakwater.yaml is created, appended to, and not duplicated', () => {
  const entry = { fingerprint: '0123456789abcdef', rule: 'request-parameter-removed', reason: 'v2 drops it' };
  const created = acceptInConfig(undefined, entry);
  assert.ok(created && created.kind === 'create');
  assert.deepEqual(parse(created.text), { accepted: [entry] });
  const existing = `# team rules\nrules:\n    response-optional-property-removed: error\naccepted:\n    -   fingerprint: aaaa\n        reason: old\n`;
  const appended = acceptInConfig(existing, entry);
  assert.ok(appended && appended.kind === 'edit');
  const text = applyEdits(existing, appended.edits);
  assert.deepEqual(parse(text).accepted, [{ fingerprint: 'aaaa', reason: 'old' }, entry]);
  assert.ok(text.startsWith(existing.trimEnd()), 'existing text is untouched');
  assert.equal(acceptInConfig(text, entry), null);
  const noKey = `rules:\n  x: off\n`;
  const added = acceptInConfig(noKey, entry);
  assert.ok(added && added.kind === 'edit');
  assert.deepEqual(parse(applyEdits(noKey, added.edits)), { rules: { x: 'off' }, accepted: [entry] });
  const commentsOnly = `# nothing yet\n`;
  const fromComments = acceptInConfig(commentsOnly, entry);
  assert.ok(fromComments && fromComments.kind === 'edit');
  assert.deepEqual(parse(applyEdits(commentsOnly, fromComments.edits)), { accepted: [entry] });
});

test('accept: info.version goes to the next major once', () => {
  assert.equal(nextMajor('1.2.3'), '2.0.0');
  assert.equal(nextMajor('v3'), 'v4');
  assert.equal(nextMajor('0.9.1'), '0.10.0');
  assert.equal(nextMajor('2024-01-01'), undefined);
  const side = (text: string, file: string) => fixSideOf(loadModel({ text, file }, 'revision').doc);
  for (const [text, file] of [
    [SPEC, 'spec.yaml'],
    [toJsonText(SPEC), 'spec.json'],
  ] as const) {
    const bump = majorVersionBump(side(text, file), side(text, file));
    assert.ok(bump);
    assert.equal(bump.to, '2.0.0');
    const bumped = applyEdits(text, [bump.edit]);
    assert.equal(at(bumped, 'info', 'version'), '2.0.0');
    assert.equal(majorVersionBump(side(bumped, file), side(text, file)), undefined, 'already bumped');
  }
});
