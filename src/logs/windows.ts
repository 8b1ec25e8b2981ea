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
 * Audiences, days and months are small integers (interned ids, day numbers),
 * counters live in typed-array columns indexed through numeric-key maps, and
 * a send is remembered only as a compact reference (file, row, line,
 * campaign, message, time, sender) when it opens a counter or crosses a cap.
 */
import type { Channel } from '../types.js';
import { CHANNELS } from '../types.js';
import { capsFor, type FrequencyOptions, type Period } from '../rules/frequency-cap.js';
import { dateOfDay, monthOfDay } from './time.js';

/* ------------------------------------------------------------ growable columns */

class IntCol {
  a: Int32Array;
  constructor(n = 1024) {
    this.a = new Int32Array(n);
  }
  ensure(n: number): void {
    if (n <= this.a.length) return;
    const b = new Int32Array(Math.max(n, this.a.length * 2));
    b.set(this.a);
    this.a = b;
  }
}

class FloatCol {
  a: Float64Array;
  constructor(n = 1024) {
    this.a = new Float64Array(n);
  }
  ensure(n: number): void {
    if (n <= this.a.length) return;
    const b = new Float64Array(Math.max(n, this.a.length * 2));
    b.set(this.a);
    this.a = b;
  }
}

/** Compact references to sends: the row a window finding points at. */
export class SendRefs {
  n = 0;
  private readonly cols = { file: new IntCol(), row: new IntCol(), line: new IntCol(), campaign: new IntCol(), msg: new IntCol(), sender: new IntCol(), channel: new IntCol() };
  private readonly timeCol = new FloatCol();

