import { describe, expect, it } from 'vitest';
import { all, auditFiles, csv, tmpFile } from './helpers.js';

const HEAD = ['time', 'sender', 'channel', 'chat', 'chat_name', 'recipient', 'text', 'campaign'];
let n = 0;
/** A CSV log from rows [time, channel, chat or recipient, text, campaign?]. */
async function log(rows: Array<[string, string, string, string, string?]>, opts: Parameters<typeof auditFiles>[1] = {}) {
  const body = rows.map(([time, channel, who, text, campaign]) => [time, 'mia', channel, channel === 'group' ? who : '', channel === 'group' ? `${who}交流群` : '', channel === 'group' ? '' : who, text, campaign ?? '']);
  return auditFiles([tmpFile(`w${++n}.csv`, csv([HEAD, ...body]))], opts);
}

describe('frequency-cap over logs', () => {
  it('fires once per customer and local day over the cap, carrying recipient, window, count and cap', async () => {
    const r = await log([
      ['2026-11-03 09:00', 'direct', 'c1', '新品上架，欢迎选购'],
      ['2026-11-03 19:00', 'direct', 'c1', '周末特惠活动预告'],
      ['2026-11-03 21:00', 'direct', 'c1', '会员日积分翻倍'],
      ['2026-11-03 09:00', 'direct', 'c2', '新品上架，欢迎选购'],
      ['2026-11-04 09:00', 'direct', 'c2', '周末特惠活动预告'],
    ]);
    const f = all(r, 'frequency-cap');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ recipient: 'c1', window: '2026-11-03', period: 'day', count: 3, cap: 1, row: 2 });
  });

  it('judges the day in the time zone: 23:30 and 00:30 are two days in Shanghai, one in UTC', async () => {
    const rows: Array<[string, string, string, string]> = [
      ['2026-11-03T15:30:00Z', 'direct', 'c1', '新品上架，欢迎选购'],
      ['2026-11-03T16:30:00Z', 'direct', 'c1', '周末特惠活动预告'],
    ];
    expect(all(await log(rows), 'frequency-cap')).toHaveLength(0);
    expect(all(await log(rows, { timezone: 'UTC' }), 'frequency-cap')).toHaveLength(1);
  });

  it('counts direct and SMS to the same customer together, and groups per chat', async () => {
    const r = await log([
      ['2026-11-03 09:00', 'direct', 'c1', '新品上架，欢迎选购'],
      ['2026-11-03 12:00', 'sms', 'c1', '【萌爪】新品上架 回T退订'],
      ['2026-11-03 09:00', 'group', 'wr1', '今天的养猫小知识：换粮要慢慢来'],
      ['2026-11-03 20:00', 'group', 'wr1', '明晚的分享会大家记得来'],
      ['2026-11-03 20:00', 'group', 'wr2', '明晚的分享会大家记得来'],
    ]);
    const f = all(r, 'frequency-cap');
    expect(f.map((x) => x.recipient ?? x.chat).sort()).toEqual(['c1', 'wr1']);
  });

  it('uses the presets: weekly (7 in rolling 7 days) and legacy-monthly (4 a month)', async () => {
    const rows: Array<[string, string, string, string]> = Array.from({ length: 8 }, (_, i) => [`2026-11-${String(3 + i).padStart(2, '0')} 10:00`, 'direct', 'c1', `第${i + 1}期会员专享内容`]);
    const weekly = all(await log(rows, { config: { rules: { 'frequency-cap': { preset: 'weekly' } } } }), 'frequency-cap');
    // 8 sends on 8 days: days 1-7 hold 7 (at the cap), days 2-8 hold 7 too; only a window starting at the first send and holding 8 would break it
    expect(weekly).toHaveLength(0);
    const dense = rows.slice(0, 6).concat([['2026-11-08 20:00', 'direct', 'c1', '再提醒一次'], ['2026-11-09 09:00', 'direct', 'c1', '最后提醒']]);
    const w = all(await log(dense, { config: { rules: { 'frequency-cap': { preset: 'weekly' } } } }), 'frequency-cap');
    expect(w).toEqual([expect.objectContaining({ period: 'week', window: '2026-11-03/2026-11-09', count: 8, cap: 7, recipient: 'c1' })]);
    const monthly = all(await log(rows, { config: { rules: { 'frequency-cap': { preset: 'legacy-monthly' } } } }), 'frequency-cap');
    expect(monthly).toEqual([expect.objectContaining({ period: 'month', window: '2026-11', count: 8, cap: 4, row: 5 })]);
  });

  it('a reply to the customer is conversation, not a push', async () => {
    const file = tmpFile('reply.csv', csv([
      ['time', 'channel', 'recipient', 'text', 'reply_to'],
      ['2026-11-03 09:00', 'direct', 'c1', '新品上架，欢迎选购', ''],
      ['2026-11-03 10:00', 'direct', 'c1', '可以的，明天给您寄出', '请问能明天发货吗？'],
    ]));
    expect(all(await auditFiles([file]), 'frequency-cap')).toEqual([]);
  });
});

