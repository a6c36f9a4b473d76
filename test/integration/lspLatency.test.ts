// What a user waits for, through the real server over stdio in real git repositories:
// a spec opened unchanged gets its (empty) result before it is parsed, an edit made
// during that parse is checked once the parse is done; a burst of keystrokes is one
// check; a quick fix or hover on one spec is answered while another spec's long
// check runs. (Orderings and counts only: no timed assertions.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { EDITS, PETS_YAML } from './fixtures';
import { FIRST_TYPING_DELAY_MS } from '../../server/src/lsp/typingDelay';

/** A spec with `n` operations (about 560 bytes each), a schema per operation, and a duplicate key at the end (a warning only a parse finds). */
function largeSpec(n: number): string {
  const out = ['openapi: 3.0.3', 'info: {title: large, version: 1.0.0}', 'paths:'];
  for (let i = 0; i < n; i++) {
    out.push(
      `  /r${i}/{id}:`,
      '    get:',
      '      parameters:',
      '        - {name: id, in: path, required: true, schema: {type: string}}',
      '      responses:',
      "        '200':",
      '          description: ok',
      '          content:',
      '            application/json:',
      `              schema: {$ref: '#/components/schemas/S${i}'}`,
    );
  }
  out.push('components:', '  schemas:');
  for (let i = 0; i < n; i++)
    out.push(
      `    S${i}:`,
      '      type: object',
      '      required: [a]',
      '      properties:',
      '        a: {type: string, maxLength: 10}',
      '        b: {type: integer, enum: [1, 2, 3]}',
    );
  out.push('x-note: one', 'x-note: two', '');
  return out.join('\n');
}

async function session<T>(repo: TempRepo, fn: (c: TestClient) => Promise<T>): Promise<T> {
  const client = new TestClient();
  try {
    await client.initialize(pathToFileURL(repo.root).toString());
    return await fn(client);
  } finally {
    await client.dispose();
    repo.cleanup();
  }
}

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

test('a spec opened unchanged: empty diagnostics and an ok status before the parse; an edit during the parse is checked after it', async () => {
  const spec = largeSpec(3000);
  const repo = new TempRepo({ 'openapi.yaml': spec });
  await session(repo, async (client) => {
    const uri = repo.uri('openapi.yaml');
    client.open(uri, spec);
    await client.waitUntil(
      () => (client.publications.get(uri) ?? []).length >= 1 && client.statuses.has(uri),
      60_000,
      () => 'the first publication and status',
    );
    const first = client.publications.get(uri)![0];
    assert.equal(first.version, 1);
    assert.deepEqual(first.diagnostics, [], 'published at once: no breaking change in an unchanged spec');
    assert.equal(client.statuses.get(uri)?.state, 'ok', 'and the status says so');
    // The duplicate key is found only by parsing: the first publication came before the parse.
    const parsedBeforeEdit = (client.publications.get(uri) ?? []).some((p) => codes(p.diagnostics).length > 0);
    // Remove an operation while the worker still parses (unless it was done already).
    client.setText(uri, spec.replace(/  \/r7\/\{id\}:\n(?: {4,}.*\n)+?(?=  \/r8)/, ''));
    const after = await client.waitForDiagnostics(
      uri,
      (d) => d.some((x) => x.code === 'api-removed-without-deprecation' || String(x.code).includes('removed')),
      'the edit checked after the first parse',
      120_000,
    );
    assert.ok(
      after.some((d) => /duplicate key "x-note"/.test(messageOf(d))),
      'the parse behind it read the whole text',
    );
    assert.ok(
      after.some((d) => /\/r7\/\{id\}/.test(messageOf(d))),
      `the removed operation is reported: ${after.map(messageOf).join(' | ')}`,
    );
    if (!parsedBeforeEdit) {
      const log = client.statusLog.get(uri) ?? [];
      assert.ok(
        log.some((s) => s.state === 'checking' && /first parse/.test(s.message ?? '')),
        `the status said the edit waits for the first parse: ${JSON.stringify(log.map((s) => s.state))}`,
      );
    }
    const status = await client.waitForStatus(uri, (x) => x.state !== 'checking');
    assert.equal(status.state, 'ok');
    assert.ok(status.counts.breaking >= 1);
  });
});

