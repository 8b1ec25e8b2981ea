import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { InputError } from '../../src/errors.js';
import { all, auditFiles, csv, FIXTURES, tmpFile } from './helpers.js';

const fixture = (name: string) => join(FIXTURES, name);

describe('CSV with Chinese export headers', () => {
  it('reads 发送时间/发送人/渠道/群ID/群名称/客户/消息内容/群发任务 and groups campaigns by 群发任务', async () => {
    const r = await auditFiles([fixture('wecom-export.csv')]);
    expect(r.summary.rows).toBe(7);
    expect(r.summary.skippedRows).toBe(0);
    expect(r.campaigns.map((c) => c.id)).toEqual(['双11猫粮', '积分提醒', '双11短信']);
    const at = all(r, 'mass-mention')[0]!;
    // row 1 is on line 2, under the header
    expect(at).toMatchObject({ row: 1, line: 2, excerpt: '@所有人', chat: 'wr001', campaignId: '双11猫粮', sentAt: '2026-11-03 09:00' });
    expect(all(r, 'off-topic-selling')[0]!.message).toContain('萌爪养猫交流群');
  });

  it('reads Traditional Chinese headers (群發任務, 訊息內容) and Excel-style dates (2026/11/3 9:00)', async () => {
    const r = await auditFiles([fixture('zh-tw-export.csv')]);
    expect(r.campaigns.map((c) => c.id).sort()).toEqual(['出貨通知', '貓糧促銷']);
    const at = all(r, 'mass-mention')[0]!;
    expect(at.excerpt).toBe('@全體成員');
    expect(at.sentAt).toBe('2026-11-03 09:00');
    // the shipping notice is service, not noise
    expect(r.campaigns.find((c) => c.id === '出貨通知')!.findings).toEqual([]);
  });

  it('reads a UTF-8 BOM before the header', async () => {
    const text = readFileSync(fixture('wecom-export.csv'), 'utf8');
    const r = await auditFiles([tmpFile('bom.csv', '\uFEFF' + text)]);
    expect(r.summary.rows).toBe(7);
    expect(all(r, 'mass-mention')).toHaveLength(1);
  });
});

describe('TSV, epoch times, English headers', () => {
  it('detects tabs and reads epoch seconds and milliseconds in the time zone', async () => {
    const r = await auditFiles([fixture('en-export.tsv')]);
    expect(r.files).toEqual([expect.objectContaining({ format: 'tsv', encoding: 'utf8' })]);
    expect(all(r, 'mass-mention')[0]).toMatchObject({ excerpt: '@everyone', sentAt: '2026-11-03 09:00' });
    // the second post (epoch ms, 10:00) is the group's second of the day
    expect(all(r, 'frequency-cap')[0]).toMatchObject({ row: 2, chat: 'g-cat', window: '2026-11-03', count: 2, cap: 1, excerpt: '2026-11-03 10:00' });
  });
});

describe('column mapping', () => {
  it('names the columns it found when time is missing', async () => {
    await expect(auditFiles([fixture('mapped.csv')])).rejects.toThrow(/missing required column\(s\) time; the header has: Sent On, Agent, Via, Customer, Body/);
  });

  it('--map time=… (and channel=…) reads any header', async () => {
    const r = await auditFiles([fixture('mapped.csv')], { map: ['time=Sent On', 'channel=Via', 'sender=Agent'] });
    expect(r.summary.rows).toBe(2);
    const f = all(r, 'frequency-cap');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ recipient: 'cust-1', count: 2, sender: 'mia' });
  });

  it('the config’s logs.columns does the same', async () => {
    const r = await auditFiles([fixture('mapped.csv')], { config: { logs: { columns: { time: 'Sent On', channel: 'Via' } } } });
    expect(all(r, 'frequency-cap')).toHaveLength(1);
  });

  it('a --map naming a header the file lacks is an error', async () => {
    await expect(auditFiles([fixture('mapped.csv')], { map: ['time=Sent At'] })).rejects.toThrow(/does not have: time=Sent At/);
  });
});