describe('duplicate-blast', () => {
  it('fires when the same content reaches the same customer again within 7 days, names and links masked', async () => {
    const r = await log([
      ['2026-11-03 10:00', 'direct', 'c1', '亲爱的王芳，冻干零食第二件半价，点击 https://s.example.com/a1 下单'],
      ['2026-11-06 10:00', 'direct', 'c1', '亲爱的芳芳，冻干零食第二件半价!点击 https://s.example.com/b2 下单'],
      // another customer, the same text: not a duplicate for anyone
      ['2026-11-03 10:00', 'direct', 'c2', '亲爱的陈静，冻干零食第二件半价，点击 https://s.example.com/a3 下单'],
    ]);
    const d = all(r, 'duplicate-blast');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ recipient: 'c1', window: '2026-11-03/2026-11-09', count: 2, cap: 1, row: 2, firstRow: 1 });
  });

  it('Traditional and Simplified, spacing and emoji do not make it new content', async () => {
    const r = await log([
      ['2026-11-03 10:00', 'group', 'wr1', '本週六讀書會改到下午三點，地點不變'],
      ['2026-11-05 10:00', 'group', 'wr1', '本周六读书会改到下午三点 地点不变 🙂'],
    ]);
    expect(all(r, 'duplicate-blast')[0]).toMatchObject({ chat: 'wr1', count: 2 });
  });

  it('does not fire 8 days later, on different content, or on short replies', async () => {
    const r = await log([
      ['2026-11-03 10:00', 'direct', 'c1', '亲爱的王芳，冻干零食第二件半价，点击下单'],
      ['2026-11-11 10:00', 'direct', 'c1', '亲爱的王芳，冻干零食第二件半价，点击下单'],
      ['2026-11-04 10:00', 'direct', 'c1', '您预约的洗护服务已确认，到店请出示预约码'],
      ['2026-11-04 11:00', 'direct', 'c3', '好的'],
      ['2026-11-04 12:00', 'direct', 'c3', '好的'],
    ]);
    expect(all(r, 'duplicate-blast')).toEqual([]);
  });

  it('the window is an option: 14 days catches the send 8 days later', async () => {
    const rows: Array<[string, string, string, string]> = [
      ['2026-11-03 10:00', 'direct', 'c1', 'Hi Anna, our autumn menu is here, order ahead in the app'],
      ['2026-11-11 10:00', 'direct', 'c1', 'Hi Anna, our autumn menu is here, order ahead in the app'],
    ];
    expect(all(await log(rows, { config: { rules: { 'duplicate-blast': { window_days: 14 } } } }), 'duplicate-blast')).toHaveLength(1);
  });
});

