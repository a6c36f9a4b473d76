// Multi-file specs in the single-folder launch (server/src/workspace/roots/, the status's `partOf`):
// a git repository of its own (next to the workspace folder) holds a root spec that `$ref`s a
// schema file, both committed. Only the schema file is opened; the root spec stays closed and
// is checked by the server in the background. Deleting a property of the referenced schema in
// the editor (unsaved) must show the finding on the schema file's own line, the status the
// extension holds for that file must name the root and count the finding, and undoing the edit
// must clear it. Once with a YAML root and schema file, once with JSON. Every step polls.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  breakwaterApi,
  breakwaterDiagnostics,
  closeAllEditors,
  codeOf,
  makeGitWorkspace,
  openDocument,
  setDocumentText,
  shortHead,
  waitFor,
  waitForActivation,
  waitForDiagnostics,
  type BreakwaterStatus,
  type GitWorkspace,
} from './helpers';
import { REMOVED_RULE, lineMatching } from './scenarios';

/** The referenced schema: Pet with a required `id` and an optional `name` (the property deleted). */
const PET = {
  Pet: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'integer' }, name: { type: 'string' } },
  },
};

/** A root spec whose only response schema is `<ref>#/Pet` in another file. */
const rootSpec = (ref: string) => ({
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1.0.0' },
  paths: {
    '/pets': {
      get: {
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `${ref}#/Pet` } } } },
        },
      },
    },
  },
});

interface MultiFileFormat {
  name: 'yaml' | 'json';
  root: string;
  referenced: string;
  files: Record<string, string>;
  /** The line a removed property of Pet is reported on: its surviving `properties` key. */
  propertiesKey: RegExp;
  withoutName(text: string): string;
}

function changed(before: string, after: string): string {
  assert.notEqual(after, before, 'the edit changed nothing: fixture changed?');
  return after;
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

const FORMATS: readonly MultiFileFormat[] = [
  {
    name: 'yaml',
    root: 'openapi.yaml',
    referenced: 'schemas/pet.yaml',
    files: {
      'openapi.yaml': [
        'openapi: 3.0.3',
        'info:',
        '  title: Pets',
        '  version: 1.0.0',
        'paths:',
        '  /pets:',
        '    get:',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema:',
        "                $ref: './schemas/pet.yaml#/Pet'",
        '',
      ].join('\n'),
      'schemas/pet.yaml': [
        'Pet:',
        '  type: object',
        '  required: [id]',
        '  properties:',
        '    id:',
        '      type: integer',
        '    name:',
        '      type: string',
        '',
      ].join('\n'),
    },
    propertiesKey: /^ {2}properties:$/,
    withoutName: (text) => changed(text, text.replace('    name:\n      type: string\n', '')),
  },
  {
    name: 'json',
    root: 'openapi.json',
    referenced: 'schemas/pet.json',
    files: { 'openapi.json': json(rootSpec('./schemas/pet.json')), 'schemas/pet.json': json(PET) },
    propertiesKey: /^ {4}"properties": \{$/,
    withoutName: (text) => {
      const doc = JSON.parse(text) as typeof PET;
      delete (doc.Pet.properties as Partial<typeof PET.Pet.properties>).name;
      return changed(text, json(doc));
    },
  },
];

/** Ends of two file URIs compared as paths (the server and VS Code may encode URIs differently). */
const samePath = (a: string, b: string) => vscode.Uri.parse(a).fsPath === vscode.Uri.parse(b).fsPath;

for (const format of FORMATS) {
  describe(`multi-file spec: a referenced file opened with its root closed (${format.name})`, () => {
    let repo: GitWorkspace;
    let doc: vscode.TextDocument;
    let committed: string;
    let rootUri: vscode.Uri;

    before(() => {
      repo = makeGitWorkspace(format.files, { name: `multi-${format.name}` });
      rootUri = vscode.Uri.file(repo.path(format.root));
    });

    after(() => repo?.cleanup());

    beforeEach(async () => {
      await waitForActivation();
      doc = await openDocument(repo.path(format.referenced));
      committed = doc.getText();
      assert.equal(committed, format.files[format.referenced]);
    });

    afterEach(async () => {
      if (doc.isDirty) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      await closeAllEditors();
      assert.equal(readFileSync(doc.uri.fsPath, 'utf8'), committed, 'no edit reached the disk');
    });

    /** Polls the status the extension holds for the referenced file until it is checked through the root with `possiblyBreaking` findings. */
    async function waitForPartOfStatus(possiblyBreaking: number): Promise<BreakwaterStatus> {
      const api = await breakwaterApi();
      return waitFor(
        () => {
          const s = api.statusOf(doc.uri);
          return s?.state === 'ok' &&
            s.partOf?.some((r) => samePath(r.uri, rootUri.toString()) && r.state === 'ok') &&
            s.counts.possiblyBreaking === possiblyBreaking
            ? s
            : undefined;
        },
        {
          timeout: 30_000,
          message: `the status of ${format.referenced} to name ${format.root} and count ${possiblyBreaking} possibly breaking`,
          describe: () => api.statusOf(doc.uri),
        },
      );
    }

    it('a property deleted in the referenced file is reported on its line, the status names the root, undo clears it', async () => {
      // Opened alone: the root spec is not open, and the committed file has nothing to report.
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === rootUri.fsPath), `${format.root} must stay closed`);
      const clean = await waitForPartOfStatus(0);
      assert.equal(clean.counts.breaking, 0);
      assert.deepEqual(breakwaterDiagnostics(doc.uri), [], 'no findings on the committed file');

      // The user deletes Pet's optional `name` in the referenced file (unsaved).
      await setDocumentText(doc, format.withoutName(committed));
      const diags = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === REMOVED_RULE), { timeout: 30_000 });
      const found = diags.filter((d) => codeOf(d) === REMOVED_RULE);
      assert.equal(found.length, 1, `one finding: ${JSON.stringify(diags.map((d) => `${codeOf(d)}@${d.range.start.line + 1}: ${d.message}`))}`);
      const d = found[0];
      assert.equal(d.source, 'breakwater');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, 'possibly breaking');
      assert.match(d.message, /"name"/);
      assert.equal(d.range.start.line, lineMatching(doc.getText(), format.propertiesKey), `on the surviving properties key of ${format.referenced}`);
      assert.equal(d.range.end.line, d.range.start.line, 'one line');
      assert.equal(String((d.code as { value: string }).value), REMOVED_RULE, 'code = rule id');
      assert.deepEqual(breakwaterDiagnostics(rootUri), [], 'nothing is published on the closed root spec');

      // The status of the referenced file: part of the root spec, compared with HEAD, counting the finding.
      const status = await waitForPartOfStatus(1);
      assert.equal(status.counts.breaking, 0);
      assert.equal(status.partOf!.length, 1, `one root: ${JSON.stringify(status.partOf)}`);
      const head = `HEAD ${shortHead(repo.root)}`;
      assert.equal(status.partOf![0].baseLabel, head, 'the root is compared with the repository HEAD');
      assert.equal(status.baseLabel, head, "the file's status carries its root's base");
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === rootUri.fsPath), `${format.root} is still closed`);

      // Undo (the editor's own undo) brings the committed text back and clears the finding.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await waitFor(() => doc.getText() === committed, { message: 'undo to restore the committed text', describe: () => doc.getText() });
      await waitForDiagnostics(doc.uri, (ds) => !ds.some((x) => codeOf(x) === REMOVED_RULE), { timeout: 30_000, message: 'the finding to clear after undo' });
      await waitForPartOfStatus(0);
    });
  });
}
