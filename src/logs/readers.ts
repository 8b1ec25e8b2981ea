/**
 * Log readers: one file (or a Slack export folder) → batches of log records,
 * streaming. CSV/TSV go through our splitter (csv-core.ts) chunk by chunk; JSON Lines line
 * by line; JSON documents through the streaming element splitter. Every
 * record gets its file, 1-based data row and 1-based line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../paths.js';
import { CsvRows, pieces, type CsvBatch } from './csv-core.js';
import { EVENTS, STATUS, TABLES, type CsvWorkerData, type CsvWorkerMessage, type TableName, type WorkerBatch } from './worker-protocol.js';
import { CHANNELS } from '../types.js';
import { sniff } from './sniff.js';
import { InputError } from '../errors.js';
import { isValidTimeZone } from '../time.js';
import { openText, type DecodeOptions, type Encoding } from './decode.js';
import { adapt, makeRecord, type AdaptContext, type Flavour, type RecordBody, type SlackChannel } from './adapters.js';
import { JsonSplitter } from './json-stream.js';
import type { Interning, LogRecord } from './record.js';
import type { DateOrder } from './time.js';
import type { DuckEngine } from './duck/engine.js';
import { isParquet, readParquet } from './duck/parquet.js';

export const INPUT_FORMATS = ['csv', 'tsv', 'json', 'jsonl', 'parquet', 'chat-archive', 'group-msg', 'telegram', 'slack'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface ReadOptions extends Omit<AdaptContext, 'flavour' | 'root' | 'slack' | 'recent'> {
  format?: InputFormat;
  encoding?: Encoding;
  onBytes?: DecodeOptions['onBytes'];
  warn: (msg: string) => void;
  /** Parse CSV in a worker thread: auto (large files), always, never. */
  worker?: 'auto' | 'always' | 'never';
  /** The audit's id tables: the worker path resolves each distinct string once. */
  intern?: Interning;
  /** What the worker needs to read rows as this thread would (it cannot share functions). */
  workerConfig: { timezone: string; dateOrder?: DateOrder; staff?: string[]; customerPattern: string; nameIntros: string[]; nameOutros: string[] };
  /** A day/month order was assumed by the worker's clock (the main thread's clock tells its own). */
  onAssume?: (order: DateOrder, example: string) => void;
  /** Group-message items by msgid, shared by the run's files (adapters.ts groupMsg). */
  groupMsgs?: AdaptContext['groupMsgs'];
  /** The run's DuckDB engine (Parquet inputs), opened on first use. */
  duck: DuckEngine;
}

export interface FileInfo {
  file: string;
  format: string;
  encoding: string;
  /** Whether the file is read as a stream or whole (Slack day files, one-object documents). */
  streamed: boolean;
}

const BATCH = 2048;

function located(file: string, row: number, line: number, body: RecordBody): LogRecord {
  return { ...body, file, row, line } as LogRecord;
}

export async function* readLogFile(file: string, opts: ReadOptions, info: (i: FileInfo) => void): AsyncGenerator<LogRecord[]> {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError('file not found', file);
  }
  if (st.isDirectory()) {
    if (opts.format && opts.format !== 'slack') throw new InputError(`is a directory (only a Slack export folder can be read as a directory; --input-format ${opts.format})`, file);
    info({ file, format: 'slack', encoding: 'utf8', streamed: false });
    yield* readSlackDir(file, opts);
    return;
  }
  if (opts.format === 'parquet' || (!opts.format && isParquet(file))) {
    // Parquet strings are UTF-8 by the format's definition
    info({ file, format: 'parquet', encoding: 'utf8', streamed: true });
    yield* readParquet(opts.duck, file, opts);
    return;
  }
  const src = await openText(file, { encoding: opts.encoding, onBytes: opts.onBytes, warn: opts.warn });
  const sniffed = sniff(src.head);
  let container = sniffed.container;
  let delimiter = sniffed.delimiter ?? ',';
  const f = opts.format;
  if (f === 'csv' || f === 'tsv') {
    container = 'csv';
    delimiter = f === 'tsv' ? '\t' : sniffed.container === 'csv' && sniffed.delimiter !== '\t' ? delimiter : ',';
  } else if (f && container === 'csv') throw new InputError(`--input-format ${f}: the file does not look like JSON (it starts with "${src.head.trimStart().slice(0, 20)}")`, file);
  else if (f === 'jsonl') container = 'jsonl';
  const flavour: Flavour | undefined = f && f !== 'csv' && f !== 'tsv' && f !== 'jsonl' ? (f as Flavour) : undefined;
  const fi: FileInfo = { file, format: container === 'csv' ? (delimiter === '\t' ? 'tsv' : 'csv') : f && f !== 'json' && f !== 'jsonl' ? `${f} (${container})` : container, encoding: src.encoding, streamed: true };
  info(fi);
  const ctx: AdaptContext = { ...opts, flavour, recent: new Map(), file, seen: new Map() };
  if (container === 'csv' && useWorker(file, opts.worker)) {
    // the worker opens the file itself; stop this read after the sniffed head
    await src.close();
    yield* readCsvInWorker(file, f === 'csv' || f === 'tsv' ? delimiter : undefined, opts);
  } else if (container === 'csv') yield* readCsv(file, src.chunks, delimiter, opts);
  else if (container === 'jsonl') yield* readJsonl(file, src.chunks, ctx);
  else yield* readJson(file, src.chunks, ctx, fi);
  if (container !== 'csv' && !flavour) {
    // Say which export was recognised (telegram (json), chat-archive (jsonl)…), not just the container.
    let best: string | undefined;
    let n = 0;
    for (const [k, v] of ctx.seen!) if (k !== 'json' && v > n) (best = k), (n = v);
    if (best) fi.format = `${best} (${container})`;
  }
}

