// Every rule Breakwater knows, in one table: the only place that knows a rule's
// facts. A rule id is stable forever: users put ids in .breakwater.yaml and
// settings. Levels: error = breaking, warning = possibly breaking, info = not
// breaking (changelog only).
//
// HOW TO ADD A RULE
// 1. Add a row to the table of its family below. The key is the id: use the id of
//    ../shared rule-catalogue.md for the same change (teams moving from oasdiff keep
//    their overrides). The id becomes part of the `RuleId` type, so emitting a
//    misspelt id does not compile.
// 2. Fill the row: level, direction, what happens to which element (action,
//    element), a title (docs/rules.md), a message template and, for anything
//    above info, a who-breaks sentence: one short sentence naming the clients
//    that break and why ("clients that still send X are rejected", "clients that
//    read X get nothing"). Templates name their parameters in braces, `{name}`;
//    the diff passes them: `ctx.emit({ rule, params: { name }, base, revision })`.
//    The finding's message is `<template>: <who breaks>`; put the element and what
//    happened first, where it is long the operation last (the Problems panel shows
//    about 70 characters; test/unit/messagePoint.test.ts checks every rule). `was`
//    says what the base had when action and element say it badly.
// 3. Link its variants when it has them (`deprecated`: the id used instead when
//    the element was deprecated in the base; `beforeSunset`, `sunsetParse`), and
//    the quick fix (`fix`) that undoes it.
// 4. A schema keyword change is written once in SCHEMA_CHANGES and expanded for
//    each subject (request body/property/parameter, response body/property/header).
// 5. Renaming an id: keep the old one in `formerly`; config and settings naming it
//    keep working and the fingerprint (accepted changes) stays the same.
// 6. `npm run docs` regenerates docs/rules.md; add a YAML+JSON fixture test. A new schema
//    change also needs its before/after keyword in explain.ts SCHEMA_EXAMPLES (a test says so).
import type { Direction, FixHint, Level } from '../types';

/** What happened to the element. */
export type RuleAction = 'removed' | 'added' | 'changed';
/** The kind of spec element a rule is about (fixes and messages pick their wording by it). */
export type RuleElement =
  | 'path'
  | 'webhook'
  | 'callback'
  | 'operation'
  | 'parameter'
  | 'header'
  | 'request-body'
  | 'response-body'
  | 'media-type'
  | 'status'
  | 'property'
  | 'schema'
  | 'enum-value'
  | 'security'
  | 'sunset'
  | 'stability'
  | 'version';
export type FixKind = FixHint['kind'];
/** Named values a message template is filled with. */
export type MessageParams = Readonly<Record<string, string | number>>;

interface Row {
  level: Level;
  direction: Direction;
  action: RuleAction;
  element: RuleElement;
  title: string;
  /** What changed, e.g. `property "{name}" was removed from {container}`. Absent for rules only a policy produces (they keep the change's message). */
  message?: string;
  /** Who breaks and why, one short sentence (rules above info). */
  breaks?: string;
  /** What the base had, where the finding links to it ("the parameter was optional"); else said from action and element (baseNote). */
  was?: string;
  fix?: FixKind;
  /** The rule used instead when the removed element was deprecated in the base. */
  deprecated?: string;
  /** A deprecated element removed before its sunset date. */
  beforeSunset?: string;
  /** The sunset date of the deprecated element cannot be read. */
  sunsetParse?: string;
  /** Deprecated without a sunset date while a grace period (deprecation days) applies. */
  sunsetMissing?: string;
  /** Deprecated with a sunset date closer than the grace period. */
  sunsetTooSmall?: string;
  /** The rule this one stands for on a property clients do not see in its direction (readOnly in a request, writeOnly in a response). */
  offWireFor?: string;
  /** Former ids of this rule; the first one stays in fingerprints so accepted changes keep matching. */
  formerly?: readonly string[];
  /** Reported only when .breakwater.yaml or the settings give it a level (a team policy, not a fact about clients). */
  optIn?: boolean;
  /** Level and who-breaks sentence (none: nobody breaks) in a circumstance that changes the verdict. */
  when?: Partial<Record<Circumstance, { level: Level; breaks?: string }>>;
}

/**
 * What can change a rule's verdict for one change: `closed-schema`, the schema that held a removed
 * property admits no others (or, for a property added to a response, the base's admitted no others); `closed-body`, the request
 * body it sits in closes at its top, read as its server rejecting undeclared properties throughout the body (policies.unknownProperties:
 * closed-bodies, the default); `strict-server`, the team says its server rejects undeclared properties
 * anyway (policies.unknownProperties: rejected); `webhook`, the operation is a webhook or a callback, so the API
 * sends the request (its parameters and body reach subscribers) and the subscriber answers;
 * `overlapping-branches`, every value the base accepted is accepted by two or more branches of
 * the oneOf it became (so oneOf, which wants exactly one, rejects them all); `new-properties-only`,
 * an added allOf branch only declares optional properties the schema did not name (at any depth),
 * which, like any new optional property, constrains nothing clients sent; `values-kept`, every value a
 * removed oneOf/anyOf branch accepted is still accepted by what the schema became (Stripe's "unset"
 * `enum: ['']` dropped beside an open string, a branch of the same shape as one that stays), or every
 * value a request enum lists meets the bound or pattern added beside it, or a dependentRequired list only
 * lost names (requests) or only gained them (responses); `branch-kept`, a removed allOf
 * branch still holds for every value the revision accepts (its declarations moved, e.g. inlined).
 */
export type Circumstance =
  | 'closed-schema'
  | 'closed-body'
  | 'strict-server'
  | 'webhook'
  | 'read-only'
  | 'write-only'
  | 'overlapping-branches'
  | 'new-properties-only'
  | 'values-kept'
  | 'branch-kept';

const NOT_SENT = 'clients do not send it (readOnly)';
const NOT_RETURNED = 'clients never get it (writeOnly)';

/**
 * Circumstances that give every rule the same verdict, so no row repeats them: a change inside a
 * property clients do not see in that direction (`read-only`: a readOnly property of a request,
 * `write-only`: a writeOnly property of a response) breaks nobody. Rows with a catalogue id of
 * their own for it link it with `offWireFor`.
 */
const EVERY_RULE_WHEN: Partial<Record<Circumstance, { level: Level; breaks?: string }>> = {
  'read-only': { level: 'info', breaks: NOT_SENT },
  'write-only': { level: 'info', breaks: NOT_RETURNED },
};

export interface RuleInfo extends Readonly<Row> {
  id: RuleId;
  /** Anchor in docs/rules.md. */
  anchor: string;
}

/**
 * Rule documentation ships with the package as docs/rules.md (generated from this
 * table); callers pass where it is installed, e.g. a file: URL next to dist/.
 */
export const DOCS_FILE = 'docs/rules.md';

type Extra = Pick<
  Row,
  'breaks' | 'was' | 'fix' | 'deprecated' | 'beforeSunset' | 'sunsetParse' | 'sunsetMissing' | 'sunsetTooSmall' | 'formerly' | 'when' | 'optIn' | 'offWireFor'
>;

/** A table row: level, direction, action, element, title, message template, then the optional facts. */
function row(level: Level, direction: Direction, action: RuleAction, element: RuleElement, title: string, message: string | undefined, extra: Extra = {}): Row {
  return { level, direction, action, element, title, message, ...extra };
}

const CALLERS_FAIL = 'clients calling it get errors';
/** What the grace-period policy turns a deprecation into (policies.ts judges the sunset date). */
const API_SUNSET_POLICY = {
  sunsetMissing: 'api-deprecated-sunset-missing',
  sunsetTooSmall: 'api-sunset-date-too-small',
  sunsetParse: 'api-deprecated-sunset-parse',
};
const PARAMETER_SUNSET_POLICY = {
  sunsetMissing: 'request-parameter-deprecated-sunset-missing',
  sunsetTooSmall: 'request-parameter-sunset-date-too-small',
  sunsetParse: 'request-parameter-sunset-parse',
};
const LESS_TIME = 'clients get less time to move off it than was announced';
const DATE_LOST = 'clients lose the announced date they plan their move by';

// Components: what no operation's comparison sees (a change inside a component is reported where operations use it).
const COMPONENT_RULES = {
  'api-schema-removed': row('info', 'none', 'removed', 'schema', 'Component schema removed', 'schema {name} was removed from {where}', {
    was: 'the removed schema',
  }),
};

// Whole endpoints, paths, webhooks and operation-level facts.
const ENDPOINT_RULES = {
  'api-path-removed-without-deprecation': row('error', 'none', 'removed', 'path', 'Path removed without deprecation', 'path {path} was removed{operations}', {
    breaks: CALLERS_FAIL,
    fix: 'removed-node',
    deprecated: 'api-path-removed-with-deprecation',
    formerly: ['api-path-removed'],
  }),
  'api-path-removed-with-deprecation': row(
    'info',
    'none',
    'removed',
    'path',
    'Deprecated path removed',
    'path {path} was removed{operations} (it was deprecated)',
    { fix: 'removed-node', beforeSunset: 'api-path-removed-before-sunset', sunsetParse: 'api-path-sunset-parse' },
  ),
  'api-removed-without-deprecation': row(
    'error',
    'none',
    'removed',
    'operation',
    'Operation removed without deprecation',
    'operation {operation} was removed',
    { breaks: CALLERS_FAIL, fix: 'removed-node', deprecated: 'api-removed-with-deprecation', formerly: ['api-removed'] },
  ),
  'api-removed-with-deprecation': row(
    'info',
    'none',
    'removed',
    'operation',
    'Deprecated operation removed',
    'operation {operation} was removed (it was deprecated)',
    { fix: 'removed-node', beforeSunset: 'api-removed-before-sunset', sunsetParse: 'api-path-sunset-parse' },
  ),
  // Not from a diff: `breakwater check` with no file reports a spec of the repository deleted or renamed away.
  'api-spec-removed': row('error', 'none', 'removed', 'path', 'Spec removed', 'spec {spec} ({base}) was {how}', {
    breaks: 'every operation it described is gone for its clients',
    was: 'the removed spec',
  }),
  'webhook-removed': row('error', 'none', 'removed', 'webhook', 'Webhook removed', 'webhook "{path}" was removed', {
    breaks: 'subscribers relying on it stop receiving events',
    fix: 'removed-node',
    formerly: ['api-webhook-removed'],
  }),
  'webhook-added': row('info', 'none', 'added', 'webhook', 'Webhook added', 'webhook "{path}" was added'),
  // Callbacks (3.x): requests the API sends to a URL the client gave it. Compared like webhooks.
  'callback-removed': row('error', 'none', 'removed', 'callback', 'Callback removed', 'callback "{path}" was removed from {operation}', {
    breaks: 'clients that registered for it stop receiving its calls',
    fix: 'removed-node',
  }),
  'callback-added': row('info', 'none', 'added', 'callback', 'Callback added', 'callback "{path}" was added to {operation}'),
  'api-path-added': row('info', 'none', 'added', 'path', 'Path added', 'path {path} was added'),
  'endpoint-added': row('info', 'none', 'added', 'operation', 'Operation added', 'operation {operation} was added', { formerly: ['api-added'] }),
  'endpoint-deprecated': row('info', 'none', 'changed', 'operation', 'Operation deprecated', 'operation {operation} was deprecated', {
    formerly: ['api-deprecated'],
    ...API_SUNSET_POLICY,
  }),
  'endpoint-deprecated-with-sunset': row(
    'info',
    'none',
    'changed',
    'operation',
    'Operation deprecated with a sunset date',
    'operation {operation} was deprecated (sunset {to})',
    API_SUNSET_POLICY,
  ),
  'endpoint-reactivated': row('info', 'none', 'changed', 'operation', 'Operation no longer deprecated', 'operation {operation} is no longer deprecated', {
    formerly: ['api-reactivated'],
  }),
  'api-operation-id-changed': row('info', 'none', 'changed', 'operation', 'operationId changed', 'operationId of {operation} changed from "{from}" to "{to}"', {
    breaks: 'generated client method names change',
  }),
  'api-operation-id-added': row('info', 'none', 'added', 'operation', 'operationId added', 'operationId "{to}" was added to {operation}'),
  'api-operation-id-removed': row('info', 'none', 'removed', 'operation', 'operationId removed', 'operationId "{from}" was removed from {operation}', {
    breaks: 'generated client method names change',
  }),
  // Whole-spec: info.version against a revision that breaks clients (versioning.ts). A team policy, so
  // reported only once .breakwater.yaml gives it a level (e.g. `api-major-version-not-bumped: error` in CI).
  'api-version-not-bumped': row(
    'info',
    'none',
    'changed',
    'version',
    'info.version not changed although the revision has breaking changes',
    'API version {to} (info.version) was not changed although this revision breaks clients',
    { was: 'the version in the base', optIn: true },
  ),
  'api-version-decreased': row(
    'info',
    'none',
    'changed',
    'version',
    'info.version decreased',
    'API version (info.version) decreased from {from} to {to} in a revision that breaks clients',
    { was: 'the version in the base', optIn: true },
  ),
  'api-major-version-not-bumped': row(
    'info',
    'none',
    'changed',
    'version',
    'info.version changed without a new major version although the revision has breaking changes',
    'API version (info.version) changed from {from} to {to}, not to a new major, although this revision breaks clients',
    { was: 'the version in the base', optIn: true },
  ),
  'api-tag-added': row('info', 'none', 'added', 'operation', 'Operation tag added', 'tag "{value}" was added to {operation}'),
  'api-tag-removed': row('info', 'none', 'removed', 'operation', 'Operation tag removed', 'tag "{value}" was removed from {operation}', {
    breaks: 'generated clients may group the operation elsewhere',
  }),
};

