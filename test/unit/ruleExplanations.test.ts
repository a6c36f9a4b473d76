// Every rule's explanation, generated from the registry: the four parts, an
// example that is valid YAML and shows a change, no unfilled template field, and
// the direction's wording (requests vs responses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { explainRule, RULES } from '../../server/src/engine/index';

function examples(markdown: string): string[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

test('every rule has its own explanation: what changed, who breaks, the safe alternative and a before/after YAML example', () => {
  assert.ok(RULES.length > 400, `${RULES.length} rules`);
  for (const r of RULES) {
    const e = explainRule(r.id);
    for (const part of ['**What changed.**', '**Who breaks, and why.**', '**Safe alternative.**', '**Example.** Before'])
      assert.ok(e.markdown.includes(part), `${r.id}: ${part}`);
    assert.ok(e.markdown.startsWith(`### \`${r.id}\``), r.id);
    const [before, after] = examples(e.markdown);
    assert.ok(before && after, `${r.id}: two YAML blocks`);
    assert.notEqual(before, after, `${r.id}: the example changes something`);
    assert.doesNotThrow(() => parse(before), `${r.id}: before parses`);
    assert.doesNotThrow(() => parse(after), `${r.id}: after parses`);
    assert.doesNotMatch(before + after, /# the spec (before|after)/, `${r.id}: an example of its own, not a placeholder`);
    const sample = /reads, for example: "(.*)"\./.exec(e.markdown)?.[1];
    if (r.message) assert.ok(sample && !/\{[a-zA-Z]+\}/.test(sample), `${r.id}: sample message filled: ${sample}`);
    if (r.direction === 'request') assert.match(e.markdown, /about \*\*requests\*\*/, r.id);
    if (r.direction === 'response') assert.match(e.markdown, /about \*\*responses\*\*/, r.id);
    if (r.level === 'info') assert.match(e.markdown, /No client breaks/, r.id);
    else assert.doesNotMatch(e.markdown, /No client breaks/, r.id);
    assert.ok(e.text.startsWith(`${r.id}: `) && !e.text.includes('**'), `${r.id}: plain text`);
  }
});

test('a schema rule shows its keyword where its subject lives; a removal offers the deprecation', () => {
  const max = explainRule('request-parameter-max-decreased');
  const [before, after] = examples(max.markdown).map((y) => parse(y));
  assert.equal(before.paths['/pets'].get.parameters[0].schema.maximum, 100);
  assert.equal(after.paths['/pets'].get.parameters[0].schema.maximum, 50);
  assert.match(
    max.markdown,
    /"Query parameter "limit" maximum decreased from 100 to 50 \(used by GET \/pets\)"/,
    'as a finding names it: the parameter, then the operations',
  );
  const removed = explainRule('response-optional-property-removed');
  assert.match(removed.markdown, /\*Mark deprecated instead of deleting\*/);
  assert.match(removed.markdown, /Possibly breaking \(warning\)/);
  const [b, a] = examples(removed.markdown).map((y) => parse(y));
  assert.ok(b.components.schemas.Pet.properties.nickname && !a.components.schemas.Pet.properties.nickname);
});