/* --------------------------------------------------------------------- CSV */

/** Files at least this large are parsed in a worker thread (below it, starting one costs more than it saves). */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;
const WORKER_SCRIPT = resolve(PACKAGE_ROOT, 'dist', 'logs', 'csv-worker.js');

/** Rows of a batch → log records (time, channel, direction and status are read here, in the audit's time zone). */
function records(file: string, b: CsvBatch, opts: ReadOptions): LogRecord[] {
  const out: LogRecord[] = new Array(b.n);
  const c = b.cols;
  let k = 0;
  let bad = 0;
  for (let i = 0; i < b.n; i++) {
    if (b.kinds[i] === 1) {
      out[i] = { kind: 'bad', file, row: b.rows[i]!, line: b.lines[i]!, reason: b.reasons[bad++]! };
      continue;
    }
    const f = b.recs[k++]!;
    out[i] = makeRecord(f[c[0]!], f[c[1]!], f[c[2]!], f[c[3]!], f[c[4]!], f[c[5]!], f[c[6]!], f[c[7]!], f[c[8]!], f[c[9]!], f[c[10]!], f[c[11]!], opts, file, b.rows[i]!, b.lines[i]!);
  }
  return out;
}

async function* readCsv(file: string, chunks: AsyncIterable<Buffer | string>, delimiter: string, opts: ReadOptions): AsyncGenerator<LogRecord[]> {
  const rows = new CsvRows(file, delimiter, opts.map);
  for await (const chunk of chunks) for (const b of pieces(rows.push(chunk))) yield records(file, b, opts);
  for (const b of pieces(await rows.end())) yield records(file, b, opts);
}

/**
 * The parent's flags a worker thread may take. The worker is a module file, so flags for an eval'd
 * entry (--input-type, --eval, --print) do not apply to it; and Node refuses V8 and process-wide
 * options in a worker ("Initiated Worker with invalid execArgv flags"), so a user who bounds the
 * heap on the command line (`node --max-old-space-size=400 …`; NODE_OPTIONS never reaches execArgv)
 * got an internal error on any CSV large enough for the worker. The worker's heap is bounded by its
 * own resourceLimits instead. A flag this list misses is caught by startCsvWorker's retry.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^--(input-type|eval|print)\b|^-[ep]$/.test(a)) continue;
    // V8 heap and stack sizes, GC flags and --title: process-wide, not accepted per worker
    if (/^--(max|min|initial)[-_](old|semi|young|heap)[-_]|^--(max[-_]heap[-_]size|stack[-_]size|expose[-_]gc|title)\b|^--(no-)?(turbo|opt|lazy|gc)[-_]/.test(a)) {
      if (!a.includes('=') && /^--(stack[-_]size|title|max[-_]old[-_]space[-_]size|max[-_]semi[-_]space[-_]size)$/.test(a) && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-')) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The CSV worker, with the parent's flags a worker may take; Node's own verdict on them is the last word. */
function startCsvWorker(workerData: CsvWorkerData): Worker {
  // a small young generation: the worker's garbage is short-lived parser output
  const resourceLimits = { maxYoungGenerationSizeMb: 16 };
  try {
    return new Worker(WORKER_SCRIPT, { workerData, execArgv: workerExecArgv(process.execArgv), resourceLimits });
  } catch (e) {
    // a V8 flag workerExecArgv does not know: the worker is compiled JavaScript and needs none of them
    if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    return new Worker(WORKER_SCRIPT, { workerData, execArgv: [], resourceLimits });
  }
}

