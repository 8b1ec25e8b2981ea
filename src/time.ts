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

// formatToParts costs microseconds and campaigns share send times: keep recent answers.
const localCache = new Map<string, LocalTime>();

/** Wall-clock fields of an instant in a time zone. */
export function localTime(epochMs: number, tz: string): LocalTime {
  const key = `${tz} ${epochMs}`;
  let hit = localCache.get(key);
  if (!hit) {
    if (localCache.size >= 20_000) localCache.clear();
    localCache.set(key, (hit = Object.freeze(computeLocalTime(epochMs, tz))));
  }
  return hit;
}

function computeLocalTime(epochMs: number, tz: string): LocalTime {
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
