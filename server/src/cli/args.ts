// Command-line parsing: small and strict, so a typo is a clear usage error (exit 2)
// rather than a silently ignored flag.
export type Format = 'text' | 'json' | 'sarif' | 'github' | 'markdown';
export type FailOn = 'error' | 'warning' | 'info';

export type Command = 'diff' | 'check' | 'rules' | 'init';

export interface CliArgs {
  command: Command | 'help' | 'version' | 'none';
  /** With `help`: the command whose usage was asked for (`breakwater check --help`); none: the general usage. */
  helpFor?: Command;
  positional: string[];
  format: Format;
  failOn: FailOn;
  base?: string;
  config?: string;
  /** Print timing and peak memory to stderr (also BREAKWATER_STATS=1). */
  stats: boolean;
  /** `--output FORMAT=FILE`: the same report also written to FILE in FORMAT (one run, several reports). */
  outputs: { format: Format; file: string }[];
  /** check: compare what the index holds (what a commit would record) instead of the work tree. */
  staged: boolean;
  /** check with no SPEC: globs of the specs to check, and of those to leave out (repeatable). */
  include: string[];
  exclude: string[];
  /** init: the tool whose settings become .breakwater.yaml. */
  from?: 'oasdiff' | 'optic';
}

export class UsageError extends Error {}

const FORMATS: Format[] = ['text', 'json', 'sarif', 'github', 'markdown'];
const LEVELS: FailOn[] = ['error', 'warning', 'info'];
const VALUE_FLAGS = new Set(['--format', '--fail-on', '--base', '--config', '--output', '--include', '--exclude', '--from']);

export const USAGE = `Usage:
  breakwater diff BASE REVISION [options]     compare two spec files (or two folders' entry files)
  breakwater check SPEC... [--base REF]        compare specs with their version at a git ref (default HEAD)
  breakwater check [--base REF]                compare every OpenAPI/Swagger spec of the repository
  breakwater rules [--format text|json|markdown]  list every rule with its level
  breakwater init --from oasdiff|optic [FILE]  write .breakwater.yaml from oasdiff's or Optic's settings

A folder stands for its entry file (the one .yaml/.yml/.json file at its top with an
"openapi" or "swagger" key); $refs to other files are read at the same version.
.breakwater.yaml next to the spec or at the repository root sets rule levels,
accepted changes (by fingerprint) and the default base.

Options:
  --format text|json|sarif|github|markdown     output format (default text)
  --fail-on error|warning|info                 exit 1 when a finding is at or above this level (default error)
  --base REF                                   what check compares with: branch, tag, commit, merge-base:BRANCH
                                               (what a pull request changes) or staged (default HEAD)
  --staged                                     check the staged specs (what a commit would record), not the work tree
  --include GLOB, --exclude GLOB               check with no SPEC: which specs (repeatable; also include:/exclude:
                                               in .breakwater.yaml), e.g. --include 'specs/**' --exclude '**/fixtures/**'
  --config FILE                                a .breakwater.yaml to use instead of the one found next to the spec
  --output FORMAT=FILE                         also write the report in FORMAT to FILE (repeatable), e.g.
                                               --output sarif=breakwater.sarif --output markdown=summary.md
  --stats                                      print time and peak memory to stderr
  -h, --help                                   show this help
  -v, --version                                show the version

Exit codes: 0 nothing at or above --fail-on, 1 breaking changes found, 2 usage or input error.`;

const OPTIONS_COMMON = `  --format text|json|sarif|github|markdown     output format (default text)
  --fail-on error|warning|info                 exit 1 when a finding is at or above this level (default error)
  --config FILE                                a .breakwater.yaml to use instead of the one found next to the spec
  --stats                                      print time and peak memory to stderr
  -h, --help                                   show this help`;

const EXIT_CODES = 'Exit codes: 0 nothing at or above --fail-on, 1 breaking changes found, 2 usage or input error.';

