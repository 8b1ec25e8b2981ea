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

/** ISO 8601 and the common export variants: 2026-11-03 09:15, 2026/11/3 9:15:00, 2026-11-03T09:15:00.123+08:00. */
const DATETIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** 2026年11月3日 09:15 (Chinese exports). */
const DATETIME_ZH = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?秒?)?$/;
const EPOCH = /^\d{9,13}(?:\.\d+)?$/;

export class Clock {
  private readonly offsets = new Map<number, number>();

  constructor(readonly tz: string) {}

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
   * A log timestamp: epoch seconds or milliseconds (number or digits), or a
   * date-time string; without an offset it is wall-clock time in the zone.
   * Returns undefined when the value is not a time.
   */
  parse(raw: unknown): number | undefined {
    if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? epochMs(raw) : undefined;
    if (typeof raw !== 'string') return undefined;
    // a mass send stamps many rows with the same second
    if (raw === this.lastRaw) return this.lastTime;
    const t = this.parseString(raw);
    this.lastRaw = raw;
    this.lastTime = t;
    return t;
  }

  private lastRaw: string | undefined;
  private lastTime: number | undefined;

  private parseString(raw: string): number | undefined {
    const s = raw.trim();
    if (!s) return undefined;
    const c = s.charCodeAt(0);
    if (c >= 48 && c <= 57 && EPOCH.test(s)) return epochMs(Number(s));
    const m = DATETIME.exec(s) ?? DATETIME_ZH.exec(s);
    if (!m) return undefined;
    const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
    const h = m[4] ? +m[4] : 0, mi = m[5] ? +m[5] : 0, sec = m[6] ? +m[6] : 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return undefined;
    const ms = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
    const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
    if (new Date(wall).getUTCDate() !== d) return undefined; // 2026-02-30
    const off = m[8];
    if (!off) return this.fromWall(wall);
    if (off === 'Z' || off === 'z') return wall;
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    return wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  }
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
