/**
 * Window rules over logs, with memory bounded by counters, not by the file:
 *
 *   - frequency-cap: sends per audience (a customer, a group, a sender's
 *     Moments) per local day, rolling 7-day week and calendar month, against
 *     the caps of rules/builtin/frequency-cap.yaml (preset, presets, caps,
 *     shared_channels — read with the drafts side's helpers). A WeChat Work
 *     send result with status 3 ("already received a group message") is the
 *     platform refusing an over-cap send: it counts as an attempt, and its
 *     day is over the cap whatever else the log shows.
 *   - duplicate-blast: the same template cluster sent again to the same
 *     customer or group within `window_days`.
 *
 * Audiences, days and months are small integers (interned ids, day numbers);
 * counters live in narrow typed-array columns chained per audience (no hash
 * map per row); a send is remembered as a full reference (file, row, line,
 * campaign, message, time, sender) only when it crosses a cap or repeats
 * content — as many as there are findings.
 */
import type { Channel } from '../types.js';
import { CHANNELS } from '../types.js';
import { capsFor, type FrequencyOptions, type Period } from '../rules/frequency-cap.js';
import { dateOfDay } from './time.js';

import { Col, f64, i32, u16, u8 } from './typed-columns.js';

/**
 * Compact references to sends: the row a window finding points at. Only a
 * send that crosses a cap or repeats content gets one, so there are as many
 * as findings, not as rows.
 */
export class SendRefs {
  n = 0;
  private readonly cols = { file: i32(), row: i32(), line: i32(), campaign: i32(), msg: i32(), sender: i32(), channel: u8() };
  private readonly timeCol = f64();

  add(file: number, row: number, line: number, campaign: number, msg: number, sender: number, channel: number, time: number): number {
    const i = this.n++;
    if (i >= this.timeCol.a.length) {
      for (const c of Object.values(this.cols)) c.ensure(this.n);
      this.timeCol.ensure(this.n);
    }
    this.cols.file.a[i] = file;
    this.cols.row.a[i] = row;
    this.cols.line.a[i] = line;
    this.cols.campaign.a[i] = campaign;
    this.cols.msg.a[i] = msg;
    this.cols.sender.a[i] = sender;
    this.cols.channel.a[i] = channel;
    this.timeCol.a[i] = time;
    return i;
  }

  get(i: number): SendRef {
    const c = this.cols;
    return { file: c.file.a[i]!, row: c.row.a[i]!, line: c.line.a[i]!, campaign: c.campaign.a[i]!, msg: c.msg.a[i]!, sender: c.sender.a[i]!, channel: CHANNELS[c.channel.a[i]!]!, time: this.timeCol.a[i]! };
  }
}

export interface SendRef {
  file: number;
  row: number;
  line: number;
  campaign: number;
  msg: number;
  sender: number;
  channel: Channel;
  time: number;
}

/* ---------------------------------------------------------------- audiences */

export type AudienceKind = 'recipient' | 'chat' | 'sender';
const KINDS: AudienceKind[] = ['recipient', 'chat', 'sender'];

/** Audience number: (id × 3 + kind) × 4 + channel family. */
export function audienceNumber(kind: AudienceKind, id: number, family: number): number {
  return (id * 3 + KINDS.indexOf(kind)) * 4 + family;
}

export function decodeAudience(aud: number): { kind: AudienceKind; id: number; family: number } {
  const family = aud % 4;
  const base = (aud - family) / 4;
  const k = base % 3;
  return { kind: KINDS[k]!, id: (base - k) / 3, family };
}

/* ------------------------------------------------------------ frequency-cap */

/**
 * Counters keyed by (audience, key) — key a day, a month or a template
 * cluster — without hash maps: each audience heads a chain of its slots,
 * newest first. Logs come in time order, so the slot wanted is nearly always
 * the head; an out-of-order row walks back the chain (as long as the
 * audience's active days or clusters). Heads are dense per lane (audience
 * kind × channel family) and indexed by the interned id.
 */
