#!/usr/bin/env node
// `npm run docs`: regenerates docs/rules.md from the rule registry.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'server'], { cwd: ROOT, stdio: 'inherit' });
const { rulesDocument } = createRequire(import.meta.url)(join(ROOT, 'out/server/src/engine/index.js'));
writeFileSync(join(ROOT, 'docs/rules.md'), rulesDocument());
console.log('wrote docs/rules.md');
