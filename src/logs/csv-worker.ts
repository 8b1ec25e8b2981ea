/**
 * Worker thread for large CSV/TSV logs: reads, decodes and parses the file
 * (src/logs/csv-core.ts), reads each row's time, channel, direction and
 * status, masks greeting names ({name}) and interns the repeated strings
 * (senders, chats, customers, campaigns, message templates), while the main
 * thread audits the rows it already has. On a 1M-row month the main thread
 * would otherwise spend about half its time here (docs/logs.md has the
 * figures), so the second core pays.
 *
 * A batch crosses as transferred typed-array columns plus the strings the
 * main thread has not seen yet; a shared counter keeps the worker at most a
 * few batches ahead, so memory stays bounded when the audit is the slower side.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { CHANNELS } from '../types.js';
import { openText } from './decode.js';
import { CsvRows, pieces, type CsvBatch } from './csv-core.js';
import { sniff } from './sniff.js';
import { makeRecord } from './adapters.js';
import { Clock } from './time.js';
import { NameMask } from './template.js';
import { EVENTS, MAX_AHEAD, STATUS, TABLES, type CsvWorkerData, type CsvWorkerMessage, type TableName, type WorkerBatch } from './worker-protocol.js';

const TEXT_TABLE_MAX = 100_000;

class Table {
  readonly ids = new Map<string, number>();
  fresh: string[] = [];
  reset(): void {
    this.ids.clear();
    this.last = undefined;
    this.lastId = -1;
  }
  private last: string | undefined;
  private lastId = -1;
  id(s: string | undefined): number {
    if (s === undefined) return -1;
    // mass sends repeat the sender, campaign and template row after row: skip the hash lookup
    if (s === this.last) return this.lastId;
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.ids.size;
      this.ids.set(s, i);
      this.fresh.push(s);
    }
    this.last = s;
    this.lastId = i;
    return i;
  }
}

async function run(): Promise<void> {
  const d = workerData as CsvWorkerData;
  const flow = new Int32Array(d.flow);
  const clock = new Clock(d.timezone, d.dateOrder, (order, example) => parentPort!.postMessage({ type: 'assume', order, example } satisfies CsvWorkerMessage));
  const staff = d.staff ? new Set(d.staff) : undefined;
  const pattern = new RegExp(d.customerPattern);
  const ctx = { clock, isCustomer: (id: string | undefined) => (id === undefined ? false : staff ? !staff.has(id) : pattern.test(id)) };
  const names = new NameMask(d.nameIntros, d.nameOutros);
  const tables = Object.fromEntries(TABLES.map((t) => [t, new Table()])) as Record<TableName, Table>;
  let bytes = 0;
  const post = (m: CsvWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
  const src = await openText(d.file, { encoding: d.encoding, onBytes: (n) => (bytes += n), warn: (message) => post({ type: 'warn', message }) });
  const delimiter = d.delimiter ?? sniff(src.head).delimiter ?? ',';
  const csv = new CsvRows(d.file, delimiter, d.map);

  const send = (b: CsvBatch) => {
    if (!b.n) return;
    const textReset = tables.text.ids.size > TEXT_TABLE_MAX;
    if (textReset) tables.text.reset();
    const n = b.n;
    const kinds = new Uint8Array(n);
    const times = new Float64Array(n);
    const channels = new Uint8Array(n);
    const flags = new Uint8Array(n);
    const ids = Object.fromEntries(TABLES.map((t) => [t, new Int32Array(n)])) as Record<TableName, Int32Array>;
    const replies: Array<[number, string]> = [];
    const reasons: string[] = [];
    let k = 0;
    let bad = 0;
    const c = b.cols;
    for (let i = 0; i < n; i++) {
      if (b.kinds[i] === 1) {
        kinds[i] = 1;
        reasons.push(b.reasons[bad++]!);
        for (const t of TABLES) ids[t][i] = -1;
        continue;
      }
      const f = b.recs[k++]!;
      const r = makeRecord(f[c[0]!], f[c[1]!], f[c[2]!], f[c[3]!], f[c[4]!], f[c[5]!], f[c[6]!], f[c[7]!], f[c[8]!], f[c[9]!], f[c[10]!], f[c[11]!], ctx, d.file, b.rows[i]!, b.lines[i]!);
      if (r.kind !== 'message') {
        kinds[i] = 1;
        reasons.push(r.kind === 'bad' ? r.reason : 'not a message');
        for (const t of TABLES) ids[t][i] = -1;
        continue;
      }
      times[i] = r.time;
      channels[i] = CHANNELS.indexOf(r.channel);
      flags[i] = (r.inbound ? 1 : 0) | (STATUS.indexOf(r.status) << 1) | (r.textLength !== undefined ? 16 : 0) | (EVENTS.indexOf(r.event) << 5);
      ids.sender[i] = tables.sender.id(r.sender);
      ids.chat[i] = tables.chat.id(r.chat);
      ids.chatName[i] = tables.chatName.id(r.chatName);
      ids.recipient[i] = tables.recipient.id(r.recipient);
      ids.campaign[i] = tables.campaign.id(r.campaign);
      ids.text[i] = tables.text.id(names.canonical(r.text));
      if (r.replyTo !== undefined) replies.push([i, r.replyTo]);
    }
    // wait while the main thread has MAX_AHEAD batches it has not audited yet
    while (Atomics.load(flow, 0) >= MAX_AHEAD) Atomics.wait(flow, 0, Atomics.load(flow, 0), 1000);
    Atomics.add(flow, 0, 1);
    const fresh = Object.fromEntries(TABLES.map((t) => [t, tables[t].fresh])) as Record<TableName, string[]>;
    for (const t of TABLES) tables[t].fresh = [];
    const copy = (a: Int32Array | Uint8Array) => a.slice().buffer as ArrayBuffer;
    const msg: WorkerBatch = {
      type: 'batch',
      n,
      rows: copy(b.rows),
      lines: copy(b.lines),
      kinds: kinds.buffer,
      times: times.buffer,
      channels: channels.buffer,
      flags: flags.buffer,
      ids: Object.fromEntries(TABLES.map((t) => [t, ids[t].buffer])) as Record<TableName, ArrayBuffer>,
      fresh,
      textReset,
      replies,
      reasons,
      bytes,
    };
    post(msg, [msg.rows, msg.lines, msg.kinds, msg.times, msg.channels, msg.flags, ...TABLES.map((t) => msg.ids[t])]);
    bytes = 0;
  };
  for await (const chunk of src.chunks) for (const b of pieces(csv.push(chunk))) send(b);
  for (const b of pieces(await csv.end())) send(b);
  post({ type: 'done', encoding: src.encoding, delimiter });
}

run().catch((e: unknown) => {
  const input = e instanceof InputError;
  const err = e as InputError;
  parentPort!.postMessage({ type: 'error', message: err?.message ?? String(e), file: input ? err.file : undefined, line: input ? err.line : undefined, input } satisfies CsvWorkerMessage);
});
