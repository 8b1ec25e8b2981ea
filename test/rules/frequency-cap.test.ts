import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { localTime } from '../../src/time.js';
import { audit, findings } from '../helpers.js';
import { capsFor, daysInMonth, overCap, type FrequencyOptions } from '../../src/rules/frequency-cap.js';
import { parseDateTime } from '../../src/time.js';
import { builtinRules } from '../../src/rules/index.js';
import { audit as auditFiles } from '../../src/index.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type C = Record<string, unknown>;

function drafts(campaigns: C[], defaults: C = { timezone: 'Asia/Shanghai' }): string {
  return JSON.stringify({
    version: 1,
    defaults,
    campaigns: campaigns.map((c, i) => ({ id: `c${i + 1}`, channel: 'direct', audience: { segment: 'cat-owners' }, messages: ['{{name}}，幼猫粮到货了'], ...c })),
  });
}

const cap = (campaigns: C[], opts: Parameters<typeof audit>[1] = {}) => findings(audit(drafts(campaigns), opts), 'frequency-cap');

/** `n` send times from `start` (YYYY-MM-DD), `perDay` a day at 10:00, 11:00, … local time. */
function times(start: string, n: number, perDay = 1): string[] {
  const base = Date.UTC(+start.slice(0, 4), +start.slice(5, 7) - 1, +start.slice(8, 10));
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(base + Math.floor(i / perDay) * 86_400_000).toISOString().slice(0, 10);
    return `${d}T${String(10 + (i % perDay)).padStart(2, '0')}:00:00`;
  });
}