class Slots {
  private readonly heads: Array<Col<Int32Array> | undefined> = [];
  private readonly keyCol = i32();
  private readonly prevCol = i32();
  size = 0;

  private head(aud: number): Col<Int32Array> {
    const lane = aud % 12;
    return (this.heads[lane] ??= i32(4096));
  }

  find(aud: number, key: number): number {
    const h = this.head(aud);
    const id = Math.floor(aud / 12);
    if (id >= h.a.length) return -1;
    const k = this.keyCol.a;
    const prev = this.prevCol.a;
    let s = h.a[id]! - 1; // stored +1, so a fresh (zeroed) array means "none"
    while (s >= 0 && k[s] !== key) s = prev[s]!;
    return s;
  }

  add(aud: number, key: number): number {
    const h = this.head(aud);
    const id = Math.floor(aud / 12);
    if (id >= h.a.length) h.ensure(id + 1);
    const s = this.size++;
    if (s >= this.keyCol.a.length) {
      this.keyCol.ensure(s + 1);
      this.prevCol.ensure(s + 1);
    }
    this.keyCol.a[s] = key;
    this.prevCol.a[s] = h.a[id]! - 1;
    h.a[id] = s + 1;
    return s;
  }

  key(s: number): number {
    return this.keyCol.a[s]!;
  }

  /** Every audience with its slots, oldest key first: (aud, keys, slots). */
  *audiences(): Generator<[number, number[], number[]]> {
    for (let lane = 0; lane < this.heads.length; lane++) {
      const h = this.heads[lane];
      if (!h) continue;
      for (let id = 0; id < h.a.length; id++) {
        let s = h.a[id]! - 1;
        if (s < 0) continue;
        const slots: number[] = [];
        for (; s >= 0; s = this.prevCol.a[s]!) slots.push(s);
        slots.sort((x, y) => this.keyCol.a[x]! - this.keyCol.a[y]!);
        yield [id * 12 + lane, slots.map((x) => this.keyCol.a[x]!), slots];
      }
    }
  }
}

export interface CapFinding {
  audience: number;
  period: Period;
  /** 2026-11-03 | 2026-11-01/2026-11-07 | 2026-11 */
  window: string;
  start: string;
  end: string;
  count: number;
  cap: number;
  /** Sends the platform refused (status 3) in the window. */
  refused: number;
  ref: number;
}

interface DayInfo {
  date: string;
  month: string;
  monthKey: number;
  dayCap: (number | undefined)[];
  monthCap: (number | undefined)[];
  /** Day cap by channel mask (null: none), filled as met. */
  capByMask: (number | null)[];
}

export class FrequencyCounter {
  /** Channel families: channels whose sends to one audience count together (shared_channels). */
  readonly familyOf: number[] = [];
  readonly families: Channel[][] = [];
  private readonly familyMasks: number[];
  // day counters: 4 + 2 + 1 bytes a slot, plus the slot chain's 8
  private readonly day = new Slots();
  private readonly dayCount = i32();
  private readonly dayRefused = u16();
  private readonly dayMask = u8();
  /** The send that took a day over its cap (or a refused one), by slot: few, so a map. */
  private readonly dayCulprit = new Map<number, number>();
  /** The first send of each day, for rolling-week findings (kept only when a week cap exists). */
  private readonly dayFirst = i32();
  private readonly month = new Slots();
  private readonly monthCount = i32();
  private readonly monthRefused = u16();
  private readonly monthMask = u8();
  private readonly monthCulprit = new Map<number, number>();
  private readonly capCache = new Map<string, number | undefined>();
  private readonly hasWeekCap: boolean;
  /** Month counters only when some channel has a month cap (not under the default daily preset). */
  private readonly hasMonthCap: boolean;
  private readonly dayInfo = new Map<number, DayInfo>();

