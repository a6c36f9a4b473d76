// Parses a text on a second thread while this one does other work (the CLI parses
// the base here and the revision there: two 4 MB specs in about the time of one,
// on a machine with two cores). The diff starts once both trees are in this thread.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
 * Whether another thread would run beside this one now. On a machine whose cores are
 * all busy the second parse only competes with the first, and packing the tree and
 * rebuilding it here make the whole slower (measured: 1.2x the sequential parse at
 * load 15 on 2 cores). The 1-minute load average cannot tell: right after `npm ci`
 * or a build in the same CI job it stays above 1 on an idle machine for a minute,
 * which kept the second thread off just where the CLI runs. Linux counts the
 * threads runnable at this instant (the 4th field of /proc/loadavg); elsewhere a
 * machine with two cores is taken to have one free.
 */
function aCoreIsFree(): boolean {
  return coreIsFree(availableParallelism(), runnableNow());
}

/** With `running` runnable threads (this one included; undefined: unknown), whether one of `cores` is idle. */
export function coreIsFree(cores: number, running: number | undefined): boolean {
  if (cores < 2) return false;
  return running === undefined || running < cores;
}

/** Threads runnable now, machine-wide, this one included (Linux only). */
function runnableNow(): number | undefined {
  try {
    const field = /^\S+ \S+ \S+ (\d+)\//.exec(readFileSync('/proc/loadavg', 'utf8'));
    return field ? Number(field[1]) : undefined;
  } catch {
    return undefined;
  }
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
