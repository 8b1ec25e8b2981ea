/**
 * Worker thread for large CSV/TSV logs: reads, decodes and parses the file
 * (src/logs/csv-core.ts) while the main thread audits the rows it has
 * already received. Measured on a 1M-row month, parsing is about half of the
 * main thread's work, so two cores pay (docs/logs.md has the figures).
 *
 * Batches cross as transferred typed arrays (row, line, kind) plus the field
 * strings joined into one string; a shared counter keeps the worker at most
 * a few batches ahead so memory stays bounded when the audit is slower.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { openText, type Encoding } from './decode.js';
import { CsvRows, pieces, type CsvBatch } from './csv-core.js';
import { sniff } from './sniff.js';
import type { Field } from './columns.js';

export interface CsvWorkerData {
  file: string;
  encoding?: Encoding;
  /** Forced by --input-format tsv/csv; else sniffed from the header line. */
  delimiter?: string;
  map: Partial<Record<Field, string>>;
  /** [outstanding batches] */
  flow: SharedArrayBuffer;
}

export type CsvWorkerMessage =
  | { type: 'batch'; n: number; rows: ArrayBuffer; lines: ArrayBuffer; kinds: ArrayBuffer; fields: string | string[]; reasons: string[]; bytes: number }
  | { type: 'warn'; message: string }
  | { type: 'done'; encoding: string; delimiter: string }
  | { type: 'error'; message: string; file?: string; line?: number; input: boolean };

export const MAX_AHEAD = 8;

async function run(): Promise<void> {
  const d = workerData as CsvWorkerData;
  const flow = new Int32Array(d.flow);
  let bytes = 0;
  const post = (m: CsvWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
  const src = await openText(d.file, { encoding: d.encoding, onBytes: (n) => (bytes += n), warn: (message) => post({ type: 'warn', message }) });
  const delimiter = d.delimiter ?? sniff(src.head).delimiter ?? ',';
  const rows = new CsvRows(d.file, delimiter, d.map);
  const send = (b: CsvBatch) => {
    if (!b.n) return;
    // wait while the main thread has MAX_AHEAD batches it has not audited yet
    while (Atomics.load(flow, 0) >= MAX_AHEAD) Atomics.wait(flow, 0, Atomics.load(flow, 0), 1000);
    Atomics.add(flow, 0, 1);
    const joined = b.fields.join('\u0000');
    // a NUL inside a field would break the split on the other side: send such a batch as an array
    let nuls = 0;
    for (let i = joined.indexOf('\u0000'); i !== -1; i = joined.indexOf('\u0000', i + 1)) nuls++;
    const fields = nuls === Math.max(0, b.fields.length - 1) ? joined : b.fields;
    const copy = (a: Int32Array | Uint8Array) => a.slice().buffer as ArrayBuffer;
    const r = copy(b.rows), l = copy(b.lines), k = copy(b.kinds);
    post({ type: 'batch', n: b.n, rows: r, lines: l, kinds: k, fields, reasons: b.reasons, bytes }, [r, l, k]);
    bytes = 0;
  };
  for await (const chunk of src.chunks) for (const b of pieces(rows.push(chunk))) send(b);
  for (const b of pieces(await rows.end())) send(b);
  post({ type: 'done', encoding: src.encoding, delimiter });
}

run().catch((e: unknown) => {
  const input = e instanceof InputError;
  const err = e as InputError;
  parentPort!.postMessage({ type: 'error', message: err?.message ?? String(e), file: input ? err.file : undefined, line: input ? err.line : undefined, input } satisfies CsvWorkerMessage);
});
