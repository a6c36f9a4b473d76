// How long and how much memory one job of the check worker may take. A check
// that exceeds either is abandoned -- the worker is terminated and a fresh one
// serves the next check -- with a message saying which limit it hit, so no spec
// can leave a thread spinning or take the machine's memory with it.
//
// The worker answers one message at a time, in order: the job running is the
// oldest unanswered one, and it started when the one before it was answered (or
// when it was sent, if the worker was idle). JobClock tracks exactly that, so a
// check queued behind a slow one is not blamed for the wait.

export interface WorkerLimits {
  /** Longest one check (or quick-fix computation) may run. */
  checkTimeoutMs: number;
  /** Heap of the worker (V8 old generation); beyond it the worker stops with ERR_WORKER_OUT_OF_MEMORY. */
  memoryMb: number;
}

/**
 * A 4 MB spec checks in about a second and needs a few hundred MB; the default live
 * size limit (breakwater.maxFileSizeMB, 20 MB) stays well inside both bounds.
 * BREAKWATER_CHECK_TIMEOUT_MS and BREAKWATER_CHECK_MEMORY_MB override them (tests, odd machines).
 */
export function limitsFrom(env: NodeJS.ProcessEnv): WorkerLimits {
  return {
    checkTimeoutMs: positive(env.BREAKWATER_CHECK_TIMEOUT_MS) ?? 60_000,
    memoryMb: positive(env.BREAKWATER_CHECK_MEMORY_MB) ?? 3072,
  };
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Why a job was abandoned, in words for the diagnostic and the status item. */
export class CheckAbandoned extends Error {
  constructor(reason: 'time' | 'memory', limits: WorkerLimits) {
    super(
      reason === 'time'
        ? `the check was stopped after ${limits.checkTimeoutMs < 1000 ? `${limits.checkTimeoutMs} ms` : `${Number((limits.checkTimeoutMs / 1000).toFixed(1))} s`}, its time limit; it runs again after the next edit (the CLI has no limit: breakwater check)`
        : `the check was stopped when it needed more than ${limits.memoryMb} MB of memory, its limit; it runs again after the next edit (the CLI has no limit: breakwater check)`,
    );
    this.name = 'CheckAbandoned';
  }
}

export class JobClock {
  private startedAt?: number;

  constructor(private readonly now: () => number = Date.now) {}

  /** A message was sent; `pendingBefore` unanswered ones were ahead of it. */
  sent(pendingBefore: number): void {
    if (pendingBefore === 0) this.startedAt = this.now();
  }

  /** A reply came; `pendingAfter` remain, the oldest of which starts now. */
  answered(pendingAfter: number): void {
    this.startedAt = pendingAfter > 0 ? this.now() : undefined;
  }

  /** Milliseconds until the running job overruns `limitMs` (<= 0: it has), or undefined when idle. */
  remaining(limitMs: number): number | undefined {
    return this.startedAt === undefined ? undefined : this.startedAt + limitMs - this.now();
  }

  reset(): void {
    this.startedAt = undefined;
  }
}
