/**
 * A synthetic month of outbound messages with known violations, for the
 * benchmark (src/bench/run.ts) and the log tests (test/logs/). Deterministic:
 * a seeded PRNG drives everything, so the same options give the same bytes.
 *
 * The month (November 2026, Asia/Shanghai): ~rows/5 customers, ~rows/500
 * groups (sharing, promo, service and VIP names), a few hundred campaign
 * texts in Simplified and Traditional Chinese and English. Direct pushes and
 * SMS are mass sends of one template (rendered with the customer's name) to
 * a slice of customers; campaigns on the same day overlap, which puts some
 * customers over the daily cap. Group posts go to a random set of groups,
 * some twice a day (over the cap), some with @所有人, some selling in
 * sharing groups, a few after 22:00.
 *
 * With `truth`, the generator counts what an audit must find, independently
 * of the audit's code: recipient-days and group-days over a cap of one,
 * @all pings (per group and ISO week), selling posts in sharing groups.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface GenOptions {
  rows: number;
  seed?: number;
  /** Channels to generate (the chat-archive form has no SMS). Default: group, direct, sms. */
  channels?: Array<'group' | 'direct' | 'sms'>;
  truth?: boolean;
  /**
   * Distinct texts for the direct and SMS sends, as a chat archive's 1:1
   * messages are (the benchmark's `--distinct`): split between direct and
   * SMS by their shares of the rows, the n-th send of a channel gets variant
   * n mod its share — a template of the channel, a name and a member-number
   * suffix, one text per variant (plus the group posts' and follow-ups').
   * The month's times, recipients, groups and truth counts are those without
   * it (no extra random draws). Default: each send is its campaign's
   * template with the customer's name (a few hundred texts in all).
   */
  distinct?: number;
  /**
   * Customers' reactions mixed in (issue 16, CONTRACTS §7): this share of the
   * direct and SMS sends is followed within hours by the customer's own row
   * (a question, or 退订 / TD / STOP) or a deleted contact, and this share of
   * group posts by a member leaving. Drawn from a PRNG of their own, so the
   * outbound rows are those of the same month without reactions; written with
   * `direction` and `event` columns. Default: none.
   */
  reactions?: number;
}

export interface GenRow {
  /** What the generator put in (for the truth counts; not written to files). */
  selling?: boolean;
  atAll?: boolean;
  /** Local time, Asia/Shanghai, "2026-11-03 09:15:07". */
  time: string;
  /** Epoch milliseconds. */
  ms: number;
  sender: string;
  channel: 'group' | 'direct' | 'sms';
  chat: string;
  chatName: string;
  recipient: string;
  text: string;
  campaign: string;
  /** `in` for a customer's or member's own row (reactions only). */
  direction?: 'in';
  /** `delete` or `leave` for an event row (reactions only). */
  event?: 'delete' | 'leave';
}

export interface Truth {
  rows: number;
  recipientDaysOverCap: number;
  groupDaysOverCap: number;
  atAll: number;
  atAllPerGroupWeek: Map<string, number>;
  /** Per sharing group: messages and selling posts. */
  sharing: Map<string, { messages: number; selling: number }>;
  sellingInSharing: number;
  sendsPerDay: Map<string, number>;
  quietHours: number;
}

export const GEN_TIMEZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000;
const YEAR = 2026;
const MONTH = 11;
const DAYS = 30;

export { prng } from '../random.js';
import { prng } from '../random.js';

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴婷', '林美玲', '陳志明', '黃淑芬', 'Anna', 'Ben', 'Chloe', 'David', 'Emma', 'Grace'];
const PRODUCTS_ZH = ['猫粮', '冻干零食', '猫砂', '狗粮', '洁牙棒', '驱虫药', '宠物洗护套装', '自动喂食器', '保温杯', '燕麦拿铁', '面霜', '精华液', '瑜伽垫', '蛋白粉', '儿童绘本', '婴儿湿巾'];
const PRODUCTS_TW = ['貓糧', '凍乾零食', '貓砂', '狗糧', '保溫杯', '精華液', '瑜伽墊', '兒童繪本'];
const PRODUCTS_EN = ['cat food', 'freeze-dried treats', 'cat litter', 'dog chews', 'cold brew', 'face cream', 'yoga mat', 'protein powder', 'picture books'];
const OFFERS_ZH = ['五折', '第二件半价', '满199减50', '到手价99元', '买一送一', '限时8折'];
const OFFERS_EN = ['30% off', 'buy one get one free', 'now $19.90', '20% off with code FALL20'];
const CONTENT_ZH = ['猫咪换粮要循序渐进，新旧粮混合喂一周', '夏天遛狗尽量避开中午，地面太烫会伤脚垫', '宝宝湿疹期间洗澡水温不宜过高', '冲泡燕麦时先倒奶再加燕麦，口感更顺滑', '瑜伽初学者每次练习二十分钟就足够', '本周读书会分享的书单已经整理好了', '周末的线下交流活动照片已上传相册'];
const CONTENT_EN = ['Switch cat food gradually, mixing old and new for a week', 'Walk dogs early in summer, hot pavement burns paws', 'Our reading list from this week is in the group files'];
const NOTICE = ['本店明天停业一天，给大家带来不便敬请谅解', '本周六的活动改到下午三点，地点不变', 'The store opens at 10am tomorrow due to maintenance'];

