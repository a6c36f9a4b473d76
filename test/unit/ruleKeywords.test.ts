// JSON Schema keyword families (bounds with both exclusive spellings, multipleOf,
// property counts, contains, prefixItems, patternProperties, propertyNames,
// dependent*, if/then/else, unevaluated*, lists of types): each change is run as
// YAML and as JSON, on the request and the response side, for a body and for a
// property (and a parameter where the id exists), and must give exactly its id at
// its level. The same keyword left alone gives nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, sameInBothFormats } from '../support/engineHarness';
import type { Finding, Level } from '../../server/src/engine/index';

type Subject = 'body' | 'property' | 'parameter';

/** A spec whose request body, response body and one query parameter are given as flow-style schemas. */
function spec(version: string, slots: { request?: string; response?: string; param?: string }): string {
  return `openapi: ${version}
info: {title: K, version: 1.0.0}
paths:
  /things:
    post:
      parameters:
        - {name: q, in: query, schema: ${slots.param ?? '{type: string}'}}
      requestBody:
        content:
          application/json:
            schema: ${slots.request ?? '{type: object}'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${slots.response ?? '{type: object}'}
`;
}

/** The schema placed as the subject: the body itself, or property `p` of an object body. */
function place(subject: Subject, schema: string): string {
  return subject === 'property' ? `{type: object, properties: {p: ${schema}}}` : schema;
}

function findingsFor(version: string, dir: 'request' | 'response', subject: Subject, base: string, revision: string): Finding[] {
  const slots = (s: string) => (subject === 'parameter' ? { param: s } : dir === 'request' ? { request: place(subject, s) } : { response: place(subject, s) });
  return sameInBothFormats(diffPair(spec(version, slots(base)), spec(version, slots(revision))));
}

interface Case {
  base: string;
  revision: string;
  /** The change part of the id: request-property-<change>. */
  change: string;
  request: Level;
  response: Level;
  version?: string;
  /** Also a query parameter's schema (request side only). */
  parameter?: boolean;
}

/** Asserts exactly one finding, `<dir>-<subject>-<change>` at the given level, on every side and subject. */
function expectCase(c: Case): void {
  const version = c.version ?? '3.1.0';
  const runs: ['request' | 'response', Subject, Level][] = [
    ['request', 'body', c.request],
    ['request', 'property', c.request],
    ['response', 'body', c.response],
    ['response', 'property', c.response],
  ];
  if (c.parameter) runs.push(['request', 'parameter', c.request]);
  for (const [dir, subject, level] of runs) {
    const f = findingsFor(version, dir, subject, c.base, c.revision);
    const id = `${dir}-${subject}-${c.change}`;
    assert.deepEqual(
      f.map((x) => `${x.rule} ${x.level}`),
      [`${id} ${level}`],
      `${c.base} -> ${c.revision} (${version}, ${dir} ${subject})`,
    );
    assert.equal(f[0].direction, dir);
    if (level !== 'info') assert.match(f[0].message, /clients/, `${id}: the message says who breaks`);
  }
}