// Security, graded by what a client holding the credentials of one old alternative experiences (oasdiff
// reports all of these as info): it must still be let in, so anything more it must present is an error.
// `{operation}` is the operation, or "the global security requirement" for operations that inherit it.
const REJECTED = 'clients without it are rejected';
const OLD_URL = 'clients configured with the old URL fail if it no longer works; the spec cannot tell';
const SECURITY_RULES = {
  'api-security-added': row(
    'error',
    'request',
    'added',
    'security',
    'Authentication now required (the operation was open)',
    '{operation} now requires authentication ({schemes})',
    { breaks: 'anonymous clients are rejected' },
  ),
  'api-security-removed': row('info', 'request', 'removed', 'security', 'Authentication no longer required', '{operation} no longer requires authentication'),
  'api-security-scheme-changed': row(
    'error',
    'request',
    'changed',
    'security',
    'A way to authenticate is gone (no alternative with its schemes is left)',
    '{operation} no longer accepts authentication by {schemes}',
    { breaks: 'clients that authenticate that way are rejected' },
  ),
  'api-security-scheme-added': row(
    'error',
    'request',
    'added',
    'security',
    'Scheme added to a security requirement (AND): clients must present it too',
    '{operation} now also requires {scheme} together with {schemes}',
    { breaks: REJECTED },
  ),
  'api-security-scheme-removed': row(
    'info',
    'request',
    'removed',
    'security',
    'Scheme dropped from a security requirement (AND): asks for less',
    '{operation} no longer needs {scheme} together with {schemes}',
  ),
  'api-security-alternative-added': row(
    'info',
    'request',
    'added',
    'security',
    'Another way to authenticate accepted (alternative added)',
    '{operation} now also accepts authentication by {schemes}',
  ),
  'api-security-scope-added': row(
    'error',
    'request',
    'added',
    'security',
    'Security scope now required (oasdiff: info)',
    '{operation} now needs {scopes} for {scheme}',
    { breaks: 'tokens without it are rejected' },
  ),
  'api-security-scope-removed': row(
    'info',
    'request',
    'removed',
    'security',
    'Security scope no longer required',
    '{operation} no longer needs {scopes} for {scheme}',
  ),
  'api-global-security-added': row(
    'error',
    'request',
    'added',
    'security',
    'Global security now required (operations inheriting it were open)',
    '{operation} now requires authentication ({schemes})',
    { breaks: 'anonymous clients are rejected' },
  ),
  'api-global-security-removed': row(
    'info',
    'request',
    'removed',
    'security',
    'Global security requirement removed',
    '{operation} no longer requires authentication',
  ),
  'api-global-security-scope-added': row(
    'error',
    'request',
    'added',
    'security',
    'Scope now required by the global security requirement',
    '{operation} now needs {scopes} for {scheme}',
    { breaks: 'tokens without it are rejected' },
  ),
  'api-global-security-scope-removed': row(
    'info',
    'request',
    'removed',
    'security',
    'Scope no longer required by the global security requirement',
    '{operation} no longer needs {scopes} for {scheme}',
  ),
  // The definition of a security scheme under the same name (components/securitySchemes, 2.0 securityDefinitions).
  'api-security-component-added': row('info', 'request', 'added', 'security', 'Security scheme added', 'security scheme "{name}" was added'),
  'api-security-component-removed': row(
    'info',
    'request',
    'removed',
    'security',
    'Security scheme removed (operations that required it are reported themselves)',
    'security scheme "{name}" was removed',
  ),
  'api-security-component-type-changed': row(
    'error',
    'request',
    'changed',
    'security',
    'Security scheme type changed (e.g. http to apiKey)',
    'security scheme "{name}" changed type from {from} to {to}',
    { breaks: 'clients authenticate the old way and are rejected' },
  ),
  'api-security-component-in-changed': row(
    'error',
    'request',
    'changed',
    'security',
    'API key moved (header, query, cookie)',
    'security scheme "{name}" moved its API key from {from} to {to}',
    { breaks: 'clients send the key where it was and are rejected' },
  ),
  'api-security-component-name-changed': row(
    'error',
    'request',
    'changed',
    'security',
    'API key renamed',
    'security scheme "{name}" renamed its API key from {from} to {to}',
    { breaks: 'clients send the key under the old name and are rejected' },
  ),
  'api-security-component-scheme-changed': row(
    'error',
    'request',
    'changed',
    'security',
    'HTTP authentication scheme changed (e.g. basic to bearer)',
    'security scheme "{name}" changed its HTTP scheme from {from} to {to}',
    { breaks: 'clients authenticate with the old scheme and are rejected' },
  ),
  'api-security-component-bearer-format-changed': row(
    'warning',
    'request',
    'changed',
    'security',
    'Bearer token format changed (whether old tokens are accepted depends on the server)',
    'security scheme "{name}" bearer format changed from {from} to {to}',
    { breaks: 'clients whose tokens have the old format are rejected if the server checks it' },
  ),
  'api-security-component-open-id-connect-url-changed': row(
    'warning',
    'request',
    'changed',
    'security',
    'OpenID Connect discovery URL changed',
    'security scheme "{name}" OpenID Connect URL changed from {from} to {to}',
    { breaks: OLD_URL },
  ),
  'api-security-component-oauth-url-changed': row(
    'warning',
    'request',
    'changed',
    'security',
    'OAuth authorization or refresh URL changed',
    'security scheme "{name}" {keyword} changed from {from} to {to}',
    { breaks: OLD_URL },
  ),
  'api-security-component-oauth-token-url-changed': row(
    'warning',
    'request',
    'changed',
    'security',
    'OAuth token URL changed',
    'security scheme "{name}" {keyword} changed from {from} to {to}',
    { breaks: OLD_URL },
  ),
  'api-security-component-oauth-flow-removed': row(
    'error',
    'request',
    'removed',
    'security',
    'OAuth flow no longer offered',
    'security scheme "{name}" no longer offers the OAuth {keyword} flow',
    { breaks: 'clients that get tokens that way fail' },
  ),
  'api-security-component-oauth-flow-added': row(
    'info',
    'request',
    'added',
    'security',
    'OAuth flow added',
    'security scheme "{name}" now offers the OAuth {keyword} flow',
  ),
  'api-security-component-oauth-scope-removed': row(
    'warning',
    'request',
    'removed',
    'security',
    'OAuth scope no longer offered',
    'security scheme "{name}" no longer offers {keyword}',
    { breaks: 'clients that ask for it may be refused a token, depending on the provider' },
  ),
  'api-security-component-oauth-scope-added': row('info', 'request', 'added', 'security', 'OAuth scope added', 'security scheme "{name}" now offers {keyword}'),
  'api-security-component-oauth-scope-changed': row(
    'info',
    'request',
    'changed',
    'security',
    'OAuth scope description changed',
    'security scheme "{name}" {keyword} has a new description',
  ),
};

// Deprecation policy: removing what was deprecated is fine once its sunset has passed.
// A policy turns a removal into these; the finding keeps the removal's message and says why.
const DEPRECATION_RULES = {
  'api-path-removed-before-sunset': row('error', 'none', 'removed', 'path', 'Deprecated path removed before its sunset date', undefined),
  'api-removed-before-sunset': row('error', 'none', 'removed', 'operation', 'Deprecated operation removed before its sunset date', undefined),
  'request-parameter-removed-before-sunset': row('error', 'request', 'removed', 'parameter', 'Deprecated parameter removed before its sunset date', undefined),
  'request-property-removed-before-sunset': row(
    'error',
    'request',
    'removed',
    'property',
    'Deprecated request property removed before its sunset date',
    undefined,
  ),
  'response-property-removed-before-sunset': row(
    'error',
    'response',
    'removed',
    'property',
    'Deprecated response property removed before its sunset date',
    undefined,
  ),
  'api-deprecated-sunset-missing': row('error', 'none', 'changed', 'sunset', 'Deprecated without a sunset date (policy requires one)', undefined),
  'api-sunset-date-too-small': row('error', 'none', 'changed', 'sunset', 'Sunset date sooner than the minimum deprecation period', undefined),
  'api-path-sunset-parse': row('error', 'none', 'removed', 'sunset', 'Removed operation: its sunset date cannot be read', undefined, {
    formerly: ['sunset-parse-error'],
    was: 'the removed operation',
  }),
  // Also from the diff itself: a still-deprecated element whose readable sunset became unreadable.
  'api-deprecated-sunset-parse': row(
    'error',
    'none',
    'changed',
    'sunset',
    'Deprecated operation: its sunset date cannot be read',
    'sunset date of {operation} changed from {from} to "{to}", which is not a date',
    { formerly: ['sunset-parse-error'], breaks: DATE_LOST },
  ),
  'request-parameter-sunset-parse': row(
    'error',
    'request',
    'changed',
    'sunset',
    'Deprecated parameter: its sunset date cannot be read',
    'sunset date of {in} parameter "{name}" changed from {from} to "{to}", which is not a date, in {operation}',
    { formerly: ['sunset-parse-error'], breaks: DATE_LOST },
  ),
  'request-property-deprecated-sunset-invalid': row(
    'error',
    'request',
    'changed',
    'sunset',
    'Deprecated request property: its sunset date cannot be read',
    undefined,
    { formerly: ['sunset-parse-error'] },
  ),
  'response-property-deprecated-sunset-invalid': row(
    'error',
    'response',
    'changed',
    'sunset',
    'Deprecated response property: its sunset date cannot be read',
    undefined,
    { formerly: ['sunset-parse-error'] },
  ),
  'request-parameter-deprecated-sunset-missing': row(
    'error',
    'request',
    'changed',
    'sunset',
    'Parameter deprecated without a sunset date (policy requires one)',
    undefined,
  ),
  'request-parameter-sunset-date-too-small': row(
    'error',
    'request',
    'changed',
    'sunset',
    'Parameter sunset date sooner than the minimum deprecation period',
    undefined,
  ),
  'request-property-deprecated-sunset-missing': row(
    'error',
    'request',
    'changed',
    'sunset',
    'Request property deprecated without a sunset date (policy requires one)',
    undefined,
  ),
  'request-property-sunset-date-too-small': row(
    'error',
    'request',
    'changed',
    'sunset',
    'Request property sunset date sooner than the minimum deprecation period',
    undefined,
  ),
  'response-property-deprecated-sunset-missing': row(
    'error',
    'response',
    'changed',
    'sunset',
    'Response property deprecated without a sunset date (policy requires one)',
    undefined,
  ),
  'response-property-sunset-date-too-small': row(
    'error',
    'response',
    'changed',
    'sunset',
    'Response property sunset date sooner than the minimum deprecation period',
    undefined,
  ),
  // The sunset of a still-deprecated element: deleting it or moving it closer than the grace period.
  'sunset-deleted': row(
    'error',
    'none',
    'removed',
    'sunset',
    'Sunset date deleted from a still-deprecated operation',
    'sunset date {from} was deleted from {operation}, which is still deprecated',
    { breaks: DATE_LOST },
  ),
  'request-parameter-sunset-deleted': row(
    'error',
    'request',
    'removed',
    'sunset',
    'Sunset date deleted from a still-deprecated parameter',
    'sunset date {from} was deleted from {in} parameter "{name}" of {operation}, which is still deprecated',
    { breaks: DATE_LOST },
  ),
  'api-sunset-date-changed-too-small': row(
    'error',
    'none',
    'changed',
    'sunset',
    'Sunset date moved earlier than the policy allows',
    'sunset date of {operation} moved from {from} to {to}',
    { breaks: LESS_TIME },
  ),
  'request-parameter-sunset-date-changed-too-small': row(
    'error',
    'request',
    'changed',
    'sunset',
    'Parameter sunset date moved earlier than the policy allows',
    'sunset date of {in} parameter "{name}" moved from {from} to {to} in {operation}',
    { breaks: LESS_TIME },
  ),
};

