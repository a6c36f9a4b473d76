// Nothing a repository contains runs code, and nothing reaches the network:
// - the shipped bundles load only vetted modules (no http/https/dns, sockets only
//   inside the LSP transport), never eval, never require a computed path, and spawn
//   processes only in the git runner;
// - at run time a server session and CLI runs with remote $refs open no connection
//   (every network API is refused and logged by a preload);
// - a partial clone's missing objects are never fetched lazily;
// - a hostile .git/config (fsmonitor, filters, textconv, external diff, pager,
//   hooks, included config) and hook scripts never run under the language server or
//   the CLI, though plain git runs them in the same repository.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../support/lspClient';
import { TempRepo } from '../support/tempRepo';
import { EDITS, PETS_YAML } from './fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(DIST, 'cli.js');
const PRELOAD = path.join(ROOT, 'out/test/support/noNetwork.js');
const REMOVED = 'response-optional-property-removed';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(files: Record<string, string>): TempRepo {
  const r = new TempRepo(files);
  repos.push(r);
  return r;
}

/** Node built-ins each bundle may load, and from which module (the esbuild `// path` comment above the require). */
const ALLOWED: Record<string, RegExp> = {
  // The LSP transport: pipes and sockets for --node-ipc/--pipe/--socket (connections the editor asked for).
  net: /^node_modules\/vscode-jsonrpc\/lib\/node\//,
  child_process:
    /^(server\/src\/io\/gitExec\.ts|node_modules\/vscode-languageclient\/lib\/node\/\S+|node_modules\/vscode-languageserver\/lib\/node\/files\.js)$/,
  // The check worker fetches V8's gc function by name (a constant, checked below), nothing else.
  vm: /^server\/src\/lsp\/worker\/checkWorker\.ts$/,
};
const FORBIDDEN = ['http', 'https', 'http2', 'dns', 'tls', 'dgram', 'inspector', 'repl', 'cluster'];

