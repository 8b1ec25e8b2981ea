/**
 * Parquet logs (a warehouse's export), read by DuckDB and streamed chunk by
 * chunk into the audit as the same records a CSV of the same rows gives.
 *
 * The column names go through our header recognition (Chinese headers,
 * --map, logs.columns) exactly as a CSV header does; only the mapped columns
 * are read. Typed columns keep their meaning: a TIMESTAMP is wall-clock time
 * in the audit's zone (as a CSV time without an offset), a TIMESTAMP WITH
 * TIME ZONE is an instant, integers are epoch seconds/ms or Excel serials as
 * in JSON. Everything else is read as text, as a CSV cell would be.
 *
 * Rows are numbered from 1 in file order; a Parquet file has no lines, so a
 * record's line is its row.
 */
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../../errors.js';
import { mapHeader } from '../columns.js';
import { CSV_FIELDS } from '../csv-core.js';
import { makeRecord, type AdaptContext } from '../adapters.js';
import type { LogRecord } from '../record.js';
import { sqlName, sqlString, type DuckEngine } from './engine.js';

/** A Parquet file starts (and ends) with these four bytes. */
const MAGIC = 'PAR1';

/** Whether a file is Parquet: its extension, or its first bytes. */
export function isParquet(file: string): boolean {
  if (extname(file).toLowerCase() === '.parquet') return true;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 0) === 4 && b.toString('latin1') === MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function scan(file: string): string {
  return `read_parquet(${sqlString(file)}, file_row_number = true)`;
}

/** Why DuckDB could not read the file, without its internal prefixes. */
function readError(e: unknown, file: string): InputError {
  const msg = (e as Error).message.replace(/^[A-Za-z ]+ Error: /, '').split('\n')[0]!;
  return new InputError(`not a readable Parquet file: ${msg.slice(0, 200)}`, file);
}

/** The file's columns and their DuckDB types, in order. */
export async function parquetColumns(engine: DuckEngine, file: string): Promise<Array<{ name: string; type: string }>> {
  const conn = await engine.connection();
  try {
    const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
    return r.getRowObjectsJS().map((o) => ({ name: String(o.column_name), type: String(o.column_type) }));
  } catch (e) {
    throw readError(e, file);
  }
}

/** The SQL that reads one field from a column of this type, so that makeRecord sees what a CSV or JSON reader would. */
function fieldSql(name: string, type: string, isTime: boolean): string {
  const col = sqlName(name);
  if (isTime) {
    if (/WITH TIME ZONE/.test(type)) return `epoch_ms(${col})::DOUBLE`;
    if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/.test(type)) return `${col}::DOUBLE`;
    // TIMESTAMP (any precision) and DATE: wall-clock text, read in the audit's zone
    if (/^(TIMESTAMP|DATE)/.test(type)) return `strftime(${col}::TIMESTAMP, '%Y-%m-%d %H:%M:%S.%g')`;
  }
  return `${col}::VARCHAR`;
}

export interface ParquetReadOptions extends Pick<AdaptContext, 'clock' | 'isCustomer' | 'map'> {
  onBytes?: (n: number) => void;
}

/** The file's rows as log records, a DuckDB chunk (2,048 rows) at a time. */
export async function* readParquet(engine: DuckEngine, file: string, opts: ParquetReadOptions): AsyncGenerator<LogRecord[]> {
  const cols = await parquetColumns(engine, file);
  const names = cols.map((c) => c.name);
  const m = mapHeader(names, opts.map);
  const where = `the file's columns are: ${names.join(', ')}`;
  if (m.unknownMapped.length) throw new InputError(`--map/logs.columns names column(s) the file does not have: ${m.unknownMapped.join(', ')} (${where})`, file);
  if (m.missing.length) throw new InputError(`missing required column(s) ${m.missing.join(', ')}; ${where}. Name the columns with --map ${m.missing[0]}=<column> or logs.columns in the config`, file);
  const select = CSV_FIELDS.map((f) => {
    const i = m.index[f];
    return i === undefined ? 'NULL' : fieldSql(cols[i]!.name, cols[i]!.type, f === 'time');
  });
  const conn = await engine.connection();
  const size = statSync(file).size;
  let total = 0;
  try {
    const n = await conn.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${scan(file)}`);
    total = Number(n.getRowObjectsJS()[0]!.n);
  } catch (e) {
    throw readError(e, file);
  }
  let result;
  try {
    result = await conn.stream(`SELECT file_row_number::DOUBLE, ${select.join(', ')} FROM ${scan(file)}`);
  } catch (e) {
    throw readError(e, file);
  }
  let read = 0;
  let reported = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const c = chunk.getColumns() as unknown[][];
    const rows = c[0] as number[];
    const out: LogRecord[] = new Array(chunk.rowCount);
    for (let i = 0; i < out.length; i++) {
      const row = rows[i]! + 1;
      const v = (k: number) => c[k + 1]![i] ?? undefined;
      out[i] = makeRecord(v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7), v(8), v(9), v(10), v(11), opts, file, row, row);
    }
    read += out.length;
    if (opts.onBytes && total) {
      const bytes = Math.round((size * read) / total);
      opts.onBytes(bytes - reported);
      reported = bytes;
    }
    yield out;
  }
}
