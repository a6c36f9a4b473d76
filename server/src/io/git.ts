// Read-only questions about a git repository, answered through the hardened
// runner in gitExec.ts. Paths given to and returned by these functions are
// repository-relative with forward slashes (git's own spelling), except
// repoRoot which returns an absolute directory.
import { firstLine, isMissingObject, runGit, runGitSync, type GitResult } from './gitExec';
import { GitFailed, MissingObject, NoCommitsYet, NotARepository, UnknownRef } from './gitErrors';

/** Absolute path of the work tree that contains `dir`. */
export async function repoRoot(dir: string): Promise<string> {
  const r = await runGit(dir, ['rev-parse', '--show-toplevel']);
  if (r.code !== 0) throw notARepository(dir, r.stderr);
  const root = r.stdout.toString('utf8').trim();
  if (!root) throw new NotARepository(dir, 'is inside a .git directory, not a work tree');
  return root;
}

function notARepository(dir: string, stderr: string): Error {
  const msg = firstLine(stderr);
  if (/not a git repository/i.test(msg)) return new NotARepository(dir);
  if (/dubious ownership/i.test(stderr))
    return new NotARepository(dir, 'git refuses to use this repository because another user owns it (see "git config safe.directory")');
  if (/bare repository/i.test(msg)) return new NotARepository(dir, 'is inside a bare repository, which Breakwater does not read unless named explicitly');
  if (/work tree/i.test(msg)) return new NotARepository(dir, 'is inside a .git directory, not a work tree');
  return new GitFailed(['rev-parse'], msg);
}

/** Full object id of the commit a ref names. */
export async function resolveRef(root: string, ref: string): Promise<string> {
  // A ref starting with "-" would be read as an option; no real ref does.
  if (ref === '' || ref.startsWith('-') || /[\0\n]/.test(ref)) throw new UnknownRef(ref);
  const r = await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (r.code === 0) return r.stdout.toString('utf8').trim();
  if (await isUnborn(root, ref)) throw new NoCommitsYet(ref);
  // CI checkouts are often shallow: say so, or "unknown ref" sends people looking for a typo.
  const shallow = await runGit(root, ['rev-parse', '--is-shallow-repository']);
  throw new UnknownRef(
    ref,
    shallow.stdout.toString('utf8').trim() === 'true'
      ? 'this clone is shallow: fetch more history, e.g. "git fetch --unshallow" or actions/checkout with fetch-depth: 0'
      : undefined,
  );
}

/** True when `ref` is HEAD (or its branch) in a repository whose branch has no commit yet. */
async function isUnborn(root: string, ref: string): Promise<boolean> {
  const head = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (head.code === 0) return false;
  if (ref === 'HEAD' || ref === '@') return true;
  const branch = await runGit(root, ['symbolic-ref', '--quiet', 'HEAD']);
  const full = branch.stdout.toString('utf8').trim();
  return branch.code === 0 && (full === ref || full === `refs/heads/${ref}`);
}

/** Best common ancestor of two refs, or undefined when they share no history. */
export async function mergeBase(root: string, a: string, b: string): Promise<string | undefined> {
  const [oa, ob] = await Promise.all([resolveRef(root, a), resolveRef(root, b)]);
  const r = await runGit(root, ['merge-base', oa, ob]);
  if (r.code === 1) return undefined;
  if (r.code !== 0) throw new GitFailed(['merge-base'], firstLine(r.stderr));
  return r.stdout.toString('utf8').trim();
}

export interface HeadInfo {
  oid: string;
  short: string;
  /** Branch name, or null when HEAD is detached. */
  branch: string | null;
}

