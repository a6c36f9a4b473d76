// Every rule Breakwater knows, in one table. A rule id is stable forever: users
// put ids in .breakwater.yaml and settings. Levels: error = breaking,
// warning = possibly breaking, info = not breaking (changelog only).
import type { Direction, Level } from '../types';

export interface RuleInfo {
  id: string;
  level: Level;
  direction: Direction;
  title: string;
  /** Anchor in docs/rules.md. */
  anchor: string;
}

/**
 * Rule documentation ships with the package as docs/rules.md (generated from this
 * table); callers pass where it is installed, e.g. a file: URL next to dist/.
 */
export const DOCS_FILE = 'docs/rules.md';

type Row = [id: string, level: Level, direction: Direction, title: string];

// Whole endpoints, paths, webhooks and operation-level facts.
const ENDPOINT_RULES: Row[] = [
  ['api-path-removed', 'error', 'none', 'Path removed'],
  ['api-path-removed-with-deprecation', 'info', 'none', 'Deprecated path removed'],
  ['api-removed', 'error', 'none', 'Operation removed'],
  ['api-removed-with-deprecation', 'info', 'none', 'Deprecated operation removed'],
  ['api-webhook-removed', 'error', 'none', 'Webhook removed'],
  ['api-path-added', 'info', 'none', 'Path added'],
  ['api-added', 'info', 'none', 'Operation added'],
  ['api-deprecated', 'info', 'none', 'Operation deprecated'],
  ['api-reactivated', 'info', 'none', 'Operation no longer deprecated'],
  ['api-operation-id-changed', 'info', 'none', 'operationId changed'],
  ['api-security-added', 'error', 'request', 'Authentication now required'],
  ['api-security-scheme-changed', 'warning', 'request', 'Security requirement changed'],
  ['api-security-scope-added', 'warning', 'request', 'Security scope added'],
  ['api-security-removed', 'info', 'request', 'Security requirement removed'],
];

// Deprecation policy: removing what was deprecated is fine once its sunset has passed.
const DEPRECATION_RULES: Row[] = [
  ['api-removed-before-sunset', 'error', 'none', 'Deprecated operation removed before its sunset date'],
  ['request-parameter-removed-before-sunset', 'error', 'request', 'Deprecated parameter removed before its sunset date'],
  ['request-property-removed-before-sunset', 'error', 'request', 'Deprecated request property removed before its sunset date'],
  ['response-property-removed-before-sunset', 'error', 'response', 'Deprecated response property removed before its sunset date'],
  ['api-deprecated-sunset-missing', 'error', 'none', 'Deprecated without a sunset date (policy requires one)'],
  ['api-sunset-date-too-small', 'error', 'none', 'Sunset date sooner than the minimum deprecation period'],
  ['sunset-parse-error', 'error', 'none', 'Sunset date cannot be read'],
];

// Parameters (query, path, header, cookie).
const PARAMETER_RULES: Row[] = [
  ['request-parameter-removed', 'error', 'request', 'Parameter removed'],
  ['request-parameter-removed-with-deprecation', 'info', 'request', 'Deprecated parameter removed'],
  ['new-required-request-parameter', 'error', 'request', 'New required parameter'],
  ['new-optional-request-parameter', 'info', 'request', 'New optional parameter'],
  ['request-parameter-became-required', 'error', 'request', 'Parameter became required'],
  ['request-parameter-became-optional', 'info', 'request', 'Parameter became optional'],
  ['request-parameter-default-value-changed', 'error', 'request', 'Parameter default value changed'],
  ['request-parameter-default-value-removed', 'error', 'request', 'Parameter default value removed'],
  ['request-parameter-default-value-added', 'error', 'request', 'Parameter default value added'],
  ['request-parameter-style-changed', 'error', 'request', 'Parameter serialisation (style/explode) changed'],
  ['request-parameter-deprecated', 'info', 'request', 'Parameter deprecated'],
  // Properties of object-typed parameters (other changes inside them use the request-property ids).
  ['request-parameter-property-enum-value-removed', 'error', 'request', 'Parameter property: enum value removed'],
  ['request-parameter-property-enum-value-added', 'info', 'request', 'Parameter property: enum value added'],
  ['request-parameter-property-became-not-nullable', 'error', 'request', 'Parameter property became non-nullable'],
  ['request-parameter-property-became-nullable', 'info', 'request', 'Parameter property became nullable'],
  ['request-parameter-property-type-changed', 'warning', 'request', 'Parameter property type changed (how object parameters are serialised is not specified, so the effect cannot be decided)'],
  ['request-parameter-property-type-generalized', 'info', 'request', 'Parameter property type widened'],
  ['request-parameter-property-type-specialized', 'error', 'request', 'Parameter property type narrowed'],
  ['request-header-property-became-enum', 'error', 'request', 'Property of a header parameter now restricted to an enum'],
  ['request-header-property-became-required', 'error', 'request', 'Property of a header parameter became required'],
];

