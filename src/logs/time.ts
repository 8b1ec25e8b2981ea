/**
 * Fast time handling for logs. A log has a timestamp on every row, so the
 * general helpers in src/time.ts (two Intl calls per conversion) would cost
 * more than parsing the CSV. The zone's UTC offset is looked up once per
 * quarter hour of the timeline and cached; days are numbered (days since
 * 1970-01-01 in the zone) so window counters key on small integers.
 */
import { localTime } from '../time.js';

const DAY_MS = 86_400_000;
const SLOT_MS = 900_000; // offsets change on quarter hours at most

/**
 * ISO 8601 and the common export variants: 2026-11-03 09:15, 2026/11/3 9:15:00,
 * 2026-11-03T09:15:00.123+08:00, and a zone after the time: "2026-11-03 10:15:00 UTC"
 * (LinkedIn, many SaaS exports), "… GMT+8", "… +0800", "… [Asia/Shanghai]".
 */
const DATETIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(.*)$/i;
/** 11/03/2026 09:15 or 03.11.2026: day and month order is not written down (see DateOrder). */
const DATETIME_YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:(?:T|,?\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([ap]\.?m\.?)?)?\s*(.*)$/i;
/** 2026年11月3日 09:15 (Chinese exports). */
const DATETIME_ZH = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?秒?)?$/;
const EPOCH = /^\d{9,13}(?:\.\d+)?$/;
/** Excel's serial date: days since 1899-12-30, the fraction the time of day (45231.375 = 2023-11-01 09:00). */
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;
/** Serial days we read as dates: 1970-01-01 to 2099-12-31 (anything else is a number, not a time). */
const SERIAL_MIN = 25_569;
const SERIAL_MAX = 73_415;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * Zone abbreviations with one meaning. CST (China / US Central / Cuba), IST
 * and BST are ambiguous: a row with one is skipped with a reason rather than
 * read in a guessed zone.
 */