/** The keyword left as it is (the schema's text still differs, so it is compared): no finding anywhere. */
function expectUnchanged(schema: string, version = '3.1.0'): void {
  const touched = schema.replace(/^\{/, '{description: touched, ');
  for (const dir of ['request', 'response'] as const) {
    for (const subject of ['body', 'property'] as const) {
      assert.deepEqual(findingsFor(version, dir, subject, schema, touched), [], `${schema} unchanged (${dir} ${subject})`);
    }
  }
}

const num = (k: string) => `{type: number, ${k}}`;

test('exclusiveMaximum as a 3.1 number: decreased, increased, set, unset', () => {
  expectCase({
    base: num('exclusiveMaximum: 10'),
    revision: num('exclusiveMaximum: 5'),
    change: 'exclusive-max-decreased',
    request: 'error',
    response: 'info',
    parameter: true,
  });
  expectCase({
    base: num('exclusiveMaximum: 5'),
    revision: num('exclusiveMaximum: 10'),
    change: 'exclusive-max-increased',
    request: 'info',
    response: 'error',
    parameter: true,
  });
  expectCase({
    base: num('minimum: 0'),
    revision: num('minimum: 0, exclusiveMaximum: 10'),
    change: 'exclusive-max-set',
    request: 'warning',
    response: 'info',
    parameter: true,
  });
  expectCase({ base: num('minimum: 0, exclusiveMaximum: 10'), revision: num('minimum: 0'), change: 'exclusive-max-unset', request: 'info', response: 'error' });
  expectUnchanged(num('exclusiveMaximum: 10'));
});

test('exclusiveMinimum as a 3.1 number: increased, decreased, set, unset', () => {
  expectCase({
    base: num('exclusiveMinimum: 0'),
    revision: num('exclusiveMinimum: 1'),
    change: 'exclusive-min-increased',
    request: 'error',
    response: 'info',
    parameter: true,
  });
  expectCase({
    base: num('exclusiveMinimum: 1'),
    revision: num('exclusiveMinimum: 0'),
    change: 'exclusive-min-decreased',
    request: 'info',
    response: 'error',
    parameter: true,
  });
  expectCase({
    base: num('maximum: 9'),
    revision: num('maximum: 9, exclusiveMinimum: 0'),
    change: 'exclusive-min-set',
    request: 'warning',
    response: 'info',
    parameter: true,
  });
  expectCase({ base: num('maximum: 9, exclusiveMinimum: 0'), revision: num('maximum: 9'), change: 'exclusive-min-unset', request: 'info', response: 'error' });
  expectUnchanged(num('exclusiveMinimum: 0'));
});

test('exclusiveMaximum/Minimum as the 3.0 boolean: turning exclusive tightens, turning inclusive loosens', () => {
  const v = '3.0.3';
  expectCase({
    version: v,
    base: num('maximum: 10'),
    revision: num('maximum: 10, exclusiveMaximum: true'),
    change: 'exclusive-max-decreased',
    request: 'error',
    response: 'info',
    parameter: true,
  });
  expectCase({
    version: v,
    base: num('maximum: 10, exclusiveMaximum: true'),
    revision: num('maximum: 10, exclusiveMaximum: false'),
    change: 'exclusive-max-increased',
    request: 'info',
    response: 'error',
  });
  expectCase({
    version: v,
    base: num('maximum: 10, exclusiveMaximum: true'),
    revision: num('maximum: 20, exclusiveMaximum: true'),
    change: 'exclusive-max-increased',
    request: 'info',
    response: 'error',
  });
  expectCase({
    version: v,
    base: num('minimum: 0'),
    revision: num('minimum: 0, exclusiveMinimum: true'),
    change: 'exclusive-min-increased',
    request: 'error',
    response: 'info',
    parameter: true,
  });
  expectCase({
    version: v,
    base: num('minimum: 0, exclusiveMinimum: true'),
    revision: num('minimum: -5, exclusiveMinimum: true'),
    change: 'exclusive-min-decreased',
    request: 'info',
    response: 'error',
  });
  expectCase({
    version: v,
    base: num('minimum: 0'),
    revision: num('minimum: 0, maximum: 3, exclusiveMaximum: true'),
    change: 'exclusive-max-set',
    request: 'warning',
    response: 'info',
  });
  expectUnchanged(num('maximum: 10, exclusiveMaximum: true'), v);
  expectUnchanged(num('minimum: 0, exclusiveMinimum: true'), v);
});

test('an inclusive bound keeps its own ids, and a bound that allows the same is no change', () => {
  expectCase({ base: num('maximum: 10'), revision: num('maximum: 5'), change: 'max-decreased', request: 'error', response: 'info', parameter: true });
  // 3.0 spelling to 3.1 spelling of the same bound: nothing to report.
  const same = findingsFor('3.1.0', 'response', 'property', num('maximum: 10, exclusiveMaximum: true'), num('exclusiveMaximum: 10'));
  assert.deepEqual(same, []);
  // A looser inclusive maximum next to a tighter exclusive one changes nothing.
  assert.deepEqual(findingsFor('3.1.0', 'request', 'property', num('maximum: 20, exclusiveMaximum: 10'), num('maximum: 30, exclusiveMaximum: 10')), []);
  // Inclusive 10 to exclusive 10 (3.1): tighter, under the exclusive id.
  const f = findingsFor('3.1.0', 'request', 'body', num('maximum: 10'), num('exclusiveMaximum: 10'));
  assert.deepEqual(
    f.map((x) => x.rule),
    ['request-body-exclusive-max-decreased'],
  );
  assert.match(f[0].message, /from 10 \(inclusive\) to 10 \(exclusive\)/);
});

const obj = (k: string) => `{type: object, ${k}}`;

test('maxProperties and minProperties', () => {
  expectCase({ base: obj('maxProperties: 10'), revision: obj('maxProperties: 5'), change: 'max-properties-decreased', request: 'error', response: 'info' });
  expectCase({ base: obj('maxProperties: 5'), revision: obj('maxProperties: 10'), change: 'max-properties-increased', request: 'info', response: 'error' });
  expectCase({
    base: obj('minProperties: 1'),
    revision: obj('minProperties: 1, maxProperties: 5'),
    change: 'max-properties-set',
    request: 'warning',
    response: 'info',
  });
  expectCase({
    base: obj('minProperties: 0, maxProperties: 5'),
    revision: obj('minProperties: 0'),
    change: 'max-properties-unset',
    request: 'info',
    response: 'error',
  });
  expectCase({ base: obj('minProperties: 1'), revision: obj('minProperties: 2'), change: 'min-properties-increased', request: 'error', response: 'info' });
  expectCase({ base: obj('minProperties: 2'), revision: obj('minProperties: 1'), change: 'min-properties-decreased', request: 'info', response: 'error' });
  expectCase({
    base: obj('maxProperties: 9'),
    revision: obj('maxProperties: 9, minProperties: 1'),
    change: 'min-properties-set',
    request: 'warning',
    response: 'info',
  });
  expectCase({
    base: obj('maxProperties: 9, minProperties: 1'),
    revision: obj('maxProperties: 9'),
    change: 'min-properties-unset',
    request: 'info',
    response: 'error',
  });
  expectUnchanged(obj('minProperties: 1, maxProperties: 5'));
});

test('multipleOf: set, unset, narrowed to a multiple, widened to a divisor, changed to neither', () => {
  expectCase({
    base: num('minimum: 0'),
    revision: num('minimum: 0, multipleOf: 5'),
    change: 'multiple-of-set',
    request: 'warning',
    response: 'info',
    parameter: true,
  });
  expectCase({
    base: num('minimum: 0, multipleOf: 5'),
    revision: num('minimum: 0'),
    change: 'multiple-of-unset',
    request: 'info',
    response: 'error',
    parameter: true,
  });
  expectCase({
    base: num('multipleOf: 2'),
    revision: num('multipleOf: 4'),
    change: 'multiple-of-narrowed',
    request: 'error',
    response: 'info',
    parameter: true,
  });
  expectCase({
    base: num('multipleOf: 0.1'),
    revision: num('multipleOf: 0.01'),
    change: 'multiple-of-widened',
    request: 'info',
    response: 'error',
    parameter: true,
  });
  expectCase({
    base: num('multipleOf: 2'),
    revision: num('multipleOf: 3'),
    change: 'multiple-of-changed',
    request: 'warning',
    response: 'warning',
    parameter: true,
  });
  const changed = findingsFor('3.1.0', 'request', 'property', num('multipleOf: 2'), num('multipleOf: 3'));
  assert.match(changed[0].message, /depends on the values they send/);
  // 0.3 is a multiple of 0.1 although 0.3 / 0.1 is not exactly 3 in binary floating point.
  assert.deepEqual(
    findingsFor('3.1.0', 'request', 'body', num('multipleOf: 0.1'), num('multipleOf: 0.3')).map((x) => x.rule),
    ['request-body-multiple-of-narrowed'],
  );
  expectUnchanged(num('multipleOf: 0.5'));
});

/** A change inside a keyword's sub-schema is found by the ordinary comparison, as a property change, on both sides. */
function expectNested(base: string, revision: string, change: string, request: Level, response: Level): void {
  for (const [dir, level] of [
    ['request', request],
    ['response', response],
  ] as const) {
    for (const subject of ['body', 'property'] as const) {
      const f = findingsFor('3.1.0', dir, subject, base, revision);
      assert.deepEqual(
        f.map((x) => `${x.rule} ${x.level}`),
        [`${dir}-property-${change} ${level}`],
        `${base} -> ${revision} (${dir} ${subject})`,
      );
    }
  }
}

const arr = (k: string) => `{type: array, ${k}}`;

test('contains, minContains, maxContains', () => {
  const c = 'contains: {type: string}';
  expectCase({ base: arr('minItems: 0'), revision: arr(`minItems: 0, ${c}`), change: 'contains-added', request: 'error', response: 'info' });
  expectCase({ base: arr(`minItems: 0, ${c}`), revision: arr('minItems: 0'), change: 'contains-removed', request: 'info', response: 'error' });
  // minContains defaults to 1, maxContains to unlimited.
  expectCase({ base: arr(c), revision: arr(`${c}, minContains: 2`), change: 'min-contains-increased', request: 'error', response: 'info' });
  expectCase({ base: arr(`${c}, minContains: 2`), revision: arr(c), change: 'min-contains-decreased', request: 'info', response: 'error' });
  expectCase({ base: arr(c), revision: arr(`${c}, maxContains: 3`), change: 'max-contains-decreased', request: 'error', response: 'info' });
  expectCase({
    base: arr(`${c}, maxContains: 3`),
    revision: arr(`${c}, maxContains: 5`),
    change: 'max-contains-increased',
    request: 'info',
    response: 'error',
  });
  expectNested(arr('contains: {type: string, maxLength: 5}'), arr('contains: {type: string, maxLength: 3}'), 'max-length-decreased', 'error', 'info');
  expectUnchanged(arr(`${c}, minContains: 2, maxContains: 4`));
  // minContains without contains does nothing: no finding.
  assert.deepEqual(findingsFor('3.1.0', 'request', 'body', arr('minItems: 0'), arr('minItems: 0, minContains: 3')), []);
});

test('prefixItems (levels as oasdiff reads it: adding takes the first positions away from items)', () => {
  const items = 'items: {type: string}';
  expectCase({ base: arr(items), revision: arr(`prefixItems: [{type: integer}], ${items}`), change: 'prefix-items-added', request: 'info', response: 'error' });
  expectCase({
    base: arr(`prefixItems: [{type: integer}], ${items}`),
    revision: arr(items),
    change: 'prefix-items-removed',
    request: 'error',
    response: 'info',
  });
  expectCase({
    base: arr(`prefixItems: [{type: integer}], ${items}`),
    revision: arr(`prefixItems: [{type: integer}, {type: boolean}], ${items}`),
    change: 'prefix-items-added',
    request: 'info',
    response: 'error',
  });
  expectNested(arr('prefixItems: [{type: integer, maximum: 5}]'), arr('prefixItems: [{type: integer, maximum: 3}]'), 'max-decreased', 'error', 'info');
  expectUnchanged(arr(`prefixItems: [{type: integer}, {type: boolean}], ${items}`));
});

test('unevaluatedItems', () => {
  const p = 'prefixItems: [{type: string}]';
  expectCase({ base: arr(p), revision: arr(`${p}, unevaluatedItems: false`), change: 'unevaluated-items-added', request: 'error', response: 'info' });
  expectCase({ base: arr(`${p}, unevaluatedItems: false`), revision: arr(p), change: 'unevaluated-items-removed', request: 'info', response: 'error' });
  // `true` allows everything: the same as no keyword.
  expectCase({
    base: arr(`${p}, unevaluatedItems: {type: integer}`),
    revision: arr(`${p}, unevaluatedItems: true`),
    change: 'unevaluated-items-removed',
    request: 'info',
    response: 'error',
  });
  expectNested(
    arr(`${p}, unevaluatedItems: {type: string, maxLength: 3}`),
    arr(`${p}, unevaluatedItems: {type: string, maxLength: 2}`),
    'max-length-decreased',
    'error',
    'info',
  );
  expectUnchanged(arr(`${p}, unevaluatedItems: false`));
});

test('patternProperties', () => {
  const pp = (schema: string) => obj(`patternProperties: {"^x-": ${schema}}`);
  expectCase({
    base: obj('minProperties: 0'),
    revision: obj('minProperties: 0, patternProperties: {"^x-": {type: string}}'),
    change: 'pattern-property-added',
    request: 'error',
    response: 'info',
  });
  expectCase({
    base: obj('minProperties: 0, patternProperties: {"^x-": {type: string}}'),
    revision: obj('minProperties: 0'),
    change: 'pattern-property-removed',
    request: 'info',
    response: 'error',
  });
  // Another pattern is another constraint.
  expectCase({
    base: pp('{type: string}'),
    revision: obj('patternProperties: {"^x-": {type: string}, "^y-": {type: integer}}'),
    change: 'pattern-property-added',
    request: 'error',
    response: 'info',
  });
  expectNested(pp('{type: string, maxLength: 9}'), pp('{type: string, maxLength: 4}'), 'max-length-decreased', 'error', 'info');
  expectUnchanged(pp('{type: string}'));
});

test('propertyNames', () => {
  expectCase({
    base: obj('minProperties: 0'),
    revision: obj('minProperties: 0, propertyNames: {maxLength: 8}'),
    change: 'property-names-added',
    request: 'error',
    response: 'info',
  });
  expectCase({
    base: obj('minProperties: 0, propertyNames: {maxLength: 8}'),
    revision: obj('minProperties: 0'),
    change: 'property-names-removed',
    request: 'info',
    response: 'error',
  });
  expectNested(obj('propertyNames: {maxLength: 8}'), obj('propertyNames: {maxLength: 4}'), 'max-length-decreased', 'error', 'info');
  expectUnchanged(obj('propertyNames: {maxLength: 8}'));
});

test('unevaluatedProperties', () => {
  const props = 'properties: {a: {type: string}}';
  expectCase({
    base: obj(props),
    revision: obj(`${props}, unevaluatedProperties: false`),
    change: 'unevaluated-properties-added',
    request: 'error',
    response: 'info',
  });
  expectCase({
    base: obj(`${props}, unevaluatedProperties: false`),
    revision: obj(props),
    change: 'unevaluated-properties-removed',
    request: 'info',
    response: 'error',
  });
  // Closed (false) to a schema: more is allowed.
  expectCase({
    base: obj(`${props}, unevaluatedProperties: false`),
    revision: obj(`${props}, unevaluatedProperties: {type: string}`),
    change: 'unevaluated-properties-removed',
    request: 'info',
    response: 'error',
  });
  expectNested(
    obj(`${props}, unevaluatedProperties: {type: string, maxLength: 3}`),
    obj(`${props}, unevaluatedProperties: {type: string, maxLength: 2}`),
    'max-length-decreased',
    'error',
    'info',
  );
  expectUnchanged(obj(`${props}, unevaluatedProperties: false`));
});

test('dependentRequired: a key added or removed; its list changed (oasdiff ids), judged by what it gained and lost', () => {
  const dr = (m: string) => obj(`minProperties: 0, dependentRequired: {${m}}`);
  expectCase({ base: obj('minProperties: 0'), revision: dr('card: [billing]'), change: 'dependent-required-added', request: 'error', response: 'info' });
  expectCase({ base: dr('card: [billing]'), revision: obj('minProperties: 0'), change: 'dependent-required-removed', request: 'info', response: 'error' });
  expectCase({ base: dr('card: [billing]'), revision: dr('card: [billing, zip]'), change: 'dependent-required-changed', request: 'error', response: 'info' });
  expectCase({ base: dr('card: [billing, zip]'), revision: dr('card: [billing]'), change: 'dependent-required-changed', request: 'info', response: 'error' });
  expectCase({ base: dr('card: [billing]'), revision: dr('card: [zip]'), change: 'dependent-required-changed', request: 'error', response: 'error' });
  const [grown] = findingsFor('3.1.0', 'request', 'body', dr('card: [billing]'), dr('card: [billing, zip]'));
  assert.match(
    grown.message,
    /"card" now requires "billing", "zip" beside it \(was "billing"\): clients that send "card" without all of "billing", "zip" are rejected/,
  );
  expectUnchanged(dr('card: [billing, zip]'));
});

test('dependentSchemas', () => {
  const ds = (m: string) => obj(`minProperties: 0, dependentSchemas: {${m}}`);
  expectCase({
    base: obj('minProperties: 0'),
    revision: ds('card: {required: [billing]}'),
    change: 'dependent-schema-added',
    request: 'error',
    response: 'info',
  });
  expectCase({
    base: ds('card: {required: [billing]}'),
    revision: obj('minProperties: 0'),
    change: 'dependent-schema-removed',
    request: 'info',
    response: 'error',
  });
  expectNested(
    ds('card: {properties: {billing: {type: string, maxLength: 9}}}'),
    ds('card: {properties: {billing: {type: string, maxLength: 5}}}'),
    'max-length-decreased',
    'error',
    'info',
  );
  expectUnchanged(ds('card: {required: [billing]}'));
});

test('if / then / else', () => {
  const cond = 'if: {required: [kind]}';
  expectCase({ base: obj('minProperties: 0'), revision: obj(`minProperties: 0, ${cond}`), change: 'if-added', request: 'error', response: 'info' });
  expectCase({ base: obj(`minProperties: 0, ${cond}`), revision: obj('minProperties: 0'), change: 'if-removed', request: 'info', response: 'error' });
  expectCase({ base: obj(cond), revision: obj(`${cond}, then: {required: [x]}`), change: 'then-added', request: 'error', response: 'info' });
  expectCase({ base: obj(`${cond}, then: {required: [x]}`), revision: obj(cond), change: 'then-removed', request: 'info', response: 'error' });
  expectCase({ base: obj(cond), revision: obj(`${cond}, else: {required: [y]}`), change: 'else-added', request: 'error', response: 'info' });
  expectCase({ base: obj(`${cond}, else: {required: [y]}`), revision: obj(cond), change: 'else-removed', request: 'info', response: 'error' });
  expectCase({
    base: obj(`${cond}, then: {required: [x]}`),
    revision: obj('if: {required: [sort]}, then: {required: [x]}'),
    change: 'if-changed',
    request: 'warning',
    response: 'warning',
  });
  expectNested(
    obj(`${cond}, then: {properties: {x: {type: string, maxLength: 5}}}`),
    obj(`${cond}, then: {properties: {x: {type: string, maxLength: 3}}}`),
    'max-length-decreased',
    'error',
    'info',
  );
  // then/else often hold only `required`: a name required there without a property schema counts too.
  expectNested(obj(`${cond}, then: {required: [x]}`), obj(`${cond}, then: {required: [x, y]}`), 'became-required', 'error', 'info');
  expectNested(obj(`${cond}, else: {required: [x, y]}`), obj(`${cond}, else: {required: [x]}`), 'became-optional', 'info', 'error');
  expectUnchanged(obj(`${cond}, then: {required: [x]}, else: {required: [y]}`));
  // A description in the condition selects the same values.
  assert.deepEqual(findingsFor('3.1.0', 'request', 'property', obj(cond), obj('if: {description: kinds, required: [kind]}')), []);
});

test('lists of types: a 3.1 type array or a oneOf of bare types, widened or narrowed', () => {
  expectCase({
    base: '{type: [string, integer]}',
    revision: '{type: [string]}',
    change: 'list-of-types-narrowed',
    request: 'error',
    response: 'info',
    parameter: true,
  });
  expectCase({
    base: '{type: string}',
    revision: '{type: [string, integer]}',
    change: 'list-of-types-widened',
    request: 'info',
    response: 'error',
    parameter: true,
  });
  expectCase({
    base: '{oneOf: [{type: string}, {type: integer}]}',
    revision: '{oneOf: [{type: string}]}',
    change: 'list-of-types-narrowed',
    request: 'error',
    response: 'info',
    parameter: true,
  });
  expectCase({
    base: '{anyOf: [{type: string}]}',
    revision: '{anyOf: [{type: string}, {type: boolean}]}',
    change: 'list-of-types-widened',
    request: 'info',
    response: 'error',
  });
  // integer -> number widens; a type array respelled as a oneOf of the same types is no change; null is nullability.
  expectCase({ base: '{type: [integer, string]}', revision: '{type: [number, string]}', change: 'list-of-types-widened', request: 'info', response: 'error' });
  for (const dir of ['request', 'response'] as const) {
    assert.deepEqual(findingsFor('3.1.0', dir, 'property', '{type: [string, integer]}', '{oneOf: [{type: integer}, {type: string}]}'), []);
  }
  assert.deepEqual(
    findingsFor('3.1.0', 'response', 'body', '{type: [string, integer]}', '{type: [string, integer, "null"]}').map((x) => x.rule),
    ['response-body-became-nullable'],
  );
  // Both directions at once: one finding each.
  const both = findingsFor('3.1.0', 'request', 'body', '{type: [string, integer]}', '{type: [string, boolean]}');
  assert.deepEqual(both.map((x) => `${x.rule} ${x.level}`).sort(), ['request-body-list-of-types-narrowed error', 'request-body-list-of-types-widened info']);
  // Inside an object-typed parameter: the catalogue's request-parameter-property id.
  const inParam = findingsFor(
    '3.1.0',
    'request',
    'parameter',
    '{type: object, properties: {p: {type: [string, integer]}}}',
    '{type: object, properties: {p: {type: [string]}}}',
  );
  assert.deepEqual(
    inParam.map((x) => `${x.rule} ${x.level}`),
    ['request-parameter-property-list-of-types-narrowed error'],
  );
  expectUnchanged('{type: [string, integer]}');
  expectUnchanged('{oneOf: [{type: string}, {type: integer}]}');
});

test('a tighter bound on a readOnly property is info on the request side (clients do not send it), as before on the response side', () => {
  const cases: [string, string, string][] = [
    ['maximum: 10', 'maximum: 5', 'max-decreased'],
    ['exclusiveMaximum: 10', 'exclusiveMaximum: 5', 'exclusive-max-decreased'],
    ['minimum: 0', 'minimum: 1', 'min-increased'],
    ['exclusiveMinimum: 0', 'exclusiveMinimum: 1', 'exclusive-min-increased'],
  ];
  const ro = (k: string) => `{type: number, readOnly: true, ${k}}`;
  for (const [base, revision, change] of cases) {
    assert.deepEqual(
      findingsFor('3.1.0', 'request', 'property', ro(base), ro(revision)).map((x) => `${x.rule} ${x.level}`),
      [`request-read-only-property-${change} info`],
    );
    assert.deepEqual(
      findingsFor('3.1.0', 'response', 'property', ro(base), ro(revision)).map((x) => `${x.rule} ${x.level}`),
      [`response-property-${change} info`],
    );
  }
  const s = (n: number) => `{type: string, readOnly: true, maxLength: ${n}}`;
  assert.deepEqual(
    findingsFor('3.1.0', 'request', 'property', s(10), s(5)).map((x) => `${x.rule} ${x.level}`),
    ['request-read-only-property-max-length-decreased info'],
  );
  // Not readOnly: the ordinary error.
  assert.deepEqual(
    findingsFor('3.1.0', 'request', 'property', num('maximum: 10'), num('maximum: 5')).map((x) => `${x.rule} ${x.level}`),
    ['request-property-max-decreased error'],
  );
});

test('the items of a body or parameter are named as such in messages, not "property []"', () => {
  const msgs = (base: Parameters<typeof spec>[1], revision: Parameters<typeof spec>[1]) =>
    sameInBothFormats(diffPair(spec('3.0.3', base), spec('3.0.3', revision))).map((f) => f.message);
  const arr = (inner: string) => `{type: array, items: ${inner}}`;
  assert.match(
    msgs({ param: arr('{type: string, maxLength: 9}') }, { param: arr('{type: string, maxLength: 3}') })[0],
    /^The items of query parameter "q" maxLength/,
  );
  assert.match(
    msgs({ response: arr('{type: string, maxLength: 5}') }, { response: arr('{type: string, maxLength: 7}') })[0],
    /^The items of the body schema maxLength/,
  );
  const obj = (n: number) => arr(`{type: object, properties: {id: {type: string, maxLength: ${n}}}}`);
  assert.match(msgs({ request: obj(9) }, { request: obj(3) })[0], /^Property id of the items of the body schema maxLength/);
});

test('a default added to or removed from a body or property is news, not a break (parameters have their own ids)', () => {
  const rules = (base: Parameters<typeof spec>[1], revision: Parameters<typeof spec>[1]) =>
    sameInBothFormats(diffPair(spec('3.0.3', base), spec('3.0.3', revision)))
      .map((f) => `${f.rule} ${f.level}`)
      .sort();
  const prop = (extra: string) => `{type: object, properties: {p: {type: integer${extra}}}}`;
  assert.deepEqual(rules({ request: prop('') }, { request: prop(', default: 20') }), ['request-property-default-value-added info']);
  assert.deepEqual(rules({ response: prop(', default: 20') }, { response: prop('') }), ['response-property-default-value-removed info']);
  assert.deepEqual(rules({ request: '{type: integer, default: 1}' }, { request: '{type: integer}' }), ['request-body-default-value-removed info']);
  assert.deepEqual(rules({ response: '{type: integer}' }, { response: '{type: integer, default: 1}' }), ['response-body-default-value-added info']);
  assert.deepEqual(rules({ param: '{type: integer}' }, { param: '{type: integer, default: 1}' }), ['request-parameter-default-value-added error']);
});