const STABILITY_WORDS = 'x-stability-level (draft < alpha < beta < stable)';

// x-stability-level on operations and properties: lowering it takes back a promise.
const STABILITY_RULES = {
  'api-stability-decreased': row(
    'error',
    'none',
    'changed',
    'stability',
    `Operation stability lowered (${STABILITY_WORDS})`,
    'stability was lowered from {from} to {to} for {operation}',
    { breaks: 'clients that rely on its {from} promises lose them' },
  ),
  'api-stability-increased': row(
    'info',
    'none',
    'changed',
    'stability',
    `Operation stability raised (${STABILITY_WORDS})`,
    'stability was raised from {from} to {to} for {operation}',
  ),
  'api-invalid-stability-level': row(
    'error',
    'none',
    'changed',
    'stability',
    'Invalid stability level (not draft, alpha, beta or stable)',
    'invalid stability level "{value}" on {operation} (not draft, alpha, beta or stable)',
    { breaks: 'clients and tools cannot tell which promises it keeps' },
  ),
  'request-property-stability-decreased': row(
    'error',
    'request',
    'changed',
    'stability',
    `Request property stability lowered (${STABILITY_WORDS})`,
    'stability of property "{name}" was lowered from {from} to {to} in {container}',
    { breaks: 'clients that rely on its {from} promises lose them' },
  ),
  'request-property-stability-increased': row(
    'info',
    'request',
    'changed',
    'stability',
    `Request property stability raised (${STABILITY_WORDS})`,
    'stability of property "{name}" was raised from {from} to {to} in {container}',
  ),
  'response-property-stability-decreased': row(
    'error',
    'response',
    'changed',
    'stability',
    `Response property stability lowered (${STABILITY_WORDS})`,
    'stability of property "{name}" was lowered from {from} to {to} in {container}',
    { breaks: 'clients that rely on its {from} promises lose them' },
  ),
  'response-property-stability-increased': row(
    'info',
    'response',
    'changed',
    'stability',
    `Response property stability raised (${STABILITY_WORDS})`,
    'stability of property "{name}" was raised from {from} to {to} in {container}',
  ),
};

const PARAMETER_DEFAULT_BREAKS = 'clients that omit it get different behaviour';

// Parameters (query, path, header, cookie).
const PARAMETER_RULES = {
  'request-parameter-removed': row('error', 'request', 'removed', 'parameter', 'Parameter removed', '{in} parameter "{name}" was removed from {operation}', {
    breaks: 'clients that still send it may be rejected or have it ignored',
    fix: 'removed-array-item',
    deprecated: 'request-parameter-removed-with-deprecation',
    when: { webhook: { level: 'error', breaks: 'subscribers that read it no longer get it' } },
  }),
  'request-parameter-removed-with-deprecation': row(
    'info',
    'request',
    'removed',
    'parameter',
    'Deprecated parameter removed',
    '{in} parameter "{name}" was removed from {operation} (it was deprecated)',
    { fix: 'removed-array-item', beforeSunset: 'request-parameter-removed-before-sunset', sunsetParse: 'request-parameter-sunset-parse' },
  ),
  'new-required-request-parameter': row(
    'error',
    'request',
    'added',
    'parameter',
    'New required parameter',
    'required {in} parameter "{name}" was added to {operation}',
    { breaks: 'existing clients do not send it and are rejected', fix: 'new-required', when: { webhook: { level: 'info' } } },
  ),
  'new-optional-request-parameter': row(
    'info',
    'request',
    'added',
    'parameter',
    'New optional parameter',
    'optional {in} parameter "{name}" was added to {operation}',
  ),
  'request-parameter-became-required': row(
    'error',
    'request',
    'changed',
    'parameter',
    'Parameter became required',
    '{in} parameter "{name}" became required in {operation}',
    {
      breaks: 'clients that omit it are rejected',
      fix: 'became-required',
      was: 'the parameter was optional',
      when: { webhook: { level: 'info' } },
    },
  ),
  'request-parameter-became-optional': row(
    'info',
    'request',
    'changed',
    'parameter',
    'Parameter became optional',
    '{in} parameter "{name}" became optional in {operation}',
    { was: 'the parameter was required', when: { webhook: { level: 'warning', breaks: 'subscribers that rely on it may no longer get it' } } },
  ),
  'request-parameter-default-value-changed': row(
    'error',
    'request',
    'changed',
    'parameter',
    'Parameter default value changed',
    '{what}: default changed from {from} to {to}',
    { breaks: PARAMETER_DEFAULT_BREAKS, fix: 'value-changed', was: 'the default before the change' },
  ),
  'request-parameter-default-value-removed': row(
    'error',
    'request',
    'removed',
    'parameter',
    'Parameter default value removed',
    '{what}: default {from} removed',
    { breaks: PARAMETER_DEFAULT_BREAKS, fix: 'value-changed', was: 'the removed default' },
  ),
  'request-parameter-default-value-added': row('error', 'request', 'added', 'parameter', 'Parameter default value added', '{what}: default {to} added', {
    breaks: PARAMETER_DEFAULT_BREAKS,
    fix: 'value-changed',
    was: 'the parameter had no default',
  }),
  'request-parameter-style-changed': row(
    'error',
    'request',
    'changed',
    'parameter',
    'Parameter serialisation (style/explode, or the media type of its content) changed',
    '{in} parameter "{name}" changed serialisation from {from} to {to} in {operation}',
    { breaks: 'clients encode it the old way' },
  ),
  'request-parameter-deprecated': row(
    'info',
    'request',
    'changed',
    'parameter',
    'Parameter deprecated',
    '{in} parameter "{name}" was deprecated in {operation}',
    PARAMETER_SUNSET_POLICY,
  ),
  'request-parameter-reactivated': row(
    'info',
    'request',
    'changed',
    'parameter',
    'Parameter no longer deprecated',
    '{in} parameter "{name}" is no longer deprecated in {operation}',
  ),
  'new-request-path-parameter': row('error', 'request', 'added', 'parameter', 'New path parameter', 'path parameter "{name}" was added to {operation}', {
    breaks: 'existing clients do not send it and are rejected',
    fix: 'new-required',
  }),
  'new-required-request-default-parameter-to-existing-path': row(
    'error',
    'request',
    'added',
    'parameter',
    'New required parameter on the path item (applies to every operation of the path)',
    'required {in} parameter "{name}" was added to path {path}',
    { breaks: 'existing clients do not send it and are rejected by every operation of the path' },
  ),
  'new-optional-request-default-parameter-to-existing-path': row(
    'info',
    'request',
    'added',
    'parameter',
    'New optional parameter on the path item',
    'optional {in} parameter "{name}" was added to path {path}',
  ),
  'request-parameter-allow-empty-value-removed': row(
    'error',
    'request',
    'changed',
    'parameter',
    'Parameter no longer allows an empty value',
    '{in} parameter "{name}" no longer allows an empty value in {operation}',
    { breaks: 'clients that send it empty are rejected' },
  ),
  'request-parameter-allow-empty-value-added': row(
    'info',
    'request',
    'changed',
    'parameter',
    'Parameter now allows an empty value',
    '{in} parameter "{name}" now allows an empty value in {operation}',
  ),
};

// Request bodies, responses, media types, headers.
const MESSAGE_RULES = {
  'request-body-removed': row('error', 'request', 'removed', 'request-body', 'Request body removed', 'request body was removed from {operation}', {
    breaks: 'clients that send one may be rejected',
    fix: 'removed-node',
    when: { webhook: { level: 'error', breaks: 'subscribers that read the payload get none' } },
  }),
  'request-body-added-required': row(
    'error',
    'request',
    'added',
    'request-body',
    'Required request body added',
    'a required request body was added to {operation}',
    { breaks: 'clients that send none are rejected', when: { webhook: { level: 'info' } } },
  ),
  'request-body-added-optional': row(
    'info',
    'request',
    'added',
    'request-body',
    'Optional request body added',
    'an optional request body was added to {operation}',
  ),
  'request-body-became-required': row(
    'error',
    'request',
    'changed',
    'request-body',
    'Request body became required',
    'request body became required in {operation}',
    {
      breaks: 'clients that send none are rejected',
      fix: 'became-required',
      was: 'the request body was optional',
      when: { webhook: { level: 'info' } },
    },
  ),
  'request-body-became-optional': row(
    'info',
    'request',
    'changed',
    'request-body',
    'Request body became optional',
    'request body became optional in {operation}',
    { was: 'the request body was required', when: { webhook: { level: 'warning', breaks: 'subscribers that expect a payload may get none' } } },
  ),
  'request-body-media-type-removed': row(
    'error',
    'request',
    'removed',
    'media-type',
    'Request media type removed',
    'media type {mediaType} was removed from the request body of {operation}',
    { breaks: 'clients that send it are rejected', fix: 'removed-node', when: { webhook: { level: 'info' } } },
  ),
  'request-body-media-type-added': row(
    'info',
    'request',
    'added',
    'media-type',
    'Request media type added',
    'media type {mediaType} was added to the request body of {operation}',
    { when: { webhook: { level: 'warning', breaks: 'subscribers may receive payloads in a media type they do not read' } } },
  ),
  'response-success-status-removed': row(
    'error',
    'response',
    'removed',
    'status',
    'Success response status removed',
    'response {status} was removed from {operation}',
    { breaks: 'clients that expect it treat the new response as unexpected', fix: 'removed-node' },
  ),
  'response-non-success-status-removed': row(
    'info',
    'response',
    'removed',
    'status',
    'Error response status removed',
    'response {status} was removed from {operation}',
    { fix: 'removed-node' },
  ),
  'response-success-status-added': row('info', 'response', 'added', 'status', 'Success response status added', 'response {status} was added to {operation}'),
  'response-non-success-status-added': row('info', 'response', 'added', 'status', 'Error response status added', 'response {status} was added to {operation}'),
  'response-media-type-removed': row(
    'error',
    'response',
    'removed',
    'media-type',
    'Response media type removed',
    'media type {mediaType} was removed from the {status} response of {operation}',
    { breaks: 'clients that accept only it get another or none', fix: 'removed-node' },
  ),
  'response-media-type-added': row(
    'info',
    'response',
    'added',
    'media-type',
    'Response media type added',
    'media type {mediaType} was added to the {status} response of {operation}',
  ),
  // The parts of multipart and form bodies (`encoding`): the content types a part may be sent as, a form field's style.
  'request-body-part-content-type-removed': row(
    'error',
    'request',
    'removed',
    'media-type',
    'Request body part: a content type no longer accepted',
    'part "{part}" of the request body no longer accepts {value} ({mediaType}) in {operation}',
    { breaks: 'clients that send the part as {value} are rejected', when: { webhook: { level: 'info' } } },
  ),
  'request-body-part-content-type-added': row(
    'info',
    'request',
    'added',
    'media-type',
    'Request body part: a content type accepted too',
    'part "{part}" of the request body now also accepts {value} ({mediaType}) in {operation}',
    { when: { webhook: { level: 'error', breaks: 'subscribers may now receive the part as {value}' } } },
  ),
  'request-body-part-style-changed': row(
    'error',
    'request',
    'changed',
    'media-type',
    'Request form field serialisation (style/explode) changed',
    'field "{part}" of the request body changed serialisation from {from} to {to} in {operation}',
    { breaks: 'clients encode it the old way' },
  ),
  'response-body-part-content-type-added': row(
    'error',
    'response',
    'added',
    'media-type',
    'Response body part: may come as another content type',
    'part "{part}" of the {status} response may now be {value} ({mediaType}) in {operation}',
    { breaks: 'clients may now receive the part as {value}', when: { webhook: { level: 'info' } } },
  ),
  'response-body-part-content-type-removed': row(
    'info',
    'response',
    'removed',
    'media-type',
    'Response body part: one content type fewer',
    'part "{part}" of the {status} response is no longer {value} ({mediaType}) in {operation}',
    { when: { webhook: { level: 'error', breaks: 'subscribers that send the part as {value} are rejected' } } },
  ),
  'response-body-part-style-changed': row(
    'error',
    'response',
    'changed',
    'media-type',
    'Response form field serialisation (style/explode) changed',
    'field "{part}" of the {status} response changed serialisation from {from} to {to} in {operation}',
    { breaks: 'clients decode it the old way' },
  ),
  'response-media-type-name-generalized': row(
    'error',
    'response',
    'changed',
    'media-type',
    'Response media type renamed to a more general one (e.g. application/problem+json to application/json)',
    'media type {from} became {to} in the {status} response of {operation}',
    { breaks: 'clients that check for the old, more specific type may not accept it' },
  ),
  'response-media-type-name-specialized': row(
    'info',
    'response',
    'changed',
    'media-type',
    'Response media type renamed to a more specific one (e.g. application/json to application/problem+json)',
    'media type {from} became {to} in the {status} response of {operation}',
  ),
  'response-media-type-name-changed': row(
    'info',
    'response',
    'changed',
    'media-type',
    'Response media type parameters changed (e.g. charset)',
    'media type {from} became {to} in the {status} response of {operation}',
  ),
  'request-body-media-type-schema-added': row(
    'error',
    'request',
    'added',
    'media-type',
    'Request media type gained a schema (input that does not match it is rejected)',
    'media type {mediaType} now has a schema in the request body of {operation}',
    { breaks: 'clients whose bodies do not match it are rejected', was: 'the media type had no schema' },
  ),
  'request-body-media-type-schema-removed': row(
    'info',
    'request',
    'removed',
    'media-type',
    'Request media type lost its schema (accepts anything)',
    'media type {mediaType} no longer has a schema in the request body of {operation}',
    { was: 'the removed schema' },
  ),
  'response-body-media-type-schema-added': row(
    'info',
    'response',
    'added',
    'media-type',
    'Response media type gained a schema',
    'media type {mediaType} now has a schema in the {status} response of {operation}',
    { was: 'the media type had no schema' },
  ),
  'response-body-media-type-schema-removed': row(
    'warning',
    'response',
    'removed',
    'media-type',
    'Response media type lost its schema (its shape is no longer promised; whether it changed cannot be told)',
    'media type {mediaType} no longer has a schema in the {status} response of {operation}',
    { breaks: 'clients can no longer rely on its shape; whether it changed cannot be told from the spec', was: 'the removed schema' },
  ),
  'response-body-removed': row(
    'error',
    'response',
    'removed',
    'response-body',
    'Response body removed',
    'body of response {status} was removed from {operation}',
    { breaks: 'clients that read it get nothing' },
  ),
  'required-response-header-removed': row(
    'error',
    'response',
    'removed',
    'header',
    'Required response header removed',
    'response header "{name}" was removed from the {status} response of {operation}',
    { breaks: 'clients that read it get nothing', fix: 'removed-node' },
  ),
  'optional-response-header-removed': row(
    'warning',
    'response',
    'removed',
    'header',
    'Optional response header removed',
    'response header "{name}" was removed from the {status} response of {operation}',
    { breaks: 'clients that read it get nothing, if they relied on it although it was optional', fix: 'removed-node', formerly: ['response-header-removed'] },
  ),
  'response-header-style-changed': row(
    'error',
    'response',
    'changed',
    'header',
    'Response header serialisation (explode, or the media type of its content) changed',
    'response header "{name}" changed serialisation from {from} to {to} in the {status} response of {operation}',
    { breaks: 'clients decode it the old way' },
  ),
  'response-header-became-optional': row(
    'error',
    'response',
    'changed',
    'header',
    'Response header became optional',
    'response header "{name}" became optional in the {status} response of {operation}',
    { breaks: 'clients that read it may get nothing', was: 'the header was required' },
  ),
  'response-header-added': row(
    'info',
    'response',
    'added',
    'header',
    'Response header added',
    'response header "{name}" was added to the {status} response of {operation}',
  ),
};

