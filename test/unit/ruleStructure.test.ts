// Structure, composition, embedded content, enums, parameter properties and
// readOnly/writeOnly: each rule proven in YAML and JSON (sameInBothFormats), on
// the request and the response side, with exact ids and levels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, expectRules, sameSetInBothFormats } from '../support/engineHarness';

interface Slots {
  version?: string;
  /** Extra parameters, each a flow mapping. */
  params?: string[];
  req?: string;
  res?: string;
  components?: string;
}

const REQ = '{type: object, properties: {name: {type: string}}}';
const RES = '{type: object, required: [id], properties: {id: {type: integer}}}';

function spec(s: Slots = {}): string {
  return `openapi: ${s.version ?? '3.1.0'}
info: {title: t, version: '1'}
paths:
  /pets/{petId}:
    post:
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}${(s.params ?? []).map((p) => `\n        - ${p}`).join('')}
      requestBody:
        content:
          application/json:
            schema: ${s.req ?? REQ}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${s.res ?? RES}
${s.components ? `components:\n${s.components}\n` : ''}`;
}

const expect = (base: Slots, revision: Slots, expected: string[], why?: string): void => expectRules(spec(base), spec(revision), expected, why);

const prop = (extra: string) => `{type: object, properties: {doc: {type: string${extra}}}}`;
/** An object schema whose one property `name` has the schema given. */
const inObject = (name: string) => (schema: string) => `{type: object, properties: {${name}: ${schema}}}`;

test('contentMediaType and contentEncoding changed: breaking both ways, on properties and bodies', () => {
  expect({ req: prop(', contentMediaType: image/png') }, { req: prop(', contentMediaType: image/jpeg') }, [
    'request-property-content-media-type-changed error',
  ]);
  expect({ res: prop(', contentMediaType: image/png') }, { res: prop(', contentMediaType: image/jpeg') }, [
    'response-property-content-media-type-changed error',
  ]);
  expect({ req: prop(', contentEncoding: base64') }, { req: prop(', contentEncoding: base32') }, ['request-property-content-encoding-changed error']);
  expect({ res: prop(', contentEncoding: base64') }, { res: prop('') }, ['response-property-content-encoding-changed error'], 'removed counts as changed');
  const body = (extra: string) => `{type: string${extra}}`;
  expect({ req: body(', contentMediaType: text/csv') }, { req: body(', contentMediaType: text/plain') }, ['request-body-content-media-type-changed error']);
  expect({ res: body(', contentMediaType: text/csv') }, { res: body(', contentMediaType: text/plain') }, ['response-body-content-media-type-changed error']);
  expect({ req: body(', contentEncoding: base64') }, { req: body(', contentEncoding: base64url') }, ['request-body-content-encoding-changed error']);
  expect({ res: body('') }, { res: body(', contentEncoding: base64') }, ['response-body-content-encoding-changed error']);
});

test('contentSchema added narrows requests, removed widens responses; inside it is compared', () => {
  const cs = ', contentMediaType: application/json, contentSchema: {type: object, properties: {a: {type: string, maxLength: 10}}}';
  const plain = ', contentMediaType: application/json';
  expect({ req: prop(plain) }, { req: prop(cs) }, ['request-property-content-schema-added error']);
  expect({ req: prop(cs) }, { req: prop(plain) }, ['request-property-content-schema-removed info']);
  expect({ res: prop(plain) }, { res: prop(cs) }, ['response-property-content-schema-added info']);
  expect({ res: prop(cs) }, { res: prop(plain) }, ['response-property-content-schema-removed error']);
  const body = (extra: string) => `{type: string${extra}}`;
  expect({ req: body(plain) }, { req: body(cs) }, ['request-body-content-schema-added error']);
  expect({ req: body(cs) }, { req: body(plain) }, ['request-body-content-schema-removed info']);
  expect({ res: body(plain) }, { res: body(cs) }, ['response-body-content-schema-added info']);
  expect({ res: body(cs) }, { res: body(plain) }, ['response-body-content-schema-removed error']);
  expect({ req: prop(cs) }, { req: prop(cs.replace('maxLength: 10', 'maxLength: 5')) }, ['request-property-max-length-decreased error']);
});

test('x-extensible-enum: removing a value breaks senders; adding one, or any change in responses, does not', () => {
  const xe = (values: string) => `{type: object, properties: {kind: {type: string, x-extensible-enum: [${values}]}}}`;
  expect({ req: xe('cat, dog') }, { req: xe('cat') }, ['request-property-x-extensible-enum-value-removed error']);
  expect({ req: xe('cat') }, { req: xe('cat, dog') }, []);
  expect({ res: xe('cat, dog') }, { res: xe('cat') }, []);
  expect({ res: xe('cat') }, { res: xe('cat, dog') }, []);
  const param = (values: string) => [`{name: kind, in: query, schema: {type: string, x-extensible-enum: [${values}]}}`];
  expect({ params: param('a, b') }, { params: param('b') }, ['request-parameter-x-extensible-enum-value-removed error']);
});

test('discriminator changes are info on both sides, bodies and properties', () => {
  const components = (name: string, mapping: string) => `  schemas:
    Cat: {type: object, properties: {kind: {type: string}, meow: {type: boolean}}}
    Dog: {type: object, properties: {kind: {type: string}, bark: {type: boolean}}}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: ${name}${mapping}}`;
  const body = "{$ref: '#/components/schemas/Pet'}";
  const inProp = "{type: object, properties: {pet: {$ref: '#/components/schemas/Pet'}}}";
  const m1 = ", mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}";
  const m2 = ", mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Cat', fox: '#/components/schemas/Dog'}";
  const m3 = ", mapping: {cat: '#/components/schemas/Cat'}";
  for (const [side, schema, subject] of [
    ['req', body, 'request-body'],
    ['res', body, 'response-body'],
    ['req', inProp, 'request-property'],
    ['res', inProp, 'response-property'],
  ] as const) {
    const at = (name: string, mapping: string) => ({ [side]: schema, components: components(name, mapping) });
    expect(at('kind', ''), at('type', ''), [`${subject}-discriminator-property-name-changed info`]);
    expect(at('kind', m1), at('kind', m2), [`${subject}-discriminator-mapping-changed info`, `${subject}-discriminator-mapping-added info`]);
    expect(at('kind', m1), at('kind', m3), [`${subject}-discriminator-mapping-deleted info`]);
    const none = { [side]: schema, components: components('kind', '').replace(/\n {6}discriminator.*$/, '') };
    expect(none, at('kind', ''), [`${subject}-discriminator-added info`]);
    expect(at('kind', ''), none, [`${subject}-discriminator-removed info`]);
  }
});

test('a schema wrapped in a single-branch allOf / oneOf / anyOf is the same schema ($ref and inline branch)', () => {
  const pet = '{type: object, required: [id], properties: {id: {type: integer}, name: {type: string, maxLength: 20}}}';
  const components = `  schemas:\n    Pet: ${pet}`;
  const ref = "{$ref: '#/components/schemas/Pet'}";
  for (const kind of ['allOf', 'oneOf', 'anyOf']) {
    for (const [side] of [['req'], ['res']] as const) {
      expect({ [side]: pet }, { [side]: `{${kind}: [${pet}]}` }, [], `${kind} inline, ${side}`);
      expect({ [side]: pet, components }, { [side]: `{${kind}: [${ref}], description: a pet}`, components }, [], `${kind} $ref, ${side}`);
      expect({ [side]: ref, components }, { [side]: `{${kind}: [${ref}]}`, components }, [], `${kind} of the same $ref, ${side}`);
      expect({ [side]: `{${kind}: [${ref}]}`, components }, { [side]: pet, components }, [], `unwrapped ${kind}, ${side}`);
      const inProp = (s: string) => `{type: object, properties: {pet: ${s}}}`;
      expect({ [side]: inProp(ref), components }, { [side]: inProp(`{${kind}: [${ref}]}`), components }, [], `${kind} in a property, ${side}`);
    }
  }
  // allOf [x] -> oneOf [x]: still one branch.
  expect({ req: `{allOf: [${pet}]}` }, { req: `{oneOf: [${pet}]}` }, []);
  // The wrapped branch is still compared with the old schema.
  expect({ req: pet }, { req: `{allOf: [${pet.replace('maxLength: 20', 'maxLength: 10')}]}` }, ['request-property-max-length-decreased error']);
  expect({ res: pet }, { res: `{oneOf: [${pet.replace('maxLength: 20', 'maxLength: 30')}]}` }, ['response-property-max-length-increased error']);
});

test('3.0: a $ref made nullable through allOf is one became-nullable, nothing else', () => {
  const components = '  schemas:\n    Pet: {type: object, properties: {id: {type: integer}}}';
  const inProp = (s: string) => `{type: object, properties: {pet: ${s}}}`;
  const ref = "{$ref: '#/components/schemas/Pet'}";
  const nullable = `{nullable: true, allOf: [${ref}]}`;
  expect({ version: '3.0.3', res: inProp(ref), components }, { version: '3.0.3', res: inProp(nullable), components }, [
    'response-property-became-nullable error',
  ]);
  expect({ version: '3.0.3', req: inProp(nullable), components }, { version: '3.0.3', req: inProp(ref), components }, [
    'request-property-became-not-nullable error',
  ]);
  // 3.1 spelling: oneOf with a null branch.
  expect({ res: inProp(ref), components }, { res: inProp(`{oneOf: [${ref}, {type: 'null'}]}`), components }, ['response-property-became-nullable error']);
});