// Request bodies, responses, media types, headers.
const MESSAGE_RULES: Row[] = [
  ['request-body-removed', 'error', 'request', 'Request body removed'],
  ['request-body-added-required', 'error', 'request', 'Required request body added'],
  ['request-body-added-optional', 'info', 'request', 'Optional request body added'],
  ['request-body-became-required', 'error', 'request', 'Request body became required'],
  ['request-body-became-optional', 'info', 'request', 'Request body became optional'],
  ['request-body-media-type-removed', 'error', 'request', 'Request media type removed'],
  ['request-body-media-type-added', 'info', 'request', 'Request media type added'],
  ['response-success-status-removed', 'error', 'response', 'Success response status removed'],
  ['response-non-success-status-removed', 'info', 'response', 'Error response status removed'],
  ['response-success-status-added', 'info', 'response', 'Success response status added'],
  ['response-non-success-status-added', 'info', 'response', 'Error response status added'],
  ['response-media-type-removed', 'error', 'response', 'Response media type removed'],
  ['response-media-type-added', 'info', 'response', 'Response media type added'],
  ['response-body-removed', 'error', 'response', 'Response body removed'],
  ['required-response-header-removed', 'error', 'response', 'Required response header removed'],
  ['response-header-removed', 'warning', 'response', 'Response header removed'],
  ['response-header-became-optional', 'error', 'response', 'Response header became optional'],
  ['new-required-request-header-property', 'error', 'request', 'New required property in a header parameter'],
];

/**
 * Schema-level changes, written once and expanded for each subject a schema can
 * be (request body, request property, parameter; response body, property, header).
 * Columns: change, level on the request side, level on the response side, title.
 * null = no rule on that side (the change cannot break anybody there).
 */
