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
import type { CheckReply, FixesReply, FromWorker, InitData, OpenDoc, ToWorker } from './messages';
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
      if (!fullParse && garbage < GARBAGE_BYTES) return;
      clearTimeout(timer);
      // While typing, the next check comes at the earliest one debounce (250 ms) after a keystroke: collect well before.
      timer = setTimeout(collect, fullParse ? 300 : 100);
      timer.unref();
    },
    cancel(): void {
      // A message arrived: work first; the next check schedules the collection again.
      clearTimeout(timer);
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
