import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, cli, findings } from '../helpers.js';

/** Drafts with the given campaigns (defaults.timezone Asia/Shanghai unless `defaults` says otherwise). */
function drafts(campaigns: Array<Record<string, unknown>>, defaults: Record<string, unknown> = { timezone: 'Asia/Shanghai' }): string {
  return JSON.stringify({ version: 1, defaults, campaigns: campaigns.map((c, i) => ({ id: `c${i + 1}`, channel: 'direct', messages: ['{{name}}，您好'], ...c })) });
}

const quiet = (campaigns: Array<Record<string, unknown>>, opts: Parameters<typeof audit>[1] = {}, defaults?: Record<string, unknown>) =>
  findings(audit(drafts(campaigns, defaults), opts), 'quiet-hours');

describe('quiet-hours', () => {
  describe('fires', () => {
    it.each([
      ['2026-11-18T23:30:00+08:00', '2026-11-18T23:30'],
      ['2026-11-18T22:00:00+08:00', '2026-11-18T22:00'],
      ['2026-11-19T07:59:00+08:00', '2026-11-19T07:59'],
      ['2026-11-19T03:00:00', '2026-11-19T03:00'],
    ])('send at %s in Asia/Shanghai', (sendAt, local) => {
      const f = quiet([{ send_at: sendAt }]);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(sendAt);
      expect(f[0]!.localTime).toBe(local);
      expect(f[0]!.messageId).toBeUndefined();
    });

    it('converts a time written in UTC to the campaign zone before judging', () => {
      // 16:00 UTC looks like an afternoon send; in Shanghai it is midnight.
      const f = quiet([{ send_at: '2026-11-18T16:00:00+00:00' }]);
      expect(f).toHaveLength(1);
      expect(f[0]!.localTime).toBe('2026-11-19T00:00');
      expect(f[0]!.message).toContain('written as 2026-11-18T16:00:00+00:00');
      expect(f[0]!.advice).toContain('2026-11-19 08:00');
    });

    it("judges in the campaign's own time zone over defaults", () => {
      // 09:00 in Shanghai is 01:00 in London.
      const f = quiet([{ timezone: 'Europe/London', send_at: '2026-11-18T09:00:00+08:00' }]);
      expect(f).toHaveLength(1);
      expect(f[0]!.timezone).toBe('Europe/London');
      expect(f[0]!.localTime).toBe('2026-11-18T01:00');
    });

    it('uses defaults.timezone for a time without offset', () => {
      const f = quiet([{ send_at: '2026-11-18T23:00:00' }], {}, { timezone: 'America/New_York' });
      expect(f).toHaveLength(1);
      expect(f[0]!.timezone).toBe('America/New_York');
    });

    it('still fires on a service message at 23:30, with service advice', () => {
      for (const text of ['您的订单已发货，快递单号 SF123，请留意签收。', '您的訂單已發貨，請留意簽收。', 'Your order has shipped and will arrive tomorrow.']) {
        const f = quiet([{ send_at: '2026-11-18T23:30:00+08:00', messages: [text] }]);
        expect(f).toHaveLength(1);
        expect(f[0]!.message).toMatch(/^Service reminder/);
        expect(f[0]!.advice).toContain('2026-11-19 08:00');
      }
    });

    it('reports one finding per send time in quiet hours', () => {
      const f = quiet([{ schedule: ['2026-11-18T06:30:00', '2026-11-18T12:00:00', '2026-11-18T22:30:00'] }]);
      expect(f.map((x) => x.excerpt)).toEqual(['2026-11-18T06:30:00', '2026-11-18T22:30:00']);
      expect(f[0]!.advice).toContain('2026-11-18 08:00');
      expect(f[1]!.advice).toContain('2026-11-19 08:00');
    });

    it('speaks Chinese with --lang zh', () => {
      const f = findings(audit(drafts([{ send_at: '2026-11-18T23:30:00+08:00' }]), { lang: 'zh' }), 'quiet-hours');
      expect(f[0]!.message).toContain('休息时间 22:00–08:00');
    });
  });

  describe('does not fire', () => {
    it.each(['2026-11-18T20:30:00+08:00', '2026-11-18T08:00:00+08:00', '2026-11-18T21:59:00', '2026-11-18'])('send at %s in Asia/Shanghai', (sendAt) => {
      expect(quiet([{ send_at: sendAt }])).toEqual([]);
    });

    it('on a UTC time that looks like night but is daytime in the campaign zone', () => {
      // 02:00 UTC is 10:00 in Shanghai.
      expect(quiet([{ send_at: '2026-11-18T02:00:00Z' }])).toEqual([]);
    });

    it('on a campaign without a send time', () => {
      expect(quiet([{}])).toEqual([]);
    });
  });

  describe('options', () => {
    it('takes a configured window crossing midnight', () => {
      const config = { rules: { 'quiet-hours': { start: '21:00', end: '09:00' } } };
      expect(quiet([{ send_at: '2026-11-18T21:30:00' }], { config })).toHaveLength(1);
      expect(quiet([{ send_at: '2026-11-18T08:30:00' }], { config })).toHaveLength(1);
      expect(quiet([{ send_at: '2026-11-18T09:00:00' }], { config })).toEqual([]);
    });

    it('takes a window that does not cross midnight', () => {
      const config = { rules: { 'quiet-hours': { options: { start: '12:00', end: '14:00' } } } };
      const f = quiet([{ send_at: '2026-11-18T13:00:00' }], { config });
      expect(f).toHaveLength(1);
      expect(f[0]!.advice).toContain('2026-11-18 14:00');
      expect(quiet([{ send_at: '2026-11-18T23:30:00' }], { config })).toEqual([]);
    });

    it('takes per-channel windows, and off for a channel', () => {
      const config = { rules: { 'quiet-hours': { channels: { moments: 'off', sms: { start: '20:00', end: '09:00' } } } } };
      const f = quiet(
        [
          { channel: 'moments', send_at: '2026-11-18T23:30:00' },
          { channel: 'sms', send_at: '2026-11-18T20:30:00', messages: ['您的订单已发货'] },
          { channel: 'direct', send_at: '2026-11-18T20:30:00' },
        ],
        { config },
      );
      expect(f.map((x) => x.campaignId)).toEqual(['c2']);
    });

    it('a bad time in the config is an input error naming the config file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'qh-'));
      writeFileSync(join(dir, 'drafts.yaml'), drafts([{ send_at: '2026-11-18T23:30:00' }]));
      writeFileSync(join(dir, 'cfg.yaml'), 'rules:\n  quiet-hours:\n    start: "25:00"\n');
      const r = cli(['check', join(dir, 'drafts.yaml'), '--config', join(dir, 'cfg.yaml')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('cfg.yaml');
      expect(r.stderr).toContain('rules.quiet-hours.start');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('is suppressed by a campaign ignore with a reason', () => {
    const r = audit(drafts([{ send_at: '2026-11-18T23:30:00', ignore: [{ rule: 'quiet-hours', reason: '跨境客户在欧洲，当地是下午' }] }]));
    expect(findings(r, 'quiet-hours')).toEqual([]);
    expect(r.campaigns[0]!.suppressed.map((s) => s.ruleId)).toContain('quiet-hours');
  });
});
