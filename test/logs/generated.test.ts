/**
 * A generated month with known violations (src/bench/generate.ts counts them
 * independently of the audit), read as CSV in three encodings and as a chat
 * archive: the audit must find exactly what was put in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { generate, csvLines, archiveRecord, writeCsv, type GenRow, type Truth } from '../../src/bench/generate.js';
import type { Report } from '../../src/report/report.js';
import { all, auditFiles, tmpFile } from './helpers.js';

const ROWS = 6000;

function check(r: Report, t: Truth, opts: { names: boolean }) {
  expect(r.summary.rows).toBe(t.rows);
  expect(r.summary.skippedRows).toBe(0);
  const caps = all(r, 'frequency-cap').filter((f) => f.period === 'day');
  expect(caps.filter((f) => f.recipient).length).toBe(t.recipientDaysOverCap);
  expect(caps.filter((f) => f.chat).length).toBe(t.groupDaysOverCap);
  const s = r.logStats!;
  expect(s.atAllPerGroupWeek.reduce((n, x) => n + x.count, 0)).toBe(t.atAll);
  expect(new Map(s.atAllPerGroupWeek.map((x) => [`${x.chat}|${x.week}`, x.count]))).toEqual(t.atAllPerGroupWeek);
  // selling posts in the sharing groups, group by group
  const byChat = new Map(s.groups.map((g) => [g.chat, g]));
  for (const [chat, want] of t.sharing) {
    expect(byChat.get(chat)).toMatchObject({ messages: want.messages, selling: want.selling, ...(opts.names ? { type: 'sharing' } : {}) });
  }
  if (opts.names) expect(s.groups.filter((g) => g.type === 'sharing').reduce((n, g) => n + g.selling, 0)).toBe(t.sellingInSharing);
  expect(new Map(s.sendsPerDay.map((d) => [d.date, d.count]))).toEqual(t.sendsPerDay);
  expect(all(r, 'quiet-hours').length).toBe(t.quietHours);
}

describe(`a generated month (${ROWS} rows)`, () => {
  let truth: Truth;
  const rows: GenRow[] = [];
  let utf8: string;

  beforeAll(() => {
    utf8 = tmpFile('month.csv', '');
    truth = writeCsv(utf8, { rows: ROWS, truth: true })!;
    generate({ rows: ROWS }, (day) => rows.push(...day));
  });

  it('has violations of every kind to find (the generator is not empty-handed)', () => {
    expect(truth.recipientDaysOverCap).toBeGreaterThan(0);
    expect(truth.groupDaysOverCap).toBeGreaterThan(0);
    expect(truth.atAll).toBeGreaterThan(0);
    expect(truth.sellingInSharing).toBeGreaterThan(0);
    expect(truth.quietHours).toBeGreaterThan(0);
  });

  it('as UTF-8 CSV: exact over-cap customer-days and group-days, @all pings, selling in sharing groups, rows', async () => {
    check(await auditFiles([utf8], { maxRowsPerFinding: 0 }), truth, { names: true });
  });

  it('as GB18030 CSV: the same', async () => {
    const file = tmpFile('month-gb.csv', iconv.encode(csvLines(rows).join('\r\n') + '\r\n', 'gb18030'));
    const r = await auditFiles([file], { maxRowsPerFinding: 0 });
    expect(r.files![0]!.encoding).toBe('gb18030');
    check(r, truth, { names: true });
  });

  it('as UTF-16LE CSV with BOM: the same', async () => {
    const file = tmpFile('month-u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csvLines(rows).join('\n') + '\n', 'utf16le')]));
    check(await auditFiles([file], { maxRowsPerFinding: 0 }), truth, { names: true });
  });

  it('parsed in a worker thread or inline: byte-identical reports', async () => {
    const a = await auditFiles([utf8], { worker: 'always' });
    const b = await auditFiles([utf8], { worker: 'never' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.summary.findings).toBeGreaterThan(0);
  });

  it('the same input gives byte-identical JSON', async () => {
    const a = await auditFiles([utf8]);
    const b = await auditFiles([utf8]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('a generated month as a WeChat Work chat archive (JSON Lines)', () => {
  it('finds the same over-cap days, @all pings and selling posts', async () => {
    const rows: GenRow[] = [];
    const truth = generate({ rows: 4000, channels: ['group', 'direct'], truth: true }, (day) => rows.push(...day))!;
    const file = tmpFile('archive.jsonl', rows.map((x, i) => JSON.stringify(archiveRecord(x, i))).join('\n') + '\n');
    const r = await auditFiles([file], { maxRowsPerFinding: 0 });
    expect(r.files![0]!.format).toBe('chat-archive (jsonl)');
    // the archive has no group names: types are unknown, counts are not
    check(r, truth, { names: false });
  });
});