type SchemaRow = [change: string, request: Level | null, response: Level | null, title: string];
const SCHEMA_RULES: SchemaRow[] = [
  ['type-changed', 'error', 'error', 'Type changed'],
  ['type-generalized', 'info', 'error', 'Type widened (e.g. integer to number)'],
  ['type-narrowed', 'error', 'info', 'Type narrowed (e.g. number to integer)'],
  ['format-changed', 'warning', 'warning', 'Format changed'],
  ['format-added', 'warning', 'info', 'Format added'],
  ['format-removed', 'info', 'warning', 'Format removed'],
  ['became-nullable', 'info', 'error', 'Became nullable'],
  ['became-not-nullable', 'error', 'info', 'Became non-nullable'],
  ['enum-value-removed', 'error', 'info', 'Enum value removed'],
  ['enum-value-added', 'info', 'warning', 'Enum value added'],
  ['became-enum', 'error', 'info', 'Now restricted to an enum'],
  ['enum-removed', 'info', 'warning', 'Enum restriction removed'],
  ['const-added', 'error', 'info', 'const added'],
  ['const-changed', 'error', 'error', 'const changed'],
  ['const-removed', 'info', 'error', 'const removed'],
  ['pattern-added', 'error', 'info', 'Pattern added'],
  ['pattern-changed', 'warning', 'warning', 'Pattern changed'],
  ['pattern-removed', 'info', 'warning', 'Pattern removed'],
  ['max-decreased', 'error', 'info', 'Maximum decreased'],
  ['max-increased', 'info', 'error', 'Maximum increased'],
  ['max-set', 'warning', 'info', 'Maximum added'],
  ['max-unset', 'info', 'error', 'Maximum removed'],
  ['min-increased', 'error', 'info', 'Minimum increased'],
  ['min-decreased', 'info', 'error', 'Minimum decreased'],
  ['min-set', 'warning', 'info', 'Minimum added'],
  ['min-unset', 'info', 'error', 'Minimum removed'],
  ['exclusive-max-decreased', 'error', 'info', 'Exclusive maximum decreased'],
  ['exclusive-max-increased', 'info', 'error', 'Exclusive maximum increased'],
  ['exclusive-max-set', 'warning', 'info', 'Exclusive maximum added'],
  ['exclusive-max-unset', 'info', 'error', 'Exclusive maximum removed'],
  ['exclusive-min-increased', 'error', 'info', 'Exclusive minimum increased'],
  ['exclusive-min-decreased', 'info', 'error', 'Exclusive minimum decreased'],
  ['exclusive-min-set', 'warning', 'info', 'Exclusive minimum added'],
  ['exclusive-min-unset', 'info', 'error', 'Exclusive minimum removed'],
  ['multiple-of-set', 'warning', 'info', 'multipleOf added'],
  ['multiple-of-unset', 'info', 'error', 'multipleOf removed'],
  ['multiple-of-narrowed', 'error', 'info', 'multipleOf changed to a multiple of itself (fewer values allowed)'],
  ['multiple-of-widened', 'info', 'error', 'multipleOf changed to a divisor of itself (more values allowed)'],
  ['multiple-of-changed', 'warning', 'warning', 'multipleOf changed (some values allowed before are not, and the reverse)'],
  ['max-length-decreased', 'error', 'info', 'maxLength decreased'],
  ['max-length-increased', 'info', 'error', 'maxLength increased'],
  ['max-length-set', 'warning', 'info', 'maxLength added'],
  ['max-length-unset', 'info', 'error', 'maxLength removed'],
  ['min-length-increased', 'error', 'info', 'minLength increased'],
  ['min-length-decreased', 'info', 'error', 'minLength decreased'],
  ['min-length-set', 'warning', 'info', 'minLength added'],
  ['min-length-unset', 'info', 'error', 'minLength removed'],
  ['max-items-decreased', 'error', 'info', 'maxItems decreased'],
  ['max-items-increased', 'info', 'error', 'maxItems increased'],
  ['max-items-set', 'warning', 'info', 'maxItems added'],
  ['max-items-unset', 'info', 'error', 'maxItems removed'],
  ['min-items-increased', 'error', 'info', 'minItems increased'],
  ['min-items-decreased', 'info', 'error', 'minItems decreased'],
  ['min-items-set', 'warning', 'info', 'minItems added'],
  ['min-items-unset', 'info', 'error', 'minItems removed'],
  ['max-properties-decreased', 'error', 'info', 'maxProperties decreased'],
  ['max-properties-increased', 'info', 'error', 'maxProperties increased'],
  ['max-properties-set', 'warning', 'info', 'maxProperties added'],
  ['max-properties-unset', 'info', 'error', 'maxProperties removed'],
  ['min-properties-increased', 'error', 'info', 'minProperties increased'],
  ['min-properties-decreased', 'info', 'error', 'minProperties decreased'],
  ['min-properties-set', 'warning', 'info', 'minProperties added'],
  ['min-properties-unset', 'info', 'error', 'minProperties removed'],
  ['one-of-added', 'info', 'error', 'oneOf branch added'],
  ['one-of-removed', 'error', 'info', 'oneOf branch removed'],
  ['any-of-added', 'info', 'info', 'anyOf branch added'],
  ['any-of-removed', 'error', 'info', 'anyOf branch removed'],
  ['all-of-added', 'error', 'info', 'allOf branch added'],
  ['all-of-removed', 'warning', 'info', 'allOf branch removed'],
  ['additional-properties-tightened', 'error', 'info', 'additionalProperties tightened'],
  ['additional-properties-loosened', 'info', 'warning', 'additionalProperties loosened'],
  ['default-value-changed', 'info', 'info', 'Default value changed'],
  ['became-read-only', 'error', 'info', 'Became readOnly'],
  ['became-write-only', 'info', 'error', 'Became writeOnly'],
  ['read-only-removed', 'info', 'warning', 'readOnly removed'],
  ['write-only-removed', 'warning', 'info', 'writeOnly removed'],
  // contentMediaType / contentEncoding / contentSchema (3.1): how a string carries embedded content.
  ['content-media-type-changed', 'error', 'error', 'contentMediaType changed (the embedded content is of another kind)'],
  ['content-encoding-changed', 'error', 'error', 'contentEncoding changed (the string is encoded another way)'],
  ['content-schema-added', 'error', 'info', 'contentSchema added (embedded content now constrained)'],
  ['content-schema-removed', 'info', 'error', 'contentSchema removed (embedded content no longer promised)'],
  // x-extensible-enum (Zalando): an open list; only removing a value a client may send breaks it.
  ['x-extensible-enum-value-removed', 'error', null, 'x-extensible-enum value removed'],
  // discriminator: a hint for choosing the branch; oneOf/anyOf decide what is valid, so not breaking by itself.
  ['discriminator-added', 'info', 'info', 'Discriminator added'],
  ['discriminator-removed', 'info', 'info', 'Discriminator removed'],
  ['discriminator-property-name-changed', 'info', 'info', 'Discriminator property name changed'],
  ['discriminator-mapping-added', 'info', 'info', 'Discriminator mapping added'],
  ['discriminator-mapping-deleted', 'info', 'info', 'Discriminator mapping removed'],
  ['discriminator-mapping-changed', 'info', 'info', 'Discriminator mapping changed'],
  // A schema that became one branch of a oneOf beside others. Request: warning, old values stay valid
  // unless they also match another branch (oneOf wants exactly one); response: clients may get the other shapes.
  ['wrapped-in-one-of', 'warning', 'error', 'Schema wrapped into a oneOf with other branches'],
];