const ZONE_ABBR: Record<string, number> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  HKT: 480, SGT: 480, AWST: 480, PHT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
};
const AMBIGUOUS_ABBR = new Set(['CST', 'IST', 'BST', 'AST', 'ADT', 'ECT', 'SST']);
const OFFSET = /^(?:(?:UTC|GMT|UT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** The order of day and month in a date written with the year last (11/03/2026). */
export const DATE_ORDERS = ['mdy', 'dmy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** Why a time string was not read, for the skipped row's reason (undefined: not a time at all). */
export type TimeProblem = string | undefined;

export class Clock {
  private readonly offsets = new Map<number, number>();
  /** The order used for year-last dates; decided by --date-order, else by the first date that settles it. */
  private order: DateOrder | undefined;
  /** A year-last date was read whose order the data does not settle (11/03/2026): the order was assumed. */
  assumedOrder = false;
  /** Why the last string failed to parse, when there is more to say than "bad time". */
  problem: TimeProblem;

  constructor(
    readonly tz: string,
    readonly dateOrder?: DateOrder,
    /** Told once when a day/month order is assumed (stderr and the report). */
    private readonly onAssume?: (order: DateOrder, example: string) => void,
  ) {
    this.order = dateOrder;
  }

  /** The day/month order year-last dates were read in, and whether it was assumed (undefined: none met). */
  get dateOrderUsed(): { order: DateOrder; assumed: boolean; source: 'option' | 'data' | 'assumed' } | undefined {
    if (!this.order) return undefined;
    return { order: this.order, assumed: this.assumedOrder, source: this.dateOrder ? 'option' : this.assumedOrder ? 'assumed' : 'data' };
  }

  /** The zone's offset from UTC at an instant, in milliseconds. */
  offsetAt(ms: number): number {
    const slot = Math.floor(ms / SLOT_MS);
    let off = this.offsets.get(slot);
    if (off === undefined) {
      const t = slot * SLOT_MS;
      const l = localTime(t, this.tz);
      off = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - t;
      this.offsets.set(slot, off);
    }
    return off;
  }

  /** Wall-clock time in the zone (given as if it were UTC) → epoch ms; the second pass settles DST edges. */
  fromWall(wall: number): number {
    const guess = wall - this.offsetAt(wall);
    return wall - this.offsetAt(guess);
  }

  /** Local day number (days since 1970-01-01 in the zone). */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /** Minutes after local midnight, fractional. */
  minuteOfDay(ms: number): number {
    const local = ms + this.offsetAt(ms);
    return (local - Math.floor(local / DAY_MS) * DAY_MS) / 60_000;
  }

  /** "2026-11-03 09:15" local. */
  format(ms: number): string {
    return new Date(ms + this.offsetAt(ms)).toISOString().slice(0, 16).replace('T', ' ');
  }

  /**
   * A log timestamp: epoch seconds or milliseconds (number or digits), an
   * Excel serial date, or a date-time string; without an offset it is
   * wall-clock time in the zone. Returns undefined when the value is not a
   * time (`problem` then says why, when there is more to say).
   */
  parse(raw: unknown): number | undefined {
    if (typeof raw === 'number') {
      this.problem = undefined;
      if (!Number.isFinite(raw) || raw < 0) return undefined;
      if (raw >= SERIAL_MIN && raw <= SERIAL_MAX) return this.serial(raw);
      // 0 and small numbers are a missing time written as a number (msgtime: 0), not 1970
      if (raw < 1e8) {
        this.problem = raw === 0 ? 'time 0 (no time recorded)' : undefined;
        return undefined;
      }
      return epochMs(raw);
    }
    if (typeof raw !== 'string') return undefined;
    // a mass send stamps many rows with the same second
    if (raw === this.lastRaw) {
      this.problem = this.lastProblem;
      return this.lastTime;
    }
    this.problem = undefined;
    const t = this.parseString(raw);
    this.lastRaw = raw;
    this.lastTime = t;
    this.lastProblem = this.problem;
    return t;
  }

  private lastRaw: string | undefined;
  private lastTime: number | undefined;
  private lastProblem: TimeProblem;

  /** Excel serial days are wall-clock time (Excel has no zones). */
  private serial(n: number): number {
    return this.fromWall(SERIAL_EPOCH + Math.round(n * 86_400_000));
  }

  private parseString(raw: string): number | undefined {
    const s = raw.trim();
    if (!s) return undefined;
    const c = s.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      if (EPOCH.test(s)) return epochMs(Number(s));
      if (EXCEL_SERIAL.test(s)) {
        const n = Number(s);
        return n >= SERIAL_MIN && n <= SERIAL_MAX ? this.serial(n) : undefined;
      }
      if (s === '0') {
        this.problem = 'time 0 (no time recorded)';
        return undefined;
      }
    }
    let m = DATETIME.exec(s);
    if (m) return this.build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], m[7], m[8]!, s);
    m = DATETIME_ZH.exec(s);
    if (m) return this.build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], undefined, '', s);
    m = DATETIME_YEAR_LAST.exec(s);
    if (m) {
      const a = +m[1]!, b = +m[2]!;
      const order = this.orderFor(a, b, s);
      if (!order) return undefined;
      let hour = m[4];
      const ampm = m[8]?.toLowerCase().replace(/\./g, '');
      if (hour !== undefined && ampm) {
        const h = +hour;
        if (h < 1 || h > 12) return undefined;
        hour = String((h % 12) + (ampm === 'pm' ? 12 : 0));
      }
      const [mo, d] = order === 'mdy' ? [a, b] : [b, a];
      return this.build(+m[3]!, mo, d, hour, m[5], m[6], m[7], m[9]!, s);
    }
    return undefined;
  }

  /** The order for a year-last date: the option; else a part over 12 settles it; else the one settled before, else assumed. */
  private orderFor(a: number, b: number, s: string): DateOrder | undefined {
    const fits = (o: DateOrder) => (o === 'mdy' ? a >= 1 && a <= 12 && b >= 1 && b <= 31 : b >= 1 && b <= 12 && a >= 1 && a <= 31);
    if (this.order) {
      if (fits(this.order)) return this.order;
      const other: DateOrder = this.order === 'mdy' ? 'dmy' : 'mdy';
      this.problem = fits(other)
        ? `"${s.slice(0, 40)}" is not ${this.order === 'mdy' ? 'month/day/year' : 'day/month/year'}, the order ${this.dateOrder ? 'named by --date-order' : this.assumedOrder ? 'assumed for earlier rows' : 'earlier rows showed'}; name the order with --date-order ${other}`
        : undefined;
      return undefined;
    }
    const mdy = fits('mdy'), dmy = fits('dmy');
    if (mdy && dmy && a !== b) {
      // 11/03/2026: nothing in the value says which; month first is what US-locale Excel and most SaaS exports write
      this.order = 'mdy';
      this.assumedOrder = true;
      this.onAssume?.('mdy', s);
      return 'mdy';
    }
    if (mdy && dmy) return 'mdy'; // 05/05/2026 reads the same either way; decides nothing
    if (mdy || dmy) {
      this.order = mdy ? 'mdy' : 'dmy';
      return this.order;
    }
    return undefined;
  }

  private build(y: number, mo: number, d: number, hh: string | undefined, mm: string | undefined, ss: string | undefined, frac: string | undefined, zone: string, s: string): number | undefined {
    const h = hh ? +hh : 0, mi = mm ? +mm : 0, sec = ss ? +ss : 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return undefined;
    const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
    const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
    if (new Date(wall).getUTCDate() !== d) return undefined; // 2026-02-30
    const z = zone.trim();
    if (!z) return this.fromWall(wall);
    const off = zoneOffset(z, wall);
    if (typeof off === 'string') {
      this.problem = `${off} in "${s.slice(0, 40)}"`;
      return undefined;
    }
    return off === undefined ? undefined : wall - off * 60_000;
  }
}

