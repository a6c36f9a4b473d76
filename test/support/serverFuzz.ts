// Drives the real language server with mutated documents and checks, after every
// change, that it answered: a publishDiagnostics for exactly the version sent,
// within a bound, from a process that is still alive. Used by the fuzz test.
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mutate, type Mutation, type Rand } from './mutate';
import type { TestClient } from './lspClient';

export interface FuzzDoc {
  uri: string;
  /** The text it was opened with (a known good spec). */
  original: string;
  /** What the server published for `original` on open: a later good check must say the same. */
  baseline: Diagnostic[];
}

/** How a change was sent and how the server had to be nudged to check it. */
export type Delivery = 'full' | 'ranged' | 'burst';
export type Trigger = 'save' | 'debounce';

export interface Step {
  doc: FuzzDoc;
  mutation: Mutation;
  delivery: Delivery;
  trigger: Trigger;
  text: string;
}

export class ServerFuzzer {
  readonly latencies: number[] = [];
  readonly outcomes: Record<string, number> = {};
  readonly mutations: Record<string, number> = {};

  constructor(
    private readonly client: TestClient,
    private readonly rand: Rand,
    /** Longest a single answer may take before the server counts as hung. */
    private readonly answerMs: number,
  ) {}

  /** One mutation of `doc` (or a burst of a few), sent and answered. */
  async step(doc: FuzzDoc): Promise<Step> {
    const burst = this.rand() < 0.1 ? 2 + Math.floor(this.rand() * 5) : 1;
    let last: Step | undefined;
    for (let i = 0; i < burst; i++) {
      const from = this.rand() < 0.5 ? doc.original : this.client.text(doc.uri);
      const m = mutate(from, this.rand);
      const delivery: Delivery = burst > 1 ? 'burst' : this.rand() < 0.5 ? 'full' : 'ranged';
      this.send(doc.uri, m.text, delivery);
      this.mutations[m.mutation] = (this.mutations[m.mutation] ?? 0) + 1;
      last = { doc, mutation: m.mutation, delivery, trigger: 'debounce', text: m.text };
    }
    // Saving checks at once; typing waits for the debounce. Both paths must answer.
    const trigger: Trigger = this.rand() < 0.8 ? 'save' : 'debounce';
    if (trigger === 'save') void this.client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
    const step = { ...last!, trigger };
    await this.answered(step);
    return step;
  }

  /** Waits for diagnostics of the document's current version; records latency and what kind of answer it was. */
  async answered(step: Step): Promise<Diagnostic[]> {
    const t0 = performance.now();
    const diags = await this.client.waitForDiagnostics(
      step.doc.uri,
      () => true,
      `an answer to ${step.mutation} (${step.delivery}, ${step.trigger})`,
      this.answerMs,
    );
    this.latencies.push(performance.now() - t0);
    const kind = diags.length === 0 ? 'clean' : String(diags[0].code);
    this.outcomes[kind] = (this.outcomes[kind] ?? 0) + 1;
    return diags;
  }

  private send(uri: string, text: string, delivery: Delivery): void {
    if (delivery !== 'ranged') return this.client.setText(uri, text);
    this.client.edit(uri, [singleEdit(TextDocument.create(uri, 'yaml', 0, this.client.text(uri)), text)]);
  }
}

/** The one ranged replacement that turns `before` into `after` (common prefix and suffix kept). */
export function singleEdit(before: TextDocument, after: string): TextEdit {
  const old = before.getText();
  const max = Math.min(old.length, after.length);
  let p = 0;
  while (p < max && old.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // Ranges are in UTF-16 units like the text: a split surrogate pair is still a valid range.
  return { range: { start: before.positionAt(p), end: before.positionAt(old.length - s) }, newText: after.slice(p, after.length - s) };
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
