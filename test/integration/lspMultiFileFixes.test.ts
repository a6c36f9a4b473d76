// Quick fixes and hover on findings that live in a referenced file of a
// multi-file spec (schemas/pet.yaml / pet.json under openapi.yaml / .json),
// through the real language server in real temporary git repositories: with the
// root spec open, and with it closed (checked in the background from disk).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';

const REMOVED = 'response-optional-property-removed';
const ENUM_REMOVED = 'request-property-enum-value-removed';

interface Format {
  name: 'yaml' | 'json';
  ext: string;
  render: (value: unknown) => string;
}

const FORMATS: Format[] = [
  { name: 'yaml', ext: 'yaml', render: (v) => yamlOf(v) },
  { name: 'json', ext: 'json', render: (v) => JSON.stringify(v, null, 2) + '\n' },
];

/** Block YAML as people write it (two-space indentation), quoting only what needs it. */
function yamlOf(value: unknown, indent = ''): string {
  const scalar = (v: unknown) => (typeof v === 'string' && /^[\w./ -]+$/.test(v) && !/^\d/.test(v) ? v : JSON.stringify(v));
  if (Array.isArray(value)) return value.map((v) => `${indent}- ${scalar(v)}\n`).join('');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => {
      const key = /^[\w-]+$/.test(k) && !/^\d/.test(k) ? k : `'${k}'`;
      return v !== null && typeof v === 'object' ? `${indent}${key}:\n${yamlOf(v, indent + '  ')}` : `${indent}${key}: ${scalar(v)}\n`;
    })
    .join('');
}

const rootOf = (ext: string) => ({
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1.0.0' },
  paths: {
    '/pets': {
      get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `./schemas/pet.${ext}#/Pet` } } } } } },
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: `./schemas/pet.${ext}#/NewPet` } } } },
        responses: { '201': { description: 'created' } },
      },
    },
  },
});

const pet = (opts: { name?: boolean; sold?: boolean } = {}) => ({
  Pet: { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, ...(opts.name === false ? {} : { name: { type: 'string' } }) } },
  NewPet: { type: 'object', properties: { status: { type: 'string', enum: ['available', 'pending', ...(opts.sold === false ? [] : ['sold'])] } } },
});

interface Session {
  c: TestClient;
  repo: TempRepo;
  rootUri: string;
  petUri: string;
  base: string;
}

async function session(format: Format, rootOpen: boolean): Promise<Session> {
  const root = format.render(rootOf(format.ext));
  const base = format.render(pet());
  const repo = new TempRepo({ [`openapi.${format.ext}`]: root, [`schemas/pet.${format.ext}`]: base });
  const c = new TestClient();
  await c.initialize(repo.uri(''));
  const s = { c, repo, rootUri: repo.uri(`openapi.${format.ext}`), petUri: repo.uri(`schemas/pet.${format.ext}`), base };
  if (rootOpen) {
    c.open(s.rootUri, root);
    await c.waitForDiagnostics(s.rootUri, (d) => d.length === 0, 'the root checked');
  }
  c.open(s.petUri, base);
  await c.waitForStatus(s.petUri, (st) => st.partOf?.length === 1 && st.partOf[0].state === 'ok');
  return s;
}

async function end(s: Session): Promise<void> {
  await s.c.dispose();
  s.repo.cleanup();
}

const on = (c: TestClient, uri: string) => c.diagnostics.get(uri)?.diagnostics ?? [];

async function waitOn(c: TestClient, uri: string, predicate: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  await c.waitUntil(
    () => predicate(on(c, uri)),
    20_000,
    () => `${what}; last: ${JSON.stringify(on(c, uri).map((d) => `${d.code}@${d.range.start.line}`))}`,
  );
  return on(c, uri);
}

const withCode = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);

