// The real language server (dist/server.js --stdio) against real temporary git
// repositories: diagnostics, related information, hover and quick fixes for the
// edits users make, each in YAML and in JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseConfig } from '../../server/src/config/index';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { EDITS, FORMATS, PETS_YAML, lineMatching, lineOf, petPropertiesLine, type Format } from './fixtures';

interface Session {
  repo: TempRepo;
  client: TestClient;
  uri: string;
  base: string;
}

async function session(format: Format, files: Record<string, string> = {}): Promise<Session> {
  const base = format.render(PETS_YAML);
  const repo = new TempRepo({ [format.file]: base, ...files });
  const client = new TestClient();
  await client.initialize(repo.uri(''));
  const uri = repo.uri(format.file);
  client.open(uri, base);
  await client.waitForDiagnostics(uri, (d) => d.length === 0, 'no findings on the committed spec');
  return { repo, client, uri, base };
}

async function end(s: Session): Promise<void> {
  await s.client.dispose();
  s.repo.cleanup();
}

const byCode = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);
const withoutCode = (code: string) => (d: Diagnostic[]) => !d.some((x) => x.code === code);
const one = (diags: Diagnostic[], code: string) => {
  const hits = diags.filter((d) => d.code === code);
  assert.equal(hits.length, 1, `one ${code}: ${JSON.stringify(diags.map((d) => d.code))}`);
  return hits[0];
};

async function actionsFor(s: Session, d: Diagnostic): Promise<CodeAction[]> {
  return s.client.codeActions(s.uri, d.range, [d]);
}

