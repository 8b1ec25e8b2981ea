/**
 * Outcomes (CONTRACTS §7, issue 16): a generator of logs with known
 * reactions — replies, opt-outs in both Chinese scripts and English,
 * deleted contacts, members leaving groups after @所有人 posts — placed
 * inside and outside the attribution window, and customers who got two
 * sends. The generator knows what each reaction must count for by how it
 * placed it; the audit must give every campaign's reached, replies, optouts,
 * leaves and deletes exactly, and no inbound row may become a campaign.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { all, auditFiles, csv, FIXTURES, tmpFile } from './helpers.js';
import { isOptOut, parseWindow, type CampaignOutcome, type OutcomeSummary } from '../../src/logs/outcomes.js';
import { markdown } from '../../src/formatters/markdown.js';
import { text } from '../../src/formatters/text.js';
import type { Report } from '../../src/report/report.js';

const H = 3_600_000;
/** 2026-11-02 10:00 in Asia/Shanghai. */
const T0 = Date.UTC(2026, 10, 2, 2, 0);

interface GenRow {
  time: number;
  sender?: string;
  channel: 'direct' | 'group' | 'sms';
  chat?: string;
  chatName?: string;
  recipient?: string;
  text: string;
  campaign?: string;
  direction?: string;
  event?: string;
}

type Counts = Omit<CampaignOutcome, 'window'>;
interface Truth {
  campaigns: Map<string, Counts & { sends: number }>;
  inboundRows: number;
  eventRows: number;
  /** Reactions that must count for nothing (outside the window, or before any send). */
  unattributed: number;
  atAll: { posts: number; leaves: number };
  plain: { posts: number; leaves: number };
}

/** Deterministic PRNG (mulberry32): the same seed, the same log. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, between: (lo: number, hi: number) => lo + next() * (hi - lo) };
}

const REPLIES = ['多少钱？', '好的，谢谢', 'T恤还有吗', 'stop sending me these please', '这个怎么买', 'ok', '請問有門市嗎'];
/** Whole-message opt-out keywords: Simplified, Traditional, English, full-width, with end punctuation. */
const OPTOUTS = ['TD', '退訂', 'STOP', 'Unsubscribe', 'ＴＤ', '退订。', 'n', '取消訂閱', 'td '];
const IN_WORDS = ['in', '客户发送', 'inbound', '收'];
const PROMOS = ['双十一会员日，猫粮第二件半价，库存有限', '新品冻干上架，会员价 89 元', '本周末门店试吃活动，欢迎到店', '感谢支持，积分可兑换猫砂一袋'];

/**
 * Direct and SMS campaigns every 72 h (a follow-up 8 h after some of them),
 * group posts every 48 h alternating @所有人 and plain. Reactions are placed
 * so that which send they belong to is known: within the window after the
 * latest send, or 25 h+ after it and before the next (count for nothing).
 */
