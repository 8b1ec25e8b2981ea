/**
 * The score model as the README states it: base 80, named signal features,
 * signal capped and never buying a finding off (it earns back at most half of
 * the noise), grades by band, snr = signal / (signal + noise).
 */
import { describe, expect, it } from 'vitest';
import { audit, one } from './helpers.js';
import { defaultConfig } from '../src/config/config.js';

function campaign(text: string, fields: Record<string, unknown> = {}) {
  return audit(one(text, fields)).campaigns[0]!;
}

const features = (c: ReturnType<typeof campaign>) => c.signals.map((s) => s.feature).sort();

describe('score model', () => {
  it('a message with neither signal nor noise scores the base: acceptable (B), earning nothing', () => {
    const c = campaign('周六早上7点在江边公园集合，一起慢跑5公里', { group: { name: '江边晨跑交流群' } });
    expect(c.findings).toEqual([]);
    expect(features(c)).toEqual([]);
    expect(c.score).toBe(defaultConfig().scoring.base);
    expect(c.grade).toBe('B');
    expect(c.snr).toBe(0.5);
  });

  it.each([
    ['明天上午9点到12点门店电路检修，暂停营业，下午照常开门', 'direct'],
    ['本週六颱風警報，場館暫停開放一天，已預約的課程順延', 'group'],
    ['Heads up: the studio is closed on Monday for floor repairs; classes move to Tuesday', 'direct'],
  ])('an operational notice that affects the reader is service value: %s', (text, channel) => {
    const c = campaign(text, { channel, ...(channel === 'group' ? { group: { name: '会员服务群', type: 'service' } } : {}) });
    expect(features(c)).toContain('service');
    expect(c.findings).toEqual([]);
    expect(c.score).toBe(90);
    expect(c.grade).toBe('A');
  });

  it('a notice that sells earns no service value', () => {
    const c = campaign('门店装修完毕重新开业，全场饮品8折，欢迎到店', { channel: 'direct', audience: { segment: 'regulars', tags: ['咖啡'] } });
    expect(features(c)).not.toContain('service');
  });

  it('signal adds up to its cap: personalised, targeted and service reach 100, not more', () => {
    const c = campaign('{{name}}您好，您预约的明天下午3点猫咪洗护已确认，请带上疫苗本', {
      channel: 'direct',
      audience: { segment: 'booked', tags: ['猫咪洗护'] },
    });
    expect(features(c)).toEqual(['personalised', 'service', 'targeted']);
    expect(c.signal).toBe(defaultConfig().scoring.signalCap);
    expect(c.score).toBe(100);
  });

  it('signal earns back at most half of the noise: a finding always leaves the score under the base', () => {
    const c = campaign('{{name}}，今晚直播间全场五折，手慢无', { channel: 'direct', audience: { segment: 'fans', tags: ['直播'] } });
    const noise = c.findings.reduce((n, f) => n + f.penalty, 0);
    expect(noise).toBeGreaterThan(0);
    // (the scorer sums to one decimal; this sum is raw floating point: 9.6 + 4.8 + … may fall a hair under)
    expect(c.signal).toBeLessThanOrEqual(noise / 2 + 1e-9);
    expect(c.score).toBe(Math.round(80 + c.signal - Math.round(noise * 10) / 10));
    expect(c.score).toBeLessThan(80);
    // snr reads the signal before crediting (capped), so it still shows what the message did right
    const raw = Math.min(c.signals.reduce((n, x) => n + x.points, 0), 20);
    expect(c.snr).toBeCloseTo(raw / (raw + noise), 2);
  });

  it('weights are configurable: a different base and service weight move the score', () => {
    const text = '明天上午门店停电检修，暂停营业半天';
    const cfg = { scoring: { base: 70, signals: { service: 5 } } };
    const c = audit(one(text, { channel: 'direct' }), { config: cfg }).campaigns[0]!;
    expect(c.score).toBe(75);
  });
});