// Properties of object schemas (the subject is always "property").
const PROPERTY_RULES: Row[] = [
  ['request-property-removed', 'warning', 'request', 'Request property removed'],
  ['request-property-removed-with-deprecation', 'info', 'request', 'Deprecated request property removed'],
  ['new-required-request-property', 'error', 'request', 'New required request property'],
  ['new-optional-request-property', 'info', 'request', 'New optional request property'],
  ['request-property-became-required', 'error', 'request', 'Request property became required'],
  ['request-property-became-optional', 'info', 'request', 'Request property became optional'],
  ['response-required-property-removed', 'error', 'response', 'Required response property removed'],
  ['response-optional-property-removed', 'warning', 'response', 'Optional response property removed'],
  ['response-property-removed-with-deprecation', 'info', 'response', 'Deprecated response property removed'],
  ['response-property-became-optional', 'error', 'response', 'Response property became optional'],
  ['response-property-became-required', 'info', 'response', 'Response property became required'],
  ['new-required-response-property', 'info', 'response', 'New required response property'],
  ['new-optional-response-property', 'info', 'response', 'New optional response property'],
  ['new-required-request-property-with-default', 'error', 'request', 'New required request property with a default (a default does not make omitting a required property valid)'],
  ['request-property-became-required-with-default', 'error', 'request', 'Request property with a default became required (the default does not make omitting it valid)'],
];

// readOnly / writeOnly of named properties, judged by the direction the property travels in: a readOnly
// property is not sent in requests, a writeOnly one is not returned in responses.
const ACCESS_RULES: Row[] = [
  ['request-required-property-became-read-only', 'info', 'request', 'Required request property became readOnly (clients need no longer send it)'],
  ['request-optional-property-became-read-only', 'info', 'request', 'Optional request property became readOnly (servers ignore it in requests)'],
  ['request-required-property-became-not-read-only', 'error', 'request', 'Required property no longer readOnly: clients that never sent it (the server set it) must now send it'],
  ['request-optional-property-became-not-read-only', 'info', 'request', 'Optional property no longer readOnly (clients may now send it)'],
  ['request-required-property-became-write-only', 'info', 'request', 'Required request property became writeOnly (still sent in requests)'],
  ['request-optional-property-became-write-only', 'info', 'request', 'Optional request property became writeOnly (still sent in requests)'],
  ['request-required-property-became-not-write-only', 'info', 'request', 'Required request property no longer writeOnly (still sent in requests)'],
  ['request-optional-property-became-not-write-only', 'info', 'request', 'Optional request property no longer writeOnly (still sent in requests)'],
  ['response-required-property-became-read-only', 'info', 'response', 'Required response property became readOnly (still returned)'],
  ['response-optional-property-became-read-only', 'info', 'response', 'Optional response property became readOnly (still returned)'],
  ['response-required-property-became-not-read-only', 'info', 'response', 'Required response property no longer readOnly (still returned; breaks nobody)'],
  ['response-optional-property-became-not-read-only', 'info', 'response', 'Optional response property no longer readOnly (still returned; breaks nobody)'],
  ['response-required-property-became-write-only', 'error', 'response', 'Required response property became writeOnly: it is no longer returned, clients that read it break'],
  ['response-optional-property-became-write-only', 'warning', 'response', 'Optional response property became writeOnly: it is no longer returned (like removing an optional property)'],
  ['response-required-property-became-not-write-only', 'warning', 'response', 'Required property no longer writeOnly: responses now carry it (a value that was only ever written, perhaps a secret)'],
  ['response-optional-property-became-not-write-only', 'info', 'response', 'Optional property no longer writeOnly: responses may now carry it'],
];

/**
 * What a compared schema is: a body, a property (or items, branches... inside one), a
 * parameter (`header-parameter`: one sent in a header), a response header, or something
 * inside an object-typed parameter (`parameter-property`, `header-property`).
 */
export type SchemaSubject = 'body' | 'property' | 'parameter' | 'header' | 'header-parameter' | 'parameter-property' | 'header-property';
type ExpandedSubject = 'body' | 'property' | 'parameter' | 'header';
const SUBJECTS: ExpandedSubject[] = ['body', 'property', 'parameter', 'header'];

