// Server scenarios of `npm run bench`, through the real `dist/server.js --stdio`
// in a throw-away git repository (the spec committed, so HEAD is the base):
//  - open of the spec as committed -> first diagnostics, and -> the worker's check of it done;
//  - last keystroke (a one-line didChange) -> publishDiagnostics, with the typing debounce the
//    server reports (status debounceMs) and without it;
//  - checks run for a burst of 20 keystrokes 15 ms apart;
//  - quick fix + hover on a small second spec while the large one is checked whole again
//    (its text replaced): the longest wait;
//  - server memory (VmRSS / VmHWM from /proc) with the spec open and checked;
//  - event-loop blocking: a hover request every 10 ms while checks run; its slowest
//    answer is the longest time the server could not answer anything.
//  - multi-file (bench-server-multifile.mjs): DigitalOcean's 2,900-file spec, a referenced
//    file opened with its root closed, then the root; edits in each.
// Figures only, never assertions: the machine is shared and noisy.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { multiFileScenario } from './bench-server-multifile.mjs';

/**
 * The typing debounce a check waited: the server reports it in its status (debounceMs, adaptive since
 * server/src/lsp/typingDelay.ts); older servers did not and used 250 ms plus half the last check, at most 250 ms more.
 */
const debounceOf = (status, previousCheckMs) => status?.debounceMs ?? 250 + Math.min(250, previousCheckMs / 2);

/**
 * @param {{ root: string, serverJs: string, specs: {name: string, file: string, parseBaselineMs: number}[], edits: number,
 *           record: (scenario: string, unit: string, samples: number[], baseline?: number) => void, log: (s: string) => void }} o
 */
export async function serverScenarios(o) {
  const require = createRequire(join(o.root, 'package.json'));
  const rpc = require('vscode-languageserver-protocol/node');
  for (const spec of o.specs) {
    const r = await oneSpec(rpc, o, spec);
    const label = spec.name;
    o.record(`server: open unchanged -> first (empty) diagnostics, ${label} (target <= 0.25x)`, 'ms', [r.coldMs], spec.parseBaselineMs);
    o.record(`server: open unchanged -> its check in the worker done, ${label}`, 'ms', [r.readyMs], spec.parseBaselineMs);
    o.record(`server: last keystroke -> diagnostics, ${label} (debounce included; target p95 <= 150 ms)`, 'ms', r.keystroke);
    o.record(`server: typing debounce used, ${label}`, 'ms', r.debounces);
    o.record(`server: one-line edit -> diagnostics, ${label} (debounce excluded)`, 'ms', r.warm, spec.parseBaselineMs);
    o.record(`server: checks run for a burst of 20 keystrokes 15 ms apart, ${label}`, 'checks', [r.burstChecks]);
    o.record(`server: quick fix / hover on another spec while ${label} is checked (max = longest wait)`, 'ms', r.otherDocWaits);
    o.record(`server: check duration it reports, ${label}`, 'ms', r.reported, spec.parseBaselineMs);
    if (r.cpuPerEdit !== undefined) o.record(`server: CPU time per one-line edit (all threads), ${label}`, 'ms', [r.cpuPerEdit], spec.parseBaselineMs);
    o.record(`server: hover latency while opening ${label} (max = longest block)`, 'ms', r.hoverOpen);
    o.record(`server: hover latency while re-checking ${label} (max = longest block)`, 'ms', r.hoverEdits);
    if (r.rssMb !== undefined) o.record(`server RSS, ${label} open and checked (after 2 s idle)`, 'MB', [r.rssMb]);
    if (r.openHwmMb !== undefined) o.record(`server peak RSS (VmHWM) over the open, ${label}`, 'MB', [r.openHwmMb]);
    if (r.hwmMb !== undefined)
      o.record(`server peak RSS (VmHWM) over ${r.hwmReset ? '' : 'the open and '}${o.edits} edits, ${label} (target < 450 MB)`, 'MB', [r.hwmMb]);
  }
  // `--spec NAME` narrows the server scenarios; `--spec digitalocean` runs only this one.
  const only = process.argv.includes('--spec') ? process.argv[process.argv.indexOf('--spec') + 1] : undefined;
  if (process.argv.includes('--no-multifile')) return;
  if (!only || 'digitalocean'.includes(only)) {
    const runs = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : 5;
    await multiFileScenario({
      rpc,
      serverJs: o.serverJs,
      corpusDir: resolve(o.corpus ?? resolve(o.root, '../shared/corpus'), 'large/digitalocean-public-v2'),
      runs,
      edits: o.edits,
      record: o.record,
      log: o.log,
    });
  }
}