const STILL_SEND = 'clients that still send it may be rejected or have it ignored, depending on whether the server accepts unknown properties';

// Properties of object schemas (the subject is always "property").
/** A property added to a response schema that admitted no others: whether clients break depends on how strictly they read. */
const CLOSED_RESPONSE = 'clients that check responses against the base (which admitted no other properties) reject it';
const PROPERTY_RULES = {
  'request-property-removed': row('warning', 'request', 'removed', 'property', 'Request property removed', 'property "{name}" was removed from {container}', {
    breaks: STILL_SEND,
    fix: 'removed-node',
    deprecated: 'request-property-removed-with-deprecation',
    when: {
      'closed-schema': { level: 'error', breaks: 'clients that still send it are rejected (the schema admits no other properties)' },
      'closed-body': {
        level: 'error',
        breaks: 'clients that still send it are rejected (the request body is closed at its top, so its server checks all of it)',
      },
      'strict-server': { level: 'error', breaks: 'clients that still send it are rejected (the server rejects unknown properties)' },
    },
  }),
  'request-property-removed-with-deprecation': row(
    'info',
    'request',
    'removed',
    'property',
    'Deprecated request property removed',
    'property "{name}" was removed from {container} (it was deprecated)',
    { fix: 'removed-node', beforeSunset: 'request-property-removed-before-sunset', sunsetParse: 'request-property-deprecated-sunset-invalid' },
  ),
  'new-required-request-property': row(
    'error',
    'request',
    'added',
    'property',
    'New required request property',
    'required property "{name}" was added to {container}',
    { breaks: 'existing clients do not send it and are rejected', fix: 'new-required' },
  ),
  'new-optional-request-property': row(
    'info',
    'request',
    'added',
    'property',
    'New optional request property',
    'optional property "{name}" was added to {container}',
  ),
  'request-property-became-required': row(
    'error',
    'request',
    'changed',
    'property',
    'Request property became required',
    'property "{name}" of {container} became required',
    { breaks: 'clients that omit it are rejected', fix: 'became-required', was: 'the property was optional' },
  ),
  'request-property-became-optional': row(
    'info',
    'request',
    'changed',
    'property',
    'Request property became optional',
    'property "{name}" of {container} became optional',
    { was: 'the property was required' },
  ),
  'response-required-property-removed': row(
    'error',
    'response',
    'removed',
    'property',
    'Required response property removed',
    'property "{name}" was removed from {container}',
    { breaks: 'clients that read it get nothing', fix: 'removed-node', deprecated: 'response-property-removed-with-deprecation' },
  ),
  'response-optional-property-removed': row(
    'warning',
    'response',
    'removed',
    'property',
    'Optional response property removed',
    'property "{name}" was removed from {container}',
    {
      breaks: 'clients that read it get nothing, if they relied on it although it was optional',
      fix: 'removed-node',
      deprecated: 'response-property-removed-with-deprecation',
    },
  ),
  'response-property-removed-with-deprecation': row(
    'info',
    'response',
    'removed',
    'property',
    'Deprecated response property removed',
    'property "{name}" was removed from {container} (it was deprecated)',
    { fix: 'removed-node', beforeSunset: 'response-property-removed-before-sunset', sunsetParse: 'response-property-deprecated-sunset-invalid' },
  ),
  'response-property-became-optional': row(
    'error',
    'response',
    'changed',
    'property',
    'Response property became optional',
    'property "{name}" of {container} became optional',
    { breaks: 'clients that read it may get nothing', was: 'the property was required' },
  ),
  'response-property-became-required': row(
    'info',
    'response',
    'changed',
    'property',
    'Response property became required',
    'property "{name}" of {container} became required',
    { fix: 'became-required', was: 'the property was optional' },
  ),
  'response-required-property-added': row(
    'info',
    'response',
    'added',
    'property',
    'New required response property',
    'required property "{name}" was added to {container}',
    {
      formerly: ['new-required-response-property'],
      when: { 'closed-schema': { level: 'warning', breaks: CLOSED_RESPONSE } },
    },
  ),
  'response-optional-property-added': row(
    'info',
    'response',
    'added',
    'property',
    'New optional response property',
    'optional property "{name}" was added to {container}',
    {
      formerly: ['new-optional-response-property'],
      when: { 'closed-schema': { level: 'warning', breaks: CLOSED_RESPONSE } },
    },
  ),
  'new-required-request-property-with-default': row(
    'error',
    'request',
    'added',
    'property',
    'New required request property with a default (a default does not make omitting a required property valid)',
    'required property "{name}" was added to {container}',
    { breaks: 'existing clients do not send it and are rejected (a default does not make it optional)', fix: 'new-required' },
  ),
  'request-property-became-required-with-default': row(
    'error',
    'request',
    'changed',
    'property',
    'Request property with a default became required (the default does not make omitting it valid)',
    'property "{name}" of {container} became required',
    { breaks: 'clients that omit it are rejected (its default does not make it optional)', fix: 'became-required', was: 'the property was optional' },
  ),
  // Properties inside an object-typed header parameter.
  'new-required-request-header-property': row(
    'error',
    'request',
    'added',
    'property',
    'New required property in a header parameter',
    'required property "{name}" was added to {container}',
    { breaks: 'existing clients do not send it and are rejected', fix: 'new-required' },
  ),
  'request-header-property-became-required': row(
    'error',
    'request',
    'changed',
    'property',
    'Property of a header parameter became required',
    'property "{name}" of {container} became required',
    { breaks: 'clients that omit it are rejected', fix: 'became-required', was: 'the property was optional' },
  ),
  'request-property-deprecated': row(
    'info',
    'request',
    'changed',
    'property',
    'Request property deprecated',
    'property "{name}" of {container} was deprecated',
    {
      sunsetMissing: 'request-property-deprecated-sunset-missing',
      sunsetTooSmall: 'request-property-sunset-date-too-small',
      sunsetParse: 'request-property-deprecated-sunset-invalid',
    },
  ),
  'request-property-deprecated-with-sunset': row(
    'info',
    'request',
    'changed',
    'property',
    'Request property deprecated with a sunset date',
    'property "{name}" of {container} was deprecated (sunset {to})',
    {
      sunsetMissing: 'request-property-deprecated-sunset-missing',
      sunsetTooSmall: 'request-property-sunset-date-too-small',
      sunsetParse: 'request-property-deprecated-sunset-invalid',
    },
  ),
  'request-property-reactivated': row(
    'info',
    'request',
    'changed',
    'property',
    'Request property no longer deprecated',
    'property "{name}" of {container} is no longer deprecated',
  ),
  'response-property-deprecated': row(
    'info',
    'response',
    'changed',
    'property',
    'Response property deprecated',
    'property "{name}" of {container} was deprecated',
    {
      sunsetMissing: 'response-property-deprecated-sunset-missing',
      sunsetTooSmall: 'response-property-sunset-date-too-small',
      sunsetParse: 'response-property-deprecated-sunset-invalid',
    },
  ),
  'response-property-deprecated-with-sunset': row(
    'info',
    'response',
    'changed',
    'property',
    'Response property deprecated with a sunset date',
    'property "{name}" of {container} was deprecated (sunset {to})',
    {
      sunsetMissing: 'response-property-deprecated-sunset-missing',
      sunsetTooSmall: 'response-property-sunset-date-too-small',
      sunsetParse: 'response-property-deprecated-sunset-invalid',
    },
  ),
  'response-property-reactivated': row(
    'info',
    'response',
    'changed',
    'property',
    'Response property no longer deprecated',
    'property "{name}" of {container} is no longer deprecated',
  ),
};

const NOW_RETURNED = 'responses now carry a value that was only ever written';

