// Real specs through the built CLI, timed: the 4 MB Stripe pair with time and peak
// memory from --stats, and the 2,100-file DigitalOcean spec checked against git
// (every referenced file read at the base commit). Skipped without the corpus.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TempRepo } from '../support/tempRepo';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const CORPUS = resolve(__dirname, '../../../../shared/corpus');
const PAIRS = join(CORPUS, 'pairs');

function cli(args: string[], cwd: string) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function stats(stderr: string): { totalMs: number; rssMb: number } {
  const m = /total (\d+) ms .* peak RSS ([\d.]+) MB/.exec(stderr);
  assert.ok(m, `no stats line in: ${stderr}`);
  return { totalMs: Number(m[1]), rssMb: Number(m[2]) };
}

test('Stripe pair 01 (4 MB YAML each side): time and peak memory', (t) => {
  const pair = join(PAIRS, '01-stripe-blik-mandate-removal');
  if (!existsSync(pair)) return t.skip(`corpus not found at ${CORPUS}`);
  const r = cli(['diff', 'base.yaml', 'revision.yaml', '--format', 'json', '--stats'], pair);
  assert.equal(r.code, 1, r.stderr); // errors: request properties removed inside closed form bodies
  const s = stats(r.stderr);
  const summary = JSON.parse(r.stdout).summary;
  console.log(`stripe pair 01: ${r.ms} ms wall, ${s.totalMs} ms in the CLI, peak RSS ${s.rssMb} MB, summary ${JSON.stringify(summary)}`);
  assert.ok(summary.error > 0 && summary.warning > 0);
  // Generous ceilings: they catch a quadratic walk or a full expansion of the spec, not machine noise.
  assert.ok(s.totalMs < 30_000, `${s.totalMs} ms`);
  assert.ok(s.rssMb < 1024, `${s.rssMb} MB`);
});

test('DigitalOcean multi-file spec checked against git: referenced files read at the base commit', (t) => {
  const pair = join(PAIRS, '16-digitalocean-multifile-lb-tls-cipher-enum');
  if (!existsSync(pair)) return t.skip(`corpus not found at ${CORPUS}`);
  const repo = new TempRepo();
  after(() => repo.cleanup());
  cpSync(join(pair, 'base'), join(repo.root, 'specification'), { recursive: true });
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'base');
  // The revision over the base: the one changed model file deep in the tree.
  rmSync(join(repo.root, 'specification'), { recursive: true });
  cpSync(join(pair, 'revision'), join(repo.root, 'specification'), { recursive: true });
  const r = cli(['check', 'specification', '--format', 'json', '--stats'], repo.root);
  assert.equal(r.code, 1, r.stderr);
  const s = stats(r.stderr);
  const findings = JSON.parse(r.stdout).findings as { rule: string; level: string; message: string; revision: { file: string } }[];
  console.log(`digitalocean check (git base, ${/(\d+) files/.exec(r.stderr)?.[1]} files): ${r.ms} ms wall, peak RSS ${s.rssMb} MB`);
  const weak = findings.find((f) => f.rule === 'request-property-enum-value-removed');
  assert.ok(weak, JSON.stringify(findings.map((f) => f.rule)));
  assert.equal(weak.level, 'error');
  assert.match(weak.message, /"WEAK".*POST \/v2\/load_balancers/);
  assert.equal(weak.revision.file, 'specification/resources/load_balancers/models/load_balancer_base.yml');
  assert.equal(findings.filter((f) => f.level === 'error').length, 1, 'nothing else differs');
});
