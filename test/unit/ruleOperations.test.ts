// Media types, parameters and headers of operations: each rule proven in YAML and
// JSON, request and response side, exact ids and levels; unchanged gives nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, expectRules, sameSetInBothFormats } from '../support/engineHarness';

interface Slots {
  pathParams?: string[];
  params?: string[];
  reqContent?: string;
  resContent?: string;
  resHeaders?: string;
}

function spec(s: Slots = {}): string {
  return `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{petId}:${s.pathParams ? `\n    parameters:${s.pathParams.map((p) => `\n      - ${p}`).join('')}` : ''}
    post:
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}${(s.params ?? []).map((p) => `\n        - ${p}`).join('')}
      requestBody:
        content: ${s.reqContent ?? '{application/json: {schema: {type: object}}}'}
      responses:
        '200':
          description: ok${s.resHeaders ? `\n          headers: ${s.resHeaders}` : ''}
          content: ${s.resContent ?? '{application/json: {schema: {type: object}}}'}
    get:
      responses:
        '200': {description: ok}
`;
}

const expect = (base: Slots, revision: Slots, expected: string[], why?: string): void =>
  expectRules(spec(base), spec(revision), expected, why, { unchangedBase: true });

test('a media type that gains or loses its schema', () => {
  const none = '{application/octet-stream: {}}';
  const some = '{application/octet-stream: {schema: {type: string, format: binary}}}';
  expect({ reqContent: none }, { reqContent: some }, ['request-body-media-type-schema-added error']);
  expect({ reqContent: some }, { reqContent: none }, ['request-body-media-type-schema-removed info']);
  expect({ resContent: none }, { resContent: some }, ['response-body-media-type-schema-added info']);
  expect({ resContent: some }, { resContent: none }, ['response-body-media-type-schema-removed warning']);
});

test('a response media type renamed: generalized is an error, specialized or parameters changed are info', () => {
  const mt = (name: string) => `{'${name}': {schema: {type: object, properties: {code: {type: string}}}}}`;
  expect({ resContent: mt('application/problem+json') }, { resContent: mt('application/json') }, ['response-media-type-name-generalized error']);
  expect({ resContent: mt('application/json') }, { resContent: mt('application/problem+json') }, ['response-media-type-name-specialized info']);
  expect({ resContent: mt('text/csv') }, { resContent: mt('text/*') }, ['response-media-type-name-generalized error']);
  expect({ resContent: mt('application/json') }, { resContent: mt('application/json; charset=utf-8') }, ['response-media-type-name-changed info']);
  // The schemas of a renamed media type are still compared.
  const withMax = "{'application/json': {schema: {type: object, properties: {code: {type: string, maxLength: 9}}}}}";
  expect({ resContent: mt('application/problem+json') }, { resContent: withMax }, [
    'response-media-type-name-generalized error',
    'response-property-max-length-set info',
  ]);
  expect({ resContent: withMax.replace('application/json', 'application/problem+json') }, { resContent: mt('application/json') }, [
    'response-media-type-name-generalized error',
    'response-property-max-length-unset error',
  ]);
  // Two media types, one renamed to something unrelated: removed and added.
  const two = (second: string) => `{'application/json': {schema: {type: object}}, '${second}': {schema: {type: string}}}`;
  expect({ resContent: two('text/csv') }, { resContent: two('application/xml') }, ['response-media-type-removed error', 'response-media-type-added info']);
});

