// A spec compared with itself, or with its conversion to the other format, has no
// changes. Run over every spec of the real
// corpus (single files in YAML and JSON, Swagger 2.0 to OpenAPI 3.1, and
// DigitalOcean's 2,900-file spec), this catches comparisons that are not
// symmetric in their inputs -- it found one: two security alternatives of the same
// scheme with different scopes were matched to the wrong counterpart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareSpecs, looksLikeOpenApi, SpecInputError } from '../../server/src/engine/index';
import { fsLoader } from '../../server/src/workspace/files/workingFiles';
import YAML from 'yaml';

const corpus = path.resolve(__dirname, '../../../../shared/corpus');

/** The multi-megabyte versions in pairs/ are Stripe's and Twilio's again: large/ has those. */
function tooBigOutsideLarge(file: string): boolean {
  return !file.includes(`${path.sep}large${path.sep}`) && statSync(file).size > 1_500_000;
}

function specFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'digitalocean-public-v2') out.push(...specFiles(full));
    } else if (/\.(ya?ml|json)$/.test(name) && !tooBigOutsideLarge(full) && looksLikeOpenApi(readFileSync(full, 'utf8'))) out.push(full);
  }
  return out;
}

test('every corpus spec compared with itself has no findings', (t) => {
  if (!existsSync(corpus)) return t.skip(`corpus not found at ${corpus}`);
  const files = specFiles(corpus);
  const digitalOcean = path.join(corpus, 'large/digitalocean-public-v2/DigitalOcean-public.v2.yaml');
  if (existsSync(digitalOcean)) files.push(digitalOcean);
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const side = () => ({ text, file, external: fsLoader(path.dirname(file)) });
    let findings;
    try {
      findings = compareSpecs(side(), side()).findings;
    } catch (e) {
      if (e instanceof SpecInputError) continue; // e.g. an example that is not a whole spec
      throw e;
    }
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message}`),
      [],
      path.relative(corpus, file),
    );
    compared++;
  }
  assert.ok(compared >= 40, `compared ${compared} specs`);
});

test('every corpus spec and its conversion to the other format (YAML <-> JSON) have no findings, both ways', (t) => {
  if (!existsSync(corpus)) return t.skip(`corpus not found at ${corpus}`);
  // The large files are covered above; converting them here would only add minutes.
  const files = specFiles(corpus).filter((f) => statSync(f).size < 1_500_000);
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const isJson = file.endsWith('.json');
    let data: unknown;
    try {
      data = YAML.parse(text, { merge: true, maxAliasCount: -1 });
    } catch {
      continue;
    }
    const other = isJson ? YAML.stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 }) : JSON.stringify(data, null, 2);
    const otherFile = file.replace(/\.(ya?ml|json)$/, isJson ? '.converted.yaml' : '.converted.json');
    const external = fsLoader(path.dirname(file));
    try {
      const there = compareSpecs({ text, file, external }, { text: other, file: otherFile, external });
      const back = compareSpecs({ text: other, file: otherFile, external }, { text, file, external });
      assert.deepEqual(
        [...there.findings, ...back.findings].map((f) => `${f.rule}: ${f.message}`),
        [],
        path.relative(corpus, file),
      );
    } catch (e) {
      if (e instanceof SpecInputError) continue;
      throw e;
    }
    compared++;
  }
  assert.ok(compared >= 40, `compared ${compared} specs`);
});
