// Accuracy on 17 real version pairs (../shared/corpus/pairs): every verdict in
// pairs.json is matched, every change marked breaking there is reported at error or
// warning, and non-breaking pairs have no error. The expectations below are written
// from pairs.json's descriptions (rule family + where), not from our output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const CORPUS = resolve(__dirname, '../../../../shared/corpus');

interface OutFinding {
  rule: string;
  level: string;
  message: string;
  operation: string | null;
  pointer: string;
  revision: { file: string } | null;
}

/** One expectation per breaking change in pairs.json: a rule family and words from its "where"/"what". */
/** Changes pairs.json calls "arguable": the spec cannot decide, so each must be a warning (possibly breaking), not missed. */
const ARGUABLE: Record<string, { rule: RegExp; text: RegExp }[]> = {
  '07-twilio-trunking-v1-capabilities-and-202': [{ rule: /^response-property-format-changed$/, text: /capabilities changed format from "string-map"/ }],
};

const EXPECTED: Record<string, { rule: RegExp; text: RegExp }[]> = {
  '01-stripe-blik-mandate-removal': [
    { rule: /^request-property-removed$/, text: /"mandate_options".*POST \/v1\/payment_intents/ },
    { rule: /^request-property-removed$/, text: /"blik".*POST \/v1\/setup_intents/ },
    { rule: /^response-(optional|required)-property-removed$/, text: /"blik" was removed from schema mandate_payment_method_details/ },
  ],
  '02-openai-project-geography-to-residency': [
    { rule: /^request-property-removed$/, text: /"geography".*ProjectCreateRequest/ },
    { rule: /^request-property-removed$/, text: /"geography".*ProjectUpdateRequest/ },
  ],
  '03-twilio-events-v1-sinksid-removed': [{ rule: /^request-property-removed$/, text: /"SinkSid".*POST \/v1\/Subscriptions\/\{Sid\}/ }],
  '04-twilio-flex-v1-201-to-200': [{ rule: /^response-success-status-removed$/, text: /201.*POST \/v1\/Interactions/ }],
  '06-twilio-api-v2010-usage-category-enum-dropped': [{ rule: /^response-property-became-nullable$/, text: /usage_record.*category became nullable/ }],
  '07-twilio-trunking-v1-capabilities-and-202': [{ rule: /^response-success-status-removed$/, text: /202.*POST \/v1\/Trunks\/\{TrunkSid\}\/Recording/ }],
  '08-twilio-content-v1-newly-required-request-fields': [
    { rule: /^request-property-became-required$/, text: /"body" of schema carouselCard/ },
    { rule: /^request-property-became-required$/, text: /"actions" of schema twilioCallToAction/ },
    { rule: /^request-property-became-required$/, text: /"title" of schema flowsPage/ },
  ],
  '11-netlify-getaccount-array-to-object': [{ rule: /^response-body-type-changed$/, text: /array to object.*GET \/accounts\/\{account_id\}/ }],
  '12-netlify-hooks-new-required-query-param': [{ rule: /^new-required-request-parameter$/, text: /"site_id".*POST \/hooks/ }],
  '13-netlify-deploy-env-var-is-secret-required': [{ rule: /^(request-property-became-required|new-required-request-property)$/, text: /"is_secret"/ }],
  '16-digitalocean-multifile-lb-tls-cipher-enum': [
    { rule: /^request-property-enum-value-removed$/, text: /"WEAK".*tls_cipher_policy.*POST \/v2\/load_balancers/ },
  ],
  '17-digitalocean-multifile-endpoint-removed': [
    { rule: /^api-removed-without-deprecation$/, text: /PUT \/v2\/partner_network_connect\/attachments\/\{pa_id\}\/remote_routes/ },
  ],
};

const pairsFile = join(CORPUS, 'pairs/pairs.json');