test('parameters added: path parameter, on the path item (required / optional)', () => {
  const base = spec().replace('\n        - {name: petId, in: path, required: true, schema: {type: string}}', '');
  const f = sameSetInBothFormats(diffPair(base, spec())).map((x) => `${x.rule} ${x.level}`);
  assert.deepEqual(f, ['new-request-path-parameter error']);
  // One finding for the path item, listing both of its operations.
  expect({}, { pathParams: ['{name: X-Tenant, in: header, required: true, schema: {type: string}}'] }, [
    'new-required-request-default-parameter-to-existing-path error',
  ]);
  const onPath = sameSetInBothFormats(diffPair(spec(), spec({ pathParams: ['{name: X-Tenant, in: header, required: true, schema: {type: string}}'] })));
  assert.deepEqual(onPath[0].operations, ['GET /pets/{petId}', 'POST /pets/{petId}']);
  expect({}, { pathParams: ['{name: trace, in: query, schema: {type: boolean}}'] }, ['new-optional-request-default-parameter-to-existing-path info']);
});

test('a parameter written another way on the wire: style, explode, or the media type of its content', () => {
  const q = (extra: string) => `{name: tags, in: query, ${extra}}`;
  const arr = 'schema: {type: array, items: {type: string}}';
  expect({ params: [q(arr)] }, { params: [q(`style: form, explode: false, ${arr}`)] }, ['request-parameter-style-changed error'], 'form exploded -> csv');
  expect({ params: [q(arr)] }, { params: [q(`style: pipeDelimited, ${arr}`)] }, ['request-parameter-style-changed error']);
  expect({ params: [q(arr)] }, { params: [q(`style: form, explode: true, ${arr}`)] }, [], 'the defaults spelt out are no change');
  const json = (mt: string) => q(`content: {'${mt}': {schema: {type: object, properties: {kind: {type: string}}}}}`);
  expect({ params: [json('application/json')] }, { params: [json('text/plain')] }, ['request-parameter-style-changed error'], 'JSON text -> plain text');
  expect({ params: [q('schema: {type: object, properties: {kind: {type: string}}}')] }, { params: [json('application/json')] }, [
    'request-parameter-style-changed error',
  ]);
  expect({ params: [json('application/json')] }, { params: [json('application/json; charset=utf-8')] }, [], 'a charset is the same JSON text');
  const [f] = sameSetInBothFormats(diffPair(spec({ params: [json('application/json')] }), spec({ params: [json('text/plain')] })));
  assert.equal(
    f.message,
    'Query parameter "tags" changed serialisation from application/json to text/plain in POST /pets/{petId}: clients encode it the old way',
  );
});

test('a query parameter that became a list of what it was: written form-exploded, one value is a list of one', () => {
  const q = (schema: string, extra = '') => `{name: tag, in: query, ${extra}schema: ${schema}}`;
  const widened = ['request-parameter-type-generalized info'];
  expect({ params: [q('{type: string}')] }, { params: [q('{type: array, items: {type: string}}')] }, widened, '?tag=a is ["a"]');
  expect({ params: [q('{type: integer}')] }, { params: [q('{type: array, items: {type: number}}')] }, widened, 'every integer is a number');
  expect(
    { params: [q('{oneOf: [{type: string}, {type: integer}]}')] },
    { params: [q('{type: array, items: {type: string}}')] },
    widened,
    'the text of 5 is a string',
  );
  expect({ params: [q('{type: string}')] }, { params: [q('{type: array, maxItems: 3, items: {type: string}}')] }, widened, 'a list of one fits');
  // Still breaking: items that reject an old value, a list that cannot be one long, a delimiter that splits old values.
  const broken = ['request-parameter-type-changed error'];
  expect({ params: [q('{type: string}')] }, { params: [q('{type: array, items: {type: integer}}')] }, broken, '?tag=abc is rejected');
  expect({ params: [q('{type: string}')] }, { params: [q("{type: array, items: {type: string, pattern: '^[a-z]+$'}}")] }, broken);
  expect({ params: [q('{type: string}')] }, { params: [q('{type: array, minItems: 2, items: {type: string}}')] }, broken);
  expect({ params: [q('{type: string}')] }, { params: [q('{type: array, items: {type: string}}', 'explode: false, ')] }, broken, '?tag=a,b splits');
  expect({ params: [q('{oneOf: [{type: string}, {type: integer}]}')] }, { params: [q('{type: array, items: {type: integer}}')] }, [
    'request-parameter-list-of-types-narrowed error',
    'request-parameter-list-of-types-widened info',
  ]);
  // A path parameter is written simple: not a list of one by this rule. A response header that became a list breaks readers.
  const h = (schema: string) => `{X-Tag: {schema: ${schema}}}`;
  expect({ resHeaders: h('{type: string}') }, { resHeaders: h('{type: array, items: {type: string}}') }, ['response-header-type-changed error']);
  // Explode does not matter for a single value: a scalar whose explode changed is written the same.
  expect({ params: [q('{type: string}')] }, { params: [q('{type: string}', 'explode: false, ')] }, []);
  expect({ params: [q('{type: string}')] }, { params: [q('{type: string}', 'style: pipeDelimited, ')] }, [], 'tag=a either way');
  // A style a query does not allow (simple writes the bare value) is a change even for one value.
  expect({ params: [q('{type: string}')] }, { params: [q('{type: string}', 'style: simple, ')] }, ['request-parameter-style-changed error']);
});

