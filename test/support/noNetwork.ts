// Preloaded into a Breakwater process by the security tests (`node --require
// out/test/support/noNetwork.js`): every way Node offers to reach the network --
// TCP/UDP sockets, DNS, HTTP(S), TLS, fetch, WebSocket -- is refused and written to
// $BREAKWATER_NET_LOG, so a test can assert that a whole session touched nothing.
// Local pipes (the LSP transport, git's stdio) are not network and pass.
// It also appends "loaded <thread>" to $BREAKWATER_NET_LOADED, proving it ran in
// the main thread and in every worker thread.
// `import x = require()` binds the real module objects (an `import * as` namespace is a copy whose patches nobody sees).
import { appendFileSync } from 'node:fs';
import dgram = require('node:dgram');
import dns = require('node:dns');
import http = require('node:http');
import https = require('node:https');
import net = require('node:net');
import tls = require('node:tls');
import { isMainThread, threadId } from 'node:worker_threads';

const LOG = process.env.BREAKWATER_NET_LOG ?? '';
const LOADED = process.env.BREAKWATER_NET_LOADED;
if (LOADED) appendFileSync(LOADED, `loaded ${isMainThread ? 'main' : `worker ${threadId}`}\n`);

function refuse(what: string): never {
  if (LOG) appendFileSync(LOG, `${what}\n`);
  throw new Error(`network access refused by the test: ${what}`);
}

/** Whether socket.connect() arguments name a local pipe (a path) rather than a host and port. */
function isLocalPipe(args: unknown[]): boolean {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'string') return Number.isNaN(Number(first));
  return !!first && typeof first === 'object' && typeof (first as { path?: unknown }).path === 'string';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  if (!isLocalPipe(args)) refuse(`net connect ${JSON.stringify(args[0])}`);
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof connect;

const patch = (target: object, name: string, what: string) => {
  Object.defineProperty(target, name, { configurable: true, writable: true, value: () => refuse(what) });
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'resolveSrv', 'reverse']) {
  patch(dns, name, `dns.${name}`);
  patch(dns.promises, name, `dns.promises.${name}`);
}
patch(http, 'request', 'http.request');
patch(http, 'get', 'http.get');
patch(https, 'request', 'https.request');
patch(https, 'get', 'https.get');
patch(tls, 'connect', 'tls.connect');
patch(dgram, 'createSocket', 'dgram.createSocket');
patch(globalThis, 'fetch', 'fetch');
patch(globalThis, 'WebSocket', 'WebSocket');