  constructor(private readonly options: FrequencyOptions) {
    for (const ch of CHANNELS) {
      const shared = options.shared_channels.find((f) => f.includes(ch));
      const fam = shared ? CHANNELS.filter((c) => c === ch || shared.includes(c)) : [ch];
      let i = this.families.findIndex((f) => f.join() === fam.join());
      if (i === -1) i = this.families.push(fam) - 1;
      this.familyOf[CHANNELS.indexOf(ch)] = i;
    }
    this.familyMasks = this.families.map((f) => f.reduce((m, ch) => m | (1 << CHANNELS.indexOf(ch)), 0));
    this.hasWeekCap = CHANNELS.some((ch) => capsFor(options, ch, '2000-01').week !== undefined);
    this.hasMonthCap = CHANNELS.some((ch) => capsFor(options, ch, '2000-01').month !== undefined);
  }

  /** The strictest cap among the channels in `mask` for a window in `month`. */
  capOf(mask: number, period: Period, month: string): number | undefined {
    const key = `${mask}|${period}|${month}`;
    if (this.capCache.has(key)) return this.capCache.get(key);
    let cap: number | undefined;
    CHANNELS.forEach((ch, i) => {
      if (!(mask & (1 << i))) return;
      const c = capsFor(this.options, ch, month)[period];
      if (c !== undefined) cap = cap === undefined ? c : Math.min(cap, c);
    });
    this.capCache.set(key, cap);
    return cap;
  }

  /** Per local day: its date and month and, per channel family, the caps a counter crosses (the family's strictest). */
  private infoOf(day: number): DayInfo {
    let d = this.dayInfo.get(day);
    if (!d) {
      const date = dateOfDay(day);
      const month = date.slice(0, 7);
      d = {
        date,
        month,
        monthKey: (+month.slice(0, 4) - 1970) * 12 + +month.slice(5, 7) - 1,
        dayCap: this.familyMasks.map((m) => this.capOf(m, 'day', month)),
        monthCap: this.familyMasks.map((m) => this.capOf(m, 'month', month)),
        capByMask: [],
      };
      this.dayInfo.set(day, d);
    }
    return d;
  }

  /** Count one send (or refused attempt). `ref` makes the send's reference; it is called at most once per send. */
  add(aud: number, channel: Channel, day: number, refused: boolean, ref: () => number): void {
    const bit = 1 << CHANNELS.indexOf(channel);
    const fam = aud % 4;
    const info = this.infoOf(day);
    let s = this.day.find(aud, day);
    if (s < 0) {
      s = this.day.add(aud, day);
      if (s >= this.dayCount.a.length) {
        this.dayCount.ensure(s + 1);
        this.dayRefused.ensure(s + 1);
        this.dayMask.ensure(s + 1);
        if (this.hasWeekCap) this.dayFirst.ensure(s + 1);
      }
      this.dayCount.a[s] = 0;
      this.dayRefused.a[s] = 0;
      this.dayMask.a[s] = 0;
      if (this.hasWeekCap) this.dayFirst.a[s] = ref();
    }
    const n = ++this.dayCount.a[s]!;
    this.dayMask.a[s]! |= bit;
    if (refused && this.dayRefused.a[s]! < 65535) this.dayRefused.a[s]!++;
    const dayCap = info.dayCap[fam];
    if (((dayCap !== undefined && n === dayCap + 1) || refused) && !this.dayCulprit.has(s)) this.dayCulprit.set(s, ref());
    if (!this.hasMonthCap) return;
    let t = this.month.find(aud, info.monthKey);
    if (t < 0) {
      t = this.month.add(aud, info.monthKey);
      if (t >= this.monthCount.a.length) {
        this.monthCount.ensure(t + 1);
        this.monthRefused.ensure(t + 1);
        this.monthMask.ensure(t + 1);
      }
      this.monthCount.a[t] = 0;
      this.monthRefused.a[t] = 0;
      this.monthMask.a[t] = 0;
    }
    const mn = ++this.monthCount.a[t]!;
    this.monthMask.a[t]! |= bit;
    if (refused && this.monthRefused.a[t]! < 65535) this.monthRefused.a[t]!++;
    const monthCap = info.monthCap[fam];
    if (monthCap !== undefined && mn === monthCap + 1 && !this.monthCulprit.has(t)) this.monthCulprit.set(t, ref());
  }