/** Explicit rows win: parameter defaults, for instance, break requests although body defaults do not. */
function expandSchemaRows(explicit: Row[]): Row[] {
  const taken = new Set(explicit.map((r) => r[0]));
  const rows: Row[] = [];
  for (const [change, req, res, title] of SCHEMA_RULES) {
    for (const subject of SUBJECTS) {
      const reqId = `request-${subject}-${change}`;
      const resId = `response-${subject}-${change}`;
      if (req && subject !== 'header' && !taken.has(reqId)) rows.push([reqId, req, 'request', `Request ${subject}: ${title}`]);
      if (res && subject !== 'parameter' && !taken.has(resId)) rows.push([resId, res, 'response', `Response ${subject}: ${title}`]);
    }
  }
  return rows;
}

function toInfo([id, level, direction, title]: Row): RuleInfo {
  return { id, level, direction, title, anchor: id };
}

const EXPLICIT_RULES: Row[] = [...ENDPOINT_RULES, ...DEPRECATION_RULES, ...PARAMETER_RULES, ...MESSAGE_RULES, ...PROPERTY_RULES, ...ACCESS_RULES];

export const RULES: readonly RuleInfo[] = [...EXPLICIT_RULES, ...expandSchemaRows(EXPLICIT_RULES)].map(toInfo);

const BY_ID = new Map<string, RuleInfo>();
for (const r of RULES) {
  if (BY_ID.has(r.id)) throw new Error(`rule id ${r.id} is defined twice`);
  BY_ID.set(r.id, r);
}

export function ruleInfo(id: string): RuleInfo {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown rule id ${id}`);
  return r;
}

export function hasRule(id: string): boolean {
  return BY_ID.has(id);
}

/** The catalogue's word for a change where Breakwater's own differs (tried for ids that only exist in the catalogue's spelling). */
const CATALOGUE_CHANGE: Record<string, string> = { 'type-narrowed': 'type-specialized' };

/**
 * Rule id for a schema-level change seen through a subject, e.g. ("request", "property", "enum-value-removed").
 * Inside object-typed parameters the most specific id that exists wins (request-header-property-*, then
 * request-parameter-property-*), else the request-property-* id.
 */
export function schemaRuleId(direction: 'request' | 'response', subject: SchemaSubject, change: string): string {
  if (direction === 'response') {
    const s = subject === 'body' || subject === 'header' ? subject : 'property'; // a webhook's parameters read like properties
    return `response-${s}-${change}`;
  }
  if (subject === 'parameter-property' || subject === 'header-property') {
    const alt = CATALOGUE_CHANGE[change];
    for (const prefix of subject === 'header-property' ? HEADER_PROPERTY_PREFIXES : PARAMETER_PROPERTY_PREFIXES) {
      if (BY_ID.has(`${prefix}${change}`)) return `${prefix}${change}`;
      if (alt && BY_ID.has(`${prefix}${alt}`)) return `${prefix}${alt}`;
    }
    return `request-property-${change}`;
  }
  return `request-${subject === 'header' || subject === 'header-parameter' ? 'parameter' : subject}-${change}`;
}
const PARAMETER_PROPERTY_PREFIXES = ['request-parameter-property-'];
const HEADER_PROPERTY_PREFIXES = ['request-header-property-', 'request-parameter-property-'];

/** Link to a rule's section in the rules document at `docsUrl` (e.g. file:///…/docs/rules.md). */
export function ruleDocUrl(id: string, docsUrl: string): string {
  return `${docsUrl}#${ruleInfo(id).anchor}`;
}

const LEVEL_WORDS: Record<Level, string> = { error: 'breaking', warning: 'possibly breaking', info: 'not breaking' };

/** docs/rules.md, generated from the table so the two never disagree. */
export function rulesMarkdown(): string {
  const out = [
    '# Breakwater rules',
    '',
    'Generated from `server/src/engine/rules/registry.ts` (`npm run docs`). Levels: `error` = breaking, `warning` = possibly breaking, `info` = not breaking (changelog). Change a level in `.breakwater.yaml` (`rules: {rule-id: error|warning|info|off}`) or in the `breakwater.rules` setting.',
    '',
    '| rule | level | direction | what it means |',
    '| --- | --- | --- | --- |',
  ];
  for (const r of RULES) out.push(`| <a id="${r.anchor}"></a>\`${r.id}\` | ${r.level} (${LEVEL_WORDS[r.level]}) | ${r.direction} | ${r.title} |`);
  return out.join('\n') + '\n';
}
