#!/usr/bin/env node
// `npm run package`: builds the extension (minified) and packs breakwater.vsix with
// @vscode/vsce (pinned in devDependencies), then checks what went in.
//
//   node scripts/package.mjs [--out FILE] [--no-build] [--quiet]
//     --out FILE    where to write the .vsix (default: breakwater.vsix in the checkout)
//     --no-build    package the dist/ that is there (e.g. the e2e runner's fresh build)
//     --quiet       print only the summary line
//
// The package is assembled in a temporary staging folder from the files .vscodeignore lets
// through (its `!path` lines), so nothing else in the checkout can slip in. The bundles keep no
// `//# sourceMappingURL=` comment: maps are not shipped (the bundles are self-contained; the
// maps would triple the download for stack traces that Node does not map by default), and
// no file refers to one that is missing. Fails (exit 1) when the package holds anything but the
// bundled dist/*.js with the licenses of what they bundle (dist/THIRD-PARTY-NOTICES.txt), the
// manifest, README, CHANGELOG, LICENSE, the icon, docs/rules.md and schemas/*.json, or misses
// one of them. The staged package.json drops `files` (the npm
// package's list, which vsce refuses next to .vscodeignore).

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const quiet = flag('--quiet');
const out = resolve(option('--out', join(ROOT, 'breakwater.vsix')));
const say = (msg) => quiet || console.log(`[package] ${msg}`);

/** What the .vsix may contain (paths inside extension/), and what it must contain. */
const ALLOWED = [
  /^dist\/[\w.-]+\.js$/,
  /^dist\/THIRD-PARTY-NOTICES\.txt$/,
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^images\/icon\.png$/,
  /^docs\/rules\.md$/,
  /^schemas\/[\w.-]+\.json$/,
];
const REQUIRED = [
  'dist/extension.js',
  'dist/server.js',
  'dist/checkWorker.js',
  'dist/parseWorker.js',
  'dist/cli.js',
  'dist/cliWorker.js',
  'dist/THIRD-PARTY-NOTICES.txt',
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'images/icon.png',
  'docs/rules.md',
];

function die(msg) {
  console.error(`[package] FAILED: ${msg}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) die(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout ?? '';
}

const started = Date.now();
const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
if (!existsSync(vsce)) die('@vscode/vsce is not installed (npm ci)');

// 1. build
if (!flag('--no-build')) {
  say('building (minified)');
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--minify'], { cwd: ROOT, stdio: quiet ? 'pipe' : 'inherit' });
}

// 2. stage: what .vscodeignore lets through (its `!pattern` lines; plain paths or dir/*.ext)
const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
const shipped = ignore
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1));
const stage = mkdtempSync(join(tmpdir(), 'bw-package-'));
try {
  const files = [];
  for (const pattern of shipped) {
    if (!/[*?[\]{}]/.test(pattern)) {
      if (!existsSync(join(ROOT, pattern))) die(`.vscodeignore ships ${pattern}, which does not exist${pattern.startsWith('dist/') ? ' (npm run build)' : ''}`);
      files.push(pattern);
      continue;
    }
    const m = /^([\w./-]+)\/\*(\.[\w.]+)$/.exec(pattern);
    if (!m) die(`scripts/package.mjs understands plain paths and dir/*.ext in .vscodeignore, not ${pattern}`);
    for (const f of readdirSync(join(ROOT, m[1]))) if (f.endsWith(m[2])) files.push(`${m[1]}/${f}`);
  }
  files.push('.vscodeignore');
  for (const f of files) {
    const to = join(stage, f);
    mkdirSync(dirname(to), { recursive: true });
    if (/^dist\/.*\.js$/.test(f)) {
      // The map stays behind, so drop the comment that points at it.
      const text = readFileSync(join(ROOT, f), 'utf8').replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n');
      writeFileSync(to, text, { mode: statSync(join(ROOT, f)).mode });
    } else if (f === 'package.json') {
      // `files` is the npm package's list (npm pack); vsce refuses it next to .vscodeignore,
      // which is the .vsix's list.
      const { files: _npmFiles, ...manifest } = JSON.parse(readFileSync(join(ROOT, f), 'utf8'));
      writeFileSync(to, JSON.stringify(manifest, null, 2) + '\n');
    } else if (f === 'README.md') {
      // Links to files of the repository (docs/cli-json.md, ARCHITECTURE.md) point at nothing in the
      // .vsix, and vsce refuses them without a repository URL: in the package they are plain paths.
      const text = readFileSync(join(ROOT, f), 'utf8').replace(/\[([^\]]+)\]\((?![a-z]+:|#)([^)\s]+)\)/g, (_, label, path) =>
        label === path ? `\`${path}\`` : `${label} (\`${path}\`)`,
      );
      writeFileSync(to, text);
    } else copyFileSync(join(ROOT, f), to);
  }

  // 3. what vsce would pack, checked before packing
  const listed = run(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: stage })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
  const unexpected = listed.filter((f) => !ALLOWED.some((re) => re.test(f)));
  if (unexpected.length) die(`unexpected files would ship: ${unexpected.join(', ')}`);
  const missing = REQUIRED.filter((f) => !listed.includes(f));
  if (missing.length) die(`missing from the package: ${missing.join(', ')}`);
  for (const f of listed.filter((f) => f.endsWith('.js'))) {
    if (/sourceMappingURL=/.test(readFileSync(join(stage, f), 'utf8').slice(-300))) die(`${f} still refers to a source map`);
  }

  // 4. pack
  mkdirSync(dirname(out), { recursive: true });
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: stage });
  const size = statSync(out).size;
  if (!quiet) {
    console.log(`[package] files (${listed.length}):`);
    for (const f of listed) console.log(`  ${f.padEnd(44)} ${(statSync(join(stage, f)).size / 1024).toFixed(1).padStart(8)} KB`);
  }
  const rel = relative(process.cwd(), out);
  const shown = rel && !rel.startsWith('..') ? rel : out;
  console.log(`[package] ${shown}: ${(size / 1024).toFixed(1)} KB, ${listed.length} files, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