test('real version pairs: verdicts and every breaking change found', (t) => {
  if (!existsSync(pairsFile)) return t.skip(`corpus not found at ${CORPUS}`);
  const pairs = (
    JSON.parse(readFileSync(pairsFile, 'utf8')) as {
      pairs: { id: string; verdict: string; base_file: string; revision_file: string; changes: { breaking: boolean | string }[] }[];
    }
  ).pairs;
  const rows: string[] = [];
  for (const pair of pairs) {
    // Multi-file pairs name the entry file; diff takes the folders.
    const side = (f: string) => join(CORPUS, f.replace(/\/DigitalOcean-public\.v2\.yaml$/, ''));
    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'diff', side(pair.base_file), side(pair.revision_file), '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const ms = Date.now() - started;
    assert.ok(r.status === 0 || r.status === 1, `${pair.id}: exit ${r.status}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { findings: OutFinding[]; summary: Record<string, number> };
    const s = out.summary;
    rows.push(
      `${pair.id.padEnd(52)} ${pair.verdict.padEnd(13)} ${String(s.error).padStart(3)} ${String(s.warning).padStart(3)} ${String(s.info).padStart(3)} ${String(ms).padStart(6)} ms`,
    );
    const breaking = out.findings.filter((f) => f.level === 'error' || f.level === 'warning');
    if (pair.verdict === 'breaking') assert.ok(breaking.length > 0, `${pair.id}: breaking pair with no error/warning`);
    else
      assert.equal(
        s.error,
        0,
        `${pair.id}: non-breaking pair has errors: ${out.findings
          .filter((f) => f.level === 'error')
          .map((f) => f.message)
          .join('; ')}`,
      );
    const expected = EXPECTED[pair.id] ?? [];
    assert.equal(
      expected.length > 0,
      pair.changes.some((c) => c.breaking === true),
      `${pair.id}: expectation table out of step with pairs.json`,
    );
    for (const e of expected) {
      const hit = breaking.find((f) => e.rule.test(f.rule) && e.text.test(`${f.message} ${f.operation ?? ''}`));
      assert.ok(hit, `${pair.id}: no error/warning ${e.rule} matching ${e.text}; got:\n${breaking.map((f) => `  ${f.rule}: ${f.message}`).join('\n')}`);
    }
    const arguable = ARGUABLE[pair.id] ?? [];
    assert.equal(arguable.length, pair.changes.filter((c) => c.breaking === 'arguable').length, `${pair.id}: arguable table out of step with pairs.json`);
    for (const e of arguable) {
      const hit = out.findings.find((f) => e.rule.test(f.rule) && e.text.test(f.message));
      assert.equal(hit?.level, 'warning', `${pair.id}: arguable change ${e.rule} is not a warning: ${hit ? `${hit.level} ${hit.message}` : 'not reported'}`);
    }
  }
  console.log(`pair                                                 verdict       err warn info   time\n${rows.join('\n')}`);
});

test('Stripe pair 01 by default: its form bodies close at their top, so the removed nested request properties are errors and it exits 1', (t) => {
  const pair = join(CORPUS, 'pairs/01-stripe-blik-mandate-removal');
  if (!existsSync(pair)) return t.skip(`corpus not found at ${CORPUS}`);
  const r = spawnSync(process.execPath, [CLI, 'diff', join(pair, 'base.yaml'), join(pair, 'revision.yaml'), '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: OutFinding[] }).findings;
  const removed = findings.filter((f) => f.rule === 'request-property-removed');
  // mandate_options from three payment_intents bodies, blik from three setup_intents bodies.
  assert.deepEqual(removed.map((f) => f.operation).sort(), [
    'POST /v1/payment_intents',
    'POST /v1/payment_intents/{intent}',
    'POST /v1/payment_intents/{intent}/confirm',
    'POST /v1/setup_intents',
    'POST /v1/setup_intents/{intent}',
    'POST /v1/setup_intents/{intent}/confirm',
  ]);
  for (const f of removed) {
    assert.equal(f.level, 'error', f.message);
    assert.match(f.message, /clients that still send it are rejected \(the request body is closed at its top, so its server checks all of it\)/);
  }
  // Readers of responses are not affected by what the server accepts: those removals stay possibly breaking.
  for (const f of findings.filter((x) => x.rule === 'response-optional-property-removed')) assert.equal(f.level, 'warning', f.message);
});

test('Stripe pair 01 with policies.unknownProperties: rejected (Stripe rejects unknown parameters at any depth): exit 1', (t) => {
  const pair = join(CORPUS, 'pairs/01-stripe-blik-mandate-removal');
  if (!existsSync(pair)) return t.skip(`corpus not found at ${CORPUS}`);
  const dir = mkdtempSync(join(tmpdir(), 'bw-strict-'));
  const config = join(dir, '.breakwater.yaml');
  writeFileSync(config, 'policies:\n  unknownProperties: rejected\n');
  const r = spawnSync(process.execPath, [CLI, 'diff', join(pair, 'base.yaml'), join(pair, 'revision.yaml'), '--format', 'json', '--config', config], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: OutFinding[] }).findings.filter((f) => f.rule === 'request-property-removed');
  assert.ok(findings.length >= 2, JSON.stringify(findings));
  for (const f of findings) {
    assert.equal(f.level, 'error', f.message);
    assert.match(f.message, /clients that still send it are rejected \(the server rejects unknown properties\) .*\[policy: unknownProperties: rejected\]$/);
  }
});
