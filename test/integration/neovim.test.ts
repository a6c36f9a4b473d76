// Another editor than VS Code: real headless Neovim (Debian's 0.7, `vim.lsp.start_client`)
// runs `node dist/server.js --stdio` in a real temporary git repository. The user deletes a
// response property; Neovim shows the diagnostic, the hover, and applies the
// "mark deprecated" quick fix itself (test/support/neovim/drive.lua does the typing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ensureDebianTool } from '../support/debianTool';
import { SERVER_JS } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { PETS_YAML, petPropertiesLine } from './fixtures';

const DRIVER = resolve(__dirname, '../../../test/support/neovim/drive.lua');
const missing = ensureDebianTool('nvim', 'neovim');

interface Observed {
  steps: string[];
  error?: string;
  initial?: number;
  diagnostics?: { code: string; message: string; lnum: number; col: number; severity: number }[];
  hover?: string;
  titles?: string[];
  fixed?: string;
}

/** Opens the spec in Neovim, deletes the `name` property and picks the quick fix titled `pick`. */
function driveNeovim(repo: TempRepo, pick: string): Observed {
  assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run "npm run build" first`);
  const params = {
    spec: repo.path('openapi.yaml'),
    root: repo.root,
    cmd: [process.execPath, SERVER_JS, '--stdio'],
    delete: [NAME_LINE, NAME_LINE + 3], // name:, type:, description:
    pick,
    results: repo.path('.git/nvim-results.json'),
  };
  const paramsFile = repo.path('.git/nvim-params.json');
  writeFileSync(paramsFile, JSON.stringify(params));
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${DRIVER}`], {
    cwd: repo.root,
    encoding: 'utf8',
    env: { ...process.env, BREAKWATER_NVIM_PARAMS: paramsFile },
    timeout: 100_000,
  });
  assert.ok(existsSync(params.results), `Neovim wrote no results (exit ${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
  const seen = JSON.parse(readFileSync(params.results, 'utf8')) as Observed;
  assert.equal(seen.error, undefined, `the driver failed after ${seen.steps.join(', ')}: ${seen.error}`);
  return seen;
}

const LINES = PETS_YAML.split('\n');
const NAME_LINE = LINES.indexOf('        name:');
const VIM_WARN = 2; // vim.diagnostic.severity.WARN

test('Neovim: diagnostic, hover and the deprecate quick fix applied by Neovim', { skip: missing, timeout: 120_000 }, () => {
  const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
  try {
    const seen = driveNeovim(repo, 'Mark deprecated instead of deleting');
    assert.equal(seen.initial, 0, 'the committed spec has no findings');
    const edited = LINES.filter((_, i) => i < NAME_LINE || i >= NAME_LINE + 3).join('\n');
    assert.deepEqual(
      seen.diagnostics?.map((d) => [d.code, d.lnum, d.severity]),
      [['response-optional-property-removed', petPropertiesLine(edited), VIM_WARN]],
    );
    assert.match(seen.diagnostics![0].message, /Property "name" was removed from schema Pet/);

    // The base node, named as the base; not the message again (editors show it next to the hover).
    assert.match(seen.hover ?? '', /^\*\*In the base\*\* \(HEAD [0-9a-f]{7}\):\n/);
    assert.ok(!(seen.hover ?? '').includes(seen.diagnostics![0].message), seen.hover);
    assert.match(seen.hover ?? '', /```yaml\nname:\n {2}type: string\n {2}description: The pet's name\n```/);

    assert.ok(
      seen.titles?.some((t) => t.startsWith('Accept this change')),
      JSON.stringify(seen.titles),
    );
    // Neovim applied the edit: the property is back, deprecated, in the file's indentation.
    const expected = PETS_YAML.replace("          description: The pet's name\n", "          description: The pet's name\n          deprecated: true\n");
    assert.equal(seen.fixed, expected);
    assert.equal(parse(seen.fixed!).components.schemas.Pet.properties.name.deprecated, true);
    assert.deepEqual(seen.steps, ['opened', 'diagnosed', 'hovered', 'fixed']);
  } finally {
    repo.cleanup();
  }
});

test(
  'Neovim (no documentChanges): the server creates .breakwater.yaml by command for Accept, which leaves info.version alone on a warning',
  { skip: missing, timeout: 120_000 },
  () => {
    const repo = new TempRepo({ 'openapi.yaml': PETS_YAML });
    try {
      const seen = driveNeovim(repo, 'Accept this change');
      assert.equal(parse(seen.fixed!).info.version, '1.0.0');
      const config = parse(readFileSync(repo.path('.breakwater.yaml'), 'utf8'));
      assert.equal(config.accepted.length, 1);
      assert.match(config.accepted[0].fingerprint, /^[0-9a-f]{16}$/);
      assert.deepEqual(seen.steps, ['opened', 'diagnosed', 'hovered', 'fixed'], 'the diagnostic went away once accepted');
    } finally {
      repo.cleanup();
    }
  },
);