function generate(seed = 16): { rows: GenRow[]; truth: Truth } {
  const r = rng(seed);
  const rows: GenRow[] = [];
  const truth: Truth = { campaigns: new Map(), inboundRows: 0, eventRows: 0, unattributed: 0, atAll: { posts: 0, leaves: 0 }, plain: { posts: 0, leaves: 0 } };
  const camp = (id: string) => {
    let c = truth.campaigns.get(id);
    if (!c) truth.campaigns.set(id, (c = { sends: 0, reached: 0, replies: 0, optouts: 0, leaves: 0, deletes: 0 }));
    return c;
  };
  const customers = Array.from({ length: 60 }, (_, i) => `C${String(i + 1).padStart(3, '0')}`);

  /** A customer's own message or event on a one-to-one channel, in one of the shapes exports use. */
  const inbound = (cust: string, channel: 'direct' | 'sms', time: number, kind: 'reply' | 'optout' | 'delete', campaign?: string) => {
    const shape = r.pick(['sender', 'sender+staff', 'recipient'] as const);
    const who = shape === 'sender' ? { sender: cust } : shape === 'sender+staff' ? { sender: cust, recipient: 'staff01' } : { sender: 'staff01', recipient: cust };
    if (kind === 'delete') {
      truth.eventRows++;
      rows.push({ time, channel, ...who, text: '', event: r.pick(['delete', '删除好友', '客戶刪除員工']) });
    } else if (kind === 'optout' && r.next() < 0.25) {
      truth.eventRows++;
      rows.push({ time, channel, ...who, text: '', event: r.pick(['optout', '退订', 'unsubscribe']) });
    } else {
      truth.inboundRows++;
      rows.push({ time, channel, ...who, text: kind === 'optout' ? r.pick(OPTOUTS) : r.pick(REPLIES), direction: r.pick(IN_WORDS), ...(campaign ? { campaign } : {}) });
    }
  };

  /** What one customer does after one send: counted for `id` when in the window. */
  const react = (id: string, cust: string, channel: 'direct' | 'sms', at: number, inWindowUntil: number, outside: boolean) => {
    const c = camp(id);
    const x = r.next();
    if (x < 0.15) {
      inbound(cust, channel, at + r.between(0.5, inWindowUntil) * H, 'reply', r.next() < 0.3 ? id : undefined);
      c.replies++;
    } else if (x < 0.27) {
      inbound(cust, channel, at + r.between(0.5, inWindowUntil) * H, 'optout');
      c.optouts++;
    } else if (x < 0.33) {
      inbound(cust, channel, at + r.between(0.5, inWindowUntil) * H, channel === 'sms' ? 'optout' : 'delete');
      if (channel === 'sms') c.optouts++;
      else c.deletes++;
    } else if (x < 0.4) {
      // a reply, then an opt-out: one of each
      const t = at + r.between(0.5, inWindowUntil - 0.3) * H;
      inbound(cust, channel, t, 'reply');
      inbound(cust, channel, t + 0.2 * H, 'optout');
      c.replies++;
      c.optouts++;
    } else if (x < 0.46) {
      // three replies to one send are one reply
      for (let k = 0; k < 3; k++) inbound(cust, channel, at + r.between(0.5, inWindowUntil) * H, 'reply');
      c.replies++;
    } else if (x < 0.55 && outside) {
      // after the window closed, before the next send: counts for nothing
      inbound(cust, channel, at + r.between(25, 46) * H, r.pick(['reply', 'optout', channel === 'sms' ? 'optout' : 'delete'] as const));
      truth.unattributed++;
    }
  };

  for (let k = 0; k < 5; k++) {
    const at = T0 + k * 72 * H;
    const id = `promo-${k + 1}`;
    const follow = `follow-${k + 1}`;
    const sms = `sms-${k + 1}`;
    for (const cust of customers) {
      if (r.next() < 0.7) {
        rows.push({ time: at, sender: 'staff01', channel: 'direct', recipient: cust, text: r.pick(PROMOS), campaign: id, direction: r.pick(['', 'out']) });
        const c = camp(id);
        c.sends++;
        c.reached++;
        if (r.next() < 0.3) {
          // two sends: reactions before the follow-up count for the first, after it for the follow-up
          const f = camp(follow);
          rows.push({ time: at + 8 * H, sender: 'staff02', channel: 'direct', recipient: cust, text: '提醒：会员价今晚 24 点结束', campaign: follow });
          f.sends++;
          f.reached++;
          react(id, cust, 'direct', at, 7.5, false);
          react(follow, cust, 'direct', at + 8 * H, 23.5, true);
        } else react(id, cust, 'direct', at, 23.5, true);
      }
      if (r.next() < 0.4) {
        rows.push({ time: at + 2 * H, sender: 'brand', channel: 'sms', recipient: cust, text: '【喵铺】会员日全场 8 折，回TD退订', campaign: sms });
        const c = camp(sms);
        c.sends++;
        c.reached++;
        react(sms, cust, 'sms', at + 2 * H, 23.5, true);
      }
    }
  }
  // a customer who writes before anything was sent to them: nothing to count for
  inbound('C007', 'direct', T0 - 5 * H, 'reply');
  truth.unattributed++;
  // an inbound row naming a campaign id no send uses, from someone nothing was sent to: no campaign, no count
  rows.push({ time: T0 + 3 * H, sender: 'C999', channel: 'direct', text: '收到', campaign: 'INBOUND-ONLY', direction: 'in' });
  truth.inboundRows++;
  truth.unattributed++;

  // groups: 48 h apart, @所有人 and plain in turn; members leave (and chat) after them
  for (let g = 1; g <= 6; g++) {
    const chat = `wrGRP0${g}xyz`;
    const chatName = `喵铺会员${g}群`;
    const members = Array.from({ length: 20 }, (_, i) => `wmM${g}${String(i).padStart(2, '0')}abcdef`);
    const gone = new Set<string>();
    for (let j = 0; j < 6; j++) {
      if (r.next() > 0.8) continue;
      const at = T0 + 1 * H + j * 48 * H;
      const atAll = j % 2 === 0;
      const id = atAll ? `ann-${j + 1}` : `tip-${j + 1}`;
      rows.push({ time: at, sender: 'staff01', channel: 'group', chat, chatName, text: atAll ? '@所有人 今晚8点直播抽奖，猫粮免费送！' : '冬天猫咪饮水少，可以多备几个水碗', campaign: id });
      const c = camp(id);
      c.sends++;
      c.reached++;
      (atAll ? truth.atAll : truth.plain).posts++;
      for (const m of members) {
        if (gone.has(m)) continue;
        const x = r.next();
        if (x < (atAll ? 0.12 : 0.02)) {
          gone.add(m);
          truth.eventRows++;
          rows.push({ time: at + r.between(0.2, 23.5) * H, channel: 'group', chat, chatName, sender: m, text: '', event: r.pick(['leave', '退群', '退出群聊']) });
          c.leaves++;
          (atAll ? truth.atAll : truth.plain).leaves++;
        } else if (x < 0.2) {
          // a member who writes twice after a post is one reply
          const n = r.next() < 0.3 ? 2 : 1;
          for (let k = 0; k < n; k++) {
            truth.inboundRows++;
            rows.push({ time: at + r.between(0.2, 23.5) * H, channel: 'group', chat, chatName, sender: m, text: r.pick(['哈哈', '收到', '几点开始？']), direction: 'in' });
          }
          c.replies++;
        } else if (x < 0.23) {
          // left a day and more later, before the next post: counts for nothing
          gone.add(m);
          truth.eventRows++;
          truth.unattributed++;
          rows.push({ time: at + r.between(25, 47) * H, channel: 'group', chat, chatName, sender: m, text: '', event: 'leave' });
        }
      }
    }
  }
  // shuffle: exports are not always in time order, and attribution must not depend on it
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return { rows, truth };
}