// readOnly / writeOnly of named properties, judged by the direction the property travels in: a readOnly
// property is not sent in requests, a writeOnly one is not returned in responses.
const ACCESS_RULES = {
  'request-required-property-became-read-only': row(
    'info',
    'request',
    'changed',
    'property',
    'Required request property became readOnly (clients need no longer send it)',
    'required property "{name}" became readOnly',
  ),
  'request-optional-property-became-read-only': row(
    'info',
    'request',
    'changed',
    'property',
    'Optional request property became readOnly (servers ignore it in requests)',
    'optional property "{name}" became readOnly',
  ),
  'request-required-property-became-not-read-only': row(
    'error',
    'request',
    'changed',
    'property',
    'Required property no longer readOnly: clients that never sent it (the server set it) must now send it',
    'required property "{name}" is no longer readOnly',
    { breaks: 'clients that left it to the server do not send it and are rejected' },
  ),
  'request-optional-property-became-not-read-only': row(
    'info',
    'request',
    'changed',
    'property',
    'Optional property no longer readOnly (clients may now send it)',
    'optional property "{name}" is no longer readOnly',
  ),
  'request-required-property-became-write-only': row(
    'info',
    'request',
    'changed',
    'property',
    'Required request property became writeOnly (still sent in requests)',
    'required property "{name}" became writeOnly',
  ),
  'request-optional-property-became-write-only': row(
    'info',
    'request',
    'changed',
    'property',
    'Optional request property became writeOnly (still sent in requests)',
    'optional property "{name}" became writeOnly',
  ),
  'request-required-property-became-not-write-only': row(
    'info',
    'request',
    'changed',
    'property',
    'Required request property no longer writeOnly (still sent in requests)',
    'required property "{name}" is no longer writeOnly',
  ),
  'request-optional-property-became-not-write-only': row(
    'info',
    'request',
    'changed',
    'property',
    'Optional request property no longer writeOnly (still sent in requests)',
    'optional property "{name}" is no longer writeOnly',
  ),
  'response-required-property-became-read-only': row(
    'info',
    'response',
    'changed',
    'property',
    'Required response property became readOnly (still returned)',
    'required property "{name}" became readOnly',
  ),
  'response-optional-property-became-read-only': row(
    'info',
    'response',
    'changed',
    'property',
    'Optional response property became readOnly (still returned)',
    'optional property "{name}" became readOnly',
  ),
  'response-required-property-became-not-read-only': row(
    'info',
    'response',
    'changed',
    'property',
    'Required response property no longer readOnly (still returned; breaks nobody)',
    'required property "{name}" is no longer readOnly',
  ),
  'response-optional-property-became-not-read-only': row(
    'info',
    'response',
    'changed',
    'property',
    'Optional response property no longer readOnly (still returned; breaks nobody)',
    'optional property "{name}" is no longer readOnly',
  ),
  'response-required-property-became-write-only': row(
    'error',
    'response',
    'changed',
    'property',
    'Required response property became writeOnly: it is no longer returned, clients that read it break',
    'required property "{name}" became writeOnly',
    { breaks: 'responses no longer carry it, so clients that read it get nothing' },
  ),
  'response-optional-property-became-write-only': row(
    'warning',
    'response',
    'changed',
    'property',
    'Optional response property became writeOnly: it is no longer returned (like removing an optional property)',
    'optional property "{name}" became writeOnly',
    { breaks: 'responses no longer carry it, so clients that read it get nothing, if they relied on it although it was optional' },
  ),
  'response-required-property-became-not-write-only': row(
    'warning',
    'response',
    'changed',
    'property',
    'Required property no longer writeOnly: responses now carry it (a value that was only ever written, perhaps a secret)',
    'required property "{name}" is no longer writeOnly',
    { breaks: `${NOW_RETURNED}; clients break only if they cannot handle it` },
  ),
  'response-optional-property-became-not-write-only': row(
    'info',
    'response',
    'changed',
    'property',
    'Optional property no longer writeOnly: responses may now carry it',
    'optional property "{name}" is no longer writeOnly',
  ),
};

/** One side of a schema change: its level there and who breaks (or why nobody does). null = no rule on that side. */
/** A side's level, who breaks, and the circumstances that give it another verdict. */
type Side = readonly [level: Level, breaks?: string, when?: Row['when']] | null;

interface SchemaChange<Q extends Side = Side, S extends Side = Side> {
  action: RuleAction;
  title: string;
  /** `{what}` is the schema seen through its subject, e.g. `property Pet.name` or `query parameter "limit"`. */
  message: string;
  request: Q;
  response: S;
  fix?: FixKind;
  element?: RuleElement;
  formerly?: string;
}

function change<const Q extends Side, const S extends Side>(
  action: RuleAction,
  title: string,
  message: string,
  request: Q,
  response: S,
  extra: Pick<SchemaChange, 'fix' | 'element' | 'formerly'> = {},
): SchemaChange<Q, S> {
  return { action, title, message, request, response, ...extra };
}

const VALUE_FIX = { fix: 'value-changed' } as const;
const SENT_OLD_TYPE = 'clients that send the old type are rejected';
const BRANCH_SENT = 'clients that send that branch are rejected';
/**
 * Every value the base accepted is still accepted: a removed branch whose values the revision takes, a
 * bound or pattern that every value of an enum already meets, or a dependentRequired list that only
 * loosened on its side. No client is rejected (requests) or surprised (responses).
 */
const VALUES_KEPT = { 'values-kept': { level: 'info' } } as const;

/**
 * Schema-level changes, written once and expanded for each subject a schema can
 * be (request body, request property, parameter; response body, property, header).
 * Columns: action, title, message, [request level, who breaks], [response level, who breaks].
 */