describe('encodings', () => {
  const text = readFileSync(fixture('wecom-export.csv'), 'utf8');
  const expected = async () => (await auditFiles([fixture('wecom-export.csv')])).campaigns.flatMap((c) => c.findings.map((f) => `${f.ruleId}@${f.row}`));

  it.each([
    ['GB18030 (Excel on Chinese Windows)', 'gb18030', () => iconv.encode(text, 'gb18030'), 'gb18030'],
    ['GBK', 'gbk', () => iconv.encode(text, 'gbk'), 'gb18030'],
    ['UTF-16LE with BOM', 'u16le', () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), 'utf16le'],
    ['UTF-16BE with BOM', 'u16be', () => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]), 'utf16be'],
  ])('%s is detected and gives the same findings', async (_, name, bytes, encoding) => {
    const r = await auditFiles([tmpFile(`${name}.csv`, bytes())]);
    expect(r.files![0]!.encoding).toBe(encoding);
    expect(r.campaigns.flatMap((c) => c.findings.map((f) => `${f.ruleId}@${f.row}`))).toEqual(await expected());
    expect(all(r, 'mass-mention')[0]!.excerpt).toBe('@所有人');
  });

  it('--encoding utf8 on a GB18030 file is a clear error naming the line', async () => {
    const file = tmpFile('gb-forced.csv', iconv.encode(text, 'gb18030'));
    const err = await auditFiles([file], { encoding: 'utf8' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).format()).toMatch(/gb-forced\.csv:1: not valid UTF-8 .*--encoding gb18030/);
  });

  it('an English header over GB18030 rows switches encoding with a note instead of failing', async () => {
    // more than the first chunk read (1 MB, where the encoding is detected) of plain ASCII before the first Chinese row
    // (one text for every row: 30,000 distinct texts would each run the rules, and the reader is what is tested)
    const ascii = Array.from({ length: 30_000 }, (_, i) => `2026-11-03 09:00,direct,c${i},Your order has shipped, thank you`).join('\n');
    const body = `time,channel,recipient,text\n${ascii}\n2026-11-03 09:00,direct,c1,@所有人 今晚8点开抢\n`;
    const r = await auditFiles([tmpFile('ascii-head.csv', iconv.encode(body, 'gb18030'))]);
    expect(r.files![0]!.encoding).toBe('utf8');
    expect(r.summary.rows).toBe(30_001);
    expect(r.warnings.join('\n')).toMatch(/reading it as GB18030/);
    expect(all(r, 'mass-mention')[0]!.excerpt).toBe('@所有人');
  });

  it('a file that ends inside a UTF-8 character is reported as truncated', async () => {
    const bytes = Buffer.from('time,text\n2026-11-03 09:00,今晚见', 'utf8');
    await expect(auditFiles([tmpFile('cut.csv', bytes.subarray(0, bytes.length - 1))])).rejects.toThrow(/truncated/);
  });
});

describe('JSON and JSON Lines of the same fields', () => {
  const records = [
    { time: 1793667600000, sender: 'mia', channel: 'direct', recipient: 'c-1', text: 'Hi Ben, 20% off today only, shop now', campaign: 'promo' },
    { time: '2026-11-03T19:00:00+08:00', sender: 'mia', channel: 'direct', recipient: 'c-1', text: 'Hi Ben, your order has shipped', campaign: 'promo' },
  ];

  it('reads a JSON array (streamed, one row per element) with epoch ms and ISO times', async () => {
    const r = await auditFiles([tmpFile('a.json', JSON.stringify(records, null, 2))]);
    expect(r.summary.rows).toBe(2);
    expect(all(r, 'frequency-cap')[0]).toMatchObject({ recipient: 'c-1', row: 2, count: 2 });
    expect(all(r, 'false-urgency')[0]).toMatchObject({ row: 1, line: 2 });
  });

  it('reads JSON Lines with a row per line', async () => {
    const r = await auditFiles([tmpFile('a.jsonl', records.map((x) => JSON.stringify(x)).join('\n') + '\n')]);
    expect(r.files![0]!.format).toBe('jsonl');
    expect(all(r, 'frequency-cap')[0]).toMatchObject({ row: 2, line: 2 });
  });

  it('a bad JSON line is one skipped row; a cut-off last line says truncated', async () => {
    const lines = [JSON.stringify(records[0]), '{"time": oops}', JSON.stringify(records[1])];
    const r = await auditFiles([tmpFile('b.jsonl', lines.join('\n') + '\n')]);
    expect(r.summary.skippedRows).toBe(1);
    expect(r.summary.skipped![0]).toMatchObject({ row: 2, line: 2, reason: expect.stringMatching(/bad JSON/) });
    await expect(auditFiles([tmpFile('c.jsonl', lines[0] + '\n{"time": 17936')])).rejects.toThrow(/truncated: the last line is not complete JSON/);
  });

  it('a JSON array that is cut short is reported as truncated, naming the element', async () => {
    const text = JSON.stringify(records, null, 2);
    await expect(auditFiles([tmpFile('cut.json', text.slice(0, text.length - 20))])).rejects.toThrow(/truncated: the JSON document ends inside element 2/);
  });
});

