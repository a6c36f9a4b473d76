// `breakwater`: the CLI entry (bundled to dist/cli.js). Exit codes are a contract:
// 0 nothing at or above --fail-on, 1 breaking changes found, 2 usage or input error,
// always with one clear line on stderr and never a stack trace.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_FILE, SpecInputError, type Level } from '../engine/index';
import { GitError } from '../io/gitErrors';
import { parseArgs, USAGE, UsageError } from './args';
import { checkFile, diffFiles, type Compared } from './commands/compare';
import { renderRules } from './commands/rules';
import { InputError } from './inputFiles';
import { render } from './output/index';
import { buildReport } from './output/report';

const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, info: 2 };

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

export async function main(argv: string[], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    out.write(USAGE + '\n');
    return 0;
  }
  if (args.command === 'version') {
    out.write(version() + '\n');
    return 0;
  }
  if (args.command === 'rules') {
    out.write(renderRules(args.format));
    return 0;
  }
  const compared: Compared[] = [];
  if (args.command === 'diff') compared.push(await diffFiles(args.positional[0], args.positional[1]));
  else for (const spec of args.positional) compared.push(await checkFile(spec, args.base));
  const report = buildReport(compared);
  const colour = out.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  const docsUrl = pathToFileURL(join(packageRoot(), DOCS_FILE)).href;
  out.write(render(args.format, report, { colour, version: version(), docsUrl }));
  const failing = report.findings.some((f) => LEVEL_RANK[f.level] <= LEVEL_RANK[args.failOn]);
  return failing ? 1 : 0;
}

/** One line for the user: what is wrong and with which file, never a stack trace. */
export function describeError(e: unknown): string {
  if (e instanceof SpecInputError) return `${e.file}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}: ${e.message}`;
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