const SCHEMA_CHANGES = {
  'type-changed': change(
    'changed',
    'Type changed',
    '{what} changed type from {from} to {to}',
    ['error', SENT_OLD_TYPE],
    ['error', 'clients that read the old type fail'],
    VALUE_FIX,
  ),
  'type-generalized': change(
    'changed',
    'Type widened (e.g. integer to number)',
    '{what} changed type from {from} to {to}',
    ['info', 'every value clients sent before is still accepted'],
    ['error', 'clients may now receive values they cannot parse'],
    VALUE_FIX,
  ),
  'type-specialized': change(
    'changed',
    'Type narrowed (e.g. number to integer)',
    '{what} changed type from {from} to {to}',
    ['error', SENT_OLD_TYPE],
    ['info', 'every value clients may receive was possible before'],
    { ...VALUE_FIX, formerly: 'type-narrowed' },
  ),
  'type-compatible': change(
    'changed',
    'Type changed where values travel as text (parameters, headers, non-JSON media types), so old values still fit',
    '{what} changed type from {from} to {to}; as text, values of the old type are still valid',
    ['info'],
    ['info'],
    VALUE_FIX,
  ),
  'format-changed': change(
    'changed',
    'Format changed',
    '{what} changed format from "{from}" to "{to}"',
    ['warning', 'clients that send the old format are rejected if the server validates formats'],
    ['warning', 'clients that parse the old format may fail, depending on how strict their parser is'],
    VALUE_FIX,
  ),
  'format-added': change(
    'added',
    'Format added',
    '{what} now has format "{to}"',
    ['warning', 'clients that send other strings are rejected if the server validates formats'],
    ['info'],
  ),
  'format-removed': change(
    'removed',
    'Format removed',
    '{what} no longer has format "{from}"',
    ['info'],
    ['warning', 'clients that parse that format may get other strings, depending on what the server sends'],
  ),
  'became-nullable': change('changed', 'Became nullable', '{what} became nullable', ['info'], ['error', 'clients that read it may now get null']),
  'became-not-nullable': change('changed', 'Became non-nullable', '{what} is no longer nullable', ['error', 'clients that send null are rejected'], ['info']),
  'enum-value-removed': change(
    'removed',
    'Enum value removed',
    'enum value {value} was removed from {what}',
    ['error', 'clients that still send it are rejected'],
    ['info'],
    { fix: 'removed-array-item', element: 'enum-value' },
  ),
  'enum-value-added': change(
    'added',
    'Enum value added',
    'enum value {value} was added to {what}',
    ['info'],
    ['warning', 'clients with exhaustive handling may not expect it'],
    { element: 'enum-value' },
  ),
  'became-enum': change(
    'changed',
    'Now restricted to an enum',
    '{what} is now restricted to {values}',
    ['error', 'clients that send other values are rejected'],
    ['info'],
  ),
  'enum-removed': change(
    'removed',
    'Enum restriction removed',
    '{what} is no longer restricted to an enum',
    ['info'],
    ['warning', 'clients may receive values they do not know'],
  ),
  'const-added': change('added', 'const added', '{what} is now fixed to {to}', ['error', 'clients that send other values are rejected'], ['info']),
  'const-changed': change(
    'changed',
    'const changed',
    '{what} const changed from {from} to {to}',
    ['error', 'clients that send the old value are rejected'],
    ['error', 'clients that expect the old value get another'],
    VALUE_FIX,
  ),
  'const-removed': change(
    'removed',
    'const removed',
    '{what} is no longer fixed to {from}',
    ['info'],
    ['error', 'clients that rely on the fixed value may get others'],
  ),
  'pattern-added': change(
    'added',
    'Pattern added',
    '{what} must now match /{to}/',
    ['error', 'clients that send values not matching it are rejected', VALUES_KEPT],
    ['info'],
  ),
  'pattern-changed': change(
    'changed',
    'Pattern changed',
    '{what} pattern changed from /{from}/ to /{to}/',
    ['warning', 'clients whose values match only the old pattern are rejected; whether any exist depends on the two patterns', VALUES_KEPT],
    ['warning', 'clients that rely on the old pattern may get values outside it, depending on the two patterns'],
    VALUE_FIX,
  ),
  'pattern-removed': change(
    'removed',
    'Pattern removed',
    '{what} no longer has pattern /{from}/',
    ['info'],
    ['info', 'readers are not broken by values the pattern used to exclude being allowed (they were valid strings all along)'],
  ),
  'pattern-generalized': change(
    'changed',
    'Pattern widened to match anything',
    '{what} pattern changed from /{from}/ to /{to}/, which matches any string',
    ['info', 'every value clients sent before still matches'],
    ['info'],
  ),
  'max-decreased': change(
    'changed',
    'Maximum decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['error', 'clients that send larger values are rejected', VALUES_KEPT],
    ['info'],
    VALUE_FIX,
  ),
  'max-increased': change(
    'changed',
    'Maximum increased',
    '{what} {keyword} increased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive larger values than they handle'],
    VALUE_FIX,
  ),
  'max-set': change(
    'added',
    'Maximum added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send larger values are rejected, if any do', VALUES_KEPT],
    ['info'],
  ),
  'max-unset': change(
    'removed',
    'Maximum removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive larger values than they handle'],
  ),
  'min-increased': change(
    'changed',
    'Minimum increased',
    '{what} {keyword} increased from {from} to {to}',
    ['error', 'clients that send smaller values are rejected', VALUES_KEPT],
    ['info'],
    VALUE_FIX,
  ),
  'min-decreased': change(
    'changed',
    'Minimum decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive smaller values than they handle'],
    VALUE_FIX,
  ),
  'min-set': change(
    'added',
    'Minimum added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send smaller values are rejected, if any do', VALUES_KEPT],
    ['info'],
  ),
  'min-unset': change(
    'removed',
    'Minimum removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive smaller values than they handle'],
  ),
  'exclusive-max-decreased': change(
    'changed',
    'Exclusive maximum decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['error', 'clients that send larger values are rejected', VALUES_KEPT],
    ['info'],
    VALUE_FIX,
  ),
  'exclusive-max-increased': change(
    'changed',
    'Exclusive maximum increased',
    '{what} {keyword} increased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive larger values than they handle'],
    VALUE_FIX,
  ),
  'exclusive-max-set': change(
    'added',
    'Exclusive maximum added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send larger values are rejected, if any do', VALUES_KEPT],
    ['info'],
  ),
  'exclusive-max-unset': change(
    'removed',
    'Exclusive maximum removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive larger values than they handle'],
  ),
  'exclusive-min-increased': change(
    'changed',
    'Exclusive minimum increased',
    '{what} {keyword} increased from {from} to {to}',
    ['error', 'clients that send smaller values are rejected', VALUES_KEPT],
    ['info'],
    VALUE_FIX,
  ),
  'exclusive-min-decreased': change(
    'changed',
    'Exclusive minimum decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive smaller values than they handle'],
    VALUE_FIX,
  ),
  'exclusive-min-set': change(
    'added',
    'Exclusive minimum added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send smaller values are rejected, if any do', VALUES_KEPT],
    ['info'],
  ),
  'exclusive-min-unset': change(
    'removed',
    'Exclusive minimum removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive smaller values than they handle'],
  ),
  'multiple-of-set': change(
    'added',
    'multipleOf added',
    '{what} must now be a multiple of {to}',
    ['warning', 'clients that send other values are rejected (whether any do depends on the values they send)', VALUES_KEPT],
    ['info'],
  ),
  'multiple-of-unset': change(
    'removed',
    'multipleOf removed',
    '{what} no longer has to be a multiple of {from}',
    ['info'],
    ['error', 'clients may now receive other values'],
  ),
  'multiple-of-narrowed': change(
    'changed',
    'multipleOf changed to a multiple of itself (fewer values allowed)',
    '{what} multipleOf changed from {from} to {to}',
    ['error', 'clients that send multiples of {from} that are not multiples of {to} are rejected', VALUES_KEPT],
    ['info'],
    VALUE_FIX,
  ),
  'multiple-of-widened': change(
    'changed',
    'multipleOf changed to a divisor of itself (more values allowed)',
    '{what} multipleOf changed from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive multiples of {to} that are not multiples of {from}'],
    VALUE_FIX,
  ),
  'multiple-of-changed': change(
    'changed',
    'multipleOf changed (some values allowed before are not, and the reverse)',
    '{what} multipleOf changed from {from} to {to}',
    [
      'warning',
      'clients that send multiples of {from} that are not multiples of {to} are rejected; whether any do depends on the values they send',
      VALUES_KEPT,
    ],
    ['warning', 'clients may now receive values that are not multiples of {from}; whether that breaks them depends on whether they rely on it'],
    VALUE_FIX,
  ),
  'max-length-decreased': change(
    'changed',
    'maxLength decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['error', 'clients that send longer strings are rejected', VALUES_KEPT],
    ['info'],
    VALUE_FIX,
  ),
  'max-length-increased': change(
    'changed',
    'maxLength increased',
    '{what} {keyword} increased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive longer strings than they handle'],
    VALUE_FIX,
  ),
  'max-length-set': change(
    'added',
    'maxLength added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send longer strings are rejected, if any do', VALUES_KEPT],
    ['info'],
  ),
  'max-length-unset': change(
    'removed',
    'maxLength removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive longer strings than they handle'],
  ),
  'min-length-increased': change(
    'changed',
    'minLength increased',
    '{what} {keyword} increased from {from} to {to}',
    ['error', 'clients that send shorter strings are rejected', VALUES_KEPT],
    ['info'],
    VALUE_FIX,
  ),
  'min-length-decreased': change(
    'changed',
    'minLength decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive shorter strings than they handle'],
    VALUE_FIX,
  ),
  'min-length-set': change(
    'added',
    'minLength added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send shorter strings are rejected, if any do', VALUES_KEPT],
    ['info'],
  ),
  'min-length-unset': change(
    'removed',
    'minLength removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive shorter strings than they handle'],
  ),
  'max-items-decreased': change(
    'changed',
    'maxItems decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['error', 'clients that send more items are rejected'],
    ['info'],
    VALUE_FIX,
  ),
  'max-items-increased': change(
    'changed',
    'maxItems increased',
    '{what} {keyword} increased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive more items than they handle'],
    VALUE_FIX,
  ),
  'max-items-set': change(
    'added',
    'maxItems added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send more items are rejected, if any do'],
    ['info'],
  ),
  'max-items-unset': change(
    'removed',
    'maxItems removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive more items than they handle'],
  ),
  'min-items-increased': change(
    'changed',
    'minItems increased',
    '{what} {keyword} increased from {from} to {to}',
    ['error', 'clients that send fewer items are rejected'],
    ['info'],
    VALUE_FIX,
  ),
  'min-items-decreased': change(
    'changed',
    'minItems decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive fewer items than they handle'],
    VALUE_FIX,
  ),
  'min-items-set': change(
    'added',
    'minItems added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send fewer items are rejected, if any do'],
    ['info'],
  ),
  'min-items-unset': change(
    'removed',
    'minItems removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive fewer items than they handle'],
  ),
  'max-properties-decreased': change(
    'changed',
    'maxProperties decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['error', 'clients that send more properties are rejected'],
    ['info'],
    VALUE_FIX,
  ),
  'max-properties-increased': change(
    'changed',
    'maxProperties increased',
    '{what} {keyword} increased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive more properties than they handle'],
    VALUE_FIX,
  ),
  'max-properties-set': change(
    'added',
    'maxProperties added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send more properties are rejected, if any do'],
    ['info'],
  ),
  'max-properties-unset': change(
    'removed',
    'maxProperties removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive more properties than they handle'],
  ),
  'min-properties-increased': change(
    'changed',
    'minProperties increased',
    '{what} {keyword} increased from {from} to {to}',
    ['error', 'clients that send fewer properties are rejected'],
    ['info'],
    VALUE_FIX,
  ),
  'min-properties-decreased': change(
    'changed',
    'minProperties decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive fewer properties than they handle'],
    VALUE_FIX,
  ),
  'min-properties-set': change(
    'added',
    'minProperties added',
    '{what} now has {keyword} {to}',
    ['warning', 'clients that send fewer properties are rejected, if any do'],
    ['info'],
  ),
  'min-properties-unset': change(
    'removed',
    'minProperties removed',
    '{what} no longer has {keyword} (was {from})',
    ['info'],
    ['error', 'clients may now receive fewer properties than they handle'],
  ),
  'one-of-added': change(
    'added',
    'oneOf branch added',
    'a oneOf branch ({branch}) was added to {what}',
    ['info'],
    ['error', 'clients that handle only the old branches may get one they cannot read'],
  ),
  'one-of-removed': change(
    'removed',
    'oneOf branch removed',
    'a oneOf branch ({branch}) was removed from {what}',
    ['error', BRANCH_SENT, VALUES_KEPT],
    ['info'],
  ),
  'any-of-added': change(
    'added',
    'anyOf branch added',
    'an anyOf branch ({branch}) was added to {what}',
    ['info'],
    // oasdiff says info here (and error for oneOf): either way clients may now get a shape they do not handle.
    ['error', 'clients that handle only the old branches may get one they cannot read', VALUES_KEPT],
  ),
  'any-of-removed': change(
    'removed',
    'anyOf branch removed',
    'an anyOf branch ({branch}) was removed from {what}',
    ['error', BRANCH_SENT, VALUES_KEPT],
    ['info'],
  ),
  'all-of-added': change(
    'added',
    'allOf branch added',
    'an allOf branch ({branch}) was added to {what}',
    ['error', 'clients that do not meet the new branch are rejected', { 'new-properties-only': { level: 'info' }, ...VALUES_KEPT }],
    ['info'],
  ),
  'all-of-removed': change(
    'removed',
    'allOf branch removed',
    'an allOf branch ({branch}) was removed from {what}',
    ['warning', 'clients break only if they relied on what that branch declared (defaults, formats)', { 'branch-kept': { level: 'info' } }],
    ['info'],
  ),
  'all-of-added-annotation-only': change(
    'added',
    'allOf branch added that only annotates (title, description, examples): no constraint',
    'an allOf branch ({branch}) that only annotates was added to {what}',
    ['info'],
    ['info'],
  ),
  'all-of-removed-annotation-only': change(
    'removed',
    'allOf branch removed that only annotated (title, description, examples): no constraint',
    'an allOf branch ({branch}) that only annotated was removed from {what}',
    ['info'],
    ['info'],
  ),
  'additional-properties-tightened': change(
    'changed',
    'additionalProperties tightened',
    '{what} now restricts its additional properties',
    ['error', 'clients that send extra properties are rejected'],
    ['info'],
  ),
  'additional-properties-loosened': change(
    'changed',
    'additionalProperties loosened',
    '{what} now allows more additional properties',
    ['info'],
    ['warning', 'clients that expect only the listed properties may get others'],
  ),
  'default-value-changed': change('changed', 'Default value changed', '{what} default changed from {from} to {to}', ['info'], ['info']),
  'default-value-added': change('added', 'Default value added', '{what} now has default {to}', ['info'], ['info']),
  'default-value-removed': change('removed', 'Default value removed', '{what} no longer has default {from}', ['info'], ['info']),
  'became-read-only': change('changed', 'Became readOnly', '{what} became readOnly', ['error', 'clients that still send it may be rejected'], ['info']),
  'became-write-only': change('changed', 'Became writeOnly', '{what} became writeOnly', ['info'], ['error', 'clients that read it get nothing']),
  'read-only-removed': change(
    'removed',
    'readOnly removed',
    '{what} is no longer readOnly',
    ['info'],
    ['warning', 'clients may now be expected to send it; whether any break depends on the server'],
  ),
  'write-only-removed': change(
    'removed',
    'writeOnly removed',
    '{what} is no longer writeOnly',
    ['warning', 'responses may now include what clients sent; whether that breaks anyone depends on the data'],
    ['info'],
  ),
  // contentMediaType / contentEncoding / contentSchema (3.1): how a string carries embedded content.
  'content-media-type-changed': change(
    'changed',
    'contentMediaType changed (the embedded content is of another kind)',
    '{what} {keyword} changed from {from} to {to}',
    ['error', 'clients that send it the old way are rejected'],
    ['error', 'clients that decode it the old way fail'],
    VALUE_FIX,
  ),
  'content-encoding-changed': change(
    'changed',
    'contentEncoding changed (the string is encoded another way)',
    '{what} {keyword} changed from {from} to {to}',
    ['error', 'clients that send it the old way are rejected'],
    ['error', 'clients that decode it the old way fail'],
    VALUE_FIX,
  ),
  'content-schema-added': change(
    'added',
    'contentSchema added (embedded content now constrained)',
    '{what} now constrains its embedded content with a contentSchema',
    ['error', 'clients that send content not matching it are rejected'],
    ['info'],
  ),
  'content-schema-removed': change(
    'removed',
    'contentSchema removed (embedded content no longer promised)',
    '{what} no longer constrains its embedded content (contentSchema removed)',
    ['info'],
    ['error', 'clients may receive content of any shape'],
  ),
  // x-extensible-enum (Zalando): an open list; only removing a value a client may send breaks it.
  'x-extensible-enum-value-removed': change(
    'removed',
    'x-extensible-enum value removed',
    'x-extensible-enum value {value} was removed from {what}',
    ['error', 'clients that still send it are rejected'],
    null,
    { element: 'enum-value' },
  ),
  // discriminator: a hint for choosing the branch; oneOf/anyOf decide what is valid, so not breaking by itself.
  'discriminator-added': change('added', 'Discriminator added', '{what} now has a discriminator ({name})', ['info'], ['info']),
  'discriminator-removed': change('removed', 'Discriminator removed', '{what} no longer has a discriminator ({name})', ['info'], ['info']),
  'discriminator-property-name-changed': change(
    'changed',
    'Discriminator property name changed',
    '{what} discriminator property changed from "{from}" to "{to}"',
    ['info'],
    ['info'],
  ),
  'discriminator-mapping-added': change('added', 'Discriminator mapping added', '{what} discriminator mapping "{value}" was added', ['info'], ['info']),
  'discriminator-mapping-deleted': change('removed', 'Discriminator mapping removed', '{what} discriminator mapping "{value}" was removed', ['info'], ['info']),
  'discriminator-mapping-changed': change(
    'changed',
    'Discriminator mapping changed',
    '{what} discriminator mapping "{value}" changed from {from} to {to}',
    ['info'],
    ['info'],
  ),
  // A schema that became one branch of a oneOf beside others. Request: warning, old values stay valid
  // unless they also match another branch (oneOf wants exactly one); response: clients may get the other shapes.
  // uniqueItems (not in oasdiff's catalogue): whether an array may repeat an item.
  'unique-items-set': change(
    'added',
    'uniqueItems set (items must differ)',
    '{what} must now hold no repeated items',
    ['warning', 'clients that send an array with a repeated item are rejected (whether any do depends on what they send)'],
    ['info'],
  ),
  'unique-items-unset': change(
    'removed',
    'uniqueItems unset (items may repeat)',
    '{what} may now hold repeated items',
    ['info'],
    ['error', 'clients that rely on distinct items may now receive repeats'],
  ),
  // contains / minContains (default 1) / maxContains (default unlimited), 3.1.
  'contains-added': change(
    'added',
    'contains added (an item matching it is required)',
    '{what} must now contain an item matching its contains schema',
    ['error', 'clients that send arrays without one are rejected'],
    ['info'],
  ),
  'contains-removed': change(
    'removed',
    'contains removed',
    '{what} no longer has to contain an item matching its contains schema',
    ['info'],
    ['error', 'clients may now receive arrays without one'],
  ),
  'min-contains-increased': change(
    'changed',
    'minContains increased',
    '{what} {keyword} increased from {from} to {to}',
    ['error', 'clients that send fewer matching items are rejected'],
    ['info'],
    VALUE_FIX,
  ),
  'min-contains-decreased': change(
    'changed',
    'minContains decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive fewer matching items than they handle'],
    VALUE_FIX,
  ),
  'max-contains-decreased': change(
    'changed',
    'maxContains decreased',
    '{what} {keyword} decreased from {from} to {to}',
    ['error', 'clients that send more matching items are rejected'],
    ['info'],
    VALUE_FIX,
  ),
  'max-contains-increased': change(
    'changed',
    'maxContains increased',
    '{what} {keyword} increased from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive more matching items than they handle'],
    VALUE_FIX,
  ),
  // prefixItems as oasdiff reads it: adding it takes the first positions away from `items`, removing it puts them back.
  'prefix-items-added': change(
    'added',
    'prefixItems added (first items no longer checked by items)',
    '{what} now describes {positions} by position (prefixItems), no longer by items',
    ['info'],
    ['error', 'clients may now receive items there that items did not allow'],
  ),
  'prefix-items-removed': change(
    'removed',
    'prefixItems removed (items applies to every item again)',
    '{what} no longer describes {positions} by position (prefixItems): items applies to them',
    ['error', 'clients that send items there that items does not allow are rejected'],
    ['info'],
  ),
  'unevaluated-items-added': change(
    'added',
    'unevaluatedItems added',
    '{what} now constrains items no other keyword describes (unevaluatedItems)',
    ['error', 'clients that send such items are rejected'],
    ['info'],
  ),
  'unevaluated-items-removed': change(
    'removed',
    'unevaluatedItems removed',
    '{what} no longer constrains items no other keyword describes (unevaluatedItems)',
    ['info'],
    ['error', 'clients may now receive such items'],
  ),
  // Object keywords, 3.1.
  'pattern-property-added': change(
    'added',
    'patternProperties pattern added',
    '{what} now constrains properties named like /{pattern}/ (patternProperties)',
    ['error', 'clients that send such properties in another shape are rejected'],
    ['info'],
  ),
  'pattern-property-removed': change(
    'removed',
    'patternProperties pattern removed',
    '{what} no longer constrains properties named like /{pattern}/ (patternProperties)',
    ['info'],
    ['error', 'clients may now receive such properties in any shape'],
  ),
  'property-names-added': change(
    'added',
    'propertyNames added',
    '{what} now restricts its property names (propertyNames)',
    ['error', 'clients that send other names are rejected'],
    ['info'],
  ),
  'property-names-removed': change(
    'removed',
    'propertyNames removed',
    '{what} no longer restricts its property names (propertyNames)',
    ['info'],
    ['error', 'clients may now receive other names'],
  ),
  'unevaluated-properties-added': change(
    'added',
    'unevaluatedProperties added',
    '{what} now constrains properties no other keyword describes (unevaluatedProperties)',
    ['error', 'clients that send such properties are rejected'],
    ['info'],
  ),
  'unevaluated-properties-removed': change(
    'removed',
    'unevaluatedProperties removed',
    '{what} no longer constrains properties no other keyword describes (unevaluatedProperties)',
    ['info'],
    ['error', 'clients may now receive such properties'],
  ),
  'not-added': change(
    'added',
    'not added (values matching its schema are excluded)',
    '{what} now excludes the values its new `not` schema matches',
    ['error', 'clients that send such values are rejected'],
    ['info'],
  ),
  'not-removed': change(
    'removed',
    'not removed (values it excluded are allowed again)',
    '{what} no longer excludes the values its `not` schema matched',
    ['info'],
    ['error', 'clients may now receive values that were excluded'],
  ),
  'not-changed': change(
    'changed',
    'not changed (other values are excluded)',
    '{what} changed its `not` schema, which now excludes other values',
    ['warning', 'clients that send values the new `not` excludes are rejected; whether any do depends on their values'],
    ['warning', 'clients may now receive values the old `not` excluded; whether that matters depends on the values'],
  ),
  'dependent-required-added': change(
    'added',
    'dependentRequired added (more properties required together)',
    '{what}: when "{key}" is present, {names} must now be present too',
    ['error', 'clients that send "{key}" without {names} are rejected'],
    ['info'],
  ),
  'dependent-required-removed': change(
    'removed',
    'dependentRequired removed (fewer properties required together)',
    '{what}: when "{key}" is present, {names} no longer need to be present',
    ['info'],
    ['error', 'clients that read "{key}" may no longer get {names}'],
  ),
  'dependent-required-changed': change(
    'changed',
    'dependentRequired changed (the properties required with one another)',
    '{what}: "{key}" now requires {to} beside it (was {from})',
    ['error', 'clients that send "{key}" without all of {to} are rejected', VALUES_KEPT],
    ['error', 'clients that read "{key}" may no longer get all of {from}', VALUES_KEPT],
    VALUE_FIX,
  ),
  'dependent-schema-added': change(
    'added',
    'dependentSchemas entry added',
    '{what} must now match a further schema when "{key}" is present (dependentSchemas)',
    ['error', 'clients that send "{key}" with an object that does not match it are rejected'],
    ['info'],
  ),
  'dependent-schema-removed': change(
    'removed',
    'dependentSchemas entry removed',
    '{what} no longer has to match a further schema when "{key}" is present (dependentSchemas)',
    ['info'],
    ['error', 'clients that read "{key}" may get objects that do not match it'],
  ),
  // if / then / else, 3.1. A changed `if` moves values between the branches: the spec cannot tell whom that breaks.
  'if-added': change(
    'added',
    'if added',
    '{what} now has an if condition (values matching it must match then, the others else)',
    ['error', 'clients that send values not matching then or else are rejected'],
    ['info'],
  ),
  'if-removed': change(
    'removed',
    'if removed',
    '{what} no longer has an if condition (then and else no longer apply)',
    ['info'],
    ['error', 'clients may now receive values that do not match then or else'],
  ),
  'if-changed': change(
    'changed',
    'if changed (values move between then and else)',
    '{what} changed its if condition',
    ['warning', 'whether clients are rejected depends on which of their values now fall under then or else'],
    ['warning', 'whether clients break depends on which values now fall under then or else'],
  ),
  'then-added': change(
    'added',
    'then added',
    '{what} now requires values matching its if condition to match a then schema',
    ['error', 'clients that send such values in another shape are rejected'],
    ['info'],
  ),
  'then-removed': change(
    'removed',
    'then removed',
    '{what} no longer requires values matching its if condition to match a then schema',
    ['info'],
    ['error', 'clients may now receive such values in any shape'],
  ),
  'else-added': change(
    'added',
    'else added',
    '{what} now requires values not matching its if condition to match an else schema',
    ['error', 'clients that send such values in another shape are rejected'],
    ['info'],
  ),
  'else-removed': change(
    'removed',
    'else removed',
    '{what} no longer requires values not matching its if condition to match an else schema',
    ['info'],
    ['error', 'clients may now receive such values in any shape'],
  ),
  // Lists of types: a 3.1 type array or a oneOf/anyOf of bare types.
  'list-of-types-narrowed': change(
    'changed',
    'Types removed from a list of types',
    '{what} changed its types from {from} to {to}',
    ['error', 'clients that send {lost} are rejected'],
    ['info'],
    VALUE_FIX,
  ),
  'list-of-types-widened': change(
    'changed',
    'Types added to a list of types',
    '{what} changed its types from {from} to {to}',
    ['info'],
    ['error', 'clients may now receive {gained}'],
    VALUE_FIX,
  ),
  'wrapped-in-one-of': change(
    'changed',
    'Schema wrapped into a oneOf with other branches, or split into a oneOf of several',
    '{what} became a oneOf {branches}',
    [
      'warning',
      'clients whose values also match another branch are rejected (oneOf wants exactly one)',
      {
        'overlapping-branches': {
          level: 'error',
          breaks: 'every value that was valid matches more than one branch, so all clients are rejected (oneOf wants exactly one)',
        },
      },
    ],
    ['error', 'clients may now receive the other shapes'],
  ),
};

