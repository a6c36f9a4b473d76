// Entry point that VS Code's extension host calls (extensionTestsPath): runs every
// `*.test.js` next to this file with Mocha and resolves/rejects with the outcome, which the
// workbench turns into the process exit code.
//
// Environment (set by scripts/e2e.mjs through test-electron's extensionTestsEnv):
//   BREAKWATER_E2E_FILES    regular expression on file names (default: ^[^.]+\.test\.js$,
//                           i.e. the single-folder scenarios; a launch with another
//                           workspace kind picks e.g. \.multiroot\.test\.js$)
//   BREAKWATER_E2E_GREP     Mocha --grep
//   BREAKWATER_E2E_RESULTS  file to write {passes, failures, pending, tests[]} to

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.BREAKWATER_E2E_TEST_TIMEOUT_MS || 60_000),
    reporter: 'spec',
  });
  if (process.env.BREAKWATER_E2E_GREP) mocha.grep(process.env.BREAKWATER_E2E_GREP);

  const pattern = new RegExp(process.env.BREAKWATER_E2E_FILES || '^[^.]+\\.test\\.js$');
  const files = readdirSync(__dirname)
    .filter((f) => pattern.test(f))
    .sort();
  for (const f of files) mocha.addFile(join(__dirname, f));

  return new Promise((resolve, reject) => {
    const results: TestResult[] = [];
    const writeResults = () => {
      const out = process.env.BREAKWATER_E2E_RESULTS;
      if (!out) return;
      const count = (s: TestResult['state']) => results.filter((r) => r.state === s).length;
      writeFileSync(out, JSON.stringify({ files, passes: count('passed'), failures: count('failed'), pending: count('pending'), tests: results }, null, 2));
    };
    try {
      const runner = mocha.run((failures) => {
        writeResults();
        if (files.length === 0) reject(new Error(`no test files match ${pattern} in ${__dirname}`));
        else if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: err?.message }));
      runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
    } catch (err) {
      writeResults();
      reject(err);
    }
  });
}