test('Swagger 2.0: collectionFormat (default csv) is how an array is written; multi is one value per name', () => {
  const v2 = (param: string) => `swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - {name: tag, in: query, ${param}}
      responses:
        '200': {description: ok}
`;
  const arr = (format: string) => `type: array, items: {type: string}${format ? `, collectionFormat: ${format}` : ''}`;
  expectRules(v2(arr('')), v2(arr('csv')), [], 'the default spelt out is no change');
  expectRules(v2(arr('csv')), v2(arr('multi')), ['request-parameter-style-changed error'], '?tag=a,b -> ?tag=a&tag=b');
  expectRules(v2('type: string'), v2(arr('multi')), ['request-parameter-type-generalized info'], '?tag=a is ["a"]');
  expectRules(v2('type: string'), v2(arr('')), ['request-parameter-type-changed error'], 'csv splits ?tag=a,b');
});

test('a response header written another way: explode of an object, or the media type of its content; its content schema is compared', () => {
  const obj = (extra: string) => `{X-Page: {${extra}schema: {type: object, properties: {next: {type: string}}}}}`;
  expect({ resHeaders: obj('') }, { resHeaders: obj('explode: true, ') }, ['response-header-style-changed error'], 'next,x -> next=x');
  expect({ resHeaders: obj('') }, { resHeaders: obj('style: simple, explode: false, ') }, [], 'the defaults spelt out are no change');
  const content = (mt: string, extra = '') =>
    `{X-Page: {content: {'${mt}': {schema: {type: object, required: [next], properties: {next: {type: string}${extra}}}}}}}`;
  expect({ resHeaders: content('application/json') }, { resHeaders: content('text/plain') }, ['response-header-style-changed error']);
  expect({ resHeaders: obj('') }, { resHeaders: content('application/json') }, [
    'response-header-style-changed error',
    'response-property-became-required info',
  ]);
  // Before, a header described by content was not compared at all.
  expect({ resHeaders: content('application/json', ', page: {type: integer}') }, { resHeaders: content('application/json', ', page: {type: string}') }, [
    'response-property-type-changed error',
  ]);
});

