// Bundles the three entry points named in DESIGN.md into dist/ with esbuild, plus the
// language server's check worker (dist/checkWorker.js, loaded by dist/server.js).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

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
};

await Promise.all([
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
chmodSync('dist/server.js', 0o755);
