/**
 * CSV/TSV rows → the eleven log fields, with row and line numbers, blank
 * lines skipped and malformed rows (wrong column count, a CSV syntax error)
 * kept as reasons. No time zone, no rules: this part runs in a worker thread
 * for large files (src/logs/csv-worker.ts) or inline, with the same result.
 */
import { parse as csvParse, type CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import { mapHeader, type Field } from './columns.js';

/** The fields a row yields, in this order (makeRecord's argument order). */
export const CSV_FIELDS: readonly Field[] = ['time', 'text', 'sender', 'channel', 'chat', 'chat_name', 'recipient', 'campaign', 'reply_to', 'direction', 'status'];
export const NF = CSV_FIELDS.length;

/** Rows of one chunk: kinds[i] 0 = a row (its NF fields next in `fields`), 1 = malformed (its reason next in `reasons`). */
export interface CsvBatch {
  n: number;
  rows: Int32Array;
  lines: Int32Array;
  kinds: Uint8Array;
  fields: string[];
  reasons: string[];
}

/** An InputError as plain data (it crosses the worker boundary). */
export interface CsvFailure {
  message: string;
  file?: string;
  line?: number;
}

export class CsvRows {
  private readonly parser;
  private pending: Array<string[] | CsvError> = [];
  private failure: Error | undefined;
  private header: string[] | undefined;
  private width = 0;
  private cols: number[] = [];
  private line = 1; // where the next record starts
  private row = 0;
  private batch = this.fresh();

  constructor(
    private readonly file: string,
    delimiter: string,
    private readonly map: Partial<Record<Field, string>>,
  ) {
    this.parser = csvParse({ delimiter, relax_column_count: true, relax_quotes: true, skip_records_with_error: true, record_delimiter: ['\r\n', '\n', '\r'] });
    this.parser.on('data', (r: string[]) => this.pending.push(r));
    this.parser.on('skip', (e: CsvError) => this.pending.push(e));
    this.parser.on('error', (e: Error) => (this.failure = e));
  }

  private fresh(): CsvBatch & { cap: number } {
    const cap = 4096;
    return { n: 0, cap, rows: new Int32Array(cap), lines: new Int32Array(cap), kinds: new Uint8Array(cap), fields: [], reasons: [] };
  }

  /** Feed a chunk (csv-parse writes synchronously); returns the rows it completed. */
  push(chunk: Buffer | string): CsvBatch {
    this.parser.write(chunk);
    this.check();
    return this.drain();
  }

  async end(): Promise<CsvBatch> {
    await new Promise<void>((resolve) => {
      this.parser.on('end', resolve);
      this.parser.on('error', () => resolve());
      this.parser.end();
    });
    this.check();
    const b = this.drain();
    if (!this.header) throw new InputError('empty file: no header row', this.file);
    return b;
  }

  private check(): void {
    const e = this.failure;
    if (!e) return;
    if (e instanceof InputError) throw e;
    const l = (e as CsvError).lines;
    throw new InputError(`cannot read CSV: ${e.message.replace(/ at line \d+.*$/, '')}`, this.file, typeof l === 'number' ? l : this.line);
  }

  private drain(): CsvBatch {
    for (const r of this.pending) this.take(r);
    this.pending = [];
    const b = this.batch;
    this.batch = this.fresh();
    return { n: b.n, rows: b.rows.subarray(0, b.n), lines: b.lines.subarray(0, b.n), kinds: b.kinds.subarray(0, b.n), fields: b.fields, reasons: b.reasons };
  }

  private slot(kind: number, row: number, line: number): void {
    const b = this.batch;
    if (b.n === b.cap) {
      b.cap *= 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T) => {
        const x = make(b.cap);
        x.set(a);
        return x;
      };
      b.rows = grow(b.rows, (n) => new Int32Array(n));
      b.lines = grow(b.lines, (n) => new Int32Array(n));
      b.kinds = grow(b.kinds, (n) => new Uint8Array(n));
    }
    b.rows[b.n] = row;
    b.lines[b.n] = line;
    b.kinds[b.n] = kind;
    b.n++;
  }

  private take(rec: string[] | CsvError): void {
    if (!Array.isArray(rec)) {
      if (rec.code === 'CSV_QUOTE_NOT_CLOSED') {
        throw new InputError(`truncated or malformed CSV: the quoted field that starts on line ${this.line} is never closed${this.row ? ` (${this.row} rows read before it)` : ''}`, this.file, this.line);
      }
      this.slot(1, ++this.row, this.line);
      this.batch.reasons.push(rec.message.replace(/ at line \d+.*$/, ''));
      const lines = typeof rec.lines === 'number' ? rec.lines : this.line;
      this.line = Math.max(this.line + 1, lines + 1);
      return;
    }
    const start = this.line;
    let nl = 1;
    for (let k = 0; k < rec.length; k++) {
      const v = rec[k]!;
      if (v.length > 0 && v.indexOf('\n') !== -1) for (let p = v.indexOf('\n'); p !== -1; p = v.indexOf('\n', p + 1)) nl++;
    }
    this.line += nl;
    if (rec.length === 1 && rec[0] === '') return; // blank line
    if (!this.header) {
      this.readHeader(rec, start);
      return;
    }
    const row = ++this.row;
    if (rec.length !== this.width) {
      this.slot(1, row, start);
      this.batch.reasons.push(`expected ${this.width} columns, found ${rec.length}`);
      return;
    }
    this.slot(0, row, start);
    const f = this.batch.fields;
    const c = this.cols;
    for (let k = 0; k < NF; k++) f.push(c[k]! >= 0 ? rec[c[k]!]! : '');
  }

  private readHeader(rec: string[], line: number): void {
    this.header = rec;
    this.width = rec.length;
    const m = mapHeader(rec, this.map);
    this.cols = CSV_FIELDS.map((f) => m.index[f] ?? -1);
    if (m.unknownMapped.length) throw new InputError(`--map/logs.columns names header(s) the file does not have: ${m.unknownMapped.join(', ')} (the header has: ${rec.join(', ')})`, this.file, line);
    if (m.missing.length) {
      throw new InputError(
        `missing required column(s) ${m.missing.join(', ')}; the header has: ${rec.map((h) => h.trim() || '(empty)').join(', ')}. Name the columns with --map ${m.missing[0]}=<header> or logs.columns in the config`,
        this.file,
        line,
      );
    }
  }
}

/**
 * Cut a batch into pieces of at most `max` rows. Small batches are audited
 * before the next young-generation collection, so their rows die young
 * instead of piling up in the old generation (peak memory).
 */
export function* pieces(b: CsvBatch, max = 1024): Generator<CsvBatch> {
  if (b.n <= max) {
    if (b.n) yield b;
    return;
  }
  let field = 0;
  let reason = 0;
  for (let start = 0; start < b.n; start += max) {
    const end = Math.min(b.n, start + max);
    let bad = 0;
    for (let i = start; i < end; i++) if (b.kinds[i] === 1) bad++;
    const good = end - start - bad;
    yield {
      n: end - start,
      rows: b.rows.subarray(start, end),
      lines: b.lines.subarray(start, end),
      kinds: b.kinds.subarray(start, end),
      fields: b.fields.slice(field, field + good * NF),
      reasons: b.reasons.slice(reason, reason + bad),
    };
    field += good * NF;
    reason += bad;
  }
}