test("the parts of multipart and form bodies: content types a part may be, and a form field's serialisation", () => {
  const upload = (encoding: string, props = '{photo: {type: string, format: binary}}') =>
    `{multipart/form-data: {schema: {type: object, properties: ${props}}${encoding ? `, encoding: ${encoding}` : ''}}}`;
  const types = (list: string) => `{photo: {contentType: '${list}'}}`;
  expect({ reqContent: upload(types('image/png, image/jpeg')) }, { reqContent: upload(types('image/png')) }, ['request-body-part-content-type-removed error']);
  expect({ reqContent: upload(types('image/png')) }, { reqContent: upload(types('image/png, image/jpeg')) }, ['request-body-part-content-type-added info']);
  expect(
    { reqContent: upload(types('image/png')) },
    { reqContent: upload(types('image/*')) },
    ['request-body-part-content-type-added info'],
    'a wildcard covers what it replaces',
  );
  // No contentType is the default by the property's type: octet-stream for binary, so naming it is no change, and narrowing it is.
  expect({ reqContent: upload('') }, { reqContent: upload(types('application/octet-stream')) }, []);
  expect({ reqContent: upload('') }, { reqContent: upload(types('image/png')) }, [
    'request-body-part-content-type-added info',
    'request-body-part-content-type-removed error',
  ]);
  const mixed = (list: string) => `{multipart/mixed: {schema: {type: object, properties: {photo: {type: string, format: binary}}}, encoding: ${types(list)}}}`;
  expect({ resContent: mixed('image/png') }, { resContent: mixed('image/png, image/webp') }, ['response-body-part-content-type-added error']);
  expect({ resContent: mixed('image/png, image/webp') }, { resContent: mixed('image/png') }, ['response-body-part-content-type-removed info']);
  const form = (encoding: string) =>
    `{application/x-www-form-urlencoded: {schema: {type: object, properties: {tags: {type: array, items: {type: string}}}}${encoding ? `, encoding: ${encoding}` : ''}}}`;
  expect({ reqContent: form('') }, { reqContent: form('{tags: {explode: false}}') }, ['request-body-part-style-changed error']);
  expect({ reqContent: form('') }, { reqContent: form('{tags: {style: form, explode: true}}') }, [], 'the default spelt out');
  // A field written name=value whatever its style: a scalar (also through anyOf), or one added or removed with its encoding.
  const stripeLike = (props: string, encoding: string) =>
    `{application/x-www-form-urlencoded: {schema: {type: object, properties: ${props}}${encoding ? `, encoding: ${encoding}` : ''}}}`;
  const deep = '{footer: {style: deepObject, explode: true}}';
  expect({ reqContent: stripeLike('{footer: {type: string}}', '') }, { reqContent: stripeLike('{footer: {type: string}}', deep) }, [], 'footer=abc either way');
  expect(
    { reqContent: stripeLike('{footer: {type: string}}', '') },
    { reqContent: stripeLike("{footer: {anyOf: [{type: string, maxLength: 500}, {type: string, enum: ['']}]}}", deep) },
    // The open string branch is what the property became, beside the "unset" value.
    ['request-property-any-of-added info', 'request-property-max-length-set warning'],
    'a string or an empty string is still one value',
  );
  expect({ reqContent: stripeLike('{footer: {type: object}, id: {type: string}}', deep) }, { reqContent: stripeLike('{id: {type: string}}', '') }, [
    'request-property-removed warning',
  ]);
  expect({ reqContent: stripeLike('{footer: {type: object}}', '') }, { reqContent: stripeLike('{footer: {type: object}}', deep) }, [
    'request-body-part-style-changed error',
  ]);
  // style and explode mean nothing in multipart bodies.
  expect({ reqContent: upload('') }, { reqContent: upload('{photo: {explode: false}}') }, []);
  const [f] = sameSetInBothFormats(diffPair(spec({ reqContent: upload(types('image/png, image/jpeg')) }), spec({ reqContent: upload(types('image/png')) })));
  assert.equal(
    f.message,
    'Part "photo" of the request body no longer accepts image/jpeg (multipart/form-data) in POST /pets/{petId}: clients that send the part as image/jpeg are rejected',
  );
});

test('allowEmptyValue taken away breaks clients that send empty values', () => {
  const p = (allow: string) => [`{name: flag, in: query${allow}, schema: {type: string}}`];
  expect({ params: p(', allowEmptyValue: true') }, { params: p('') }, ['request-parameter-allow-empty-value-removed error']);
  expect({ params: p(', allowEmptyValue: true') }, { params: p(', allowEmptyValue: false') }, ['request-parameter-allow-empty-value-removed error']);
  expect({ params: p('') }, { params: p(', allowEmptyValue: true') }, ['request-parameter-allow-empty-value-added info']);
});

