import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeLocalTime, localTime, parseDateTime } from '../src/time.js';

// Zones with half- and quarter-hour offsets, DST in both hemispheres, a 30-minute DST (Lord Howe), old local mean times (Amsterdam, Monrovia).
const ZONES = [
  'UTC', 'Asia/Shanghai', 'Asia/Taipei', 'Asia/Hong_Kong', 'America/New_York', 'Europe/London', 'Europe/Amsterdam', 'Africa/Monrovia',
  'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'America/Santiago', 'Pacific/Apia',
];
const FROM = Date.UTC(1890, 0, 1);
const TO = Date.UTC(2210, 0, 1);

describe('localTime', () => {
  it('gives the wall clock Intl gives, at any instant in any zone (computeLocalTime is its oracle)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM / 1000, max: TO / 1000 }), fc.integer({ min: 0, max: 999 }), (tz, sec, ms) => {
        const t = sec * 1000 + ms;
        expect(localTime(t, tz)).toEqual(computeLocalTime(t, tz));
      }),
      { numRuns: 20_000 },
    );
  });

  it('is exact on every minute around DST changes and old local-mean-time changes', () => {
    const around = [
      ['America/New_York', '2026-03-08T06:00:00Z'], ['America/New_York', '2026-11-01T05:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'], ['Australia/Lord_Howe', '2026-10-03T15:00:00Z'],
      ['Europe/Amsterdam', '1937-06-30T23:00:00Z'], ['Africa/Monrovia', '1972-01-07T00:00:00Z'], ['Pacific/Apia', '2011-12-30T09:00:00Z'],
    ] as const;
    for (const [tz, iso] of around) {
      const mid = Date.parse(iso);
      for (let t = mid - 3 * 3_600_000; t <= mid + 3 * 3_600_000; t += 60_000) {
        for (const d of [0, 28_000, 59_999]) expect(localTime(t + d, tz)).toEqual(computeLocalTime(t + d, tz));
      }
    }
  });

  it('parses wall times in a zone across a DST gap and overlap as before', () => {
    expect(new Date(parseDateTime('2026-03-08T03:30:00', 'America/New_York')!).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(new Date(parseDateTime('2026-11-01T01:30:00', 'America/New_York')!).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(new Date(parseDateTime('2026-11-11T09:00:00', 'Asia/Shanghai')!).toISOString()).toBe('2026-11-11T01:00:00.000Z');
  });
});
