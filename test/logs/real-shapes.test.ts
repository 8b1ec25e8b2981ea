/**
 * Real export shapes (issue 13): what real exports look like — chat-archive
 * markdown and news records, Telegram personal chats, Slack bot posts with
 * attachments and blocks, group-message send results saved on their own,
 * LinkedIn-style English headers with "UTC" times, Excel serial dates — and
 * the gate that never passes on nothing. Fixtures are in
 * fixtures/logs/shapes (README there), written in those shapes.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { InputError } from '../../src/errors.js';
import { Clock } from '../../src/logs/time.js';
import { CsvRows } from '../../src/logs/csv-core.js';
import { all, auditFiles, csv, FIXTURES, tmpFile } from './helpers.js';

const shape = (name: string) => join(FIXTURES, 'shapes', name);
/** Audit without --timezone: the zone is decided as on the command line. */
const noZone = { timezone: undefined };

describe('the gate never passes on nothing', () => {
  it('every row skipped: exit 2 (an InputError) saying why, grouped by reason', async () => {
    const f = tmpFile('all-bad.csv', csv([['time', 'text'], ...Array.from({ length: 760 }, (_, i) => [`day ${i}`, 'hello'])]));
    const err = await auditFiles([f]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/no rows to audit: all 760 rows were skipped as unreadable — 760 bad time \(e\.g\. row 1: bad time "day 0"\)/);
  });

  it('a header with no rows, an empty JSON list', async () => {
    await expect(auditFiles([tmpFile('header-only.csv', 'time,text\n')])).rejects.toThrow(/no rows to audit: the file has no data rows/);
    await expect(auditFiles([tmpFile('empty.json', '[]')])).rejects.toThrow(/no rows to audit/);
  });

  it('an unbalanced quote that swallows the rest of the file names the quote', async () => {
    const f = tmpFile('swallow.csv', 'time,text\n2026-11-03 09:00,"hello\n2026-11-03 10:00,world\n2026-11-03 11:00,again"x\n');
    await expect(auditFiles([f])).rejects.toThrow(/no rows to audit: the only row was skipped.*a quote opened on line 2 runs over 3 lines: probably an unbalanced quote/);
  });

  it('an absurd header (2M columns) is not a log', async () => {
    const f = tmpFile('wide.csv', 'time,text' + ',c'.repeat(2_000_000) + '\n2026-11-03 09:00,hi\n');
    await expect(auditFiles([f])).rejects.toThrow(/the header row has 2,000,002 columns: not a log export header/);
  });

  const rows = (bad: number) =>
    csv([
      ['time', 'channel', 'recipient', 'text'],
      ...Array.from({ length: 100 - bad }, (_, i) => ['2026-11-03 10:00', 'direct', `c${i}`, '您的订单已发货，物流信息可在小程序查看']),
      ...Array.from({ length: bad }, (_, i) => [i % 2 ? 'soon' : 'later', 'direct', `x${i}`, 'hello']),
    ]);

  it('--max-skipped: default 1% of the rows read; a count; a percentage', async () => {
    const one = await auditFiles([tmpFile('skip1.csv', rows(1))]);
    expect(one.summary).toMatchObject({ rows: 100, skippedRows: 1, passed: true, maxSkipped: '1%' });
    const two = await auditFiles([tmpFile('skip2.csv', rows(2))]);
    expect(two.summary.passed).toBe(false);
    expect(two.summary.failures.join()).toMatch(/2 of 100 row\(s\) skipped as unreadable, more than --max-skipped 1% \(1 row\): 2 bad time/);
    expect(two.summary.skippedByReason).toEqual([{ reason: 'bad time', count: 2, example: 'bad time "later"', file: expect.stringContaining('skip2.csv'), firstRow: 99, line: 100 }]);
    expect((await auditFiles([tmpFile('skip2b.csv', rows(2))], { maxSkipped: '2' })).summary.passed).toBe(true);
    expect((await auditFiles([tmpFile('skip2c.csv', rows(2))], { maxSkipped: '5%' })).summary.passed).toBe(true);
    expect((await auditFiles([tmpFile('skip2d.csv', rows(2))], { config: { logs: { max_skipped: 0 } } })).summary.passed).toBe(false);
    await expect(auditFiles([tmpFile('skip2e.csv', rows(2))], { maxSkipped: 'many' })).rejects.toThrow(/--max-skipped: expected a number of rows \(10\) or a percentage/);
  });

  it('the summary groups skipped rows by reason, most first', async () => {
    const f = tmpFile('mixed-bad.csv', csv([['time', 'channel', 'text'], ['x', 'direct', 'a'], ['y', 'direct', 'b'], ['2026-11-03 10:00', 'fax', 'c'], ['2026-11-03 10:00', 'direct', 'ok']]));
    const r = await auditFiles([f], { maxSkipped: '100%' });
    expect(r.summary.skippedByReason!.map((x) => [x.reason, x.count])).toEqual([['bad time', 2], ['unknown channel', 1]]);
    expect(r.notes!.join('\n')).toMatch(/3 skipped as unreadable \(2 bad time; 1 unknown channel\)/);
  });
});

