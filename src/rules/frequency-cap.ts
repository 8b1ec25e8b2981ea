/**
 * frequency-cap, drafts side (data: rules/builtin/frequency-cap.yaml).
 *
 * Every campaign's send times (`send_at` / `schedule`) are pooled per
 * audience and counted per local day, rolling 7-day week and calendar month
 * against the caps of the selected preset (daily / weekly / monthly /
 * legacy-monthly) with the config's per-channel overrides. A campaign alone
 * is an audience of its own, so one over-scheduled campaign and several
 * campaigns hitting the same people are one mechanism:
 *
 *   - same audience = same channel family and the same non-"all" segment, the
 *     same group name (group campaigns), the same tag set, or everyone;
 *   - channel families: by default direct and SMS count together (both land
 *     on the customer's phone as a one-to-one push); group and Moments are
 *     families of their own (`shared_channels`);
 *   - a send to everyone also reaches every segment, group or tag set of its
 *     family, so it counts there too (`everyone_overlaps`);
 *   - a campaign of replies (`reply_to` on every message) is conversation and
 *     counts nowhere; a `kind: service` campaign pools only within its file;
 *   - zones with the same offsets (Shanghai, Taipei, Singapore) pool.
 *
 * The counting core (`overCap`) and the cap lookup (`capsFor`,
 * `readFrequencyOptions`) are exported for the log side, which counts per
 * recipient and per chat with the same options.
 */
import type { RuleModule, RuleRuntime } from './api.js';
import type { CampaignFacts } from '../engine/analysis.js';
import { CHANNELS, type Channel } from '../types.js';
import { exactOffsetMs, localTime, parseDateTime } from '../time.js';
import { normalizeTerm } from '../text/normalize.js';
import { optionError } from './options.js';

export type Period = 'day' | 'week' | 'month';
export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/** Caps as written: a number of sends per window; `month: days` = days in that month. */
export interface RawCaps {
  day?: number;
  week?: number;
  month?: number | 'days';
}

/** Caps resolved for one channel (and month): a number per window that has a cap. */
export interface WindowCaps {
  day?: number;
  week?: number;
  month?: number;
}

/** The rule's options, validated and with the built-in presets merged in. */
export interface FrequencyOptions {
  preset: string;
  presets: Record<string, Partial<Record<Channel, RawCaps>>>;
  /** Per-channel overrides of single values of the preset; `null` removes a window. */
  caps: Partial<Record<Channel, Partial<Record<Period, number | 'days' | null>>>>;
  /** Channels whose sends to the same audience count together. */
  shared_channels: Channel[][];
  /** A send to everyone also counts for every segment, group or tag set of its family. */
  everyone_overlaps: boolean;
  /** Segment names that mean "everyone". */
  everyone: string[];
}

const WEEK_DAYS = 7;
const DAY_MS = 86_400_000;

/** An InputError naming the file an option came from: the config when it overrides the option, else the rule's YAML. */
export { optionError } from './options.js';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const OFF = (v: unknown) => v === null || v === false || v === 'off';

function checkCaps(v: unknown, path: string, fail: (msg: string) => never, allowNull: boolean): Partial<Record<Period, number | 'days' | null>> {
  if (!isObject(v)) fail(`${path}: expected a mapping such as { day: 1 } or { week: 7 } or { month: days }`);
  const out: Partial<Record<Period, number | 'days' | null>> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!PERIODS.includes(k as Period)) fail(`${path}.${k}: unknown window (day | week | month)`);
    if (allowNull && OFF(val)) out[k as Period] = null;
    else if (k === 'month' && val === 'days') out.month = 'days';
    else if (typeof val === 'number' && Number.isInteger(val) && val >= 0) out[k as Period] = val;
    else fail(`${path}.${k}: expected a whole number of sends${k === 'month' ? ' or `days` (the days in that month)' : ''}${allowNull ? ', or off' : ''}`);
  }
  return out;
}

/**
 * Read and validate the rule's options. Presets from the config are added to
 * the built-in ones (a config may define its own preset without repeating
 * the others); an unknown preset or a malformed cap is an input error naming
 * the file it came from.
 */