describe('frequency-cap', () => {
  describe("a campaign's own schedule", () => {
    it('fires on two sends on one local day (daily preset: 1 a day)', () => {
      const f = cap([{ schedule: ['2026-11-03T09:00:00', '2026-11-03T19:00:00', '2026-11-04T09:00:00'] }]);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ window: '2026-11-03', period: 'day', count: 2, cap: 1, excerpt: '2026-11-03T19:00:00', campaignId: 'c1' });
      expect(f[0]!.messageId).toBeUndefined();
      expect(f[0]!.message).toContain('on 2026-11-03');
    });

    it('counts local days in the campaign time zone, not UTC dates', () => {
      // Same UTC date, but 23:30 and 00:30 in Shanghai: two local days.
      expect(cap([{ schedule: ['2026-11-03T15:30:00Z', '2026-11-03T16:30:00Z'] }])).toEqual([]);
      // Different UTC dates, but both on 2026-11-04 in Shanghai.
      const f = cap([{ schedule: ['2026-11-03T16:30:00Z', '2026-11-04T09:00:00Z'] }]);
      expect(f).toHaveLength(1);
      expect(f[0]!.window).toBe('2026-11-04');
    });

    it('allows three Moments posts a day and fires on the fourth', () => {
      expect(cap([{ channel: 'moments', schedule: times('2026-11-03', 3, 3) }])).toEqual([]);
      const f = cap([{ channel: 'moments', schedule: times('2026-11-03', 4, 4) }]);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ count: 4, cap: 3, excerpt: '2026-11-03T13:00:00' });
    });

    it('does not fire on one send a day', () => {
      expect(cap([{ schedule: times('2026-11-01', 10) }])).toEqual([]);
    });

    it('speaks Chinese with --lang zh', () => {
      const f = findings(audit(drafts([{ schedule: ['2026-11-03T09:00:00', '2026-11-03T19:00:00'] }]), { lang: 'zh' }), 'frequency-cap');
      expect(f[0]!.message).toContain('2026-11-03 当天');
      expect(f[0]!.message).toContain('人群「cat-owners」');
    });
  });

  describe('campaigns in the same run', () => {
    it('fires when two campaigns push the same segment on the same day, on the later one', () => {
      const f = cap([{ send_at: '2026-11-03T19:00:00' }, { send_at: '2026-11-03T09:00:00' }]);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ campaignId: 'c1', window: '2026-11-03', count: 2, cap: 1, campaigns: ['c1', 'c2'] });
      expect(f[0]!.message).toContain('c2');
    });

    it('attaches a finding to every campaign with a send over the cap', () => {
      const f = cap([{ send_at: '2026-11-03T09:00:00' }, { send_at: '2026-11-03T12:00:00' }, { send_at: '2026-11-03T18:00:00' }]);
      expect(f.map((x) => x.campaignId)).toEqual(['c2', 'c3']);
      expect(f.every((x) => x.count === 3)).toBe(true);
    });

    it('does not fire for different segments on the same day', () => {
      expect(cap([{ send_at: '2026-11-03T09:00:00' }, { audience: { segment: 'dog-owners' }, send_at: '2026-11-03T10:00:00' }])).toEqual([]);
    });

    it('fires for group campaigns to the same group, whichever script its name is written in', () => {
      const f = cap([
        { channel: 'group', group: { name: '萌爪养猫交流群' }, send_at: '2026-11-03T09:00:00' },
        { channel: 'group', group: { name: '萌爪養貓交流群' }, send_at: '2026-11-03T20:00:00' },
      ]);
      expect(f).toHaveLength(1);
      expect(f[0]!.campaignId).toBe('c2');
    });

    it('does not fire for two different groups', () => {
      expect(
        cap([
          { channel: 'group', group: { name: '萌爪养猫交流群' }, send_at: '2026-11-03T09:00:00' },
          { channel: 'group', group: { name: 'Downtown Yoga Members' }, send_at: '2026-11-03T09:00:00' },
        ]),
      ).toEqual([]);
    });

    it('fires when two campaigns both go to everyone on the same channel family', () => {
      const f = cap([
        { audience: {}, send_at: '2026-11-03T09:00:00' },
        { audience: { segment: 'all' }, send_at: '2026-11-03T20:00:00' },
      ]);
      expect(f).toHaveLength(1);
      expect(f[0]!.message).toContain('everyone');
    });

    it('counts each campaign in its own time zone: a London and a Shanghai Moments campaign do not share days', () => {
      const moments = (tz: string, day: string, hours: number[]) => ({
        channel: 'moments',
        audience: {},
        timezone: tz,
        schedule: hours.map((h) => `${day}T${String(h).padStart(2, '0')}:00:00`),
        messages: ['New bakes are out'],
      });
      // London's four posts fall on two Shanghai days (16:00, 19:00, 22:00 and 02:00 the next day)
      // but on one London day: over the cap of three there, and the Shanghai campaign's own day too.
      const f = cap([moments('Asia/Shanghai', '2026-05-09', [9, 12, 17, 20]), moments('Europe/London', '2026-05-18', [9, 12, 15, 19])]);
      expect(f.map((x) => x.campaignId).sort()).toEqual(['c1', 'c2']);
      expect(f.find((x) => x.campaignId === 'c2')!.message).toMatch(/4 sends .* on 2026-05-18/);
      // three posts a day in London next to four in Shanghai: only Shanghai is over
      const g = cap([moments('Asia/Shanghai', '2026-05-09', [9, 12, 17, 20]), moments('Europe/London', '2026-05-09', [9, 12, 15])]);
      expect(g.map((x) => x.campaignId)).toEqual(['c1']);
    });

    it('counts direct pushes and SMS to the same segment together', () => {
      const f = cap([{ send_at: '2026-11-03T09:00:00' }, { channel: 'sms', send_at: '2026-11-03T20:00:00', messages: ['{{name}}，幼猫粮到货了，回T退订'] }]);
      expect(f).toHaveLength(1);
      expect(f[0]!.campaignId).toBe('c2');
    });

    it('counts direct and SMS apart when shared_channels is empty', () => {
      const config = { rules: { 'frequency-cap': { shared_channels: [] } } };
      expect(cap([{ send_at: '2026-11-03T09:00:00' }, { channel: 'sms', send_at: '2026-11-03T20:00:00' }], { config })).toEqual([]);
    });

    it('does not count a group message and a direct push together', () => {
      expect(cap([{ send_at: '2026-11-03T09:00:00' }, { channel: 'group', send_at: '2026-11-03T20:00:00' }])).toEqual([]);
    });

    it('counts a send to everyone against a segment only when everyone_overlaps is on', () => {
      const twoSends = [{ audience: { segment: 'all' }, channel: 'sms', send_at: '2026-11-03T09:00:00' }, { audience: { segment: 'vip' }, send_at: '2026-11-03T18:00:00' }];
      // default: segments are judged against sends to the same segment only (RULEBOOK)
      expect(cap(twoSends)).toEqual([]);
      const on = { rules: { 'frequency-cap': { everyone_overlaps: true } } };
      const f = cap(twoSends, { config: on });
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ campaignId: 'c2', audience: 'direct+sms|segment|vip', count: 2 });
    });

    it('reports an everyone campaign over the cap once, not again for each segment', () => {
      const f = cap([{ audience: { segment: 'all' }, schedule: ['2026-11-03T09:00:00', '2026-11-03T18:00:00'] }, { audience: { segment: 'vip' }, send_at: '2026-11-03T08:00:00' }]);
      expect(f.filter((x) => x.campaignId === 'c1')).toHaveLength(1);
    });

    it('suppression on one campaign leaves the other findings alone', () => {
      const r = audit(
        drafts([
          { send_at: '2026-11-03T09:00:00' },
          { send_at: '2026-11-03T10:00:00', ignore: [{ rule: 'frequency-cap', reason: 'the same parcel notice, split by warehouse' }] },
          { send_at: '2026-11-03T11:00:00' },
        ]),
      );
      expect(findings(r, 'frequency-cap').map((f) => f.campaignId)).toEqual(['c3']);
      expect(r.campaigns[1]!.suppressed.map((s) => s.ruleId)).toEqual(['frequency-cap']);
    });
  });

  describe('presets and caps', () => {
    it('weekly preset: 2 a day is fine, 8 in a rolling week fires', () => {
      const config = { rules: { 'frequency-cap': { preset: 'weekly' } } };
      expect(cap([{ schedule: times('2026-11-01', 7, 2) }], { config })).toEqual([]);
      const f = cap([{ schedule: [...times('2026-11-02', 7), '2026-11-08T10:00:00'] }], { config });
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ period: 'week', window: '2026-11-02/2026-11-08', count: 8, cap: 7, excerpt: '2026-11-08T10:00:00' });
      // seven days apart: never 8 in any 7 consecutive days
      expect(cap([{ schedule: [...times('2026-11-02', 7), '2026-11-09T10:00:00'] }], { config })).toEqual([]);
    });

    it('monthly preset: as many a month as the month has days', () => {
      const config = { rules: { 'frequency-cap': { preset: 'monthly' } } };
      const feb = cap([{ schedule: times('2026-02-01', 29, 2) }], { config });
      expect(feb).toHaveLength(1);
      expect(feb[0]).toMatchObject({ period: 'month', window: '2026-02', count: 29, cap: 28 });
      expect(cap([{ schedule: times('2026-03-01', 29, 2) }], { config })).toEqual([]);
      expect(cap([{ schedule: times('2026-02-01', 28, 2) }], { config })).toEqual([]);
    });

    it('legacy-monthly preset: 4 a month', () => {
      const config = { rules: { 'frequency-cap': { options: { preset: 'legacy-monthly' } } } };
      const f = cap([{ schedule: times('2026-11-01', 5) }], { config });
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ window: '2026-11', count: 5, cap: 4 });
      expect(f[0]!.message).toContain('preset legacy-monthly');
    });

    it('caps override single windows of the preset', () => {
      const sms = { rules: { 'frequency-cap': { caps: { sms: { week: 3 } } } } };
      const f = cap([{ channel: 'sms', schedule: times('2026-11-01', 4), messages: ['{{name}}，本周新品，回T退订'] }], { config: sms });
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ period: 'week', count: 4, cap: 3 });
      const twoADay = { rules: { 'frequency-cap': { caps: { direct: { day: 2 } } } } };
      expect(cap([{ schedule: times('2026-11-01', 2, 2) }], { config: twoADay })).toEqual([]);
      const off = { rules: { 'frequency-cap': { caps: { direct: { day: 'off' } } } } };
      expect(cap([{ schedule: times('2026-11-01', 5, 5) }], { config: off })).toEqual([]);
    });

    it('a config may add its own preset', () => {
      const config = { rules: { 'frequency-cap': { preset: 'strict', presets: { strict: { direct: { week: 2 } } } } } };
      const f = cap([{ schedule: times('2026-11-01', 3) }], { config });
      expect(f.map((x) => [x.period, x.cap])).toEqual([['week', 2]]);
    });

    it('an unknown preset or a bad cap is an input error naming the option', () => {
      expect(() => cap([{ send_at: '2026-11-03T09:00:00' }], { config: { rules: { 'frequency-cap': { preset: 'hourly' } } } })).toThrow(/rules\.frequency-cap\.preset: unknown preset "hourly" \(daily \| weekly/);
      expect(() => cap([{ send_at: '2026-11-03T09:00:00' }], { config: { rules: { 'frequency-cap': { caps: { sms: { day: -1 } } } } } })).toThrow(/rules\.frequency-cap\.caps: sms\.day/);
      expect(() => cap([{ send_at: '2026-11-03T09:00:00' }], { config: { rules: { 'frequency-cap': { caps: { wechat: { day: 1 } } } } } })).toThrow(/unknown channel/);
    });
  });

  describe('helpers for the log side', () => {
    const meta = builtinRules().find((r) => r.meta.id === 'frequency-cap')!.meta;
    const builtin = { preset: 'daily', presets: meta.options.presets, caps: {} } as FrequencyOptions;

    it('capsFor resolves presets, overrides and days-in-month', () => {
      expect(capsFor(builtin, 'moments')).toEqual({ day: 3 });
      expect(capsFor({ ...builtin, preset: 'monthly' }, 'group', '2026-02')).toEqual({ month: 28 });
      expect(capsFor({ ...builtin, preset: 'monthly' }, 'group', '2028-02')).toEqual({ month: 29 });
      expect(capsFor({ ...builtin, caps: { sms: { week: 3 } } }, 'sms')).toEqual({ day: 1, week: 3 });
      expect(capsFor({ ...builtin, caps: { sms: { day: null } } }, 'sms')).toEqual({});
      expect(daysInMonth('2026-12')).toBe(31);
    });

    it('overCap counts one recipient’s sends per local day', () => {
      const at = (s: string) => parseDateTime(s, 'Asia/Shanghai')!;
      const sends = [at('2026-11-03T09:00:00'), at('2026-11-03T21:00:00'), at('2026-11-04T09:00:00')].map((t, i) => ({ at: t, channel: 'direct' as const, ref: i }));
      const w = overCap(sends, 'Asia/Shanghai', (ch, m) => capsFor(builtin, ch, m));
      expect(w).toHaveLength(1);
      expect(w[0]).toMatchObject({ period: 'day', window: '2026-11-03', count: 2, cap: 1 });
      expect(w[0]!.over.map((s) => s.ref)).toEqual([1]);
      // The same instants judged in New York fall on other local days (11-02 20:00, 11-03 08:00, 11-03 20:00).
      expect(overCap(sends, 'America/New_York', (ch, m) => capsFor(builtin, ch, m)).map((x) => [x.window, x.over.map((s) => s.ref)])).toEqual([['2026-11-03', [2]]]);
    });

    it('overCap: day windows are exactly the local dates over the cap; weeks never overlap', () => {
      const start = Date.UTC(2026, 10, 1);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 30 * 24 * 60 - 1 }), { maxLength: 60 }),
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: 1, max: 10 }),
          fc.constantFrom('Asia/Shanghai', 'America/New_York', 'UTC'),
          (minutes, dayCap, weekCap, tz) => {
            const sends = minutes.map((m, i) => ({ at: start + m * 60_000, channel: 'direct' as const, ref: i }));
            const w = overCap(sends, tz, () => ({ day: dayCap, week: weekCap }));
            const perDate = new Map<string, number>();
            for (const s of sends) {
              const d = localTime(s.at, tz).date;
              perDate.set(d, (perDate.get(d) ?? 0) + 1);
            }
            const expected = [...perDate].filter(([, n]) => n > dayCap).sort(([a], [b]) => (a < b ? -1 : 1));
            const days = w.filter((x) => x.period === 'day');
            expect(days.map((x) => [x.window, x.count])).toEqual(expected);
            for (const x of days) expect(x.over).toHaveLength(x.count - dayCap);
            const weeks = w.filter((x) => x.period === 'week');
            for (const x of weeks) expect(x.count).toBeGreaterThan(weekCap);
            for (let i = 1; i < weeks.length; i++) expect(weeks[i]!.start > weeks[i - 1]!.end).toBe(true);
          },
        ),
        { seed: 42, numRuns: 200 },
      );
    });

    it('overCap reports non-overlapping rolling weeks', () => {
      const at = (s: string) => parseDateTime(s, 'UTC')!;
      const sends = times('2026-11-01', 28, 2).map((t, i) => ({ at: at(t), channel: 'group' as const, ref: i }));
      const w = overCap(sends, 'UTC', () => ({ week: 7 }));
      expect(w.map((x) => [x.window, x.count, x.over.length])).toEqual([
        ['2026-11-01/2026-11-07', 14, 7],
        ['2026-11-08/2026-11-14', 14, 7],
      ]);
    });
  });
});

