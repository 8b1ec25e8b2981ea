/** Trust profile per campaign (RULEBOOK "Trust": T = C × R × I / S; docs/trust.md). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, cli, one } from './helpers.js';
import { defaultConfig, parseConfig } from '../src/config/config.js';
import { loadDrafts } from '../src/drafts/load.js';
import { auditCampaigns } from '../src/engine/audit.js';
import { builtinRules } from '../src/rules/index.js';
import { trustModel, trustProfile, TRUST_AXES, type TrustProfile } from '../src/scoring/trust.js';
import { InputError } from '../src/errors.js';
import type { Finding } from '../src/types.js';

type Msg = string | { text: string; reply_to?: string; ignore?: Array<{ rule: string; reason: string }> };

/** Trust of a one-message campaign (a direct push to cat owners unless `fields` say otherwise). */
function trustOf(message: Msg, fields: Record<string, unknown> = {}, config?: Record<string, unknown>): TrustProfile {
  const r = audit(one(message as string, { channel: 'direct', audience: { segment: 'cat-owners', tags: ['猫粮'] }, ...fields }), config ? { config } : {});
  return r.campaigns[0]!.trust as TrustProfile;
}

const inRange = (t: TrustProfile) => {
  for (const k of [...TRUST_AXES, 'trust'] as const) {
    expect(t[k]).toBeGreaterThanOrEqual(0);
    expect(t[k]).toBeLessThanOrEqual(1);
    expect(Math.round(t[k] * 100) / 100).toBe(t[k]);
  }
};

describe('credibility and reliability', () => {
  it.each([
    ['Simplified', '本周新到冻干猫粮，成分表见图。', '本周新到冻干猫粮，全网最低价，史上最强配方。'],
    ['Traditional', '本週新到凍乾貓糧，成分表見圖。', '本週新到凍乾貓糧，全網最低價，史上最強配方。'],
    ['English', 'Freeze-dried cat food arrived this week; ingredients in the picture.', 'Freeze-dried cat food arrived this week: the best cat food ever, 100% guaranteed.'],
  ])('%s: absolute claims cost credibility and reliability, and trust', (_s, plain, claims) => {
    const a = trustOf(plain);
    const b = trustOf(claims);
    expect(b.credibility).toBeLessThan(a.credibility);
    expect(b.reliability).toBeLessThan(a.reliability);
    expect(b.trust).toBeLessThan(a.trust);
    inRange(b);
  });

  it('each further claim costs less than the first, and the axis never goes below 0', () => {
    const one = trustOf('冻干猫粮上新，史上最强配方。');
    const many = trustOf('冻干猫粮上新，史上最强配方，全网最低价，100%有效，第一品牌，绝对安全，顶级原料。');
    expect(many.credibility).toBeLessThan(one.credibility);
    expect(1 - one.credibility).toBeGreaterThan((one.credibility - many.credibility) / 5);
    expect(many.credibility).toBeGreaterThan(0);
  });

  it('false urgency costs reliability, not credibility', () => {
    const plain = trustOf('冻干猫粮本周上新，欢迎了解。');
    const urgent = trustOf('冻干猫粮本周上新，仅剩3份，错过再等一年！');
    expect(urgent.reliability).toBeLessThan(plain.reliability);
    expect(urgent.credibility).toBe(plain.credibility);
  });

  it('a buried disclaimer costs reliability', () => {
    const plain = trustOf('年卡5折，新用户专享，付款后生效。点击链接购买。');
    const buried = trustOf('年卡5折，点击链接购买（仅限新用户，付款后生效，不支持退款）');
    expect(buried.reliability).toBeLessThan(plain.reliability);
  });
});

describe('intimacy', () => {
  it.each([
    ['Simplified', '您好，冻干猫粮本周到店，需要的话可以来看看。', '{{name}}您好，冻干猫粮本周到店，需要的话可以来看看。'],
    ['Traditional', '您好，凍乾貓糧本週到店，需要的話可以來看看。', '{{name}}您好，凍乾貓糧本週到店，需要的話可以來看看。'],
    ['English', 'Hi, the freeze-dried cat food is in store this week if you need it.', 'Hi {{name}}, the freeze-dried cat food is in store this week if you need it.'],
  ])('%s: personalisation raises intimacy and trust', (_s, plain, personal) => {
    const a = trustOf(plain);
    const b = trustOf(personal);
    expect(b.intimacy).toBeGreaterThan(a.intimacy);
    expect(b.trust).toBeGreaterThan(a.trust);
  });

  it('a reply to the customer raises intimacy', () => {
    const text = '这款幼猫粮适合三个月以上的猫咪，换粮建议七天过渡。';
    expect(trustOf({ text, reply_to: '我家猫三个月大，能吃这款吗？' }).intimacy).toBeGreaterThan(trustOf(text).intimacy);
  });

  it('template voice costs intimacy', () => {
    expect(trustOf('家人们！冻干猫粮到货啦！！！').intimacy).toBeLessThan(trustOf('冻干猫粮到货了。').intimacy);
  });
});