describe('WeChat Work chat archive', () => {
  it('reads text and mixed messages, counts recalls and switches as events, and knows the customer’s side', async () => {
    const r = await auditFiles([fixture('chat-archive.jsonl')]);
    expect(r.summary).toMatchObject({ rows: 14, skippedRows: 0, inboundRows: 1 });
    // the @所有人 is inside a mixed message's JSON-string item
    expect(all(r, 'mass-mention')[0]).toMatchObject({ row: 4, chat: 'wrCatClub0001', excerpt: '@所有人' });
    // row 3 answers the customer's complaint on row 2 (from wm…): judged as a reply, not counted as a push
    expect(all(r, 'defensive-reply')[0]).toMatchObject({ row: 3, excerpt: '其实是因为', recipient: 'wmAbCdEfGh0001' });
    expect(all(r, 'frequency-cap').filter((f) => f.recipient === 'wmAbCdEfGh0001')).toEqual([]);
  });

  it('flags staff adding customers without consent: join events and change_external_chat JoinScene 0', async () => {
    const r = await auditFiles([fixture('chat-archive.jsonl')]);
    const invites = all(r, 'unsolicited-invite');
    // 0001 invited; 0002 consent: true; 0003 QR code; 0004 a later consent record; 0005 JoinScene 0; 0006 JoinScene 3
    expect(invites.map((f) => f.recipient)).toEqual(['wmNewCust0001', 'wmNewCust0005']);
    expect(invites[0]).toMatchObject({ chat: 'wrCatClub0001', inviter: 'lisi', row: 8 });
    expect(invites[0]!.message).toMatch(/lisi added customer wmNewCust0001/);
  });

  it('names groups from the config’s logs.chats when the archive has ids only', async () => {
    const r = await auditFiles([fixture('chat-archive.jsonl')], { config: { logs: { chats: { wrCatClub0001: '萌爪养猫交流群' } } } });
    expect(r.campaigns.find((c) => c.id === 'group:wrCatClub0001')!.name).toBe('萌爪养猫交流群');
    // now the group is known to be a sharing group: the sale in it is off-topic
    expect(all(r, 'off-topic-selling')[0]).toMatchObject({ row: 4 });
  });
});

describe('WeChat Work group-message API dump', () => {
  it('reads one row per send result; status 0 and 2 were not delivered; status 3 is over-cap evidence', async () => {
    const r = await auditFiles([fixture('group-msg.json')]);
    expect(r.summary).toMatchObject({ rows: 6, notDelivered: 2, refusedSends: 1 });
    const caps = all(r, 'frequency-cap');
    // wmGroupMsg0002: the platform refused the send (already received a group message that day)
    expect(caps.find((f) => f.recipient === 'wmGroupMsg0002')).toMatchObject({ window: '2026-11-03', refused: 1, count: 2, cap: 1, row: 2 });
    // wmGroupMsg0001 received two mass messages on the same day
    expect(caps.find((f) => f.recipient === 'wmGroupMsg0001')).toMatchObject({ window: '2026-11-03', count: 2, row: 5, campaignId: 'msgGCAAAXtWyujaWJHDDGi0mACBBBB' });
    expect(caps).toHaveLength(2);
    // content findings are stamped only on rows that were delivered
    expect(all(r, 'false-urgency').map((f) => f.row)).toEqual([1]);
  });
});

describe('Telegram Desktop export', () => {
  it('reads result.json: text entities, replies, invites and joins by link', async () => {
    const r = await auditFiles([join(FIXTURES, 'telegram', 'result.json')]);
    expect(r.campaigns.map((c) => [c.id, c.name])).toEqual([['group:1780001234', 'Cat Club 猫友交流群']]);
    // a sale in reply to a member's cat photo: the pivot the rulebook describes
    const pivot = all(r, 'off-topic-selling')[0]!;
    expect(pivot).toMatchObject({ row: 3, excerpt: '20% off' });
    expect(all(r, 'unsolicited-invite').map((f) => [f.recipient, f.inviter])).toEqual([['Leo Chen', 'Mia (staff)']]);
  });
});