export function readFrequencyOptions(rule: RuleRuntime): FrequencyOptions {
  const builtin = isObject(rule.meta.options.presets) ? rule.meta.options.presets : {};
  const configured = rule.option<unknown>('presets', {});
  if (!isObject(configured)) throw optionError(rule, 'presets', 'expected a mapping of preset name to per-channel caps');
  const presets: FrequencyOptions['presets'] = {};
  for (const [source, name] of [[builtin, 'presets'], [configured, 'presets']] as const) {
    for (const [pname, channels] of Object.entries(source)) {
      const fail = (msg: string): never => {
        throw optionError(rule, name, msg.replace(/^presets\./, ''));
      };
      if (!isObject(channels)) fail(`presets.${pname}: expected a mapping of channel to caps`);
      const p: Partial<Record<Channel, RawCaps>> = {};
      for (const [ch, caps] of Object.entries(channels as Record<string, unknown>)) {
        if (!CHANNELS.includes(ch as Channel)) fail(`presets.${pname}.${ch}: unknown channel (${CHANNELS.join(' | ')})`);
        p[ch as Channel] = checkCaps(caps, `presets.${pname}.${ch}`, fail, false) as RawCaps;
      }
      presets[pname] = p;
    }
  }
  const preset = rule.option<unknown>('preset', 'daily');
  if (typeof preset !== 'string' || !presets[preset]) {
    throw optionError(rule, 'preset', `unknown preset "${String(preset)}" (${Object.keys(presets).join(' | ')})`);
  }
  const rawCaps = rule.option<unknown>('caps', {}) ?? {};
  if (!isObject(rawCaps)) throw optionError(rule, 'caps', 'expected a mapping of channel to caps, e.g. { sms: { day: 1, week: 3 } }');
  const caps: FrequencyOptions['caps'] = {};
  for (const [ch, c] of Object.entries(rawCaps)) {
    const fail = (msg: string): never => {
      throw optionError(rule, 'caps', msg);
    };
    if (!CHANNELS.includes(ch as Channel)) fail(`${ch}: unknown channel (${CHANNELS.join(' | ')})`);
    caps[ch as Channel] = checkCaps(c, ch, fail, true);
  }
  const shared = rule.option<unknown>('shared_channels', [['direct', 'sms']]) ?? [];
  if (!Array.isArray(shared) || shared.some((f) => !Array.isArray(f) || f.some((c) => !CHANNELS.includes(c as Channel)))) {
    throw optionError(rule, 'shared_channels', `expected a list of channel lists, e.g. [[direct, sms]] (channels: ${CHANNELS.join(' | ')})`);
  }
  const overlaps = rule.option<unknown>('everyone_overlaps', true);
  if (typeof overlaps !== 'boolean') throw optionError(rule, 'everyone_overlaps', 'expected true or false');
  const names = rule.option<unknown>('everyone', ['all']) ?? [];
  if (!Array.isArray(names)) throw optionError(rule, 'everyone', 'expected a list of segment names that mean everyone');
  return { preset, presets, caps, shared_channels: shared as Channel[][], everyone_overlaps: overlaps, everyone: names.map((n) => String(n).toLowerCase()) };
}

/** Days in a calendar month given as "YYYY-MM". */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).getUTCDate();
}

/**
 * The caps that apply to one channel: the preset's, with the config's
 * per-channel `caps` overriding single windows. `month` ("YYYY-MM") resolves
 * `month: days`; without it such a month cap is left out.
 */
export function capsFor(options: Pick<FrequencyOptions, 'preset' | 'presets' | 'caps'>, channel: Channel, month?: string): WindowCaps {
  const merged: Partial<Record<Period, number | 'days' | null>> = { ...(options.presets[options.preset]?.[channel] ?? {}), ...(options.caps[channel] ?? {}) };
  const out: WindowCaps = {};
  for (const p of PERIODS) {
    const v = merged[p];
    if (typeof v === 'number') out[p] = v;
    else if (v === 'days' && month) out[p] = daysInMonth(month);
  }
  return out;
}

/** One send for the counting core; `ref` is whatever the caller needs back (campaign, log row…). */
export interface CapSend<T> {
  /** Epoch milliseconds. */
  at: number;
  channel: Channel;
  ref: T;
}