async function oneSpec(rpc, o, spec) {
  const text = readFileSync(spec.file, 'utf8');
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-bench-')));
  const name = basename(spec.file);
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'other.yaml'), OTHER_SPEC);
  git('add', '--', name, 'other.yaml');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'spec');

  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, o.serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(join(dir, name)).toString();
  let published = { version: -1 };
  let publishes = 0;
  let statuses = 0;
  let lastStatus;
  let wake = () => {};
  const other = { uri: pathToFileURL(join(dir, 'other.yaml')).toString(), published: undefined };
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri === uri) {
      published = p;
      publishes++;
    }
    if (p.uri === other.uri) other.published = p;
    wake();
  });
  conn.onNotification('breakwater/status', (p) => {
    if (p.uri !== uri) return;
    statuses++;
    lastStatus = p;
    wake();
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const until = (cond, timeoutMs, what) =>
    new Promise((resolve, reject) => {
      if (cond()) return resolve();
      const timer = setTimeout(() => reject(new Error(`bench: timed out waiting for ${what}\n${stderr.slice(-2000)}`)), timeoutMs);
      wake = () => {
        if (!cond()) return;
        clearTimeout(timer);
        wake = () => {};
        resolve();
      };
    });

  // A cheap request every 10 ms; its latency is how long the server's main loop was busy.
  let phase = 'idle';
  const hover = { open: [], edits: [] };
  const pinger = setInterval(() => {
    const at = phase;
    if (at === 'idle') return;
    const t = performance.now();
    conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }).then(
      () => hover[at].push(performance.now() - t),
      () => {},
    );
  }, 10);

  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await conn.sendNotification('initialized', {});
    const languageId = name.endsWith('.json') ? 'json' : 'yaml';
    phase = 'open';
    let t0 = performance.now();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await until(() => published.version === 1 && statuses >= 1, 300_000, 'the first check');
    const coldMs = performance.now() - t0;
    o.log(`  ${spec.name}: open -> diagnostics ${coldMs.toFixed(0)} ms (${published.diagnostics.length} diagnostics, status ${lastStatus?.state})`);
    // A server that publishes at once for an unchanged spec publishes again when the worker's check of it is done.
    // (An older server publishes once, at the end of its check: then that is when it was ready. Its second publication
    // never comes, so the wait is bounded: 20 s is ten times the worker's check of Stripe's spec on an idle machine.)
    const readyMs =
      lastStatus?.durationMs !== undefined &&
      publishes < 2 &&
      !(await until(() => publishes >= 2, 20_000, 'the worker check').then(
        () => true,
        () => false,
      ))
        ? coldMs
        : performance.now() - t0;
    phase = 'idle';
    // The peak of the open (both 4 MB texts parsed), then the peak counter restarts (Linux: clear_refs 5) for the edits'.
    const openHwmMb = procStatus(child.pid).VmHWM;
    const hwmReset = resetPeakRss(child.pid);

    // Type one character into a description somewhere else each time, spread through the file.
    const warm = [];
    const keystroke = [];
    const debounces = [];
    const reported = [];
    let current = text;
    let at = 0;
    phase = 'edits';
    const cpuBefore = cpuMs(child.pid);
    for (let v = 2; v < 2 + o.edits; v++) {
      at = current.indexOf('description', at + Math.floor(current.length / 45));
      if (at === -1) at = current.indexOf('description');
      const pos = positionAt(current, at + 2);
      current = current.slice(0, at + 2) + 'x' + current.slice(at + 2);
      const previousCheckMs = lastStatus?.durationMs ?? 0;
      const before = statuses;
      t0 = performance.now();
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: pos, end: pos }, text: 'x' }],
      });
      await until(() => published.version === v, 120_000, `diagnostics of version ${v}`);
      const total = performance.now() - t0;
      await until(() => statuses > before && lastStatus.state !== 'checking', 30_000, `status of version ${v}`);
      const debounce = debounceOf(lastStatus, previousCheckMs);
      keystroke.push(total);
      debounces.push(debounce);
      warm.push(Math.max(0, total - debounce));
      reported.push(lastStatus.durationMs);
    }
    phase = 'idle';
    // CPU time is what the machine's load does not inflate (much): all threads of the server, GC included.
    const cpuPerEdit = cpuBefore === undefined ? undefined : (cpuMs(child.pid) - cpuBefore) / o.edits;
    // Memory once the server has been idle for a moment (it collects garbage while idle), and its peak over the edits.
    await new Promise((r) => setTimeout(r, 2000));
    const mem = procStatus(child.pid);

    // A burst: 20 keystrokes 15 ms apart, then the diagnostics of the last; how many checks ran (one status each).
    let version = 2 + o.edits;
    at = current.indexOf('description', Math.floor(current.length / 3));
    const burstStart = statuses;
    for (let i = 0; i < 20; i++, version++) {
      const pos = positionAt(current, at + 2);
      current = current.slice(0, at + 2) + 'y' + current.slice(at + 2);
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: pos, end: pos }, text: 'y' }],
      });
      at++;
      await new Promise((r) => setTimeout(r, 15));
    }
    await until(() => published.version === version - 1, 120_000, 'diagnostics after the burst');
    await new Promise((r) => setTimeout(r, 1000));
    const burstChecks = statuses - burstStart;

    // Quick fixes and hover on a small spec (one breaking change) while this spec's whole text is checked again.
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: other.uri, languageId: 'yaml', version: 1, text: OTHER_SPEC.replace(OTHER_REMOVED, '') },
    });
    await until(() => other.published?.diagnostics.length > 0, 60_000, "the other spec's finding");
    const diagnostic = other.published.diagnostics[0];
    const otherDocWaits = [];
    let probing = true;
    const probe = async () => {
      while (probing) {
        const t = performance.now();
        await Promise.all([
          conn.sendRequest('textDocument/codeAction', {
            textDocument: { uri: other.uri },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic], only: ['quickfix'] },
          }),
          conn.sendRequest('textDocument/hover', { textDocument: { uri: other.uri }, position: diagnostic.range.start }),
        ]);
        otherDocWaits.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const probing$ = probe();
    // Replace the whole text: a full parse, model and diff of the large spec in the worker.
    const lastLine = current.split('\n').length;
    const before = statuses;
    current = current.replace('description', 'descriptionz');
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } }, text: current }],
    });
    await until(() => statuses > before && lastStatus.state !== 'checking', 300_000, 'the full re-check');
    probing = false;
    await probing$;
    return {
      coldMs,
      readyMs,
      keystroke,
      debounces,
      warm,
      reported,
      burstChecks,
      otherDocWaits,
      cpuPerEdit,
      hoverOpen: hover.open,
      hoverEdits: hover.edits,
      rssMb: mem.VmRSS,
      openHwmMb,
      hwmReset,
      hwmMb: mem.VmHWM,
    };
  } finally {
    clearInterval(pinger);
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await conn.sendNotification('exit');
    } catch {
      // already gone
    }
    const killer = setTimeout(() => child.kill(), 3000);
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    clearTimeout(killer);
    conn.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A small spec for the quick-fix scenario: the buffer drops a response property (a breaking change with fixes). */
const OTHER_REMOVED = '                  name: {type: string}\n';
const OTHER_SPEC = `openapi: 3.0.3
info: {title: other, version: 1.0.0}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id]
                properties:
                  id: {type: integer}
${OTHER_REMOVED}`;

function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** User + system CPU time of a process so far, in ms (Linux; clock ticks of 10 ms). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Restarts a process's VmHWM from its current RSS (Linux); whether it could. */
function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** VmRSS and VmHWM of a process in MB (Linux); empty elsewhere. */
function procStatus(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1]);
    return { VmRSS: kb('VmRSS') / 1024, VmHWM: kb('VmHWM') / 1024 };
  } catch {
    return {};
  }
}
