// Fuzz through the real language server over stdio: mutated real specs (from
// ../shared/corpus) and small fixtures are sent as didChange (whole text, ranged
// edits, bursts), checked on save or after the debounce. After every change the
// server must answer with diagnostics for exactly that version within a bound
// (no hang), stay alive (no crash), never log an uncaught error or unhandled
// rejection, never fail a check internally, and keep answering requests. After
// the fuzz, each document's original text must be checked exactly as on open.
//
// `npm test` runs it for about 40 s; `npm run fuzz -- --iterations N` (which sets
// BREAKWATER_FUZZ_ITERATIONS) runs N mutations with no time limit and adds a 1.7 MB
// JSON spec. BREAKWATER_FUZZ_SEED picks another seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../support/lspClient';
import { seeded } from '../support/mutate';
import { percentile, ServerFuzzer, type FuzzDoc } from '../support/serverFuzz';
import { TempRepo } from '../support/tempRepo';
import { EDITS, FORMATS, PETS_YAML } from './fixtures';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const LONG = process.env.BREAKWATER_FUZZ_ITERATIONS !== undefined;
const ITERATIONS = LONG ? Number(process.env.BREAKWATER_FUZZ_ITERATIONS) : Infinity;
const TIME_BUDGET_MS = LONG ? Infinity : Number(process.env.BREAKWATER_FUZZ_SECONDS ?? 40) * 1000;
const SEED = Number(process.env.BREAKWATER_FUZZ_SEED ?? 20240601);
/** Longest one answer may take: far above a real check (tens of ms), far below "hung". */
const ANSWER_MS = 20_000;

/** Base committed, revision opened: real breaking changes are on screen while the fuzz runs. */
const CORPUS_PAIRS: [string, string][] = [
  ['pairs/12-netlify-hooks-new-required-query-param/base.yml', 'pairs/12-netlify-hooks-new-required-query-param/revision.yml'],
  ['pairs/03-twilio-events-v1-sinksid-removed/base.yaml', 'pairs/03-twilio-events-v1-sinksid-removed/revision.yaml'],
  ['small/oai-examples/v3.0/uspto.json', 'small/oai-examples/v3.0/uspto.json'],
];
if (LONG) CORPUS_PAIRS.push(['pairs/15-box-path-param-renamed/base.json', 'pairs/15-box-path-param-renamed/revision.json']);

