import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { audit, fire, one } from '../helpers.js';
import { defaultConfig, parseConfig } from '../../src/config/config.js';
import { loadDrafts } from '../../src/drafts/load.js';
import { auditCampaigns } from '../../src/engine/audit.js';
import { builtinRules } from '../../src/rules/index.js';
import { scoreCampaign } from '../../src/scoring/score.js';

const RULE = 'selling-pressure';
const sms = { channel: 'sms' };
const kinds = (text: string, fields: Record<string, unknown> = sms) => {
  const f = fire(RULE, text, fields);
  return f.length ? ((f[0] as unknown as { cues: Array<{ kind: string }> }).cues.map((c) => c.kind).sort()) : [];
};
const scoreOf = (text: string, fields: Record<string, unknown> = sms) => audit(one(text, fields)).campaigns[0]!.score;

describe('selling-pressure', () => {
  describe('counts each kind of cue in a marketing message', () => {
    it.each([
      // Simplified
      ['【悦动健身】年卡8折，回T退订', ['price']],
      ['【悦动健身】年卡8折，点击链接 t.cn/abc 回T退订', ['link', 'price']],
      ['【悦动健身】年卡8折，详询 400-800-1234 回T退订', ['contact', 'price']],
      ['【悦动健身】年卡8折，满2000再送私教课 回T退订', ['extra_offer', 'price']],
      ['【悦动健身】年卡限时8折，今晚截止 回T退订', ['countdown', 'price']],
      // Traditional
      ['【茶語】秋季新品全場8折，滿300再送杯墊 拒收請回覆R', ['extra_offer', 'price']],
      ['【茶語】會員日特價，加微信 tea_yu 預訂，僅剩最後3天 拒收請回覆R', ['contact', 'countdown', 'price']],
      // English
      ['FitLife: 50% off annual plans. Reply STOP to opt out', ['price']],
      ['FitLife: 50% off annual plans, ends Sunday. Join at fitlife.example. Reply STOP to opt out', ['countdown', 'link', 'price']],
      ['FitLife: 50% off annual plans, call 020 7946 0958. Reply STOP to opt out', ['contact', 'price']],
    ])('%s', (text, expected) => {
      expect(kinds(text)).toEqual(expected);
    });
  });

  describe('does not fire', () => {
    it.each([
      // service and bills: the customer's own business
      '【顺丰】您的包裹已到达驿站，取件码 5512，详询 95338',
      '【順豐】您的包裹已到達驛站，取件碼 5512',
      'Your bill of $42.10 is due on 15 Dec. Pay at example.com/pay',
      // chat, news and plain notices: no marketing, fewer than three cues
      '周末一起去爬山吗？',
      '據悉該商場週末打折，記者到現場看到排隊的人很多',
      'Are you free this weekend? Call me at 07700900123',
      '本周六馆内消防检修，全天停课',
    ])('%s', (text) => {
      expect(fire(RULE, text, sms)).toEqual([]);
    });

    it('an opt-out line is the way out, not a contact', () => {
      expect(kinds('FitLife: 50% off annual plans. Reply STOP to opt out')).not.toContain('contact');
    });
  });

  it('counts three cues in a text with no other sign of marketing (a prize, a number, a deadline)', () => {
    expect(kinds('You have won £1000 cash! Call 09061701461 to collect, valid 12 hours only, expires tonight')).toEqual(expect.arrayContaining(['contact', 'price']));
  });

  describe('scores in degrees', () => {
    it('each further cue costs points: 1 < 2 < 3 < 4 kinds, in all three scripts', () => {
      const ladders = [
        ['【悦动健身】年卡8折 回T退订', '【悦动健身】年卡8折，点击链接 t.cn/abc 回T退订', '【悦动健身】年卡8折，点击链接 t.cn/abc 或致电 400-800-1234 回T退订', '【悦动健身】年卡8折，点击链接 t.cn/abc 或致电 400-800-1234，今晚截止 回T退订'],
        ['【茶語】全場8折 拒收請回覆R', '【茶語】全場8折，點擊連結 t.cn/abc 拒收請回覆R', '【茶語】全場8折，點擊連結 t.cn/abc，加微信 tea_yu 拒收請回覆R', '【茶語】全場8折，點擊連結 t.cn/abc，加微信 tea_yu，今晚截止 拒收請回覆R'],
        ['FitLife: 50% off. Reply STOP to opt out', 'FitLife: 50% off at fitlife.example. Reply STOP to opt out', 'FitLife: 50% off at fitlife.example or call 020 7946 0958. Reply STOP to opt out', 'FitLife: 50% off at fitlife.example or call 020 7946 0958, ends Sunday. Reply STOP to opt out'],
      ];
      for (const ladder of ladders) {
        const scores = ladder.map((t) => scoreOf(t));
        for (let i = 1; i < scores.length; i++) expect(scores[i]!, ladder[i]).toBeLessThan(scores[i - 1]!);
      }
    });

    it('names every point: one finding whose message lists the cues, penalty = 2 × kinds × channel weight', () => {
      const [f] = fire(RULE, '【悦动健身】年卡8折，点击链接 t.cn/abc 或致电 400-800-1234 回T退订', sms);
      expect(f!.severity).toBe('info');
      expect(f!.penalty).toBe(7.2); // 3 kinds × 2 × 1.2 (SMS)
      expect(f!.message).toMatch(/a price "8折".*a link .*a contact/);
    });

    it('is capped: a message pays at most cap × penalty', () => {
      const [f] = fire(RULE, '【悦动健身】年卡限时5折，仅需999元！点击链接 t.cn/xxxx 或致电 400-800-1234，满2000再送私教课，还送毛巾，再送水杯，今晚截止 回T退订', sms);
      expect(f!.penalty).toBe(12); // 5 × 2 × 1.2
    });

    it('weights and the cap come from the config', () => {
      const text = '【悦动健身】年卡8折，点击链接 t.cn/abc 回T退订';
      const r = audit(one(text, sms), { config: { rules: { [RULE]: { penalty: 5, options: { weights: { link: 0 } } } } } });
      expect(r.campaigns[0]!.findings.find((f) => f.ruleId === RULE)!.penalty).toBe(6); // price only: 5 × 1 × 1.2
      expect(() => audit(one(text, sms), { config: { rules: { [RULE]: { options: { weights: { price: -1 } } } } } })).toThrow(/weights/);
    });
  });

  it('property: the score stays in 0–100 and adding a cue never raises it', () => {
    const CUES = ['8折', '满300再送杯垫', '點擊連結 t.cn/abc', '详询 400-800-1234', '今晚截止', 'ends Sunday', 'call 020 7946 0958', 'at shop.example', '50% off', 'buy one get one', '還送毛巾', '$19.99'];
    const BASES = ['【悦动健身】年卡上新', '【茶語】秋季新品', 'FitLife: new plans', '新品上市', 'Our autumn menu'];
    const rules = builtinRules();
    const config = defaultConfig();
    const score = (text: string, channel: string) => {
      const campaigns = loadDrafts(one(text, { channel }), 'd.yaml', { timezone: 'Asia/Shanghai' });
      const [a] = auditCampaigns(campaigns, { config, lang: 'en', rules });
      return scoreCampaign(a!, config.scoring).score;
    };
    fc.assert(
      fc.property(fc.constantFrom(...BASES), fc.subarray(CUES), fc.constantFrom(...CUES), fc.constantFrom('sms', 'group', 'direct', 'moments'), (base, cues, extra, channel) => {
        const before = score([base, ...cues].join('，'), channel);
        const after = score([base, ...cues, extra].join('，'), channel);
        expect(Number.isFinite(before) && before >= 0 && before <= 100).toBe(true);
        expect(Number.isFinite(after) && after >= 0 && after <= 100).toBe(true);
        expect(after).toBeLessThanOrEqual(before);
      }),
      { numRuns: 150, seed: 15 },
    );
  });

  it('a config can turn it off', () => {
    const cfg = parseConfig({ rules: { [RULE]: 'off' } }, 'c.yaml');
    expect(audit(one('FitLife: 50% off at fitlife.example. Reply STOP to opt out', sms), { config: cfg }).campaigns[0]!.findings.some((f) => f.ruleId === RULE)).toBe(false);
  });
});
