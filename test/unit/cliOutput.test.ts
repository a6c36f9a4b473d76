// Every output format rendered from one synthetic report: shapes, escaping,
// colour only when asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, SideLocation } from '../../server/src/engine/index';
import { render, type RenderEnv } from '../../server/src/cli/output/index';
import { buildReport, type Report } from '../../server/src/cli/output/report';

const side = (file: string, line: number, column: number, pointer: string): SideLocation => ({
  file,
  line,
  column,
  pointer,
  keyRange: { start: 0, end: 1 },
  nodeRange: { start: 0, end: 2 },
});

const removed: Finding = {
  rule: 'api-removed-without-deprecation',
  level: 'error',
  message: 'Operation DELETE /pets/{id} was removed: clients calling it will get errors',
  operations: ['DELETE /pets/{id}'],
  operation: 'DELETE /pets/{id}',
  pointer: '/paths/~1pets~1{id}',
  base: side('api/base.yaml', 40, 5, '/paths/~1pets~1{id}/delete'),
  revision: side('api/open,api:v1.yaml', 38, 3, '/paths/~1pets~1{id}'),
  fingerprint: 'aaaaaaaaaaaaaaaa',
  direction: 'none',
  fix: { kind: 'removed-node', key: 'delete' },
};
const widened: Finding = {
  ...removed,
  rule: 'response-property-enum-value-added',
  level: 'warning',
  message: 'Enum value "50%" was added | piped\nsecond line',
  operation: 'GET /pets',
  operations: ['GET /pets'],
  base: null,
  revision: side('api/open,api:v1.yaml', 12, 9, '/components/schemas/Pet/properties/kind/enum'),
  fingerprint: 'bbbbbbbbbbbbbbbb',
};
const added: Finding = { ...widened, rule: 'endpoint-added', level: 'info', message: 'Operation POST /pets was added', fingerprint: 'cccccccccccccccc' };

const report: Report = {
  findings: [removed, widened, added],
  problems: [{ message: 'duplicate key "x": the last one is used', file: 'api/open,api:v1.yaml', line: 3, column: 1, severity: 'warning' }],
  notes: ['api/new.yaml is not in HEAD: a new spec has no breaking changes'],
  summary: { error: 1, warning: 1, info: 1 },
};
const env: RenderEnv = { colour: false, version: '9.9.9', docsUrl: 'file:///pkg/docs/rules.md', cwd: '/work/project' };

test('json: exactly the documented shape, internal fields stripped', () => {
  const out = JSON.parse(render('json', report, env));
  assert.deepEqual(Object.keys(out), ['findings', 'summary', 'problems']);
  assert.deepEqual(out.findings[0], {
    rule: 'api-removed-without-deprecation',
    level: 'error',
    message: removed.message,
    operation: 'DELETE /pets/{id}',
    pointer: '/paths/~1pets~1{id}',
    base: { file: 'api/base.yaml', line: 40, column: 5 },
    revision: { file: 'api/open,api:v1.yaml', line: 38, column: 3 },
    fingerprint: 'aaaaaaaaaaaaaaaa',
  });
  assert.equal(out.findings[1].base, null);
  assert.deepEqual(out.summary, { error: 1, warning: 1, info: 1 });
  assert.deepEqual(out.problems, [{ message: 'duplicate key "x": the last one is used', file: 'api/open,api:v1.yaml', line: 3, column: 1 }]);
});