/**
 * A schema change under a subject more specific than the expansion's (properties of
 * object-typed parameters have their own ids in the catalogue), with its own level:
 * message, action and fix come from SCHEMA_CHANGES.
 */
function schemaVariant(name: SchemaChangeId, level: Level, title: string, breaks?: string): Row {
  const c: SchemaChange = SCHEMA_CHANGES[name];
  return row(level, 'request', c.action, c.element ?? 'property', title, c.message, { breaks: breaks ?? c.request?.[1], fix: c.fix });
}

// Properties of object-typed parameters (other changes inside them use the request-property ids).
const PARAMETER_PROPERTY_RULES = {
  'request-parameter-property-enum-value-removed': schemaVariant('enum-value-removed', 'error', 'Parameter property: enum value removed'),
  'request-parameter-property-enum-value-added': schemaVariant('enum-value-added', 'info', 'Parameter property: enum value added'),
  'request-parameter-property-became-not-nullable': schemaVariant('became-not-nullable', 'error', 'Parameter property became non-nullable'),
  'request-parameter-property-became-nullable': schemaVariant('became-nullable', 'info', 'Parameter property became nullable'),
  'request-parameter-property-type-changed': schemaVariant(
    'type-changed',
    'warning',
    'Parameter property type changed (how object parameters are serialised is not specified, so the effect cannot be decided)',
    'clients that send the old type may be rejected, depending on how the server reads object parameters',
  ),
  'request-parameter-property-type-generalized': schemaVariant('type-generalized', 'info', 'Parameter property type widened'),
  'request-parameter-property-type-specialized': schemaVariant('type-specialized', 'error', 'Parameter property type narrowed'),
  'request-parameter-property-list-of-types-narrowed': schemaVariant(
    'list-of-types-narrowed',
    'error',
    'Parameter property: types removed from a list of types',
  ),
  'request-parameter-property-list-of-types-widened': schemaVariant('list-of-types-widened', 'info', 'Parameter property: types added to a list of types'),
  'request-header-property-became-enum': schemaVariant('became-enum', 'error', 'Property of a header parameter now restricted to an enum'),
};

/** A schema change's own catalogue id on a property that is not on the wire in that direction (it stands for the expanded id). */
function offWireSchemaRow(dir: 'request' | 'response', name: SchemaChangeId, title: string): Row {
  const c: SchemaChange = SCHEMA_CHANGES[name];
  return row('info', dir, c.action, c.element ?? 'property', title, c.message, {
    breaks: dir === 'request' ? NOT_SENT : NOT_RETURNED,
    offWireFor: `${dir}-property-${name}`,
  });
}

/** An existence or requiredness rule of a writeOnly response property: clients never get it, so nothing breaks. */
function writeOnlyResponse(offWireFor: keyof typeof PROPERTY_RULES, title: string): Row {
  const r: Row = PROPERTY_RULES[offWireFor];
  return row('info', 'response', r.action, 'property', title, r.message, { breaks: NOT_RETURNED, offWireFor });
}

// Properties clients do not see in one direction: a readOnly property is not sent in requests, a writeOnly one
// not returned in responses. Any change to one breaks nobody (EVERY_RULE_WHEN); these are the catalogue's own ids for some.
const OFF_WIRE_RULES = {
  'request-read-only-property-max-decreased': offWireSchemaRow('request', 'max-decreased', 'readOnly request property: maximum decreased'),
  'request-read-only-property-exclusive-max-decreased': offWireSchemaRow(
    'request',
    'exclusive-max-decreased',
    'readOnly request property: exclusive maximum decreased',
  ),
  'request-read-only-property-min-increased': offWireSchemaRow('request', 'min-increased', 'readOnly request property: minimum increased'),
  'request-read-only-property-exclusive-min-increased': offWireSchemaRow(
    'request',
    'exclusive-min-increased',
    'readOnly request property: exclusive minimum increased',
  ),
  'request-read-only-property-max-length-decreased': offWireSchemaRow('request', 'max-length-decreased', 'readOnly request property: maxLength decreased'),
  'request-read-only-property-enum-value-removed': offWireSchemaRow('request', 'enum-value-removed', 'readOnly request property: enum value removed'),
  'response-write-only-property-enum-value-added': offWireSchemaRow('response', 'enum-value-added', 'writeOnly response property: enum value added'),
  'response-required-write-only-property-removed': writeOnlyResponse('response-required-property-removed', 'Required writeOnly response property removed'),
  'response-optional-write-only-property-removed': writeOnlyResponse('response-optional-property-removed', 'Optional writeOnly response property removed'),
  'response-required-write-only-property-added': writeOnlyResponse('response-required-property-added', 'New required writeOnly response property'),
  'response-optional-write-only-property-added': writeOnlyResponse('response-optional-property-added', 'New optional writeOnly response property'),
  'response-write-only-property-became-required': writeOnlyResponse('response-property-became-required', 'writeOnly response property became required'),
  'response-write-only-property-became-optional': writeOnlyResponse('response-property-became-optional', 'writeOnly response property became optional'),
};

export type SchemaChangeId = keyof typeof SCHEMA_CHANGES;
/** The schema changes' names, and per name what changes (explain.ts builds each rule's example from it). */
export function schemaChangeFacts(name: string): Pick<SchemaChange, 'action' | 'title'> | undefined {
  return Object.hasOwn(SCHEMA_CHANGES, name) ? SCHEMA_CHANGES[name as SchemaChangeId] : undefined;
}
/**
 * What a compared schema is: a body, a property (or items, branches... inside one), a
 * parameter (`header-parameter`: one sent in a header), a response header, or something
 * inside an object-typed parameter (`parameter-property`, `header-property`).
 */
export type SchemaSubject = 'body' | 'property' | 'parameter' | 'header' | 'header-parameter' | 'parameter-property' | 'header-property';
type ExpandedSubject = 'body' | 'property' | 'parameter' | 'header';
type ChangesOn<D extends 'request' | 'response'> = { [K in SchemaChangeId]: (typeof SCHEMA_CHANGES)[K][D] extends null ? never : K }[SchemaChangeId];
type ExpandedRuleId =
  `request-${'body' | 'property' | 'parameter'}-${ChangesOn<'request'>}` | `response-${'body' | 'property' | 'header'}-${ChangesOn<'response'>}`;