test('a body wrapped into a oneOf beside other shapes: warning for requests, error for responses', () => {
  const components = '  schemas:\n    Pet: {type: object, properties: {id: {type: integer}}}\n    Error: {type: object, properties: {code: {type: string}}}';
  const pet = "{$ref: '#/components/schemas/Pet'}";
  const wrapped = "{oneOf: [{$ref: '#/components/schemas/Pet'}, {$ref: '#/components/schemas/Error'}]}";
  expect({ req: pet, components }, { req: wrapped, components }, ['request-body-wrapped-in-one-of warning']);
  expect({ res: pet, components }, { res: wrapped, components }, ['response-body-wrapped-in-one-of error']);
  // Inline body matched by content among the branches.
  const inline = '{type: object, properties: {id: {type: integer}}}';
  expect({ res: inline }, { res: `{oneOf: [{type: string}, ${inline}]}` }, ['response-body-wrapped-in-one-of error']);
  // Split into a oneOf of shapes none of which is the old one: one finding, no removed properties.
  const split = (req: string) => `{type: object, required: [${req}], properties: {a: {type: string}, b: {type: string}}}`;
  const both = '{type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}';
  expect({ res: both }, { res: `{oneOf: [${split('a')}, ${split('b')}]}` }, ['response-body-wrapped-in-one-of error']);
  // anyOf: the other branches are added branches.
  expect({ req: pet, components }, { req: wrapped.replace('oneOf', 'anyOf'), components }, ['request-body-any-of-added info']);
  // Unwrapping keeps one branch: the others are removed branches.
  expect({ req: wrapped, components }, { req: pet, components }, ['request-body-one-of-removed error']);
  expect({ res: wrapped, components }, { res: pet, components }, ['response-body-one-of-removed info']);
});

test('anyOf / oneOf branches removed from request bodies and properties are errors; from responses info', () => {
  // Branches that are more than a bare type (a oneOf of bare types is a list of types: ruleKeywords.test.ts).
  const bare = (branches: string) =>
    branches
      .replace('{type: string}', '{type: string, format: date}')
      .replace('{type: integer}', '{type: integer, format: int32}')
      .replace('{type: boolean}', '{type: boolean, default: false}');
  const of = (kind: string, branches: string) => `{type: object, properties: {v: {${kind}: [${bare(branches)}]}}}`;
  expect({ req: of('anyOf', '{type: string}, {type: integer}, {type: boolean}') }, { req: of('anyOf', '{type: string}, {type: integer}') }, [
    'request-property-any-of-removed error',
  ]);
  expect({ req: of('oneOf', '{type: string}, {type: integer}, {type: boolean}') }, { req: of('oneOf', '{type: string}, {type: integer}') }, [
    'request-property-one-of-removed error',
  ]);
  expect({ res: of('anyOf', '{type: string}, {type: integer}, {type: boolean}') }, { res: of('anyOf', '{type: string}, {type: integer}') }, [
    'response-property-any-of-removed info',
  ]);
  const body = (kind: string, branches: string) => `{${kind}: [${bare(branches)}]}`;
  expect({ req: body('anyOf', '{type: string}, {type: integer}, {type: boolean}') }, { req: body('anyOf', '{type: string}, {type: integer}') }, [
    'request-body-any-of-removed error',
  ]);
});

test('allOf extending a schema: only the new branch is added', () => {
  const components = '  schemas:\n    Base: {type: object, properties: {id: {type: integer}}}';
  const inline = '{type: object, properties: {id: {type: integer}}}';
  const extended = "{allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {tag: {type: string}}}]}";
  expect({ res: inline, components }, { res: extended, components }, ['response-optional-property-added info', 'response-body-all-of-added info']);
  // The schema moved into a component with other words and one edit: that branch is the old schema, its edit is reported, not the branch.
  const moved = '  schemas:\n    Base: {description: new words, type: object, properties: {id: {type: integer, maximum: 9}, name: {type: string}}}';
  const before = '{description: old words, type: object, properties: {id: {type: integer}, name: {type: string}}}';
  expect({ req: before, components: moved }, { req: extended, components: moved }, [
    'new-optional-request-property info',
    'request-body-all-of-added info',
    'request-property-max-set warning',
  ]);
  const [added] = sameSetInBothFormats(diffPair(spec({ req: before, components: moved }), spec({ req: extended, components: moved }))).filter((f) =>
    f.rule.endsWith('all-of-added'),
  );
  assert.match(added.message, /An allOf branch \(object\) was added/);
  // Both branches say something about `metrics`: a value must meet both, so cpu is not removed; the old metrics is compared with Base's.
  const twice = '  schemas:\n    Base: {type: object, properties: {metrics: {type: object, properties: {cpu: {type: integer}}}}}';
  const plain = '{type: object, properties: {metrics: {type: object, properties: {cpu: {type: integer}}}}}';
  const more = "{allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {metrics: {type: object, properties: {rps: {type: integer}}}}}]}";
  expect({ req: plain, components: twice }, { req: more, components: twice }, ['request-body-all-of-added info']);
  // An extension that only declares new optional properties (at any depth) constrains nothing clients sent; one that requires one, or
  // constrains a property they sent, is an error.
  const ext = (props: string, extra = '') => `{allOf: [{$ref: '#/components/schemas/Base'}, {type: object${extra}, properties: ${props}}]}`;
  expect({ req: plain, components: twice }, { req: ext('{tag: {type: string}}', ', required: [tag]'), components: twice }, [
    'new-required-request-property error',
    'request-body-all-of-added error',
  ]);
  expect({ req: plain, components: twice }, { req: ext('{metrics: {type: object, properties: {cpu: {type: integer, maximum: 9}}}}'), components: twice }, [
    'request-body-all-of-added error',
    'request-property-max-set warning',
  ]);
  const [f] = sameSetInBothFormats(diffPair(spec({ req: plain, components: twice }), spec({ req: more, components: twice })));
  assert.equal(f.message, 'An allOf branch (object) was added to the body schema (used by POST /pets/{petId})');
  expect({ res: plain, components: twice }, { res: more, components: twice }, ['response-body-all-of-added info']);
  expect({ res: more, components: twice }, { res: plain, components: twice }, ['response-body-all-of-removed info']);
});

const objParam = (where: string, props: string, extra = '') => [
  `{name: filter, in: ${where}, ${where === 'query' ? 'style: deepObject, explode: true, ' : ''}schema: {type: object${extra}, properties: {${props}}}}`,
];

test('properties of object-typed parameters have their own ids', () => {
  expect({ params: objParam('query', 'k: {type: string, enum: [a, b]}') }, { params: objParam('query', 'k: {type: string, enum: [a]}') }, [
    'request-parameter-property-enum-value-removed error',
  ]);
  expect({ params: objParam('query', 'k: {type: string, enum: [a]}') }, { params: objParam('query', 'k: {type: string, enum: [a, b]}') }, [
    'request-parameter-property-enum-value-added info',
  ]);
  expect({ params: objParam('query', "k: {type: [string, 'null']}") }, { params: objParam('query', 'k: {type: string}') }, [
    'request-parameter-property-became-not-nullable error',
  ]);
  expect({ params: objParam('query', 'k: {type: string}') }, { params: objParam('query', "k: {type: [string, 'null']}") }, [
    'request-parameter-property-became-nullable info',
  ]);
  // Object parameters travel as text (form, deepObject) or as JSON (content): the spec does not say which.
  expect(
    { params: objParam('query', 'k: {type: string}') },
    { params: objParam('query', 'k: {type: boolean}') },
    ['request-parameter-property-type-specialized error'],
    'breaks either way: "abc" is no boolean',
  );
  expect(
    { params: objParam('query', 'k: {type: integer}') },
    { params: objParam('query', 'k: {type: string}') },
    ['request-parameter-property-type-changed warning'],
    'fine as text ("42" is a string), breaking as JSON (42 is not)',
  );
  expect({ params: objParam('query', 'k: {type: integer}') }, { params: objParam('query', 'k: {type: number}') }, [
    'request-parameter-property-type-generalized info',
  ]);
  expect({ params: objParam('query', 'k: {type: number}') }, { params: objParam('query', 'k: {type: integer}') }, [
    'request-parameter-property-type-specialized error',
  ]);
  // Nested deeper, and changes without a parameter-property id of their own.
  expect(
    { params: objParam('query', 'k: {type: object, properties: {n: {type: string, enum: [x, y]}}}') },
    { params: objParam('query', 'k: {type: object, properties: {n: {type: string, enum: [x]}}}') },
    ['request-parameter-property-enum-value-removed error'],
  );
  expect({ params: objParam('query', 'k: {type: string}') }, { params: objParam('query', 'k: {type: string, maxLength: 3}') }, [
    'request-property-max-length-set warning',
  ]);
});

