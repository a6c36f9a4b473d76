// Entry point of dist/checkWorker.js: the language server's check worker thread.
// It answers one message at a time (checks, quick-fix edits, edits to parse ahead), so a check may take
// a second on a 4 MB spec without delaying anything the main thread answers.
// Never import vscode-languageserver here at run time (its module starts a watchdog).
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { errorText } from '../../workspace/base/baseResolver';
import { WorkingFiles } from '../../workspace/files/workingFiles';
import { fixesFor } from './fixes';
import type { CheckReply, CheckRequest, FixesAhead, FixesReply, FixOut, FromWorker, InitData, OpenDoc, ToWorker } from './messages';
import { runCheck, type WorkerEnv } from './runCheck';
import { BaseModels, WorkerDocuments } from './workerDocs';

const port = parentPort;
if (!port) throw new Error('checkWorker.js runs as a worker thread of the Breakwater language server');

const tokens = new Int32Array((workerData as InitData).cancel);
const docs = new WorkerDocuments();
let openDocs = new Map<string, OpenDoc>();
const missingDocs = new Set<string>();

const env: WorkerEnv = {
  docs,
  bases: new BaseModels(),
  missingDocs,
  // An open document is read as the editor has it; one whose text the worker lacks is asked for (the check is retried).
  workingFiles: new WorkingFiles((path) => {
    const open = openDocs.get(path);
    if (!open) return undefined;
    const doc = docs.get(open.uri);
    if (doc && doc.version === open.version) return { text: doc.text, version: doc.version };
    missingDocs.add(open.uri);
    return undefined;
  }),
  superseded: (slot, token) => slot >= 0 && Atomics.load(tokens, slot) !== token,
};

port.on('message', (m: ToWorker) => {
  // A check or quick fix should not wait for a collection; parsing edits ahead may.
  if (m.type === 'check' || m.type === 'fixes') idleGc.cancel();
  switch (m.type) {
    case 'check': {
      openDocs = new Map(m.openDocs.map((d) => [d.path, d]));
      const reply: CheckReply = guarded(() => runCheck(m, env));
      post({ id: m.id, reply: { ...reply, baseKeys: env.bases.keys() } });
      if (reply.kind === 'good')
        fixesAhead.checked(
          m,
          reply.findings.filter((f) => !f.revision || f.revision.file === m.file).map((f) => f.fingerprint),
          docs.get(m.uri)?.text.length ?? 0,
        );
      idleGc.afterCheck('timings' in reply && reply.timings.baseMs + reply.timings.parseMs > FULL_PARSE_MS);
      break;
    }
    case 'fixes':
      post({ id: m.id, reply: guarded((): FixesReply => fixesFor(docs, m)) });
      break;
    case 'update':
      // Parse while the editor's typing debounce runs; a check of this version then has nothing left to parse.
      for (const { uri, sync } of m.syncs) if (docs.apply(uri, sync)) docs.get(uri)?.parseAhead();
      break;
    case 'close':
      docs.close(m.uri);
      break;
  }
  // Quick fixes computed ahead wait until nothing else comes.
  fixesAhead.idleAfterMessage();
});

/**
 * A full parse of a 4 MB spec leaves ~300 MB of garbage, and every keystroke's
 * check ~15 MB more (the new text, its line index, a new model). V8 would let the
 * heap grow far before collecting (the worker may use GBs for huge specs), so the
 * worker collects while idle: soon after a full parse, and after light checks once
 * enough garbage has piled up. That keeps a server with Stripe's spec open under
 * 400 MB. `gc` is exposed at run time because a worker cannot be started with V8
 * flags; without it, nothing is done.
 */