test('bundles: no network modules, sockets only in the LSP transport, processes only from the git runner, no eval or computed require', (t) => {
  const bundles = readdirSync(DIST).filter((f) => f.endsWith('.js'));
  if (bundles.length === 0) return t.skip(`no bundles in ${DIST}: run npm run build`);
  for (const bundle of bundles) {
    const text = readFileSync(path.join(DIST, bundle), 'utf8');
    if (!/^\/\/ (server|client|node_modules)\//m.test(text)) {
      t.diagnostic(`${bundle} is minified (no module comments): skipped`);
      continue;
    }
    const lines = text.split('\n');
    let owner = '?';
    lines.forEach((line, i) => {
      const comment = /^\/\/ ((?:server|client|node_modules)\/\S+)$/.exec(line);
      if (comment) owner = comment[1];
      for (const m of line.matchAll(/\brequire\(\s*([^)]*?)\s*\)/g)) {
        const arg = m[1];
        assert.match(arg, /^"[^"]+"$/, `${bundle}:${i + 1} (${owner}): require of a computed name: ${line.trim().slice(0, 120)}`);
        const name = arg.slice(1, -1).replace(/^node:/, '');
        assert.ok(!FORBIDDEN.includes(name), `${bundle}:${i + 1} (${owner}) loads "${name}"`);
        if (ALLOWED[name]) assert.match(owner, ALLOWED[name], `${bundle}:${i + 1}: "${name}" loaded by ${owner}`);
      }
      assert.doesNotMatch(line, /(^|[^\w$.])(eval\(|new Function\(|import\()/, `${bundle}:${i + 1} (${owner}): ${line.trim().slice(0, 120)}`);
      for (const m of line.matchAll(/\b(?:runInNewContext|runInThisContext|runInContext|compileFunction|Script)\(\s*([^,)]*)/g)) {
        assert.match(
          m[1],
          /^["']gc["']$/,
          `${bundle}:${i + 1} (${owner}): code compiled from something other than the constant "gc": ${line.trim().slice(0, 120)}`,
        );
      }
    });
  }
});

test('sources: git runs through execFile/spawnSync with an argument list, never a shell; nothing writes files or edits documents on its own', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : [],
    );
  for (const file of [...files(path.join(ROOT, 'server/src')), ...files(path.join(ROOT, 'client/src'))]) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file);
    assert.doesNotMatch(text, /(^|[^.\w])(exec|execSync)\(|shell:\s*true|(^|[^.\w])eval\(|new Function\(/m, rel);
    if (/child_process/.test(text)) assert.equal(rel, path.join('server', 'src', 'io', 'gitExec.ts'), `${rel} starts processes`);
    // The user's files change only through a quick fix they pick (a code action the editor applies).
    // One exception: the command behind Accept for clients that cannot create files through a
    // workspace edit (no documentChanges, e.g. Neovim 0.7) creates a missing .breakwater.yaml, and
    // only that; it runs when the user picks the fix.
    if (rel === path.join('server', 'src', 'lsp', 'createConfigCommand.ts')) {
      assert.match(text, /isConfigPath\(path\)/, `${rel} must only create configuration files`);
      assert.match(text, /flag: 'wx'|existsSync/, `${rel} must never overwrite a file`);
      continue;
    }
    // `breakwater init` writes the .breakwater.yaml its user asked for, never over an existing file.
    if (rel === path.join('server', 'src', 'cli', 'commands', 'init', 'init.ts')) {
      assert.deepEqual(text.match(/\bwriteFileSync\([^)]*\)/g), ["writeFileSync(target, text, { flag: 'wx' })"], rel);
      continue;
    }
    // The CLI writes the report files its user names with --output, nothing else.
    if (rel === path.join('server', 'src', 'cli', 'main.ts')) {
      const writes = text.match(/\bwriteFileSync\([^)]*\)/g) ?? [];
      assert.deepEqual(writes, ['writeFileSync(file, text)'], `${rel} writes only --output files`);
      assert.match(text, /function writeOutput\(file: string, text: string\)/, rel);
      continue;
    }
    assert.doesNotMatch(
      text,
      /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|unlinkSync|unlink|rmSync|renameSync|truncateSync|copyFileSync)\(|workspace\.applyEdit|ApplyWorkspaceEditRequest|workspace\/applyEdit/,
      `${rel} writes files or applies edits`,
    );
  }
});

/** A repository whose spec has remote and out-of-repository $refs next to a normal one. */
function refsRepo(): TempRepo {
  const spec = PETS_YAML.replace(
    "                $ref: '#/components/schemas/Pet'",
    "                $ref: '#/components/schemas/Pet'\n        '201':\n          description: remote\n          content:\n            application/json:\n              schema:\n                $ref: 'https://example.com/pet.yaml#/Pet'\n        '202':\n          description: http\n          content:\n            application/json:\n              schema:\n                $ref: 'http://127.0.0.1:9/pet.yaml'\n        '203':\n          description: protocol-relative and file URLs\n          content:\n            application/json:\n              schema:\n                oneOf:\n                  - $ref: '//example.com/pet.yaml'\n                  - $ref: 'file:///etc/passwd'",
  );
  return repo({ 'openapi.yaml': spec });
}

function networkEnv(dir: string): { env: NodeJS.ProcessEnv; log: string; loaded: string } {
  const log = path.join(dir, 'net.log');
  const loaded = path.join(dir, 'loaded.log');
  return { env: { ...process.env, BREAKWATER_NET_LOG: log, BREAKWATER_NET_LOADED: loaded }, log, loaded };
}

