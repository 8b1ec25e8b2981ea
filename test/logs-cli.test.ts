/**
 * `scrm-audit logs` end to end through the CLI (CONTRACTS §5): the same
 * small log as UTF-8 CSV with Chinese headers, as GB18030 and as UTF-16,
 * counted the same; bad rows skipped with their row numbers; exit codes.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'scrm-logs-cli-'));

// Two group posts to a sharing group on one day (over the daily cap), one with
// @所有人 and a price; two direct pushes to one customer on one day; a clean
// service message; one row with a broken time.
const CSV = [
  '发送时间,发送人,渠道,群ID,群名称,客户,消息内容',
  '2026-11-03 09:00:00,小王,group,wr001,萌爪养猫交流群,,@所有人 猫粮到手价99元，点击下单',
  '2026-11-03 18:00:00,小王,group,wr001,萌爪养猫交流群,,今晚分享一个给猫咪剪指甲的小技巧',
  '2026-11-03 10:00:00,小李,direct,,,cust_001,"{{name}}您好，您预约的洗护已确认，明天下午3点到店即可"',
  '2026-11-03 11:00:00,小李,direct,,,cust_001,双11全场5折，点击链接抢购',
  '2026-11-04 10:00:00,小李,direct,,,cust_002,您的订单已发货，快递单号请在小程序查看',
  'not-a-time,小李,direct,,,cust_003,hello',
].join('\n');

function write(name: string, data: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, data);
  return f;
}

function json(args: string[]) {
  const r = cli(['logs', ...args, '--format', 'json', '--timezone', 'Asia/Shanghai', '--lang', 'en', '--no-progress']);
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

const count = (report: { campaigns: Array<{ findings: Array<{ ruleId: string }> }> }, ruleId: string) =>
  report.campaigns.flatMap((c) => c.findings).filter((f) => f.ruleId === ruleId).length;

describe('scrm-audit logs', () => {
  const utf8 = write('log.csv', CSV);
  const gb = write('log-gb.csv', iconv.encode(CSV, 'gb18030'));
  const u16 = write('log-u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(CSV, 'utf16le')]));

  it('reads Chinese headers, counts rows, skips and reports the unreadable one', () => {
    const r = json([utf8]);
    expect(r.code).toBe(1);
    expect(r.report.summary.rows).toBe(6);
    expect(r.report.summary.skippedRows).toBe(1);
    expect(r.stderr).toMatch(/row 6/);
  });

  it('finds the @all ping, the selling in the sharing group, and the group and recipient over the daily cap', () => {
    const { report } = json([utf8]);
    expect(count(report, 'mass-mention')).toBe(1);
    expect(count(report, 'off-topic-selling')).toBe(1);
    const caps = report.campaigns.flatMap((c: { findings: Array<Record<string, unknown>> }) => c.findings).filter((f: Record<string, unknown>) => f.ruleId === 'frequency-cap');
    expect(caps.map((f: Record<string, unknown>) => f.window)).toEqual(expect.arrayContaining(['2026-11-03']));
    expect(caps.some((f: Record<string, unknown>) => f.chat === 'wr001' && f.count === 2 && f.cap === 1)).toBe(true);
    expect(caps.some((f: Record<string, unknown>) => f.recipient !== undefined && f.count === 2)).toBe(true);
  });

  it('gives the same findings for the same log in GB18030 and in UTF-16', () => {
    const base = json([utf8]).report;
    for (const f of [gb, u16]) {
      const other = json([f]).report;
      expect(other.summary.rows).toBe(base.summary.rows);
      expect(other.summary.findings).toBe(base.summary.findings);
      for (const rule of ['mass-mention', 'off-topic-selling', 'frequency-cap']) expect(count(other, rule)).toBe(count(base, rule));
    }
  });

  it('--strict makes a malformed row fatal: exit 2 naming file and row', () => {
    const r = cli(['logs', utf8, '--strict', '--timezone', 'Asia/Shanghai', '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/log\.csv/);
    expect(r.stderr).toMatch(/row 6/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing required column exits 2 and names the columns it found', () => {
    const f = write('nocol.csv', 'who,what\n小王,hello\n');
    const r = cli(['logs', f, '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/who/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing file exits 2', () => {
    const r = cli(['logs', join(dir, 'nope.csv'), '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.csv/);
  });

  it('--since/--until keep only rows in range', () => {
    // the file's one unreadable row is allowed here (--max-skipped 1): the range is what is tested
    const r = json([utf8, '--since', '2026-11-04', '--until', '2026-11-04', '--max-skipped', '1']);
    expect(r.report.summary.findings).toBe(0);
    expect(r.code).toBe(0);
  });

  it('is deterministic', () => {
    expect(json([utf8]).stdout).toBe(json([utf8]).stdout);
  });

  it('a run that read no row exits 2 saying why; never "Gate: passed" on nothing', () => {
    const allBad = write('all-bad.csv', 'time,text\nyesterday,hello\nlater,hi\n');
    const r = cli(['logs', allBad, '--timezone', 'Asia/Shanghai', '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no rows to audit: all 2 rows were skipped as unreadable — 2 bad time/);
    expect(r.stdout).not.toMatch(/Gate: passed/);
    const header = write('header-only.csv', '发送时间,消息内容\n');
    expect(cli(['logs', header, '--no-progress']).code).toBe(2);
  });

  it('--max-skipped: more skipped rows than allowed fails the gate; the summary says how many and why', () => {
    // one of six rows unreadable is over the default 1%
    const over = json([utf8, '--since', '2026-11-04', '--until', '2026-11-04']);
    expect(over.code).toBe(1);
    expect(over.report.summary.failures.join()).toMatch(/1 of 6 row\(s\) skipped as unreadable, more than --max-skipped 1% \(0 rows\): 1 bad time/);
    expect(over.report.summary.skippedByReason).toEqual([expect.objectContaining({ reason: 'bad time', count: 1 })]);
    expect(json([utf8, '--since', '2026-11-04', '--until', '2026-11-04', '--max-skipped', '20%']).code).toBe(0);
    expect(cli(['logs', utf8, '--max-skipped', 'lots', '--no-progress']).code).toBe(2);
  });

  it('names the time zone and its source; WeChat Work exports are read in Asia/Shanghai on a UTC machine', () => {
    const r = cli(['logs', 'fixtures/logs/chat-archive.jsonl', '--format', 'json', '--no-progress'], { env: { TZ: 'UTC' } });
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ timezone: 'Asia/Shanghai', timezoneSource: 'format' });
    expect(report.files[0].format).toBe('chat-archive (jsonl)');
    expect(r.stderr).not.toMatch(/machine's time zone/);
    const tg = cli(['logs', 'fixtures/logs/telegram/result.json', '--format', 'json', '--no-progress'], { env: { TZ: 'UTC' } });
    expect(JSON.parse(tg.stdout).summary).toMatchObject({ timezone: 'UTC', timezoneSource: 'machine' });
    expect(JSON.parse(tg.stdout).files[0].format).toBe('telegram (json)');
    expect(tg.stderr).toMatch(/times are read and judged in this machine's time zone, UTC/);
  });

  it('--encoding takes encodings beyond the detected ones (cp1251)', () => {
    const f = write('ru.csv', iconv.encode('time,channel,recipient,text\n2026-11-03 10:00,direct,c1,"Ваш заказ отправлен, трек-номер в приложении"\n', 'cp1251'));
    const bad = cli(['logs', f, '--timezone', 'Europe/Moscow', '--no-progress']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot tell the encoding: byte \d+ .*--encoding cp1251/);
    const ok = json([f, '--encoding', 'cp1251']);
    expect(ok.code).toBe(0);
    expect(ok.report.files[0].encoding).toBe('cp1251');
    expect(ok.report.campaigns[0].messages[0].text).toBe('Ваш заказ отправлен, трек-номер в приложении');
  });

  it('--date-order reads day-first dates', () => {
    const f = write('dmy.csv', 'Date,Staff,Customer,Message\n03/11/2026 09:00,mia,c-1,Your order has shipped\n');
    expect(json([f, '--date-order', 'dmy']).report.summary.period.from).toBe('2026-11-03 09:00');
    expect(json([f]).report.summary.dateOrder).toEqual({ order: 'mdy', assumed: true, source: 'assumed' });
    expect(cli(['logs', f, '--date-order', 'ymd', '--no-progress']).code).toBe(2);
  });

  it('rules --no-color works; the text report says "1 finding", not "1 findings"', () => {
    expect(cli(['rules', '--no-color']).code).toBe(0);
    expect(cli(['explain', 'template-tone', '--no-color']).code).toBe(0);
    // one finding only: a price would add selling-pressure's info finding too
    const one = write('one.csv', 'time,channel,recipient,text\n2026-11-03 10:00,direct,c1,Today only: our garden stays open late\n');
    const r = cli(['logs', one, '--timezone', 'Asia/Shanghai', '--lang', 'en', '--no-progress']);
    expect(r.stdout).toMatch(/1 campaign, 1 message, 1 finding \(0 errors, 1 warning, 0 infos\)/);
    expect(r.stdout).toMatch(/1 row read, 0 skipped as unreadable/);
  });
});