test('properties of header parameters: became required, became enum, new required property', () => {
  expect({ params: objParam('header', 'k: {type: string}') }, { params: objParam('header', 'k: {type: string}', ', required: [k]') }, [
    'request-header-property-became-required error',
  ]);
  expect({ params: objParam('header', 'k: {type: string}') }, { params: objParam('header', 'k: {type: string, enum: [a]}') }, [
    'request-header-property-became-enum error',
  ]);
  expect({ params: objParam('header', 'k: {type: string}') }, { params: objParam('header', 'k: {type: string}, n: {type: string}', ', required: [n]') }, [
    'new-required-request-header-property error',
  ]);
  expect({ params: objParam('header', 'k: {type: string, enum: [a, b]}') }, { params: objParam('header', 'k: {type: string, enum: [a]}') }, [
    'request-parameter-property-enum-value-removed error',
  ]);
  // A new required header parameter is a new required parameter.
  expect({}, { params: ['{name: X-Tenant, in: header, required: true, schema: {type: string}}'] }, ['new-required-request-parameter error']);
});

test('a new required request property, or one that became required, is an error even with a default', () => {
  const req = (required: string, extra = '') => `{type: object, ${required}properties: {name: {type: string}, size: {type: integer${extra}}}}`;
  const noSize = '{type: object, properties: {name: {type: string}}}';
  expect({ req: noSize }, { req: req('required: [size], ', ', default: 1') }, ['new-required-request-property-with-default error']);
  expect({ req: noSize }, { req: req('required: [size], ') }, ['new-required-request-property error']);
  expect({ req: req('', ', default: 1') }, { req: req('required: [size], ', ', default: 1') }, ['request-property-became-required-with-default error']);
  expect({ req: req('') }, { req: req('required: [size], ') }, ['request-property-became-required error']);
});

test('readOnly / writeOnly are judged by the direction a property travels in', () => {
  const s = (required: boolean, extra: string) => `{type: object, ${required ? 'required: [p], ' : ''}properties: {p: {type: string${extra}}}}`;
  const ro = ', readOnly: true';
  const wo = ', writeOnly: true';
  for (const required of [true, false]) {
    const r = required ? 'required' : 'optional';
    expect({ req: s(required, '') }, { req: s(required, ro) }, [`request-${r}-property-became-read-only info`]);
    expect({ req: s(required, ro) }, { req: s(required, '') }, [`request-${r}-property-became-not-read-only ${required ? 'error' : 'info'}`]);
    expect({ req: s(required, '') }, { req: s(required, wo) }, [`request-${r}-property-became-write-only info`]);
    expect({ req: s(required, wo) }, { req: s(required, '') }, [`request-${r}-property-became-not-write-only info`]);
    // Only ever in responses: losing readOnly breaks nobody.
    expect({ res: s(required, ro) }, { res: s(required, '') }, [`response-${r}-property-became-not-read-only info`]);
    expect({ res: s(required, '') }, { res: s(required, ro) }, [`response-${r}-property-became-read-only info`]);
    expect({ res: s(required, '') }, { res: s(required, wo) }, [`response-${r}-property-became-write-only ${required ? 'error' : 'warning'}`]);
    expect({ res: s(required, wo) }, { res: s(required, '') }, [`response-${r}-property-became-not-write-only ${required ? 'warning' : 'info'}`]);
  }
  // Off the wire: a readOnly request property or a writeOnly response property may be removed or become required freely
  // (the catalogue has info ids for the writeOnly response ones, none for readOnly request ones).
  expect({ req: s(false, ro) }, { req: '{type: object}' }, []);
  expect({ req: s(true, ro) }, { req: '{type: object}' }, []);
  expect({ res: s(true, wo) }, { res: '{type: object}' }, ['response-required-write-only-property-removed info']);
  expect({ res: s(false, wo) }, { res: '{type: object}' }, ['response-optional-write-only-property-removed info']);
  expect({ req: '{type: object}' }, { req: s(true, ro) }, []);
  expect({ res: '{type: object}' }, { res: s(true, wo) }, ['response-required-write-only-property-added info']);
  expect({ res: '{type: object}' }, { res: s(false, wo) }, ['response-optional-write-only-property-added info']);
  expect({ req: s(false, ro) }, { req: s(true, ro) }, []);
  expect({ res: s(false, wo) }, { res: s(true, wo) }, ['response-write-only-property-became-required info']);
  expect({ res: s(true, wo) }, { res: s(false, wo) }, ['response-write-only-property-became-optional info']);
});