describe('quiet hours in logs', () => {
  it('flags sends between 22:00 and 08:00 local, even service ones, but not replies', async () => {
    const file = tmpFile('quiet.csv', csv([
      ['time', 'channel', 'recipient', 'text', 'reply_to'],
      ['2026-11-03 23:30', 'direct', 'c1', '您的订单已发货，物流信息可在小程序查看', ''],
      ['2026-11-03 07:59', 'direct', 'c2', 'Morning! New cold brew is in', ''],
      ['2026-11-03 08:00', 'direct', 'c3', 'Morning! New cold brew is in', ''],
      ['2026-11-03 23:40', 'direct', 'c4', '好的，已经帮您登记了', '我明天早上过去取可以吗'],
    ]));
    const q = all(await auditFiles([file]), 'quiet-hours');
    expect(q.map((f) => [f.row, f.excerpt])).toEqual([
      [1, '2026-11-03 23:30'],
      [2, '2026-11-03 07:59'],
    ]);
    expect(q[0]!.message).toMatch(/service/i);
  });
});

describe('@all per group and week, selling share, top offenders', () => {
  it('counts @all pings per group and ISO week, selling per group, in logStats', async () => {
    const r = await log([
      ['2026-11-02 10:00', 'group', 'wr1', '@所有人 周日分享会照片已上传'],
      ['2026-11-03 10:00', 'group', 'wr1', '@all 猫粮五折，点击下单'],
      ['2026-11-04 10:00', 'group', 'wr1', '@全体成员 本周六活动改期'],
      ['2026-11-05 10:00', 'group', 'wr1', '今天聊聊猫咪换粮的经验'],
      ['2026-11-03 10:00', 'group', 'wr2', '@所有人 今晚直播'],
    ]);
    const s = r.logStats!;
    // 2026-11-02 is a Monday: it starts ISO week 45, with 11-03…11-05
    expect(s.atAllPerGroupWeek).toEqual([
      { chat: 'wr1', week: '2026-W45', count: 3 },
      { chat: 'wr2', week: '2026-W45', count: 1 },
    ]);
    const g1 = s.groups.find((g) => g.chat === 'wr1')!;
    expect(g1).toEqual({ chat: 'wr1', name: 'wr1交流群', type: 'sharing', messages: 4, atAll: 3, selling: 1, sellingShare: 0.25 });
    expect(all(r, 'mass-mention')).toHaveLength(4);
    expect(s.senders).toEqual([{ sender: 'mia', messages: 5, findings: r.summary.findings }]);
    expect(r.extraTables!.map((t) => t.title)).toEqual(['Top groups by findings', 'Top senders by findings']);
  });

  it('splits @all counts at the ISO week boundary (Sunday → Monday)', async () => {
    const r = await log([
      ['2026-11-08 21:00', 'group', 'wr1', '@所有人 本周总结'],
      ['2026-11-09 09:00', 'group', 'wr1', '@所有人 新一周的打卡开始了'],
    ]);
    expect(r.logStats!.atAllPerGroupWeek.map((x) => x.week)).toEqual(['2026-W45', '2026-W46']);
  });

  it('histogram of pushes per customer against the daily cap', async () => {
    const r = await log([
      ['2026-11-03 09:00', 'direct', 'c1', '新品上架'],
      ['2026-11-03 19:00', 'direct', 'c1', '周末特惠'],
      ['2026-11-03 09:00', 'direct', 'c2', '新品上架'],
      ['2026-11-04 09:00', 'direct', 'c3', '新品上架'],
    ]);
    expect(r.logStats!.pushesPerRecipient).toEqual({ cap: 1, window: 'day', histogram: [{ pushes: 1, recipients: 2 }, { pushes: 2, recipients: 1 }] });
    expect(r.logStats!.sendsPerDay).toEqual([{ date: '2026-11-03', count: 3 }, { date: '2026-11-04', count: 1 }]);
  });
});

