// A worker thread of `breakwater check` with no file (dist/cliWorker.js): checks the
// specs it is sent one at a time, each exactly as `breakwater check SPEC` would.
import { parentPort } from 'node:worker_threads';
import { checkSpec } from '../commands/check';
import type { SpecJob, SpecReply } from './specPool';
import { describeError } from '../describeError';

parentPort?.on('message', (job: SpecJob) => {
  checkSpec(job.spec, job.ctx).then(
    (compared) => parentPort!.postMessage({ id: job.id, ok: true, compared } satisfies SpecReply),
    (e: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: describeError(e, job.ctx.cwd) } satisfies SpecReply),
  );
});