/** Server log lines that mean something went wrong inside it. */
const TROUBLE = /uncaught|unhandled rejection|failed:|check worker (failed|stopped)|stopped \(exit code/i;

interface Source {
  rel: string;
  base: string;
  revision: string;
}

function sources(): { list: Source[]; missing?: string } {
  const pets: Source[] = FORMATS.map((f) => ({ rel: `fixtures/${f.file}`, base: f.render(PETS_YAML), revision: f.render(EDITS.removeName(PETS_YAML)) }));
  // JSON with comments, as VS Code users write it.
  const jsonc = FORMATS[1].render(PETS_YAML).replace('{\n', '{\n  // the pet store\n');
  pets.push({ rel: 'fixtures/api/commented.json', base: jsonc, revision: jsonc.replace('"summary": "List pets"', '"summary": "List pets" /* edited */') });
  if (!existsSync(corpus)) return { list: pets, missing: `corpus not found at ${corpus}: fuzzing the small fixtures only` };
  const real = CORPUS_PAIRS.map(([b, r]) => ({
    rel: `corpus/${b}`,
    base: readFileSync(path.join(corpus, b), 'utf8'),
    revision: readFileSync(path.join(corpus, r), 'utf8'),
  }));
  return { list: [...pets, ...real] };
}

test(
  'fuzz: the real server answers every mutated document, stays up and checks good text normally afterwards',
  { timeout: LONG ? Infinity : 180_000 },
  async (t) => {
    const { list, missing } = sources();
    if (missing) t.diagnostic(missing);
    const repo = new TempRepo(Object.fromEntries(list.map((s) => [s.rel, s.base])));
    const client = new TestClient();
    const rand = seeded(SEED);
    const fuzzer = new ServerFuzzer(client, rand, ANSWER_MS);
    let iteration = 0;
    let current: FuzzDoc | undefined;
    try {
      await client.initialize(pathToFileURL(repo.root).toString());
      const docs: FuzzDoc[] = [];
      for (const s of list) {
        const uri = repo.uri(s.rel);
        client.open(uri, s.revision);
        const baseline = await client.waitForDiagnostics(uri, () => true, `first check of ${s.rel}`, 60_000);
        assert.ok(
          !baseline.some((d) => d.code === 'syntax-error' || d.code === 'check-failed'),
          `${s.rel} is a good spec: ${JSON.stringify(baseline.slice(0, 2))}`,
        );
        docs.push({ uri, original: s.revision, baseline });
      }
      const started = Date.now();
      for (; iteration < ITERATIONS && Date.now() - started < TIME_BUDGET_MS; iteration++) {
        // Small documents more often: they are where most edge cases are cheap to reach.
        current = docs[rand() < 0.5 ? Math.floor(rand() * 3) : Math.floor(rand() * docs.length)];
        await fuzzer.step(current);
        assert.equal(client.exit, undefined, 'the server process is alive');
        const failed = client.diagnostics.get(current.uri)?.diagnostics.find((d) => d.code === 'check-failed');
        assert.equal(failed, undefined, `no check fails internally: ${failed?.message}`);
        if (iteration % 25 === 0) await answersRequests(client, current.uri);
        if (LONG && iteration % 500 === 0)
          t.diagnostic(`${iteration} mutations, p95 ${percentile(fuzzer.latencies, 0.95).toFixed(0)} ms, server RSS ${rssMb(client.pid)} MB`);
      }
      current = undefined;
      // Back to good text: exactly what the first check said.
      for (const d of docs) {
        client.setText(d.uri, d.original);
        const again = await client.waitForDiagnostics(d.uri, (x) => sameDiagnostics(x, d.baseline), `the original text of ${d.uri} checked as on open`, 60_000);
        assert.ok(sameDiagnostics(again, d.baseline));
      }
      const pets = docs[0];
      client.setText(pets.uri, PETS_YAML);
      await client.waitForDiagnostics(pets.uri, (x) => x.length === 0, 'the committed text: no findings');
      client.setText(pets.uri, EDITS.removeName(PETS_YAML));
      await client.waitForDiagnostics(pets.uri, (x) => x.some((d) => d.code === 'response-optional-property-removed'), 'a fresh breaking change is found');

      const trouble = client.log.filter((l) => TROUBLE.test(l));
      assert.deepEqual(trouble, [], 'no uncaught errors, unhandled rejections or failed checks in the server log');
      assert.equal(client.stderrText, '', 'nothing on stderr');
      assert.deepEqual(client.applyEditRequests, [], 'the server never edits a document on its own');
      const summary = {
        seed: SEED,
        iterations: iteration,
        documents: docs.length,
        answerMs: {
          p50: Math.round(percentile(fuzzer.latencies, 0.5)),
          p95: Math.round(percentile(fuzzer.latencies, 0.95)),
          max: Math.round(Math.max(...fuzzer.latencies)),
        },
        serverRssMb: rssMb(client.pid),
        mutations: fuzzer.mutations,
        answers: fuzzer.outcomes,
      };
      t.diagnostic(`fuzz server: ${JSON.stringify(summary)}`);
      console.log(`fuzz server: ${JSON.stringify(summary)}`);
      assert.ok(iteration >= (LONG ? ITERATIONS : 50), `enough mutations ran: ${iteration}`);
    } catch (e) {
      if (current) dumpFailure(current, client, iteration, e);
      throw e;
    } finally {
      await client.dispose();
      repo.cleanup();
    }
  },
);

/** Hover and code actions still answer (the server is not stuck behind a check). */
async function answersRequests(client: TestClient, uri: string): Promise<void> {
  const bounded = <T>(p: Promise<T>, what: string) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} not answered within 10 s`)), 10_000))]);
  await bounded(client.hover(uri, 1, 1), 'hover');
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  await bounded(client.codeActions(uri, range, client.diagnostics.get(uri)?.diagnostics ?? []), 'code actions');
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}:${d.message}`;
  return JSON.stringify(a.map(key).sort()) === JSON.stringify(b.map(key).sort());
}

function rssMb(pid: number | undefined): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** The text that broke it, for reproduction (test-output/ is not committed). */
function dumpFailure(doc: FuzzDoc, client: TestClient, iteration: number, e: unknown): void {
  const dir = path.join(repoRoot, 'test-output');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `fuzz-server-failure-${SEED}-${iteration}.txt`);
  let text = '';
  try {
    text = client.text(doc.uri);
  } catch {
    // not open
  }
  writeFileSync(
    file,
    `seed ${SEED}, iteration ${iteration}, ${doc.uri}\n${String(e)}\n--- server log (last 30)\n${client.log.slice(-30).join('\n')}\n--- text\n${text}`,
  );
  console.error(`fuzz failure written to ${file}`);
}