/** Where HEAD is: for status displays ("main @ 1a2b3c4"). Undefined before the first commit. */
export async function headInfo(root: string): Promise<HeadInfo | undefined> {
  const [full, short, branch] = await Promise.all([
    runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD']),
    runGit(root, ['rev-parse', '--verify', '--quiet', '--short', 'HEAD']),
    runGit(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']),
  ]);
  if (full.code !== 0) return undefined;
  return {
    oid: full.stdout.toString('utf8').trim(),
    short: short.stdout.toString('utf8').trim(),
    branch: branch.code === 0 ? branch.stdout.toString('utf8').trim() : null,
  };
}

/** Text of one file at a commit; undefined when the file does not exist there. */
export async function readFileAtRef(root: string, ref: string, path: string): Promise<string | undefined> {
  const oid = await resolveRef(root, ref);
  return (await readFilesAtCommit(root, oid, [path])).get(path);
}

/** Text of one file as staged in the index (`git show :path`); undefined when not staged. */
export async function readStaged(root: string, path: string): Promise<string | undefined> {
  if (!isPlainPath(path)) return undefined;
  const r = await runGit(root, ['cat-file', '--batch', '--follow-symlinks'], { input: `:${path}\n` });
  return parseBatch(r, [path]).get(path);
}

/**
 * Texts of many files at one commit, in one git process. Blobs come out raw:
 * `cat-file --batch` applies no filters and no textconv (see gitExec.ts).
 * In-tree symlinks are followed; links that leave the tree read as absent.
 */
export async function readFilesAtCommit(root: string, oid: string, paths: readonly string[]): Promise<Map<string, string | undefined>> {
  const asked = paths.filter(isPlainPath);
  const out = new Map<string, string | undefined>(paths.map((p) => [p, undefined]));
  if (asked.length === 0) return out;
  const r = await runGit(root, ['cat-file', '--batch', '--follow-symlinks'], { input: asked.map((p) => `${oid}:${p}\n`).join('') });
  // In a partial clone git stops at the first blob it may not fetch.
  if (r.code !== 0 && isMissingObject(r.stderr)) throw new MissingObject(asked.length === 1 ? asked[0] : `one of ${asked.join(', ')}`, oid.slice(0, 12));
  const missing: string[] = [];
  for (const [p, text] of parseBatch(r, asked, missing)) out.set(p, text);
  await assertNotInTree(root, oid, missing);
  return out;
}

/**
 * `cat-file` says "missing" both for a path that is not in the commit and for one
 * whose blob is absent (shallow or partial clone, damaged .git). The second must not
 * pass for "a new file, nothing to compare": ask the tree, once, only when needed.
 */
async function assertNotInTree(root: string, oid: string, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const r = await runGit(root, ['ls-tree', '-z', '--full-tree', oid, '--', ...paths.map((p) => `:(literal)${p}`)]);
  if (r.code !== 0) return;
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    const m = /^\d+ blob [0-9a-f]+\t(.*)$/s.exec(entry);
    if (m && paths.includes(m[1])) throw new MissingObject(m[1], oid.slice(0, 12));
  }
}

/**
 * Synchronous batch read, one git process for many files: a multi-file base is
 * read level by level with it (2,900 DigitalOcean files in a handful of processes
 * instead of one each), for the engine's synchronous loader. An oid of '' reads the
 * index. Throws MissingObject when the object database lacks a blob (a partial or
 * shallow clone), GitFailed when git fails otherwise.
 */
export function readFilesAtCommitSync(root: string, oid: string, paths: readonly string[]): Map<string, string | undefined> {
  const asked = paths.filter(isPlainPath);
  if (asked.length === 0) return new Map();
  const r = runGitSync(root, ['cat-file', '--batch', '--follow-symlinks'], { input: asked.map((p) => `${oid}:${p}\n`).join('') });
  if (r.code !== 0 && isMissingObject(r.stderr))
    throw new MissingObject(asked.length === 1 ? asked[0] : `one of ${asked.join(', ')}`, oid ? oid.slice(0, 12) : 'the index');
  return parseBatch(r, asked);
}

/** `cat-file --batch` takes one object name per line, so a path must not break lines. */
function isPlainPath(path: string): boolean {
  return path !== '' && !/[\0\n\r]/.test(path);
}

/**
 * Parses `cat-file --batch --follow-symlinks` output: per input line either
 * "<oid> <type> <size>\n<bytes>\n", "<name> missing|ambiguous\n", or
 * "dangling|loop|notdir|symlink <size>\n<text>\n" for links it cannot follow.
 */
function parseBatch(r: GitResult, names: readonly string[], missing: string[] = []): Map<string, string | undefined> {
  if (r.code !== 0) throw new GitFailed(['cat-file'], firstLine(r.stderr));
  const out = new Map<string, string | undefined>();
  const buf = r.stdout;
  let pos = 0;
  for (const name of names) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl === -1) throw new GitFailed(['cat-file'], 'truncated output');
    const header = buf.toString('utf8', pos, nl);
    pos = nl + 1;
    const found = /^[0-9a-f]{40,64} (\w+) (\d+)$/.exec(header);
    const link = /^(dangling|loop|notdir|symlink) (\d+)$/.exec(header);
    if (found) {
      const size = Number(found[2]);
      out.set(name, found[1] === 'blob' ? buf.toString('utf8', pos, pos + size) : undefined);
      pos += size + 1;
    } else if (link) {
      pos += Number(link[2]) + 1;
      out.set(name, undefined);
    } else {
      out.set(name, undefined); // "<name> missing" / "<name> ambiguous"
      if (header.endsWith(' missing')) missing.push(name);
    }
  }
  return out;
}

/**
 * Where a file that exists now lived at `oid`, following a rename made since.
 * Compares the commit's tree with the index (`diff-index --cached`), so renames
 * that are committed or staged (`git mv`) are found without reading work-tree
 * files (which could run filters). Returns undefined when no rename leads to it.
 */
export async function basePathOf(root: string, oid: string, path: string): Promise<string | undefined> {
  const r = await runGit(root, ['diff-index', '--cached', '-M', '--name-status', '-z', '--no-ext-diff', '--diff-filter=R', oid, '--']);
  if (r.code !== 0) throw new GitFailed(['diff-index'], firstLine(r.stderr));
  const fields = r.stdout.toString('utf8').split('\0');
  // Records are "R<score>\0<old>\0<new>\0".
  for (let i = 0; i + 2 < fields.length; i += 3) {
    if (fields[i].startsWith('R') && fields[i + 2] === path) return fields[i + 1];
  }
  return undefined;
}
