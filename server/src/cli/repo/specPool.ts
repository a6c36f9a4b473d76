// Checks many specs at once on worker threads (as many as cores, never more than
// specs); one spec is checked in this thread, which costs no worker start-up,
// unless this thread must stay free (a progress line on a terminal).
// Results come back in the order of the specs given, whatever order they finish in.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkSpec } from '../commands/check';
import type { Compared, RunContext } from '../commands/compared';
import { describeError } from '../describeError';

export interface SpecJob {
  id: number;
  spec: string;
  ctx: RunContext;
}

export type SpecReply = { id: number; ok: true; compared: Compared } | { id: number; ok: false; message: string };

export type SpecOutcome = { ok: true; compared: Compared } | { ok: false; message: string };

/** dist/cliWorker.js next to dist/cli.js; specWorker.js next to this file when run from out/; undefined: none shipped. */
function workerFile(): string | undefined {
  return [resolve(__dirname, 'cliWorker.js'), resolve(__dirname, 'specWorker.js')].find((f) => existsSync(f));
}

/** `keepThreadFree`: check even one spec on a worker, so this thread can redraw a progress line meanwhile. */
export async function checkSpecs(
  specs: readonly string[],
  ctx: RunContext,
  onDone: (done: number, spec: string) => void = () => {},
  keepThreadFree = false,
): Promise<SpecOutcome[]> {
  const outcomes: SpecOutcome[] = new Array(specs.length);
  const threads = Math.min(specs.length, Math.max(1, Number(process.env.BREAKWATER_THREADS) || availableParallelism()));
  let done = 0;
  const file = workerFile();
  if (threads === 0 || (threads === 1 && !keepThreadFree) || !file) {
    for (const [i, spec] of specs.entries()) {
      outcomes[i] = await checkSpec(spec, ctx).then(
        (compared) => ({ ok: true as const, compared }),
        (e: unknown) => ({ ok: false as const, message: describeError(e, ctx.cwd) }),
      );
      onDone(++done, spec);
    }
    return outcomes;
  }
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolveAll, reject) => {
      const worker = new Worker(file);
      const send = () => {
        if (next >= specs.length) return void worker.terminate().then(() => resolveAll(), reject);
        const id = next++;
        worker.postMessage({ id, spec: specs[id], ctx } satisfies SpecJob);
      };
      worker.on('message', (reply: SpecReply) => {
        outcomes[reply.id] = reply.ok ? { ok: true, compared: reply.compared } : { ok: false, message: reply.message };
        onDone(++done, specs[reply.id]);
        send();
      });
      worker.on('error', reject);
      send();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return outcomes;
}
