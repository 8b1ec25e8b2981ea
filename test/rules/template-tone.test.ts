import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { audit, findings, fire, one, ROOT } from '../helpers.js';
import { InputError } from '../../src/errors.js';

const RULE = 'template-tone';
const excerpts = (text: string, fields: Record<string, unknown> = {}) => fire(RULE, text, fields).map((f) => f.excerpt);

describe('template-tone', () => {
  describe('fires on template forms of address', () => {
    it.each([
      // Simplified
      ['亲，您的宝贝已经发货啦', '亲'],
      ['亲～周末愉快', '亲'],
      ['亲您好，有什么可以帮您', '亲'],
      ['感谢您的耐心，谢谢亲', '亲'],
      ['亲亲，双11福利来啦', '亲亲'],
      ['亲们快来看新品', '亲们'],
      ['家人们！今晚8点直播', '家人们'],
      ['今天的福利真的很大，家人们', '家人们'],
      ['宝宝们晚上好，今天分享辅食做法', '宝宝们'],
      ['小主，您的专属福利已到账', '小主'],
      ['亲爱的，双11来啦', '亲爱的'],
      ['宝子们，这款一定要冲', '宝子们'],
      ['@所有人 亲～今晚直播', '亲'],
      // Traditional
      ['親，您的訂單已出貨', '親'],
      ['家人們！今晚8點直播', '家人們'],
      ['寶寶們早安', '寶寶們'],
      ['＠全體成員 家人們，週末見', '家人們'],
      ['親愛的，週末愉快', '親愛的'],
      // English
      ['Hi dear, your parcel is on its way', 'Hi dear'],
      ['Hey fam, new drop this Friday', 'Hey fam'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f.map((x) => x.excerpt)).toContain(excerpt);
      expect(f[0]!.severity).toBe('info');
    });

    it.each([
      ['尊敬的客户您好，您的账单已出', '尊敬的客户'],
      ['亲爱的会员，积分兑换开始了', '亲爱的会员'],
      ['尊敬的顧客您好', '尊敬的顧客'],
      ['Dear valued customer, your exclusive offer is here', 'Dear valued customer'],
      ['Dear customer, thank you for your order', 'Dear customer'],
    ])('faceless salutation: %s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f.map((x) => x.excerpt)).toEqual([excerpt]);
      expect(f[0]!.advice).toMatch(/\{\{name\}\}/);
    });
  });

  // Matching is by substring plus address position (not by segmentation), so
  // a greeting or a sentence particle right before the address word (晚上好呀
  // 家人们) has to count as the start of an address, as a customer-service
  // "好的" does (好的亲); "我的家人们" and "和家人们" still do not.
  describe('fires on an address right after a greeting, a particle or a service reply', () => {
    it.each([
      // Simplified
      ['早上好呀家人们，今天店里上了新款围巾', '家人们'],
      ['晚上好啊宝宝们，直播马上开始', '宝宝们'],
      ['早安哦亲，新品到店了', '亲'],
      ['下午好家人们，福利来了', '家人们'],
      ['好的亲，马上为您安排发货', '亲'],
      ['家人们呀，周末一起来店里玩', '家人们'],
      // Traditional
      ['午安呀家人們，新品到了', '家人們'],
      ['晚上好啊寶寶們，直播開始囉', '寶寶們'],
      ['好的親，馬上為您處理', '親'],
      // English
      ['Morning lovelies, the new scarves are in', 'Morning lovelies'],
      ['Evening fam, live stream starts at 8', 'Evening fam'],
    ])('%s', (text, excerpt) => {
      expect(excerpts(text)).toContain(excerpt);
    });

    it.each([
      '我的家人们都很喜欢这款蛋糕',
      '我和家人們週末去了海邊',
      '陪伴家人们度过温暖的冬天',
      '好啊，我们周六见',
      '这款玩具呀宝贝们都爱玩',
      '週末親子活動，歡迎親友一起參加',
      '早上好呀，今天亲自给大家做了早餐',
      'Good morning, our lovely new mugs are in',
    ])('not: %s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  describe('does not fire on words that contain 亲 or on the same nouns used literally', () => {
    it.each([
      '周末亲子烘焙课，欢迎带孩子来',
      '店长亲自挑选的咖啡豆',
      '欢迎带亲友一起来，同享会员价',
      '过年走亲戚送什么好',
      '亲手做的蛋糕，只送给最重要的人',
      '这款面料很亲肤，宝宝穿着舒服',
      '母亲节快乐，给妈妈挑一份礼物',
      '过年带上家人们一起来吃年夜饭',
      '宝宝们的疫苗本周到了，请按预约时间来',
      '家里的宝宝，出生后第一次洗澡要注意水温',
      // followed by punctuation, but not at the start of a clause
      '多陪陪家人们，工作再忙也要休息',
      '这款宝贝，面料是纯棉的',
      '亲爱的{{name}}，您预订的蛋糕已做好',
      '亲爱的 {name}，生日快乐',
      '亲爱的王女士，您的包裹到了',
      '[亲亲] 谢谢大家的照片',
      '週末親子烘焙課，店長親自帶班',
      '這款面料很親膚',
      'Dear {{name}}, your table is ready',
      'Dear Ms Wang, your order has shipped',
      'My dear friend brought her cat to the meetup',
    ])('%s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  describe('runs of emoji and exclamation marks', () => {
    it.each([
      ['今晚8点直播🎉🎉🎉', '🎉🎉🎉', 'emoji'],
      ['好消息 🔥 🔥 🔥', '🔥 🔥 🔥', 'emoji'],
      ['👍🏻👍🏻👍🏻 谢谢大家', '👍🏻👍🏻👍🏻', 'emoji'],
      ['🇨🇳🇨🇳🇨🇳 国庆快乐', '🇨🇳🇨🇳🇨🇳', 'emoji'],
      ['新品到了！！！', '！！！', 'exclamation'],
      ['New arrivals!!!', '!!!', 'exclamation'],
      ['新品到了！!！', '！!！', 'exclamation'],
      ['Sale‼️!', '‼️!', 'exclamation'],
      ['新品到了！！🔥', '！！🔥', 'mixed'],
      ['[强][强][强] 感谢支持', '[强][强][强]', 'emoji'],
    ])('%s', (text, excerpt, kind) => {
      const f = fire(RULE, text);
      expect(f.map((x) => x.excerpt)).toEqual([excerpt]);
      expect(f[0]!.message).toMatch(kind === 'emoji' ? /Emoji run/ : kind === 'exclamation' ? /Exclamation run/ : /Stacked emoji and exclamation/);
    });

    it.each([
      '新品到了！！',
      '今晚见🎉🎉',
      '✅ 包邮 ✅ 7天无理由 ✅ 正品保障',
      '真的吗？！',
      '© 2026 Example Coffee ® ™',
      '[微笑][微笑]',
      '[限时][特价][包邮] 这不是表情',
      'Great news! See you tonight!',
    ])('does not fire on %s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  describe('shouting in capitals', () => {
    it.each([
      ['HUGE SALE this weekend', 'HUGE SALE'],
      ['Our new menu is OUT NOW', 'OUT NOW'],
      ['HUGE SALE 50% OFF storewide', 'HUGE SALE 50% OFF'],
      ['BUY NOW before Sunday', 'BUY NOW'],
      ['SALE today, HURRY, LIMITED stock', 'HURRY, LIMITED'],
      ['ＨＵＧＥ ＳＡＬＥ 全场5折', 'ＨＵＧＥ ＳＡＬＥ'],
      ['SALE on, HURRY in, LIMITED stock', 'SALE'],
    ])('%s', (text, excerpt) => {
      expect(excerpts(text)).toEqual([excerpt]);
    });

    it.each([
      'VIP members get free USB-C cables',
      'Your SMS code is 4821',
      'Prices in NT$ and HK$ include tax',
      'SALE starts Friday',
      'VIP SALE starts Friday',
      'Read the FAQ or visit IKEA Shanghai',
      'WiFi password is on the receipt',
      'CEO Q&A on AI, ML and the new APP',
      '会员专享VIP通道',
    ])('does not fire on %s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });

    // RULEBOOK: capitals that are names or codes are no shouting
    it.each([
      'EURUSD broke 1.10 overnight; GBPUSD and USDJPY next',
      'Watchlist: EURUSD GBPUSD USDJPY XAUUSD BTCUSDT',
      'Tickers to watch: $NOW $FUN $LOVE',
      'Listed as NASDAQ: NOW since 2012',
      'Shop the sale at https://shop.example.com/cat?utm_source=NEWSLETTER&utm_campaign=HUGE_SALE_NOW',
      'Details: https://example.com/HUGE/SALE/NOW and www.example.com/BUY/NOW',
      'Write to SALES@ACME.COM or ping @BIGSALE_BOT',
      'ACME CORP reports record results',
      'NVIDIA TESLA APPLE shares moved after the call',
      'A card transaction at FUEL STOP was made on your card',
      'Thanks for visiting BLUE BOTTLE COFFEE today',
      'Invoice from MEGA MART Ltd is attached',
      'Order 8842 from SAMSUNG GALAXY STORE has shipped',
      '您的 EURUSD 挂单已成交',
    ])('names and codes are not shouting: %s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });

    it.each([
      ['FREE COOKIE WITH EVERY LATTE THIS FRIDAY', 'FREE COOKIE WITH EVERY LATTE THIS FRIDAY'],
      ['HUGE BLACK FRIDAY SALE at ACME', 'HUGE BLACK FRIDAY SALE'],
      ['EURUSD signals: BUY NOW before the close', 'BUY NOW'],
      ['Visit https://shop.example.com/SALE — LAST CHANCE to save', 'LAST CHANCE'],
      ['Hi {{name}}, FINAL HOURS: 50% off every plan', 'FINAL HOURS'],
      ['双11来了 HUGE SALE 全场五折', 'HUGE SALE'],
    ])('still shouting next to a name, a code or a link: %s', (text, excerpt) => {
      expect(excerpts(text)).toEqual([excerpt]);
    });
  });

  describe('findings', () => {
    it('reports each kind once per message, counting occurrences', () => {
      const f = fire(RULE, '亲，新品到了！！！亲，快来看🎉🎉🎉 HUGE SALE');
      expect(f.map((x) => x.excerpt)).toEqual(['亲', '！！！', 'HUGE SALE']);
      expect(f[0]!.occurrences).toBe(2);
      expect(f[1]!.occurrences).toBe(2);
    });

    it('weighs runs and capitals below forms of address', () => {
      const [address] = fire(RULE, '亲，周末愉快');
      const [run] = fire(RULE, '周末愉快🎉🎉🎉');
      expect(run!.penalty).toBeLessThan(address!.penalty);
      expect(address!.penalty).toBeLessThanOrEqual(4);
    });

    it('points at the offending text in the source file', () => {
      const yaml = ['version: 1', 'campaigns:', '  - id: c1', '    channel: group', '    messages:', '      - "新品到了🎉🎉🎉"'].join('\n');
      const [f] = findings(audit(yaml), RULE);
      expect(f).toMatchObject({ line: 6, column: 14, excerpt: '🎉🎉🎉' });
    });

    it('speaks Chinese with --lang zh', () => {
      const zh = findings(audit(one('亲，周末愉快'), { lang: 'zh' }), RULE)[0]!;
      expect(zh.message).toContain('「亲」');
      expect(zh.advice).toContain('{{name}}');
    });
  });

  describe('configuration', () => {
    it('thresholds come from the options', () => {
      const cfg = { rules: { [RULE]: { options: { emoji_run: 2, caps_min_words: 3 } } } };
      expect(findings(audit(one('今晚见🎉🎉'), { config: cfg }), RULE).map((f) => f.excerpt)).toEqual(['🎉🎉']);
      expect(findings(audit(one('HUGE SALE this weekend'), { config: cfg }), RULE)).toEqual([]);
    });

    it('takes the team’s own acronyms and address words', () => {
      const cfg = { rules: { [RULE]: { options: { acronyms: ['MEOW', 'CLUB'] }, lexicons: { address: ['铲屎官们'] } } } };
      expect(findings(audit(one('MEOW CLUB members only'), { config: cfg }), RULE)).toEqual([]);
      expect(findings(audit(one('铲屎官们，周末见'), { config: cfg }), RULE).map((f) => f.excerpt)).toEqual(['铲屎官们']);
    });

    it('rejects a threshold that is not a number, naming the config file', () => {
      const cfg = { rules: { [RULE]: { options: { emoji_run: 'three' } } } };
      expect(() => audit(one('今晚见🎉🎉🎉'), { config: cfg })).toThrow(InputError);
      try {
        audit(one('今晚见🎉🎉🎉'), { config: cfg });
      } catch (e) {
        expect((e as InputError).format()).toBe('.scrm-audit.yaml: rules.template-tone.options.emoji_run: expected a number ≥ 0, got "three"');
      }
    });

    it('severity can be raised for a strict brand guide', () => {
      const cfg = { rules: { [RULE]: 'warning' } };
      expect(findings(audit(one('家人们！'), { config: cfg }), RULE)[0]!.severity).toBe('warning');
    });
  });

  it('agrees with its own YAML examples', () => {
    const meta = parse(readFileSync(resolve(ROOT, `rules/builtin/${RULE}.yaml`), 'utf8')) as { examples: { fires: string[]; passes: string[] } };
    for (const text of meta.examples.fires) expect(fire(RULE, text), text).not.toEqual([]);
    for (const text of meta.examples.passes) expect(fire(RULE, text), text).toEqual([]);
  });
});