/** `breakwater COMMAND --help`: that command's own usage. */
export const COMMAND_USAGE: Record<Command, string> = {
  diff: `Usage: breakwater diff BASE REVISION [options]

Compares two spec files on disk: BASE is the version clients use today, REVISION the new one.
A folder stands for its entry file (the one .yaml/.yml/.json file at its top with an
"openapi" or "swagger" key); $refs to other files are read from disk next to each side.

Example: breakwater diff old/openapi.yaml openapi.yaml --format markdown

Options:
${OPTIONS_COMMON}

${EXIT_CODES}`,
  check: `Usage: breakwater check [SPEC...] [--base REF] [--staged] [options]

Compares each spec in the work tree with its version at a git ref (default: the base of
.breakwater.yaml, else HEAD), following a rename made since then; $refs are read at the
same ref. A spec that is not in the ref is new and has nothing to break.
With no SPEC: every OpenAPI/Swagger spec of the repository (found by content; files a spec
reaches through $refs are part of it). Unchanged specs are skipped, a deleted one is an
error (api-spec-removed), changed ones are checked on worker threads; one report.

Examples: breakwater check --base merge-base:origin/main --format github
          breakwater check openapi.yaml --staged

Options:
  --base REF                                   branch, tag, commit, merge-base:BRANCH (what a pull request
                                               changes) or staged (default HEAD)
  --staged                                     the specs as the next commit would record them (the index)
  --include GLOB, --exclude GLOB               with no SPEC: which specs (repeatable; also include:/exclude:
                                               in .breakwater.yaml)
  --output FORMAT=FILE                         also write the report in FORMAT to FILE (repeatable)
${OPTIONS_COMMON}

${EXIT_CODES}`,
  init: `Usage: breakwater init --from oasdiff|optic [FILE]

Writes .breakwater.yaml (at the repository root) from another tool's settings and says, line
by line, what it carried over and what it could not. It never overwrites a configuration.
  oasdiff: FILE is .oasdiff.yaml (found when not named; its severity-levels, err-ignore and
           warn-ignore files are read too), a --severity-levels file or an ignore file.
  optic:   FILE is optic.yml (found when not named); x-optic-exemptions in its specs are listed.`,
  rules: `Usage: breakwater rules [--format text|json|markdown]

Lists every rule with its id, default level (error = breaking, warning = possibly breaking,
info = not breaking) and title. Levels are changed per rule in .breakwater.yaml (rules:).`,
};

export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { command: 'none', positional: [], format: 'text', failOn: 'error', stats: false, outputs: [], staged: false, include: [], exclude: [] };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h' || a === '--help') return { ...out, command: 'help', helpFor: commandIn(argv.slice(0, i)) };
    if (a === '-v' || a === '-V' || a === '--version') return { ...out, command: 'version' };
    if (a === '--stats' || a === '--staged') {
      if (a === '--stats') out.stats = true;
      else out.staged = true;
      continue;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (!VALUE_FLAGS.has(name)) throw new UsageError(`unknown option ${name} (see breakwater --help)`);
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`option ${name} needs a value`);
      if (name === '--format') {
        if (!FORMATS.includes(value as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${value}")`);
        out.format = value as Format;
      } else if (name === '--fail-on') {
        if (!LEVELS.includes(value as FailOn)) throw new UsageError(`--fail-on must be one of ${LEVELS.join(', ')} (got "${value}")`);
        out.failOn = value as FailOn;
      } else if (name === '--output') {
        const eq = value.indexOf('=');
        const format = value.slice(0, eq) as Format;
        if (eq <= 0 || eq === value.length - 1) throw new UsageError(`--output needs FORMAT=FILE (got "${value}")`);
        if (!FORMATS.includes(format)) throw new UsageError(`--output format must be one of ${FORMATS.join(', ')} (got "${format}")`);
        out.outputs.push({ format, file: value.slice(eq + 1) });
      } else if (name === '--from') {
        if (value !== 'oasdiff' && value !== 'optic') throw new UsageError(`--from must be oasdiff or optic (got "${value}")`);
        out.from = value;
      } else if (name === '--include' || name === '--exclude') out[name === '--include' ? 'include' : 'exclude'].push(value);
      else if (name === '--base') out.base = value;
      else out.config = value;
      continue;
    }
    if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a} (see breakwater --help)`);
    rest.push(a);
  }
  const [command, ...positional] = rest;
  if (command === undefined) return out;
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}" (commands: diff, check, rules, init)`);
  out.command = command;
  out.positional = positional;
  if (command === 'diff' && positional.length !== 2) throw new UsageError('diff needs exactly two arguments: BASE REVISION');
  if (command === 'rules' && positional.length > 0) throw new UsageError('rules takes no arguments');
  if (command === 'init' && (out.from === undefined || positional.length > 1)) throw new UsageError('init needs --from oasdiff|optic and at most one FILE');
  if (command !== 'init' && out.from !== undefined) throw new UsageError('--from only applies to init');
  if (command !== 'check' && out.base !== undefined) throw new UsageError('--base only applies to check');
  if (command === 'rules' && out.outputs.length > 0) throw new UsageError('--output applies to diff and check');
  if (command !== 'check' && out.staged) throw new UsageError('--staged only applies to check');
  if ((out.include.length || out.exclude.length) && (command !== 'check' || positional.length > 0))
    throw new UsageError('--include and --exclude apply to check with no SPEC (every spec of the repository)');
  return out;
}

function isCommand(word: string): word is Command {
  return word === 'diff' || word === 'check' || word === 'rules' || word === 'init';
}

/** The command named before `--help` (skipping option values: `--base check --help` asks for the general usage). */
function commandIn(before: string[]): Command | undefined {
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    if (VALUE_FLAGS.has(a)) i++;
    else if (!a.startsWith('-')) return isCommand(a) ? a : undefined;
  }
  return undefined;
}