export interface CapWindow<T> {
  period: Period;
  /** "2026-11-03" (day), "2026-11-01/2026-11-07" (rolling week), "2026-11" (month). */
  window: string;
  /** First and last local date of the window, inclusive. */
  start: string;
  end: string;
  count: number;
  cap: number;
  /** Every send in the window, in time order. */
  sends: CapSend<T>[];
  /** The sends beyond the cap: sends.slice(cap). */
  over: CapSend<T>[];
}

const dayNumber = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Windows over the cap among `sends`, judged in local time of `tz`. When a
 * window holds sends of several channels (direct + SMS), the strictest cap
 * among them applies. Day and month windows are calendar windows. Week
 * windows are rolling: the first 7-day run of local days over the cap is
 * reported (starting at its first send), and counting resumes after it, so
 * reported weeks never overlap and each excess is reported once.
 */
export function overCap<T>(sends: readonly CapSend<T>[], tz: string, capOf: (channel: Channel, month: string) => WindowCaps): CapWindow<T>[] {
  const items = sends
    .map((s, i) => ({ s, i, date: localTime(s.at, tz).date }))
    .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
    .map((x) => ({ ...x, day: dayNumber(x.date) }));
  const out: CapWindow<T>[] = [];
  const capIn = (period: Period, group: typeof items): number | undefined => {
    let cap: number | undefined;
    for (const x of group) {
      const c = capOf(x.s.channel, x.date.slice(0, 7))[period];
      if (c !== undefined) cap = cap === undefined ? c : Math.min(cap, c);
    }
    return cap;
  };
  const emit = (period: Period, window: string, start: string, end: string, group: typeof items) => {
    const cap = capIn(period, group);
    if (cap === undefined || group.length <= cap) return;
    const inWindow = group.map((x) => x.s);
    out.push({ period, window, start, end, count: inWindow.length, cap, sends: inWindow, over: inWindow.slice(cap) });
  };

  // Calendar days and months.
  for (const [period, keyOf] of [['day', (d: string) => d], ['month', (d: string) => d.slice(0, 7)]] as const) {
    const groups = new Map<string, typeof items>();
    for (const x of items) {
      const k = keyOf(x.date);
      const g = groups.get(k);
      if (g) g.push(x);
      else groups.set(k, [x]);
    }
    for (const [k, g] of groups) {
      const start = period === 'day' ? k : `${k}-01`;
      const end = period === 'day' ? k : `${k}-${String(daysInMonth(k)).padStart(2, '0')}`;
      emit(period, k, start, end, g);
    }
  }

  // Rolling weeks.
  let blockedUntil = -Infinity;
  let left = 0;
  for (let j = 0; j < items.length; j++) {
    const dj = items[j]!.day;
    if (dj <= blockedUntil) continue;
    // Sends are in time order, so the 7-day window ending at send j starts at `left`.
    while (items[left]!.day <= Math.max(blockedUntil, dj - WEEK_DAYS)) left++;
    const upto = items.slice(left, j + 1);
    const cap = capIn('week', upto);
    if (cap === undefined || upto.length <= cap) continue;
    const first = upto[0]!.day;
    const last = first + WEEK_DAYS - 1;
    const group = items.filter((x) => x.day >= first && x.day <= last);
    const start = dateOf(first);
    const end = dateOf(last);
    emit('week', `${start}/${end}`, start, end, group);
    blockedUntil = last;
  }

  const order: Record<Period, number> = { day: 0, week: 1, month: 2 };
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || order[a.period] - order[b.period]);
}

/* ------------------------------------------------------------------ drafts */

interface Audience {
  key: string;
  family: string;
  everyone: boolean;
  en: string;
  zh: string;
}

const FAMILY_LABEL: Record<Channel, { zh: string; en: string }> = {
  direct: { zh: '私聊', en: 'direct' },
  sms: { zh: '短信', en: 'SMS' },
  group: { zh: '群发', en: 'group' },
  moments: { zh: '朋友圈', en: 'Moments' },
};

