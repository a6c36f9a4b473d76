// `breakwater`: the CLI entry (bundled to dist/cli.js). Exit codes are a contract:
// 0 nothing at or above --fail-on, 1 breaking changes found, 2 usage or input error,
// always with one clear line on stderr and never a stack trace.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_FILE, SpecInputError, type Level } from '../engine/index';
import { ConfigError } from '../config/index';
import { GitError } from '../io/gitErrors';
import { COMMAND_USAGE, parseArgs, USAGE, UsageError } from './args';
import { checkSpec } from './commands/check';
import type { Compared, RunContext } from './commands/compared';
import { diffSpecs } from './commands/diff';
import { renderRules } from './commands/rules';
import { InputError } from './inputFiles';
import { render } from './output/index';
import { buildReport } from './output/report';
import { statsLine } from './stats';

const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, info: 2 };

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });

/** The package root: dist/.. when bundled, the checkout when run from out/. */
function packageRoot(): string {
  for (const up of ['..', '../../..', '../../../..']) {
    const dir = resolve(__dirname, up);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return resolve(__dirname, '..');
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Runs one invocation and returns its exit code; throws only for errors `describeError` turns into one line. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv);
  switch (args.command) {
    case 'none':
      throw new UsageError('no command given (commands: diff, check, rules; see breakwater --help)');
    case 'help':
      io.stdout.write((args.helpFor ? COMMAND_USAGE[args.helpFor] : USAGE) + '\n');
      return 0;
    case 'version':
      io.stdout.write(version() + '\n');
      return 0;
    case 'rules':
      io.stdout.write(renderRules(args.format));
      return 0;
  }
  const ctx: RunContext = { cwd: io.cwd, configFile: args.config, baseRef: args.base };
  const compared: Compared[] = [];
  if (args.command === 'diff') compared.push(await diffSpecs(args.positional[0], args.positional[1], ctx));
  else for (const spec of args.positional) compared.push(await checkSpec(spec, ctx));
  // Annotation paths are relative to the repository checkout, which need not be where the CLI runs.
  const pathBase = args.format === 'github' && io.env.GITHUB_WORKSPACE ? resolve(io.env.GITHUB_WORKSPACE) : io.cwd;
  // People read paths as they typed them (absolute stays absolute); SARIF and annotations need paths relative to the checkout.
  const forTools = args.format === 'sarif' || args.format === 'github';
  const report = buildReport(compared, pathBase, forTools ? [] : args.positional);
  const docsUrl = pathToFileURL(join(packageRoot(), DOCS_FILE)).href;
  io.stdout.write(render(args.format, report, { colour: useColour(io), version: version(), docsUrl, cwd: pathBase }));
  if (args.stats || io.env.BREAKWATER_STATS === '1') io.stderr.write(statsLine(compared, performance.now() - started) + '\n');
  const failing = report.findings.some((f) => LEVEL_RANK[f.level] <= LEVEL_RANK[args.failOn]);
  return failing ? 1 : 0;
}

/** Colour for a terminal only; NO_COLOR (any non-empty value) always wins, FORCE_COLOR forces it. */
function useColour(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

/** One line for the user: what is wrong and with which file, never a stack trace. */
export function describeError(e: unknown, cwd = process.cwd()): string {
  const shown = (f: string) => relative(cwd, f) || f;
  if (e instanceof SpecInputError) return `${shown(e.file)}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}: ${e.message}`;
  if (e instanceof ConfigError) return `${shown(e.file)}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}: ${e.detail}`;
  if (e instanceof UsageError || e instanceof InputError || e instanceof GitError) return e.message;
  if (e instanceof RangeError) return `the spec is too deeply nested or too large to compare (${e.message})`;
  return `internal error: ${e instanceof Error ? e.message : String(e)} (please report this)`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`breakwater: ${describeError(e)}\n`);
      process.exitCode = 2;
    },
  );
}
