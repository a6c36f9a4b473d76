// The main thread's handle on the check worker: starts it (again, after a crash),
// matches replies to requests, and owns the shared array through which a newer
// edit tells a running check to stop.
import { Worker } from 'node:worker_threads';
import { CheckAbandoned, JobClock, limitsFrom, type WorkerLimits } from './limits';
import type { CheckReply, CheckRequest, DocSync, FixesAhead, FixesReply, FixesRequest, FromWorker, InitData, ToWorker } from './messages';

/** Documents with a cancellation slot; beyond that, checks still run, they just cannot be stopped half-way. */
const SLOTS = 4096;

type Pending = { type: 'check' | 'fixes'; resolve: (reply: CheckReply | FixesReply) => void; reject: (e: Error) => void };

export class CheckWorker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Per document, the quick fixes of its last good check, computed right after it. */
  private readonly ahead = new Map<string, FixesAhead>();
  private readonly cancel = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  private readonly tokens = new Int32Array(this.cancel);
  private readonly freeSlots: number[] = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  private disposed = false;
  /** Time and memory bounds of one job (see limits.ts). */
  private readonly clock = new JobClock();
  private watchdog?: NodeJS.Timeout;
  /** Set when the running job is being stopped for exceeding a limit. */
  private abandoning?: 'time' | 'memory';

  /** `restarted` runs when a new worker replaces one that stopped: it has none of the old one's texts or bases. */
  constructor(
    private readonly path: string,
    private readonly log: (message: string) => void,
    private readonly restarted: () => void,
    private readonly limits: WorkerLimits = limitsFrom(process.env),
  ) {}

  allocSlot(): number {
    return this.freeSlots.pop() ?? -1;
  }

  releaseSlot(slot: number): void {
    if (slot < 0) return;
    Atomics.store(this.tokens, slot, 0);
    this.freeSlots.push(slot);
  }

  /** The token of the newest check of a document: a check in the worker with another token stops at its next step. */
  setToken(slot: number, token: number): void {
    if (slot >= 0) Atomics.store(this.tokens, slot, token);
  }

  check(request: Omit<CheckRequest, 'type' | 'id'>): Promise<CheckReply> {
    return this.send({ ...request, type: 'check' }) as Promise<CheckReply>;
  }

  fixes(request: Omit<FixesRequest, 'type' | 'id'>): Promise<FixesReply> {
    // Fixes in the spec itself, computed right after the check for this version: answered here, without waiting for a worker that may be busy.
    const ahead = request.file.uri !== request.uri ? undefined : this.ahead.get(request.uri);
    if (
      ahead &&
      ahead.version === request.version &&
      sameSunset(ahead.sunset, request.sunset) &&
      request.fingerprints.every((f) => f in ahead.fixes.byFingerprint)
    ) {
      const byFingerprint = Object.fromEntries(request.fingerprints.map((f) => [f, ahead.fixes.byFingerprint[f]]));
      return Promise.resolve({ kind: 'fixes', byFingerprint, bump: ahead.fixes.bump && request.fingerprints.length ? ahead.fixes.bump : undefined });
    }
    return this.send({ ...request, type: 'fixes' }) as Promise<FixesReply>;
  }

  /** Whether a worker runs (a new one gets whole texts with its first check, so edits need not be forwarded before). */
  get running(): boolean {
    return !!this.worker;
  }

  /** Forwards edits right away (no reply). */
  update(syncs: DocSync[]): void {
    if (this.worker && syncs.length) this.worker.postMessage({ type: 'update', syncs } satisfies ToWorker);
  }

  close(uri: string): void {
    this.ahead.delete(uri);
    this.worker?.postMessage({ type: 'close', uri } satisfies ToWorker);
  }

  dispose(): void {
    this.disposed = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private send(message: Omit<ToWorker, 'id'> & { type: 'check' | 'fixes' }): Promise<CheckReply | FixesReply> {
    if (this.disposed) return Promise.reject(new Error('the language server is shutting down'));
    const id = this.nextId++;
    const worker = this.started();
    return new Promise((resolve, reject) => {
      this.clock.sent(this.pending.size);
      this.pending.set(id, { type: message.type, resolve, reject });
      this.arm();
      worker.postMessage({ ...message, id } as ToWorker);
    });
  }

  /** Wakes up when the running job would overrun its time limit. */
  private arm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    const left = this.clock.remaining(this.limits.checkTimeoutMs);
    if (left === undefined || !this.worker) return;
    this.watchdog = setTimeout(
      () => {
        if ((this.clock.remaining(this.limits.checkTimeoutMs) ?? 1) > 0) return this.arm();
        this.abandoning = 'time';
        this.log(`a check ran longer than ${this.limits.checkTimeoutMs} ms: stopping the check worker`);
        void this.worker?.terminate();
      },
      Math.max(0, left),
    );
    this.watchdog.unref();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.path, {
      workerData: { cancel: this.cancel } satisfies InitData,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
    });
    // The connection keeps the server alive; the worker alone must not.
    worker.unref();
    worker.on('message', (m: FromWorker) => {
      if ('fixesAhead' in m) {
        this.ahead.set(m.fixesAhead.uri, m.fixesAhead);
        return;
      }
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      this.clock.answered(this.pending.size);
      this.arm();
      p?.resolve(m.reply);
    });
    // Starting a worker (loading its bundle) is not the job's time.
    worker.on('online', () => {
      if (this.pending.size > 0) this.clock.answered(this.pending.size);
      this.arm();
    });
    worker.on('error', (e) => {
      // Over its heap limit the worker stops; that is the check's doing, not a bug to log with a stack.
      if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') this.abandoning = 'memory';
      else this.log(`check worker failed: ${e.stack ?? e.message}`);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const reason = this.abandoning;
      this.abandoning = undefined;
      this.clock.reset();
      this.arm();
      if (reason) this.log(new CheckAbandoned(reason, this.limits).message);
      // Only the oldest job was running: it gets the blame; those queued behind it are asked again of the new worker.
      const why = reason ? new CheckAbandoned(reason, this.limits) : new Error(`the check worker stopped (exit code ${code})`);
      let first = true;
      for (const p of this.pending.values()) {
        if (first) p.reject(why);
        else p.resolve(p.type === 'check' ? { kind: 'resync', uris: [], base: true } : { kind: 'stale' });
        first = false;
      }
      this.pending.clear();
      if (!this.disposed) {
        this.log(`${why.message}; a new one starts with the next check`);
        this.restarted();
      }
    });
    this.worker = worker;
    return worker;
  }
}

function sameSunset(a: FixesRequest['sunset'], b: FixesRequest['sunset']): boolean {
  return a?.key === b?.key && a?.date === b?.date;
}
