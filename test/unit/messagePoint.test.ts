// The Problems panel cuts a message at about 70 characters: whatever the user needs to
// know (which element, what happened to it) must come before that. Every rule's message
// is rendered for its example with a long, real-looking operation (Stripe's paths are
// longer than /pets), so a template that names the operation before saying what
// happened fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, sampleMessage } from '../../server/src/engine/index';

const PANEL_WIDTH = 70;
const LONG = { operation: 'GET /v1/customers/{customer}/payment_methods', path: '/v1/customers/{customer}/payment_methods' };
/** What happened, in the words the templates use. */
const HAPPENED =
  /\b(removed|added|deleted|changed|became|no longer|now|deprecated|lowered|raised|moved|renamed|decreased|increased|narrowed|widened|restricted|invalid|must|has a new)\b/i;
/** Openings that postpone the point. */
const FILLER = /^(the change|this|it|there|note|warning|breaking|possibly|a change|change:)\b/i;

test('every rule message says what happened within the first 70 characters, and starts with no filler', () => {
  const late: string[] = [];
  let checked = 0;
  for (const r of RULES) {
    if (!r.message) continue; // policy-only rules keep the message of the change they replace
    checked++;
    const message = sampleMessage(r.id, LONG);
    const head = message.slice(0, PANEL_WIDTH);
    assert.doesNotMatch(message, FILLER, `${r.id} starts with filler: ${message}`);
    if (!HAPPENED.test(head)) late.push(`${r.id}: "${head}|${message.slice(PANEL_WIDTH)}"`);
  }
  assert.ok(checked > 400, `${checked} messages checked`);
  assert.deepEqual(late, [], `what happened comes after the first ${PANEL_WIDTH} characters:\n${late.join('\n')}`);
});

test('the element a message is about is named within the first 70 characters', () => {
  const late: string[] = [];
  for (const r of RULES) {
    // The first value a template names is its subject: a parameter, a property, a path, an operation...
    const first = r.message && /\{(\w+)\}/.exec(r.message)?.[1];
    if (!first) continue;
    // ... given a 20-character stand-in unless it is the long operation or path, whose start must show.
    const subject = first in LONG ? LONG[first as keyof typeof LONG].slice(0, 20) : '<20-character name>';
    const message = sampleMessage(r.id, { ...LONG, ...(first in LONG ? {} : { [first]: subject }) });
    if (!message.slice(0, PANEL_WIDTH).includes(subject)) late.push(`${r.id}: "${message}"`);
  }
  assert.deepEqual(late, [], `the subject comes after the first ${PANEL_WIDTH} characters:\n${late.join('\n')}`);
});

test('messages read naturally where the Problems panel cuts them', () => {
  assert.equal(
    sampleMessage('request-parameter-became-required', LONG),
    `Query parameter "limit" became required in ${LONG.operation}: clients that omit it are rejected`,
  );
  assert.match(sampleMessage('api-path-removed-without-deprecation'), /^Path \/pets was removed with its operation GET: /);
  assert.match(sampleMessage('response-header-became-optional', LONG), /^Response header "X-Rate-Limit" became optional in the 200 response of /);
  assert.match(sampleMessage('sunset-deleted', LONG), /^Sunset date \S+ was deleted from GET /);
});
