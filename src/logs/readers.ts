/**
 * Log readers: one file (or a Slack export folder) → batches of log records,
 * streaming. CSV/TSV go through csv-parse fed chunk by chunk; JSON Lines line
 * by line; JSON documents through the streaming element splitter. Every
 * record gets its file, 1-based data row and 1-based line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as csvParse, type CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import { openText, type DecodeOptions, type Encoding } from './decode.js';
import { mapHeader, type Field } from './columns.js';
import { adapt, makeRecord, type AdaptContext, type Flavour, type RecordBody, type SlackChannel } from './adapters.js';
import { JsonSplitter } from './json-stream.js';
import type { LogRecord } from './record.js';

export const INPUT_FORMATS = ['csv', 'tsv', 'json', 'jsonl', 'chat-archive', 'group-msg', 'telegram', 'slack'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface ReadOptions extends Omit<AdaptContext, 'flavour' | 'root' | 'slack' | 'recent'> {
  format?: InputFormat;
  encoding?: Encoding;
  onBytes?: DecodeOptions['onBytes'];
  warn: (msg: string) => void;
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

/** Which container the text is: CSV (and its delimiter), a JSON document, or JSON Lines. */
export function sniff(head: string): { container: 'csv' | 'json' | 'jsonl'; delimiter?: string } {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('[')) return { container: 'json' };
  if (t.startsWith('{')) {
    const nl = t.indexOf('\n');
    if (nl === -1) return { container: 'jsonl' };
    try {
      JSON.parse(t.slice(0, nl));
      return { container: 'jsonl' };
    } catch {
      return { container: 'json' };
    }
  }
  return { container: 'csv', delimiter: sniffDelimiter(t) };
}

/** The delimiter that splits the header line most often (outside quotes): comma, tab, semicolon or pipe. */
function sniffDelimiter(text: string): string {
  const nl = text.indexOf('\n');
  const first = nl === -1 ? text : text.slice(0, nl);
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0], ['|', 0]]);
  let q = false;
  for (const ch of first) {
    if (ch === '"') q = !q;
    else if (!q && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
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
  const src = await openText(file, { encoding: opts.encoding, onBytes: opts.onBytes, warn: opts.warn });
  const sniffed = sniff(src.head);
  let container = sniffed.container;
  let delimiter = sniffed.delimiter ?? ',';
  const f = opts.format;
  if (f === 'csv' || f === 'tsv') {
    container = 'csv';
    delimiter = f === 'tsv' ? '\t' : sniffed.container === 'csv' && sniffed.delimiter !== '\t' ? delimiter : ',';
  } else if (f === 'jsonl') container = 'jsonl';
  else if (f === 'json' || f === 'telegram') container = container === 'csv' ? 'json' : container;
  else if (f && container === 'csv') throw new InputError(`--input-format ${f}: the file does not look like JSON (it starts with "${src.head.trimStart().slice(0, 20)}")`, file);
  const flavour: Flavour | undefined = f && f !== 'csv' && f !== 'tsv' && f !== 'jsonl' ? (f as Flavour) : undefined;
  info({ file, format: container === 'csv' ? (delimiter === '\t' ? 'tsv' : 'csv') : f && f !== 'json' && f !== 'jsonl' ? `${f} (${container})` : container, encoding: src.encoding, streamed: true });
  const ctx: AdaptContext = { ...opts, flavour, recent: new Map() };
  if (container === 'csv') yield* readCsv(file, src.chunks, delimiter, opts);
  else if (container === 'jsonl') yield* readJsonl(file, src.chunks, ctx);
  else yield* readJson(file, src.chunks, ctx);
}

/* --------------------------------------------------------------------- CSV */

async function* readCsv(file: string, chunks: AsyncIterable<Buffer | string>, delimiter: string, opts: ReadOptions): AsyncGenerator<LogRecord[]> {
  const parser = csvParse({ delimiter, relax_column_count: true, relax_quotes: true, skip_records_with_error: true, record_delimiter: ['\r\n', '\n', '\r'] });
  let pending: Array<string[] | CsvError> = [];
  let failure: Error | undefined;
  parser.on('data', (r: string[]) => pending.push(r));
  parser.on('skip', (e: CsvError) => pending.push(e));
  parser.on('error', (e: Error) => (failure = e));

  let header: string[] | undefined;
  let index: Partial<Record<Field, number>> = {};
  let width = 0;
  let cols: number[] = [];
  let line = 1; // line where the next record starts
  let row = 0;
  let out: LogRecord[] = [];

  const take = (rec: string[] | CsvError) => {
    if (!Array.isArray(rec)) {
      if (rec.code === 'CSV_QUOTE_NOT_CLOSED') {
        throw new InputError(`truncated or malformed CSV: the quoted field that starts on line ${line} is never closed${row ? ` (${row} rows read before it)` : ''}`, file, line);
      }
      row++;
      const lines = typeof rec.lines === 'number' ? rec.lines : line;
      out.push({ kind: 'bad', file, row, line, reason: rec.message.replace(/ at line \d+.*$/, '') });
      line = Math.max(line + 1, lines + 1);
      return;
    }
    const start = line;
    let nl = 1;
    for (let k = 0; k < rec.length; k++) {
      const v = rec[k]!;
      if (v.length > 0 && v.indexOf('\n') !== -1) for (let p = v.indexOf('\n'); p !== -1; p = v.indexOf('\n', p + 1)) nl++;
    }
    line += nl;
    if (rec.length === 1 && rec[0] === '') return; // blank line
    if (!header) {
      header = rec;
      width = rec.length;
      const m = mapHeader(rec, opts.map);
      index = m.index;
      // a column index per field in makeRecord's argument order; an absent field reads past the row (undefined)
      cols = (['time', 'text', 'sender', 'channel', 'chat', 'chat_name', 'recipient', 'campaign', 'reply_to', 'direction', 'status'] as Field[]).map((f) => index[f] ?? rec.length + 1);
      if (m.unknownMapped.length) throw new InputError(`--map/logs.columns names header(s) the file does not have: ${m.unknownMapped.join(', ')} (the header has: ${rec.join(', ')})`, file, start);
      if (m.missing.length) {
        throw new InputError(
          `missing required column(s) ${m.missing.join(', ')}; the header has: ${rec.map((h) => h.trim() || '(empty)').join(', ')}. Name the columns with --map ${m.missing[0]}=<header> or logs.columns in the config`,
          file,
          start,
        );
      }
      return;
    }
    row++;
    if (rec.length !== width) {
      out.push({ kind: 'bad', file, row, line: start, reason: `expected ${width} columns, found ${rec.length}` });
      return;
    }
    const c = cols;
    out.push(makeRecord(rec[c[0]!], rec[c[1]!], rec[c[2]!], rec[c[3]!], rec[c[4]!], rec[c[5]!], rec[c[6]!], rec[c[7]!], rec[c[8]!], rec[c[9]!], rec[c[10]!], opts, file, row, start));
  };

  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure) throw csvFailure(failure, file, line);
    for (const r of pending) take(r);
    pending = [];
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  await new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
    parser.end();
  });
  if (failure) throw csvFailure(failure, file, line);
  for (const r of pending) take(r);
  if (!header) throw new InputError('empty file: no header row', file);
  if (out.length) yield out;
}

