// Every quick fix on real version pairs (../shared/corpus/pairs): applied to the
// real revision, the spec still parses and the finding it fixes is gone. Skipped
// when the corpus is absent. Single-file pairs only (fixes stay inside one file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareModels, loadModel } from '../../server/src/engine/index';
import { applyEdits, computeFixes, fixSideOf } from '../../server/src/engine/fix/index';
import { parseText } from '../../server/src/engine/parse/parseText';

const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const PAIRS = resolve(CORPUS, 'pairs', 'pairs.json');
/** Re-checking a 4 MB pair takes about a second per fix: large pairs prove a sample. */
const FIXES_PER_PAIR: Record<string, number> = { small: 60, medium: 6, large: 2 };

interface Pair {
  id: string;
  base_file: string;
  revision_file: string;
  size_class: string;
}

const pairs: Pair[] = existsSync(PAIRS)
  ? (JSON.parse(readFileSync(PAIRS, 'utf8')) as { pairs: Pair[] }).pairs.filter((p) => p.size_class !== 'multi-file')
  : [];

test('corpus present', { skip: existsSync(PAIRS) ? false : `no corpus at ${PAIRS}` }, () => assert.ok(pairs.length > 0));

for (const pair of pairs) {
  test(`fixes on real pair ${pair.id}`, { timeout: 300_000 }, (t) => {
    const file = resolve(CORPUS, pair.revision_file);
    const baseText = readFileSync(resolve(CORPUS, pair.base_file), 'utf8');
    const revText = readFileSync(file, 'utf8');
    const base = loadModel({ text: baseText, file }, 'base');
    const rev = loadModel({ text: revText, file }, 'revision');
    const findings = compareModels(base, rev).findings.filter((f) => f.fix && f.level !== 'info');
    const baseSide = fixSideOf(base.doc);
    const revSide = fixSideOf(rev.doc);
    let applied = 0;
    let offered = 0;
    const budget = FIXES_PER_PAIR[pair.size_class] ?? 4;
    for (const finding of findings) {
      const fixes = computeFixes(finding, baseSide, revSide, { sunset: { key: 'x-sunset', date: '2030-01-01' } });
      if (fixes.length) offered++;
      for (const fix of fixes) {
        if (applied >= budget) break;
        applied++;
        const fixed = applyEdits(revText, fix.edits);
        const parsed = parseText(fixed, file);
        assert.deepEqual(
          parsed.errors.map((e) => e.message),
          [],
          `${pair.id}: "${fix.title}" breaks the syntax`,
        );
        const after = compareModels(base, loadModel({ text: fixed, file }, 'revision')).findings;
        assert.ok(!after.some((f) => f.fingerprint === finding.fingerprint), `${pair.id}: "${fix.title}" does not clear ${finding.rule} at ${finding.pointer}`);
      }
    }
    t.diagnostic(`${pair.id}: ${findings.length} breaking findings with fix hints, ${offered} with fixes, ${applied} fixes applied and verified`);
  });
}