test('no network at run time: a server session with remote $refs opens no connection and resolves no host', async () => {
  const r = refsRepo();
  const spec = readFileSync(r.path('openapi.yaml'), 'utf8');
  const net = networkEnv(r.root);
  const client = new TestClient({ env: net.env, execArgv: ['--require', PRELOAD] });
  try {
    await client.initialize(pathToFileURL(r.root).toString());
    const uri = r.uri('openapi.yaml');
    client.open(uri, EDITS.removeName(spec));
    const d = await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === REMOVED));
    assert.ok(
      d.some((x) =>
        /remote reference "https:\/\/example\.com\/pet\.yaml#\/Pet" is not followed \(Breakwater never fetches over the network\)/.test(String(x.message)),
      ),
      JSON.stringify(d.map((x) => x.message)),
    );
    await client.hover(uri, 1, 1);
    await client.request('breakwater/report', { uri });
    await client.request('breakwater/refs', { uri });
    await client.codeActions(uri, d[0].range, d);
  } finally {
    await client.dispose();
  }
  assert.match(readFileSync(net.loaded, 'utf8'), /^loaded main$/m, 'the preload ran in the server');
  if (existsSync(path.join(DIST, 'checkWorker.js'))) assert.match(readFileSync(net.loaded, 'utf8'), /^loaded worker \d+$/m, 'and in its check worker');
  assert.equal(existsSync(net.log) ? readFileSync(net.log, 'utf8') : '', '', 'no network access');
});

test('no network at run time: the CLI with remote $refs', () => {
  const r = refsRepo();
  const net = networkEnv(r.root);
  r.write('openapi.yaml', EDITS.removeName(readFileSync(r.path('openapi.yaml'), 'utf8')));
  for (const args of [
    ['check', 'openapi.yaml', '--format', 'json'],
    ['diff', 'openapi.yaml', 'openapi.yaml'],
  ]) {
    const out = spawnSync(process.execPath, ['--require', PRELOAD, CLI, ...args], { cwd: r.root, encoding: 'utf8', env: net.env });
    assert.ok(out.status === 0 || out.status === 1, `${args.join(' ')}: ${out.stderr}`);
  }
  assert.match(readFileSync(net.loaded, 'utf8'), /^loaded main$/m);
  assert.equal(existsSync(net.log) ? readFileSync(net.log, 'utf8') : '', '', 'no network access');
});

test('a partial clone: a missing base object is reported, never fetched (CLI and server)', async () => {
  const origin = repo({ 'openapi.yaml': PETS_YAML });
  origin.commit({ 'openapi.yaml': EDITS.addRequiredLimit(PETS_YAML) }, 'second');
  origin.git('config', 'uploadpack.allowFilter', 'true');
  const clone = new TempRepo();
  repos.push(clone);
  rmSync(clone.root, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '--filter=blob:none', pathToFileURL(origin.root).toString(), clone.root], { stdio: 'ignore' });

  const cli = spawnSync(process.execPath, [CLI, 'check', 'openapi.yaml', '--base', 'HEAD~1'], { cwd: clone.root, encoding: 'utf8' });
  assert.equal(cli.status, 2);
  assert.match(
    cli.stderr,
    /^breakwater: the content of openapi\.yaml at [0-9a-f]{12} is missing from the repository \(a partial or shallow clone, or a damaged \.git\); fetch it, e\.g\. "git fetch --unshallow"\n$/,
  );

  const client = new TestClient();
  try {
    await client.initialize(pathToFileURL(clone.root).toString());
    client.settings = { base: 'HEAD~1' };
    const uri = clone.uri('openapi.yaml');
    client.open(uri, readFileSync(clone.path('openapi.yaml'), 'utf8'));
    const status = await client.waitForStatus(uri, (s) => s.state !== 'checking' && /missing from the repository/.test(s.message ?? ''));
    assert.match(status.message ?? '', /the content of the base version at blob [0-9a-f]{12} is missing from the repository/);
  } finally {
    await client.dispose();
  }
  // Plain git in the same clone does fetch it lazily: the object really was missing and fetchable.
  assert.equal(clone.git('cat-file', '-p', 'HEAD~1:openapi.yaml'), PETS_YAML.trimEnd());
});

