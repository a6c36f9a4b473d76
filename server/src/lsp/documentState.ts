// What the server's main thread remembers per open document between checks. The
// parsed trees and models live in the check worker; this is what hover, the report,
// code actions and the status item read without asking it.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Problem } from '../engine/index';
import type { BaseOutcome } from '../workspace/base/baseResolver';
import type { ProjectConfig } from '../workspace/projectConfig';
import type { StatusParams } from '../../../protocol/src/protocol';
import { TypingDelay } from './typingDelay';

/** A completed check of a version that parsed. */
export interface GoodCheck {
  version: number;
  file: string;
  findings: Finding[];
  problems: Problem[];
  /** The base it was compared with: label and text (hover snippets, the base document), and its format. */
  base: { label: string; text: string; format: 'yaml' | 'json' };
  /** The findings' diagnostics, re-published (stale) when a check fails. */
  findingDiagnostics: Diagnostic[];
  /** Files the revision read through `$ref`s. */
  refFiles: string[];
  /** Open documents (URI -> editor version) the check read instead of the disk: a finding shown in one belongs to that version. */
  refVersions: Map<string, number>;
  /** Hover snippets (by fingerprint) of findings whose base node is in another file. */
  externalSnippets: Map<string, string>;
  config: ProjectConfig;
}

export class DocumentState {
  /** The token of the newest scheduled check; a running check whose token is no longer current stops. */
  seq = 0;
  timer?: NodeJS.Timeout;
  lastGood?: GoodCheck;
  lastStatus?: StatusParams;
  /** What the last completed check saw (version, base blob, options); an identical re-check is skipped. */
  lastInputKey?: string;
  /** The wait after a keystroke, following how long this document's checks take. */
  readonly typingDelay = new TypingDelay();
  /** The typing delay that preceded the check being run (undefined: it was not started by typing). */
  delayMs?: number;
  /** Opened unchanged: its empty result is shown and the worker's first parse of it is still running. */
  firstParse = false;
  /** The base of the last check, for the base document and hover even when the revision does not parse. */
  base?: BaseOutcome;

  /** `slot`: where the worker reads this document's current token (-1: none). */
  constructor(
    readonly uri: string,
    readonly slot: number,
  ) {}
}
