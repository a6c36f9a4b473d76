// The server checks in a worker thread that keeps parsed trees between checks and
// receives only the edits. Whatever the edits, the diagnostics of a document edited
// step by step must be those of a fresh open of the same text; and a check slower
// than breakwater.performance.budgetMs is reported in the status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import { singleEdit } from '../../server/src/workspace/revisionParser';
import { TestClient } from '../support/lspClient';
import { seeded, type Rand } from '../support/mutate';
import { TempRepo } from '../support/tempRepo';
import { PETS_YAML, EDITS } from './fixtures';

const PAIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'pairs', '05-twilio-insights-v1-response-enum-narrowed');
/** Per format: random edits go on until this much time is spent (bounded, whatever the machine). */
const BUDGET_MS = 9_000;
/** How a stale finding's message starts (lsp/diagnostics.ts markStale). */
const STALE = 'Stale: ';

async function withClient<T>(root: string, fn: (c: TestClient) => Promise<T>): Promise<T> {
  const client = new TestClient();
  try {
    await client.initialize(pathToFileURL(root).toString());
    return await fn(client);
  } finally {
    await client.dispose();
  }
}

/** One random edit of the kinds a user makes, including ones that break the syntax (a later one often repairs it). */
function randomEdit(text: string, rand: Rand, good: string): string {
  const lines = text.split('\n');
  // Keep the openapi line: without it the document stops being a spec, which a fresh open (rightly) ignores.
  const pick = () => {
    for (;;) {
      const i = Math.floor(rand() * lines.length);
      if (!/openapi|swagger/.test(lines[i])) return i;
    }
  };
  const i = pick();
  const line = lines[i];
  const at = Math.floor(rand() * (line.length + 1));
  switch (Math.floor(rand() * 9)) {
    case 0: // type a character
      lines[i] = line.slice(0, at) + 'xyz: -{'[Math.floor(rand() * 7)] + line.slice(at);
      break;
    case 1: // delete a character
      lines[i] = line.slice(0, at) + line.slice(at + 1);
      break;
    case 2: // rename a key
      lines[i] = line.replace(/^(\s*"?)([A-Za-z_]+)/, (_m, pre: string, key: string) => pre + key + 'X');
      break;
    case 3:
      lines.splice(i, 1);
      break;
    case 4:
      lines.splice(i, 0, line);
      break;
    case 5: // indent or dedent
      lines[i] = rand() < 0.5 ? '  ' + line : line.replace(/^ {1,2}/, '');
      break;
    case 6: // change a value
      lines[i] = line.replace(/: (\S+)$/, ': changed');
      break;
    default:
      // Undo everything since the last text that parsed: the repair a user makes after a typo.
      return good;
  }
  return lines.join('\n');
}

/** Diagnostics compared across documents: the URI and name of the other document are replaced, stale ones left out. */
function normalised(diags: Diagnostic[], uri: string): string[] {
  return diags
    .filter((d) => !(typeof d.message === 'string' && d.message.startsWith(STALE)))
    .map((d) =>
      JSON.stringify(d)
        .split(uri.replace(/^file:/, ''))
        .join('<doc>')
        // Related information names the base file ("spec.yaml at HEAD 3f2a1c0, line 4: ...").
        .split(uri.replace(/^.*\//, ''))
        .join('<doc>'),
    )
    .sort();
}

// YAML starts from the revision of the pair (findings from the start); JSON from the base itself, so its
// tree is a copy of the base's (the server's path for a spec opened unchanged).
for (const format of ['yaml', 'json'] as const) {
  test(
    `${format}: random edits through the server give the diagnostics of a fresh open of the same text`,
    { skip: existsSync(PAIR) ? false : `corpus not found at ${PAIR}`, timeout: 120_000 },
    async (t) => {
      const render = (yamlText: string) => (format === 'yaml' ? yamlText : JSON.stringify(parse(yamlText), null, 2) + '\n');
      const base = render(readFileSync(resolve(PAIR, 'base.yaml'), 'utf8'));
      const revision = render(readFileSync(resolve(PAIR, 'revision.yaml'), 'utf8'));
      const repo = new TempRepo({ [`spec.${format}`]: base, [`fresh.${format}`]: base });
      try {
        await withClient(repo.root, async (c) => {
          const uri = repo.uri(`spec.${format}`);
          const freshUri = repo.uri(`fresh.${format}`);
          const start = format === 'yaml' ? revision : base;
          c.open(uri, start);
          await c.waitForDiagnostics(uri, (d) => (start === revision ? d.length > 0 : d.length === 0), 'the first check', 60_000);
          const rand = seeded(format === 'yaml' ? 11 : 12);
          let good = start;
          let steps = 0;
          let compared = 0;
          const started = Date.now();
          while (Date.now() - started < BUDGET_MS) {
            // A burst of 1-3 edits before the check, so the worker merges several changes into one re-parse.
            const burst = 1 + Math.floor(rand() * 3);
            for (let b = 0; b < burst; b++) {
              const before = c.text(uri);
              const after = randomEdit(before, rand, good);
              if (after === before) continue;
              const e = singleEdit(before, after);
              const doc = TextDocument.create(uri, format, 0, before);
              c.edit(uri, [{ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }]);
              steps++;
            }
            const diags = await c.waitForDiagnostics(uri, () => true, `diagnostics after step ${steps}`, 60_000);
            const text = c.text(uri);
            if (!diags.some((d) => d.code === 'syntax-error' || d.code === 'incomplete-spec' || d.code === 'check-failed')) good = text;
            // The same text opened fresh: a full parse and a model built from scratch.
            c.open(freshUri, text);
            const fresh = await c.waitForDiagnostics(freshUri, () => true, `fresh diagnostics after step ${steps}`, 60_000);
            assert.deepEqual(normalised(fresh, freshUri), normalised(diags, uri), `step ${steps}: incremental and fresh results differ`);
            c.close(freshUri);
            compared++;
          }
          t.diagnostic(`${steps} edits, ${compared} comparisons with a fresh open`);
          assert.ok(compared >= 3, 'enough rounds ran to mean something');
        });
      } finally {
        repo.cleanup();
      }
    },
  );
}

test('a check slower than breakwater.performance.budgetMs turns the status into a warning naming the file', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  try {
    await withClient(repo.root, async (c) => {
      c.settings = { performance: { budgetMs: 1 } };
      const uri = repo.uri('openapi.yaml');
      c.open(uri, EDITS.removeName(PETS_YAML));
      const slow = await c.waitForStatus(uri, (s) => s.state === 'ok');
      const over = (slow as { overBudget?: { file: string; checkMs: number; budgetMs: number } }).overBudget;
      assert.ok(over, `over budget: ${JSON.stringify(slow)}`);
      assert.equal(over.file, repo.path('openapi.yaml'));
      assert.equal(over.budgetMs, 1);
      assert.ok(over.checkMs > 1);
      // A generous budget: the next check is within it and the warning goes away.
      c.changeSettings({ performance: { budgetMs: 600_000 } });
      const fine = await c.waitForStatus(uri, (s) => s.checkedAt !== slow.checkedAt || s.durationMs !== slow.durationMs);
      assert.equal((fine as { overBudget?: unknown }).overBudget, undefined);
      assert.ok(
        c.log.some((l) => /slow check: .*openapi\.yaml took \d+ ms \(budget 1 ms/.test(l)),
        'the server log says so too',
      );
    });
  } finally {
    repo.cleanup();
  }
});
