// Parses a text on a second thread while this one does other work (the CLI parses
// the base here and the revision there: two 4 MB specs in about the time of one,
// on a machine with two cores). The diff starts once both trees are in this thread.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseText, type ParsedText } from '../engine/index';
import { unpackParsed, type PackedParse } from '../engine/parse/transfer';

/** Below this many characters a thread costs more (start-up, packing) than parsing here. */
export const PARALLEL_MIN_CHARS = 512 * 1024;

/**
 * Exactly parseText(text, file), made on another thread when the text is large
 * enough. Call it before parsing something else here; await it afterwards.
 */
export async function parseElsewhere(text: string, file: string, minChars = PARALLEL_MIN_CHARS): Promise<ParsedText> {
  const there = text.length >= minChars && aCoreIsFree() ? await parseOnOtherThread(text, file) : undefined;
  return there ?? parseText(text, file);
}

/**
 * Whether another thread would run beside this one. On a machine whose cores are all
 * busy (load average at least the number of cores, less this process) the second
 * parse only competes with the first, and packing the tree and rebuilding it here
 * make the whole slower (measured: 1.2x the sequential parse at load 15 on 2 cores).
 */
function aCoreIsFree(): boolean {
  const cores = availableParallelism();
  return cores > 1 && loadavg()[0] < cores - 1;
}

/**
 * The parse of `text` made on a worker thread, or undefined when it could not be
 * made there (no worker file, a crash, a tree with shared YAML nodes, which a
 * packed tree cannot express).
 */
export function parseOnOtherThread(text: string, file: string): Promise<ParsedText | undefined> {
  const script = workerScript();
  if (!script) return Promise.resolve(undefined);
  return new Promise((done) => {
    let settled = false;
    const settle = (parsed: ParsedText | undefined): void => {
      if (settled) return;
      settled = true;
      done(parsed);
    };
    const worker = new Worker(script, { workerData: { text, file } });
    worker.once('message', (packed: PackedParse | null) => {
      settle(packed ? unpackParsed(text, packed) : undefined);
      void worker.terminate();
    });
    worker.once('error', () => settle(undefined));
    worker.once('exit', () => settle(undefined));
  });
}

/** dist/parseWorker.js next to the bundle; parseWorker.js beside this file in the TypeScript output. */
function workerScript(): string | undefined {
  const script = resolve(__dirname, 'parseWorker.js');
  return existsSync(script) ? script : undefined;
}
