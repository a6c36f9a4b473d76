// Callbacks (OpenAPI 3.x): requests the API sends to a URL the client gave it. They are
// compared like webhooks, in the direction the data travels (the API sends the request,
// the subscriber answers), each rule proven in YAML and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPair, expectRules, sameInBothFormats } from '../support/engineHarness';
import { runFix } from '../support/fixHarness';
import { toJsonText } from '../support/engineHarness';

interface Slots {
  /** The callback's request body schema (what the API sends). */
  sent?: string;
  /** The callback's 200 response schema (what the subscriber answers). */
  answer?: string;
  /** Extra keys of the declaring operation, each a line at its indentation. */
  operation?: string[];
  /** The callbacks of POST /subscriptions, as written under `callbacks:` (null: none). */
  callbacks?: string | null;
  /** Paths besides /subscriptions. */
  otherPaths?: string;
  components?: string;
}

const SENT = '{type: object, required: [id, kind], properties: {id: {type: string}, kind: {type: string, enum: [created, deleted]}}}';
const ANSWER = '{type: object, properties: {ok: {type: boolean}}}';

function callbacksOf(s: Slots): string {
  return `        onEvent:
          '{$request.body#/url}':
            post:
              requestBody:
                required: true
                content:
                  application/json:
                    schema: ${s.sent ?? SENT}
              responses:
                '200':
                  description: received
                  content:
                    application/json:
                      schema: ${s.answer ?? ANSWER}`;
}

function spec(s: Slots = {}): string {
  const callbacks = s.callbacks === null ? '' : `      callbacks:\n${s.callbacks ?? callbacksOf(s)}\n`;
  return `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /subscriptions:
    post:
${(s.operation ?? []).map((l) => `      ${l}\n`).join('')}      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {url: {type: string}}}
      responses:
        '201': {description: subscribed}
${callbacks}${s.otherPaths ?? ''}${s.components ? `components:\n${s.components}\n` : ''}`;
}

const expect = (base: Slots, revision: Slots, expected: string[], why?: string): void => expectRules(spec(base), spec(revision), expected, why);

test('what a callback sends is judged like a response: subscribers read it', () => {
  const sentWith = (required: string, values: string) =>
    `{type: object, required: [${required}], properties: {id: {type: string}, kind: {type: string, enum: [${values}]}}}`;
  expect({}, { sent: sentWith('id', 'created, deleted') }, ['response-property-became-optional error']);
  expect({}, { sent: sentWith('id, kind', 'created, deleted, moved') }, ['response-property-enum-value-added warning']);
  expect({}, { sent: sentWith('id, kind', 'created') }, ['response-property-enum-value-removed info']);
});

test('what a subscriber answers is judged like a request: the API must still accept old answers', () => {
  expect({}, { answer: '{type: object, required: [ok], properties: {ok: {type: boolean}}}' }, ['request-property-became-required error']);
  expect({}, { answer: '{type: object, properties: {ok: {type: boolean}, note: {type: string}}}' }, ['new-optional-request-property info']);
});

test('a callback removed from an operation that stays is an error; added, info; its operation removed with it is one finding', () => {
  expect({}, { callbacks: null }, ['callback-removed error']);
  expect({ callbacks: null }, {}, ['callback-added info']);
  // Another URL expression: the API calls a different address, so it is another callback.
  expect({}, { callbacks: callbacksOf({}).replace('#/url', '#/hookUrl') }, ['callback-added info', 'callback-removed error']);
  // The whole operation goes: its callback is part of that removal.
  const rev = spec().replace(/ {4}post:\n[\s\S]*$/, "    get:\n      responses:\n        '200': {description: ok}\n");
  const rules = sameInBothFormats(diffPair(spec(), rev)).map((f) => `${f.rule} ${f.level}`);
  assert.deepEqual(rules.sort(), ['api-removed-without-deprecation error', 'endpoint-added info']);
});

test('a finding inside a callback names the callback and the operation that declares it', () => {
  const [f] = sameInBothFormats(diffPair(spec(), spec({ sent: SENT.replace('[id, kind]', '[id]') })));
  assert.deepEqual(f.operations, ['callback onEvent POST of POST /subscriptions']);
  assert.match(f.message, /\(used by callback onEvent POST of POST \/subscriptions\)/);
  const [removed] = sameInBothFormats(diffPair(spec(), spec({ callbacks: null })));
  assert.equal(removed.message, 'Callback "onEvent" was removed from POST /subscriptions: clients that registered for it stop receiving its calls');
});

