/**
 * CSV/TSV rows → the twelve log fields, with row and line numbers, blank
 * lines skipped and malformed rows (wrong column count, a CSV syntax error)
 * kept as reasons. No time zone, no rules: this part runs in a worker thread
 * for large files (src/logs/csv-worker.ts) or inline, with the same result.
 */
import { InputError } from '../errors.js';
import { mapHeader, type Field } from './columns.js';

/** The fields a row yields, in this order (makeRecord's argument order). */
export const CSV_FIELDS: readonly Field[] = ['time', 'text', 'sender', 'channel', 'chat', 'chat_name', 'recipient', 'campaign', 'reply_to', 'direction', 'status', 'event'];
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

/** More header columns than this is not a log export. */
const MAX_COLUMNS = 10_000;

/** A record this long is a quote that never closes, not a message: stop instead of buffering the file. */
const MAX_RECORD_CHARS = 16 << 20;

/** A quoted record split by `quoted`: its fields, or why it is malformed; `next` is where the next record starts. */
interface Quoted {
  fields: string[];
  error?: string;
  unclosed?: boolean;
  next: number;
  /** Line breaks inside the record (in quoted fields, or skipped over by a malformed one). */
  breaks: number;
}

/**
 * CSV/TSV records with exact line numbers, RFC 4180 quoting, as csv-parse
 * reads them with `relax_quotes` and `skip_empty_lines` (test/logs/csv-split
 * checks the two agree on generated files). A line without a quote — nearly
 * every line of an export — is one `indexOf` and one `split`; only records
 * with a quote are walked field by field. csv-parse's byte-by-byte state
 * machine was most of a 1M-row audit's parsing time (docs/logs.md, Scale),
 * and counting lines ourselves gives every row its exact line even when a
 * quoted field holds CRLF line breaks.
 *
 * Malformed rows are kept, with a reason: a row with the wrong number of
 * columns, a quoted field followed by text before the delimiter. A quote in
 * the middle of an unquoted field is text (Excel writes 5" screen as is).
 * A quoted field still open at the end of the file is a truncated file: an
 * InputError, not a shorter audit.
 */
export class CsvRows {
  private carry = '';
  private started = false;
  /** The last chunk ended on a CR that may be the first half of a CRLF. */
  private pendingCR = false;
  /**
   * A long record still open at the end of the text (a field of megabytes):
   * chunks wait here until the text has doubled before the record is tried
   * again, so the time to read it stays linear in its length, not quadratic.
   */
  private waiting: string[] = [];
  private waitingLen = 0;
  private retryAt = 0;
  private header: string[] | undefined;
  private width = 0;
  private cols: number[] = [];
  private line = 1; // where the next record starts
  private row = 0;
  private batch = this.fresh();

  constructor(
    private readonly file: string,
    private readonly delimiter: string,
    private readonly map: Partial<Record<Field, string>>,
  ) {}

  private fresh(): CsvBatch & { cap: number } {
    const cap = 4096;
    return { n: 0, cap, rows: new Int32Array(cap), lines: new Int32Array(cap), kinds: new Uint8Array(cap), recs: [], cols: this.cols, reasons: [] };
  }

  /** Feed a chunk of text (UTF-8 Buffers are cut on character boundaries); returns the rows it completed. */
  push(chunk: Buffer | string): CsvBatch {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    text = this.lineEnds(text, false);
    if (this.retryAt) {
      this.waiting.push(text);
      this.waitingLen += text.length;
      if (this.carry.length + this.waitingLen < this.retryAt) return this.drain();
      text = this.waiting.join('');
      this.waiting = [];
      this.waitingLen = 0;
    }
    this.split(this.carry + text, false);
    return this.drain();
  }

  async end(): Promise<CsvBatch> {
    const tail = this.waiting.join('') + this.lineEnds('', true);
    this.waiting = [];
    this.waitingLen = 0;
    if (this.carry || tail) this.split(this.carry + tail, true);
    const b = this.drain();
    if (!this.header) throw new InputError('empty file: no header row', this.file);
    return b;
  }

  /**
   * A CR alone ends a line, wherever it is: old Mac files, and files pasted
   * together from several exports with \n, \r\n and \r in one. Only the new
   * text is converted (the carry already was), so a long record is not
   * rewritten on every chunk; a CR at the end of a chunk waits for the next.
   */
  private lineEnds(text: string, final: boolean): string {
    let t = this.pendingCR ? '\r' + text : text;
    this.pendingCR = false;
    if (t.indexOf('\r') === -1) return t;
    if (!final && t.charCodeAt(t.length - 1) === 13) {
      this.pendingCR = true;
      t = t.slice(0, -1);
    }
    return t.replace(/\r(?!\n)/g, '\n');
  }