const CHANNEL_ZH = { direct: '私聊', group: '群聊', sms: '短信' } as const;
const iso = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 19).replace('T', ' ');

function toCsv(rows: GenRow[]): string {
  return csv([
    ['时间', '发送人', '渠道', '群ID', '群名称', '客户', '消息内容', '任务', '方向', '事件'],
    ...rows.map((x) => [iso(x.time), x.sender ?? '', CHANNEL_ZH[x.channel], x.chat ?? '', x.chatName ?? '', x.recipient ?? '', x.text, x.campaign ?? '', x.direction ?? '', x.event ?? '']),
  ]);
}

function toJsonl(rows: GenRow[]): string {
  return rows
    .map((x) => JSON.stringify({ time: new Date(x.time).toISOString(), sender: x.sender, channel: x.channel, chat: x.chat, chat_name: x.chatName, recipient: x.recipient, text: x.text, campaign: x.campaign, direction: x.direction || undefined, ...(x.event ? { event: x.event } : {}) }))
    .join('\n') + '\n';
}

function check(r: Report, t: Truth) {
  const got = new Map(r.campaigns.map((c) => [c.id, c]));
  expect([...got.keys()].sort()).toEqual([...t.campaigns.keys()].sort());
  for (const [id, want] of t.campaigns) {
    const c = got.get(id)!;
    expect({ id, ...(c.outcomes as CampaignOutcome) }).toEqual({ id, reached: want.reached, replies: want.replies, optouts: want.optouts, leaves: want.leaves, deletes: want.deletes, window: '24h' });
    expect(c.rows).toBe(want.sends);
  }
  const s = r.summary.outcomes as OutcomeSummary;
  const u = s.unattributed;
  expect(u.replies + u.optouts + u.leaves + u.deletes).toBe(t.unattributed);
  expect(r.summary.inboundRows).toBe(t.inboundRows);
  expect(r.summary.eventRows).toBe(t.eventRows);
  const sum = (f: keyof Counts) => [...t.campaigns.values()].reduce((n, c) => n + c[f], 0);
  expect(s).toMatchObject({ reached: sum('reached'), replies: sum('replies'), optouts: sum('optouts'), leaves: sum('leaves'), deletes: sum('deletes'), window: '24h' });
  // per rule: @所有人 posts against every other push
  const mm = s.byRule['mass-mention']!;
  expect(mm.withFinding).toMatchObject({ sends: t.atAll.posts, leaves: t.atAll.leaves });
  expect(mm.without).toMatchObject({ sends: sum('sends') - t.atAll.posts, leaves: t.plain.leaves });
}