  add(file: number, row: number, line: number, campaign: number, msg: number, sender: number, channel: number, time: number): number {
    const i = this.n++;
    for (const c of Object.values(this.cols)) c.ensure(this.n);
    this.timeCol.ensure(this.n);
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

const DAY_BITS = 131_072; // 2^17 day numbers: until the year 2328
const MONTH_BITS = 16_384; // 2^14 months since 1970

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

export class FrequencyCounter {
  /** Channel families: channels whose sends to one audience count together (shared_channels). */
  readonly familyOf: number[] = [];
  readonly families: Channel[][] = [];
  private readonly day = new Map<number, number>();
  private readonly dayCount = new IntCol();
  private readonly dayRefused = new IntCol();
  private readonly dayMask = new IntCol();
  private readonly dayFirst = new IntCol();
  private readonly dayCulprit = new IntCol();
  private readonly month = new Map<number, number>();
  private readonly monthCount = new IntCol();
  private readonly monthRefused = new IntCol();
  private readonly monthMask = new IntCol();
  private readonly monthCulprit = new IntCol();
  private readonly capCache = new Map<string, number | undefined>();
  private readonly hasWeekCap: boolean;

  constructor(private readonly options: FrequencyOptions) {
    for (const ch of CHANNELS) {
      const shared = options.shared_channels.find((f) => f.includes(ch));
      const fam = shared ? CHANNELS.filter((c) => c === ch || shared.includes(c)) : [ch];
      let i = this.families.findIndex((f) => f.join() === fam.join());
      if (i === -1) i = this.families.push(fam) - 1;
      this.familyOf[CHANNELS.indexOf(ch)] = i;
    }
    this.hasWeekCap = CHANNELS.some((ch) => capsFor(options, ch, '2000-01').week !== undefined);
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

  private readonly dayInfo = new Map<number, { monthKey: number; dayCap: (number | undefined)[]; monthCap: (number | undefined)[] }>();

  /** Per local day: its month number and, per channel family, the caps a counter crosses (the family's strictest). */
  private infoOf(day: number) {
    let d = this.dayInfo.get(day);
    if (!d) {
      const month = monthOfDay(day);
      const masks = this.families.map((f) => f.reduce((m, ch) => m | (1 << CHANNELS.indexOf(ch)), 0));
      d = {
        monthKey: (+month.slice(0, 4) - 1970) * 12 + +month.slice(5, 7) - 1,
        dayCap: masks.map((m) => this.capOf(m, 'day', month)),
        monthCap: masks.map((m) => this.capOf(m, 'month', month)),
      };
      this.dayInfo.set(day, d);
    }
    return d;
  }

  /** Count one send (or refused attempt). `ref` makes the send's reference; call it at most once per send. */
  add(aud: number, channel: Channel, day: number, refused: boolean, ref: () => number): void {
    const bit = 1 << CHANNELS.indexOf(channel);
    const fam = aud % 4;
    const info = this.infoOf(day);
    // day
    const dk = aud * DAY_BITS + day;
    let s = this.day.get(dk);
    if (s === undefined) {
      s = this.day.size;
      this.day.set(dk, s);
      for (const c of [this.dayCount, this.dayRefused, this.dayMask, this.dayFirst, this.dayCulprit]) c.ensure(s + 1);
      this.dayCount.a[s] = 0;
      this.dayRefused.a[s] = 0;
      this.dayMask.a[s] = 0;
      this.dayCulprit.a[s] = -1;
      this.dayFirst.a[s] = ref();
    }
    const n = ++this.dayCount.a[s]!;
    this.dayMask.a[s]! |= bit;
    if (refused) this.dayRefused.a[s]!++;
    const dayCap = info.dayCap[fam];
    if (this.dayCulprit.a[s] === -1 && ((dayCap !== undefined && n === dayCap + 1) || refused)) this.dayCulprit.a[s] = ref();
    // month
    const mkey = aud * MONTH_BITS + info.monthKey;
    let t = this.month.get(mkey);
    if (t === undefined) {
      t = this.month.size;
      this.month.set(mkey, t);
      for (const c of [this.monthCount, this.monthRefused, this.monthMask, this.monthCulprit]) c.ensure(t + 1);
      this.monthCount.a[t] = 0;
      this.monthRefused.a[t] = 0;
      this.monthMask.a[t] = 0;
      this.monthCulprit.a[t] = -1;
    }
    const mn = ++this.monthCount.a[t]!;
    this.monthMask.a[t]! |= bit;
    if (refused) this.monthRefused.a[t]!++;
    const monthCap = info.monthCap[fam];
    if (this.monthCulprit.a[t] === -1 && monthCap !== undefined && mn === monthCap + 1) this.monthCulprit.a[t] = ref();
  }

  /** Every window over its cap, in audience then time order. */
  results(): CapFinding[] {
    const out: CapFinding[] = [];
    const keys = Float64Array.from(this.day.keys()).sort();
    // Day windows, and per audience the rolling weeks over its days.
    let i = 0;
    while (i < keys.length) {
      const aud = Math.floor(keys[i]! / DAY_BITS);
      let j = i;
      while (j < keys.length && Math.floor(keys[j]! / DAY_BITS) === aud) j++;
      const days: number[] = [];
      const slots: number[] = [];
      for (let k = i; k < j; k++) {
        days.push(keys[k]! - aud * DAY_BITS);
        slots.push(this.day.get(keys[k]!)!);
      }
      for (let k = 0; k < days.length; k++) {
        const s = slots[k]!;
        const date = dateOfDay(days[k]!);
        const cap = this.capOf(this.dayMask.a[s]!, 'day', date.slice(0, 7));
        if (cap === undefined) continue;
        const count = this.dayCount.a[s]!;
        const refused = this.dayRefused.a[s]!;
        if (count <= cap && !refused) continue;
        // status 3 says the customer had already received one: at least cap + 1 attempts that day
        const culprit = this.dayCulprit.a[s]! >= 0 ? this.dayCulprit.a[s]! : this.dayFirst.a[s]!;
        out.push({ audience: aud, period: 'day', window: date, start: date, end: date, count: Math.max(count, refused ? cap + 1 : 0), cap, refused, ref: culprit });
      }
      this.weeks(aud, days, slots, out);
      i = j;
    }
    for (const [mkey, t] of this.month) {
      const aud = Math.floor(mkey / MONTH_BITS);
      const mi = mkey - aud * MONTH_BITS;
      const month = `${1970 + Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, '0')}`;
      const cap = this.capOf(this.monthMask.a[t]!, 'month', month);
      const count = this.monthCount.a[t]!;
      if (cap === undefined || count <= cap || this.monthCulprit.a[t]! < 0) continue;
      const last = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate();
      out.push({ audience: aud, period: 'month', window: month, start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}`, count, cap, refused: this.monthRefused.a[t]!, ref: this.monthCulprit.a[t]! });
    }
    const order: Record<Period, number> = { day: 0, week: 1, month: 2 };
    return out.sort((a, b) => a.audience - b.audience || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || order[a.period] - order[b.period]);
  }

  /**
   * Rolling 7-day windows as the drafts side counts them (src/rules/frequency-cap.ts
   * overCap): the first run of 7 local days over the cap is reported from its
   * first day, then counting resumes after it, so windows never overlap.
   */
  private weeks(aud: number, days: number[], slots: number[], out: CapFinding[]): void {
    if (!this.hasWeekCap) return;
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
      const cap0 = this.capOf(mask, 'week', monthOfDay(first));
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
      const cap = this.capOf(wmask, 'week', monthOfDay(first)) ?? cap0;
      const start = dateOfDay(first);
      const end = dateOfDay(last);
      out.push({ audience: aud, period: 'week', window: `${start}/${end}`, start, end, count, cap, refused, ref: this.dayFirst.a[slots[j]!]! });
      blocked = last;
    }
  }

  /** Pushes per audience in its busiest window of `period` (for the histogram), per audience kind. */
  peaks(kind: AudienceKind): Map<number, number> {
    const peak = new Map<number, number>();
    for (const [dk, s] of this.day) {
      const aud = Math.floor(dk / DAY_BITS);
      if (decodeAudience(aud).kind !== kind) continue;
      const n = this.dayCount.a[s]! - this.dayRefused.a[s]!;
      if (n > (peak.get(aud) ?? 0)) peak.set(aud, n);
    }
    return peak;
  }

  monthlyTotals(kind: AudienceKind): Map<number, number> {
    const peak = new Map<number, number>();
    for (const [mk, t] of this.month) {
      const aud = Math.floor(mk / MONTH_BITS);
      if (decodeAudience(aud).kind !== kind) continue;
      const n = this.monthCount.a[t]! - this.monthRefused.a[t]!;
      if (n > (peak.get(aud) ?? 0)) peak.set(aud, n);
    }
    return peak;
  }
}

/* ---------------------------------------------------------- duplicate-blast */

const CLUSTER_BITS = 4_194_304; // 2^22 clusters

export interface DuplicateFinding {
  /** Person or chat: (id × 3 + kind), as in audienceNumber without the family. */
  audience: number;
  cluster: number;
  start: number;
  count: number;
  firstRef: number;
  ref: number;
}

/**
 * Per (audience, template cluster): the open window (its first send, the
 * number of sends in it, the first repeat). A send more than `windowMs`
 * after the window's first send closes it and opens the next.
 */
export class DuplicateTracker {
  private readonly slots = new Map<number, number>();
  private readonly startCol = new FloatCol();
  private readonly countCol = new IntCol();
  private readonly firstCol = new IntCol();
  private readonly repeatCol = new IntCol();
  private readonly closed: DuplicateFinding[] = [];

  constructor(private readonly windowMs: number) {}

  add(audience: number, cluster: number, time: number, ref: () => number): void {
    if (cluster < 0 || cluster >= CLUSTER_BITS) return;
    const key = audience * CLUSTER_BITS + cluster;
    let s = this.slots.get(key);
    if (s === undefined) {
      s = this.slots.size;
      this.slots.set(key, s);
      for (const c of [this.countCol, this.firstCol, this.repeatCol]) c.ensure(s + 1);
      this.startCol.ensure(s + 1);
      this.open(s, time, ref());
      return;
    }
    const start = this.startCol.a[s]!;
    if (Math.abs(time - start) <= this.windowMs) {
      const n = ++this.countCol.a[s]!;
      if (n === 2) this.repeatCol.a[s] = ref();
      // an out-of-order earlier send moves the window start back
      if (time < start) this.startCol.a[s] = time;
      return;
    }
    this.close(key, s);
    this.open(s, time, ref());
  }

  private open(s: number, time: number, ref: number): void {
    this.startCol.a[s] = time;
    this.countCol.a[s] = 1;
    this.firstCol.a[s] = ref;
    this.repeatCol.a[s] = -1;
  }

  private close(key: number, s: number): void {
    if (this.countCol.a[s]! < 2) return;
    const audience = Math.floor(key / CLUSTER_BITS);
    this.closed.push({ audience, cluster: key - audience * CLUSTER_BITS, start: this.startCol.a[s]!, count: this.countCol.a[s]!, firstRef: this.firstCol.a[s]!, ref: this.repeatCol.a[s]! });
  }

  results(): DuplicateFinding[] {
    for (const [key, s] of this.slots) this.close(key, s);
    this.slots.clear();
    return this.closed.sort((a, b) => a.audience - b.audience || a.start - b.start || a.cluster - b.cluster);
  }
}
