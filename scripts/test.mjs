#!/usr/bin/env node
// `npm test`: build, typecheck, lint, the end-to-end suite in real VS Code, then the unit
// and integration tests with node --test (last, so its summary closes the output).
// Every part runs even when an earlier one fails; the exit code says whether all passed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const failures = [];

function step(name, command, args, options = {}) {
  console.log(`\n== ${name}`);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (r.status !== 0) failures.push(`${name} (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

const built = step('build', process.execPath, [join(ROOT, 'scripts/build.mjs')]);
const typed = step('typecheck', process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b']);
// ESLint (real problems) and Prettier (layout): the same as `npm run lint`.
step('lint', process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '.']);
step('format', process.execPath, [join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn']);

if (built && existsSync(join(ROOT, 'scripts/e2e.mjs'))) step('e2e (real VS Code)', process.execPath, [join(ROOT, 'scripts/e2e.mjs'), '--no-build']);

const suites = ['out/test/unit', 'out/test/integration'].filter((d) => existsSync(join(ROOT, d)));
if (typed) step('unit and integration tests', process.execPath, ['--test', ...suites]);

if (failures.length) {
  console.error(`\nnpm test failed: ${failures.join('; ')}`);
  process.exit(1);
}
