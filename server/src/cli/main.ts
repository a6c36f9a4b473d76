// `breakwater`: the CLI entry (bundled to dist/cli.js). Exit codes are a contract:
// 0 nothing at or above --fail-on, 1 breaking changes found, 2 usage or input error,
// always with one clear line on stderr and never a stack trace.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_FILE, type Level } from '../engine/index';
import { COMMAND_USAGE, parseArgs, USAGE, UsageError } from './args';
import { checkSpec } from './commands/check';
import type { Compared, RunContext } from './commands/compared';
import { diffSpecs } from './commands/diff';
import { renderRules } from './commands/rules';
import { runInit } from './commands/init/init';
import { render } from './output/index';
import { buildRepoReport, buildReport } from './output/report';
import type { Format } from './args';
import { describeError } from './describeError';
import { checkRepository, type RepoRun } from './repo/repoCheck';
import { statsLine } from './stats';

export { describeError };

const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, info: 2 };

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
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
      throw new UsageError('no command given (commands: diff, check, rules, init; see breakwater --help)');
    case 'help':
      io.stdout.write((args.helpFor ? COMMAND_USAGE[args.helpFor] : USAGE) + '\n');
      return 0;
    case 'version':
      io.stdout.write(version() + '\n');
      return 0;
    case 'rules':
      io.stdout.write(renderRules(args.format));
      return 0;
    case 'init':
      io.stdout.write(runInit(args.from!, args.positional[0], io.cwd));
      return 0;
  }
  const ctx: RunContext = { cwd: io.cwd, configFile: args.config, baseRef: args.base, staged: args.staged };
  const compared: Compared[] = [];
  let run: RepoRun | undefined;
  if (args.command === 'diff') compared.push(await diffSpecs(args.positional[0], args.positional[1], ctx));
  else if (args.positional.length === 0) {
    const progress = progressLine(io);
    run = await checkRepository(ctx, { include: args.include, exclude: args.exclude, onProgress: progress.update });
    progress.end();
    for (const spec of run.specs) if (spec.compared) compared.push(spec.compared);
  } else for (const spec of args.positional) compared.push(await checkSpec(spec, ctx));
  // Annotation paths are relative to the repository checkout, which need not be where the CLI runs.
  const github = args.format === 'github' || args.outputs.some((o) => o.format === 'github');
  const pathBase = github && io.env.GITHUB_WORKSPACE ? resolve(io.env.GITHUB_WORKSPACE) : io.cwd;
  // People read paths as they typed them (absolute stays absolute); SARIF and annotations need paths relative to the checkout.
  const reportFor = (format: Format) =>
    run ? buildRepoReport(run, pathBase) : buildReport(compared, pathBase, format === 'sarif' || format === 'github' ? [] : args.positional);
  const report = reportFor(args.format);
  const docsUrl = pathToFileURL(join(packageRoot(), DOCS_FILE)).href;
  const env = { colour: useColour(io), version: version(), docsUrl, cwd: pathBase };
  for (const o of args.outputs) writeOutput(resolve(io.cwd, o.file), render(o.format, reportFor(o.format), { ...env, colour: false }));
  io.stdout.write(render(args.format, report, env));
  if (args.stats || io.env.BREAKWATER_STATS === '1') io.stderr.write(statsLine(compared, performance.now() - started) + '\n');
  // A spec that could not be checked is an input error, as with `check SPEC`; its line is on stderr too.
  const errors = (report.specs ?? []).filter((s) => s.error);
  for (const spec of errors) io.stderr.write(`breakwater: ${spec.error}\n`);
  if (errors.length) return 2;
  const failing = report.findings.some((f) => LEVEL_RANK[f.level] <= LEVEL_RANK[args.failOn]);
  return failing ? 1 : 0;
}

function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`cannot write --output ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** "checked 3/10 specs, 12 s" on a terminal's stderr, redrawn every second once the run has taken more than one; erased at the end. */
function progressLine(io: CliIo): { update?: (done: number, total: number, spec: string) => void; end: () => void } {
  if (!io.stderr.isTTY) return { end: () => {} };
  const started = performance.now();
  let state: { done: number; total: number | undefined; last: string } = { done: 0, total: undefined, last: '' };
  let shown = false;
  const draw = () => {
    shown = true;
    const secs = Math.round((performance.now() - started) / 1000);
    const what = state.total === undefined ? 'finding the specs' : `checked ${state.done}/${state.total} specs`;
    io.stderr.write(`\r\u001b[Kbreakwater: ${what}, ${secs} s${state.last ? ` (last: ${state.last})` : ''}`);
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    update: (done, total, spec) => {
      const name = spec ? relative(io.cwd, spec) || spec : '';
      state = { done, total, last: name.length > 50 ? '…' + name.slice(-49) : name };
      if (performance.now() - started >= 1000) draw();
    },
    end: () => {
      clearInterval(timer);
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}

/** Colour for a terminal only; NO_COLOR (any non-empty value) always wins, FORCE_COLOR forces it. */
function useColour(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

/**
 * A reader that stops early (`breakwater rules | head`) closes the pipe: the rest of the output
 * has nowhere to go, which is no error. The run still finishes and exits with its own code.
 */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

if (require.main === module) {
  ignoreClosedPipe(process.stdout);
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
