// The two comparisons the CLI offers: two files (diff) and a file against git (check).
import { dirname, resolve } from 'node:path';
import { compareSpecs, type CheckOptions, type CheckResult } from '../../engine/index';
import { SafeGit, repoRelative } from '../../lsp/base/gitAccess';
import { CommittedFiles, WorkingFiles } from '../../lsp/externalFiles';
import { ProjectConfigStore } from '../../lsp/projectConfig';
import { NotARepository } from '../../io/gitErrors';
import { entryFile, readSpecFile } from '../inputFiles';

export interface Compared {
  /** The spec as named on the command line (absolute). */
  file: string;
  result: CheckResult;
  /** Why there was nothing to compare, e.g. a file that is new since the base. */
  note?: string;
}

const configs = new ProjectConfigStore(() => undefined);
const git = new SafeGit();

function optionsFor(file: string, repoRoot: string | undefined): { options: CheckOptions; base?: string } {
  const c = configs.forSpec(file, repoRoot);
  if (c.error) throw new Error(`configuration ${c.error}`);
  return { options: { ruleLevels: c.rules, accepted: c.accepted, policies: c.policies }, base: c.base };
}

/** `breakwater diff BASE REVISION`: referenced files are read from each entry's own folder tree. */
export async function diffFiles(basePath: string, revisionPath: string): Promise<Compared> {
  const baseFile = entryFile(basePath);
  const revFile = entryFile(revisionPath);
  const baseText = readSpecFile(baseFile);
  const revText = readSpecFile(revFile);
  const repo = await git.repoOf(dirname(revFile)).catch(() => undefined);
  const { options } = optionsFor(revFile, repo?.root);
  const files = new WorkingFiles(() => undefined);
  const result = compareSpecs(
    { text: baseText, file: baseFile, external: files.loader(dirname(baseFile)) },
    { text: revText, file: revFile, external: files.loader(dirname(revFile)) },
    options,
  );
  return { file: revFile, result };
}

/** `breakwater check SPEC --base REF`: the base is the same path at REF (following a rename), with its referenced files at REF too. */
export async function checkFile(spec: string, ref: string | undefined): Promise<Compared> {
  const file = resolve(spec);
  const text = readSpecFile(file);
  const repo = await git.repoOf(dirname(file));
  if (!repo) throw new NotARepository(spec);
  const { options, base: configBase } = optionsFor(file, repo.root);
  const baseRef = ref ?? configBase ?? 'HEAD';
  const commit = await git.resolveCommit(repo.root, baseRef);
  const rel = repoRelative(repo.root, file);
  let blob = await git.blobAt(repo.root, commit, rel);
  if (!blob) {
    const old = await git.renamedFrom(repo.root, commit, rel);
    if (old) blob = await git.blobAt(repo.root, commit, old);
  }
  const empty: CheckResult = { findings: [], problems: [], summary: { error: 0, warning: 0, info: 0 } };
  if (!blob) return { file, result: empty, note: `${spec} is not in ${baseRef}: a new spec has no breaking changes` };
  const baseText = await git.readBlob(repo.root, blob);
  const result = compareSpecs(
    { text: baseText, file, external: new CommittedFiles().loader(repo.root, commit) },
    { text, file, external: new WorkingFiles(() => undefined).loader(repo.root) },
    options,
  );
  return { file, result };
}
