// The diagnostic's rule link opens that rule's explanation: with VS Code's
// docsUrl (a view the client serves) the href names the rule itself, and the
// server answers the view's request with the explanation generated from the
// registry. Other clients get docs/rules.md at the rule's own anchor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { RULE_VIEW_URL } from '../../protocol/src/protocol';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { EDITS, PETS_YAML } from './fixtures';

const REMOVED = 'response-optional-property-removed';

async function removedName(client: TestClient, repo: TempRepo): Promise<Diagnostic> {
  await client.initialize(repo.uri(''));
  const uri = repo.uri('openapi.yaml');
  client.open(uri, PETS_YAML);
  await client.waitForDiagnostics(uri, (d) => d.length === 0);
  client.setText(uri, EDITS.removeName(PETS_YAML));
  const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === REMOVED));
  return diags.find((x) => x.code === REMOVED)!;
}

test("VS Code: the rule link is the rule's own read-only view, and the server serves its explanation", async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  const client = new TestClient({ initializationOptions: { docsUrl: RULE_VIEW_URL } });
  try {
    const d = await removedName(client, repo);
    assert.equal(d.codeDescription?.href, `breakwater-view:/rules/${REMOVED}.md`);
    const { markdown } = await client.request<{ markdown: string }>('breakwater/ruleExplanation', { rule: REMOVED });
    assert.match(markdown, new RegExp(`^### \`${REMOVED}\``));
    for (const part of [
      '**What changed.**',
      '**Who breaks, and why.**',
      'about **responses**',
      '**Safe alternative.**',
      '*Mark deprecated instead of deleting*',
      '```yaml',
    ])
      assert.ok(markdown.includes(part), part);
    // A former id still explains the rule it became; an unknown one says so.
    assert.match((await client.request<{ markdown: string }>('breakwater/ruleExplanation', { rule: 'api-deprecated' })).markdown, /### `endpoint-deprecated`/);
    assert.match((await client.request<{ markdown: string }>('breakwater/ruleExplanation', { rule: 'no-such-rule' })).markdown, /^# Unknown rule/);
  } finally {
    await client.dispose();
    repo.cleanup();
  }
});

test("other clients: the rule link opens docs/rules.md at the rule's explanation", async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  const client = new TestClient();
  try {
    const d = await removedName(client, repo);
    const href = d.codeDescription!.href;
    assert.match(href, new RegExp(`^file:.*docs/rules\\.md#${REMOVED}$`));
    const file = fileURLToPath(href.slice(0, href.indexOf('#')));
    assert.ok(existsSync(file), file);
    const doc = readFileSync(file, 'utf8');
    // The anchor is the explanation's, not only a table row's.
    assert.ok(doc.includes(`<a id="${REMOVED}"></a>\n\n### \`${REMOVED}\``), 'the anchor sits on the explanation');
  } finally {
    await client.dispose();
    repo.cleanup();
  }
});