test('nothing inside a property clients do not see that way breaks them: readOnly in requests, writeOnly in responses', () => {
  const p = (flag: string, schema: string) => `{type: object, properties: {p: ${schema.replace(/^\{/, `{${flag}: true, `)}}}`;
  // The catalogue's own ids where it has them.
  expect({ req: p('readOnly', '{type: string, enum: [a, b]}') }, { req: p('readOnly', '{type: string, enum: [a]}') }, [
    'request-read-only-property-enum-value-removed info',
  ]);
  expect({ res: p('writeOnly', '{type: string, enum: [a]}') }, { res: p('writeOnly', '{type: string, enum: [a, b]}') }, [
    'response-write-only-property-enum-value-added info',
  ]);
  expect({ req: p('readOnly', '{type: string, maxLength: 9}') }, { req: p('readOnly', '{type: string, maxLength: 3}') }, [
    'request-read-only-property-max-length-decreased info',
  ]);
  // Any other change keeps its id, as info, and says why (it was an error: a type change, a nested property removed).
  expect({ req: p('readOnly', '{type: string}') }, { req: p('readOnly', '{type: integer}') }, ['request-property-type-changed info']);
  expect({ res: p('writeOnly', '{type: string}') }, { res: p('writeOnly', '{type: integer}') }, ['response-property-type-changed info']);
  const nested = (inner: string) => `{type: object, required: [q], properties: {q: {type: object, required: [x], properties: {x: ${inner}}}}}`;
  expect({ res: p('writeOnly', nested('{type: string}')) }, { res: p('writeOnly', nested('{type: integer}')) }, ['response-property-type-changed info']);
  expect({ req: p('readOnly', nested('{type: string}')) }, { req: p('readOnly', nested('{type: string, maxLength: 2}')) }, [
    'request-property-max-length-set info',
  ]);
  const removedInside = sameSetInBothFormats(
    diffPair(spec({ res: p('writeOnly', nested('{type: string}')) }), spec({ res: p('writeOnly', '{type: object, properties: {q: {type: object}}}') })),
  );
  // Removed and loosened inside it: the catalogue's writeOnly ids too (nothing inside reaches clients either).
  assert.deepEqual(removedInside.map((f) => `${f.rule} ${f.level}`).sort(), [
    'response-required-write-only-property-removed info',
    'response-write-only-property-became-optional info',
  ]);
  for (const f of removedInside) assert.match(f.message, /clients never get it \(writeOnly\)/, f.message);
  // The same changes where clients do see the property: the usual verdicts.
  expect({ req: p('writeOnly', '{type: string, enum: [a, b]}') }, { req: p('writeOnly', '{type: string, enum: [a]}') }, [
    'request-property-enum-value-removed error',
  ]);
  expect({ res: p('readOnly', '{type: string}') }, { res: p('readOnly', '{type: integer}') }, ['response-property-type-changed error']);
});

test('bounds are compared wherever a schema sits: allOf/anyOf/oneOf branches, items, additionalProperties, nested properties', () => {
  const places: [string, (b: string) => string, string][] = [
    ['allOf branch', (b) => `{allOf: [{type: object, properties: {id: {type: integer}}}, {type: object, properties: {s: ${b}}}]}`, 'property'],
    ['anyOf branch', (b) => `{type: object, properties: {v: {anyOf: [{type: integer}, ${b}]}}}`, 'property'],
    ['oneOf branch', (b) => `{oneOf: [{type: integer}, ${b}]}`, 'body'],
    ['items', (b) => `{type: object, properties: {list: {type: array, items: ${b}}}}`, 'property'],
    ['additionalProperties', (b) => `{type: object, additionalProperties: ${b}}`, 'property'],
    ['nested properties', (b) => `{type: object, properties: {a: {type: object, properties: {b: {type: object, properties: {c: ${b}}}}}}}`, 'property'],
  ];
  const str = (n: number) => `{type: string, maxLength: ${n}}`;
  const int = (kw: string, n: number) => `{type: integer, ${kw}: ${n}}`;
  const arr = (kw: string, n: number) => `{type: array, items: {type: string}, ${kw}: ${n}}`;
  for (const [where, at, subject] of places) {
    expect({ req: at(str(10)) }, { req: at(str(5)) }, [`request-${subject}-max-length-decreased error`], where);
    expect({ res: at(str(5)) }, { res: at(str(10)) }, [`response-${subject}-max-length-increased error`], where);
    expect({ req: at(int('minimum', 0)) }, { req: at(int('minimum', 1)) }, [`request-${subject}-min-increased error`], where);
    expect({ res: at(int('maximum', 10)) }, { res: at(int('maximum', 20)) }, [`response-${subject}-max-increased error`], where);
    expect({ req: at(arr('maxItems', 5)) }, { req: at(arr('maxItems', 2)) }, [`request-${subject}-max-items-decreased error`], where);
    expect({ res: at(arr('minItems', 2)) }, { res: at(arr('minItems', 1)) }, [`response-${subject}-min-items-decreased error`], where);
  }
});

test('a property of an allOf branch is reported once, where it is written, on both sides', () => {
  const base = (props: string) => `  schemas:\n    Base: {type: object, properties: {id: {type: integer}${props}}}`;
  const extended = "{allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {name: {type: string}}}]}";
  const slots = (props: string, required = ''): Slots => ({
    req: extended.replace('{allOf:', `{${required}allOf:`),
    res: extended.replace('{allOf:', `{${required}allOf:`),
    components: base(props),
  });
  // Removed from the shared branch: once per direction (not again at each schema that extends it), at the branch.
  // (The extending schemas' text changes too, so they are compared keyword by keyword, not only through their $refs.)
  const r = sameSetInBothFormats(diffPair(spec(slots(', kind: {type: string}')), spec(slots('', 'description: extended, '))));
  assert.deepEqual(r.map((f) => `${f.rule} ${f.level}`).sort(), ['request-property-removed warning', 'response-optional-property-removed warning']);
  for (const f of r) assert.match(f.pointer, /^\/components\/schemas\/Base\//, `${f.rule} points into the branch that held it`);
  // Changed inside the branch: once per direction.
  expect(slots(', kind: {type: string}'), slots(', kind: {type: integer}', 'description: extended, '), [
    'request-property-type-changed error',
    'response-property-type-changed error',
  ]);
  // Made required by the extending schema, not by the branch: the extending schema reports it.
  expect(slots(''), slots('', 'required: [id], '), ['request-property-became-required error', 'response-property-became-required info']);
});

test('a property moved between the allOf branches of a schema is no change; a change made while moving it is reported once', () => {
  const components = (props: string) => `  schemas:
    Base: {type: object, properties: {id: {type: integer}${props}}}`;
  const extended = (props: string) => `{allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {name: {type: string}${props}}}]}`;
  const inSibling: Slots = { req: extended(', tag: {type: string}'), res: extended(', tag: {type: string}'), components: components('') };
  const inBase: Slots = { req: extended(''), res: extended(''), components: components(', tag: {type: string}') };
  expect(inSibling, inBase, []);
  expect(inBase, inSibling, []);
  const retyped: Slots = { ...inBase, components: components(', tag: {type: integer}') };
  expect(inSibling, retyped, ['request-property-type-changed error', 'response-property-type-changed error']);
  // Into the extending schema's own properties and back out.
  const own = (props: string) =>
    `{properties: {tag: {type: string}}, allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {name: {type: string}${props}}}]}`;
  expect(inSibling, { req: own(''), res: own(''), components: components('') }, []);
  expect({ req: own(''), res: own(''), components: components('') }, inSibling, []);
});

test('an allOf branch that only annotates (title, description, examples) constrains nothing: info both ways', () => {
  const note = "allOf: [{description: 'The name on the collar', example: Rex}]";
  expect({ req: '{type: string}' }, { req: `{type: string, ${note}}` }, ['request-body-all-of-added-annotation-only info']);
  expect({ req: `{type: string, ${note}}` }, { req: '{type: string}' }, ['request-body-all-of-removed-annotation-only info']);
  expect({ res: '{type: string}' }, { res: `{type: string, ${note}}` }, ['response-body-all-of-added-annotation-only info']);
  expect({ res: `{type: string, ${note}}` }, { res: '{type: string}' }, ['response-body-all-of-removed-annotation-only info']);
  const named = (extra: string) => `{type: object, properties: {name: {type: string${extra}}}}`;
  expect({ req: named('') }, { req: named(`, ${note}`) }, ['request-property-all-of-added-annotation-only info']);
  expect({ res: named(`, ${note}`) }, { res: named('') }, ['response-property-all-of-removed-annotation-only info']);
  // A branch with a constraint still counts as one.
  expect({ req: '{type: string}' }, { req: '{type: string, allOf: [{description: d, maxLength: 3}]}' }, ['request-body-all-of-added error']);
});

test('not: added excludes values (breaks requests), removed allows them again (breaks responses), changed is a warning', () => {
  const not = (extra: string) => `{type: object, properties: {name: {type: string${extra}}}}`;
  const empty = ", not: {enum: ['']}";
  expect({ req: not('') }, { req: not(empty) }, ['request-property-not-added error']);
  expect({ res: not('') }, { res: not(empty) }, ['response-property-not-added info']);
  expect({ req: not(empty) }, { req: not('') }, ['request-property-not-removed info']);
  expect({ res: not(empty) }, { res: not('') }, ['response-property-not-removed error']);
  expect({ req: not(empty) }, { req: not(", not: {enum: ['', none]}") }, ['request-property-not-changed warning']);
  expect({ res: not(empty) }, { res: not(", not: {enum: ['', none]}") }, ['response-property-not-changed warning']);
  expect({ req: not(empty) }, { req: not(", not: {enum: [''], description: 'no empty names'}") }, [], 'a note is no change');
  // On the body itself.
  expect({ req: '{type: string}' }, { req: "{type: string, not: {const: ''}}" }, ['request-body-not-added error']);
});

test('a oneOf/anyOf of bare types, object and array included, is a list of types whatever its keyword', () => {
  const meta = (schema: string) => `{type: object, properties: {meta: ${schema}}}`;
  expect({ res: meta('{anyOf: [{type: object}, {type: string}]}') }, { res: meta('{oneOf: [{type: string}]}') }, [
    'response-property-list-of-types-narrowed info',
  ]);
  expect({ req: meta('{anyOf: [{type: object}, {type: string}]}') }, { req: meta('{oneOf: [{type: string}]}') }, [
    'request-property-list-of-types-narrowed error',
  ]);
  expect({ res: meta('{type: string}') }, { res: meta('{anyOf: [{type: string}, {type: array}]}') }, ['response-property-list-of-types-widened error']);
  expect({ res: meta('{type: [object, string]}') }, { res: meta('{oneOf: [{type: object}, {type: string}]}') }, [], 'respelt, no change');
});

test('a request split into a oneOf whose branches each accept every old value: every client is rejected, an error', () => {
  const both = '{type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}';
  const split = (req: string, extra = '') => `{type: object, required: [${req}], properties: {a: {type: string${extra}}, b: {type: string}}}`;
  // Every old body has a and b, so it matches both branches, and oneOf wants exactly one.
  expect({ req: both }, { req: `{oneOf: [${split('a')}, ${split('b')}]}` }, ['request-body-wrapped-in-one-of error']);
  expect({ res: both }, { res: `{oneOf: [${split('a')}, ${split('b')}]}` }, ['response-body-wrapped-in-one-of error']);
  // The same under a property, and through $refs to components.
  const inProp = (s: string) => `{type: object, properties: {pet: ${s}}}`;
  expect({ req: inProp(both) }, { req: inProp(`{oneOf: [${split('a')}, ${split('b')}]}`) }, ['request-property-wrapped-in-one-of error']);
  const components = `  schemas:\n    A: ${split('a')}\n    B: ${split('b')}`;
  expect({ req: both, components }, { req: "{oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}", components }, [
    'request-body-wrapped-in-one-of error',
  ]);
  // A branch that narrows a value (a maxLength the old body lacked) does not accept every old body: only some clients break.
  expect({ req: both }, { req: `{oneOf: [${split('a', ', maxLength: 3')}, ${split('b')}]}` }, ['request-body-wrapped-in-one-of warning']);
  // A branch that names a property the open old schema did not: an old body may carry it with any value.
  const other = '{type: object, required: [b], properties: {b: {type: string}, c: {type: integer}}}';
  expect({ req: both }, { req: `{oneOf: [${split('a')}, ${other}]}` }, ['request-body-wrapped-in-one-of warning']);
  // ...unless the old schema admitted no other properties.
  const closed = '{type: object, additionalProperties: false, required: [a, b], properties: {a: {type: string}, b: {type: string}}}';
  expect({ req: closed }, { req: `{oneOf: [${split('a')}, ${other}]}` }, ['request-body-wrapped-in-one-of error']);
  // The old schema kept as one branch beside a wider one: both accept every old value.
  expect({ req: both }, { req: `{oneOf: [${both}, {type: object}]}` }, ['request-body-wrapped-in-one-of error']);
  // ...beside a disjoint one: no old value matches twice.
  expect({ req: both }, { req: `{oneOf: [${both}, {type: string}]}` }, ['request-body-wrapped-in-one-of warning']);
});

test("an anyOf/oneOf branch removed whose values the revision still accepts (Stripe's \"unset\" `enum: ['']`) is no change", () => {
  const unset = "{type: string, enum: ['']}";
  const name = (s: string) => `{type: object, properties: {name: ${s}}}`;
  const text = '{type: string, maxLength: 500}';
  // Unwrapped to the open branch: "" is still a string of at most 500 characters.
  for (const kind of ['anyOf', 'oneOf']) {
    const id = kind === 'anyOf' ? 'any-of-removed' : 'one-of-removed';
    expect({ req: name(`{${kind}: [${text}, ${unset}]}`) }, { req: name(text) }, [`request-property-${id} info`], `${kind}: the remaining string accepts ""`);
    expect({ res: name(`{${kind}: [${text}, ${unset}]}`) }, { res: name(text) }, [`response-property-${id} info`], `${kind} response side`);
  }
  // ...but not when the open branch rejects "" (a minimum length, a pattern that wants a character, a format).
  for (const narrow of ['minLength: 1', "pattern: '^.+$'", 'format: email']) {
    expect(
      { req: name(`{anyOf: [{type: string, ${narrow}}, ${unset}]}`) },
      { req: name(`{type: string, ${narrow}}`) },
      ['request-property-any-of-removed error'],
      narrow,
    );
  }
  expect({ res: name(`{anyOf: [{type: string, minLength: 1}, ${unset}]}`) }, { res: name('{type: string, minLength: 1}') }, [
    'response-property-any-of-removed info',
  ]);
  // Listed numbers against bounds, multipleOf and int32; listed values of another type are rejected.
  const num = (enumValues: string, remaining: string) => [name(`{anyOf: [${remaining}, {enum: [${enumValues}]}]}`), name(remaining)];
  const [b1, r1] = num('0, 10', '{type: integer, minimum: 0, maximum: 10, multipleOf: 5}');
  expect({ req: b1 }, { req: r1 }, ['request-property-any-of-removed info'], '0 and 10 meet every bound');
  const [b2, r2] = num('0, 10', '{type: integer, exclusiveMinimum: 0}');
  expect({ req: b2 }, { req: r2 }, ['request-property-any-of-removed error'], 'exclusive bound rejects 0');
  const [b3, r3] = num("'0'", '{type: integer}');
  expect({ req: b3 }, { req: r3 }, ['request-property-any-of-removed error'], 'the string "0" is no integer');
  // Both sides composed: a removed branch the remaining anyOf still covers (here paired with the open string: its enum went).
  const both = (branches: string) => name(`{anyOf: [${branches}]}`);
  expect(
    { req: both(`{type: string, format: date}, {type: integer}, ${unset}`) },
    { req: both('{type: string, format: date}, {type: string}, {type: integer}') },
    ['request-property-enum-removed info'],
  );
  expect(
    { req: both(`{type: string, format: date}, {type: integer}, ${unset}`) },
    { req: both('{type: string, format: date}, {type: integer}, {type: string, maxLength: 9}') },
    [
      'request-property-enum-removed info',
      'request-property-max-length-set info', // the one value the branch listed ("") meets it
    ],
  );
  expect({ req: both(`{type: string, format: date}, {type: integer}, ${unset}`) }, { req: both('{type: string, format: date}, {type: integer}') }, [
    'request-property-any-of-removed error',
  ]);
  // A request body (not only a property), through a $ref to the "unset" branch.
  const components = `  schemas:\n    Unset: ${unset}`;
  expect({ req: `{anyOf: [${text}, {$ref: '#/components/schemas/Unset'}]}`, components }, { req: text, components }, ['request-body-any-of-removed info']);
  // A removed branch shaped like one that stays: every value it took is still taken.
  const shapes = (branches: string) => `{type: object, properties: {pet: {anyOf: [${branches}]}}}`;
  const cat = '{type: object, properties: {name: {type: string}}}';
  expect({ req: shapes(`${cat}, ${cat.replace('string', 'string, description: rabbit')}, {type: integer}`) }, { req: shapes(`${cat}, {type: integer}`) }, [
    'request-property-any-of-removed info',
  ]);
});

// Without the proof's step budget this walk visits 3^16 pairs and does not end in minutes.
test('a schema that refers to itself through anyOf branches ends the proof and reports the removal', () => {
  const components =
    "  schemas:\n    Loop: {anyOf: [{$ref: '#/components/schemas/Loop'}, {$ref: '#/components/schemas/Loop'}, {$ref: '#/components/schemas/Loop'}]}";
  const of = (branches: string) => `{type: object, properties: {v: {anyOf: [{$ref: '#/components/schemas/Loop'}, ${branches}]}}}`;
  expect(
    { req: of('{type: integer, format: int32}, {type: boolean, default: false}'), components },
    { req: of('{type: integer, format: int32}'), components },
    ['request-property-any-of-removed error'],
  );
});

test('a bound on a schema whose type rules out what it bounds (maxItems on string items, maxLength on an integer) constrains nothing', () => {
  const param = (items: string) => `{name: tags, in: query, schema: {type: array, items: ${items}}}`;
  expect({ params: [param('{type: string, maxItems: 10}')] }, { params: [param('{type: string, maxItems: 5}')] }, [], 'maxItems on strings');
  const prop = inObject('n');
  // When only one side's type rules them out, the type changed: that is the finding.
  expect({ req: prop('{type: string, maxItems: 10}') }, { req: prop('{type: array, items: {type: string}, maxItems: 5}') }, [
    'request-property-type-changed error',
  ]);
  for (const side of ['req', 'res'] as const) {
    expect({ [side]: prop('{type: integer, maxLength: 9}') }, { [side]: prop('{type: integer, maxLength: 3}') }, [], `${side}: maxLength on an integer`);
    expect({ [side]: prop("{type: integer, pattern: '^1'}") }, { [side]: prop("{type: integer, pattern: '^2'}") }, [], `${side}: pattern on an integer`);
    expect(
      { [side]: prop('{type: string, minimum: 1, multipleOf: 2}') },
      { [side]: prop('{type: string, minimum: 5, multipleOf: 3}') },
      [],
      `${side}: numbers on a string`,
    );
    expect({ [side]: prop('{type: string, maxProperties: 3}') }, { [side]: prop('{type: string}') }, [], `${side}: maxProperties on a string`);
  }
  // Where the type admits them (a type list, or no type at all) they are compared.
  expect({ req: prop('{type: [integer, string], maxLength: 9}') }, { req: prop('{type: [integer, string], maxLength: 3}') }, [
    'request-property-max-length-decreased error',
  ]);
  expect({ req: prop('{maxLength: 9}') }, { req: prop('{maxLength: 3}') }, ['request-property-max-length-decreased error']);
  expect({ res: prop('{type: number, maximum: 9}') }, { res: prop('{type: number, maximum: 10}') }, ['response-property-max-increased error']);
});

test('a schema that changed type and became an enum reports both: which values are now listed is news of its own', () => {
  const prop = inObject('n');
  expect({ req: '{type: string}' }, { req: '{type: integer, enum: [1, 2]}' }, ['request-body-became-enum error', 'request-body-type-changed error']);
  expect({ req: prop('{type: string}') }, { req: prop('{type: integer, enum: [1, 2]}') }, [
    'request-property-became-enum error',
    'request-property-type-changed error',
  ]);
  expect({ res: prop('{type: string}') }, { res: prop('{type: integer, enum: [1, 2]}') }, [
    'response-property-became-enum info',
    'response-property-type-changed error',
  ]);
  const query = (s: string) => `{name: q, in: query, schema: ${s}}`;
  expect({ params: [query('{type: string}')] }, { params: [query('{type: integer, enum: [1, 2]}')] }, [
    'request-parameter-became-enum error',
    'request-parameter-type-changed error',
  ]);
  // An enum kept through the type change is compared no further: its values changed type with it.
  expect({ req: prop("{type: string, enum: ['1']}") }, { req: prop('{type: integer, enum: [1]}') }, ['request-property-type-changed error']);
});

test('const: a and enum: [a] are one constraint: moving between them is no change, and a const facing an enum compares as a list of one', () => {
  const query = (s: string) => `{name: q, in: query, schema: {type: string, ${s}}}`;
  expect({ params: [query('const: a')] }, { params: [query('enum: [a]')] }, []);
  expect({ params: [query('enum: [a]')] }, { params: [query('const: a')] }, []);
  expect({ params: [query('const: a')] }, { params: [query('enum: [a, b]')] }, ['request-parameter-enum-value-added info']);
  expect({ params: [query('enum: [a, b]')] }, { params: [query('const: a')] }, ['request-parameter-enum-value-removed error']);
  expect({ params: [query('enum: [b]')] }, { params: [query('const: a')] }, [
    'request-parameter-enum-value-added info',
    'request-parameter-enum-value-removed error',
  ]);
  const prop = (s: string) => `{type: object, properties: {kind: {type: string, ${s}}}}`;
  expect({ res: prop('const: a') }, { res: prop('enum: [a, b]') }, ['response-property-enum-value-added warning']);
  expect({ res: prop('enum: [a, b]') }, { res: prop('const: a') }, ['response-property-enum-value-removed info']);
  expect({ req: prop('const: a') }, { req: prop('enum: [a]') }, []);
  // A const where nothing was listed still narrows requests.
  expect({ req: prop('maxLength: 3') }, { req: prop('maxLength: 3, const: a') }, ['request-property-const-added error']);
});

test('a 3.1 type list and a oneOf/anyOf of one branch per type are one schema: the rewrite is no change, a change inside it is found', () => {
  const props = (required: string, extra = '') => `properties: {id: {type: string${extra}}}, required: [${required}]`;
  const list = (required = 'id', extra = '') => `{type: [number, object], ${props(required, extra)}}`;
  const split = (kind: string, required = 'id', extra = '') => `{${kind}: [{type: number}, {type: object, ${props(required, extra)}}]}`;
  for (const kind of ['oneOf', 'anyOf']) {
    for (const side of ['req', 'res'] as const) {
      expect({ [side]: split(kind) }, { [side]: list() }, [], `${kind} -> type list (${side})`);
      expect({ [side]: list() }, { [side]: split(kind) }, [], `type list -> ${kind} (${side})`);
    }
  }
  // What the rewrite hides is reported: a property that became optional in a response, a bound in a request.
  expect({ res: split('oneOf') }, { res: `{type: [number, object], properties: {id: {type: string}}}` }, ['response-property-became-optional error']);
  expect({ req: list() }, { req: split('oneOf', 'id', ', maxLength: 5') }, ['request-property-max-length-set warning']);
  // An enum listing values of several types is read per type.
  const enumList = '{type: [string, integer], enum: [on, off, 1]}';
  expect({ req: enumList }, { req: '{oneOf: [{type: string, enum: [on]}, {type: integer, enum: [1]}]}' }, ['request-body-enum-value-removed error']);
  expect({ req: enumList }, { req: '{oneOf: [{type: string, enum: [on, off]}, {type: integer, enum: [1]}]}' }, []);
  // A type only one side has narrows or widens the list.
  expect({ req: list() }, { req: `{oneOf: [{type: object, ${props('id')}}]}` }, ['request-body-list-of-types-narrowed error']);
  expect({ res: list() }, { res: `{oneOf: [{type: number}, {type: string}, {type: object, ${props('id')}}]}` }, ['response-body-list-of-types-widened error']);
  // An integer and a number branch both take 1: not one value per branch, so it stays a oneOf finding.
  expect({ req: '{type: [integer, string], maxLength: 3}' }, { req: '{oneOf: [{type: integer}, {type: number}, {type: string, maxLength: 3}]}' }, [
    'request-body-wrapped-in-one-of warning',
  ]);
});

test("keywords for values both sides' types rule out are not compared: properties beside type: string", () => {
  const prop = inObject('n');
  expect(
    { req: prop('{type: string, properties: {a: {type: string}}}') },
    { req: prop('{type: string, required: [a], properties: {a: {type: integer}}}') },
    [],
  );
  expect({ res: prop('{type: integer, items: {type: string}}') }, { res: prop('{type: integer, items: {type: integer}, minItems: 2}') }, []);
  // format is the exception: generated clients read it whatever the type (Twilio's object `format: string-map` becomes a class).
  expect({ res: prop('{type: object, format: string-map}') }, { res: prop('{type: object, format: capabilities}') }, [
    'response-property-format-changed warning',
  ]);
});

// The cases below were found by checking random schema pairs against a JSON Schema validator (ajv, 2020-12):
// a value valid under the base and invalid under the revision (requests), or the reverse (responses).

test('uniqueItems set rejects requests that repeat an item (a warning: it depends on what is sent); unset lets responses repeat one', () => {
  const arr = (extra: string) => `{type: object, properties: {tags: {type: array, items: {type: string}${extra}}}}`;
  expect({ req: arr('') }, { req: arr(', uniqueItems: true') }, ['request-property-unique-items-set warning']);
  expect({ res: arr('') }, { res: arr(', uniqueItems: true') }, ['response-property-unique-items-set info']);
  expect({ req: arr(', uniqueItems: true') }, { req: arr(', uniqueItems: false') }, ['request-property-unique-items-unset info']);
  expect({ res: arr(', uniqueItems: true') }, { res: arr('') }, ['response-property-unique-items-unset error']);
  expect({ req: arr(', uniqueItems: false') }, { req: arr('') }, [], 'false is the default');
  const body = (extra: string) => `{type: array, items: {type: integer}${extra}}`;
  expect({ res: body(', uniqueItems: true') }, { res: body('') }, ['response-body-unique-items-unset error']);
  const query = (extra: string) => `{name: ids, in: query, schema: {type: array, items: {type: integer}${extra}}}`;
  expect({ params: [query('')] }, { params: [query(', uniqueItems: true')] }, ['request-parameter-unique-items-set warning']);
});

test('an enum counts only values of its declared type: typing an untyped enum drops the others', () => {
  const prop = inObject('v');
  expect({ req: prop('{enum: [ab, 0]}') }, { req: prop('{enum: [ab, 0], type: number}') }, ['request-property-enum-value-removed error']);
  expect({ res: prop('{enum: [ab, 0]}') }, { res: prop('{enum: [ab, 0], type: number}') }, ['response-property-enum-value-removed info']);
  expect({ req: prop('{type: string, enum: [ab, 0]}') }, { req: prop('{type: string, enum: [ab]}') }, [], '0 was never a valid string');
});

test('a type written beside a oneOf/anyOf rejects requests whose branch has another type', () => {
  const of = (extra: string) => `{type: object, properties: {v: {oneOf: [{type: integer, minimum: 2}, {type: array, items: {type: string}}]${extra}}}}`;
  expect({ req: of('') }, { req: of(', type: boolean') }, ['request-property-type-changed error']);
  expect({ req: of('') }, { req: of(', type: [integer, array]') }, [], 'every branch keeps its type');
  expect({ res: of('') }, { res: of(', type: boolean') }, [], 'responses may send less');
});

test('an anyOf branch added to a response may send a shape clients do not handle: an error, unless the old schema took its values', () => {
  const of = (branches: string) => `{type: object, properties: {v: {anyOf: [${branches}]}}}`;
  expect({ res: of('{type: boolean}, {type: string, format: date}') }, { res: of('{type: boolean}, {type: string, format: date}, {type: integer}') }, [
    'response-property-any-of-added error',
  ]);
  expect({ req: of('{type: boolean}, {type: string, format: date}') }, { req: of('{type: boolean}, {type: string, format: date}, {type: integer}') }, [
    'request-property-any-of-added info',
  ]);
  // The new branch only lists values an old branch already sent.
  expect(
    { res: of('{type: boolean}, {type: string, maxLength: 9}') },
    { res: of("{type: boolean}, {type: string, maxLength: 9}, {type: string, enum: ['']}") },
    ['response-property-any-of-added info'],
  );
  // A plain schema wrapped into an anyOf beside another shape.
  expect({ res: '{type: integer}' }, { res: '{anyOf: [{type: integer}, {type: string, format: uuid}]}' }, ['response-body-any-of-added error']);
});

test('a lower count of 0 (minLength, minItems, minProperties) is no bound: writing or deleting it is no change', () => {
  const prop = inObject('v');
  expect({ res: prop('{type: string, minLength: 0}') }, { res: prop('{type: string}') }, []);
  expect({ req: prop('{type: array, items: {type: string}}') }, { req: prop('{type: array, items: {type: string}, minItems: 0}') }, []);
  expect({ res: prop('{type: object, minProperties: 0}') }, { res: prop('{type: object}') }, []);
  expect({ req: prop('{type: string, minLength: 0}') }, { req: prop('{type: string, minLength: 1}') }, ['request-property-min-length-increased error']);
});

test('a property added to (or removed from) an object whose additionalProperties is a schema is compared with that schema', () => {
  const obj = (props: string) => `{type: object, properties: {a: {type: string}${props}}, additionalProperties: {type: string}}`;
  // Before, `n` could be sent (or received) as any string; now it is an integer.
  expect({ req: obj('') }, { req: obj(', n: {type: integer}') }, ['new-optional-request-property info', 'request-property-type-changed error']);
  expect({ res: obj('') }, { res: obj(', n: {type: integer}') }, ['response-optional-property-added info', 'response-property-type-changed error']);
  expect({ req: obj('') }, { req: obj(', n: {type: string, maxLength: 3}') }, [
    'new-optional-request-property info',
    'request-property-max-length-set warning',
  ]);
  expect({ res: obj('') }, { res: obj(', n: {type: string, maxLength: 3}') }, [
    'response-optional-property-added info',
    'response-property-max-length-set info',
  ]);
  // Removed: its values now fall under additionalProperties.
  expect({ req: obj(', n: {type: integer}') }, { req: obj('') }, ['request-property-removed warning', 'request-property-type-changed error']);
  // Open objects (no additionalProperties, or true) are unchanged.
  const open = (props: string) => `{type: object, properties: {a: {type: string}${props}}}`;
  expect({ res: open('') }, { res: open(', n: {type: integer}') }, ['response-optional-property-added info']);
});

test('a property added to a response schema that admitted no others is a warning: clients that check responses strictly reject it', () => {
  const closed = (props: string) => `{type: object, additionalProperties: false, properties: {a: {type: string}${props}}}`;
  expect({ res: closed('') }, { res: closed(', n: {type: integer}') }, ['response-optional-property-added warning']);
  expect({ res: closed('') }, { res: closed(', n: {type: integer}').replace('{type: object,', '{type: object, required: [n],') }, [
    'response-required-property-added warning',
  ]);
  // In a request the closed schema now accepts more: info as ever.
  expect({ req: closed('') }, { req: closed(', n: {type: integer}') }, ['new-optional-request-property info']);
});

test("a type written beside an anyOf whose branches are untyped enums or nested anyOfs: their values' types are compared", () => {
  const of = (extra: string) => `{type: object, properties: {v: {anyOf: [{enum: [abc, 1]}, {anyOf: [{type: boolean}, {type: object}]}]${extra}}}}`;
  expect({ req: of('') }, { req: of(', type: array') }, ['request-property-type-changed error']);
  expect({ req: of('') }, { req: of(', type: [string, integer, boolean, object]') }, []);
});

test('additionalProperties: a schema against true or absent tightens (requests) or loosens (responses) what extra properties may hold', () => {
  const obj = (extra: string) => `{type: object, properties: {a: {type: string}}${extra}}`;
  expect({ res: obj(', additionalProperties: {type: boolean}') }, { res: obj(', additionalProperties: true') }, [
    'response-body-additional-properties-loosened warning',
  ]);
  expect({ res: obj(', additionalProperties: {type: boolean}') }, { res: obj('') }, ['response-body-additional-properties-loosened warning']);
  expect({ req: obj('') }, { req: obj(', additionalProperties: {type: boolean}') }, ['request-body-additional-properties-tightened error']);
  expect({ req: obj(', additionalProperties: {type: boolean}') }, { req: obj('') }, ['request-body-additional-properties-loosened info']);
  const run = diffPair(spec({ req: obj('') }), spec({ req: obj(', additionalProperties: {type: boolean}') }));
  assert.match(sameSetInBothFormats(run)[0].message, /now restricts its additional properties/);
});

test('an anyOf unwrapped to a type none of its branches had: responses may now send it (type-changed), requests lose the other branches', () => {
  const items = (s: string) => `{type: object, properties: {v: {type: array, items: ${s}}}}`;
  const of = '{anyOf: [{type: integer, minimum: 2}, {type: string, format: date}]}';
  const ids = (side: string) => [`${side}-property-any-of-removed`, `${side}-property-any-of-removed`];
  expect({ res: items(of) }, { res: items('{type: boolean}') }, [...ids('response').map((id) => `${id} info`), 'response-property-type-changed error']);
  expect({ req: items(of) }, { req: items('{type: boolean}') }, [...ids('request').map((id) => `${id} error`), 'request-property-type-changed error']);
});

test('a typed schema that became an untyped enum takes the types of its values: strings where integers were is a type change', () => {
  const items = (s: string) => `{type: object, properties: {v: {type: array, items: ${s}}}}`;
  expect({ res: items('{type: integer}') }, { res: items("{enum: ['', ab, 10]}") }, [
    'response-property-became-enum info',
    'response-property-type-generalized error',
  ]);
  expect(
    { res: items('{type: string}') },
    { res: items("{enum: ['', ab]}") },
    ['response-property-became-enum info'],
    'the same type: only the values are listed now',
  );
});

test('a scalar extended through allOf (x -> allOf [x, y]) compares x with its branch: the bounds it kept are no change, y is the added branch', () => {
  const prop = inObject('v');
  const x = '{type: integer, minimum: -1, maximum: 10}';
  expect({ res: prop(x) }, { res: prop(`{allOf: [${x}, {multipleOf: 2}]}`) }, ['response-property-all-of-added info']);
  expect({ req: prop(x) }, { req: prop(`{allOf: [${x}, {multipleOf: 2}]}`) }, ['request-property-all-of-added error']);
  // An edit of x made while wrapping it is reported as what it is.
  expect({ res: prop(x) }, { res: prop('{allOf: [{type: integer, minimum: -1}, {multipleOf: 2}]}') }, [
    'response-property-all-of-added info',
    'response-property-max-unset error',
  ]);
  // Unwrapped: the branch dropped is an allOf branch removed (a warning in requests), the bounds kept are no change.
  expect({ req: prop(`{allOf: [${x}, {multipleOf: 2}]}`) }, { req: prop(x) }, ['request-property-all-of-removed warning']);
  // A branch that takes every value the schema took rejects nobody; one that only annotates is annotation-only.
  expect({ req: prop(x) }, { req: prop(`{allOf: [${x}, {type: number}]}`) }, ['request-property-all-of-added info']);
  expect({ req: prop(x) }, { req: prop(`{allOf: [${x}, {description: counted}]}`) }, ['request-property-all-of-added-annotation-only info']);
});

test('a pattern added that matches anything constrains nothing', () => {
  const prop = inObject('v');
  expect({ req: prop('{type: string}') }, { req: prop("{type: string, pattern: '.*'}") }, []);
  expect({ req: prop('{type: string}') }, { req: prop("{type: string, pattern: '^a'}") }, ['request-property-pattern-added error']);
});

test('a schema of any type takes null too: deleting a nullable type widens it, and a type of null only is compared as a type', () => {
  const prop = inObject('v');
  // 3.1 and 3.0 spellings of "integer or null", made untyped: requests lose nothing, responses may now get anything.
  expect({ req: prop('{type: [integer, "null"]}') }, { req: prop('{description: anything}') }, []);
  expect({ res: prop('{type: [integer, "null"]}') }, { res: prop('{description: anything}') }, ['response-property-type-generalized error']);
  expect({ version: '3.0.3', req: prop('{type: integer, nullable: true}') }, { version: '3.0.3', req: prop('{description: anything}') }, []);
  // Only null, facing another type: the values changed type, both ways.
  expect({ req: prop('{type: "null"}') }, { req: prop('{type: integer}') }, ['request-property-type-changed error']);
  expect({ res: prop('{type: integer}') }, { res: prop('{type: "null"}') }, ['response-property-type-changed error']);
  expect({ req: prop('{type: "null"}') }, { req: prop('{type: [integer, "null"]}') }, ['request-property-type-generalized info']);
  expect({ res: prop('{type: "null"}') }, { res: prop('{type: [integer, "null"]}') }, ['response-property-type-generalized error']);
  expect({ req: prop('{type: [string, "null"]}') }, { req: prop('{type: "null"}') }, ['request-property-type-specialized error']);
});

test('a bound or pattern added beside a request enum that every listed value meets rejects no client', () => {
  const prop = inObject('v');
  expect({ req: prop('{type: string, enum: [cat, dog]}') }, { req: prop('{type: string, enum: [cat, dog], maxLength: 3}') }, [
    'request-property-max-length-set info',
  ]);
  expect(
    { req: prop('{enum: [abc, a, 1]}') },
    { req: prop("{enum: [abc, a, 1], pattern: '^[a-z]+$'}") },
    ['request-property-pattern-added info'],
    'a pattern does not look at numbers',
  );
  expect({ req: prop('{type: integer, enum: [2, 4]}') }, { req: prop('{type: integer, enum: [2, 4], multipleOf: 2, maximum: 4}') }, [
    'request-property-max-set info',
    'request-property-multiple-of-set info',
  ]);
  // One listed value the new bound rejects: clients that send it are.
  expect({ req: prop('{type: string, enum: [cat, horse]}') }, { req: prop('{type: string, enum: [cat, horse], maxLength: 3}') }, [
    'request-property-max-length-set warning',
  ]);
  expect({ req: prop('{type: integer, enum: [2, 5], maximum: 9}') }, { req: prop('{type: integer, enum: [2, 5], maximum: 4}') }, [
    'request-property-max-decreased error',
  ]);
  // Responses were never at risk from a tighter bound.
  expect({ res: prop('{type: string, enum: [cat, horse]}') }, { res: prop('{type: string, enum: [cat, horse], maxLength: 3}') }, [
    'response-property-max-length-set info',
  ]);
});

test('an allOf inlined into one schema that still says all its branches said loses nothing: its removed branches are info', () => {
  const a = '{type: object, required: [a], properties: {a: {type: string, format: email}}}';
  const b = '{type: object, properties: {b: {type: integer}}}';
  const inlined = (aSchema: string) => `{type: object, required: [a], properties: {a: ${aSchema}, b: {type: integer}}}`;
  expect({ req: `{allOf: [${a}, ${b}]}` }, { req: inlined('{type: string, format: email}') }, [
    'request-body-all-of-removed info',
    'request-body-all-of-removed info',
  ]);
  // A branch whose format the inlined schema dropped: clients that relied on it may break.
  expect({ req: `{allOf: [${a}, ${b}]}` }, { req: inlined('{type: string}') }, [
    'request-body-all-of-removed info',
    'request-body-all-of-removed warning',
    'request-property-format-removed info',
  ]);
  expect({ res: `{allOf: [${a}, ${b}]}` }, { res: inlined('{type: string, format: email}') }, [
    'response-body-all-of-removed info',
    'response-body-all-of-removed info',
  ]);
});

test('oneOf branches are paired by what names them (title, a tag property, what they require), not by position', () => {
  const prop = inObject('v');
  const vad = (threshold: string) => `{type: object, title: Server VAD, properties: {type: {const: server_vad}, threshold: {type: number${threshold}}}}`;
  const semantic = '{type: object, title: Semantic VAD, properties: {type: {const: semantic_vad}, eagerness: {type: string}}}';
  expect({ req: prop(`{oneOf: [${vad('')}, ${semantic}]}`) }, { req: prop(`{oneOf: [${semantic}, ${vad('')}]}`) }, [], 'reordered');
  expect({ res: prop(`{oneOf: [${vad('')}, ${semantic}]}`) }, { res: prop(`{oneOf: [${semantic}, ${vad('')}]}`) }, [], 'reordered, response');
  // A change inside a reordered branch is found in that branch.
  expect({ req: prop(`{oneOf: [${vad('')}, ${semantic}]}`) }, { req: prop(`{oneOf: [${semantic}, ${vad(', maximum: 1')}]}`) }, [
    'request-property-max-set warning',
  ]);
  // Untitled branches told apart by their tag, and branches that only require one name each.
  const tagged = (kind: string, extra: string) => `{type: object, properties: {kind: {type: string, enum: [${kind}]}${extra}}}`;
  const a = tagged('a', ', size: {type: integer}');
  const b = tagged('b', ', size: {type: integer}, label: {type: string}');
  expect({ res: prop(`{oneOf: [${a}, ${b}]}`) }, { res: prop(`{oneOf: [${b}, ${a}]}`) }, []);
  const either = (first: string, second: string) =>
    `{type: object, properties: {ids: {type: array, items: {type: string}}, stores: {type: array, items: {type: string}}}, oneOf: [{required: [${first}]}, {required: [${second}]}]}`;
  expect({ req: either('ids', 'stores') }, { req: either('stores', 'ids') }, []);
  // Branches that differ only in the values they list (Stripe's `now` or a timestamp or "unset"), and a title written beside an allOf wrapper.
  const now = '{type: string, enum: [now], maxLength: 5000}';
  const at = '{type: integer, format: unix-time}';
  const unset = "{type: string, enum: ['']}";
  expect({ req: prop(`{anyOf: [${now}, ${at}, ${unset}]}`) }, { req: prop(`{anyOf: [${unset}, ${at}, ${now}]}`) }, []);
  // Two branches alike but for their title and a property's type: the title decides, also when written beside an allOf wrapper.
  const keyed = (type: string) => `{type: object, properties: {key: {type: ${type}}}, required: [key]}`;
  const titled = (title: string, type: string) => keyed(type).replace('{type: object,', `{type: object, title: ${title},`);
  expect(
    { req: prop(`{anyOf: [${titled('secret', 'string')}, ${titled('client', 'integer')}]}`) },
    { req: prop(`{anyOf: [{title: client, allOf: [${keyed('integer')}]}, {title: secret, allOf: [${keyed('string')}]}]}`) },
    [],
  );
});

test('allOf of one branch is that branch, even when it composes or is nullable', () => {
  const prop = inObject('v');
  const nullableText = "{anyOf: [{type: string, maxLength: 9}, {type: 'null'}]}";
  for (const side of ['req', 'res'] as const) {
    expect({ [side]: prop(nullableText) }, { [side]: prop(`{allOf: [${nullableText}]}`) }, [], `${side}: wrapped`);
    expect({ [side]: prop(`{allOf: [${nullableText}]}`) }, { [side]: prop(nullableText) }, [], `${side}: unwrapped`);
    expect({ [side]: prop("{type: [string, 'null']}") }, { [side]: prop("{allOf: [{type: [string, 'null']}]}") }, [], `${side}: type list`);
  }
  const unset = "{anyOf: [{type: object, additionalProperties: {type: string}}, {type: string, enum: ['']}]}";
  expect({ req: prop(unset) }, { req: prop(`{allOf: [${unset}]}`) }, []);
  // What the wrapped branch lost is still found.
  expect({ req: prop(nullableText) }, { req: prop('{allOf: [{anyOf: [{type: string, maxLength: 9}]}]}') }, ['request-property-became-not-nullable error']);
  // A null branch wrapped in an allOf of one is still the null branch; a $ref wrapped so still names its branch.
  expect({ res: prop(nullableText) }, { res: prop("{anyOf: [{type: string, maxLength: 9}, {allOf: [{type: 'null'}]}]}") }, []);
});

test('a property that two allOf branches define is compared within the branches matched across versions, whatever their order', () => {
  const schemas = (order: 'ab' | 'ba', statuses: string) => {
    const own = `{$ref: '#/components/schemas/Call'}`;
    const extra = `{type: object, required: [status], properties: {status: {$ref: '#/components/schemas/Status'}}}`;
    return `  schemas:
    Call: {type: object, properties: {status: {type: string, enum: [${statuses}]}}}
    Status: {type: string, enum: [done, failed]}
    Resource: {allOf: [${order === 'ab' ? `${own}, ${extra}` : `${extra}, ${own}`}]}`;
  };
  const ref = "{$ref: '#/components/schemas/Resource'}";
  expect({ res: ref, components: schemas('ab', 'running, done') }, { res: ref, components: schemas('ba', 'running, done') }, []);
  expect({ req: ref, components: schemas('ab', 'running, done') }, { req: ref, components: schemas('ba', 'running, done') }, []);
  expect({ res: ref, components: schemas('ab', 'running, done') }, { res: ref, components: schemas('ba', 'running, done, paused') }, [
    'response-property-enum-value-added warning',
  ]);
});

test('a property that is an allOf of one deprecated component is deprecated: wrapping the $ref is no reactivation, removing it is a deprecated removal', () => {
  const components = `  schemas:
    Legacy: {type: string, deprecated: true}`;
  const obj = (v: string) => `{type: object, properties: {name: {type: string}${v}}}`;
  const ref = ", old: {$ref: '#/components/schemas/Legacy'}";
  const wrapped = ", old: {allOf: [{$ref: '#/components/schemas/Legacy'}]}";
  for (const side of ['req', 'res'] as const) expect({ [side]: obj(ref), components }, { [side]: obj(wrapped), components }, [], side);
  expect({ req: obj(wrapped), components }, { req: obj(''), components }, ['request-property-removed-with-deprecation info']);
});

test('an object split into an allOf of parts that together say what it said (a base schema extracted) rejects no client', () => {
  const whole =
    "{type: object, required: [id, kind], properties: {id: {type: string}, kind: {type: string, enum: [a, b]}, tags: {type: object, additionalProperties: {type: string}}, note: {anyOf: [{type: string}, {type: 'null'}]}}}";
  const split = (idSchema: string) =>
    `{type: object, allOf: [{type: object, required: [id], properties: {id: ${idSchema}, tags: {type: object, additionalProperties: {type: string}}}}, {type: object, required: [kind], properties: {kind: {type: string, enum: [a, b]}, note: {anyOf: [{type: string}, {type: 'null'}]}}}]}`;
  expect({ req: whole }, { req: split('{type: string}') }, ['request-body-all-of-added info', 'request-body-all-of-added info']);
  expect({ res: whole }, { res: split('{type: string}') }, ['response-body-all-of-added info', 'response-body-all-of-added info']);
  // A part that also narrows what it took over rejects clients.
  expect({ req: whole }, { req: split('{type: string, maxLength: 8}') }, [
    'request-body-all-of-added error',
    'request-body-all-of-added info',
    'request-property-max-length-set warning',
  ]);
});

test('a oneOf of components, one refactored into parts without changing what it accepts, still proves a split body keeps every value', () => {
  const components = (circle: string) => `  schemas:
    Circle: ${circle}
    Square: {type: object, required: [side], properties: {side: {type: number}, label: {type: string}}}
    Shape: {oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]}`;
  const whole = '{type: object, required: [radius], properties: {radius: {type: number}, label: {type: string}}}';
  const parts = '{allOf: [{type: object, required: [radius], properties: {radius: {type: number}}}, {type: object, properties: {label: {type: string}}}]}';
  const body = "{type: object, required: [shape], properties: {shape: {$ref: '#/components/schemas/Shape'}, note: {type: string}}}";
  // The body split too: its first part holds the oneOf, whose Circle is now built of parts.
  const splitBody =
    "{type: object, allOf: [{type: object, required: [shape], properties: {shape: {$ref: '#/components/schemas/Shape'}}}, {type: object, properties: {note: {type: string}}}]}";
  expect({ req: body, components: components(whole) }, { req: splitBody, components: components(parts) }, [
    'request-body-all-of-added info',
    'request-body-all-of-added info',
    'request-property-all-of-added info',
    'request-property-all-of-added info',
  ]);
});
