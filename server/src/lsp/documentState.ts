// What the server remembers per open document between checks.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Problem, SpecModel } from '../engine/index';
import type { BaseOutcome } from './base/baseResolver';
import type { ProjectConfig } from './projectConfig';
import type { StatusParams } from './protocol';
import type { RevisionParser } from './revisionParser';

/** A completed check of a version that parsed: what code actions, hover and the report read. */
export interface GoodCheck {
  version: number;
  text: string;
  file: string;
  findings: Finding[];
  problems: Problem[];
  base: Extract<BaseOutcome, { kind: 'ok' }>;
  revision: SpecModel;
  /** The findings' diagnostics, re-published (stale) while the text does not parse. */
  findingDiagnostics: Diagnostic[];
  config: ProjectConfig;
}

export class DocumentState {
  /** Incremented for every scheduled check; a running check whose number is no longer current stops. */
  seq = 0;
  timer?: NodeJS.Timeout;
  lastGood?: GoodCheck;
  lastStatus?: StatusParams;
  /** What the last completed check saw (version, base blob, options); an identical re-check is skipped. */
  lastInputKey?: string;
  lastDurationMs = 0;
  /** The base of the last check, for the base document and hover even when the revision does not parse. */
  base?: BaseOutcome;
  /** Keeps the last parse so edits are re-parsed incrementally. */
  parser?: RevisionParser;

  constructor(readonly uri: string) {}
}