function find(actions: CodeAction[], prefix: string): CodeAction {
  const a = actions.find((x) => x.title.startsWith(prefix));
  assert.ok(a, `no action "${prefix}…" in ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

for (const format of FORMATS) {
  test(`${format.name}: a deleted property is reported on its parent key, with the base node, hover and "mark deprecated" fix`, async () => {
    const s = await session(format);
    try {
      assert.match((await s.client.waitForStatus(s.uri, (x) => x.state === 'ok')).baseLabel, /^HEAD [0-9a-f]{7}$/);
      const rev = format.render(EDITS.removeName(PETS_YAML));
      s.client.setText(s.uri, rev);
      const diags = await s.client.waitForDiagnostics(s.uri, byCode('response-optional-property-removed'));
      const d = one(diags, 'response-optional-property-removed');
      assert.equal(d.source, 'breakwater');
      assert.equal(d.severity, 2, 'warning: possibly breaking');
      assert.equal(d.range.start.line, petPropertiesLine(rev), 'on the surviving parent key');
      assert.equal(d.range.end.line, d.range.start.line, 'one line');
      assert.match(d.codeDescription!.href, /rules\.md#response-optional-property-removed$/);
      const related = d.relatedInformation?.[0];
      assert.ok(related, 'related information');
      assert.equal(related.location.uri, s.uri.replace(/^file:/, 'breakwater-base:'));
      const baseLine = lineMatching(s.base, /^\s*"?name"?:/, petPropertiesLine(s.base));
      assert.equal(related.location.range.start.line, baseLine);
      // Editors print it after "openapi.yaml(12, 9):": the text itself says this is the base.
      const label = (await s.client.waitForStatus(s.uri, (x) => x.state === 'ok')).baseLabel;
      assert.equal(related.message, `${format.file.replace('api/', '')} at ${label}, line ${baseLine + 1}: the removed property`);
      // The client shows that URI by asking the server for the base text.
      const baseDoc = await s.client.request<{ text: string; label: string } | null>('breakwater/baseContent', { uri: related.location.uri });
      assert.equal(baseDoc?.text, s.base);

      const hover = await s.client.hover(s.uri, d.range.start.line, d.range.start.character + 1);
      const md = (hover?.contents as { value: string }).value;
      assert.ok(!md.includes(String(d.message)), `the hover does not repeat the message shown above it:\n${md}`);
      assert.ok(md.startsWith(`**In the base** (${label}):\n`), `the base node, not its file and line again (related information says them):\n${md}`);
      assert.match(md, /\[Who breaks, and the safe alternative\]\([^)]*rules\.md#response-optional-property-removed\)/);
      assert.match(
        md,
        format.name === 'yaml' ? /```yaml\nname:\n  type: string\n  description: The pet's name\n```/ : /```json\n"name": \{\n  "type": "string",/,
      );

      const actions = await actionsFor(s, d);
      const deprecate = find(actions, 'Mark deprecated instead of deleting');
      assert.equal(deprecate.isPreferred, true);
      find(actions, 'Restore property "name"');
      find(actions, 'Accept this change');
      s.client.applyWorkspaceEdit(deprecate.edit!);
      await s.client.waitForDiagnostics(s.uri, withoutCode('response-optional-property-removed'), 'the fix clears the diagnostic');
      const fixed = s.client.text(s.uri);
      assert.equal(parse(fixed).components.schemas.Pet.properties.name.deprecated, true);
      assert.equal(
        fixed.split('\n')[lineMatching(fixed, /deprecated/)],
        format.name === 'yaml' ? '          deprecated: true' : '            "deprecated": true',
      );
      assert.deepEqual(Object.keys(parse(fixed).components.schemas.Pet.properties), ['id', 'name', 'tag']);
    } finally {
      await end(s);
    }
  });

  test(`${format.name}: a new required parameter is made optional by its quick fix`, async () => {
    const s = await session(format);
    try {
      const rev = format.render(EDITS.addRequiredLimit(PETS_YAML));
      s.client.setText(s.uri, rev);
      const d = one(await s.client.waitForDiagnostics(s.uri, byCode('new-required-request-parameter')), 'new-required-request-parameter');
      assert.equal(d.severity, 1);
      assert.equal(d.range.start.line, lineOf(rev, format.name === 'json' ? '"required": true' : 'required: true'));
      const fix = find(await actionsFor(s, d), 'Make parameter "limit" optional');
      s.client.applyWorkspaceEdit(fix.edit!);
      const after = await s.client.waitForDiagnostics(s.uri, withoutCode('new-required-request-parameter'));
      assert.ok(
        after.some((x) => x.code === 'new-optional-request-parameter' && x.severity === 3),
        'now an (informational) optional parameter',
      );
      assert.equal(parse(s.client.text(s.uri)).paths['/pets'].get.parameters[1].required, false);
    } finally {
      await end(s);
    }
  });

  test(`${format.name}: a narrowed enum is restored by its quick fix`, async () => {
    const s = await session(format);
    try {
      const rev = format.render(EDITS.narrowEnum(PETS_YAML));
      s.client.setText(s.uri, rev);
      const d = one(await s.client.waitForDiagnostics(s.uri, byCode('request-parameter-enum-value-removed')), 'request-parameter-enum-value-removed');
      assert.equal(d.range.start.line, lineMatching(rev, /"?enum"?:/));
      assert.equal(d.relatedInformation?.[0].location.range.start.line, lineOf(s.base, 'random'));
      const fix = find(await actionsFor(s, d), 'Restore enum value');
      s.client.applyWorkspaceEdit(fix.edit!);
      await s.client.waitForDiagnostics(s.uri, (x) => x.length === 0);
      assert.equal(s.client.text(s.uri), s.base);
    } finally {
      await end(s);
    }
  });

  test(`${format.name}: while the text does not parse, the syntax error is shown and the last findings stay (stale)`, async () => {
    const s = await session(format);
    try {
      const rev = format.render(EDITS.removeName(PETS_YAML));
      s.client.setText(s.uri, rev);
      await s.client.waitForDiagnostics(s.uri, byCode('response-optional-property-removed'));
      // Mid-edit: an unclosed flow sequence (YAML) / a missing comma (JSON) near the top of the file.
      const broken = format.name === 'yaml' ? rev.replace('  title: Pets', '  title: [Pets') : rev.replace('"title": "Pets",', '"title": "Pets"');
      s.client.setText(s.uri, broken);
      const diags = await s.client.waitForDiagnostics(s.uri, byCode('syntax-error'));
      const syntax = one(diags, 'syntax-error');
      assert.equal(syntax.severity, 1);
      assert.equal(syntax.range.start.line, syntax.range.end.line, 'one line');
      const stale = one(diags, 'response-optional-property-removed');
      assert.match(String(stale.message), /^Stale: Property "name" was removed from schema Pet: .* \(from the last version that parsed\)$/, 'stale first');
      assert.equal(stale.range.start.line, petPropertiesLine(rev), 'kept on its line');
      assert.ok(diags.length <= 3, `no flood of findings: ${diags.length}`);
      await s.client.waitForStatus(s.uri, (x) => x.state === 'syntax-error');
      s.client.setText(s.uri, rev);
      const fresh = await s.client.waitForDiagnostics(s.uri, withoutCode('syntax-error'));
      assert.doesNotMatch(String(one(fresh, 'response-optional-property-removed').message), /stale/i);
    } finally {
      await end(s);
    }
  });

  test(`${format.name}: the base follows commits and the base setting (ref, merge-base, staged)`, async () => {
    const s = await session(format);
    try {
      const rev = format.render(EDITS.removeName(PETS_YAML));
      s.client.setText(s.uri, rev);
      await s.client.waitForDiagnostics(s.uri, byCode('response-optional-property-removed'));
      // Committing the edit moves HEAD: the removal is now part of the base (noticed through .git).
      s.client.save(s.uri);
      s.repo.git('add', '--', format.file);
      s.repo.git('commit', '-q', '-m', 'drop name');
      await s.client.waitForDiagnostics(s.uri, withoutCode('response-optional-property-removed'), 'the base moved to the new commit');
      // Compare with the previous commit instead.
      s.client.changeSettings({ base: 'HEAD~1' });
      await s.client.waitForDiagnostics(s.uri, byCode('response-optional-property-removed'), 'compared with HEAD~1');
      assert.match((await s.client.waitForStatus(s.uri, (x) => x.baseLabel.startsWith('HEAD~1'))).baseLabel, /^HEAD~1 [0-9a-f]{7}$/);
      // A feature branch: merge-base with main is the commit that still had the property.
      s.repo.git('branch', '-q', 'old-main', 'HEAD~1');
      s.client.changeSettings({ base: 'merge-base:old-main' });
      await s.client.waitForStatus(s.uri, (x) => x.baseLabel.startsWith('merge-base old-main'));
      await s.client.waitForDiagnostics(s.uri, byCode('response-optional-property-removed'));
      // The staged version: stage the original text, then compare with the index.
      s.repo.write(format.file, s.base);
      s.repo.git('add', '--', format.file);
      s.client.changeSettings({ base: 'staged' });
      await s.client.waitForStatus(s.uri, (x) => x.baseLabel === 'staged');
      await s.client.waitForDiagnostics(s.uri, byCode('response-optional-property-removed'), 'compared with the staged original');
      s.repo.write(format.file, rev);
      s.repo.git('add', '--', format.file);
      await s.client.waitForDiagnostics(s.uri, withoutCode('response-optional-property-removed'), 'staging the edit moves the base');
    } finally {
      await end(s);
    }
  });

  test(`${format.name}: "accept" records the fingerprint in .breakwater.yaml and never bumps info.version; the bump is a fix of its own on breaking findings`, async () => {
    const s = await session(format);
    try {
      s.client.setText(s.uri, format.render(EDITS.addRequiredLimit(PETS_YAML)));
      const breaking = one(await s.client.waitForDiagnostics(s.uri, byCode('new-required-request-parameter')), 'new-required-request-parameter');
      const onBreaking = await actionsFor(s, breaking);
      assert.equal(find(onBreaking, 'Accept this change').title, 'Accept this change (record it in .breakwater.yaml)');
      const bump = find(onBreaking, 'Bump info.version to the next major (2.0.0)');
      s.client.applyWorkspaceEdit(bump.edit!);
      assert.equal(parse(s.client.text(s.uri)).info.version, '2.0.0', 'the bump fix edits info.version');
      assert.ok(!existsSync(s.repo.path('.breakwater.yaml')), 'the bump records nothing');

      s.client.setText(s.uri, format.render(EDITS.removeName(PETS_YAML)));
      const d = one(await s.client.waitForDiagnostics(s.uri, byCode('response-optional-property-removed')), 'response-optional-property-removed');
      const actions = await actionsFor(s, d);
      assert.ok(!actions.some((a) => /info\.version/.test(a.title)), `no bump on a possibly-breaking warning: ${actions.map((a) => a.title).join(' | ')}`);
      const accept = find(actions, 'Accept this change');
      s.client.applyWorkspaceEdit(accept.edit!);
      await s.client.waitForDiagnostics(s.uri, withoutCode('response-optional-property-removed'));
      const configText = readFileSync(s.repo.path('.breakwater.yaml'), 'utf8');
      const config = parse(configText);
      assert.match(config.accepted[0].fingerprint, /^[0-9a-f]{16}$/);
      // The rule is named as a key, or as a comment where the shared config reader does not know the key yet.
      assert.ok(config.accepted[0].rule === 'response-optional-property-removed' || configText.includes('# response-optional-property-removed'), configText);
      assert.doesNotThrow(() => parseConfig(configText, s.repo.path('.breakwater.yaml')), 'the CLI reads the file too');
      assert.equal(parse(s.client.text(s.uri)).info.version, '1.0.0', 'accepting a warning leaves info.version alone');
    } finally {
      await end(s);
    }
  });
}