/** The rule ids the schema expansion yields (the request side has no header subject, the response side no parameter), as the catalogue spells them. */
export type SchemaRuleId = Exclude<ExpandedRuleId, Respelled> | (typeof CATALOGUE_SPELLING)[Respelled];

const EXPLICIT_RULES = {
  ...COMPONENT_RULES,
  ...ENDPOINT_RULES,
  ...SECURITY_RULES,
  ...DEPRECATION_RULES,
  ...STABILITY_RULES,
  ...PARAMETER_RULES,
  ...PARAMETER_PROPERTY_RULES,
  ...MESSAGE_RULES,
  ...PROPERTY_RULES,
  ...ACCESS_RULES,
  ...OFF_WIRE_RULES,
};

/** Every rule id: a misspelt one does not compile. */
export type RuleId = keyof typeof EXPLICIT_RULES | SchemaRuleId;

const SUBJECTS: ExpandedSubject[] = ['body', 'property', 'parameter', 'header'];
/** A keyword change's base node is the keyword (or, for a keyword added, its schema), not the element it belongs to. */
const KEYWORD_WAS: Record<RuleAction, string> = {
  removed: 'the removed keyword',
  added: 'before the keyword was added',
  changed: 'as it was before the change',
};

/**
 * Expanded ids the oasdiff catalogue spells otherwise: the catalogue's id is the rule, the expanded
 * one its former id (configuration naming either applies).
 */
const CATALOGUE_SPELLING = { 'response-body-enum-value-removed': 'response-mediatype-enum-value-removed' } as const;
type Respelled = keyof typeof CATALOGUE_SPELLING;
function catalogueSpelling(id: string): string {
  return Object.hasOwn(CATALOGUE_SPELLING, id) ? CATALOGUE_SPELLING[id as Respelled] : id;
}

/** Explicit rows win: parameter defaults, for instance, break requests although body defaults do not. */
function expandSchemaRows(explicit: Record<string, Row>): [string, Row][] {
  const rows: [string, Row][] = [];
  for (const [name, c] of Object.entries(SCHEMA_CHANGES) as [string, SchemaChange][]) {
    for (const subject of SUBJECTS) {
      for (const dir of ['request', 'response'] as const) {
        const side = c[dir];
        if (!side || subject === (dir === 'request' ? 'header' : 'parameter')) continue;
        const expanded = `${dir}-${subject}-${name}`;
        if (expanded in explicit) continue;
        const id = catalogueSpelling(expanded);
        const [level, breaks, when] = side;
        const element = c.element ?? (subject === 'body' ? 'schema' : subject);
        const title = `${dir === 'request' ? 'Request' : 'Response'} ${subject}: ${c.title}`;
        const formerly = c.formerly ? [`${dir}-${subject}-${c.formerly}`] : id !== expanded ? [expanded] : undefined;
        rows.push([
          id,
          row(level, dir, c.action, element, title, c.message, { breaks, when, fix: c.fix, formerly, was: c.element ? undefined : KEYWORD_WAS[c.action] }),
        ]);
      }
    }
  }
  return rows;
}

function toInfo([id, r]: [string, Row]): RuleInfo {
  const info: RuleInfo = { ...r, id: id as RuleId, anchor: id };
  for (const k of Object.keys(info) as (keyof RuleInfo)[]) if (info[k] === undefined) delete info[k];
  return info;
}

export const RULES: readonly RuleInfo[] = [...Object.entries(EXPLICIT_RULES), ...expandSchemaRows(EXPLICIT_RULES)].map(toInfo);

const BY_ID = new Map<string, RuleInfo>();
for (const r of RULES) {
  if (BY_ID.has(r.id)) throw new Error(`rule id ${r.id} is defined twice`);
  BY_ID.set(r.id, r);
}
/** Former id -> the rules that answer to it now (one id may have been split, e.g. sunset-parse-error). */
const BY_FORMER_ID = new Map<string, RuleId[]>();
/** Rules about an element that was deprecated in the base (the variants the links lead to). */
const DEPRECATED_VARIANTS = new Set<string>();
/** Rule -> the rule that stands for it on a property not on the wire in its direction. */
const OFF_WIRE_VARIANTS = new Map<string, RuleId>();
for (const r of RULES) {
  if (r.offWireFor) {
    const of = BY_ID.get(r.offWireFor);
    if (!of || of.direction !== r.direction) throw new Error(`rule ${r.id} stands for unknown rule ${r.offWireFor} or one of another direction`);
    OFF_WIRE_VARIANTS.set(r.offWireFor, r.id);
  }
  for (const link of [r.deprecated, r.beforeSunset, r.sunsetParse, r.sunsetMissing, r.sunsetTooSmall]) {
    if (link && !BY_ID.has(link)) throw new Error(`rule ${r.id} links to unknown rule ${link}`);
    if (link) DEPRECATED_VARIANTS.add(link);
  }
  for (const old of r.formerly ?? []) {
    if (BY_ID.has(old)) throw new Error(`former id ${old} of ${r.id} is a rule of its own`);
    BY_FORMER_ID.set(old, [...(BY_FORMER_ID.get(old) ?? []), r.id]);
  }
}

export function ruleInfo(id: RuleId): RuleInfo {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown rule id ${id}`);
  return r;
}

/** True for a rule id or a former id (config files and settings may name either). */
export function hasRule(id: string): boolean {
  return BY_ID.has(id) || BY_FORMER_ID.has(id);
}

/** True when the rule is about an element deprecated in the base (deprecating it again is no fix). */
export function aboutDeprecated(id: RuleId): boolean {
  return DEPRECATED_VARIANTS.has(id);
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

/** The rules an id names: itself, or the rules a former id became. */
export function rulesNamed(id: string): RuleId[] {
  return BY_ID.has(id) ? [id as RuleId] : (BY_FORMER_ID.get(id) ?? []);
}

/** A level configured for a rule under its id or one of its former ids (the current id wins). */
export function configuredFor<T>(levels: Readonly<Record<string, T>> | undefined, id: RuleId): T | undefined {
  if (!levels) return undefined;
  const own = levels[id];
  if (own !== undefined) return own;
  for (const old of ruleInfo(id).formerly ?? []) if (levels[old] !== undefined) return levels[old];
  return undefined;
}

/** The verdict a circumstance gives a rule: the row's own `when`, else the one every rule gets, else none. */
function verdictIn(r: RuleInfo, circumstance: Circumstance | undefined): { level: Level; breaks?: string } | undefined {
  return circumstance ? (r.when?.[circumstance] ?? EVERY_RULE_WHEN[circumstance]) : undefined;
}

/** The rule's level for one change before configuration and policies (a closed schema can raise it). */
export function defaultLevel(id: RuleId, circumstance?: Circumstance): Level {
  const r = ruleInfo(id);
  return verdictIn(r, circumstance)?.level ?? r.level;
}

/** The id a change gets on a property not on the wire in its direction: the catalogue's own id where it has one. */
export function offWireVariant(id: RuleId): RuleId {
  return OFF_WIRE_VARIANTS.get(id) ?? id;
}

/** The id fingerprints are computed with: the first former id, so accepted changes survive a rename. */
export function fingerprintId(id: RuleId): string {
  return ruleInfo(id).formerly?.[0] ?? id;
}

/** The id a removal gets when the removed element was deprecated in the base. */
export function deprecatedVariant(id: RuleId): RuleId {
  return (ruleInfo(id).deprecated as RuleId | undefined) ?? id;
}

/** `<message>: <who breaks>`, with the template's `{name}`s filled from params (a missing one stays visible, and tests catch it). */
export function renderMessage(id: RuleId, params: MessageParams = {}, circumstance?: Circumstance): string {
  const r = ruleInfo(id);
  const special = verdictIn(r, circumstance);
  const breaks = special ? special.breaks : r.breaks;
  const template = breaks ? `${r.message ?? r.title}: ${breaks}` : (r.message ?? r.title);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** The element as related information and hover name it. */
const ELEMENT_NOUN: Record<RuleElement, string> = {
  path: 'path',
  webhook: 'webhook',
  callback: 'callback',
  operation: 'operation',
  parameter: 'parameter',
  header: 'header',
  'request-body': 'request body',
  'response-body': 'response body',
  'media-type': 'media type',
  status: 'response',
  property: 'property',
  schema: 'schema',
  'enum-value': 'enum value',
  security: 'security requirement',
  sunset: 'sunset date',
  stability: 'stability level',
  version: 'API version',
};

/**
 * What the base node a finding links to shows, in a few words after "openapi.yaml at HEAD 3f2a1c0, line 11:":
 * the row's `was` ("the parameter was optional"), else from its action and element ("the removed parameter").
 */
export function baseNote(id: RuleId): string {
  const r = ruleInfo(id);
  if (r.was) return r.was;
  const noun = ELEMENT_NOUN[r.element];
  return r.action === 'removed' ? `the removed ${noun}` : r.action === 'added' ? `before the ${noun} was added` : `the ${noun} before the change`;
}

/**
 * Rule id for a schema-level change seen through a subject, e.g. ("request", "property", "enum-value-removed").
 * Inside object-typed parameters the most specific id that exists wins (request-header-property-*, then
 * request-parameter-property-*), else the request-property-* id.
 */
export function schemaRuleId(direction: 'request' | 'response', subject: SchemaSubject, change: SchemaChangeId): RuleId {
  if (direction === 'response') {
    const s = subject === 'body' || subject === 'header' ? subject : 'property'; // a webhook's parameters read like properties
    const id = `response-${s}-${change}`;
    return catalogueSpelling(id) as RuleId;
  }
  if (subject === 'parameter-property' || subject === 'header-property') {
    for (const prefix of subject === 'header-property' ? HEADER_PROPERTY_PREFIXES : PARAMETER_PROPERTY_PREFIXES) {
      if (BY_ID.has(`${prefix}${change}`)) return `${prefix}${change}` as RuleId;
    }
    return `request-property-${change}` as RuleId;
  }
  return `request-${subject === 'header' || subject === 'header-parameter' ? 'parameter' : subject}-${change}` as RuleId;
}
const PARAMETER_PROPERTY_PREFIXES = ['request-parameter-property-'];
const HEADER_PROPERTY_PREFIXES = ['request-header-property-', 'request-parameter-property-'];

/**
 * Link to a rule's explanation: `docsUrl` with `{rule}` replaced by the id (an editor
 * that serves each rule's explanation itself, e.g. breakwater-view:/rules/{rule}.md),
 * else the rule's section in the rules document at `docsUrl` (file:///…/docs/rules.md).
 */
export function ruleDocUrl(id: RuleId, docsUrl: string): string {
  return docsUrl.includes('{rule}') ? docsUrl.replace('{rule}', encodeURIComponent(id)) : `${docsUrl}#${ruleInfo(id).anchor}`;
}

const LEVEL_WORDS: Record<Level, string> = { error: 'breaking', warning: 'possibly breaking', info: 'not breaking' };

/** The rules as a Markdown table (docs/rules.md adds each rule's explanation: explain.ts rulesDocument). */
export function rulesMarkdown(): string {
  const out = [
    '# Breakwater rules',
    '',
    'Generated from `server/src/engine/rules/registry.ts` (`npm run docs`). Levels: `error` = breaking, `warning` = possibly breaking, `info` = not breaking (changelog). Change a level in `.breakwater.yaml` (`rules: {rule-id: error|warning|info|off}`) or in the `breakwater.rules` setting.',
    '',
    'Inside a property clients do not see in that direction (a `readOnly` property of a request, a `writeOnly` property of a response, and everything nested in one) every change is info: nobody sends or reads it. Where the oasdiff catalogue has an id of its own for that (`request-read-only-property-*`, `response-write-only-property-*`, `response-*-write-only-property-*`), that id is reported.',
    '',
    '| rule | level | direction | what it means | who breaks |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of RULES) {
    const level = r.optIn ? `off until set (then e.g. ${r.level})` : `${r.level} (${LEVEL_WORDS[r.level]})`;
    out.push(`| [\`${r.id}\`](#${r.anchor}) | ${level} | ${r.direction} | ${r.title} | ${r.breaks ?? ''} |`);
  }
  out.push(
    '',
    '## Former ids',
    '',
    'Ids renamed to match the oasdiff rule catalogue. Configuration and settings naming a former id still apply to the rules below, and fingerprints (accepted changes) are unchanged.',
    '',
    '| former id | now |',
    '| --- | --- |',
  );
  for (const [old, ids] of BY_FORMER_ID) out.push(`| \`${old}\` | ${ids.map((id) => `[\`${id}\`](#${id})`).join(', ')} |`);
  return out.join('\n') + '\n';
}