function familyOf(channel: Channel, shared: Channel[][]): Channel[] {
  const f = shared.find((fam) => fam.includes(channel));
  return f ? CHANNELS.filter((c) => c === channel || f.includes(c)) : [channel];
}

function audienceOf(facts: CampaignFacts, shared: Channel[][], isEveryoneName: (seg: string) => boolean): Audience {
  const c = facts.campaign;
  const fam = familyOf(c.channel, shared);
  const family = fam.join('+');
  const via = { zh: fam.map((ch) => FAMILY_LABEL[ch].zh).join('+'), en: fam.map((ch) => FAMILY_LABEL[ch].en).join(' + ') };
  const groupName = c.channel === 'group' ? c.group?.name?.trim() : undefined;
  if (groupName) return { key: `${family}|group|${normalizeTerm(groupName)}`, family, everyone: false, zh: `群「${groupName}」`, en: `the group "${groupName}"` };
  const seg = c.audience.segment?.trim();
  // A named segment is the audience even when tags narrow it further.
  if (seg && !isEveryoneName(seg)) {
    return { key: `${family}|segment|${seg.toLowerCase()}`, family, everyone: false, zh: `人群「${seg}」（${via.zh}）`, en: `segment "${seg}" (${via.en})` };
  }
  const tags = [...new Set(c.audience.tags.map(normalizeTerm))].sort();
  if (tags.length) {
    return { key: `${family}|tags|${tags.join(',')}`, family, everyone: false, zh: `标签为 ${c.audience.tags.join('、')} 的客户（${via.zh}）`, en: `customers tagged ${c.audience.tags.join(', ')} (${via.en})` };
  }
  return c.channel === 'group'
    ? { key: `${family}|everyone`, family, everyone: true, zh: '所有客户群', en: 'every customer group' }
    : { key: `${family}|everyone`, family, everyone: true, zh: `所有客户（${via.zh}）`, en: `everyone (${via.en})` };
}

/**
 * Zones that tell the same local day pool together: Asia/Shanghai, Asia/Taipei, Asia/Hong_Kong and
 * Asia/Singapore are one audience's clock, while London and Shanghai (or London and a zone without
 * summer time) are not. The class is the zone's UTC offsets in mid-January and mid-July of the
 * send's year; the bucket counts days in the zone of its first campaign.
 */
const zoneClasses = new Map<string, string>();
function zoneClass(tz: string, written: string): string {
  const year = Number(/^(\d{4})/.exec(written.trim())?.[1] ?? 2026);
  const k = `${tz}|${year}`;
  let cls = zoneClasses.get(k);
  if (cls === undefined) {
    cls = `${exactOffsetMs(Date.UTC(year, 0, 15, 12), tz)}/${exactOffsetMs(Date.UTC(year, 6, 15, 12), tz)}`;
    zoneClasses.set(k, cls);
  }
  return cls;
}

const PERIOD_TEXT: Record<Period, { zh: string; en: string }> = {
  day: { zh: '天', en: 'day' },
  week: { zh: '7 天', en: '7 days' },
  month: { zh: '月', en: 'month' },
};

function windowText(w: CapWindow<unknown>): { zh: string; en: string } {
  if (w.period === 'day') return { zh: `${w.window} 当天`, en: `on ${w.window}` };
  if (w.period === 'week') return { zh: `${w.start} 至 ${w.end} 这 7 天内`, en: `in the 7 days ${w.start} to ${w.end}` };
  return { zh: `${w.window} 这个月`, en: `in ${w.window}` };
}

/** Other campaigns a finding's message names, and campaign ids its JSON lists (beyond: counted, `campaignsTotal`). */
const OTHERS_LISTED = 10;
const CAMPAIGNS_LISTED = 100;

interface SendRef {
  campaign: number;
  written: string;
}