describe('a mass send', () => {
  it('is one message; its finding is stamped on every row, the first rows listed and the rest counted', async () => {
    const names = '张伟 王芳 李娜 刘洋 陈静 杨帆 赵磊 黄敏 周杰 吴婷'.split(' ');
    // rendered names differ per row; the template is one
    const rows: Array<[string, string, string, string, string]> = Array.from({ length: 30 }, (_, i) => ['2026-11-03 10:00', 'direct', `c${i}`, `亲爱的${names[i % 10]}，全场五折，手慢无`, 'blast']);
    const r = await log(rows, { maxRowsPerFinding: 10 });
    const c = r.campaigns[0]!;
    // one message (the template), thirty sends
    expect(c.messages).toHaveLength(1);
    expect(c.messages[0]!.sends).toBe(30);
    const urgency = all(r, 'false-urgency');
    expect(urgency.map((f) => f.row)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(urgency[9]!.moreRows).toBe(20);
    // the deal's selling pressure (a discount and a countdown) is stamped on the same rows
    const pressure = all(r, 'selling-pressure');
    expect(pressure).toHaveLength(10);
    expect(r.summary.unlistedFindings).toBe(40);
    expect(r.summary.unlistedByRule).toEqual({ 'false-urgency': 20, 'selling-pressure': 20 });
    // scored once: the campaign loses each rule's points once, not thirty times
    expect(c.noise).toBeCloseTo(urgency[0]!.penalty + pressure[0]!.penalty, 5);
  });

  it('posted to many groups is listed group by group, under the default limit too: every pinged group is news', async () => {
    const rows: Array<[string, string, string, string, string]> = Array.from({ length: 30 }, (_, i) => ['2026-11-03 10:00', 'group', `wr${String(i).padStart(3, '0')}`, '@所有人 今晚8点直播间全场五折', 'live']);
    const r = await log(rows);
    const pings = all(r, 'mass-mention');
    expect(pings).toHaveLength(30);
    expect(new Set(pings.map((f) => f.chat)).size).toBe(30);
    expect(pings.some((f) => f.moreRows)).toBe(false);
    // still scored once for the campaign: the noise is the first post's findings, not thirty times them
    const first = r.campaigns[0]!.findings.filter((f) => f.row === 1);
    expect(r.campaigns[0]!.noise).toBeCloseTo(first.reduce((n, f) => n + f.penalty, 0), 5);
  });

  it('lists every row with --max-rows-per-finding 0', async () => {
    const rows: Array<[string, string, string, string, string]> = Array.from({ length: 25 }, (_, i) => ['2026-11-03 10:00', 'direct', `c${i}`, '全场五折，手慢无', 'blast']);
    expect(all(await log(rows, { maxRowsPerFinding: 0 }), 'false-urgency')).toHaveLength(25);
  });
});

describe('--since / --until', () => {
  it('keeps rows in the window (dates are whole local days) and counts the rest as filtered', async () => {
    const rows: Array<[string, string, string, string]> = [
      ['2026-10-31 23:59', 'direct', 'c1', '@所有人 十月最后一天'],
      ['2026-11-01 00:00', 'direct', 'c1', '@所有人 十一月第一天'],
      ['2026-11-30 23:59', 'direct', 'c2', '@所有人 十一月最后一天'],
      ['2026-12-01 00:00', 'direct', 'c2', '@所有人 十二月第一天'],
    ];
    const r = await log(rows, { since: '2026-11-01', until: '2026-11-30' });
    expect(all(r, 'mass-mention').map((f) => f.row)).toEqual([2, 3]);
    expect(r.summary.filteredRows).toBe(2);
    const t = await log(rows, { since: '2026-11-30T12:00' });
    expect(all(t, 'mass-mention').map((f) => f.row)).toEqual([3, 4]);
  });

  it('rejects a bound that is not a date', async () => {
    await expect(log([['2026-11-03 10:00', 'direct', 'c1', 'x']], { since: 'last week' })).rejects.toThrow(/--since: expected a date/);
  });
});

describe('the gate line on a big log', () => {
  it('names the twenty lowest campaigns and counts the rest', async () => {
    const rows: Array<[string, string, string, string]> = Array.from({ length: 25 }, (_, i) => ['2026-11-03 10:00', 'group', `g${String(i).padStart(2, '0')}`, '@所有人 猫粮五折，点击下单']);
    const r = await log(rows);
    expect(r.summary.failures[0]).toMatch(/^25 campaign\(s\) scored under 60: group:g00 \(\d+\), .* and 5 more$/);
  });
});


describe('the bound on listed row findings', () => {
  // A chat archive's one-to-one texts are nearly all distinct: each is its own message, so the
  // per-message folding never applies and only the bound in all keeps the report a readable size.
  const products = '猫粮 狗粮 猫砂 冻干 罐头 逗猫棒 牵引绳 猫抓板 宠物床 洗护套装'.split(' ');
  const rows = (n: number): Array<[string, string, string, string, string]> =>
    Array.from({ length: n }, (_, i) => [
      `2026-11-0${3 + (i % 5)} 10:${String(i % 60).padStart(2, '0')}`,
      'direct',
      `c${i}`,
      // distinct texts, all selling (info); every third one urgent too (warning)
      `${products[i % 10]}第${i + 1}号单品特价${50 + i}元${i % 3 === 0 ? '，今天最后一天，手慢无' : ''}，点击下单`,
      'chat',
    ]);

  it('holds for distinct texts too: past it findings are counted, the scores and the gate unchanged', async () => {
    const every = await log(rows(60), { maxRowsPerFinding: 0 });
    const bounded = await log(rows(60), { rowFindingsListed: 10 });
    const listed = bounded.campaigns.flatMap((c) => c.findings);
    const all = every.campaigns.flatMap((c) => c.findings);
    expect(all.length).toBeGreaterThan(60);
    expect(listed).toHaveLength(10);
    expect(bounded.summary.unlistedFindings).toBe(all.length - 10);
    // every point still counts once per (rule, message): the same scores as with every row listed
    for (const k of ['score', 'noise', 'snr', 'intrusiveness', 'signal'] as const) expect(bounded.campaigns.map((c) => c[k])).toEqual(every.campaigns.map((c) => c[k]));
    // and the gate counts every finding, listed or not
    for (const k of ['errors', 'warnings', 'infos'] as const) expect(bounded.summary[k]).toBe(every.summary[k]);
    expect(bounded.summary.warnings).toBeGreaterThan(listed.filter((f) => f.severity === 'warning').length);
  });

  it('never passes a warnings gate that the findings past it would fail', async () => {
    const unbounded = await log(rows(30), { maxRowsPerFinding: 0, maxWarnings: 5 });
    const bounded = await log(rows(30), { rowFindingsListed: 3, maxWarnings: 5 });
    expect(unbounded.summary.passed).toBe(false);
    expect(bounded.summary.passed).toBe(false);
    expect(bounded.summary.failures).toEqual(unbounded.summary.failures);
  });
});

describe('past the bound on listed row findings', () => {
  it('a template repeated to many customers after the bound is counted, never a crash, and scored once', async () => {
    const rows: Array<[string, string, string, string, string]> = [
      ...Array.from({ length: 5 }, (_, i): [string, string, string, string, string] => ['2026-11-03 10:00', 'direct', `a${i}`, `新品第${i + 1}款特价${60 + i}元，点击下单`, 'new']),
      ...Array.from({ length: 40 }, (_, i): [string, string, string, string, string] => ['2026-11-04 10:00', 'direct', `b${i}`, '全场五折，今天最后一天，手慢无', 'late']),
    ];
    const every = await log(rows, { maxRowsPerFinding: 0 });
    const bounded = await log(rows, { rowFindingsListed: 3, maxRowsPerFinding: 10 });
    expect(bounded.campaigns.flatMap((c) => c.findings)).toHaveLength(3);
    const late = (r: typeof every) => r.campaigns.find((c) => c.id === 'late')!;
    expect(late(bounded).noise).toBe(late(every).noise);
    expect(late(bounded).score).toBe(late(every).score);
    expect(bounded.summary.unlistedFindings! + 3).toBe(every.campaigns.flatMap((c) => c.findings).length);
  });
});

describe('the text report of a log past its listing bounds', () => {
  it('says how many findings it lists and how many there are in all; the severities count them all', async () => {
    const { text } = await import('../../src/formatters/text.js');
    const rows: Array<[string, string, string, string, string]> = Array.from({ length: 30 }, (_, i) => ['2026-11-03 10:00', 'direct', `c${i}`, '全场五折，今天最后一天，手慢无', 'blast']);
    const r = await log(rows, { maxRowsPerFinding: 5 });
    const listed = r.campaigns.flatMap((c) => c.findings).length;
    const all = listed + r.summary.unlistedFindings!;
    expect(r.summary.errors + r.summary.warnings + r.summary.infos).toBe(all);
    expect(text(r, { lang: 'en', color: false })).toContain(`${listed} findings listed, ${all} in all`);
    expect(text(r, { lang: 'zh', color: false })).toContain(`${listed} 个问题已列出，共 ${all} 个`);
  });
});

describe("the evaluator's cache of rule results", () => {
  it('gives the same report when it keeps one text as when it keeps thousands (an evicted text is judged again, to the same result)', async () => {
    const texts = ['全场五折，今天最后一天，手慢无', '@所有人 今晚8点直播间抽奖', '新品猫粮上架，点击小程序下单', 'Hi, your parcel has shipped', '这个月还差3单，帮我冲一下业绩'];
    const rows: Array<[string, string, string, string, string?]> = [];
    for (let i = 0; i < 60; i++) {
      const text = texts[i % texts.length]!;
      // the same texts again and again, in groups (whose names some rules read) and one to one
      rows.push(i % 2 ? ['2026-11-03 10:00', 'group', `wr${i % 7}`, text] : ['2026-11-03 11:00', 'direct', `c${i % 9}`, text, 'push']);
    }
    const kept = await log(rows);
    const evicted = await log(rows, { ruleTextsKept: 1 });
    expect(kept.campaigns.flatMap((c) => c.findings).length).toBeGreaterThan(20);
    // the two runs read two files of the same rows: compare with the file names taken out
    const bare = (r: typeof kept) => JSON.stringify(r.campaigns).replace(/"(source|file)":"[^"]*"/g, '"$1":"-"');
    expect(bare(evicted)).toBe(bare(kept));
    expect(evicted.summary).toEqual(kept.summary);
  });
});

describe('the bound on listed window findings', () => {
  it('past it a customer-day over the cap is counted, and its points and the gate are as if it were listed', async () => {
    // campaign "early" takes five customers over the daily cap on the 3rd, "late" five more on the 4th
    const twice = (day: string, prefix: string, campaign: string): Array<[string, string, string, string, string]> =>
      Array.from({ length: 5 }, (_, i) => [
        [`2026-11-0${day} 10:00`, 'direct', `${prefix}${i}`, '周末会员日积分翻倍', campaign] as [string, string, string, string, string],
        [`2026-11-0${day} 18:00`, 'direct', `${prefix}${i}`, '本周新到的冻干零食', campaign] as [string, string, string, string, string],
      ]).flat();
    const rows = [...twice('3', 'a', 'early'), ...twice('4', 'b', 'late')];
    const every = await log(rows, { maxRowsPerFinding: 0 });
    const bounded = await log(rows, { windowFindingsListed: 3 });
    const caps = (r: typeof every) => r.campaigns.flatMap((c) => c.findings).filter((f) => f.ruleId === 'frequency-cap');
    expect(caps(every)).toHaveLength(10);
    expect(caps(bounded)).toHaveLength(3);
    expect(bounded.summary.unlistedByRule).toMatchObject({ 'frequency-cap': 7 });
    // "late" has no listed frequency-cap finding, and loses its points all the same
    expect(caps(bounded).some((f) => f.campaignId === 'late')).toBe(false);
    for (const k of ['score', 'noise', 'snr', 'intrusiveness'] as const) expect(bounded.campaigns.map((c) => c[k])).toEqual(every.campaigns.map((c) => c[k]));
    for (const k of ['errors', 'warnings', 'infos'] as const) expect(bounded.summary[k]).toBe(every.summary[k]);
  });
});
