/**
 * Parquet logs, read by the embedded DuckDB engine: the same rows as CSV,
 * GB18030 CSV, JSON Lines and Parquet give the same report (only where the
 * rows came from — file, format, encoding, line — differs). The Parquet files
 * are written here with DuckDB's own COPY, as a warehouse export would be.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { DuckDBInstance } from '@duckdb/node-api';
import { generate, csvLines, archiveRecord, type GenRow, type Truth } from '../../src/bench/generate.js';
import type { Report } from '../../src/report/report.js';
import { all, auditFiles, csv, tmpFile } from './helpers.js';
import { cli } from '../helpers.js';

const ROWS = 3000;

/** Run SQL statements in a throwaway DuckDB (the writer of the test's Parquet files). */
async function duck(...sql: string[]): Promise<void> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    for (const s of sql) await conn.run(s);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

/** A CSV file copied to Parquet, each column as text, or through a SELECT over the CSV (`t`). */
async function csvToParquet(csvFile: string, out: string, select = 'SELECT * FROM t'): Promise<string> {
  await duck(`CREATE TABLE t AS SELECT * FROM read_csv('${csvFile}', all_varchar = true, header = true)`, `COPY (${select}) TO '${out}' (FORMAT parquet)`);
  return out;
}

/** What a report says about the rows, without where they came from (file names, formats, encodings, line numbers). */
function findings(r: Report, files: string[]): unknown {
  const names = new RegExp(files.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return JSON.parse(
    JSON.stringify({ ...r, files: undefined, warnings: undefined }, (k, v) => {
      if (k === 'line' || k === 'endLine' || k === 'file') return undefined;
      // the notes name each file's format and encoding
      if (k === 'notes' && Array.isArray(v)) return v.filter((s) => typeof s !== 'string' || !s.replace(names, 'FILE').startsWith('FILE: '));
      return typeof v === 'string' ? v.replace(names, 'FILE') : v;
    }),
  );
}

describe(`a generated month (${ROWS} rows) as CSV, GB18030 CSV, JSON Lines and Parquet`, () => {
  const rows: GenRow[] = [];
  let truth: Truth;
  let utf8: string;
  beforeAll(() => {
    truth = generate({ rows: ROWS, truth: true }, (day) => rows.push(...day))!;
    utf8 = tmpFile('pq-month.csv', csvLines(rows).join('\n') + '\n');
  });

  it('gives the same report from each, with the generator’s counts', async () => {
    const gb = tmpFile('pq-month-gb.csv', iconv.encode(csvLines(rows).join('\r\n') + '\r\n', 'gb18030'));
    const jsonl = tmpFile('pq-month.jsonl', rows.map((x) => JSON.stringify({ time: x.time, sender: x.sender, channel: x.channel, chat: x.chat, chat_name: x.chatName, recipient: x.recipient, text: x.text, campaign: x.campaign })).join('\n') + '\n');
    const text = await csvToParquet(utf8, tmpFile('pq-month-text.parquet', ''));
    // a warehouse writes times as TIMESTAMP (wall clock, read in the audit's zone) and Chinese column names
    const typed = await csvToParquet(
      utf8,
      tmpFile('pq-month-typed.parquet', ''),
      `SELECT strptime(time, '%Y-%m-%d %H:%M:%S') AS 发送时间, sender AS 发送人, channel AS 渠道, chat AS 群ID, chat_name AS 群名称, recipient AS 客户, text AS 消息内容, campaign AS 群发任务 FROM t`,
    );
    const want = await auditFiles([utf8], { maxRowsPerFinding: 0 });
    expect(want.summary.rows).toBe(truth.rows);
    expect(all(want, 'frequency-cap').filter((f) => f.period === 'day' && f.recipient).length).toBe(truth.recipientDaysOverCap);
    expect(want.summary.findings).toBeGreaterThan(0);
    for (const file of [gb, jsonl, text, typed]) {
      const r = await auditFiles([file], { maxRowsPerFinding: 0 });
      expect(findings(r, [file]), file).toEqual(findings(want, [utf8]));
    }
    const r = await auditFiles([typed]);
    expect(r.files).toEqual([{ file: typed, format: 'parquet', encoding: 'utf8', streamed: true }]);
  });

  it('--since/--until keep the same rows from Parquet as from CSV', async () => {
    const pq = await csvToParquet(utf8, tmpFile('pq-month-window.parquet', ''));
    const opts = { since: '2026-11-05', until: '2026-11-12T12:00' };
    const a = await auditFiles([utf8], opts);
    const b = await auditFiles([pq], opts);
    expect(b.summary.filteredRows).toBeGreaterThan(0);
    expect(findings(b, [pq])).toEqual(findings(a, [utf8]));
  });
});

describe('a generated chat archive as JSON Lines and as a warehouse table in Parquet', () => {
  it('gives the same findings and counts from each (times as TIMESTAMP WITH TIME ZONE)', async () => {
    const rows: GenRow[] = [];
    generate({ rows: 2000, channels: ['group', 'direct'] }, (day) => rows.push(...day));
    const jsonl = tmpFile('pq-archive.jsonl', rows.map((x, i) => JSON.stringify(archiveRecord(x, i))).join('\n') + '\n');
    // the archive flattened as a warehouse keeps it: one column per field, msgtime an instant
    const pq = tmpFile('pq-archive.parquet', '');
    await duck(
      `COPY (SELECT make_timestamptz(msgtime * 1000) AS msgtime, "from", nullif(roomid, '') AS roomid, tolist[1] AS external_userid, text.content AS content
             FROM read_json('${jsonl}', format = 'newline_delimited')) TO '${pq}' (FORMAT parquet)`,
    );
    const a = await auditFiles([jsonl], { maxRowsPerFinding: 0 });
    const b = await auditFiles([pq], { maxRowsPerFinding: 0 });
    expect(a.files![0]!.format).toBe('chat-archive (jsonl)');
    expect(b.summary.rows).toBe(2000);
    expect(all(b, 'frequency-cap').length).toBeGreaterThan(0);
    expect(findings(b, [pq])).toEqual(findings(a, [jsonl]));
  });
});

describe('Parquet rows that cannot be read', () => {
  const cells = [
    ['time', 'sender', 'channel', 'recipient', 'text'],
    ['2026-11-03 10:00:00', 'lisi', 'direct', 'wmCust0001', 'Your points expire next month, redeem them in the member centre'],
    ['', 'lisi', 'direct', 'wmCust0002', '您的積分下月到期'],
    ['2026-11-03 10:05:00', 'lisi', 'carrier pigeon', 'wmCust0003', '积分下月到期，记得兑换'],
    ['2026-11-03 10:06:00', 'lisi', 'direct', 'wmCust0004', 'Points expire soon'],
  ];
  let pq: string;
  beforeAll(async () => {
    pq = await csvToParquet(tmpFile('pq-bad.csv', csv(cells)), tmpFile('pq-bad.parquet', ''));
  });

  it('are skipped with their row numbers and reasons, as in the CSV', async () => {
    const r = await auditFiles([pq], { maxSkipped: '10' });
    expect(r.summary.rows).toBe(4);
    expect(r.summary.skipped!.map((s) => [s.row, s.reason])).toEqual([
      [2, 'no time'],
      [3, 'unknown channel "carrier pigeon" (group | direct | moments | sms)'],
    ]);
  });

  it('--strict stops at the first, naming the file and row (exit 2)', async () => {
    const out = cli(['logs', pq, '--strict', '--timezone', 'Asia/Shanghai']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(pq);
    expect(out.stderr).toContain('row 2: no time');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('a Parquet file without a text column names the columns it has', async () => {
    const f = await csvToParquet(tmpFile('pq-notext.csv', csv(cells)), tmpFile('pq-notext.parquet', ''), 'SELECT time, sender FROM t');
    await expect(auditFiles([f])).rejects.toThrow(/missing required column\(s\) text; the file's columns are: time, sender/);
  });

  it('--map names a column of a Parquet file as of a CSV', async () => {
    const f = await csvToParquet(tmpFile('pq-map.csv', csv(cells)), tmpFile('pq-map.parquet', ''), 'SELECT time AS sent_on, sender, channel, recipient, text AS words FROM t');
    const r = await auditFiles([f], { map: ['text=words', 'time=sent_on'], maxSkipped: '10' });
    expect(r.summary.rows).toBe(4);
    expect(r.summary.skippedRows).toBe(2);
  });

  it('is recognised by its first bytes without the .parquet extension', async () => {
    const f = await csvToParquet(tmpFile('pq-noext.csv', csv(cells)), tmpFile('export.dat', ''));
    const r = await auditFiles([f], { maxSkipped: '10' });
    expect(r.files![0]!.format).toBe('parquet');
  });

  it('a broken Parquet file is an input error naming it (exit 2), not a stack trace', async () => {
    const f = tmpFile('broken.parquet', 'PAR1 this is not really parquet');
    writeFileSync(f, 'PAR1 this is not really parquet');
    const out = cli(['logs', f, '--timezone', 'Asia/Shanghai']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${f}: not a readable Parquet file`);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('--memory-limit takes a size and refuses anything else (exit 2)', async () => {
    expect(cli(['logs', pq, '--memory-limit', '256MB', '--max-skipped', '10', '--timezone', 'Asia/Shanghai']).code).toBe(0);
    const bad = cli(['logs', pq, '--memory-limit', 'lots', '--timezone', 'Asia/Shanghai']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--memory-limit: expected a size such as 512MB or 2GB, got "lots"');
  });
});
