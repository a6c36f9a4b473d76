// A thread that parses one text and sends its tree back packed (see
// engine/parse/transfer.ts). Started by parallelParse.ts, one text per thread.
import { parentPort, workerData } from 'node:worker_threads';
import { parseText } from '../engine/parse/parseText';
import { packParsed, transferablesOf } from '../engine/parse/transfer';

const port = parentPort;
if (!port) throw new Error('parseWorker.js runs as a worker thread of the Breakwater CLI');
const { text, file } = workerData as { text: string; file: string };
const packed = packParsed(parseText(text, file));
if (packed) port.postMessage(packed, transferablesOf(packed));
// A tree with shared nodes (YAML anchors) cannot be packed: the caller parses it itself.
else port.postMessage(null);