/**
 * A zone written after a time → its offset in minutes at that wall-clock time:
 * Z, +08:00, +0800, +8, UTC, GMT+8, UTC-05:00, an unambiguous abbreviation
 * (JST, PST…), or an IANA name (Asia/Shanghai, also in brackets as RFC 9557
 * writes it). A string for an ambiguous abbreviation (the reason); undefined
 * when it is not a zone (the value is not a time).
 */
function zoneOffset(z: string, wall: number): number | string | undefined {
  const bare = z.replace(/^\[(.*)\]$/, '$1').trim();
  const m = OFFSET.exec(bare.replace(/\s+/g, ''));
  if (m) {
    const hours = +m[2]!, minutes = m[3] ? +m[3] : 0;
    if (hours > 14 || minutes > 59) return undefined;
    return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const up = bare.toUpperCase();
  if (up in ZONE_ABBR) return ZONE_ABBR[up];
  if (AMBIGUOUS_ABBR.has(up)) return `ambiguous time zone "${bare}" (${up === 'CST' ? 'China or US Central' : 'more than one zone'})`;
  if (/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+$/.test(bare)) {
    try {
      const l = localTime(wall, bare);
      const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
      // the offset at this wall time (first pass; DST edges are an hour's ambiguity at most)
      return Math.round((asUtc - wall) / 60_000);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Epoch seconds (below 1e11, i.e. before the year 5138) or milliseconds. */
function epochMs(n: number): number {
  return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
}

/** YYYY-MM-DD of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM of a day number. */
export function monthOfDay(day: number): string {
  return dateOfDay(day).slice(0, 7);
}

/** Day number of a YYYY-MM-DD date. */
export function dayOfDate(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
}

/** ISO 8601 week of a day number: "2026-W45" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOfDay(day: number): string {
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Monday
  const thursday = day - weekday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
