// Public shapes of the engine. Everything here is plain data so the CLI, the
// language server and tests can share it; nothing imports vscode or LSP types.
import type { RuleId } from './rules/registry';

/** error = breaking, warning = possibly breaking, info = not breaking (changelog). */
export type Level = 'error' | 'warning' | 'info';
/** A configured level; `off` hides the rule. */
export type ConfiguredLevel = Level | 'off';

/** Which way data flows through the changed node; decides whether narrowing or widening breaks. */
export type Direction = 'request' | 'response' | 'none';

/** A 1-based line/column position in one file, as in the CLI's JSON output. */
export interface FilePosition {
  file: string;
  line: number;
  column: number;
}

/** A 0-based offset range into a document's text. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface SideLocation extends FilePosition {
  /** JSON pointer of the node on this side. */
  pointer: string;
  /** 0-based offsets of the node's key (or of the node itself when it has no key). */
  keyRange: OffsetRange;
  /** 0-based offsets of the whole node (key and value). */
  nodeRange: OffsetRange;
}

/** What a fix needs to know about a finding; filled in by the diff, read by fixes.ts. */
export interface FixHint {
  kind:
    | 'removed-node' // a map entry removed: base pointer of the entry, rev pointer of the surviving parent map
    | 'removed-array-item' // an array item (parameter object, enum value) removed
    | 'became-required' // property/parameter became required
    | 'new-required' // new required property/parameter
    | 'value-changed'; // a scalar value changed (type, enum, default...): restore base value
  /** For removed-node: the key that was removed from the parent map. */
  key?: string;
  /** For required changes: the property name listed in `required`. */
  propertyName?: string;
}

export interface Finding {
  rule: RuleId;
  level: Level;
  /** One sentence: what changed, where, and who breaks. */
  message: string;
  /** The operations this change affects, e.g. "GET /pets/{}". First is the main one. */
  operations: string[];
  /** Display form of the first operation ("GET /pets/{petId}"), or null for spec-level changes. */
  operation: string | null;
  /** JSON pointer into the revision where the change is (nearest surviving parent for removals). */
  pointer: string;
  base: SideLocation | null;
  revision: SideLocation | null;
  /** Stable id: rule + structural location; does not change when unrelated lines move. */
  fingerprint: string;
  direction: Direction;
  fix?: FixHint;
  /** Set by policies when they changed the level, e.g. "allowed: deprecated in base". */
  policyNote?: string;
}

/** Something wrong with a spec itself; never a finding, never changes the exit code. */
export interface Problem {
  message: string;
  file: string;
  line: number;
  column: number;
  /** Offsets, for editors. */
  range?: OffsetRange;
  severity: 'error' | 'warning';
}

export interface CheckResult {
  findings: Finding[];
  problems: Problem[];
  summary: Record<Level, number>;
}

/** Per-rule overrides and accepted fingerprints; policies in .breakwater.yaml extend this. */
export interface CheckOptions {
  ruleLevels?: Record<string, ConfiguredLevel>;
  /** Fingerprints that are accepted (not reported). */
  accepted?: string[];
  policies?: PolicyOptions;
}

/** How teams evolve APIs (.breakwater.yaml `policies`); every part has a sensible default. */
/** How the server treats request properties its schemas do not declare (see PolicyOptions.unknownProperties). */
export const UNKNOWN_PROPERTIES_POLICIES = ['declared', 'closed-bodies', 'rejected'] as const;
export type UnknownPropertiesPolicy = (typeof UNKNOWN_PROPERTIES_POLICIES)[number];

export interface PolicyOptions {
  deprecation?: {
    /** Extensions holding a sunset date on a deprecated element (default ["x-sunset"]). */
    sunsetExtensions?: string[];
    /** When > 0, deprecating something requires a sunset at least this many days ahead (both stability levels below). */
    minDays?: number;
    /** Grace period per stability level of the deprecated element (default minDays; draft and alpha need none). */
    days?: { beta?: number; stable?: number };
    /** Removing a deprecated element after its sunset: no finding (`off`, default) or an info finding. */
    afterSunset?: 'off' | 'info';
    /** Changes inside an operation deprecated in the base: one level lower (`lower`, default) or as usual (`same`). */
    inDeprecatedOperation?: 'lower' | 'same';
  };
  majorVersion?: {
    /** Breaking changes are allowed when info.version's major goes up (default true). */
    enabled?: boolean;
    /** The level they drop to (default info). */
    level?: Level;
  };
  stability?: {
    /** Extension holding the stability level (default "x-stability-level"). */
    extension?: string;
    /** Levels whose operations are not checked (default ["draft", "alpha"]). */
    excludedLevels?: string[];
    /** Extensions that, when true on an operation, exclude it (e.g. ["x-internal"]). */
    excludeFlags?: string[];
  };
  /**
   * Whether the server rejects request properties a schema does not declare: only where the schema
   * says so with `additionalProperties: false` / `unevaluatedProperties: false` (`declared`); also
   * throughout a request body whose schema says so at its top (`closed-bodies`, default: an API that closes
   * its bodies validates them strictly, as Stripe's does, though nested objects do not repeat it); or at
   * any depth whatever the schema says (`rejected`: a server that validates every request strictly).
   */
  unknownProperties?: UnknownPropertiesPolicy;
  /** "Today" as YYYY-MM-DD, for reproducible sunset checks (default: the real date). */
  today?: string;
}

/** Raised for input that cannot be compared at all (not OpenAPI, unsupported version, unparsable). */
export class SpecInputError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'SpecInputError';
  }
}