/** The same rows, parsed in a worker thread while this thread audits (src/logs/csv-worker.ts). */
async function* readCsvInWorker(file: string, delimiter: string | undefined, opts: ReadOptions): AsyncGenerator<LogRecord[]> {
  const flow = new Int32Array(new SharedArrayBuffer(4));
  const w = opts.workerConfig;
  const data: CsvWorkerData = { file, encoding: opts.encoding, delimiter, map: opts.map, flow: flow.buffer as SharedArrayBuffer, ...w };
  const worker = startCsvWorker(data);
  const queue: CsvWorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let exited = false;
  worker.on('message', (m: CsvWorkerMessage) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    queue.push({ type: 'error', message: e.message, input: false });
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  // the worker's interned strings, by table and id
  const tables = Object.fromEntries(TABLES.map((t) => [t, [] as string[]])) as Record<TableName, string[]>;
  // worker id → the audit's id, per table
  const trans = { chat: [] as number[], sender: [] as number[], recipient: [] as number[] };
  try {
    for (;;) {
      while (!queue.length) {
        if (exited) throw new Error('the CSV worker stopped without finishing');
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
      const m = queue.shift()!;
      if (m.type === 'warn') opts.warn(m.message);
      else if (m.type === 'assume') opts.onAssume?.(m.order, m.example);
      else if (m.type === 'error') throw m.input ? new InputError(m.message, m.file, m.line) : new Error(m.message);
      else if (m.type === 'done') return;
      else {
        opts.onBytes?.(m.bytes);
        if (m.textReset) tables.text.length = 0;
        for (const t of TABLES) for (const x of m.fresh[t]) tables[t].push(x);
        if (opts.intern) {
          for (const x of m.fresh.chat) trans.chat.push(opts.intern.chat(x));
          for (const x of m.fresh.sender) trans.sender.push(opts.intern.sender(x));
          for (const x of m.fresh.recipient) trans.recipient.push(opts.intern.recipient(x));
        }
        const recs = workerRecords(file, m, tables, opts.intern ? trans : undefined);
        // the worker may read ahead again
        Atomics.sub(flow, 0, 1);
        Atomics.notify(flow, 0);
        yield recs;
      }
    }
  } finally {
    if (!exited) await worker.terminate();
  }
}

function workerRecords(file: string, m: WorkerBatch, tables: Record<TableName, string[]>, trans?: { chat: number[]; sender: number[]; recipient: number[] }): LogRecord[] {
  const rows = new Int32Array(m.rows);
  const lines = new Int32Array(m.lines);
  const kinds = new Uint8Array(m.kinds);
  const times = new Float64Array(m.times);
  const channels = new Uint8Array(m.channels);
  const flags = new Uint8Array(m.flags);
  const ids = Object.fromEntries(TABLES.map((t) => [t, new Int32Array(m.ids[t])])) as Record<TableName, Int32Array>;
  const str = (t: TableName, i: number) => {
    const id = ids[t][i]!;
    return id < 0 ? undefined : tables[t][id];
  };
  const replies = new Map(m.replies);
  const tr = (t: 'chat' | 'sender' | 'recipient', i: number) => {
    const id = ids[t][i]!;
    return id < 0 ? -1 : trans![t][id]!;
  };
  const out: LogRecord[] = new Array(m.n);
  let bad = 0;
  for (let i = 0; i < m.n; i++) {
    if (kinds[i] === 1) {
      out[i] = { kind: 'bad', file, row: rows[i]!, line: lines[i]!, reason: m.reasons[bad++]! };
      continue;
    }
    const fl = flags[i]!;
    out[i] = {
      kind: 'message',
      file,
      row: rows[i]!,
      line: lines[i]!,
      time: times[i]!,
      channel: CHANNELS[channels[i]!]!,
      text: str('text', i)!,
      sender: str('sender', i),
      chat: str('chat', i),
      chatName: str('chatName', i),
      recipient: str('recipient', i),
      campaign: str('campaign', i),
      replyTo: replies.get(i),
      inbound: fl & 1 ? true : undefined,
      status: STATUS[(fl >> 1) & 7],
      ...(fl & 16 ? { textLength: -1 } : {}),
      ...(fl >> 5 ? { event: EVENTS[fl >> 5] } : {}),
      ids: trans ? { chat: tr('chat', i), sender: tr('sender', i), recipient: tr('recipient', i) } : undefined,
    };
  }
  return out;
}

/** Parse in a worker: `auto` for files of a few MB and more, when the compiled worker is there. */
function useWorker(file: string, mode: ReadOptions['worker']): boolean {
  if (mode === 'never') return false;
  if (!existsSync(WORKER_SCRIPT)) return false;
  if (mode === 'always') return true;
  return (statSync(file, { throwIfNoEntry: false })?.size ?? 0) >= WORKER_MIN_BYTES;
}

/* -------------------------------------------------------------------- JSON */

function adaptText(text: string, line: number, file: string, next: () => number, ctx: AdaptContext, out: LogRecord[]): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    out.push({ kind: 'bad', file, row: next(), line, reason: `bad JSON: ${(e as Error).message.slice(0, 80)}` });
    return;
  }
  for (const body of adapt(value, ctx)) out.push(located(file, next(), line, body));
}

