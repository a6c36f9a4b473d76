// `breakwater check SPEC... [--base REF] [--staged]`: each spec in the work tree (or the index) against its
// version in the base: a ref, `merge-base:REF` or `staged`, from --base or the
// `base` of .breakwater.yaml, worked out as the editor does (resolveBase). The base
// follows a rename made since the ref (committed or staged), its referenced files
// are read at the same commit, and a spec that did not exist there has nothing to break.
import { dirname, join } from 'node:path';
import { compareModels, loadModel, parseText, problemsOf, SpecInputError, type SpecModel } from '../../engine/index';
import { readFilesAtCommit, readStaged, repoRoot } from '../../io/git';
import { toRepoPath } from '../../io/paths';
import { NotARepository } from '../../io/gitErrors';
import { parseElsewhere } from '../../io/parallelParse';
import { parseBaseSelector } from '../../workspace/base/baseSelector';
import { SafeGit } from '../../workspace/base/gitAccess';
import { resolveBase } from '../../workspace/base/resolveBase';
import { CommittedFiles } from '../../workspace/files/committedFiles';
import { WorkingFiles } from '../../workspace/files/workingFiles';
import { entryFile, readSpecFile } from '../inputFiles';
import { configFor, EMPTY_RESULT, type Compared, type RunContext } from './compared';

const git = new SafeGit();
/** One reader per run: both sides of every spec share the parses of unchanged files. */
const workingFiles = new WorkingFiles();
const committedFiles = new CommittedFiles();

export async function checkSpec(arg: string, ctx: RunContext): Promise<Compared> {
  const t0 = performance.now();
  const file = entryFile(arg, ctx.cwd);
  // The revision: the work tree, or with --staged the index (read once the repository is known).
  const workText = ctx.staged ? undefined : readSpecFile(file, arg);
  const root = await repoRoot(dirname(file)).catch((e: unknown) => {
    throw e instanceof NotARepository ? new NotARepository(arg, e.reason) : e;
  });
  const { config, options, notes } = configFor(ctx, file, root);
  // --staged compares what a commit would record, so a `base: staged` of the config means HEAD then.
  const ref = ctx.baseRef ?? (ctx.staged && config?.base === 'staged' ? undefined : config?.base) ?? 'HEAD';
  const done = (extra: string[]): Compared => ({
    file,
    result: EMPTY_RESULT,
    notes: [...notes, ...extra],
    stats: { readMs: performance.now() - t0, compareMs: 0, files: 1 },
  });
  const text = workText ?? (await readStaged(root, toRepoPath(root, file)));
  if (text === undefined) return done([`${arg} is not staged: a commit would not record it`]);

  const found = await resolveBase(git, root, file, parseBaseSelector(ref));
  if (found.kind === 'absent' && found.why === 'no-commits') return done([`${arg}: the repository has no commits yet, so there is no base to compare with`]);
  if (found.kind === 'absent') return done([`${arg} is not in ${ref}: a new spec has no breaking changes`]);
  // Read by path, not by blob id: a missing object is then named by its file.
  const baseText = (await readFilesAtCommit(root, found.commit ?? '', [found.basePath])).get(found.basePath);
  if (baseText === undefined) return done([`${arg} is not in ${ref}: a new spec has no breaking changes`]);
  // There is a base: the revision is parsed on a second thread while git reads the base's other files and this thread parses it.
  const revParsing = parseElsewhere(text, file);
  const baseFile = join(root, found.basePath);
  const baseFiles = committedFiles.at(root, found.commit, { file: baseFile, text: baseText });
  const t1 = performance.now();

  const baseParsed = parseText(baseText, baseFile);
  // With --staged, referenced files are read from the index too (commit null).
  const external = ctx.staged ? committedFiles.at(root, null, { file, text }).loader : workingFiles.loader(root);
  const revision = loadModel({ text, file, external }, 'revision', await revParsing);
  let base: SpecModel;
  try {
    base = loadModel({ text: baseText, file: baseFile, external: baseFiles.loader }, 'base', baseParsed);
  } catch (e) {
    // History cannot be fixed: a base that is not a usable spec means nothing to compare, not an error.
    if (!(e instanceof SpecInputError)) throw e;
    return {
      ...done([`${arg}: the version in ${ref} is not a spec that can be compared (${e.message}); no findings`]),
      stats: { readMs: t1 - t0, compareMs: performance.now() - t1, files: 1 },
    };
  }
  const compared = compareModels(base, revision, options);
  // The base sits at the same path, so its problems would read as the work tree's, at the wrong lines;
  // history cannot be fixed anyway. Say once that it was read leniently.
  const result = { ...compared, problems: problemsOf(revision) };
  const broken = base.doc.parsed.errors[0];
  if (broken) {
    const at = base.doc.parsed.lines.position(broken.start);
    notes.push(`${arg}: the version in ${ref} does not parse (line ${at.line + 1}: ${broken.message}); it was compared as far as it could be read`);
  }
  const files = base.refs.files().length + revision.refs.files().length;
  return { file, result, notes, stats: { readMs: t1 - t0, compareMs: performance.now() - t1, files } };
}
