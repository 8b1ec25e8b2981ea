/**
 * Issue 15 item 4: advice that fits the industry the campaign's text or the
 * config tells, with a neutral default.
 */
import { describe, expect, it } from 'vitest';
import { audit, findings, one } from './helpers.js';
import { parseConfig } from '../src/config/config.js';
import { InputError } from '../src/errors.js';
import { adviceKey, detectIndustry } from '../src/engine/industry.js';
import { loadDrafts } from '../src/drafts/load.js';
import { MessageAnalysis } from '../src/engine/analysis.js';
import { SharedLexicons } from '../src/engine/lexicons.js';
import { campaignFacts } from '../src/engine/audit.js';

const sms = { channel: 'sms' };
const lex = new SharedLexicons();
const industry = (text: string, fields: Record<string, unknown> = sms) => {
  const [c] = loadDrafts(one(text, fields), 'd.yaml', { timezone: 'Asia/Shanghai' });
  const facts = campaignFacts(c!, lex);
  return detectIndustry(c!, c!.messages.map((m) => new MessageAnalysis(m, facts, lex)), lex);
};
const advice = (rule: string, text: string, opts: { config?: Record<string, unknown>; lang?: 'zh' | 'en'; fields?: Record<string, unknown> } = {}) =>
  findings(audit(one(text, opts.fields ?? sms), { config: opts.config, lang: opts.lang }), rule).map((f) => f.advice);

describe('industry detection (rules/shared/industry.yaml)', () => {
  it.each([
    // Simplified
    ['【华信银行】您的信用卡本期账单已出，最低还款额350元', 'bank'],
    ['【安心保险】您的车险保单将于12月到期，续保享9折', 'insurance'],
    ['【萌爪】猫粮会员日8折，猫砂买二送一', 'pets'],
    ['【豆仓】燕麦拿铁第二杯半价', 'coffee'],
    ['【学而思】寒假班试听课开放预约，家长可扫码报名', 'education'],
    // Traditional
    ['【台新銀行】信用卡刷卡滿額回饋，詳見網銀', 'bank'],
    ['【悅顏】新品精華液買一送一，面膜加購價', 'beauty'],
    ['【遠傳】5G吃到飽方案，流量不限速', 'telecom'],
    // English
    ['Your credit card statement is ready: minimum payment $35.00 due Dec 15', 'bank'],
    ['Luna Bistro: our winter tasting menu is here, book your table for dinner', 'food'],
    ['StyleCo: new arrivals in store, shoes and handbags 20% off', 'retail'],
  ])('%s → %s', (text, expected) => {
    expect(industry(text)).toBe(expected);
  });

  it.each([
    '周末一起去爬山吗？',
    '本周六馆内消防检修，全天停课',
    'Big autumn event: 30% off everything',
    '週末天氣不錯，大家出去走走',
  ])('no industry told: %s', (text) => {
    expect(industry(text)).toBeUndefined();
  });

  it('a tie goes to the industry listed first: 宠物险 is insurance, not pets', () => {
    expect(industry('宠物险限时优惠')).toBe('insurance');
  });

  it('the campaign name counts too', () => {
    expect(industry('年终特惠，详询客服', { ...sms, name: '信用卡分期推广' })).toBe('bank');
  });
});