describe('outcomes on a generated log with known reactions', () => {
  let gen: ReturnType<typeof generate>;
  let csvFile: string;
  beforeAll(() => {
    gen = generate();
    csvFile = tmpFile('outcomes.csv', toCsv(gen.rows));
  });

  it('the generator has every kind of reaction, inside and outside the window', () => {
    const t = gen.truth;
    const sum = (f: keyof Counts) => [...t.campaigns.values()].reduce((n, c) => n + c[f], 0);
    for (const f of ['replies', 'optouts', 'leaves', 'deletes'] as const) expect(sum(f)).toBeGreaterThan(5);
    expect(t.unattributed).toBeGreaterThan(5);
    expect(t.atAll.posts).toBeGreaterThan(5);
    expect([...t.campaigns.keys()].some((k) => k.startsWith('follow-'))).toBe(true);
  });

  it('CSV with Chinese headers (方向, 事件), rows out of time order: every campaign exact', async () => {
    check(await auditFiles([csvFile], { worker: 'never' }), gen.truth);
  });

  it('JSON Lines with English keys: the same', async () => {
    check(await auditFiles([tmpFile('outcomes.jsonl', toJsonl(gen.rows))]), gen.truth);
  });

  it('Parquet (a warehouse export with the same Chinese columns, every value text): the same', async () => {
    const pq = tmpFile('outcomes.parquet', '');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    try {
      await conn.run(`COPY (SELECT * FROM read_csv('${csvFile}', all_varchar = true, header = true)) TO '${pq}' (FORMAT parquet)`);
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
    check(await auditFiles([pq]), gen.truth);
  });

  it('parsed in a worker thread: the same report as inline', async () => {
    const a = await auditFiles([csvFile], { worker: 'always' });
    const b = await auditFiles([csvFile], { worker: 'never' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('inbound rows are no campaign, no send and no finding', async () => {
    const r = await auditFiles([csvFile], { worker: 'never' });
    expect(r.campaigns.find((c) => c.id === 'INBOUND-ONLY')).toBeUndefined();
    expect(r.campaigns.some((c) => /^sender:C\d+/.test(c.id) || /^sender:wm/.test(c.id))).toBe(false);
    for (const f of all(r)) expect(f.sender === undefined || !/^C\d+$|^wmM/.test(f.sender)).toBe(true);
  });

  it('a wider window counts the late reactions; a narrower one fewer', async () => {
    const wide = (await auditFiles([csvFile], { attributionWindow: '7d', worker: 'never' })).summary.outcomes as OutcomeSummary;
    const u = wide.unattributed;
    // only C007's message before any send and C999's (nothing was sent to them) are left over
    expect(u.replies + u.optouts + u.leaves + u.deletes).toBe(2);
    expect(wide.window).toBe('7d');
    const narrow = (await auditFiles([csvFile], { attributionWindow: '30m', worker: 'never' })).summary.outcomes as OutcomeSummary;
    const truthReplies = [...gen.truth.campaigns.values()].reduce((n, c) => n + c.replies, 0);
    expect(narrow.replies).toBeLessThan(truthReplies);
    expect(wide.replies).toBeGreaterThan(truthReplies);
  });

  it('logs.attribution_window in the config', async () => {
    const r = await auditFiles([csvFile], { config: { logs: { attribution_window: '2d' } }, worker: 'never' });
    expect((r.campaigns[0]!.outcomes as CampaignOutcome).window).toBe('2d');
    await expect(auditFiles([csvFile], { config: { logs: { attribution_window: 'soon' } } })).rejects.toThrow(/logs.attribution_window: expected a duration/);
  });

  it('the text and markdown reports show outcomes and the per-rule sentence', async () => {
    const r = await auditFiles([csvFile], { worker: 'never' });
    const txt = text(r, { lang: 'en', color: false, quiet: false } as never);
    expect(txt).toMatch(/What customers did within 24h of a send/);
    expect(txt).toMatch(/Sends with "[^"]+" \(mass-mention\) lost \d+\.\d% of their audience within 24h \(\d+ opt-outs?, \d+ leaves?, \d+ deletes?; n=\d+\); sends without, \d+\.\d%/);
    const md = markdown(r, { lang: 'en', color: false, quiet: false } as never);
    expect(md).toMatch(/### Outcomes within 24h of a send/);
    expect(md).toMatch(/\| `promo-1` \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|/);
  });
});

describe('opt-out keywords and windows', () => {
  it('a whole inbound message that is a keyword, in both scripts and English, any width and case', () => {
    for (const k of ['T', 'td', 'ＴＤ', 'N', 'R', '退订', '退訂', '取消订阅', '取消訂閱', 'STOP', 'Stop.', ' unsubscribe ', 'QUIT', 'END', 'cancel', '取消', '退订！']) expect(isOptOut(k), k).toBe(true);
    for (const k of ['T恤还有吗', 'stop sending me ads', '不退订', 'TDD', '', 'Thanks', '退订了吗？怎么退订']) expect(isOptOut(k), k).toBe(false);
  });

  it('--attribution-window forms', () => {
    expect(parseWindow('30m')).toEqual({ ms: 30 * 60_000, text: '30m' });
    expect(parseWindow('24h')).toEqual({ ms: 24 * H, text: '24h' });
    expect(parseWindow('7d')).toEqual({ ms: 7 * 24 * H, text: '7d' });
    expect(parseWindow('12')).toEqual({ ms: 12 * H, text: '12h' });
    for (const bad of ['', '0h', 'soon', '-1h', '100d']) expect(() => parseWindow(bad)).toThrow(/--attribution-window: expected a duration/);
  });
});

describe('formats that carry reactions natively', () => {
  it('chat archive: an external contact writing TD opts out of the push before it', async () => {
    const recs = [
      { msgid: 'a1', action: 'send', from: 'zhangsan', tolist: ['wmCust001xyz'], msgtime: T0, msgtype: 'text', text: { content: '会员日猫粮半价，点击链接领券' } },
      { msgid: 'a2', action: 'send', from: 'wmCust001xyz', tolist: ['zhangsan'], msgtime: T0 + H, msgtype: 'text', text: { content: 'TD' } },
      { msgid: 'a3', action: 'send', from: 'zhangsan', tolist: ['wmCust002xyz'], msgtime: T0, msgtype: 'text', text: { content: '会员日猫粮半价，点击链接领券' } },
      { msgid: 'a4', action: 'send', from: 'wmCust002xyz', tolist: ['zhangsan'], msgtime: T0 + 2 * H, msgtype: 'text', text: { content: '怎么领？' } },
      // a member leaving a group (change_external_chat del_member) and a customer deleting the staff member
      { msgid: 'g1', action: 'send', from: 'zhangsan', roomid: 'wrRoom01abc', msgtime: T0, msgtype: 'text', text: { content: '@所有人 今晚直播' } },
      { Event: 'change_external_chat', ChatId: 'wrRoom01abc', ChangeType: 'update', UpdateDetail: 'del_member', QuitScene: 0, MemChangeList: ['wmCust003xyz'], CreateTime: Math.floor((T0 + 3 * H) / 1000) },
      { Event: 'change_external_contact', ChangeType: 'del_follow_user', UserID: 'zhangsan', ExternalUserID: 'wmCust002xyz', CreateTime: Math.floor((T0 + 5 * H) / 1000) },
    ];
    const r = await auditFiles([tmpFile('archive-outcomes.jsonl', recs.map((x) => JSON.stringify(x)).join('\n') + '\n')]);
    const byId = new Map(r.campaigns.map((c) => [c.id, c.outcomes as CampaignOutcome]));
    expect(byId.get('sender:zhangsan')).toMatchObject({ reached: 2, replies: 1, optouts: 1, deletes: 1 });
    expect(byId.get('group:wrRoom01abc')).toMatchObject({ reached: 1, leaves: 1 });
  });

  it('Telegram: a member removed or leaving after a post is a leave', async () => {
    const doc = {
      name: '喵铺粉丝群',
      type: 'private_supergroup',
      id: 777,
      messages: [
        { id: 1, type: 'message', date: '2026-11-02T10:00:00', date_unixtime: String(T0 / 1000), from: 'Meow Shop', from_id: 'channel1', text: '双十一全场五折，速来！' },
        { id: 2, type: 'service', date: '2026-11-02T12:00:00', date_unixtime: String((T0 + 2 * H) / 1000), actor: 'Alice', actor_id: 'user11', action: 'remove_members', members: ['Alice'] },
        { id: 3, type: 'service', date: '2026-11-02T13:00:00', date_unixtime: String((T0 + 3 * H) / 1000), actor: 'Meow Shop', actor_id: 'user1', action: 'remove_members', members: ['Bob'] },
      ],
    };
    const r = await auditFiles([tmpFile('tg-outcomes/result.json', JSON.stringify(doc))], { config: { logs: { staff: ['Meow Shop', 'channel1', 'user1'] } } });
    const c = r.campaigns.find((x) => x.rows === 1)!;
    expect(c.outcomes).toMatchObject({ reached: 1, leaves: 2 });
  });

  it('Slack: channel_leave after a post is a leave', async () => {
    const day = [
      { type: 'message', ts: String(T0 / 1000), user: 'U0BRAND', text: '<!channel> Black Friday: 40% off everything today' },
      { type: 'message', subtype: 'channel_leave', ts: String((T0 + 4 * H) / 1000), user: 'U0CAROL', text: '<@U0CAROL> has left the channel' },
      { type: 'message', ts: String((T0 + 5 * H) / 1000), user: 'U0DAVE', text: 'stop' },
    ];
    const dir = tmpFile('slack-outcomes/deals/2026-11-02.json', JSON.stringify(day));
    const root = dir.replace(/deals\/2026-11-02\.json$/, '');
    const r = await auditFiles([root], { config: { logs: { staff: ['U0BRAND'] } } });
    const c = r.campaigns.find((x) => (x.outcomes as CampaignOutcome).reached > 0)!;
    expect(c.outcomes).toMatchObject({ reached: 1, leaves: 1, optouts: 1 });
  });

  it('the fixture log with reactions (fixtures/logs/outcomes.csv)', async () => {
    const r = await auditFiles([join(FIXTURES, 'outcomes.csv')]);
    const byId = Object.fromEntries(r.campaigns.map((c) => [c.id, c.outcomes]));
    expect(byId).toEqual({
      'd11-flash': { reached: 3, replies: 1, optouts: 2, leaves: 0, deletes: 1, window: '24h' },
      'd11-reminder': { reached: 1, replies: 0, optouts: 1, leaves: 0, deletes: 0, window: '24h' },
      'group-live': { reached: 2, replies: 1, optouts: 0, leaves: 2, deletes: 0, window: '24h' },
      'care-tip': { reached: 1, replies: 0, optouts: 0, leaves: 0, deletes: 0, window: '24h' },
    });
    const s = r.summary.outcomes as OutcomeSummary;
    expect(s.unattributed).toEqual({ replies: 1, optouts: 0, leaves: 1, deletes: 0 });
  });
});
