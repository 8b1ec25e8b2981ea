/**
 * Labelled messages for `scrm-audit learn`: CSV or TSV with a header row
 * holding `label` and `text` columns (any others are ignored). Labels:
 * `noise` / `ok`, also `spam` / `ham` and `1` / `0`, any case.
 *
 * CSV is RFC 4180 (quoted fields may hold commas, quotes and line breaks).
 * TSV is the IANA format: a tab separates fields and quotes are literal, so
 * a message that starts with a quotation mark is read as written. Decoded
 * as the logs are (BOM, else UTF-8, else GB18030).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError, InputErrors, describeSystemError } from '../errors.js';
import { decodeBytes } from '../logs/decode.js';
import { mapHeader } from '../logs/columns.js';
import { normalize } from '../text/normalize.js';
import type { LabelledText } from './model.js';

const NOISE = new Set(['noise', 'spam', '1']);
const OK = new Set(['ok', 'ham', '0']);
/** Most row errors listed for one file: a wrong file altogether should not print 5,000 lines. */
const MAX_ERRORS = 20;

/**
 * A CSV/TSV whose header has no `label` column but is a log's header (time
 * and text columns, as `scrm-audit logs` recognises them: src/logs/columns.ts,
 * 发送时间 and 消息内容 included) is a message log, whose outcomes label its sends.
 */
export function looksLikeLog(file: string): boolean {
  let head: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      head = decodeBytes(buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)), file).text;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // readLabelled names the file and the system error
  }
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let header: string[];
  try {
    header = (parse(first, { delimiter: first.includes('\t') ? '\t' : ',', relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    return false;
  }
  return !header.some((h) => h.trim().toLowerCase() === 'label') && mapHeader(header, {}).missing.length === 0;
}

function rowsOf(text: string, file: string, tsv: boolean): { header: string[]; rows: Array<{ cells: string[]; line: number }> } {
  if (tsv) {
    const lines = text.split(/\r?\n/);
    const header = (lines[0] ?? '').split('\t').map((h) => h.trim());
    const rows: Array<{ cells: string[]; line: number }> = [];
    for (let i = 1; i < lines.length; i++) if (lines[i]!.trim()) rows.push({ cells: lines[i]!.split('\t'), line: i + 1 });
    return { header, rows };
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true, bom: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new InputError(`invalid CSV: ${err.message.replace(/^Invalid [^:]*:\s*/, '')}`, file, err.lines);
  }
  const [head, ...rest] = records;
  return { header: (head?.record ?? []).map((h) => h.trim()), rows: rest.map((r) => ({ cells: r.record, line: r.info.lines })) };
}

/** Read one labelled file. Every bad row is an error naming the file, line and row (up to 20 per file), thrown together. */
export function readLabelled(file: string): LabelledText[] {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new InputError(describeSystemError(e), file);
  }
  const text = decodeBytes(buf, file).text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const tsv = /\.(tsv|tab)$/i.test(file) || (!/\.csv$/i.test(file) && firstLine.includes('\t'));
  const { header, rows } = rowsOf(text, file, tsv);
  const lower = header.map((h) => h.toLowerCase());
  const li = lower.indexOf('label');
  const ti = lower.indexOf('text');
  if (li < 0 || ti < 0) {
    const missing = [li < 0 ? '`label`' : '', ti < 0 ? '`text`' : ''].filter(Boolean).join(' and ');
    throw new InputError(`expected a header row with \`label\` and \`text\` columns (${tsv ? 'tab' : 'comma'}-separated); no ${missing} column in: ${header.join(tsv ? ' | ' : ', ') || '(empty line)'}`, file, 1, 1);
  }
  const out: LabelledText[] = [];
  const errors: InputError[] = [];
  rows.forEach(({ cells, line }, k) => {
    if (errors.length >= MAX_ERRORS) return;
    const row = k + 1;
    const label = (cells[li] ?? '').trim().toLowerCase();
    // In TSV a text with a stray tab is still one text: the rest of the line, when `text` is the last column.
    const body = tsv && ti === header.length - 1 ? cells.slice(ti).join('\t') : (cells[ti] ?? '');
    if (!NOISE.has(label) && !OK.has(label)) {
      errors.push(new InputError(`row ${row}: label ${JSON.stringify(cells[li] ?? '')}: expected noise | ok (or spam | ham, 1 | 0)`, file, line, 1));
      return;
    }
    if (!body.trim()) {
      errors.push(new InputError(`row ${row}: empty text`, file, line, 1));
      return;
    }
    out.push({ label: NOISE.has(label) ? 1 : 0, norm: normalize(body.trim()).norm });
  });
  if (errors.length >= MAX_ERRORS) errors.push(new InputError(`stopped after ${MAX_ERRORS} bad rows`, file));
  InputErrors.throwIfAny(errors);
  if (!out.length) throw new InputError('no labelled rows (only a header)', file);
  return out;
}