  /** Every window over its cap, in audience then time order. */
  results(): CapFinding[] {
    const out: CapFinding[] = [];
    for (const [aud, days, slots] of this.day.audiences()) {
      for (let k = 0; k < slots.length; k++) {
        const s = slots[k]!;
        const count = this.dayCount.a[s]!;
        const refused = this.dayRefused.a[s]!;
        const info = this.infoOf(days[k]!);
        const mask = this.dayMask.a[s]!;
        const cap = (info.capByMask[mask] ??= this.capOf(mask, 'day', info.month) ?? null) ?? undefined;
        if (cap === undefined || (count <= cap && !refused)) continue;
        const culprit = this.dayCulprit.get(s);
        if (culprit === undefined) continue; // over a cap stricter than the family's (a mixed-channel day): no send crossed it
        // status 3 says the customer had already received one: at least cap + 1 attempts that day
        out.push({ audience: aud, period: 'day', window: info.date, start: info.date, end: info.date, count: Math.max(count, refused ? cap + 1 : 0), cap, refused, ref: culprit });
      }
      if (this.hasWeekCap) this.weeks(aud, days, slots, out);
    }
    for (const [aud, keys, slots] of this.month.audiences()) {
      for (let k = 0; k < slots.length; k++) {
        const t = slots[k]!;
        const mk = keys[k]!;
        const culprit = this.monthCulprit.get(t);
        if (culprit === undefined) continue;
        const month = `${1970 + Math.floor(mk / 12)}-${String((mk % 12) + 1).padStart(2, '0')}`;
        const count = this.monthCount.a[t]!;
        const cap = this.capOf(this.monthMask.a[t]!, 'month', month);
        if (cap === undefined || count <= cap) continue;
        const last = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate();
        out.push({ audience: aud, period: 'month', window: month, start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}`, count, cap, refused: this.monthRefused.a[t]!, ref: culprit });
      }
    }
    const rank: Record<Period, number> = { day: 0, week: 1, month: 2 };
    return out.sort((a, b) => a.audience - b.audience || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || rank[a.period] - rank[b.period]);
  }

  /**
   * Rolling 7-day windows as the drafts side counts them (src/rules/frequency-cap.ts
   * overCap): the first run of 7 local days over the cap is reported from its
   * first day, then counting resumes after it, so windows never overlap.
   */
  private weeks(aud: number, days: number[], slots: number[], out: CapFinding[]): void {
    let blocked = -Infinity;
    let left = 0;
    for (let j = 0; j < days.length; j++) {
      const dj = days[j]!;
      if (dj <= blocked) continue;
      while (days[left]! <= Math.max(blocked, dj - 7)) left++;
      let sum = 0;
      let mask = 0;
      for (let k = left; k <= j; k++) {
        sum += this.dayCount.a[slots[k]!]!;
        mask |= this.dayMask.a[slots[k]!]!;
      }
      const first = days[left]!;
      const cap0 = this.capOf(mask, 'week', this.infoOf(first).month);
      if (cap0 === undefined || sum <= cap0) continue;
      const last = first + 6;
      let count = 0;
      let refused = 0;
      let wmask = 0;
      for (let k = left; k < days.length && days[k]! <= last; k++) {
        count += this.dayCount.a[slots[k]!]!;
        refused += this.dayRefused.a[slots[k]!]!;
        wmask |= this.dayMask.a[slots[k]!]!;
      }
      const cap = this.capOf(wmask, 'week', this.infoOf(first).month) ?? cap0;
      const start = this.infoOf(first).date;
      const end = dateOfDay(last);
      out.push({ audience: aud, period: 'week', window: `${start}/${end}`, start, end, count, cap, refused, ref: this.dayFirst.a[slots[j]!]! });
      blocked = last;
    }
  }

  /** Per audience of a kind: its pushes (refused attempts aside) in its busiest local day. */
  peaks(kind: AudienceKind): Map<number, number> {
    return this.busiest(this.day, this.dayCount, this.dayRefused, kind);
  }

  /** … or in its busiest calendar month. */
  monthlyTotals(kind: AudienceKind): Map<number, number> {
    return this.busiest(this.month, this.monthCount, this.monthRefused, kind);
  }

  private busiest(slots: Slots, count: Col<Int32Array>, refused: Col<Uint16Array>, kind: AudienceKind): Map<number, number> {
    const peak = new Map<number, number>();
    for (const [aud, , ss] of slots.audiences()) {
      if (decodeAudience(aud).kind !== kind) continue;
      let best = 0;
      for (const s of ss) best = Math.max(best, count.a[s]! - refused.a[s]!);
      if (best > 0) peak.set(aud, best);
    }
    return peak;
  }
}

/* ---------------------------------------------------------- duplicate-blast */

export interface DuplicateFinding {
  /** Person, chat or a sender's Moments: an audience number with family 0. */
  audience: number;
  cluster: number;
  /** Epoch ms of the window's first send, and where it is. */
  start: number;
  firstFile: number;
  firstRow: number;
  count: number;
  /** The first repeat (the finding's row). */
  ref: number;
}

/**
 * Per (audience, template cluster): the open window — its first send (time,
 * file, row), the number of sends in it (saturating at 255) — 4 + 2 + 4 + 1
 * bytes a slot, plus the chain's 8; the first repeat gets a reference. A send
 * more than `windowMs` after the window's first send closes it and opens the next.
 */
export class DuplicateTracker {
  private readonly slots = new Slots();
  /** Seconds since `base` (Int32 covers ±68 years). */
  private readonly startCol = i32();
  private readonly fileCol = u16();
  private readonly rowCol = i32();
  private readonly countCol = u8();
  private readonly repeat = new Map<number, number>();
  private readonly closed: DuplicateFinding[] = [];
  private base = NaN;

  constructor(private readonly windowMs: number) {}

  add(audience: number, cluster: number, time: number, file: number, row: number, ref: () => number): void {
    if (cluster < 0) return;
    if (Number.isNaN(this.base)) this.base = Math.floor(time / 1000);
    const sec = Math.floor(time / 1000) - this.base;
    let s = this.slots.find(audience, cluster);
    if (s < 0) {
      s = this.slots.add(audience, cluster);
      if (s >= this.countCol.a.length) {
        this.startCol.ensure(s + 1);
        this.fileCol.ensure(s + 1);
        this.rowCol.ensure(s + 1);
        this.countCol.ensure(s + 1);
      }
      this.open(s, sec, file, row);
      return;
    }
    const start = this.startCol.a[s]!;
    if (Math.abs(sec - start) * 1000 <= this.windowMs) {
      if (this.countCol.a[s]! < 255) this.countCol.a[s]!++;
      if (this.countCol.a[s] === 2) this.repeat.set(s, ref());
      // an out-of-order earlier send moves the window start back
      if (sec < start) this.startCol.a[s] = sec;
      return;
    }
    this.close(audience, cluster, s);
    this.open(s, sec, file, row);
  }

  private open(s: number, sec: number, file: number, row: number): void {
    this.startCol.a[s] = sec;
    this.fileCol.a[s] = Math.min(file, 65535);
    this.rowCol.a[s] = row;
    this.countCol.a[s] = 1;
    this.repeat.delete(s);
  }

  private close(audience: number, cluster: number, s: number): void {
    const ref = this.repeat.get(s);
    if (ref === undefined) return;
    this.closed.push({ audience, cluster, start: (this.base + this.startCol.a[s]!) * 1000, firstFile: this.fileCol.a[s]!, firstRow: this.rowCol.a[s]!, count: this.countCol.a[s]!, ref });
  }

  results(): DuplicateFinding[] {
    for (const [aud, keys, slots] of this.slots.audiences()) for (let k = 0; k < slots.length; k++) this.close(aud, keys[k]!, slots[k]!);
    return this.closed.sort((a, b) => a.audience - b.audience || a.start - b.start || a.cluster - b.cluster);
  }
}