interface Text {
  /** With {name} for direct/SMS templates. */
  body: string;
  selling: boolean;
  atAll: boolean;
  notice?: boolean;
}

/** What each kind of group is sent: shares of selling, content and notices; @all chance on notices and on the rest. */
const GROUP_MIX: Record<'sharing' | 'promo' | 'service' | 'vip', { selling: number; notice: number; atAllNotice: number; atAll: number }> = {
  sharing: { selling: 0.12, notice: 0.08, atAllNotice: 0.3, atAll: 0.02 },
  promo: { selling: 0.8, notice: 0.05, atAllNotice: 0.3, atAll: 0.08 },
  service: { selling: 0.05, notice: 0.5, atAllNotice: 0.3, atAll: 0.02 },
  vip: { selling: 0.4, notice: 0.1, atAllNotice: 0.3, atAll: 0.03 },
};
const AT_ALL = ['@所有人 ', '@全体成员 ', '@all '];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)]!;
}

/** A few hundred distinct campaign texts. */
function texts(r: () => number): { direct: Text[]; sms: Text[]; group: Text[] } {
  const direct: Text[] = [];
  const sms: Text[] = [];
  const group: Text[] = [];
  const seen = new Set<string>();
  const add = (list: Text[], t: Text) => {
    if (seen.has(t.body)) return;
    seen.add(t.body);
    list.push(t);
  };
  let guard = 0;
  while (direct.length < 150 && guard++ < 10_000) {
    const k = r();
    if (k < 0.55) add(direct, { body: `亲爱的{name}，${pick(r, PRODUCTS_ZH)}${pick(r, OFFERS_ZH)}，会员专享，点击下单`, selling: true, atAll: false });
    else if (k < 0.7) add(direct, { body: `親愛的{name}，${pick(r, PRODUCTS_TW)}今天${pick(r, ['五折', '買一送一', '限時8折'])}，點擊下單`, selling: true, atAll: false });
    else if (k < 0.85) add(direct, { body: `Hi {name}, ${pick(r, PRODUCTS_EN)} ${pick(r, OFFERS_EN)} this week, shop now`, selling: true, atAll: false });
    else add(direct, { body: `亲爱的{name}，${pick(r, ['您的积分下月到期，可在会员中心兑换礼品', '您预约的洗护服务已确认，到店请出示预约码', '您的订单已发货，物流信息可在小程序查看', '您上次购买的' + pick(r, PRODUCTS_ZH) + '快用完了，需要帮您留一份吗'])}${'～'.repeat(Math.floor(r() * 3))}`, selling: false, atAll: false });
  }
  guard = 0;
  while (sms.length < 40 && guard++ < 10_000) {
    add(sms, { body: `【萌爪】{name}您好，${pick(r, PRODUCTS_ZH)}${pick(r, OFFERS_ZH)}，详询门店${r() < 0.7 ? ' 回T退订' : ''}`, selling: true, atAll: false });
  }
  guard = 0;
  while (group.length < 120 && guard++ < 10_000) {
    const k = r();
    if (k < 0.4) add(group, { body: `${pick(r, PRODUCTS_ZH)}${pick(r, OFFERS_ZH)}，点击下单 https://shop.example.com/p${Math.floor(r() * 900) + 100}`, selling: true, atAll: false });
    else if (k < 0.5) add(group, { body: `${pick(r, PRODUCTS_EN)} ${pick(r, OFFERS_EN)}, order here https://shop.example.com/e${Math.floor(r() * 900) + 100}`, selling: true, atAll: false });
    else if (k < 0.88) add(group, { body: `${pick(r, CONTENT_ZH.concat(CONTENT_EN))}${pick(r, ['', '。', '，大家有经验也可以分享', ' 🙂'])}${group.length}`.replace(/\d+$/, (n) => (Number(n) % 7 === 0 ? '' : ` #${n}`)), selling: false, atAll: false });
    else add(group, { body: `${pick(r, NOTICE)}${group.length % 5 ? '' : '。'}`, selling: false, atAll: false, notice: true });
  }
  return { direct, sms, group };
}

