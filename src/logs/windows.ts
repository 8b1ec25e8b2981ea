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
import { dateOfDay } from './time.js';

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
 * cluster — without hash maps: each audience (a dense small integer) heads a
 * chain of its slots, newest first. Logs come in time order, so the slot
 * wanted is nearly always the head; an out-of-order row walks back the
 * chain (as long as the audience's active days or clusters).
 */
class Slots {
  private head = new IntCol(4096);
  private readonly keyCol = new IntCol();
  private readonly audCol = new IntCol();
  private readonly prevCol = new IntCol();
  size = 0;

  find(aud: number, key: number): number {
    if (aud >= this.head.a.length) return -1;
    const k = this.keyCol.a;
    const prev = this.prevCol.a;
    let s = this.head.a[aud]! - 1; // stored +1 so a fresh (zeroed) array means "none"
    while (s >= 0 && k[s] !== key) s = prev[s]!;
    return s;
  }

  add(aud: number, key: number): number {
    if (aud >= this.head.a.length) this.head.ensure(Math.max(aud + 1, this.head.a.length * 2));
    const s = this.size++;
    if (s >= this.keyCol.a.length) for (const c of [this.keyCol, this.audCol, this.prevCol]) c.ensure(s + 1);
    this.keyCol.a[s] = key;
    this.audCol.a[s] = aud;
    this.prevCol.a[s] = this.head.a[aud]! - 1;
    this.head.a[aud] = s + 1;
    return s;
  }

  key(s: number): number {
    return this.keyCol.a[s]!;
  }

  aud(s: number): number {
    return this.audCol.a[s]!;
  }

  /** Slot indexes ordered by audience, then key. */
  ordered(): Int32Array {
    const idx = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) idx[i] = i;
    const k = this.keyCol.a;
    const a = this.audCol.a;
    return idx.sort((x, y) => a[x]! - a[y]! || k[x]! - k[y]!);
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
  private readonly day = new Slots();
  private readonly dayCount = new IntCol();
  private readonly dayRefused = new IntCol();
  private readonly dayMask = new IntCol();
  private readonly dayFirst = new IntCol();
  private readonly dayCulprit = new IntCol();
  private readonly month = new Slots();
  private readonly monthCount = new IntCol();
  private readonly monthRefused = new IntCol();
  private readonly monthMask = new IntCol();
  private readonly monthCulprit = new IntCol();
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
      if (s >= this.dayCount.a.length) for (const c of [this.dayCount, this.dayRefused, this.dayMask, this.dayFirst, this.dayCulprit]) c.ensure(s + 1);
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
    if (!this.hasMonthCap) return;
    let t = this.month.find(aud, info.monthKey);
    if (t < 0) {
      t = this.month.add(aud, info.monthKey);
      if (t >= this.monthCount.a.length) for (const c of [this.monthCount, this.monthRefused, this.monthMask, this.monthCulprit]) c.ensure(t + 1);
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
    const order = this.day.ordered();
    let i = 0;
    while (i < order.length) {
      const aud = this.day.aud(order[i]!);
      let j = i;
      while (j < order.length && this.day.aud(order[j]!) === aud) j++;
      const days: number[] = [];
      const slots: number[] = [];
      for (let k = i; k < j; k++) {
        const s = order[k]!;
        days.push(this.day.key(s));
        slots.push(s);
        const count = this.dayCount.a[s]!;
        const refused = this.dayRefused.a[s]!;
        const info = this.infoOf(this.day.key(s));
        const mask = this.dayMask.a[s]!;
        const cap = (info.capByMask[mask] ??= this.capOf(mask, 'day', info.month) ?? null) ?? undefined;
        if (cap === undefined || (count <= cap && !refused)) continue;
        // status 3 says the customer had already received one: at least cap + 1 attempts that day
        const culprit = this.dayCulprit.a[s]! >= 0 ? this.dayCulprit.a[s]! : this.dayFirst.a[s]!;
        out.push({ audience: aud, period: 'day', window: info.date, start: info.date, end: info.date, count: Math.max(count, refused ? cap + 1 : 0), cap, refused, ref: culprit });
      }
      if (this.hasWeekCap) this.weeks(aud, days, slots, out);
      i = j;
    }
    for (let t = 0; t < this.month.size; t++) {
      const mk = this.month.key(t);
      const month = `${1970 + Math.floor(mk / 12)}-${String((mk % 12) + 1).padStart(2, '0')}`;
      const count = this.monthCount.a[t]!;
      if (this.monthCulprit.a[t]! < 0) continue;
      const cap = this.capOf(this.monthMask.a[t]!, 'month', month);
      if (cap === undefined || count <= cap) continue;
      const last = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate();
      out.push({ audience: this.month.aud(t), period: 'month', window: month, start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}`, count, cap, refused: this.monthRefused.a[t]!, ref: this.monthCulprit.a[t]! });
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

  private busiest(slots: Slots, count: IntCol, refused: IntCol, kind: AudienceKind): Map<number, number> {
    const peak = new Map<number, number>();
    for (let s = 0; s < slots.size; s++) {
      const aud = slots.aud(s);
      if (decodeAudience(aud).kind !== kind) continue;
      const n = count.a[s]! - refused.a[s]!;
      if (n > (peak.get(aud) ?? 0)) peak.set(aud, n);
    }
    return peak;
  }
}

/* ---------------------------------------------------------- duplicate-blast */

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
 * Per (template cluster, audience): the open window (its first send, the
 * number of sends in it, the first repeat). A send more than `windowMs`
 * after the window's first send closes it and opens the next.
 */
export class DuplicateTracker {
  private readonly slots = new Slots();
  private readonly startCol = new FloatCol();
  private readonly countCol = new IntCol();
  private readonly firstCol = new IntCol();
  private readonly repeatCol = new IntCol();
  private readonly closed: DuplicateFinding[] = [];

  constructor(private readonly windowMs: number) {}

  add(audience: number, cluster: number, time: number, ref: () => number): void {
    if (cluster < 0) return;
    let s = this.slots.find(audience, cluster);
    if (s < 0) {
      s = this.slots.add(audience, cluster);
      if (s >= this.countCol.a.length) {
        for (const c of [this.countCol, this.firstCol, this.repeatCol]) c.ensure(s + 1);
        this.startCol.ensure(s + 1);
      }
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
    this.close(audience, cluster, s);
    this.open(s, time, ref());
  }

  private open(s: number, time: number, ref: number): void {
    this.startCol.a[s] = time;
    this.countCol.a[s] = 1;
    this.firstCol.a[s] = ref;
    this.repeatCol.a[s] = -1;
  }

  private close(audience: number, cluster: number, s: number): void {
    if (this.countCol.a[s]! < 2) return;
    this.closed.push({ audience, cluster, start: this.startCol.a[s]!, count: this.countCol.a[s]!, firstRef: this.firstCol.a[s]!, ref: this.repeatCol.a[s]! });
  }

  results(): DuplicateFinding[] {
    for (let s = 0; s < this.slots.size; s++) this.close(this.slots.aud(s), this.slots.key(s), s);
    return this.closed.sort((a, b) => a.audience - b.audience || a.start - b.start || a.cluster - b.cluster);
  }
}
