// Bundles the three entry points named in DESIGN.md into dist/ with esbuild, plus the
// language server's check worker (dist/checkWorker.js, loaded by dist/server.js).
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // jsonc-parser's default (UMD) build loads its parts through a `require` esbuild cannot follow; its ES module build bundles.
  mainFields: ['module', 'main'],
  // The inputs of each bundle, for the third-party notices below.
  metafile: true,
};

const results = await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // Also the npm package's `breakwater-language-server` command, for editors other than VS Code.
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  // The language server's check worker thread (parse, model, diff), started by dist/server.js.
  build({ ...common, entryPoints: ['server/src/lsp/worker/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
  // The CLI's parse thread (the base and the revision are parsed at the same time), started by dist/cli.js.
  build({ ...common, entryPoints: ['server/src/io/parseWorker.ts'], outfile: 'dist/parseWorker.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The CLI's worker threads (`breakwater check` with no file checks specs in parallel), started by dist/cli.js.
  build({ ...common, entryPoints: ['server/src/cli/repo/specWorker.ts'], outfile: 'dist/cliWorker.js' }),
]);
chmodSync('dist/cli.js', 0o755);
writeFileSync('dist/THIRD-PARTY-NOTICES.txt', thirdPartyNotices(results));
chmodSync('dist/server.js', 0o755);

/**
 * The license of every npm package bundled into dist/ (their licenses ask that it
 * travel with copies of the code), read from the packages themselves, so the list
 * follows the dependencies without being kept by hand.
 */
function thirdPartyNotices(buildResults) {
  const packages = new Map();
  for (const { metafile } of buildResults) {
    for (const input of Object.keys(metafile.inputs)) {
      const at = input.lastIndexOf('node_modules/');
      if (at === -1) continue;
      const rest = input.slice(at + 'node_modules/'.length).split('/');
      const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
      packages.set(name, join(input.slice(0, at), 'node_modules', name));
    }
  }
  const sections = [...packages]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, dir]) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const licenseFile = existsSync(dir) ? readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.(md|txt))?$/i.test(f)) : undefined;
      const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `License: ${manifest.license ?? 'see the package'}`;
      return `${name} ${manifest.version} (${manifest.license ?? 'unknown license'})\n${'-'.repeat(72)}\n${text}\n`;
    });
  return `Breakwater bundles the following npm packages into dist/. Their licenses follow.\n\n${sections.join('\n')}`;
}