describe('frequency-cap: what is a push, and whose clock', () => {
  it('a reply to the customer (reply_to) is conversation: it counts toward no cap', () => {
    const push = { audience: { segment: 'skincare' }, send_at: '2026-12-07T11:00:00', messages: ['{{name}}，保湿霜出了大瓶装，门店有试用装'] };
    const answer = { audience: { segment: 'skincare' }, send_at: '2026-12-07T15:00:00', messages: [{ text: '大瓶装380元，成分和小瓶一样', reply_to: '大瓶装多少钱？' }] };
    expect(cap([push, answer])).toEqual([]);
    // the same text sent unasked is a second push that day
    expect(cap([push, { ...answer, messages: ['大瓶装380元，成分和小瓶一样'] }]).map((f) => f.campaignId)).toEqual(['c2']);
  });

  it('zones that tell the same local day pool: Shanghai, Taipei and Singapore Moments posts share one day', () => {
    const post = (tz: string, at: string) => ({ channel: 'moments', audience: {}, timezone: tz, send_at: at, messages: ['New roast on the bar today'] });
    const f = cap([post('Asia/Shanghai', '2026-12-06T10:00:00'), post('Asia/Shanghai', '2026-12-06T13:00:00'), post('Asia/Taipei', '2026-12-06T17:00:00'), post('Asia/Singapore', '2026-12-06T20:00:00')]);
    expect(f.map((x) => x.campaignId)).toEqual(['c4']);
    expect(f[0]!.message).toMatch(/4 sends/);
  });
});