async function* readJsonl(file: string, chunks: AsyncIterable<Buffer | string>, ctx: AdaptContext): AsyncGenerator<LogRecord[]> {
  let rest = '';
  let line = 0;
  let row = 0;
  const next = () => ++row;
  let out: LogRecord[] = [];
  for await (const chunk of chunks) {
    const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      const l = text.slice(start, nl).trim();
      start = nl + 1;
      if (l) adaptText(l, line, file, next, ctx, out);
    }
    rest = text.slice(start);
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  const last = rest.trim();
  if (last) {
    line++;
    // A last line cut short is the usual sign of a truncated export: say so rather than "bad JSON".
    try {
      JSON.parse(last);
    } catch {
      throw new InputError(`truncated: the last line is not complete JSON (${row} records read before it)`, file, line);
    }
    adaptText(last, line, file, next, ctx, out);
  }
  if (out.length) yield out;
}

async function* readJson(file: string, chunks: AsyncIterable<Buffer | string>, ctx: AdaptContext, fi: FileInfo): AsyncGenerator<LogRecord[]> {
  const splitter = new JsonSplitter(file);
  let row = 0;
  const next = () => ++row;
  let out: LogRecord[] = [];
  let rooted = false;
  for await (const chunk of chunks) {
    const els = splitter.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    if (els.length && !rooted) {
      // Root fields come before the list in every export we read (Telegram: name, type, id, then messages).
      ctx.root = { ...splitter.rootFields };
      rooted = true;
    }
    for (const el of els) adaptText(el.text, el.line, file, next, ctx, out);
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  const { whole } = splitter.end();
  if (whole !== undefined) {
    // a document without a list of records at its top: read whole (and said so in the report's files)
    fi.streamed = false;
    for (const body of adapt(whole, ctx)) out.push(located(file, next(), 1, body));
  }
  if (out.length) yield out;
}

/* ------------------------------------------------------------------- Slack */

interface SlackMeta {
  id?: string;
  name?: string;
  tz?: string;
  members?: string[];
  user?: string;
  real_name?: string;
  profile?: { real_name?: string; display_name?: string };
}

function readJsonFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`invalid JSON: ${(e as Error).message}`, file);
  }
}

/**
 * A Slack export folder: channels.json/groups.json/mpims.json/dms.json and
 * users.json at the top, one folder per conversation with one JSON file per
 * day. Day files are small and read whole; rows number the messages of each
 * day file.
 */
async function* readSlackDir(dir: string, opts: ReadOptions): AsyncGenerator<LogRecord[]> {
  const users = new Map<string, string>();
  const zones = new Map<string, string>();
  for (const u of readJsonFile<SlackMeta[]>(join(dir, 'users.json')) ?? []) {
    const name = u.profile?.display_name || u.profile?.real_name || u.real_name || u.name;
    if (u.id && name) users.set(u.id, name);
    if (u.id && typeof u.tz === 'string' && isValidTimeZone(u.tz)) zones.set(u.id, u.tz);
  }
  const byName = new Map<string, SlackChannel>();
  for (const [list, direct] of [['channels.json', false], ['groups.json', false], ['mpims.json', false], ['dms.json', true]] as const) {
    for (const c of readJsonFile<SlackMeta[]>(join(dir, list)) ?? []) {
      const folder = c.name ?? c.id;
      if (!folder || !c.id) continue;
      byName.set(folder, { id: c.id, name: c.name ?? c.id, direct, peer: direct ? c.members?.find((m) => m !== c.user) ?? c.members?.[1] : undefined, ...(direct && c.members ? { members: c.members } : {}) });
    }
  }
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
  if (!folders.length) throw new InputError('not a Slack export: no conversation folders (expected <channel>/<YYYY-MM-DD>.json)', dir);
  for (const folder of folders) {
    const channel = byName.get(folder) ?? { id: folder, name: folder, direct: false };
    const days = readdirSync(join(dir, folder))
      .filter((n) => /\.json$/i.test(n))
      .sort();
    const ctx: AdaptContext = { ...opts, flavour: 'slack', slack: { channel, users, zones }, recent: new Map() };
    for (const day of days) {
      const file = join(dir, folder, day);
      ctx.file = file;
      const text = readFileSync(file);
      opts.onBytes?.(text.length);
      const splitter = new JsonSplitter(file);
      const els = splitter.push(text.toString('utf8'));
      splitter.end();
      let row = 0;
      const out: LogRecord[] = [];
      for (const el of els) adaptText(el.text, el.line, file, () => ++row, ctx, out);
      if (out.length) yield out;
    }
  }
}