test('a hostile repository runs nothing under the server or the CLI: config programs, included config, hooks', async () => {
  const r = repo({ 'openapi.yaml': PETS_YAML, 'schemas/pet.yaml': 'Pet:\n  type: object\n', '.gitattributes': '*.yaml filter=evil diff=evil merge=evil\n' });
  const markers = path.join(r.root, '.markers');
  mkdirSync(markers);
  const script = (name: string) => {
    const file = r.path(`.git/evil-${name}.sh`);
    writeFileSync(file, `#!/bin/sh\ntouch '${path.join(markers, name)}'\ncat\n`);
    chmodSync(file, 0o755);
    return file;
  };
  // Keys that name programs git may run, set in the repository's config and in a config file it includes.
  const keys: Record<string, string> = {
    'core.fsmonitor': 'fsmonitor',
    'filter.evil.clean': 'clean',
    'filter.evil.smudge': 'smudge',
    'filter.evil.process': 'process',
    'diff.evil.textconv': 'textconv',
    'diff.evil.command': 'diffcmd',
    'diff.external': 'external',
    'merge.evil.driver': 'merge',
    'core.pager': 'pager',
    'core.sshCommand': 'ssh',
    'core.editor': 'editor',
    'gpg.program': 'gpg',
    'credential.helper': '!' + script('credential'),
  };
  for (const [key, name] of Object.entries(keys)) if (key !== 'credential.helper') r.git('config', key, script(name));
  r.git('config', 'credential.helper', keys['credential.helper']);
  r.git('config', 'log.showSignature', 'true');
  writeFileSync(r.path('.git/extra.config'), `[core]\n\tfsmonitor = ${script('included-fsmonitor')}\n`);
  r.git('config', 'include.path', r.path('.git/extra.config'));
  // Hooks, in .git/hooks and in a core.hooksPath of the repository's choosing.
  const hooks = [
    'post-checkout',
    'post-index-change',
    'reference-transaction',
    'pre-commit',
    'post-commit',
    'pre-auto-gc',
    'fsmonitor-watchman',
    'post-rewrite',
  ];
  mkdirSync(r.path('.git/evil-hooks'));
  for (const hook of hooks) {
    for (const dir of ['.git/hooks', '.git/evil-hooks']) {
      writeFileSync(r.path(`${dir}/${hook}`), `#!/bin/sh\ntouch '${path.join(markers, `${dir.replace(/\W/g, '')}-${hook}`)}'\n`);
      chmodSync(r.path(`${dir}/${hook}`), 0o755);
    }
  }
  r.git('config', 'core.hooksPath', r.path('.git/evil-hooks'));
  // Work-tree state that makes git convert files, detect renames and look at the index.
  r.write('openapi.yaml', EDITS.removeName(PETS_YAML));
  r.git('-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', 'mv', 'openapi.yaml', 'api.yaml');
  rmSync(markers, { recursive: true, force: true });
  mkdirSync(markers);

  // The language server: repository discovery, HEAD and staged bases, a rename, a $ref read at the base, refs, base document.
  const client = new TestClient();
  try {
    await client.initialize(pathToFileURL(r.root).toString());
    const uri = r.uri('api.yaml');
    const text = EDITS.removeName(PETS_YAML).replace("$ref: '#/components/schemas/Pet'", "$ref: 'schemas/pet.yaml#/Pet'");
    client.open(uri, text);
    await client.waitForStatus(uri, (s) => s.state === 'ok');
    await client.request('breakwater/refs', { uri });
    await client.request('breakwater/baseContent', { uri: uri.replace(/^file:/, 'breakwater-base:') });
    client.changeSettings({ base: 'staged' });
    await client.waitForStatus(uri, (s) => s.baseLabel === 'staged');
    client.changeSettings({ base: 'merge-base:main' });
    await client.waitForStatus(uri, (s) => /merge-base/.test(s.baseLabel));
  } finally {
    await client.dispose();
  }
  // The CLI: check with a rename and a $ref, diff.
  const cli = spawnSync(process.execPath, [CLI, 'check', 'api.yaml', '--fail-on', 'warning'], { cwd: r.root, encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stderr);
  assert.equal(readdirSync(markers).join(', '), '', 'nothing ran');

  // Plain git in the same repository runs them: the traps are live.
  r.git('status');
  r.git('checkout', '-q', '-b', 'other');
  const ran = readdirSync(markers);
  assert.ok(ran.includes('fsmonitor') || ran.includes('included-fsmonitor'), `plain git status runs the fsmonitor: ${ran}`);
  assert.ok(ran.includes('gitevilhooks-post-checkout'), `plain git checkout runs the hook: ${ran}`);
});
