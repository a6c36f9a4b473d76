// The built CLI (dist/cli.js) on multi-file specs in real temporary git
// repositories: `breakwater check --base` follows the root's `$ref`s on both
// sides, so a file added in the revision and a `$ref` retargeted to another file
// are compared by what they mean, not by file name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { TempRepo } from '../support/tempRepo';
import { A, B, INLINE_ROOT, MOVED_PET, MOVED_ROOT, ROOT_TO_A, ROOT_TO_B } from './multiFileFixtures';

const CLI = resolve(__dirname, '../../../dist/cli.js');

interface Report {
  findings: { rule: string; level: string; revision: { file: string; line: number } | null; base: { file: string; line: number } | null }[];
  summary: { error: number; warning: number; info: number };
  problems: unknown[];
}

function check(repo: TempRepo, ...args: string[]): { code: number | null; report: Report; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', 'openapi.yaml', '--format', 'json', ...args], {
    cwd: repo.root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(r.stderr, '', 'nothing on stderr');
  return { code: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

test('CLI: a schema moved into a file added in the revision is no change; changing it there is breaking, located in the new file', () => {
  const repo = new TempRepo({ 'openapi.yaml': INLINE_ROOT });
  try {
    const base = repo.git('rev-parse', 'HEAD');
    repo.write('openapi.yaml', MOVED_ROOT);
    repo.write('schemas/moved.yaml', MOVED_PET);
    const moved = check(repo, '--base', base);
    assert.equal(moved.code, 0);
    // Only the component's name is gone from components.schemas (info); its content, now in the new file, is unchanged.
    assert.deepEqual(
      moved.report.findings.map((f: { rule: string; level: string }) => `${f.rule} ${f.level}`),
      ['api-schema-removed info'],
    );
    assert.deepEqual(moved.report.problems, [], 'the new file resolves (read from the work tree)');

    repo.write('schemas/moved.yaml', MOVED_PET.replace('      type: integer\n', '      type: string\n'));
    const changed = check(repo, '--base', base);
    assert.equal(changed.code, 1, 'breaking');
    const f = changed.report.findings.find((x) => x.rule === 'response-property-type-changed');
    assert.ok(f, JSON.stringify(changed.report.findings));
    assert.deepEqual(f.revision, { file: 'schemas/moved.yaml', line: 6, column: 7 });
    assert.equal(f.base?.file, 'openapi.yaml', 'in the base, Pet was inline in the root');

    // Committed, the move is the new base: nothing left to report.
    repo.commit({ 'openapi.yaml': MOVED_ROOT, 'schemas/moved.yaml': MOVED_PET }, 'move Pet');
    repo.write('schemas/moved.yaml', MOVED_PET);
    assert.deepEqual(check(repo, '--base', 'HEAD').report.findings, []);
  } finally {
    repo.cleanup();
  }
});

test('CLI: a $ref retargeted from a.yaml to b.yaml with an incompatible schema is breaking, though neither file changed', () => {
  const repo = new TempRepo({ 'openapi.yaml': ROOT_TO_A, 'a.yaml': A, 'b.yaml': B });
  try {
    repo.write('openapi.yaml', ROOT_TO_B);
    const r = check(repo, '--base', 'main');
    assert.equal(r.code, 1);
    assert.deepEqual(r.report.summary, { error: 1, warning: 0, info: 0 });
    const f = r.report.findings[0];
    assert.equal(f.rule, 'response-property-type-changed');
    assert.deepEqual(f.revision, { file: 'b.yaml', line: 6, column: 7 });
    assert.deepEqual(f.base, { file: 'a.yaml', line: 6, column: 7 });

    // Back to a.yaml: nothing.
    repo.write('openapi.yaml', ROOT_TO_A);
    assert.deepEqual(check(repo, '--base', 'main').report.findings, []);
    // Retargeted to a compatible copy of a.yaml under another name: nothing either.
    repo.write('c.yaml', A);
    repo.write('openapi.yaml', ROOT_TO_A.replace('./a.yaml#', './c.yaml#'));
    assert.deepEqual(check(repo, '--base', 'main').report.findings, []);
  } finally {
    repo.cleanup();
  }
});