test('a burst of 20 keystrokes is checked once', async () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  await session(repo, async (client) => {
    const uri = repo.uri('openapi.yaml');
    client.open(uri, PETS_YAML);
    // Opened unchanged: the result at once, then the worker's check (each a publication and a status).
    await client.waitUntil(
      () => (client.publications.get(uri) ?? []).length >= 2 && (client.statusLog.get(uri) ?? []).length >= 2,
      15_000,
      () => 'the worker check of the open',
    );
    const before = (client.statusLog.get(uri) ?? []).length;
    const at = client.text(uri).indexOf('title: Pets') + 'title: Pets'.length;
    for (let i = 0; i < 20; i++) {
      const pos = positionOf(client.text(uri), at + i);
      client.edit(uri, [{ range: { start: pos, end: pos }, newText: 'x' }]);
    }
    await client.waitForDiagnostics(uri, () => true, 'diagnostics of the last keystroke');
    await client.waitForStatus(uri, (s) => s.state === 'ok');
    // Nothing else is pending: one more check would come within its debounce; give it ample time.
    await new Promise((r) => setTimeout(r, 1500));
    const checks = (client.statusLog.get(uri) ?? []).slice(before);
    assert.equal(checks.length, 1, `one check for the burst: ${JSON.stringify(checks.map((s) => s.state))}`);
    assert.ok(checks[0].debounceMs !== undefined && checks[0].debounceMs > 0, 'the status reports the typing delay it used');
  });
});

test('the long check of an opened spec does not hold back the first keystrokes: the typing delay follows checks of edits only', async () => {
  const spec = largeSpec(3000);
  const repo = new TempRepo({ 'openapi.yaml': spec });
  await session(repo, async (client) => {
    const uri = repo.uri('openapi.yaml');
    client.open(uri, spec);
    // Opened unchanged: the result at once, then the worker's check of the whole file (a full parse).
    await client.waitUntil(
      () => (client.statusLog.get(uri) ?? []).length >= 2,
      120_000,
      () => 'the worker check of the open',
    );
    const openCheck = client.statusLog.get(uri)![1];
    assert.ok(
      (openCheck.durationMs ?? 0) > FIRST_TYPING_DELAY_MS,
      `precondition: the check on open (${openCheck.durationMs} ms) is longer than the first typing delay`,
    );
    const before = (client.statusLog.get(uri) ?? []).length;
    const at = client.text(uri).indexOf('title: large') + 'title: large'.length;
    const pos = positionOf(client.text(uri), at);
    client.edit(uri, [{ range: { start: pos, end: pos }, newText: 'x' }]);
    await client.waitUntil(
      () => (client.statusLog.get(uri) ?? []).slice(before).some((s) => s.state === 'ok'),
      60_000,
      () => 'the check of the edit',
    );
    const edit = (client.statusLog.get(uri) ?? []).slice(before).find((s) => s.state === 'ok')!;
    assert.equal(edit.debounceMs, FIRST_TYPING_DELAY_MS, 'the first edit waits the default delay, not as long as the check on open');
  });
});

test('quick fixes and hover on one spec are answered while another spec is checked at length', async () => {
  const large = largeSpec(6000);
  const removed = EDITS.removeName(PETS_YAML);
  const repo = new TempRepo({ 'large.yaml': large, 'pets.yaml': PETS_YAML });
  await session(repo, async (client) => {
    const pets = repo.uri('pets.yaml');
    const big = repo.uri('large.yaml');
    client.open(pets, removed);
    const diagnostics = await client.waitForDiagnostics(pets, (d) => d.length > 0, 'the finding in pets.yaml');
    await client.waitForStatus(pets, (s) => s.state === 'ok');
    // The large spec differs from HEAD, so its open is a full check in the worker: both sides parsed, modelled, compared.
    client.open(big, large.replace('x-note: two', 'x-note: three'));
    // Let its check reach the worker (git has to give the base first).
    await new Promise((r) => setTimeout(r, 400));
    const order: string[] = [];
    const bigDone = client
      .waitUntil(
        () => client.statuses.get(big)?.state === 'ok',
        180_000,
        () => 'the large check',
      )
      .then(() => order.push('large checked'));
    const fixes = client.codeActions(pets, diagnostics[0].range, [diagnostics[0]]).then((a) => {
      order.push('quick fixes');
      return a;
    });
    const hover = client.hover(pets, diagnostics[0].range.start.line, diagnostics[0].range.start.character).then((h) => {
      order.push('hover');
      return h;
    });
    const [actions, shown] = await Promise.all([fixes, hover]);
    await bigDone;
    assert.ok(actions.length > 0, 'quick fixes offered');
    assert.ok(shown, 'hover shown');
    assert.deepEqual(order.slice(0, 2).sort(), ['hover', 'quick fixes'], `answered before the other check ended: ${order.join(', ')}`);
  });
});

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