describe('frequency-cap: a service message pools only within its own file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-cap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, c: C) => {
    writeFileSync(join(dir, name), JSON.stringify({ version: 1, defaults: { timezone: 'Asia/Shanghai' }, campaigns: [{ channel: 'sms', audience: { segment: 'members' }, ...c }] }));
    return join(dir, name);
  };
  const otp = { id: 'otp', kind: 'service', send_at: '2026-12-01T10:00:00', messages: ['【华信银行】验证码123456，5分钟内有效'] };
  const promo = { id: 'promo', send_at: '2026-12-01T16:00:00', messages: ['【华信银行】信用卡新客礼：首刷满100送50，回T退订'] };
  const capIn = async (files: string[]) => (await auditFiles({ files }, { config: false, timezone: 'Asia/Shanghai' })).campaigns.flatMap((c) => c.findings).filter((f) => f.ruleId === 'frequency-cap');

  it('an OTP in one file and a promotion in another are not one day of pushes', async () => {
    expect(await capIn([file('otp.json', otp), file('promo.json', promo)])).toEqual([]);
  });

  it('two promotions in two files to the same segment are', async () => {
    const f = await capIn([file('promo1.json', { ...promo, id: 'promo1', send_at: '2026-12-01T10:00:00' }), file('promo2.json', { ...promo, id: 'promo2' })]);
    expect(f.map((x) => x.campaignId)).toEqual(['promo2']);
  });
});