test('response headers added are info', () => {
  expect({}, { resHeaders: '{X-Rate: {schema: {type: integer}}}' }, ['response-header-added info']);
});

test('operation metadata: operationId added, removed or changed and tags added or removed are news (info)', () => {
  const op = (extra: string) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:${extra}
      responses:
        '200': {description: ok}
`;
  expectRules(op(''), op('\n      operationId: listPets'), ['api-operation-id-added info']);
  expectRules(op('\n      operationId: listPets'), op(''), ['api-operation-id-removed info']);
  expectRules(op('\n      operationId: listPets'), op('\n      operationId: getPets'), ['api-operation-id-changed info']);
  expectRules(op('\n      tags: [pets]'), op('\n      tags: [pets, store]'), ['api-tag-added info']);
  expectRules(op('\n      tags: [pets, store]'), op(''), ['api-tag-removed info', 'api-tag-removed info']);
  expectRules(op('\n      tags: [pets, store]'), op('\n      tags: [store, pets]'), [], 'order does not matter');
  const removed = sameSetInBothFormats(diffPair(op('\n      operationId: listPets'), op(''))).find((f) => f.rule === 'api-operation-id-removed');
  assert.match(removed!.message, /^OperationId "listPets" was removed from GET \/pets: generated client method names change/);
});

test('info.version against a revision that breaks clients: not changed, decreased, or not a new major (oasdiff ids, reported once configured)', () => {
  const api = (version: string, withDelete: boolean) => `openapi: 3.0.3
info: {title: t, version: '${version}'}
paths:
  /pets:
    get:
      responses:
        '200': {description: ok}${withDelete ? "\n    delete:\n      responses:\n        '204': {description: gone}" : ''}
`;
  const levels = { 'api-version-not-bumped': 'error', 'api-version-decreased': 'error', 'api-major-version-not-bumped': 'warning' } as const;
  const versioning = (from: string, to: string, breaking = true, ruleLevels: Record<string, 'error' | 'warning'> = levels) =>
    sameSetInBothFormats(diffPair(api(from, true), api(to, !breaking), { ruleLevels }))
      .filter((f) => f.rule.includes('version'))
      .map((f) => `${f.rule} ${f.level}`);
  assert.deepEqual(versioning('1.4.0', '1.4.0', true, {}), [], 'a team policy: off until configured');
  assert.deepEqual(versioning('1.4.0', '1.4.0'), ['api-version-not-bumped error']);
  assert.deepEqual(versioning('1.4.0', '1.3.9'), ['api-version-decreased error']);
  assert.deepEqual(versioning('1.4.0', '1.5.0'), ['api-major-version-not-bumped warning']);
  assert.deepEqual(versioning('0.4.0', '0.4.1'), ['api-major-version-not-bumped warning'], 'in 0.x the minor is the major');
  assert.deepEqual(versioning('0.4.0', '0.5.0'), [], 'a new 0.x minor says it breaks');
  assert.deepEqual(versioning('1.4.0', '2.0.0'), [], 'a new major says it breaks (and lowers the break to info)');
  assert.deepEqual(versioning('1.4.0', '1.4.0', false), [], 'nothing breaks: nothing to say');
  assert.deepEqual(versioning('2024-01', '2024-01'), [], 'not semver: not judged');
  const f = sameSetInBothFormats(diffPair(api('1.4.0', true), api('1.4.0', false), { ruleLevels: levels })).find((x) => x.rule === 'api-version-not-bumped')!;
  assert.match(f.message, /^API version 1\.4\.0 \(info\.version\) was not changed although this revision breaks clients/);
  assert.equal(f.revision?.line, 2, 'points at info.version');
});
