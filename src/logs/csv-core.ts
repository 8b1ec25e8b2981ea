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

/**
 * Rows of one chunk: kinds[i] 0 = a row (its record next in `recs`; field
 * CSV_FIELDS[k] is recs[j][cols[k]], undefined when the file has no such
 * column), 1 = malformed (its reason next in `reasons`).
 */
export interface CsvBatch {
  n: number;
  rows: Int32Array;
  lines: Int32Array;
  kinds: Uint8Array;
  recs: string[][];
  cols: number[];
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
  /** csv-parse's line count when each pending record was emitted (its last line). */
  private ends: number[] = [];
  /** csv-parse counts a CRLF inside a quoted field as two lines: what it has overcounted so far. */
  private overcount = 0;
  private lastEnd = 0;
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
    // Options chosen for speed as much as tolerance (each relaxation costs csv-parse 10-25%): a row of
    // the wrong length or with broken quoting is a skipped record we report; stray quotes inside a field
    // (common in Excel exports) are kept as text; blank lines are not rows.
    this.parser = csvParse({ delimiter, relax_quotes: true, skip_records_with_error: true, skip_empty_lines: true });
    this.parser.on('data', (r: string[]) => {
      this.pending.push(r);
      this.ends.push(this.parser.info.lines);
    });
    this.parser.on('skip', (e: CsvError) => {
      this.pending.push(e);
      this.ends.push(typeof e.lines === 'number' ? e.lines : this.parser.info.lines);
    });
    this.parser.on('error', (e: Error) => (this.failure = e));
  }

  private fresh(): CsvBatch & { cap: number } {
    const cap = 4096;
    return { n: 0, cap, rows: new Int32Array(cap), lines: new Int32Array(cap), kinds: new Uint8Array(cap), recs: [], cols: this.cols, reasons: [] };
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
    for (let i = 0; i < this.pending.length; i++) this.take(this.pending[i]!, this.ends[i]);
    this.pending = [];
    this.ends = [];
    const b = this.batch;
    this.batch = this.fresh();
    return { n: b.n, rows: b.rows.subarray(0, b.n), lines: b.lines.subarray(0, b.n), kinds: b.kinds.subarray(0, b.n), recs: b.recs, cols: this.cols, reasons: b.reasons };
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

  private take(rec: string[] | CsvError, rawEnd: number | undefined): void {
    let end = (rawEnd ?? this.lastEnd + 1) - this.overcount;
    if (!Array.isArray(rec)) {
      if (rec.code === 'CSV_QUOTE_NOT_CLOSED') {
        const at = this.lastEnd + 1;
        throw new InputError(`truncated or malformed CSV: the quoted field that starts on line ${at} is never closed${this.row ? ` (${this.row} rows read before it)` : ''}`, this.file, at);
      }
      const len = /expect (\d+), got (\d+)/.exec(rec.message);
      this.slot(1, ++this.row, Math.max(this.lastEnd + 1, end));
      this.batch.reasons.push(len ? `expected ${len[1]} columns, found ${len[2]}` : rec.message.replace(/ (?:at|on) line \d+.*$/, ''));
      this.lastEnd = Math.max(this.lastEnd + 1, end);
      return;
    }
    let start = end;
    if (end - this.lastEnd !== 1) {
      // blank lines before it, or line breaks inside its fields: count them (rare, so only then)
      let nl = 0;
      let crlf = 0;
      for (let k = 0; k < rec.length; k++) {
        const v = rec[k]!;
        for (let p = v.indexOf('\n'); p !== -1; p = v.indexOf('\n', p + 1)) {
          nl++;
          if (p > 0 && v.charCodeAt(p - 1) === 13) crlf++;
        }
      }
      this.overcount += crlf;
      end -= crlf;
      start = end - nl;
    }
    this.lastEnd = end;
    // a CRLF line in an LF file leaves its CR on the last field
    const last = rec[rec.length - 1];
    if (last && last.charCodeAt(last.length - 1) === 13) rec[rec.length - 1] = last.slice(0, -1);
    if (!this.header) {
      this.readHeader(rec, start);
      return;
    }
    this.slot(0, ++this.row, start);
    this.batch.recs.push(rec);
  }

  private readHeader(rec: string[], line: number): void {
    this.header = rec;
    this.width = rec.length;
    const m = mapHeader(rec, this.map);
    // an absent field reads past the end of the row: undefined
    this.cols = CSV_FIELDS.map((f) => m.index[f] ?? rec.length + 1);
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
  let good = 0;
  let reason = 0;
  for (let start = 0; start < b.n; start += max) {
    const end = Math.min(b.n, start + max);
    let bad = 0;
    for (let i = start; i < end; i++) if (b.kinds[i] === 1) bad++;
    const ok = end - start - bad;
    yield {
      n: end - start,
      rows: b.rows.subarray(start, end),
      lines: b.lines.subarray(start, end),
      kinds: b.kinds.subarray(start, end),
      recs: b.recs.slice(good, good + ok),
      cols: b.cols,
      reasons: b.reasons.slice(reason, reason + bad),
    };
    good += ok;
    reason += bad;
  }
}