test('text: compiler style, problems as notes, summary; ANSI colour only when enabled', () => {
  const plain = render('text', report, env);
  const lines = plain.split('\n');
  assert.equal(lines[0], `api/open,api:v1.yaml:38:3  error    api-removed-without-deprecation  ${removed.message}`);
  assert.match(plain, /^api\/open,api:v1\.yaml:12:9  warning  response-property-enum-value-added  Enum value "50%" was added/m);
  assert.match(plain, /^api\/open,api:v1\.yaml:3:1  note     spec-problem  duplicate key "x": the last one is used$/m);
  assert.match(plain, /^note: api\/new\.yaml is not in HEAD: a new spec has no breaking changes$/m);
  assert.equal(lines.at(-2), '1 breaking, 1 possibly breaking, 1 not breaking');
  assert.doesNotMatch(plain, /\u001b\[/);
  const coloured = render('text', report, { ...env, colour: true });
  assert.match(coloured, /\u001b\[31merror/);
  assert.match(coloured, /\u001b\[33mwarning/);
  assert.equal(render('text', { findings: [], problems: [], notes: [], summary: { error: 0, warning: 0, info: 0 } }, env), 'No changes found.\n');
});

test('github: workflow commands with escaped properties and data', () => {
  const out = render('github', report, env).split('\n');
  assert.equal(
    out[0],
    `::error file=api/open%2Capi%3Av1.yaml,line=38,col=3,title=api-removed-without-deprecation%3A Operation removed without deprecation::${removed.message}`,
  );
  assert.equal(
    out[1],
    '::warning file=api/open%2Capi%3Av1.yaml,line=12,col=9,title=response-property-enum-value-added%3A Response property%3A Enum value added::Enum value "50%25" was added | piped%0Asecond line',
  );
  assert.match(out[2], /^::notice file=.*title=endpoint-added%3A Operation added::Operation POST \/pets was added$/);
  assert.equal(out[3], 'breakwater: 1 breaking, 1 possibly breaking, 1 not breaking');
});

test('markdown: table cells escaped, non-breaking changes folded, problems and notes listed', () => {
  const md = render('markdown', report, env);
  assert.match(md, /^\*\*1\*\* breaking, \*\*1\*\* possibly breaking, \*\*1\*\* not breaking\.$/m);
  assert.match(
    md,
    /^\| 🔴 breaking \| `api-removed-without-deprecation`<br>Operation removed without deprecation \| `api\/open,api:v1\.yaml:38` \| Operation DELETE/m,
  );
  assert.match(md, /Enum value "50%" was added \\\| piped second line \|$/m);
  assert.match(md, /<details><summary>1 non-breaking change<\/summary>[\s\S]*`endpoint-added`[\s\S]*<\/details>/);
  assert.match(md, /^- `api\/open,api:v1\.yaml:3:1` duplicate key/m);
  assert.match(md, /^> api\/new\.yaml is not in HEAD/m);
});

test('sarif: 2.1.0 with registry rules, levels, fingerprints and the base as a related location', () => {
  const sarif = JSON.parse(render('sarif', report, env));
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'breakwater');
  assert.equal(run.tool.driver.version, '9.9.9');
  assert.deepEqual(
    run.tool.driver.rules.map((r: { id: string }) => r.id),
    ['api-removed-without-deprecation', 'endpoint-added', 'response-property-enum-value-added'],
  );
  const rule = run.tool.driver.rules[0];
  // The explanation travels inside the log: no helpUri to a file of the machine that ran the check.
  assert.equal(rule.helpUri, undefined);
  assert.equal(run.tool.driver.informationUri, undefined);
  assert.match(rule.fullDescription.text, /^Breaking \(error\): Operation removed without deprecation: clients calling it get errors$/);
  assert.match(rule.help.markdown, /^### `api-removed-without-deprecation`/);
  assert.match(rule.help.markdown, /\*\*Who breaks, and why\.\*\*/);
  assert.match(rule.help.markdown, /```yaml\n[\s\S]*delete:[\s\S]*```/);
  assert.match(rule.help.text, /^api-removed-without-deprecation: Breaking \(error\): Operation removed without deprecation\n/);
  assert.match(rule.help.text, /Safe alternative: Keep it and mark it deprecated: true/);
  assert.doesNotMatch(JSON.stringify(sarif), /rules\.md/);
  assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/project/' } });
  assert.deepEqual(
    run.results.map((r: { level: string }) => r.level),
    ['error', 'warning', 'note'],
  );
  const first = run.results[0];
  assert.equal(first.ruleIndex, 0);
  assert.deepEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: 'api/open,api:v1.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 38, startColumn: 3 },
  });
  assert.equal(first.relatedLocations[0].physicalLocation.artifactLocation.uri, 'api/base.yaml');
  assert.deepEqual(first.partialFingerprints, { 'breakwater/v1': 'aaaaaaaaaaaaaaaa' });
  assert.equal(run.results[1].relatedLocations, undefined, 'no base side, no related location');
  assert.equal(run.invocations[0].toolExecutionNotifications.length, 2);
});

test('a note names the policy when possibly breaking changes rest on what the server does with undeclared properties', () => {
  const sent = (level: Finding['level'], fingerprint: string): Finding => ({
    ...removed,
    rule: 'request-property-removed',
    level,
    message: 'Property "code" was removed from schema blik',
    fingerprint,
  });
  const hints = (findings: Finding[]) =>
    buildReport(
      [
        {
          file: '/w/api.yaml',
          result: { findings, problems: [], summary: { error: 0, warning: 0, info: 0 } },
          notes: [],
          stats: { readMs: 0, compareMs: 0, files: 1 },
        },
      ],
      '/w',
    ).notes;
  assert.deepEqual(hints([removed, widened]), [], 'no finding depends on it');
  assert.deepEqual(hints([sent('error', 'c1')]), [], 'already breaking (a closed schema, or the policy set)');
  const [one] = hints([sent('warning', 'c1')]);
  assert.match(one, /^1 possibly breaking change depends on whether the server rejects properties/);
  assert.match(one, /policies: \{unknownProperties: rejected\}/);
  assert.match(hints([sent('warning', 'c1'), sent('warning', 'c2'), widened])[0], /^2 possibly breaking changes depend on/);
});