function csvFailure(e: Error, file: string, line: number): InputError {
  if (e instanceof InputError) return e;
  const l = (e as CsvError).lines;
  return new InputError(`cannot read CSV: ${e.message.replace(/ at line \d+.*$/, '')}`, file, typeof l === 'number' ? l : line);
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

async function* readJson(file: string, chunks: AsyncIterable<Buffer | string>, ctx: AdaptContext): AsyncGenerator<LogRecord[]> {
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
  if (whole !== undefined) for (const body of adapt(whole, ctx)) out.push(located(file, next(), 1, body));
  if (out.length) yield out;
}

/* ------------------------------------------------------------------- Slack */

interface SlackMeta {
  id?: string;
  name?: string;
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
  for (const u of readJsonFile<SlackMeta[]>(join(dir, 'users.json')) ?? []) {
    const name = u.profile?.display_name || u.profile?.real_name || u.real_name || u.name;
    if (u.id && name) users.set(u.id, name);
  }
  const byName = new Map<string, SlackChannel>();
  for (const [list, direct] of [['channels.json', false], ['groups.json', false], ['mpims.json', false], ['dms.json', true]] as const) {
    for (const c of readJsonFile<SlackMeta[]>(join(dir, list)) ?? []) {
      const folder = c.name ?? c.id;
      if (!folder || !c.id) continue;
      byName.set(folder, { id: c.id, name: c.name ?? c.id, direct, peer: direct ? c.members?.find((m) => m !== c.user) ?? c.members?.[1] : undefined });
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
    const ctx: AdaptContext = { ...opts, flavour: 'slack', slack: { channel, users }, recent: new Map() };
    for (const day of days) {
      const file = join(dir, folder, day);
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

export function isSlackExport(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export const describeSource = (file: string) => basename(file);