const GROUP_KINDS: Array<{ share: number; type: 'sharing' | 'promo' | 'service' | 'vip'; names: string[] }> = [
  { share: 0.4, type: 'sharing', names: ['猫友交流群', '养宠经验分享群', '宝妈育儿交流群', 'Cat lovers community', '咖啡同好分享会', '跑团打卡群'] },
  { share: 0.25, type: 'promo', names: ['福利群', '秒杀群', '优惠券福利群', 'Deals'] },
  { share: 0.2, type: 'service', names: ['售后服务群', '门店预约群', 'VIP customer care'] },
  { share: 0.15, type: 'vip', names: ['会员尊享群', '黑卡会员群', 'VIP lounge'] },
];

export interface Generated {
  rows: GenRow[];
  truth?: Truth;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoWeek(y: number, m: number, d: number): string {
  const day = Date.UTC(y, m - 1, d) / 86_400_000;
  const weekday = (((day + 3) % 7) + 7) % 7;
  const thursday = day - weekday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

const REPLIES = ['还有货吗？', '多少钱', '好的，谢谢', '請問幾點開門', 'ok thanks', 'is this still on?'];
const OPT_OUTS = ['退订', 'TD', 'T', '取消订阅', 'STOP', 'unsubscribe'];

/** A day's reactions to its sends (GenOptions.reactions): replies, opt-outs, deleted contacts, members leaving. */
function reactionsTo(sends: GenRow[], share: number, r: () => number): GenRow[] {
  const out: GenRow[] = [];
  let member = 0;
  for (const s of sends) {
    if (r() >= share) continue;
    const ms = s.ms + 60_000 + Math.floor(r() * 6 * 3_600_000);
    const time = new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
    const row = { time, ms, sender: s.recipient, channel: s.channel, chat: s.chat, chatName: s.chatName, recipient: '', text: '', campaign: '' };
    if (s.channel === 'group') out.push({ ...row, sender: `wmMem${s.chat.slice(2)}${pad(member++ % 1000, 3)}`, direction: 'in', event: 'leave' });
    else {
      const x = r();
      if (x < 0.15) out.push({ ...row, sender: s.sender, recipient: s.recipient, event: 'delete' });
      else out.push({ ...row, direction: 'in', text: pick(r, x < 0.6 ? OPT_OUTS : REPLIES) });
    }
  }
  return out;
}

/**
 * The month's rows, day by day in time order (a callback per day keeps
 * memory to one day's rows however large the month).
 */
export function generate(opts: GenOptions, onDay: (rows: GenRow[]) => void): Truth | undefined {
  const r = prng(opts.seed ?? 20261111);
  const channels = new Set(opts.channels ?? ['group', 'direct', 'sms']);
  const nCustomers = Math.max(50, Math.round(opts.rows / 5));
  const nGroups = Math.max(12, Math.round(opts.rows / 500));
  const staff = Array.from({ length: Math.max(4, Math.min(60, Math.round(opts.rows / 20_000) + 8)) }, (_, i) => `staff${pad(i + 1, 3)}`);
  const customers = Array.from({ length: nCustomers }, (_, i) => `wm${(i * 2654435761 >>> 0).toString(36).padStart(7, '0')}${pad(i % 100)}`);
  const names = customers.map(() => pick(r, NAMES));
  const groups = Array.from({ length: nGroups }, (_, i) => {
    let x = r();
    const kind = GROUP_KINDS.find((k) => (x -= k.share) < 0) ?? GROUP_KINDS[0]!;
    return { id: `wr${pad(i + 1, 6)}`, name: `${pick(r, kind.names)}${i + 1}`, type: kind.type, owner: staff[i % staff.length]! };
  });
  const pool = texts(r);
  const perm = customers.map((_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const truth: Truth | undefined = opts.truth
    ? { rows: 0, recipientDaysOverCap: 0, groupDaysOverCap: 0, atAll: 0, atAllPerGroupWeek: new Map(), sharing: new Map(), sellingInSharing: 0, sendsPerDay: new Map(), quietHours: 0 }
    : undefined;

  const react = prng((opts.seed ?? 20261111) ^ 0x5eac7);
  const base = Math.floor(opts.rows / DAYS);
  let extra = opts.rows - base * DAYS;
  let campaignNo = 0;
  // --distinct: split between the direct and SMS sends by their shares of the rows (0.88 : 0.06)
  const both = channels.has('direct') && channels.has('sms');
  const smsVariants = Math.max(1, both ? Math.round(((opts.distinct ?? 0) * 0.06) / 0.94) : (opts.distinct ?? 0));
  const directVariants = Math.max(1, both ? (opts.distinct ?? 0) - smsVariants : (opts.distinct ?? 0));
  let directNo = 0;
  let smsNo = 0;
  for (let d = 1; d <= DAYS; d++) {
    const quota = base + (extra-- > 0 ? 1 : 0);
    const date = `${YEAR}-${pad(MONTH)}-${pad(d)}`;
    const dayStart = Date.UTC(YEAR, MONTH - 1, d) - OFFSET_MS;
    const rows: GenRow[] = [];
    const at = (secondOfDay: number) => dayStart + secondOfDay * 1000;
    const fmt = (ms: number) => new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
    const want = { group: channels.has('group') ? 0.06 : 0, sms: channels.has('sms') ? 0.06 : 0 };
    const nGroup = Math.round(quota * want.group);
    const nSms = Math.round(quota * want.sms);
    const nDirect = channels.has('direct') ? quota - nGroup - nSms : 0;
    const groupRows = nDirect === 0 && !channels.has('sms') ? quota : channels.has('direct') ? nGroup : quota - nSms;

    // Group posts: groups in a shuffled order post once, some twice; a few late at night.
    const order = groups.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let g = 0;
    for (let gi = 0; g < groupRows; gi++) {
      const grp = groups[order[gi % order.length]!]!;
      const posts = r() < 0.05 || gi >= order.length ? 2 : 1;
      const mix = GROUP_MIX[grp.type];
      for (let p = 0; p < posts && g < groupRows; p++, g++) {
        const x = r();
        const list = x < mix.selling ? pool.group.filter((t) => t.selling) : x < mix.selling + mix.notice ? pool.group.filter((t) => t.notice) : pool.group.filter((t) => !t.selling && !t.notice);
        const base = pick(r, list);
        const all = r() < (base.notice ? mix.atAllNotice : mix.atAll);
        const t = { ...base, body: all ? pick(r, AT_ALL) + base.body : base.body, atAll: all };
        const sec = r() < 0.02 ? 22 * 3600 + 1800 + Math.floor(r() * 1500) : (9 + p * 5) * 3600 + Math.floor(r() * 4 * 3600);
        const ms = at(sec);
        rows.push({ time: fmt(ms), ms, sender: grp.owner, channel: 'group', chat: grp.id, chatName: grp.name, recipient: '', text: t.body, campaign: '', selling: t.selling, atAll: t.atAll });
      }
    }
    // Mass sends: a few campaigns a day, each one template to the next slice of customers
    // (a shuffled list, so a day's campaigns reach different people), plus a few stray
    // sends to someone already messaged that day: those customers go over the cap.
    let cursor = Math.floor(r() * nCustomers);
    const variant = (channel: 'direct' | 'sms', list: Text[]): string => {
      const v = channel === 'sms' ? smsNo++ % smsVariants : directNo++ % directVariants;
      const t = list[v % list.length]!;
      return t.body.replace('{name}', `${NAMES[Math.floor(v / list.length) % NAMES.length]!}（会员尾号${pad(v, 6)}）`);
    };
    const mass = (n: number, channel: 'direct' | 'sms', list: Text[]) => {
      let left = n;
      while (left > 0) {
        const t = pick(r, list);
        const size = Math.min(left, 1 + Math.floor(r() * Math.max(1, Math.min(n, nCustomers) * 0.4)));
        const id = `${channel === 'sms' ? 'sms' : 'push'}-${date}-${++campaignNo}`;
        const sender = pick(r, staff);
        const sec0 = r() < 0.03 ? 22 * 3600 + 1200 : (9 + Math.floor(r() * 11)) * 3600;
        for (let k = 0; k < size; k++) {
          const c = r() < 0.005 ? perm[Math.floor(r() * nCustomers)]! : perm[cursor++ % nCustomers]!;
          const ms = at(sec0 + Math.floor(k / 50));
          rows.push({ time: fmt(ms), ms, sender, channel, chat: '', chatName: '', recipient: customers[c]!, text: opts.distinct ? variant(channel, list) : t.body.replace('{name}', names[c]!), campaign: id });
        }
        left -= size;
      }
    };
    // Follow-ups: a few customers messaged earlier today get a second push in the evening (over the daily cap).
    const follow = nDirect ? Math.max(1, Math.round(nDirect * 0.004)) : 0;
    if (nDirect) mass(nDirect - follow, 'direct', pool.direct);
    if (nSms) mass(nSms, 'sms', pool.sms);
    const today = rows.filter((x) => x.channel !== 'group');
    for (let k = 0; k < follow && today.length; k++) {
      const first = today[Math.floor(r() * today.length)]!;
      const ms = at(20 * 3600 + 30 * 60 + k);
      rows.push({ ...first, time: fmt(ms), ms, channel: 'direct', text: `${first.text.split('，')[0]}，今晚还有最后一批名额，回复1预约`, campaign: `followup-${date}` });
    }
    if (opts.reactions) rows.push(...reactionsTo(rows, opts.reactions, react));
    rows.sort((a, b) => a.ms - b.ms);

    if (truth) {
      truth.rows += rows.length;
      truth.sendsPerDay.set(date, rows.filter((x) => !x.direction && !x.event).length);
      const perRecipient = new Map<string, number>();
      const perGroup = new Map<string, number>();
      const week = isoWeek(YEAR, MONTH, d);
      const groupOf = new Map(groups.map((x) => [x.id, x]));
      for (const row of rows) {
        if (row.direction || row.event) continue;
        const local = Number(row.time.slice(11, 13));
        if (local >= 22 || local < 8) truth.quietHours++;
        if (row.channel === 'group') {
          perGroup.set(row.chat, (perGroup.get(row.chat) ?? 0) + 1);
          if (row.atAll) {
            truth.atAll++;
            const k = `${row.chat}|${week}`;
            truth.atAllPerGroupWeek.set(k, (truth.atAllPerGroupWeek.get(k) ?? 0) + 1);
          }
          const grp = groupOf.get(row.chat)!;
          if (grp.type === 'sharing') {
            const s = truth.sharing.get(row.chat) ?? { messages: 0, selling: 0 };
            s.messages++;
            if (row.selling) {
              s.selling++;
              truth.sellingInSharing++;
            }
            truth.sharing.set(row.chat, s);
          }
        } else perRecipient.set(row.recipient, (perRecipient.get(row.recipient) ?? 0) + 1);
      }
      for (const n of perRecipient.values()) if (n > 1) truth.recipientDaysOverCap++;
      for (const n of perGroup.values()) if (n > 1) truth.groupDaysOverCap++;
    }
    onDay(rows);
  }
  return truth;
}

const CSV_HEADER = ['time', 'sender', 'channel', 'chat', 'chat_name', 'recipient', 'text', 'campaign'];
const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The month as CSV text lines (header first), e.g. to encode in GB18030 or UTF-16 for tests. */
export function csvLines(rows: GenRow[], header = CSV_HEADER): string[] {
  return [header.join(','), ...rows.map((x) => [x.time, x.sender, x.channel, x.chat, x.chatName, x.recipient, x.text, x.campaign].map(csvCell).join(','))];
}

/** One row as a decrypted WeChat Work chat-archive record. */
export function archiveRecord(x: GenRow, i: number): Record<string, unknown> {
  return {
    msgid: `${x.ms}_${i}`,
    action: 'send',
    from: x.sender,
    tolist: x.channel === 'group' ? [] : [x.recipient],
    roomid: x.channel === 'group' ? x.chat : '',
    msgtime: x.ms,
    msgtype: 'text',
    text: { content: x.text },
  };
}

/** Write the month as CSV (UTF-8) to `file`, one day at a time; returns the truth when asked. With reactions, two more columns: direction, event. */
export function writeCsv(file: string, opts: GenOptions): Truth | undefined {
  const fd = openSync(file, 'w');
  const reactions = !!opts.reactions;
  try {
    writeSync(fd, (reactions ? [...CSV_HEADER, 'direction', 'event'] : CSV_HEADER).join(',') + '\n');
    return generate(opts, (rows) => {
      let buf = '';
      for (const x of rows) {
        const cells = [x.time, x.sender, x.channel, x.chat, x.chatName, x.recipient, x.text, x.campaign];
        if (reactions) cells.push(x.direction ?? '', x.event ?? '');
        buf += cells.map(csvCell).join(',') + '\n';
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      }
      writeSync(fd, buf);
    });
  } finally {
    closeSync(fd);
  }
}