describe('times of common exports', () => {
  const clock = new Clock('Asia/Shanghai');
  const iso = (v: unknown) => {
    const t = clock.parse(v);
    return t === undefined ? undefined : new Date(t).toISOString();
  };

  it('zones written after the time: UTC, GMT+8, +0800, an IANA name; ambiguous CST is a reason, not a guess', () => {
    expect(iso('2026-11-03 10:15:00 UTC')).toBe('2026-11-03T10:15:00.000Z');
    expect(iso('2026-11-03 10:15:00 GMT+8')).toBe('2026-11-03T02:15:00.000Z');
    expect(iso('2026-11-03T10:15:00+0800')).toBe('2026-11-03T02:15:00.000Z');
    expect(iso('2026-11-03 10:15 [Europe/Berlin]')).toBe('2026-11-03T09:15:00.000Z');
    expect(iso('2026-11-03 10:15 PST')).toBe('2026-11-03T18:15:00.000Z');
    expect(iso('2026-11-03 10:15 CST')).toBeUndefined();
    expect(clock.problem).toMatch(/ambiguous time zone "CST"/);
    expect(iso('2026-11-03 10:15 nowhere')).toBeUndefined();
  });

  it('Excel serial dates are wall-clock days since 1899-12-30 (45231.375 = 2023-11-01 09:00)', () => {
    expect(iso('45231.375')).toBe('2023-11-01T01:00:00.000Z');
    expect(iso(45231.375)).toBe('2023-11-01T01:00:00.000Z');
    // a number that is no plausible date is not read as one
    expect(iso('12345.5')).toBeUndefined();
  });

  it('0 is a missing time, not 1970', () => {
    expect(iso(0)).toBeUndefined();
    expect(clock.problem).toMatch(/time 0/);
  });

  it('year-last dates: settled by the data, by --date-order, else month first with a warning', () => {
    const notes: string[] = [];
    const c = new Clock('UTC', undefined, (o, e) => notes.push(`${o} ${e}`));
    expect(new Date(c.parse('13/11/2026 09:00')!).toISOString()).toBe('2026-11-13T09:00:00.000Z');
    expect(new Date(c.parse('03/11/2026 09:00')!).toISOString()).toBe('2026-11-03T09:00:00.000Z'); // the order the data showed
    expect(notes).toEqual([]);
    const d = new Clock('UTC', undefined, (o, e) => notes.push(`${o} ${e}`));
    expect(new Date(d.parse('11/03/2026 9:05 PM')!).toISOString()).toBe('2026-11-03T21:05:00.000Z');
    expect(notes).toEqual(['mdy 11/03/2026 9:05 PM']);
    expect(d.parse('13/11/2026')).toBeUndefined();
    expect(d.problem).toMatch(/is not month\/day\/year.*--date-order dmy/);
    expect(new Date(new Clock('UTC', 'dmy').parse('11/03/2026')!).toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });

  it('English export headers (FROM, TO, DATE, CONTENT) with "… UTC" times', async () => {
    const r = await auditFiles([shape('linkedin-messages.csv')]);
    expect(r.summary).toMatchObject({ rows: 2, skippedRows: 0 });
    const m = r.campaigns.flatMap((c) => c.messages);
    expect(m.some((x) => /thanks for connecting!$/.test(x.text!))).toBe(true);
    expect(r.campaigns.map((c) => c.id)).toEqual(['sender:Mia Wong']);
    expect(r.summary.period).toEqual({ from: '2026-11-03 18:15', to: '2026-11-03 18:20' });
  });

  it('Excel serial dates and slash dates in a file; the assumed order is stated', async () => {
    const serial = await auditFiles([shape('excel-serial.csv')]);
    expect(serial.summary).toMatchObject({ rows: 2, skippedRows: 0, period: { from: '2026-11-03 09:00', to: '2026-11-03 18:00' } });
    const slash = await auditFiles([shape('slash-dates.csv')]);
    expect(slash.summary.dateOrder).toEqual({ order: 'mdy', assumed: true, source: 'assumed' });
    expect(slash.warnings.join('\n')).toMatch(/dates like "11\/03\/2026 09:00" do not say whether the day or the month comes first: read as month\/day\/year; pass --date-order dmy/);
    expect(slash.summary.period).toEqual({ from: '2026-11-03 09:00', to: '2026-11-04 10:30' });
    const dmy = await auditFiles([shape('slash-dates-dmy.csv')], { dateOrder: 'dmy' });
    expect(dmy.summary).toMatchObject({ skippedRows: 0, dateOrder: { order: 'dmy', assumed: false, source: 'option' }, period: { from: '2026-11-03 09:00', to: '2026-11-13 10:30' } });
    await expect(auditFiles([shape('slash-dates.csv')], { dateOrder: 'ymd' })).rejects.toThrow(/--date-order: expected mdy/);
  });
});

describe('the time zone is named, with where it came from', () => {
  it('WeChat Work formats default to Asia/Shanghai; Beijing daytime is not quiet hours', async () => {
    const r = await auditFiles([shape('chat-archive-info.jsonl')], noZone);
    expect(r.summary).toMatchObject({ timezone: 'Asia/Shanghai', timezoneSource: 'format', timezoneFrom: 'WeChat Work chat archive' });
    expect(all(r, 'quiet-hours')).toEqual([]);
    expect(r.notes!.join('\n')).toMatch(/Time zone: Asia\/Shanghai \(from the default of WeChat Work exports: WeChat Work chat archive\)/);
    const zh = await auditFiles([join(FIXTURES, 'wecom-export.csv')], noZone);
    expect(zh.summary).toMatchObject({ timezone: 'Asia/Shanghai', timezoneSource: 'format' });
    expect((await auditFiles([join(FIXTURES, 'group-msg.json')], noZone)).summary.timezoneSource).toBe('format');
  });

  it('the option and the config win; the machine zone comes with a warning', async () => {
    expect((await auditFiles([shape('chat-archive-info.jsonl')], { timezone: 'Europe/Paris' })).summary).toMatchObject({ timezone: 'Europe/Paris', timezoneSource: 'option' });
    expect((await auditFiles([shape('chat-archive-info.jsonl')], { ...noZone, config: { timezone: 'Asia/Tokyo' } })).summary).toMatchObject({ timezone: 'Asia/Tokyo', timezoneSource: 'config' });
    const tg = await auditFiles([shape('linkedin-messages.csv')], noZone);
    expect(tg.summary.timezoneSource).toBe('machine');
    expect(tg.warnings.join('\n')).toMatch(/times are read and judged in this machine's time zone, .*pass --timezone/);
  });

  it('Slack: the zone most users have in users.json; a DM is judged in its recipient\'s tz', async () => {
    const r = await auditFiles([shape('slack-bots')], noZone);
    expect(r.summary).toMatchObject({ timezone: 'Asia/Singapore', timezoneSource: 'file', timezoneFrom: 'users.json (2 of 3 users)' });
    const q = all(r, 'quiet-hours');
    // 07:00 UTC: 15:00 in Singapore, 23:00 for Amy in Los Angeles
    expect(q).toEqual([expect.objectContaining({ recipient: 'Amy', timezone: 'America/Los_Angeles', localTime: '2026-11-02T23:00' })]);
  });

  it('log findings say a message was sent, not scheduled', async () => {
    const r = await auditFiles([shape('slack-bots')], noZone);
    const q = all(r, 'quiet-hours')[0]!;
    expect(q.message).toMatch(/sent at 2026-11-02 23:00 America\/Los_Angeles time/);
    expect(q.message).not.toMatch(/[Ss]cheduled/);
    const zh = await auditFiles([shape('slack-bots')], { ...noZone, lang: 'zh' });
    expect(all(zh, 'quiet-hours')[0]!.message).toMatch(/发出/);
    expect(all(zh, 'quiet-hours')[0]!.message).not.toMatch(/计划/);
  });
});

describe('chat archive: text in a top-level info, msgtime 0', () => {
  it('markdown and news records are read from info.content / info.item[]', async () => {
    const r = await auditFiles([shape('chat-archive-info.jsonl')]);
    expect(all(r, 'mass-mention')[0]).toMatchObject({ row: 1, excerpt: '@所有人' });
    expect(all(r, 'absolute-claim')[0]).toMatchObject({ row: 2, excerpt: '全网最低价' });
    expect(r.campaigns.flatMap((c) => c.messages).map((m) => m.text)).toContain('全网最低价 猫砂囤货节\n仅剩最后3小时，手慢无');
  });

  it('msgtime 0 is a missing time: skipped with its reason', async () => {
    const r = await auditFiles([shape('chat-archive-info.jsonl')]);
    expect(r.summary.skipped).toEqual([expect.objectContaining({ row: 3, reason: 'msgtime 0 (no send time recorded)' })]);
    expect(r.summary.period!.from).not.toMatch(/^1970/);
  });
});

describe('a conversation is not a push', () => {
  it('staff-to-staff archive messages are internal, not customer pushes', async () => {
    const r = await auditFiles([shape('chat-archive-info.jsonl')]);
    expect(r.summary.internalRows).toBe(2);
    expect(all(r).filter((f) => f.recipient === 'lisi' || f.recipient === 'zhangsan')).toEqual([]);
  });

  it('our replies in a one-to-one thread the customer started do not count towards the cap (within a day)', async () => {
    const r = await auditFiles([shape('chat-archive-info.jsonl')]);
    // the customer wrote at 13:00; two answers at 15:00 and 16:00
    expect(all(r, 'frequency-cap').filter((f) => f.recipient === 'wmShapeCust004')).toEqual([]);
    expect(r.summary.conversationRows).toBe(2);
    // logs.conversation_window_hours: 0 leaves only the 30-minute reply window: the two answers are pushes again
    const strict = await auditFiles([shape('chat-archive-info.jsonl')], { config: { logs: { conversation_window_hours: 0 } } });
    expect(all(strict, 'frequency-cap').filter((f) => f.recipient === 'wmShapeCust004')).toEqual([expect.objectContaining({ count: 2, cap: 1 })]);
  });

  it('a mass send still counts after the customer wrote: a campaign id, or a template pushed to many', async () => {
    const rows = [['time', 'sender', 'channel', 'recipient', 'direction', 'campaign', 'text']];
    rows.push(['2026-11-03 09:00', 'wmCustMass01', 'direct', 'wmCustMass01', 'in', '', '请问今天营业吗']);
    rows.push(['2026-11-03 09:30', 'mia', 'direct', 'wmCustMass01', 'out', '', '营业的，10点开门']);
    rows.push(['2026-11-03 11:00', 'mia', 'direct', 'wmCustMass01', 'out', 'double11', '双11全场五折，点击链接抢购']);
    rows.push(['2026-11-03 12:00', 'mia', 'direct', 'wmCustMass01', 'out', 'double11-b', '双11第二波：满199减100']);
    const r = await auditFiles([tmpFile('mass-after-chat.csv', csv(rows))]);
    const caps = all(r, 'frequency-cap');
    expect(caps).toEqual([expect.objectContaining({ recipient: 'wmCustMass01', count: 2, cap: 1 })]);
    expect(r.summary.conversationRows).toBe(1);
  });

  it('a Telegram personal chat is a conversation between two people, not sends to the named party', async () => {
    const r = await auditFiles([shape('telegram-personal.json')]);
    expect(r.files![0]!.format).toBe('telegram (json)');
    expect(all(r, 'frequency-cap')).toEqual([]);
    expect(all(r, 'duplicate-blast')).toEqual([]);
    expect(r.summary).toMatchObject({ rows: 11, inboundRows: 5, conversationRows: 6 });
  });
});

describe('Slack exports as they are', () => {
  it('text from attachments (pretext, title, text) and blocks; <!channel> and broadcasts inside them are @all', async () => {
    const r = await auditFiles([shape('slack-bots')]);
    const at = all(r, 'mass-mention');
    expect(at.map((f) => [f.sender, f.excerpt])).toEqual([
      ['Deals Bot', '@channel'],
      ['Mia', '@here'],
    ]);
    const texts = r.campaigns.flatMap((c) => c.messages).map((m) => m.text);
    expect(texts).toContain('@channel Flash sale!\n50% off all cat food\nToday only, shop now at our store https://shop.example.com/cat');
    expect(texts).toContain('Reminder: the store closes early today at 5 pm');
    expect(texts.every((t) => t.trim())).toBe(true);
  });

  it('senders are names (users.json, bot_profile), never bot ids', async () => {
    const r = await auditFiles([shape('slack-bots')]);
    const senders = r.logStats!.senders.map((s) => s.sender);
    expect(senders).toContain('Deals Bot');
    expect(senders.some((s) => /^B0/.test(s))).toBe(false);
  });

  it('bot_add, channel_join and channel_leave are not pushes', async () => {
    const r = await auditFiles([shape('slack-bots')]);
    expect(r.summary.eventRows).toBe(3);
    // three posts in #announcements that day (two bot posts, one by Mia), nothing else
    expect(all(r, 'frequency-cap')).toEqual([expect.objectContaining({ chat: 'C0SHAPEANN', count: 3 })]);
  });

  it('a channel read from several day files is reported under its folder', async () => {
    const r = await auditFiles([join(FIXTURES, 'slack')]);
    const c = r.campaigns.find((x) => x.id === 'group:C01CATS')!;
    expect(c.source).toBe(join(FIXTURES, 'slack', 'cat-lovers-community') + '/');
    // findings still name their day file
    expect(new Set(c.findings.map((f) => f.file!.replace(/^.*\//, '')))).toEqual(new Set(['2026-11-03.json', '2026-11-04.json']));
  });
});

describe('group-message dumps', () => {
  it('a get_groupmsg_send_result response saved without its msgid: a warning that says how to save them, not an empty-text campaign', async () => {
    const err = await auditFiles([shape('groupmsg-send-result.json')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/no rows to audit: all 2 rows were skipped.*group-message send result without msgid/);
    const warnings: string[] = [];
    await auditFiles([shape('groupmsg-send-result.json')], { warn: (m) => warnings.push(m) }).catch(() => undefined);
    expect(warnings[0]).toMatch(/a get_groupmsg_send_result response without its msgid: its 2 send result\(s\) cannot be tied to a message.*save each get_groupmsg_send_result response with the msgid/);
  });

  it('send results saved with their msgid in a later file take the text of the message', async () => {
    const item = tmpFile('gm-items.json', JSON.stringify({ group_msg_list: [{ msgid: 'msgShape01', creator: 'zhangsan', create_time: 1793664000, chat_type: 'single', text: { content: '双11猫粮五折，仅限今天，点击下单' } }] }));
    const results = tmpFile('gm-results.json', JSON.stringify({ msgid: 'msgShape01', send_list: [{ external_userid: 'wmShapeGm0101', userid: 'zhangsan', status: 1, send_time: 1793664060 }] }));
    const r = await auditFiles([item, results]);
    expect(all(r, 'false-urgency').some((f) => f.recipient === 'wmShapeGm0101' && f.campaignId === 'msgShape01')).toBe(true);
  });
});

describe('encodings', () => {
  const telegram = JSON.stringify({ name: 'Клуб любителей кошек', type: 'private_supergroup', id: 77, messages: [{ id: 1, type: 'message', date: '2026-11-03T10:00:00', date_unixtime: '1793671200', from: 'Мия', from_id: 'user1', text: 'Привет всем! Скидка 50% на корм для кошек только сегодня' }] }, null, 1);

  it('a Windows-1251 file is never silently read as GB18030: exit 2 naming the byte and suggesting --encoding', async () => {
    const f = tmpFile('tg-1251.json', iconv.encode(telegram, 'cp1251'));
    const err = await auditFiles([f]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).format()).toMatch(/cannot tell the encoding: byte \d+ \(0x[0-9a-f]{2}\) is not UTF-8, and read as GB18030 the text is not plausible Chinese; name the encoding with --encoding \(try --encoding cp1251/);
  });

  it('--encoding takes any encoding iconv-lite knows (cp1251, windows-1251, big5, shift_jis)', async () => {
    for (const enc of ['cp1251', 'windows-1251']) {
      const r = await auditFiles([tmpFile(`tg-${enc}.json`, iconv.encode(telegram, 'cp1251'))], { encoding: enc });
      expect(r.files![0]).toMatchObject({ format: 'telegram (json)', encoding: enc });
      expect(r.campaigns[0]!.messages[0]!.text).toBe('Привет всем! Скидка 50% на корм для кошек только сегодня');
    }
    const big5 = tmpFile('big5.csv', iconv.encode(csv([['time', 'text'], ['2026-11-03 10:00', '貓糧全館五折，今天限定']]), 'big5'));
    const err = await auditFiles([big5]).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/cannot tell the encoding.*--encoding big5/);
    const r = await auditFiles([big5], { encoding: 'big5' });
    expect(r.campaigns[0]!.messages[0]!.text).toBe('貓糧全館五折，今天限定');
    const sjis = await auditFiles([tmpFile('sjis.csv', iconv.encode(csv([['time', 'text'], ['2026-11-03 10:00', '本日限定セール']]), 'shift_jis'))], { encoding: 'shift_jis' });
    expect(sjis.campaigns[0]!.messages[0]!.text).toBe('本日限定セール');
    await expect(auditFiles([big5], { encoding: 'klingon' })).rejects.toThrow(/--encoding: unknown encoding "klingon"/);
  });

  it('real GB18030 Chinese is still detected', async () => {
    const f = tmpFile('gb.csv', iconv.encode(csv([['发送时间', '消息内容'], ['2026-11-03 10:00', '您好，您预约的洗护服务已确认，明天上午10点见，到店后请出示预约码']]), 'gb18030'));
    const r = await auditFiles([f]);
    expect(r.files![0]!.encoding).toBe('gb18030');
  });
});

describe('CSV edge cases', () => {
  it('mixed line endings (\\n, \\r\\n and \\r in one file) lose no row', async () => {
    const f = tmpFile('mixed-eol.csv', 'time,text\n2026-11-03 10:00,one\r\n2026-11-03 11:00,two\r2026-11-03 12:00,three\n2026-11-03 13:00,four\r');
    const r = await auditFiles([f]);
    expect(r.summary).toMatchObject({ rows: 4, skippedRows: 0 });
    // and a CR that ends one chunk with its LF in the next is one line break
    const rows = new CsvRows('x.csv', ',', {});
    const a = rows.push('time,text\r');
    const b = rows.push('\n2026-11-03 10:00,a\r');
    const c = rows.push('2026-11-03 11:00,b');
    const d = await rows.end();
    expect(a.n + b.n + c.n + d.n).toBe(2);
    expect([...b.lines, ...c.lines, ...d.lines]).toEqual([2, 3]);
  });

  it('a 1M-character field costs time linear in its length', async () => {
    const f = tmpFile('field-1m.csv', `time,text\n2026-11-03 10:00,${'x'.repeat(1_000_000)}\n2026-11-03 11:00,hello\n`);
    const start = Date.now();
    const r = await auditFiles([f], { worker: 'never' });
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(r.summary.rows).toBe(2);
    expect(r.warnings.join('\n')).toMatch(/a text of 1,000,000 characters; the rules read its first 100,000/);
  }, 30_000);

  it('a 10 MB quoted field neither hangs nor overflows the stack (inline and in the worker)', async () => {
    const f = tmpFile('field-10m.csv', `time,text\n2026-11-03 10:00,"${'ab "" cd\n'.repeat(1_100_000)}"\n2026-11-03 11:00,hello\n`);
    for (const worker of ['never', 'always'] as const) {
      const start = Date.now();
      const r = await auditFiles([f], { worker });
      expect(Date.now() - start).toBeLessThan(20_000);
      expect(r.summary).toMatchObject({ rows: 2, skippedRows: 0 });
    }
  }, 60_000);
});
