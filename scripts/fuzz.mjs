#!/usr/bin/env node
// `npm run fuzz -- --iterations 10000`: the long fuzz run (engine; and the language
// server when its fuzz test exists). Prints node --test's report, including outcome counts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--iterations');
const iterations = i > 0 ? process.argv[i + 1] : '1000';
spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
const files = ['out/test/unit/fuzzEngine.test.js', 'out/test/integration/fuzzServer.test.js'].filter((f) => existsSync(join(ROOT, f)));
const r = spawnSync(process.execPath, ['--test', '--test-timeout=0', ...files], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, BREAKWATER_FUZZ_ITERATIONS: iterations },
});
process.exit(r.status ?? 1);