describe('Telegram export of all chats', () => {
  it('reads chats.list, each chat with its own name', async () => {
    const one = JSON.parse(readFileSync(join(FIXTURES, 'telegram', 'result.json'), 'utf8'));
    const other = { name: 'Deals 福利群', type: 'public_supergroup', id: 42, messages: [{ id: 1, type: 'message', date: '2026-11-04T10:00:00', date_unixtime: '1793757600', from: 'Mia (staff)', text: '@all freeze-dried treats buy one get one free, order here' }] };
    const file = tmpFile('tg-all.json', JSON.stringify({ about: 'export', chats: { about: 'chats', list: [one, other] } }, null, 1));
    const r = await auditFiles([file]);
    expect(r.campaigns.map((c) => c.name)).toEqual(['Cat Club 猫友交流群', 'Deals 福利群']);
    expect(all(r, 'mass-mention')[0]).toMatchObject({ chat: '42', excerpt: '@all' });
    // selling in a deals group is its purpose
    expect(all(r, 'off-topic-selling').map((f) => f.chat)).toEqual(['1780001234']);
    expect(r.files![0]!.streamed).toBe(false);
  });
});

describe('Slack export folder', () => {
  it('maps <!channel> and <!here|here> to @-all pings, reads per-day files and invites', async () => {
    const r = await auditFiles([join(FIXTURES, 'slack')], { config: { logs: { staff: ['Mia Wong'] } } });
    const pings = all(r, 'mass-mention');
    expect(pings.map((f) => [f.excerpt, f.file.endsWith('2026-11-03.json') ? 'day1' : 'day2', f.row])).toEqual([
      ['@channel', 'day1', 3],
      ['@here', 'day2', 1],
    ]);
    expect(all(r, 'unsolicited-invite')[0]).toMatchObject({ recipient: 'Ivy', inviter: 'Mia', chat: 'C01CATS' });
    // with staff named, a member's own post is not a push: no frequency finding for the channel
    expect(all(r, 'frequency-cap')).toEqual([]);
    expect(r.summary.inboundRows).toBe(1);
  });
});

describe('malformed rows', () => {
  it('skips them with row numbers and reasons, and audits the rest', async () => {
    const r = await auditFiles([fixture('bad-rows.csv')]);
    expect(r.summary.rows).toBe(5);
    expect(r.summary.skippedRows).toBe(3);
    expect(r.summary.skipped).toEqual([
      { file: fixture('bad-rows.csv'), row: 2, line: 3, reason: 'bad time "yesterday"' },
      { file: fixture('bad-rows.csv'), row: 3, line: 4, reason: 'unknown channel "fax" (group | direct | moments | sms)' },
      { file: fixture('bad-rows.csv'), row: 4, line: 5, reason: 'expected 5 columns, found 4' },
    ]);
    expect(r.warnings[0]).toBe(`${fixture('bad-rows.csv')}:3: row 2 skipped: bad time "yesterday"`);
  });

  it('--strict stops at the first one, naming file, line and row', async () => {
    const err = await auditFiles([fixture('bad-rows.csv')], { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).format()).toBe(`${fixture('bad-rows.csv')}:3: row 2: bad time "yesterday" (--strict stops at the first malformed row)`);
  });

  it('an unclosed quote is a truncated file, not a silently swallowed rest', async () => {
    const file = tmpFile('unclosed.csv', csv([['time', 'text'], ['2026-11-03 09:00', 'ok']]) + '2026-11-03 10:00,"never closed\n2026-11-03 11:00,lost\n');
    await expect(auditFiles([file])).rejects.toThrow(/truncated or malformed CSV: the quoted field that starts on line 3 is never closed \(1 rows read before it\)/);
  });

  it('counts lines across multi-line cells and blank lines', async () => {
    const file = tmpFile('multiline.csv', 'time,channel,recipient,text\n2026-11-03 09:00,direct,a,"line one\nline two"\n\n2026-11-03 10:00,direct,a,@all sale today\n');
    const f = all(await auditFiles([file]), 'mass-mention')[0]!;
    expect(f).toMatchObject({ row: 2, line: 5 });
  });
});
