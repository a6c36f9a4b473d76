// `breakwater diff BASE REVISION`: two files (or two folders' entry files) on disk.
// Referenced files are read from disk around each entry file: within its
// repository work tree when it is in one, else within its own folder.
import { dirname } from 'node:path';
import { compareModels, loadModel, parseText } from '../../engine/index';
import { findWorkTreeRoot } from '../../config/index';
import { fsLoader } from '../../workspace/files/workingFiles';
import { parseElsewhere } from '../../io/parallelParse';
import { entryFile, readSpecFile } from '../inputFiles';
import { configFor, type Compared, type RunContext } from './compared';

export async function diffSpecs(baseArg: string, revisionArg: string, ctx: RunContext): Promise<Compared> {
  const t0 = performance.now();
  const baseFile = entryFile(baseArg, ctx.cwd);
  const revFile = entryFile(revisionArg, ctx.cwd);
  const baseText = readSpecFile(baseFile, baseArg);
  const revText = readSpecFile(revFile, revisionArg);
  const { options, notes } = configFor(ctx, revFile);
  const t1 = performance.now();
  // The two sides are parsed at the same time: the revision on a second thread, the base here.
  const revParsing = parseElsewhere(revText, revFile);
  const baseParsed = parseText(baseText, baseFile);
  const revParsed = await revParsing;
  // The revision first: its errors are the ones the user came to fix.
  const revision = loadModel({ text: revText, file: revFile, external: fsLoader(boundaryOf(revFile)) }, 'revision', revParsed);
  const base = loadModel({ text: baseText, file: baseFile, external: fsLoader(boundaryOf(baseFile)) }, 'base', baseParsed);
  const result = compareModels(base, revision, options);
  const files = base.refs.files().length + revision.refs.files().length;
  return { file: revFile, result, notes, stats: { readMs: t1 - t0, compareMs: performance.now() - t1, files } };
}

function boundaryOf(file: string): string {
  return findWorkTreeRoot(dirname(file)) ?? dirname(file);
}
