/** Time-zone arithmetic on IANA names with nothing but Intl. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Resolving the machine's zone builds a formatter (~80 µs): once per value of TZ, not once per campaign.
let machineZone: { env: string | undefined; zone: string } | undefined;
export function machineTimeZone(): string {
  if (machineZone?.env !== process.env.TZ || !machineZone) {
    machineZone = { env: process.env.TZ, zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
  }
  return machineZone.zone;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    fmtCache.set(tz, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** YYYY-MM-DD in the zone. */
  date: string;
}

/**
 * A zone's offset changes at most once in any 15-minute slot of UTC time
 * (transitions are hours or months apart), and nearly every transition falls
 * on a quarter hour. So the offset is asked of Intl once per zone and slot, at
 * both ends of the slot: when they agree the offset holds for the whole slot
 * and the wall clock is plain UTC arithmetic; when they differ (a transition
 * inside the slot, as from the old local mean times) Intl answers every
 * instant of it. formatToParts costs microseconds and allocates; a check of
 * 30,000 campaigns with as many send times asked it ~100,000 times.
 */
const SLOT_MS = 15 * 60_000;
/** Per zone: slot → offset in ms, or NaN when the offset changes inside the slot (asked of Intl every time). */
const slotOffsets = new Map<string, Map<number, number>>();
/** The fast path's range: years with four digits and no era (outside it, Intl answers every time). */
const FAST_FROM = Date.UTC(1900, 0, 2);
const FAST_TO = Date.UTC(2200, 0, 1);

/** A zone's UTC offset at an instant, in ms (asked of Intl). */
export function exactOffsetMs(epochMs: number, tz: string): number {
  const l = computeLocalTime(epochMs, tz);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - Math.floor(epochMs / 1000) * 1000;
}

function slotOffset(epochMs: number, tz: string): number {
  let byZone = slotOffsets.get(tz);
  if (!byZone) slotOffsets.set(tz, (byZone = new Map()));
  const slot = Math.floor(epochMs / SLOT_MS);
  let off = byZone.get(slot);
  if (off === undefined) {
    if (byZone.size >= 100_000) byZone.clear();
    const start = exactOffsetMs(slot * SLOT_MS, tz);
    off = exactOffsetMs(slot * SLOT_MS + SLOT_MS - 1000, tz) === start ? start : NaN;
    byZone.set(slot, off);
  }
  return off;
}

/** Wall-clock fields of an instant in a time zone. */
export function localTime(epochMs: number, tz: string): LocalTime {
  if (epochMs >= FAST_FROM && epochMs < FAST_TO) {
    const off = slotOffset(epochMs, tz);
    if (!Number.isNaN(off)) {
      const d = new Date(epochMs + off);
      const y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1, day = d.getUTCDate();
      return {
        year: y,
        month: mo,
        day,
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        date: `${y}-${mo < 10 ? '0' : ''}${mo}-${day < 10 ? '0' : ''}${day}`,
      };
    }
  }
  return computeLocalTime(epochMs, tz);
}

/** Wall-clock fields from Intl itself (the oracle of localTime's fast path: test/time.test.ts). */
export function computeLocalTime(epochMs: number, tz: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of fmt(tz).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const y = parts.year!, mo = parts.month!, d = parts.day!;
  return {
    year: y,
    month: mo,
    day: d,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
    date: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  };
}

/** Offset of a zone from UTC at an instant, in minutes. */
function offsetMinutes(epochMs: number, tz: string): number {
  const l = localTime(epochMs, tz);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

/**
 * Parse an ISO 8601 date or date-time. A value without an offset is wall-clock
 * time in `tz`. Returns epoch milliseconds, or undefined when not a date.
 */
export function parseDateTime(value: string, tz: string): number | undefined {
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', off] = m;
  const ms = Number((frac + '00').slice(0, 3));
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, ms);
  const check = new Date(wall);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 60) return undefined;
  if (off) {
    if (off.toUpperCase() === 'Z') return wall;
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    return wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  // Wall time in tz: guess with the offset at that instant, then correct once (DST edges).
  let guess = wall - offsetMinutes(wall, tz) * 60000;
  guess = wall - offsetMinutes(guess, tz) * 60000;
  return guess;
}
