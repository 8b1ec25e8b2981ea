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

describe('a generated month with customers’ reactions mixed in (inbound rows and events)', () => {
  it('the window rules, stats and findings are those of the month without them; every reaction is read and attributed', async () => {
    const plain = tmpFile('month-plain.csv', '');
    const reacting = tmpFile('month-reactions.csv', '');
    writeCsv(plain, { rows: ROWS });
    const truth = writeCsv(reacting, { rows: ROWS, reactions: 0.05, truth: true })!;
    const reactions: GenRow[] = [];
    generate({ rows: ROWS, reactions: 0.05 }, (day) => reactions.push(...day.filter((x) => x.direction || x.event)));
    const kinds = new Set(reactions.map((x) => x.event ?? (/^(退订|TD|T|取消订阅|STOP|unsubscribe)$/.test(x.text) ? 'optout' : 'reply')));
    expect([...kinds].sort()).toEqual(['delete', 'leave', 'optout', 'reply']);

    const a = await auditFiles([plain], { maxRowsPerFinding: 0 });
    const b = await auditFiles([reacting], { maxRowsPerFinding: 0 });
    check(b, truth, { names: true });
    expect(b.summary.rows).toBe(a.summary.rows + reactions.length);
    // inbound rows are no campaign, and no finding moves: row numbers aside, the same findings
    expect(b.campaigns.map((c) => c.id)).toEqual(a.campaigns.map((c) => c.id));
    // positions move with the inserted rows (file, line, row); the rest must not
    const strip = (r: Report) =>
      all(r)
        .map(({ row: _r, rows: _rs, file: _f, line: _l, endLine: _e, firstRow: _fr, firstFile: _ff, ...f }) => JSON.stringify({ ...f, message: f.message.replace(/\brows? \d[\d,–-]*/g, 'row N') }))
        .sort();
    expect(strip(b)).toEqual(strip(a));
    const o = b.summary.outcomes as { reactionRows: number; unattributed: Record<string, number>; optouts: number; leaves: number; deletes: number; replies: number };
    expect(o.reactionRows).toBe(reactions.length);
    expect(Object.values(o.unattributed).every((n) => n === 0)).toBe(true);
    expect(o.optouts).toBeGreaterThan(0);
    expect(o.leaves).toBe(reactions.filter((x) => x.event === 'leave').length);
    expect((a.summary.outcomes as { reactionRows?: number } | undefined)?.reactionRows ?? 0).toBe(0);
  });
});