  /** Take every complete record of `s` (all of them when `final`); keep the rest for the next chunk. */
  private split(s: string, final: boolean): void {
    const d = this.delimiter;
    const len = s.length;
    let pos = 0;
    let quote = s.indexOf('"');
    while (pos < len) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = len;
      }
      if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
      if (quote === -1 || quote >= nl) {
        let end = nl;
        if (end > pos && s.charCodeAt(end - 1) === 13) end--;
        if (end > pos) this.take(s.slice(pos, end).split(d), this.line, undefined);
        this.line++;
        pos = nl + 1;
        continue;
      }
      const q = this.quoted(s, pos, final);
      if (!q) break;
      if (q.unclosed) {
        throw new InputError(`truncated or malformed CSV: the quoted field that starts on line ${this.line} is never closed${this.row ? ` (${this.row} rows read before it)` : ''}`, this.file, this.line);
      }
      // A malformed record over many lines is usually one stray quote swallowing the rows after it: say so.
      const error = q.error !== undefined && q.breaks > 0 ? `${q.error} (a quote opened on line ${this.line} runs over ${q.breaks + 1} lines: probably an unbalanced quote)` : q.error;
      this.take(q.fields, this.line, error);
      this.line += 1 + q.breaks;
      pos = q.next;
    }
    this.carry = pos < len ? s.slice(pos) : '';
    this.retryAt = this.carry.length > 65_536 ? this.carry.length * 2 : 0;
    if (this.carry.length > MAX_RECORD_CHARS) {
      throw new InputError(`truncated or malformed CSV: the record that starts on line ${this.line} runs on for over ${MAX_RECORD_CHARS >> 20} MB; a quoted field is probably never closed`, this.file, this.line);
    }
  }

  /** Split the record at `pos` field by field; undefined when it may continue past the end of `s`. */
  private quoted(s: string, pos: number, final: boolean): Quoted | undefined {
    const d = this.delimiter;
    const dl = d.length;
    const len = s.length;
    const fields: string[] = [];
    let breaks = 0;
    let i = pos;
    for (;;) {
      if (s.charCodeAt(i) === 34) {
        // a quoted field: up to the quote that is not doubled
        let value = '';
        let j = i + 1;
        for (;;) {
          const k = s.indexOf('"', j);
          if (k === -1 || (k === len - 1 && !final)) {
            if (!final) return undefined;
            return { fields, unclosed: true, next: len, breaks };
          }
          value += s.slice(j, k);
          if (s.charCodeAt(k + 1) === 34) {
            value += '"';
            j = k + 2;
            continue;
          }
          i = k + 1;
          break;
        }
        for (let p = value.indexOf('\n'); p !== -1; p = value.indexOf('\n', p + 1)) breaks++;
        fields.push(value);
        if (s.startsWith(d, i)) {
          i += dl;
          continue;
        }
        const c = s.charCodeAt(i);
        if (i >= len) {
          if (!final) return undefined;
          return { fields, next: len, breaks };
        }
        if (c === 10) return { fields, next: i + 1, breaks };
        if (c === 13) {
          if (i + 1 >= len && !final) return undefined;
          if (i + 1 >= len || s.charCodeAt(i + 1) === 10) return { fields, next: i + 2, breaks };
        }
        // text after the closing quote: the row is malformed; it ends with its line
        const nl = s.indexOf('\n', i);
        if (nl === -1 && !final) return undefined;
        const stop = nl === -1 ? len : nl > i && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        return { fields, error: `a quoted field is followed by ${JSON.stringify(s.slice(i, Math.min(stop, i + 10)))} instead of a delimiter`, next: nl === -1 ? len : nl + 1, breaks };
      }
      // an unquoted field: up to the delimiter or the end of the line (a quote inside it is text)
      let nl = s.indexOf('\n', i);
      if (nl === -1) {
        if (!final) return undefined;
        nl = len;
      }
      const at = s.indexOf(d, i);
      if (at !== -1 && at < nl) {
        fields.push(s.slice(i, at));
        i = at + dl;
        continue;
      }
      const end = nl > i && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      fields.push(s.slice(i, end));
      return { fields, next: nl + 1, breaks };
    }
  }

  private drain(): CsvBatch {
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

  private take(rec: string[], line: number, error: string | undefined): void {
    if (!this.header) {
      this.readHeader(rec, line);
      return;
    }
    if (error === undefined && rec.length !== this.width) error = `expected ${this.width} columns, found ${rec.length}`;
    if (error !== undefined) {
      this.slot(1, ++this.row, line);
      this.batch.reasons.push(error);
      return;
    }
    this.slot(0, ++this.row, line);
    this.batch.recs.push(rec);
  }

  private readHeader(rec: string[], line: number): void {
    // A log has a few dozen columns; thousands is another file, or a delimiter that is not one.
    if (rec.length > MAX_COLUMNS) throw new InputError(`the header row has ${rec.length.toLocaleString('en-US')} columns: not a log export header (a log has a few dozen; wrong file, or "${this.delimiter === '\t' ? '\\t' : this.delimiter}" is not its delimiter?)`, this.file, line);
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
