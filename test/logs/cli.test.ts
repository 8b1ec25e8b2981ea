import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { cli } from '../helpers.js';
import { runInProcess } from '../in-process.js';
import { csv, FIXTURES, tmpFile } from './helpers.js';

const F = (name: string) => join('fixtures', 'logs', name);
const logs = (...args: string[]) => cli(['logs', ...args, '--timezone', 'Asia/Shanghai', '--lang', 'en']);

describe('scrm-audit logs', () => {
  it('prints a JSON report with rows, skipped rows and row-stamped findings; exit 1 when the gate fails', () => {
    const r = logs(F('wecom-export.csv'), '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ rows: 7, skippedRows: 0, passed: false });
    const f = report.campaigns[0].findings[0];
    expect(f).toMatchObject({ file: F('wecom-export.csv'), row: 1, line: 2 });
    expect(report.logStats.timezone).toBe('Asia/Shanghai');
    expect(Object.keys(report.logStats)).toEqual(['timezone', 'sendsPerDay', 'pushesPerRecipient', 'groups', 'senders', 'atAllPerGroupWeek']);
  });

  it('exit 0 when the gate passes', () => {
    const file = tmpFile('clean.csv', csv([['time', 'channel', 'recipient', 'text'], ['2026-11-03 10:00', 'direct', 'c1', '您的订单已发货，物流信息可在小程序查看']]));
    const r = logs(file, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('the text report shows the top-offender tables and the rows read', () => {
    const r = logs(F('wecom-export.csv'));
    expect(r.stdout).toContain('Top groups by findings');
    expect(r.stdout).toContain('Top senders by findings');
    expect(r.stdout).toMatch(/7 rows read, 0 skipped as unreadable/);
    expect(r.stdout).toMatch(/row 1 +error +mass-mention/);
  });

  it('reports malformed rows on stderr with their row numbers and keeps going', () => {
    // three of the file's rows are malformed; --max-skipped 3 lets the gate judge the rest
    const r = logs(F('bad-rows.csv'), '--format', 'json', '--max-skipped', '3');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `scrm-audit: ${F('bad-rows.csv')}:3: row 2 skipped: bad time "yesterday"`,
      `scrm-audit: ${F('bad-rows.csv')}:4: row 3 skipped: unknown channel "fax" (group | direct | moments | sms)`,
      `scrm-audit: ${F('bad-rows.csv')}:5: row 4 skipped: expected 5 columns, found 4`,
    ]);
    expect(JSON.parse(r.stdout).summary.skippedRows).toBe(3);
  });

  it('--strict: exit 2 at the first malformed row, naming file and row, no stack trace', () => {
    const r = logs(F('bad-rows.csv'), '--strict');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`scrm-audit: ${F('bad-rows.csv')}:3: row 2: bad time "yesterday" (--strict stops at the first malformed row)\n`);
  });

  it('a missing required column: exit 2 naming the columns found', () => {
    const r = logs(F('mapped.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^scrm-audit: ${F('mapped.csv').replace(/\./g, '\\.')}:1: missing required column\\(s\\) time; the header has: Sent On, Agent, Via, Customer, Body`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(logs(F('mapped.csv'), '--map', 'time=Sent On', '--format', 'json').code).toBe(0);
  });

  it('a wrong forced encoding is exit 2 with a clear message', () => {
    const gb = tmpFile('gb.csv', iconv.encode(readFileSync(join(FIXTURES, 'wecom-export.csv'), 'utf8'), 'gb18030'));
    const r = logs(gb, '--encoding', 'utf8');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gb\.csv:1: not valid UTF-8 \(byte 0x[0-9a-f]{2}\); the file looks like another encoding: try --encoding gb18030/);
    expect(logs(gb, '--format', 'json').code).toBe(1);
  });

  it('usage errors are exit 2: unknown --input-format, missing file, bad --since', () => {
    expect(logs(F('wecom-export.csv'), '--input-format', 'xml').code).toBe(2);
    const missing = logs('no-such-log.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('scrm-audit: no-such-log.csv: file not found\n');
    expect(logs(F('wecom-export.csv'), '--since', 'yesterday').stderr).toMatch(/--since: expected a date/);
  });

  it('--input-format names the format when content would mislead', () => {
    const r = logs(F('en-export.tsv'), '--input-format', 'tsv', '--format', 'json');
    expect(JSON.parse(r.stdout).files[0].format).toBe('tsv');
    expect(logs(F('en-export.tsv'), '--input-format', 'telegram').stderr).toMatch(/does not look like JSON/);
  });

  it('reads several files into one report; the same input gives byte-identical output', () => {
    const args = [F('wecom-export.csv'), F('chat-archive.jsonl'), F('group-msg.json'), join('fixtures', 'logs', 'slack'), '--format', 'json'];
    const a = logs(...args);
    const b = logs(...args);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(report.files.map((f: { format: string }) => f.format)).toEqual(['csv', 'chat-archive (jsonl)', 'group-msg (json)', 'slack']);
    expect(report.summary.rows).toBe(7 + 14 + 6 + 5);
  });

  it('no progress bar when stderr is not a terminal', () => {
    expect(logs(F('wecom-export.csv'), '--format', 'json').stderr).toBe('');
  });

  it('renders the log report in every format', async () => {
    // the command line's own process for one format; in-process for the others (a node start-up each is most of the cost)
    const spawned = logs(F('wecom-export.csv'), '--format', 'text');
    expect(spawned.code).toBe(1);
    expect(spawned.stdout.length).toBeGreaterThan(100);
    for (const format of ['json', 'sarif', 'github', 'markdown', 'junit', 'html']) {
      const r = await runInProcess(['logs', F('wecom-export.csv'), '--format', format, '--timezone', 'Asia/Shanghai', '--lang', 'en']);
      expect(r.code, format).toBe(1);
      expect(r.stdout.length, format).toBeGreaterThan(100);
    }
  });

  it('`rules` and `explain` know the log rules', () => {
    const list = cli(['rules', '--lang', 'en']).stdout;
    expect(list).toContain('duplicate-blast');
    expect(list).toContain('unsolicited-invite');
    expect(cli(['explain', 'duplicate-blast', '--lang', 'zh']).stdout).toMatch(/亲爱的张三/);
  });
});