function titled(actions: CodeAction[], prefix: string): CodeAction {
  const a = actions.find((x) => x.title.startsWith(prefix));
  assert.ok(a, `a code action "${prefix}…" among ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

/** The edits of a code action that go to `uri` (as `changes` or as a versioned document change). */
function editsTo(action: CodeAction, uri: string): TextDocumentEdit[] {
  return (action.edit?.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
}

for (const format of FORMATS) {
  for (const rootOpen of [true, false]) {
    const where = rootOpen ? 'root open' : 'root closed (background)';

    test(`${format.name}, ${where}: a property deleted in the referenced file is marked deprecated by the quick fix on that file; Accept does not bump a warning`, async () => {
      const s = await session(format, rootOpen);
      const { c } = s;
      try {
        c.setText(s.petUri, format.render(pet({ name: false })));
        const [d] = (await waitOn(c, s.petUri, withCode(REMOVED), 'the removal on pet')).filter((x) => x.code === REMOVED);
        const checkedVersion = c.version(s.petUri);

        // Hover on the diagnostic's line shows the base node of the referenced file.
        const hover = await c.hover(s.petUri, d.range.start.line, d.range.start.character);
        assert.ok(hover, 'a hover on the finding');
        const md = (hover.contents as { value: string }).value;
        assert.match(md, /^\*\*In the base\*\* \(HEAD [0-9a-f]{7}\):\n/, md);
        assert.match(String(d.relatedInformation?.[0].message), new RegExp(`^pet\\.${format.name} at HEAD [0-9a-f]{7}, line \\d+: the removed property$`));
        assert.match(md, new RegExp(`\\]\\([^)]*#${REMOVED}\\)`), 'the link to the rule explanation');
        assert.match(md, format.name === 'yaml' ? /```yaml\nname:\n  type: string\n```/ : /```json\n"name": \{\n  "type": "string"\n\}\n```/, md);

        const actions = await c.codeActions(s.petUri, d.range, [d]);
        const deprecate = titled(actions, 'Mark deprecated instead of deleting');
        const edits = editsTo(deprecate, s.petUri);
        assert.equal(edits.length, 1, 'the edit goes to pet');
        assert.equal(edits[0].textDocument.version, checkedVersion, 'tied to the version checked');
        assert.deepEqual(Object.keys(deprecate.edit?.changes ?? {}), [], 'nothing else is edited');

        // Accept records the fingerprint only; a possibly-breaking warning is offered no version bump at all.
        const accept = titled(actions, 'Accept this change');
        assert.deepEqual(editsTo(accept, s.rootUri), [], 'accepting a warning leaves info.version alone');
        assert.ok(!actions.some((a) => /info\.version/.test(a.title)), actions.map((a) => a.title).join(' | '));

        c.applyWorkspaceEdit(deprecate.edit!);
        const fixed = c.text(s.petUri);
        const value = (format.name === 'yaml' ? parse(fixed) : JSON.parse(fixed)) as ReturnType<typeof pet>;
        assert.deepEqual(value.Pet.properties, { id: { type: 'integer' }, name: { type: 'string', deprecated: true } } as unknown);
        // At the file's own indentation.
        assert.ok(fixed.split('\n').includes(format.name === 'yaml' ? '      deprecated: true' : '        "deprecated": true'), fixed);
        await waitOn(c, s.petUri, (x) => !x.some((y) => y.code === REMOVED), 'the removal is gone after the fix');
      } finally {
        await end(s);
      }
    });

    test(`${format.name}, ${where}: an enum value removed in the referenced file is restored by its quick fix; a stale request gets no fixes`, async () => {
      const s = await session(format, rootOpen);
      const { c } = s;
      try {
        c.setText(s.petUri, format.render(pet({ sold: false })));
        const [d] = (await waitOn(c, s.petUri, withCode(ENUM_REMOVED), 'the enum value removal on pet')).filter((x) => x.code === ENUM_REMOVED);
        const hover = await c.hover(s.petUri, d.range.start.line, 0);
        assert.match((hover?.contents as { value: string } | undefined)?.value ?? '', /sold/, 'the base snippet names the removed value');

        // A breaking finding: "Bump info.version" is its own fix, editing the root (open: its version; closed: no version, the disk is what was checked).
        const offered = await c.codeActions(s.petUri, d.range, [d]);
        assert.deepEqual(editsTo(titled(offered, 'Accept this change'), s.rootUri), [], 'Accept does not bump');
        const bump = editsTo(titled(offered, 'Bump info.version to the next major (2.0.0)'), s.rootUri);
        assert.equal(bump.length, 1, 'the bump targets the root');
        assert.equal(bump[0].textDocument.version, rootOpen ? c.version(s.rootUri) : null);
        assert.equal((bump[0].edits[0] as TextEdit).newText.replace(/"/g, ''), '2.0.0');

        // The buffer moves on (a line inserted above the finding) before the next check: the old diagnostic gets nothing.
        const checked = c.text(s.petUri);
        c.edit(s.petUri, [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: format.name === 'yaml' ? '# moved\n' : '\n' },
        ]);
        assert.deepEqual(await c.codeActions(s.petUri, d.range, [d]), [], 'no fixes for a text the check did not read');
        c.setText(s.petUri, checked);
        // Diagnostics on a referenced file carry no version: ask until the check of the current text answers.
        const [fresh] = (await waitOn(c, s.petUri, withCode(ENUM_REMOVED), 'checked again')).filter((x) => x.code === ENUM_REMOVED);
        let restore: CodeAction | undefined;
        for (let i = 0; i < 100 && !restore; i++) {
          restore = (await c.codeActions(s.petUri, fresh.range, [fresh])).find((a) => a.title.startsWith('Restore enum value'));
          if (!restore) await new Promise((r) => setTimeout(r, 100));
        }
        assert.ok(restore, 'Restore enum value, once the check read the current text');
        c.applyWorkspaceEdit(restore.edit!);
        assert.equal(c.text(s.petUri), s.base, 'back to the base text');
        await waitOn(c, s.petUri, (x) => x.length === 0, 'no findings after the restore');
        if (!rootOpen)
          assert.equal(readFileSync(s.repo.path(`openapi.${format.ext}`), 'utf8'), format.render(rootOf(format.ext)), 'the closed root is untouched');
      } finally {
        await end(s);
      }
    });
  }
}