describe('self-orientation', () => {
  it.each([
    ['Simplified', '本周冻干猫粮到店了，有需要可以来看看。', '本周冻干猫粮到店了，我还差3单就完成本月业绩，帮我冲一下业绩吧。'],
    ['Traditional', '本週凍乾貓糧到店了，有需要可以來看看。', '本週凍乾貓糧到店了，我還差3單就完成本月業績，幫我衝一下業績吧。'],
    ['English', 'The freeze-dried cat food is in store this week.', 'The freeze-dried cat food is in store this week. I am 3 orders short of my target, please help me hit my target.'],
  ])('%s: a self-serving ask raises self-orientation and lowers trust', (_s, plain, ask) => {
    const a = trustOf(plain);
    const b = trustOf(ask);
    expect(b.selfOrientation).toBeGreaterThan(a.selfOrientation);
    expect(b.trust).toBeLessThan(a.trust);
  });

  it('selling content raises self-orientation; a service message lowers it', () => {
    const neutral = trustOf('猫咪冬天喝水少，可以在家里多放几个水碗。');
    const selling = trustOf('猫咪冬天喝水少，自动饮水机到手价99元，点击下单。');
    const service = trustOf('您的订单已发货，预计明天送达，快递单号可在订单页查看。');
    expect(selling.selfOrientation).toBeGreaterThan(neutral.selfOrientation);
    expect(service.selfOrientation).toBeLessThan(neutral.selfOrientation);
  });

  it('@all and selling in a sharing group raise it further', () => {
    const group = { channel: 'group', group: { name: '萌爪养猫交流群' } };
    const selling = trustOf('冻干猫粮到手价99元，点击下单', group);
    const pushy = trustOf('@所有人 冻干猫粮到手价99元，点击下单', group);
    expect(pushy.selfOrientation).toBeGreaterThan(selling.selfOrientation);
  });

  it('self-orientation is floored, so trust stays finite and at most 1', () => {
    const best = trustOf({ text: '{{name}}您好，您预订的猫咪洗护已确认，明天下午3点到店即可。', reply_to: '我的预约确认了吗？' });
    inRange(best);
    expect(best.selfOrientation).toBeGreaterThanOrEqual(0.05);
    expect(best.trust).toBeGreaterThan(0.5);
  });
});

describe('range and monotonicity', () => {
  const fragments = [
    '冻干猫粮上新', '史上最强配方', '全网最低价', '仅剩3份', '错过再等一年', '@所有人', '家人们', '{{name}}您好',
    '还差3单完成业绩，帮我冲一下', '到手价99元，点击下单', '（仅限新用户，不支持退款）', 'the best cat food ever', 'today only',
    '您的订单已发货', '🎉🎉🎉🎉', '猫咪冬天要多喝水', '凍乾貓糧到店', 'help me hit my target',
  ];

  it('every axis and T stay in 0–1 with 2 decimals, whatever the message', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 6 }), fc.constantFrom('group', 'direct', 'sms', 'moments'), (parts, channel) => {
        inRange(trustOf(parts.join('，'), { channel }));
      }),
      { numRuns: 40 },
    );
  });

  it('adding a finding never raises trust, nor any good axis, nor lowers self-orientation', () => {
    const model = trustModel(defaultConfig());
    const rules = Object.keys(model.rules);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...rules),
        fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
        (parts, ruleId, severity) => {
          const campaigns = loadDrafts(one(parts.join('，')), 'drafts.yaml', { timezone: 'Asia/Shanghai' });
          const [a] = auditCampaigns(campaigns, { config: defaultConfig(), lang: 'en', rules: builtinRules() });
          const before = trustProfile(a!, model);
          a!.findings.push({ ...(a!.findings[0] ?? ({} as Finding)), ruleId, severity });
          const after = trustProfile(a!, model);
          expect(after.trust).toBeLessThanOrEqual(before.trust);
          expect(after.credibility).toBeLessThanOrEqual(before.credibility);
          expect(after.reliability).toBeLessThanOrEqual(before.reliability);
          expect(after.intimacy).toBeLessThanOrEqual(before.intimacy);
          expect(after.selfOrientation).toBeGreaterThanOrEqual(before.selfOrientation);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a suppressed finding moves nothing', () => {
    const text = '@所有人 本店明天停业一天，给大家带来不便敬请谅解';
    const group = { channel: 'group', group: { name: '门店服务群', type: 'service' } };
    const plain = audit(one(text, group)).campaigns[0]!;
    const suppressed = audit(one({ text, ignore: [{ rule: 'mass-mention', reason: '停业通知' }] } as unknown as string, group)).campaigns[0]!;
    expect(plain.findings.map((f) => f.ruleId)).toEqual(['mass-mention']);
    expect(suppressed.findings).toHaveLength(0);
    expect((suppressed.trust as TrustProfile).selfOrientation).toBeLessThan((plain.trust as TrustProfile).selfOrientation);
    expect((suppressed.trust as TrustProfile).trust).toBeGreaterThan((plain.trust as TrustProfile).trust);
  });
});

