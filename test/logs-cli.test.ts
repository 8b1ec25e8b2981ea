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
    const r = json([utf8, '--since', '2026-11-04', '--until', '2026-11-04']);
    expect(r.report.summary.findings).toBe(0);
    expect(r.code).toBe(0);
  });

  it('is deterministic', () => {
    expect(json([utf8]).stdout).toBe(json([utf8]).stdout);
  });
});
