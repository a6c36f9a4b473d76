// `breakwater check` with no file: every OpenAPI/Swagger spec of the repository
// against the base. Specs are found as the editor finds root specs (content-detected,
// bounded walk, node_modules and .git skipped, nothing outside the repository; a file
// reached by a root's `$ref`s is part of it). git's comparison of blob ids says which
// specs changed: a spec none of whose files changed is skipped without being read,
// a new one has nothing to break, and one deleted (or renamed to something that is no
// spec) is one error finding. The rest are checked on worker threads (specPool.ts).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { configForSpec, loadConfigFile } from '../../config/index';
import type { Finding } from '../../engine/index';
import { renderMessage } from '../../engine/rules/registry';
import { changesSince, type TreeChanges } from '../../io/gitChanges';
import { readFilesAtCommit, repoRoot } from '../../io/git';
import { NoCommitsYet } from '../../io/gitErrors';
import { globMatcher } from '../../io/glob';
import { toRepoPath } from '../../io/paths';
import { parseBaseSelector } from '../../workspace/base/baseSelector';
import { SafeGit } from '../../workspace/base/gitAccess';
import { commitOf } from '../../workspace/base/resolveBase';
import { RepoRootIndex } from '../../workspace/roots/rootIndex';
import { isSpecText } from '../../workspace/specDetection';
import { EMPTY_RESULT, type Compared, type RunContext } from '../commands/compared';
import { checkSpecs } from './specPool';

export type SpecStatus = 'changed' | 'unchanged' | 'new' | 'deleted';

export interface SpecEntry {
  /** Absolute path of the spec (for a deleted one: where it was). */
  file: string;
  status: SpecStatus;
  /** The comparison of a changed spec, or the finding of a deleted one. */
  compared?: Compared;
  /** Why a changed spec could not be checked (one line, as `check SPEC` prints it). */
  error?: string;
}

export interface RepoRun {
  root: string;
  /** The base as given (`HEAD`, `merge-base:main`, ...). */
  base: string;
  specs: SpecEntry[];
  /** Notes for the whole run, e.g. that the walk hit its bounds. */
  notes: string[];
}

export interface RepoOptions {
  include: string[];
  exclude: string[];
  /** Progress: once before (0 done), then after each checked spec; this thread then stays free to show it. */
  onProgress?: (done: number, total: number, spec: string) => void;
}

const SPEC_FILE = /\.(ya?ml|json)$/i;

export async function checkRepository(ctx: RunContext, options: RepoOptions): Promise<RepoRun> {
  const root = await repoRoot(ctx.cwd);
  const config = ctx.configFile ? loadConfigFile(join(ctx.cwd, ctx.configFile)) : configForSpec(join(root, '.breakwater.yaml'), root);
  const base = ctx.baseRef ?? (ctx.staged && config?.base === 'staged' ? undefined : config?.base) ?? 'HEAD';
  const include = options.include.length ? options.include : (config?.include ?? []);
  const excluded = globMatcher([...(config?.exclude ?? []), ...options.exclude]);
  const included = include.length ? globMatcher(include) : () => true;
  const wanted = (rel: string) => included(rel) && !excluded(rel);

  const commit = await baseCommit(root, base);
  const [changes, found] = await Promise.all([
    commit === undefined ? Promise.resolve(undefined) : changesSince(root, commit, ctx.staged ? 'index' : 'worktree'),
    new RepoRootIndex(
      root,
      () => undefined,
      () => {},
    ).specs(),
  ]);
  const notes = found.truncated
    ? [`${root}: the repository has more YAML/JSON files than the spec search reads (10,000); some specs may not have been found`]
    : [];

  const entries: SpecEntry[] = [];
  const toCheck: string[] = [];
  for (const spec of found.specs) {
    const rel = toRepoPath(root, spec.root);
    if (!wanted(rel)) continue;
    const status = statusOf(
      rel,
      spec.files.map((f) => toRepoPath(root, f)),
      changes,
    );
    entries.push({ file: spec.root, status });
    if (status === 'changed') toCheck.push(spec.root);
  }

  options.onProgress?.(0, toCheck.length, '');
  // Each spec is compared with the commit resolved here, so all of them see the same base.
  const checked = await checkSpecs(
    toCheck,
    { ...ctx, baseRef: commit ?? base },
    (done, spec) => options.onProgress?.(done, toCheck.length, spec),
    options.onProgress !== undefined,
  );
  toCheck.forEach((spec, i) => {
    const entry = entries.find((e) => e.file === spec)!;
    const outcome = checked[i];
    if (outcome.ok) entry.compared = outcome.compared;
    else entry.error = outcome.message;
  });

  if (changes && commit !== undefined)
    entries.push(...(await removedSpecs(root, commit, changes, new Set(found.specs.map((s) => toRepoPath(root, s.root))), wanted, base)));
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { root, base, specs: entries, notes };
}

/** The commit the base names (null: the index), or undefined when the repository has no commits yet. */
async function baseCommit(root: string, base: string): Promise<string | null | undefined> {
  try {
    return await commitOf(new SafeGit(), root, parseBaseSelector(base));
  } catch (e) {
    if (e instanceof NoCommitsYet) return undefined;
    throw e;
  }
}

function statusOf(rel: string, files: string[], changes: TreeChanges | undefined): SpecStatus {
  if (!changes) return 'new'; // no commits yet: nothing can have broken
  if (changes.added.has(rel)) return 'new';
  return changes.changed.has(rel) || files.some((f) => changes.changed.has(f)) ? 'changed' : 'unchanged';
}

/** Specs of the base that are gone: deleted, or renamed to a path that is no spec now. */
async function removedSpecs(
  root: string,
  commit: string | null,
  changes: TreeChanges,
  specsNow: Set<string>,
  wanted: (rel: string) => boolean,
  base: string,
): Promise<SpecEntry[]> {
  const gone = new Map<string, string | undefined>(changes.deleted.map((p) => [p, undefined]));
  for (const [from, to] of changes.renamed) if (!specsNow.has(to)) gone.set(from, to);
  const candidates = [...gone.keys()].filter((p) => SPEC_FILE.test(p) && wanted(p));
  if (candidates.length === 0) return [];
  const texts = await readFilesAtCommit(root, commit ?? '', candidates);
  return candidates
    .filter((p) => isSpecText(texts.get(p) ?? ''))
    .map((p) => {
      const file = join(root, p);
      const finding = removedFinding(file, p, gone.get(p), base);
      return {
        file,
        status: 'deleted' as const,
        compared: {
          file,
          result: { ...EMPTY_RESULT, findings: [finding], summary: { error: 1, warning: 0, info: 0 } },
          notes: [],
          stats: { readMs: 0, compareMs: 0, files: 1 },
        },
      };
    });
}

function removedFinding(file: string, rel: string, renamedTo: string | undefined, base: string): Finding {
  const at = { file, line: 1, column: 1, pointer: '', keyRange: { start: 0, end: 0 }, nodeRange: { start: 0, end: 0 } };
  return {
    rule: 'api-spec-removed',
    level: 'error',
    message: renderMessage('api-spec-removed', {
      spec: rel,
      base,
      how: renamedTo ? `renamed to ${renamedTo}, which is not an OpenAPI/Swagger spec` : 'deleted',
    }),
    operations: [],
    operation: null,
    pointer: '',
    base: at,
    revision: null,
    fingerprint: createHash('sha256').update(`api-spec-removed\0${rel}`).digest('hex').slice(0, 16),
    direction: 'none',
  };
}
