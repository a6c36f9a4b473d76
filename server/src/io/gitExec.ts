// Runs git without a shell and with configuration that stops a repository from
// making git execute programs of its choosing.
//
// Threat model: a folder the user opens (or a spec path passed on the command
// line) may contain a `.git` directory written by somebody else: an archive, a
// copied work tree, a shared drive. Git reads program names from that
// repository's `.git/config`, so running plain `git` there can run attacker code.
// Keys that can start a program, and how each is neutralised here:
//
// - core.fsmonitor: any value other than true/false is a command git runs
//   whenever it loads the index (rev-parse, ls-files, cat-file of `:path`,
//   diff-index...). Forced to false on the command line, which wins over repo config.
// - core.hooksPath / hooks: read-only commands run no hooks, but pointing the hook
//   directory at /dev/null costs nothing and covers future git versions.
// - filter.<driver>.clean/smudge/process, diff.<driver>.textconv, diff.external,
//   diff.<driver>.command: driver names are arbitrary so they cannot be switched
//   off by name. They only run when git converts work-tree files or renders
//   porcelain diffs, so this layer never asks for either: blobs are read raw
//   with `cat-file --batch` (no --filters/--textconv), renames come from the
//   plumbing `diff-index --cached` (index against a tree, no work-tree files,
//   no external diff), and diff.external is emptied anyway.
// - core.pager / pager.<cmd>: `--no-pager` plus GIT_PAGER=cat.
// - core.sshCommand, core.gitProxy, credential.helper, core.askPass, protocol.*:
//   only used for network transports. A partial clone would fetch missing
//   objects lazily through them, so transports are disabled outright
//   (protocol.allow=never) and GIT_NO_LAZY_FETCH=1 is set.
// - gpg.program (log.showSignature): signature checks run gpg; turned off.
// - safe.bareRepository=explicit: a repository can carry an embedded bare
//   repository whose config git would otherwise pick up when run inside it. Git
//   only honours this key from protected scopes, and `-c` is one of them.
// - gc.auto / maintenance.auto: read commands do not gc, but never let them.
//
// User and system configuration stay in effect (aliases, safe.directory and so
// on are the user's own choices); only the keys above are overridden.
import { execFile, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { GitFailed, GitMissing } from './gitErrors';

export const SAFE_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.sshCommand=',
  'core.gitProxy=',
  'core.askPass=',
  'core.pager=cat',
  'credential.helper=',
  'diff.external=',
  'protocol.allow=never',
  'log.showSignature=false',
  'safe.bareRepository=explicit',
  'gc.auto=0',
  'maintenance.auto=false',
];

/** Enough for a 50 MB spec read in one go, with headroom for batches of many files. */
export const DEFAULT_MAX_BUFFER = 256 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface GitRunOptions {
  /** Written to git's stdin (for `cat-file --batch`). */
  input?: string;
  timeoutMs?: number;
  maxBuffer?: number;
}

export interface GitResult {
  /** Exit status; non-zero is returned, not thrown, because "not found" answers are normal. */
  code: number;
  stdout: Buffer;
  stderr: string;
}

export function gitArgs(args: readonly string[]): string[] {
  const out = ['--no-pager', '--no-optional-locks'];
  for (const kv of SAFE_CONFIG) out.push('-c', kv);
  return [...out, ...args];
}

export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  // Set by the user's environment, not by the repository, but a diff program or
  // pager must never start from a background check either.
  delete env.GIT_EXTERNAL_DIFF;
  delete env.GIT_PAGER;
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    GIT_NO_LAZY_FETCH: '1',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    // Messages are matched to typed errors, so they must be in English.
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
}

/** Runs `git <safe config> <args>` in `cwd`; rejects only when git cannot run or overruns. */
export function runGit(cwd: string, args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    if (!isDirectory(cwd)) return reject(new GitFailed(args, `directory ${cwd} does not exist`));
    const child = execFile(
      'git',
      gitArgs(args),
      {
        cwd,
        env: gitEnv(),
        encoding: 'buffer',
        maxBuffer: options.maxBuffer ?? DEFAULT_MAX_BUFFER,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { code?: string | number; killed?: boolean }) | null;
        if (err && err.code === 'ENOENT') return reject(new GitMissing());
        if (err && err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new GitFailed(args, 'output too large'));
        if (err && err.killed) return reject(new GitFailed(args, `timed out after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`));
        if (err && typeof err.code !== 'number') return reject(new GitFailed(args, err.message.split('\n')[0]));
        resolve({ code: err ? (err.code as unknown as number) : 0, stdout: stdout as Buffer, stderr: (stderr as Buffer).toString('utf8') });
      },
    );
    // Without input, close stdin at once so git never waits on it.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/**
 * Synchronous twin for the rare fallback inside the engine's synchronous
 * external-file loader. spawnSync with an argument array never uses a shell.
 */
export function runGitSync(cwd: string, args: readonly string[], options: GitRunOptions = {}): GitResult {
  if (!isDirectory(cwd)) throw new GitFailed(args, `directory ${cwd} does not exist`);
  const r = spawnSync('git', gitArgs(args), {
    cwd,
    env: gitEnv(),
    input: options.input ?? '',
    maxBuffer: options.maxBuffer ?? DEFAULT_MAX_BUFFER,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    windowsHide: true,
    shell: false,
  });
  const err = r.error as NodeJS.ErrnoException | undefined;
  if (err?.code === 'ENOENT') throw new GitMissing();
  if (err) throw new GitFailed(args, err.message.split('\n')[0]);
  if (r.status === null) throw new GitFailed(args, `terminated by ${r.signal ?? 'a signal'}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Whether git failed because an object is absent: a partial clone (lazy fetching is off), a shallow one, a damaged .git. */
export function isMissingObject(stderr: string): boolean {
  return /could not fetch \S+ from promisor remote|bad file|not a valid object|unable to read|missing (blob|object)/i.test(stderr);
}

/** Node reports a missing cwd as "spawn git ENOENT" too, so check it first to keep GitMissing honest. */
function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** The line of git's stderr that says what failed (a "fatal:" line wins over warnings before it), without its prefix. */
export function firstLine(stderr: string): string {
  const lines = stderr.split('\n');
  const line = lines.find((l) => /^(fatal|error): /.test(l)) ?? lines.find((l) => l.trim() !== '') ?? 'no details';
  return line.replace(/^(fatal|error): /, '').trim();
}
