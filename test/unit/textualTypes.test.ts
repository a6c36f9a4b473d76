// Where values travel as text (parameters, headers, form fields, XML, plain text, CSV), the
// text of a number or a boolean is also a valid string: integer -> string still accepts
// every request a client sent, string -> integer still gives response readers a string
// they can read. In JSON bodies the same changes break clients (42 is not "42"), and so in
// streams of JSON documents (server-sent events, NDJSON), YAML and MessagePack.
// Each case in YAML and JSON, both directions, with exact ids and levels.
import { test } from 'node:test';
import { expectRules } from '../support/engineHarness';

interface Slots {
  param?: string;
  header?: string;
  reqType?: string;
  req?: string;
  resType?: string;
  res?: string;
  components?: string;
}

function spec(s: Slots): string {
  return `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      parameters:
        - {name: limit, in: query, schema: ${s.param ?? '{type: integer}'}}
        - {name: X-Trace, in: header, schema: {type: integer}}
      requestBody:
        content:
          ${s.reqType ?? 'application/json'}:
            schema: ${s.req ?? '{type: object, properties: {age: {type: integer}}}'}
      responses:
        '200':
          description: ok
          headers:
            X-Rate-Limit: {schema: ${s.header ?? '{type: string}'}}
          content:
            ${s.resType ?? 'application/json'}:
              schema: ${s.res ?? '{type: object, properties: {age: {type: string}}}'}
${s.components ? `components:\n  schemas:\n${s.components}\n` : ''}`;
}

const expect = (base: Slots, revision: Slots, expected: string[], why?: string): void => expectRules(spec(base), spec(revision), expected, why);

test('parameters are text: integer -> string keeps every request valid, string -> integer does not', () => {
  expect({ param: '{type: integer}' }, { param: '{type: string}' }, ['request-parameter-type-compatible info']);
  expect({ param: '{type: boolean}' }, { param: '{type: string}' }, ['request-parameter-type-compatible info']);
  expect({ param: '{type: string}' }, { param: '{type: integer}' }, ['request-parameter-type-changed error']);
  expect({ param: '{type: integer}' }, { param: '{type: number}' }, ['request-parameter-type-generalized info']);
  expect({ param: '{type: integer}' }, { param: '{type: boolean}' }, ['request-parameter-type-changed error']);
  expect(
    { param: '{type: array, items: {type: integer}}' },
    { param: '{type: string}' },
    ['request-parameter-type-changed error'],
    'only scalars read as text',
  );
});

test('response headers are text: string -> integer still reads as a string, integer -> string does not', () => {
  expect({ header: '{type: string}' }, { header: '{type: integer}' }, ['response-header-type-compatible info']);
  expect({ header: '{type: integer}' }, { header: '{type: string}' }, ['response-header-type-changed error']);
});

test('form fields and plain-text bodies are text; JSON bodies are not', () => {
  const form = 'application/x-www-form-urlencoded';
  const age = (t: string) => `{type: object, properties: {age: {type: ${t}}}}`;
  expect({ reqType: form, req: age('integer') }, { reqType: form, req: age('string') }, ['request-property-type-compatible info']);
  expect({ req: age('integer') }, { req: age('string') }, ['request-property-type-changed error'], 'JSON: 42 is not "42"');
  expect({ reqType: 'text/plain', req: '{type: integer}' }, { reqType: 'text/plain', req: '{type: string}' }, ['request-body-type-compatible info']);
  expect(
    { reqType: 'application/xml', req: '{type: object}' },
    { reqType: 'application/xml', req: '{type: string}' },
    ['request-body-type-changed error'],
    'an object is no scalar: its text is not one value',
  );
  expect({ resType: 'text/plain', res: '{type: string}' }, { resType: 'text/plain', res: '{type: integer}' }, ['response-body-type-compatible info']);
  expect({ resType: 'text/plain', res: '{type: integer}' }, { resType: 'text/plain', res: '{type: string}' }, ['response-body-type-changed error']);
  expect({ resType: 'application/xml', res: age('string') }, { resType: 'application/xml', res: age('boolean') }, ['response-property-type-compatible info']);
  expect({ res: age('string') }, { res: age('boolean') }, ['response-property-type-changed error']);
});

test('streams of JSON documents, YAML and MessagePack keep their types: server-sent events are not text', () => {
  const age = (t: string) => `{type: object, properties: {age: {type: ${t}}}}`;
  for (const mediaType of ['text/event-stream', 'application/x-ndjson', 'application/jsonl', 'application/yaml', 'application/msgpack']) {
    expect({ resType: mediaType, res: age('string') }, { resType: mediaType, res: age('integer') }, ['response-property-type-changed error'], mediaType);
    expect({ reqType: mediaType, req: age('integer') }, { reqType: mediaType, req: age('string') }, ['request-property-type-changed error'], mediaType);
  }
  expect({ resType: 'text/csv', res: age('string') }, { resType: 'text/csv', res: age('integer') }, ['response-property-type-compatible info'], 'CSV is text');
});

test('one schema used by a JSON and a form body: judged for each', () => {
  const components = (t: string) => `    Pet: {type: object, properties: {age: {type: ${t}}}}`;
  const both = (t: string): string =>
    spec({ reqType: 'application/x-www-form-urlencoded', req: "{$ref: '#/components/schemas/Pet'}", components: components(t) }).replace(
      "            schema: {$ref: '#/components/schemas/Pet'}",
      "            schema: {$ref: '#/components/schemas/Pet'}\n          application/json:\n            schema: {$ref: '#/components/schemas/Pet'}",
    );
  expectRules(both('integer'), both('string'), ['request-property-type-changed error', 'request-property-type-compatible info']);
});