const FULL_PARSE_MS = 150;
/** Garbage worth a collection (its ~50-100 ms run only while no check is waiting). */
const GARBAGE_BYTES = 64 * 1024 * 1024;
/** Garbage collected once nothing has come for PAUSE_MS (a pause in typing). */
const IDLE_GARBAGE_BYTES = 8 * 1024 * 1024;
const PAUSE_MS = 1000;
const idleGc = (() => {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  let liveBytes = 0;
  const collect = () => {
    gc!();
    liveBytes = getHeapStatistics().used_heap_size;
  };
  return {
    afterCheck(fullParse: boolean): void {
      if (!gc) return;
      const garbage = getHeapStatistics().used_heap_size - liveBytes;
      if (!fullParse && garbage < IDLE_GARBAGE_BYTES) return;
      clearTimeout(timer);
      // While typing, the next check comes at the earliest one typing delay (60 ms) after the next keystroke, and a
      // collection takes about as long: collect as soon as this reply is out (measured with Stripe's spec and 40 edits:
      // peak RSS 391 MB instead of 531 MB, when a 100 ms wait let every next check cancel the collection). Less garbage
      // waits until the typist pauses (any message first cancels it), so an idle server does not hold it.
      timer = setTimeout(collect, fullParse ? 300 : garbage >= GARBAGE_BYTES ? 0 : PAUSE_MS);
      timer.unref();
    },
    cancel(): void {
      // A message arrived: work first; the next check schedules the collection again.
      clearTimeout(timer);
    },
  };
})();

/**
 * Quick fixes computed ahead, right after a good check: a code action then needs no
 * worker, which may be busy checking another document for seconds when it comes.
 * Each fix is validated by parsing the fixed text, so this stays out of the way of
 * checks: one finding per task, every message first (a newer version of the
 * document drops the work), and nothing on texts where one such parse is slow.
 */
const fixesAhead = (() => {
  /** Quiet time after any message before going on (messages come in runs: edits, then their check). */
  const IDLE_MS = 20;
  /** More findings than this: each code action asks for its own. */
  const MAX_FINDINGS = 50;
  /** Texts validated by a parse (engine/fix: up to 1M characters) and larger than this take too long per fix to interleave. */
  const SLOW_FROM = 256 * 1024;
  const SLOW_TO = 1_000_000;
  interface Job {
    req: CheckRequest;
    left: string[];
    done: Record<string, FixOut[]>;
    bump?: FixesAhead['fixes']['bump'];
  }
  const jobs = new Map<string, Job>();
  let timer: NodeJS.Timeout | undefined;
  const current = (job: Job) => {
    const doc = docs.get(job.req.uri);
    return !!doc && doc.lastGood?.version === job.req.version && doc.parsedVersion === job.req.version;
  };
  const step = (): void => {
    timer = undefined;
    const [uri, job] = jobs.entries().next().value ?? [];
    if (!uri || !job) return;
    if (!current(job)) {
      jobs.delete(uri);
    } else {
      const fingerprint = job.left.shift()!;
      const reply = guarded((): FixesReply =>
        fixesFor(docs, {
          type: 'fixes',
          id: 0,
          uri,
          version: job.req.version,
          fingerprints: [fingerprint],
          sunset: job.req.sunset,
          file: { path: job.req.file, uri, version: job.req.version },
        }),
      );
      if (reply.kind !== 'fixes') jobs.delete(uri);
      else {
        job.done[fingerprint] = reply.byFingerprint[fingerprint] ?? [];
        job.bump ??= reply.bump;
        if (job.left.length === 0) {
          jobs.delete(uri);
          post({
            id: 0,
            fixesAhead: { uri, version: job.req.version, sunset: job.req.sunset, fixes: { kind: 'fixes', byFingerprint: job.done, bump: job.bump } },
          });
        }
      }
    }
    if (jobs.size) timer = setTimeout(step, 0);
  };
  return {
    /** A good check of `req`: its findings in the spec itself (those in referenced files get edits to those files, asked one by one). */
    checked(req: CheckRequest, fingerprints: string[], textLength: number): void {
      jobs.delete(req.uri);
      if (fingerprints.length === 0 || fingerprints.length > MAX_FINDINGS || (textLength > SLOW_FROM && textLength <= SLOW_TO)) return;
      jobs.set(req.uri, { req, left: [...fingerprints], done: {} });
    },
    /** A message arrived: it goes first; the work resumes once the worker is idle again. */
    idleAfterMessage(): void {
      clearTimeout(timer);
      timer = jobs.size ? setTimeout(step, IDLE_MS) : undefined;
    },
  };
})();

function post(message: FromWorker): void {
  port!.postMessage(message);
}

/** Whatever a user typed, the worker keeps serving: a failure is reported, never thrown. */
function guarded<T>(fn: () => T): T | { kind: 'failed'; message: string; stack?: string } {
  try {
    return fn();
  } catch (e) {
    return { kind: 'failed', message: errorText(e), stack: e instanceof Error ? e.stack : undefined };
  }
}
