// Multi-file scenario of `npm run bench` (called from bench-server.mjs): the
// DigitalOcean spec (2,900 files) copied into a throw-away git repository and
// committed, then through the real `dist/server.js --stdio`:
//  - cold, a referenced file opened while its root spec is not open -> the root,
//    found by the root index and checked in the background, has reported (status
//    naming the root; each run is a fresh server);
//  - cold, the root opened next -> its first diagnostics;
//  - warm, a one-line edit in the referenced file (a property's type, toggled) ->
//    its diagnostics, with the root in the background; the fixed 250 ms wait
//    before dependents are re-checked is excluded;
//  - warm, a one-line edit in the root -> its diagnostics (typing debounce excluded).
// Figures only, never assertions.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT_FILE = 'DigitalOcean-public.v2.yaml';
const REFERENCED = 'resources/droplets/models/droplet.yml';
/** The one line toggled in the referenced file: `name` of a Droplet (a response property) string <-> integer. */
const FROM = '  name:\n    type: string\n';
const TO = '  name:\n    type: integer\n';
const TYPE_CHANGED = 'response-property-type-changed';
/** The server waits this long after an edit before re-checking the specs that reference the file (checks.ts TYPE_DELAY_MS). */
const DEPENDENT_DELAY_MS = 250;
/** The typing delay of servers that did not report it: a fixed 250 ms plus half the last check. */
const debounceAfter = (lastCheckMs) => 250 + Math.min(250, lastCheckMs / 2);

/** @param {{ rpc: any, serverJs: string, corpusDir: string, runs: number, edits: number, record: Function, log: Function }} o */
export async function multiFileScenario(o) {
  const source = o.corpusDir;
  if (!existsSync(join(source, ROOT_FILE))) return o.log(`  multi-file: ${source} not found; skipped`);
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-bench-mf-')));
  try {
    cpSync(source, dir, { recursive: true });
    const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'spec');
    const cold = { ref: [], root: [] };
    const warm = { ref: [], root: [] };
    for (let run = 0; run < o.runs; run++) {
      const r = await oneRun(o, dir, run === 0 ? o.edits : 0);
      cold.ref.push(r.coldRef);
      cold.root.push(r.coldRoot);
      warm.ref.push(...r.warmRef);
      warm.root.push(...r.warmRoot);
    }
    o.record(`server multi-file: open a referenced file (root closed) -> root checked in background, DigitalOcean`, 'ms', cold.ref);
    o.record(`server multi-file: then open the root -> first diagnostics, DigitalOcean`, 'ms', cold.root);
    o.record(
      `server multi-file: one-line edit in a referenced file -> its diagnostics (root in background, 250 ms wait excluded), DigitalOcean`,
      'ms',
      warm.ref,
    );
    o.record(`server multi-file: one-line edit in the root -> diagnostics (debounce excluded), DigitalOcean`, 'ms', warm.root);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function oneRun(o, dir, edits) {
  const { rpc } = o;
  const child = spawn(process.execPath, [o.serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const refUri = pathToFileURL(join(dir, REFERENCED)).toString();
  const rootUri = pathToFileURL(join(dir, ROOT_FILE)).toString();
  const diags = new Map();
  const statuses = new Map();
  let wake = () => {};
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    diags.set(p.uri, p);
    wake();
  });
  let rootStatuses = 0;
  conn.onNotification('breakwater/status', (p) => {
    statuses.set(p.uri, p);
    if (p.uri === rootUri) rootStatuses++;
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
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await conn.sendNotification('initialized', {});
    let refText = readFileSync(join(dir, REFERENCED), 'utf8');
    let t0 = performance.now();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: refUri, languageId: 'yaml', version: 1, text: refText } });
    await until(() => statuses.get(refUri)?.partOf?.[0]?.state === 'ok', 300_000, 'the background check of the root');
    const coldRef = performance.now() - t0;
    const rootCheckMs = statuses.get(refUri).durationMs;

    // Warm: toggle one line of the referenced file; the root re-checks in the background.
    const warmRef = [];
    let version = 1;
    for (let i = 0; i < edits; i++) {
      const broken = i % 2 === 0;
      const at = refText.indexOf(broken ? FROM : TO);
      const line = refText.slice(0, at).split('\n').length; // the `type:` line, 0-based
      const from = broken ? 'string' : 'integer';
      const to = broken ? 'integer' : 'string';
      refText = refText.slice(0, at) + (broken ? TO : FROM) + refText.slice(at + FROM.length + (broken ? 0 : TO.length - FROM.length));
      version++;
      t0 = performance.now();
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: refUri, version },
        contentChanges: [{ range: { start: { line, character: 10 }, end: { line, character: 10 + from.length } }, text: to }],
      });
      const shows = () => (diags.get(refUri)?.diagnostics ?? []).some((d) => d.code === TYPE_CHANGED);
      await until(() => shows() === broken, 120_000, `diagnostics after edit ${i + 1} of ${REFERENCED}`);
      warmRef.push(Math.max(0, performance.now() - t0 - DEPENDENT_DELAY_MS));
    }

    const rootText = readFileSync(join(dir, ROOT_FILE), 'utf8');
    t0 = performance.now();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: rootUri, languageId: 'yaml', version: 1, text: rootText } });
    await until(() => diags.get(rootUri)?.version === 1, 300_000, 'the first diagnostics of the root');
    const coldRoot = performance.now() - t0;

    // Warm: type one character into a description of the root, spread through the file.
    const warmRoot = [];
    let current = rootText;
    let at = 0;
    for (let v = 2; v < 2 + edits; v++) {
      at = current.indexOf('description', at + Math.floor(current.length / 45));
      if (at === -1) at = current.indexOf('description');
      const before = current.slice(0, at + 2);
      const pos = { line: before.split('\n').length - 1, character: at + 2 - (before.lastIndexOf('\n') + 1) };
      current = before + 'x' + current.slice(at + 2);
      const lastCheckMs = statuses.get(rootUri)?.durationMs ?? 0;
      const statusesBefore = rootStatuses;
      t0 = performance.now();
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: rootUri, version: v },
        contentChanges: [{ range: { start: pos, end: pos }, text: 'x' }],
      });
      await until(() => diags.get(rootUri)?.version === v, 120_000, `diagnostics of root version ${v}`);
      const total = performance.now() - t0;
      // The typing delay this check waited, as the server reports it (adaptive); an older server's fixed formula otherwise.
      await until(() => rootStatuses > statusesBefore && statuses.get(rootUri)?.state !== 'checking', 30_000, `status of root version ${v}`);
      const debounce = statuses.get(rootUri)?.debounceMs ?? debounceAfter(lastCheckMs);
      warmRoot.push(Math.max(0, total - debounce));
    }
    if (edits)
      o.log(
        `  DigitalOcean multi-file: referenced file -> root checked ${coldRef.toFixed(0)} ms (the root's check reported ${rootCheckMs} ms), root open -> diagnostics ${coldRoot.toFixed(0)} ms`,
      );
    return { coldRef, coldRoot, warmRef, warmRoot };
  } finally {
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
  }
}
