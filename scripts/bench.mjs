#!/usr/bin/env node
// `npm run bench`: performance scenarios on the real corpus, each figure reported
// with a baseline measured in the same run (this machine is shared and noisy, so
// ratios are what count). Prints a table and writes bench/results.json.
//
//   node scripts/bench.mjs [--runs N] [--edits N] [--only cli,engine,server,scaling] [--server path/to/server.js] [--cli path/to/cli.js] [--spec name] [--no-multifile] [--out file.json]
//
// --server and --cli measure another build of the language server or the CLI (e.g. an
// older checkout's dist/server.js) with the same scenarios, for before/after tables.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverScenarios } from './bench-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The shared corpus sits beside the main checkout (../shared) and two levels above a worktree (/work/wt/x).
const CORPUS = [resolve(ROOT, '../shared/corpus'), resolve(ROOT, '../../shared/corpus')].find((dir) => existsSync(dir)) ?? resolve(ROOT, '../shared/corpus');
const require = createRequire(join(ROOT, 'package.json'));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const argOf = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EDITS = Number(argOf('--edits') ?? 40);
const ONLY = new Set((argOf('--only') ?? 'cli,engine,server,scaling').split(','));
const SERVER_JS = resolve(argOf('--server') ?? join(ROOT, 'dist/server.js'));
const CLI_JS = resolve(argOf('--cli') ?? join(ROOT, 'dist/cli.js'));
const OUT = resolve(argOf('--out') ?? join(ROOT, 'bench/results.json'));

if (!existsSync(join(ROOT, 'out/server/src/engine/index.js')) || !existsSync(join(ROOT, 'dist/cli.js')) || !existsSync(join(ROOT, 'dist/server.js'))) {
  spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
}
const engine = require('./out/server/src/engine/index.js');
const { reparse } = require('./out/server/src/engine/parse/incremental.js');
const { parseText } = require('./out/server/src/engine/parse/parseText.js');
const { buildModel } = require('./out/server/src/engine/model/buildModel.js');
const YAML = require('yaml');

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { min: s[0], median: q(0.5), p95: q(0.95), max: s[s.length - 1], n: s.length };
}

