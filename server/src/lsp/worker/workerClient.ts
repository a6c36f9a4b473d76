// The main thread's handle on the check worker: starts it (again, after a crash),
// matches replies to requests, and owns the shared array through which a newer
// edit tells a running check to stop.
import { Worker } from 'node:worker_threads';
import type { CheckReply, CheckRequest, FixesReply, FixesRequest, FromWorker, InitData, ToWorker } from './messages';

/** Documents with a cancellation slot; beyond that, checks still run, they just cannot be stopped half-way. */
const SLOTS = 4096;

type Pending = { resolve: (reply: CheckReply | FixesReply) => void; reject: (e: Error) => void };

export class CheckWorker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cancel = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  private readonly tokens = new Int32Array(this.cancel);
  private readonly freeSlots: number[] = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  private disposed = false;

  /** `restarted` runs when a new worker replaces one that stopped: it has none of the old one's texts or bases. */
  constructor(
    private readonly path: string,
    private readonly log: (message: string) => void,
    private readonly restarted: () => void,
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
    return this.send({ ...request, type: 'fixes' }) as Promise<FixesReply>;
  }

  close(uri: string): void {
    this.worker?.postMessage({ type: 'close', uri } satisfies ToWorker);
  }

  dispose(): void {
    this.disposed = true;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private send(message: Omit<ToWorker, 'id'> & { type: 'check' | 'fixes' }): Promise<CheckReply | FixesReply> {
    if (this.disposed) return Promise.reject(new Error('the language server is shutting down'));
    const id = this.nextId++;
    const worker = this.started();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } as ToWorker);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.path, { workerData: { cancel: this.cancel } satisfies InitData });
    // The connection keeps the server alive; the worker alone must not.
    worker.unref();
    worker.on('message', (m: FromWorker) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.resolve(m.reply);
    });
    worker.on('error', (e) => this.log(`check worker failed: ${e.stack ?? e.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const why = new Error(`the check worker stopped (exit code ${code})`);
      for (const p of this.pending.values()) p.reject(why);
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