const rule: RuleModule = {
  id: 'frequency-cap',
  checkRun({ rule, campaigns, report }) {
    const opts = readFrequencyOptions(rule);
    const capOf = (ch: Channel, month: string) => capsFor(opts, ch, month);

    // Pool sends per audience and zone class (zoneClass: zones that tell the same local day); a send
    // to everyone also joins every other audience of its family in that class. The window is the
    // recipient's local day: campaigns written for zones of different offsets (London, Shanghai)
    // reach different local audiences, and each counts in its own zone.
    const buckets = new Map<string, { audience: Audience; tz: string; pool: string; sends: CapSend<SendRef>[]; own: Set<number> }>();
    const everyone = new Map<string, CapSend<SendRef>[]>();
    campaigns.forEach(({ facts }, ci) => {
      const c = facts.campaign;
      if (!c.sendTimes.length) return;
      // RULEBOOK: a conversation is not a push — a campaign of replies (every message answers the
      // customer's own, `reply_to`) counts toward no cap.
      if (c.messages.length && c.messages.every((m) => m.replyTo?.trim())) return;
      const aud = audienceOf(facts, opts.shared_channels, (seg) => opts.everyone.includes(seg.toLowerCase()));
      // A service message (kind: service) pools only with campaigns of its own file: an OTP in one
      // file and another brand's or team's marketing in the next are not one sender's pushes.
      const scope = c.kind === 'service' ? `\u0001${c.source}` : '';
      const zone = `${scope}\u0001${zoneClass(c.timezone, c.sendTimes[0]!)}`;
      const pool = `${aud.family}${zone}`;
      const key = `${aud.key}${zone}`;
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = { audience: aud, tz: c.timezone, pool, sends: [], own: new Set() }));
      b.own.add(ci);
      for (const written of c.sendTimes) {
        const at = parseDateTime(written, c.timezone);
        if (at === undefined) continue; // the loader already rejected malformed times
        const s = { at, channel: c.channel, ref: { campaign: ci, written } };
        b.sends.push(s);
        if (aud.everyone) (everyone.get(pool) ?? everyone.set(pool, []).get(pool)!).push(s);
      }
    });

    // Everyone first, so a campaign over the cap on its own is reported against "everyone", once.
    const ordered = [...buckets.values()].sort((a, b) => Number(b.audience.everyone) - Number(a.audience.everyone));
    const reported = new Set<string>();
    for (const b of ordered) {
      const extra = !b.audience.everyone && opts.everyone_overlaps ? (everyone.get(b.pool) ?? []) : [];
      for (const w of overCap([...b.sends, ...extra], b.tz, capOf)) {
        // A window with none of this audience's own sends is the everyone bucket's finding.
        if (!w.sends.some((s) => b.own.has(s.ref.campaign))) continue;
        const involved = [...new Set(w.sends.map((s) => s.ref.campaign))].sort((x, y) => x - y);
        const ids = involved.map((i) => campaigns[i]!.facts.campaign.id);
        const culprits = [...new Set(w.over.map((s) => s.ref.campaign))].sort((x, y) => x - y);
        for (const ci of culprits) {
          const id = campaigns[ci]!.facts.campaign.id;
          const key = `${id}|${w.period}|${w.window}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const others = ids.filter((x) => x !== id);
          const text = windowText(w);
          // A window shared by thousands of campaigns (one audience, a month of daily pushes) would list them
          // all on each one's finding — a report quadratic in campaigns; the first are named, the rest counted.
          const listed = others.length > OTHERS_LISTED ? `${others.slice(0, OTHERS_LISTED).join(', ')} (+${others.length - OTHERS_LISTED})` : others.join(', ');
          report(id, {
            excerpt: w.over.find((s) => s.ref.campaign === ci)!.ref.written,
            variant: others.length ? 'shared' : 'default',
            data: {
              window: w.window,
              count: w.count,
              cap: w.cap,
              windowZh: text.zh,
              windowEn: text.en,
              periodZh: PERIOD_TEXT[w.period].zh,
              periodEn: PERIOD_TEXT[w.period].en,
              audienceZh: b.audience.zh,
              audienceEn: b.audience.en,
              others: listed,
              preset: opts.preset,
            },
            extra: {
              window: w.window,
              period: w.period,
              count: w.count,
              cap: w.cap,
              audience: b.audience.key,
              campaigns: ids.length > CAMPAIGNS_LISTED ? ids.slice(0, CAMPAIGNS_LISTED) : ids,
              ...(ids.length > CAMPAIGNS_LISTED ? { campaignsTotal: ids.length } : {}),
            },
          });
        }
      }
    }
  },
};
export default rule;