test('yaml: a referenced file opened after its open root read it from disk gets quick fixes and hover without being edited', async () => {
  const format = FORMATS[0];
  const root = format.render(rootOf('yaml'));
  const repo = new TempRepo({ 'openapi.yaml': root, 'schemas/pet.yaml': format.render(pet()) });
  const changed = format.render(pet({ name: false }));
  repo.write('schemas/pet.yaml', changed); // uncommitted, on disk
  const c = new TestClient();
  try {
    await c.initialize(repo.uri(''));
    const rootUri = repo.uri('openapi.yaml');
    const petUri = repo.uri('schemas/pet.yaml');
    c.open(rootUri, root);
    await waitOn(c, petUri, withCode(REMOVED), 'the open root reports the removal on pet, read from disk');
    // Opened as it is on disk: the root's check read no version of this buffer, so it reads it again.
    c.open(petUri, changed);
    const [d] = on(c, petUri).filter((x) => x.code === REMOVED);
    let deprecate: CodeAction | undefined;
    for (let i = 0; i < 100 && !deprecate; i++) {
      deprecate = (await c.codeActions(petUri, d.range, [d])).find((a) => a.title.startsWith('Mark deprecated instead of deleting'));
      if (!deprecate) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(deprecate, 'the quick fix, with no edit made to the file');
    assert.ok(await c.hover(petUri, d.range.start.line, 0), 'and the hover');
  } finally {
    await c.dispose();
    repo.cleanup();
  }
});