describe('advice variants', () => {
  it('picks the variant: <variant>.<industry>, then the variant, then the industry, then default', () => {
    const a = { default: 1, bank: 1, deadline: 1, 'deadline.bank': 1 };
    expect(adviceKey(a, 'deadline', 'bank')).toBe('deadline.bank');
    expect(adviceKey(a, 'deadline', 'pets')).toBe('deadline');
    expect(adviceKey(a, 'scarcity', 'bank')).toBe('bank');
    expect(adviceKey(a, undefined, 'bank')).toBe('bank');
    expect(adviceKey(a, undefined, undefined)).toBe('default');
    expect(adviceKey({ default: 1, 'default.food': 1 }, undefined, 'food')).toBe('default.food');
  });

  describe('missing-opt-out', () => {
    it('a bank gets bank advice (statements need none), in both languages and all three scripts', () => {
      expect(advice('missing-opt-out', '【华信银行】信用卡分期手续费5折优惠，详询95588')[0]).toMatch(/Statements, payment reminders/);
      expect(advice('missing-opt-out', '【台新銀行】信用卡分期手續費5折優惠', { lang: 'zh' })[0]).toMatch(/账单、还款、利率调整/);
      expect(advice('missing-opt-out', 'City Bank: 0% APR on balance transfers for your credit card, apply today')[0]).toMatch(/Statements/);
    });

    it('a pet shop gets an example from its own trade, a neutral text the neutral default', () => {
      expect(advice('missing-opt-out', '【萌爪】猫粮会员日全场8折')[0]).toMatch(/kibble/);
      const neutral = advice('missing-opt-out', '【好运来】周年庆全场8折，欢迎光临');
      expect(neutral[0]).toMatch(/^End with an opt-out instruction/);
      expect(neutral[0]).not.toMatch(/kibble|Statements|litter/);
    });
  });

  describe('false-urgency', () => {
    it('never quotes cat litter to a bank; a pet shop hears about litter stock', () => {
      const bank = advice('false-urgency', '【华信银行】大额存单专享额度仅剩最后3天，抓紧办理', { lang: 'zh' });
      expect(bank.join()).not.toMatch(/猫砂|袋/);
      expect(bank.join()).toMatch(/额度|利率/);
      const pets = advice('false-urgency', '【萌爪】貓砂會員價，僅剩5份', { lang: 'zh' });
      expect(pets.join()).toMatch(/猫砂/);
    });

    it('English: an insurer is told about the withdrawal date, a neutral sender about the end date', () => {
      expect(advice('false-urgency', 'SafeLife car insurance: renew your policy now, last chance!').join()).toMatch(/covered|premium/);
      expect(advice('false-urgency', 'Big autumn event: 30% off everything, last chance!').join()).not.toMatch(/premium|litter|kibble/);
    });
  });

  describe('absolute-claim', () => {
    it('a guarantee from a bank or an insurer gets the rule that applies to it', () => {
      expect(advice('absolute-claim', '【华信银行】理财产品保本保收益，稳赚不赔')[0]).toMatch(/investments may not promise/);
      expect(advice('absolute-claim', '【安心保險】車險保單理賠100%保證', { lang: 'zh' })[0]).toMatch(/理赔以合同条款为准/);
    });

    it('the neutral advice quotes no 12-week trial and no cat food', () => {
      const a = advice('absolute-claim', 'Our new formula is 100% guaranteed to work').join();
      expect(a).not.toMatch(/12-week|cat food|Tmall/);
    });
  });

  describe('buried-disclaimer', () => {
    it('a telecom plan is told about the price after the discount', () => {
      const zh = advice('buried-disclaimer', '【远传】5G流量套餐每月59元，立即办理！\n*合约期24个月，到期后每月99元，提前解约需付违约金', { fields: { channel: 'direct' }, lang: 'zh' });
      expect(zh[0]).toMatch(/合约期、到期后资费/);
      const en = advice('buried-disclaimer', 'Unlimited 5G data plan, $29 a month, sign up today! (24-month contract; $49/month after 6 months)', { fields: { channel: 'direct' } });
      expect(en[0]).toMatch(/contract length/);
    });
  });

  describe('the config says the industry', () => {
    it('`industry: bank` overrides what the text tells; `industry: default` keeps the neutral advice', () => {
      const text = '【萌爪】猫粮会员日全场8折';
      expect(advice('missing-opt-out', text, { config: { industry: 'bank' } })[0]).toMatch(/Statements/);
      expect(advice('missing-opt-out', text, { config: { industry: 'default' } })[0]).toMatch(/^End with an opt-out instruction/);
    });

    it('an unknown industry is an input error with a did-you-mean', () => {
      expect(() => parseConfig({ industry: 'banks' }, 'c.yaml')).toThrow(InputError);
      expect(() => parseConfig({ industry: 'banks' }, 'c.yaml')).toThrow(/did you mean bank/);
      expect(() => parseConfig({ industry: 3 }, 'c.yaml')).toThrow(InputError);
    });
  });
});