describe('weights live in YAML', () => {
  it('a config `trust:` section re-weights a rule, and can take it out', () => {
    const text = '冻干猫粮上新，史上最强配方。';
    const base = trustOf(text);
    const off = trustOf(text, {}, { trust: { rules: { 'absolute-claim': {} } } });
    const heavy = trustOf(text, {}, { trust: { rules: { 'absolute-claim': { credibility: 0.6 } } } });
    expect(off.credibility).toBe(1);
    expect(heavy.credibility).toBeLessThan(base.credibility);
  });

  it('a config can move the base and the floor', () => {
    const text = '猫咪冬天喝水少，可以在家里多放几个水碗。';
    const warmer = trustOf(text, {}, { trust: { base: { intimacy: 0.8 } } });
    expect(warmer.intimacy).toBeGreaterThan(trustOf(text).intimacy);
    const floored = trustOf(text, {}, { trust: { self_orientation_floor: 1 } });
    expect(floored.trust).toBe(Math.round(floored.credibility * floored.reliability * floored.intimacy * 100) / 100);
  });

  it.each([
    [{ trust: { rules: { 'absolute-claim': { credibilty: 0.2 } } } }, /trust\.rules\.absolute-claim\.credibilty: unknown trust axis/],
    [{ trust: { rules: { 'absolute-claim': { credibility: 2 } } } }, /trust\.rules\.absolute-claim\.credibility: expected a number from 0 to 1/],
    [{ trust: { floor: 0 } }, /trust\.floor: expected a number/],
    [{ trust: { weights: {} } }, /trust\.weights: unknown key/],
  ])('a broken `trust:` section is an input error naming the config file (%#)', (config, message) => {
    try {
      audit(one('冻干猫粮上新'), { config: parseConfig(config, 'team/.scrm-audit.yaml') });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).file).toBe('team/.scrm-audit.yaml');
      expect((e as InputError).message).toMatch(message);
    }
  });
});

describe('in the reports', () => {
  it('the JSON report carries { credibility, reliability, intimacy, selfOrientation, trust } per campaign', () => {
    const r = cli(['check', 'fixtures/drafts.yaml', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { campaigns: Array<{ id: string; trust: TrustProfile }> };
    for (const c of report.campaigns) {
      expect(Object.keys(c.trust)).toEqual(['credibility', 'reliability', 'intimacy', 'selfOrientation', 'trust']);
      inRange(c.trust);
    }
    // the untargeted SMS blast with fine print is trusted less than the personalised parking notice
    const by = new Map(report.campaigns.map((c) => [c.id, c.trust]));
    expect(by.get('sms-blast-yearcard')!.trust).toBeLessThan(by.get('hotel-parking')!.trust);
  });

  it('the text report prints one trust line per campaign, in the report language', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-trust-'));
    const file = join(dir, 'd.yaml');
    writeFileSync(file, one('{{name}}您好，您预订的洗护已确认，明天下午3点到店即可。', { channel: 'direct' }));
    const en = cli(['check', file, '--lang', 'en']).stdout;
    expect(en).toMatch(/Trust \d\.\d\d \(credibility \d\.\d\d · reliability \d\.\d\d · intimacy \d\.\d\d · self-orientation \d\.\d\d\)/);
    const zh = cli(['check', file, '--lang', 'zh']).stdout;
    expect(zh).toMatch(/信任 \d\.\d\d（可信度 \d\.\d\d · 可靠度 \d\.\d\d · 亲近度 \d\.\d\d · 自我导向 \d\.\d\d）/);
  });
});
