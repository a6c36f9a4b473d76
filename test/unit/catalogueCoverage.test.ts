// Teams moving from oasdiff keep their severity overrides and accepted lists only if rule
// ids match: every ERR and WARN id of the catalogue's full rule table must be a Breakwater
// rule, or be listed in docs/rules.md under "Not checked" with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../server/src/engine/index';
import { corpusDir } from '../support/corpus';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function catalogueFile(): string | undefined {
  const corpus = corpusDir();
  const file = corpus && path.join(path.dirname(corpus), 'docs', 'rule-catalogue.md');
  return file && existsSync(file) ? file : undefined;
}

/** `- \`id\`: reason` lines of the "Not checked" section of docs/rules.md. */
function notChecked(): Map<string, string> {
  const text = readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
  const section = /^## Not checked\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1] ?? '';
  return new Map([...section.matchAll(/^- `([a-z0-9-]+)`: (.+)$/gm)].map((m) => [m[1], m[2]]));
}

test('every ERR and WARN id of the rule catalogue is a rule, or is listed as not checked with a reason', (t) => {
  const file = catalogueFile();
  if (!file) return t.skip('../shared/docs/rule-catalogue.md is not here: nothing to compare with');
  const rows = [...readFileSync(file, 'utf8').matchAll(/^\| `([a-z0-9-]+)` \| (ERR|WARN|INFO) \|/gm)].map((m) => ({ id: m[1], level: m[2] }));
  assert.ok(rows.length > 500, `the catalogue's full rule table was read (${rows.length} rows)`);
  const ids = new Set<string>(RULES.map((r) => r.id));
  const skipped = notChecked();
  const missing = rows.filter((r) => r.level !== 'INFO' && !ids.has(r.id) && !skipped.has(r.id)).map((r) => `${r.id} (${r.level})`);
  assert.deepEqual(missing, [], `catalogue ids neither in the registry nor under "Not checked" in docs/rules.md`);
  for (const id of skipped.keys()) assert.ok(!ids.has(id), `${id} is listed as not checked but is a rule`);
  const counts = (level: string) => `${rows.filter((r) => r.level === level && ids.has(r.id)).length}/${rows.filter((r) => r.level === level).length}`;
  t.diagnostic(`catalogue ids that are Breakwater rules: ERR ${counts('ERR')}, WARN ${counts('WARN')}, INFO ${counts('INFO')}`);
});