test('callbacks reached through components/callbacks are compared, and several URL expressions are told apart', () => {
  const components = (sent: string) => `  callbacks:
    Events:
      '{$request.body#/url}':
        post:
          requestBody:
            content:
              application/json:
                schema: ${sent}
          responses:
            '200': {description: received}`;
  const ref = "        onEvent: {$ref: '#/components/callbacks/Events'}";
  expect({ callbacks: ref, components: components(SENT) }, { callbacks: ref, components: components(SENT.replace('[id, kind]', '[id]')) }, [
    'response-property-became-optional error',
  ]);
  const two = `${callbacksOf({})}\n          '{$request.body#/backupUrl}':\n            post:\n              responses:\n                '200': {description: ok}`;
  const [f] = sameInBothFormats(diffPair(spec({ callbacks: two }), spec({})));
  assert.equal(f.rule, 'callback-removed');
  assert.match(f.message, /^Callback "onEvent \{\$request\.body#\/backupUrl\}" was removed from POST \/subscriptions/);
});

test('policies reach callbacks through the operation that declares them: stability and deprecation', () => {
  const narrowed = { sent: SENT.replace('[id, kind]', '[id]') };
  expect(
    { operation: ['x-stability-level: alpha'] },
    { ...narrowed, operation: ['x-stability-level: alpha'] },
    [],
    'an alpha operation and its callbacks are not checked',
  );
  expect(
    { operation: ['deprecated: true'] },
    { ...narrowed, operation: ['deprecated: true'] },
    ['response-property-became-optional warning'],
    'lowered: deprecated',
  );
});

test('"Restore" puts a removed callback back where it was, in YAML and JSON', () => {
  const withTwo = spec({
    callbacks: `${callbacksOf({})}\n        onClose:\n          '{$request.body#/url}':\n            post:\n              responses:\n                '200': {description: ok}`,
  });
  const withOne = spec({});
  const yaml = runFix(withTwo, withOne, 'spec.yaml', 'callback-removed', 'restore');
  assert.match(yaml.fixed, /\n {8}onClose:\n {10}'\{\$request\.body#\/url\}':\n {12}post:\n/);
  const json = runFix(toJsonText(withTwo), toJsonText(withOne), 'spec.json', 'callback-removed', 'restore');
  assert.match(json.fixed, /"onClose": \{/);
  // "Mark deprecated instead of deleting" puts it back with each of its operations deprecated.
  const deprecated = runFix(withTwo, withOne, 'spec.yaml', 'callback-removed', 'deprecate');
  assert.match(deprecated.fixed, /onClose:[\s\S]*post:\n {14}deprecated: true/);
});

test('callbacks that call themselves back, or nest shared components many times over, are modelled once and within a bound', () => {
  const loop = `  callbacks:
    Loop:
      '{$request.body#/url}':
        post:
          requestBody:
            content:
              application/json:
                schema: {type: object, required: [id], properties: {id: {type: string}}}
          responses:
            '200': {description: ok}
          callbacks:
            again: {$ref: '#/components/callbacks/Loop'}`;
  const ref = "        onEvent: {$ref: '#/components/callbacks/Loop'}";
  const r = diffPair(spec({ callbacks: ref, components: loop }), spec({ callbacks: ref, components: loop.replace('required: [id]', 'required: []') }));
  // One callback operation: the one the loop declares again is the same path item.
  assert.deepEqual(
    sameInBothFormats(r).map((f) => `${f.rule} ${f.operations.join(', ')}`),
    ['response-property-became-optional callback onEvent POST of POST /subscriptions'],
  );
  // Three levels of 30 callbacks, each naming the next level's component: 30 + 900 + 27,000 path items if nothing stopped it.
  const level = (n: number, next?: number) =>
    `    L${n}:\n      '{$request.body#/url}':\n        post:\n          responses:\n            '200': {description: ok}${
      next ? `\n          callbacks:\n${Array.from({ length: 30 }, (_, i) => `            c${i}: {$ref: '#/components/callbacks/L${next}'}`).join('\n')}` : ''
    }`;
  const components = `  callbacks:\n${level(1, 2)}\n${level(2, 3)}\n${level(3)}`;
  const fan = Array.from({ length: 30 }, (_, i) => `        c${i}: {$ref: '#/components/callbacks/L1'}`).join('\n');
  const wide = diffPair(spec({ callbacks: fan, components }), spec({ callbacks: fan, components }));
  assert.deepEqual(wide.yaml.findings, []);
  assert.ok(
    wide.yaml.problems.some((p) => /more than 5000 callback operations: the rest are not compared/.test(p.message)),
    JSON.stringify(wide.yaml.problems.map((p) => p.message)),
  );
});