function time(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const rows = [];
function record(scenario, unit, samples, baseline) {
  const st = stats(samples);
  rows.push({ scenario, unit, ...st, baselineMedian: baseline ?? null, ratio: baseline ? st.median / baseline : null });
}

if (!existsSync(CORPUS)) {
  console.log(`bench: corpus not found at ${CORPUS}; nothing to measure`);
  process.exit(0);
}

// 1. Cold CLI diff of the Stripe pair vs parsing both files with yaml.parseDocument.
let parseMedian;
if (ONLY.has('cli')) {
  const pairDir = join(CORPUS, 'pairs/01-stripe-blik-mandate-removal');
  const baseText = readFileSync(join(pairDir, 'base.yaml'), 'utf8');
  const revText = readFileSync(join(pairDir, 'revision.yaml'), 'utf8');
  const parseBaseline = [];
  for (let i = 0; i < RUNS; i++)
    parseBaseline.push(
      time(() => {
        YAML.parseDocument(baseText);
        YAML.parseDocument(revText);
      }),
    );
  parseMedian = stats(parseBaseline).median;
  record('baseline: yaml.parseDocument of both Stripe files (in-process)', 'ms', parseBaseline);
  // The CLI is a fresh process; measure the same parse in a fresh process too, so start-up is in both.
  const baselineProc = [];
  const cliProc = [];
  const cliRss = [];
  const script = `const Y=require(${JSON.stringify(require.resolve('yaml'))});const fs=require('fs');Y.parseDocument(fs.readFileSync(process.argv[1],'utf8'));Y.parseDocument(fs.readFileSync(process.argv[2],'utf8'));`;
  for (let i = 0; i < RUNS; i++) {
    baselineProc.push(time(() => spawnSync(process.execPath, ['-e', script, join(pairDir, 'base.yaml'), join(pairDir, 'revision.yaml')])));
    let out;
    cliProc.push(
      time(() => {
        out = spawnSync(
          process.execPath,
          ['-r', join(ROOT, 'scripts/bench-rss.cjs'), CLI_JS, 'diff', join(pairDir, 'base.yaml'), join(pairDir, 'revision.yaml'), '--format', 'json'],
          { maxBuffer: 1 << 28 },
        );
      }),
    );
    const m = String(out.stderr).match(/BENCH_MAXRSS_KB=(\d+)/);
    if (m) cliRss.push(Number(m[1]) / 1024);
  }
  const baselineProcMedian = stats(baselineProc).median;
  record('baseline: node process parsing both Stripe files with yaml', 'ms', baselineProc);
  record('CLI cold diff, Stripe pair 01 (4 MB each side)', 'ms', cliProc, baselineProcMedian);
  if (cliRss.length) record('CLI peak RSS, Stripe pair 01', 'MB', cliRss);

  // The same pair as JSON (converted here, in a temporary folder): JSON is parsed by jsonc-parser, not yaml.
  const jsonDir = mkdtempSync(join(tmpdir(), 'bw-bench-json-'));
  try {
    const baseJson = join(jsonDir, 'base.json');
    const revJson = join(jsonDir, 'revision.json');
    writeFileSync(baseJson, JSON.stringify(YAML.parse(baseText, { maxAliasCount: -1 }), null, 2));
    writeFileSync(revJson, JSON.stringify(YAML.parse(revText, { maxAliasCount: -1 }), null, 2));
    const jsonBaseline = [];
    const jsonCli = [];
    for (let i = 0; i < RUNS; i++) {
      jsonBaseline.push(time(() => spawnSync(process.execPath, ['-e', script, baseJson, revJson])));
      jsonCli.push(time(() => spawnSync(process.execPath, [CLI_JS, 'diff', baseJson, revJson, '--format', 'json'], { maxBuffer: 1 << 28 })));
    }
    record('baseline: node process parsing both Stripe JSON files with yaml', 'ms', jsonBaseline);
    record('CLI cold diff, Stripe pair 01 as JSON (4 MB each side)', 'ms', jsonCli, stats(jsonBaseline).median);
  } finally {
    rmSync(jsonDir, { recursive: true, force: true });
  }
}

// The baseline of a single file: yaml.parseDocument of it in this process, measured once per run.
const LARGE = ['large/stripe-spec3.yaml', 'large/stripe-spec3.json', 'large/openai-openapi.json'];
const parseBaselines = new Map();
function parseBaselineOf(name) {
  if (!parseBaselines.has(name)) {
    const text = readFileSync(join(CORPUS, name), 'utf8');
    const fullParse = [];
    for (let i = 0; i < Math.max(2, Math.floor(RUNS / 2)); i++) fullParse.push(time(() => YAML.parseDocument(text)));
    record(`baseline: yaml.parseDocument ${name}`, 'ms', fullParse);
    parseBaselines.set(name, stats(fullParse).median);
  }
  return parseBaselines.get(name);
}

// 2. Warm re-check after a one-line edit (base model cached), in-process: incremental re-parse + model + diff.
for (const name of ONLY.has('engine') ? LARGE : []) {
  const file = join(CORPUS, name);
  const text = readFileSync(file, 'utf8');
  const baseline = parseBaselineOf(name);
  const base = engine.loadModel({ text, file }, 'base');
  let parsed = parseText(text, file);
  // As in the server's worker: the diff is kept between checks (after its first, full run) and redone only where edits land.
  const live = new engine.LiveDiff();
  engine.compareModels(base, buildModel({ file, parsed, root: parsed.root, version: base.version, problems: [] }), {}, live);
  const warm = [];
  let modes = { fragment: 0, full: 0 };
  const diffModes = { full: 0, incremental: 0 };
  let at = 0;
  for (let i = 0; i < 40; i++) {
    // Type one character into a description key somewhere else in the file each time (offsets from the current text).
    at = parsed.text.indexOf('description', at + Math.floor(text.length / 45));
    if (at === -1) at = parsed.text.indexOf('description');
    warm.push(
      time(() => {
        const r = reparse(parsed, { start: at + 2, end: at + 2, newText: 'x' }, file);
        modes[r.mode]++;
        parsed = r.parsed;
        const spec = { file, parsed, root: parsed.root, version: base.version, problems: [] };
        const model = buildModel(spec);
        const outcome = live.diff(base, model);
        diffModes[outcome.mode]++;
        engine.compareModels(base, model, {}, { diff: () => outcome });
      }),
    );
  }
  record(
    `engine: warm re-check after a one-line edit, ${name} (parse: ${modes.fragment} incremental, ${modes.full} full; diff: ${diffModes.incremental} incremental, ${diffModes.full} full)`,
    'ms',
    warm,
    baseline,
  );
}

// 3. The same through the real language server: latency, memory, event-loop blocking.
if (ONLY.has('server')) {
  if (!existsSync(SERVER_JS)) throw new Error(`bench: ${SERVER_JS} not found`);
  console.log(`server scenarios with ${SERVER_JS} (${EDITS} edits per spec)`);
  await serverScenarios({
    root: ROOT,
    serverJs: SERVER_JS,
    specs: LARGE.filter((name) => !argOf('--spec') || name.includes(argOf('--spec'))).map((name) => ({
      name,
      file: join(CORPUS, name),
      parseBaselineMs: parseBaselineOf(name),
    })),
    edits: EDITS,
    corpus: CORPUS,
    record,
    log: (m) => console.log(m),
  });
}

// 4. Linear growth: a synthetic spec 10x larger than another.
function synthetic(n) {
  let s = 'openapi: 3.0.3\ninfo: {title: synth, version: 1.0.0}\npaths:\n';
  for (let i = 0; i < n; i++)
    s += `  /r${i}/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S${i}'}\n`;
  s += 'components:\n  schemas:\n';
  for (let i = 0; i < n; i++)
    s += `    S${i}:\n      type: object\n      required: [a]\n      properties:\n        a: {type: string, maxLength: 10}\n        b: {type: integer, enum: [1, 2, 3]}\n        next: {$ref: '#/components/schemas/S${(i + 1) % n}'}\n`;
  return s;
}
for (const n of ONLY.has('scaling') ? [200, 2000] : []) {
  const b = synthetic(n);
  const r = b.replace('maxLength: 10', 'maxLength: 5');
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(time(() => engine.compareSpecs({ text: b, file: 'b.yaml' }, { text: r, file: 'r.yaml' })));
  record(`synthetic spec, ${n} operations (${(b.length / 1e6).toFixed(2)} MB)`, 'ms', samples);
}
const small = rows.find((x) => x.scenario.startsWith('synthetic spec, 200 '));
const large = rows.find((x) => x.scenario.startsWith('synthetic spec, 2000 '));
if (small && large) {
  large.baselineMedian = small.median;
  large.ratio = large.median / small.median;
}

// Output
const fmt = (v) => (v === null || v === undefined ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const header = ['scenario', 'unit', 'min', 'median', 'p95', 'max', 'baseline', 'ratio'];
const table = rows.map((r) => [
  r.scenario,
  r.unit,
  fmt(r.min),
  fmt(r.median),
  fmt(r.p95),
  fmt(r.max),
  fmt(r.baselineMedian),
  r.ratio ? r.ratio.toFixed(2) + 'x' : '',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const t of table) console.log(line(t));
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(
  OUT,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: RUNS, edits: EDITS, server: SERVER_JS, rows }, null, 2) + '\n',
);
console.log(`\nwrote ${OUT}${parseMedian ? ` (in-process parse baseline median ${fmt(parseMedian)} ms)` : ''}`);
