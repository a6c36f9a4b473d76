// Command-line parsing: every option form, and the exact usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../server/src/cli/args';

test('parseArgs: commands, options in any position, --opt=value, --', () => {
  assert.deepEqual(parseArgs(['diff', 'a.yaml', '--format=json', 'b.yaml', '--fail-on', 'warning', '--stats']), {
    command: 'diff',
    positional: ['a.yaml', 'b.yaml'],
    format: 'json',
    failOn: 'warning',
    stats: true,
    outputs: [],
    staged: false,
    include: [],
    exclude: [],
  });
  const check = parseArgs(['check', '--base', 'origin/main', 'a.yaml', 'b.yaml', '--config', 'c.yaml']);
  assert.equal(check.command, 'check');
  assert.deepEqual(check.positional, ['a.yaml', 'b.yaml']);
  assert.equal(check.base, 'origin/main');
  assert.equal(check.config, 'c.yaml');
  assert.deepEqual(parseArgs(['check', '--', '--odd-name.yaml']).positional, ['--odd-name.yaml']);
  assert.equal(parseArgs(['--help']).command, 'help');
  assert.equal(parseArgs(['diff', '-h']).command, 'help');
  assert.equal(parseArgs(['--version']).command, 'version');
  assert.equal(parseArgs([]).command, 'none');
});

test('parseArgs: check with no SPEC, --staged, --include/--exclude and --output', () => {
  const a = parseArgs([
    'check',
    '--staged',
    '--include',
    'specs/**',
    '--exclude',
    '**/fixtures/**',
    '--include',
    '*.json',
    '--output',
    'sarif=out.sarif',
    '--output',
    'markdown=sum.md',
  ]);
  assert.equal(a.command, 'check');
  assert.deepEqual(a.positional, []);
  assert.equal(a.staged, true);
  assert.deepEqual(a.include, ['specs/**', '*.json']);
  assert.deepEqual(a.exclude, ['**/fixtures/**']);
  assert.deepEqual(a.outputs, [
    { format: 'sarif', file: 'out.sarif' },
    { format: 'markdown', file: 'sum.md' },
  ]);
});

test('parseArgs: usage errors are one exact line', () => {
  const cases: [string[], string][] = [
    [['frob'], 'unknown command "frob" (commands: diff, check, rules, init)'],
    [['diff', 'a'], 'diff needs exactly two arguments: BASE REVISION'],
    [['diff', 'a', 'b', 'c'], 'diff needs exactly two arguments: BASE REVISION'],
    [['check', 'a.yaml', '--include', 'specs/**'], '--include and --exclude apply to check with no SPEC (every spec of the repository)'],
    [['diff', 'a', 'b', '--staged'], '--staged only applies to check'],
    [['init'], 'init needs --from oasdiff|optic and at most one FILE'],
    [['init', '--from', 'optic', 'a.yml', 'b.yml'], 'init needs --from oasdiff|optic and at most one FILE'],
    [['init', '--from', 'spectral'], '--from must be oasdiff or optic (got "spectral")'],
    [['check', '--from', 'optic'], '--from only applies to init'],
    [['check', '--output', 'sarif'], '--output needs FORMAT=FILE (got "sarif")'],
    [['check', '--output', 'xml=a.xml'], '--output format must be one of text, json, sarif, github, markdown (got "xml")'],
    [['rules', 'x'], 'rules takes no arguments'],
    [['diff', 'a', 'b', '--format', 'xml'], '--format must be one of text, json, sarif, github, markdown (got "xml")'],
    [['diff', 'a', 'b', '--fail-on', 'never'], '--fail-on must be one of error, warning, info (got "never")'],
    [['diff', 'a', 'b', '--format'], 'option --format needs a value'],
    [['diff', 'a', 'b', '--base', 'main'], '--base only applies to check'],
    [['diff', 'a', 'b', '--colour'], 'unknown option --colour (see breakwater --help)'],
    [['diff', 'a', 'b', '-x'], 'unknown option -x (see breakwater --help)'],
  ];
  for (const [argv, message] of cases) assert.throws(() => parseArgs(argv), { message }, argv.join(' '));
});

test("--help after a command asks for that command's usage", () => {
  assert.equal(parseArgs(['check', '--help']).helpFor, 'check');
  assert.equal(parseArgs(['diff', 'a.yaml', '-h']).helpFor, 'diff');
  assert.equal(parseArgs(['--config', 'diff', '--help']).helpFor, undefined, 'diff is the value of --config here');
  assert.equal(parseArgs(['--help']).helpFor, undefined);
});
