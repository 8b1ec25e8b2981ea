import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { audit, findings, fire, one, ROOT, firesAndPasses } from '../helpers.js';

const RULE = 'false-urgency';
const excerpts = (text: string, fields: Record<string, unknown> = {}) => fire(RULE, text, fields).map((f) => f.excerpt);

describe('false-urgency', () => {
  describe('fires on scarcity, countdowns and pressure', () => {
    it.each([
      // Simplified
      ['进口冻干仅剩5份，要的抓紧', '仅剩5份'],
      ['年卡5折，最后3天', '最后3天'],
      ['周年庆最后两小时，全场8折', '最后两小时'],
      ['这次错过再等一年', '错过再等一年'],
      ['新款猫爬架，手慢无', '手慢无'],
      ['体验课名额有限，先报先得', '名额有限'],
      ['会员日福利只到今天', '只到今天'],
      ['库存告急，喜欢的尽快', '库存告急'],
      ['售完即止，不补货', '售完即止'],
      ['双11活动即将结束，抓紧下单', '活动即将结束'],
      ['最后一波福利，冲冲冲', '最后一波'],
      ['限时9折，点击小程序购买', '限时9折'],
      ['这款只剩最后两件', '只剩最后两件'],
      ['再不下单就没了', '再不下单'],
      ['新年礼盒限量20份', '限量20份'],
      // Traditional
      ['限量禮盒僅剩3組', '僅剩3組'],
      ['錯過再等一年喔', '錯過再等一年'],
      ['週年慶最後3天', '最後3天'],
      ['名額有限，先到先得', '名額有限'],
      ['手慢無，要的快', '手慢無'],
      // English
      ['Today only: 30% off all mugs', 'Today only'],
      ['Only 3 left in stock', 'Only 3 left'],
      ['Only 2 spots left in Saturday’s class', 'Only 2 spots left'],
      ['Last chance to grab the winter bundle', 'Last chance'],
      ["Don't miss out on our anniversary sale", "Don't miss out"],
      ['Hurry, the sale ends tonight', 'Hurry'],
      ['Last 3 days of the spring sale', 'Last 3 days'],
      ['Limited time only: free gift wrap', 'Limited time only'],
      ['Selling fast — grab yours', 'Selling fast'],
      ['Member price valid 48 hours only', 'valid 48 hours only'],
      ['会员价仅限48小时', '仅限48小时'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f.map((x) => x.excerpt)).toContain(excerpt);
      expect(f[0]!.severity).toBe('warning');
    });
  });

  describe('does not fire on plain dates, facts and look-alikes', () => {
    it.each([
      // a plain date or end time is information
      '8折到周日结束，欢迎到店',
      '活动时间：11月1日至11月11日',
      '今晚12点截止报名',
      '本周六免费讲座，名额30人，报名请回复',
      '週年慶8折到週日結束',
      'Spring sale: 20% off until Sunday 30 March',
      'The offer ends on 30 November at midnight',
      // 最后 / last without a countdown
      '最后，祝大家周末愉快',
      '最后一次提醒：明天上午9点体检',
      'In the last 3 days we got many questions about litter',
      'Lastly, thank you all for coming',
      'No hurry, take your time choosing',
      'Our Pudong store is open 24 hours',
      '限量版猫砂盆今天到店了',
      '迅速来到现场的工作人员已经处理好了',
      // a countdown whose sentence names the date or time is information
      '秋季班报名最后一天是周日，欢迎咨询',
      '限时9折，12月31日结束',
      '年卡最后3天，本月30号截止',
      'Limited time only, ends Friday at 5pm',
    ])('%s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });

    it.each([
      // service and reminder messages state the customer's own dates and balances
      '{{name}}您好，您的积分仅剩3天到期，记得兑换',
      '今天是您会员积分兑换的最后一天',
      '您的订单仅剩1件未发货，预计明天送达',
      '您的會員積分還剩最後3天可兌換',
      'Reminder: your voucher expires on 30 Nov',
      'Reminder: today is the last day to use your voucher',
      'Your booking: only 2 hours left to check in online',
    ])('service message: %s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });

    it('a campaign declared `kind: service` is a reminder too', () => {
      expect(fire(RULE, '体检套餐最后3天可改期', { kind: 'service' })).toEqual([]);
    });
  });

  // 错过…再等…一年 in free word order, once-only offers, no-extension
  // deadlines, and hurry words that push against a deadline the message names.
  describe('fires on free-form 错过…再等, once-only offers and hurry words with a deadline', () => {
    it.each([
      // Simplified
      ['年卡5折，错过今晚就得再等一整年', '错过今晚就得再等一整年'],
      ['周年庆福利仅此一次，全场8折', '仅此一次'],
      ['新品试吃报名今晚10点准时截止，过时不候', '准时截止'],
      ['双12特价抓紧时间，周日24点结束', '抓紧时间'],
      // Traditional
      ['年卡5折，錯過這次要等到明年', '錯過這次要等到明年'],
      ['週年慶福利僅此一次，全館8折', '僅此一次'],
      ['秋裝清倉8折，本週日截止，抓緊時間', '抓緊時間'],
      // English
      ['Spring sale is one time only: 30% off everything', 'one time only'],
      ["Miss this sale and you'll wait a whole year for prices like these", 'wait a whole year'],
      ['20% off all candles, ends Sunday, so be quick', 'be quick'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f.map((x) => x.excerpt)).toContain(excerpt);
      expect(f[0]!.message).toMatch(/Pressure|Deadline|Scarcity/);
    });

    it.each([
      // a plain date in a service or reminder message, even with a nudge
      '您的优惠券将于12月15日到期，记得使用',
      '{{name}}您好，您的积分将于本月底到期，抓紧兑换哦',
      '您的優惠券將於12月15日到期',
      'Reminder: your gift card expires on 12 Dec',
      // plain facts
      '8折到周一结束，欢迎来店',
      '营业时间调整为早上9点到晚上9点',
      'Our workshop runs every Saturday 10am to noon',
      // hurry words with no deadline, or not selling
      '今天天气好，赶紧带狗狗出去晒太阳吧',
      '乘车请抓紧扶手，注意安全',
      'Please don\'t wait to contact us if your pet is unwell',
      "My friends won't be back till late tonight",
      // 错过 without the year-long wait
      '错过了上周直播的朋友可以看回放，本周六还有一场',
    ])('not: %s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  describe('findings', () => {
    it('pressure rhetoric still fires in a service message', () => {
      expect(excerpts('您的积分仅剩3天到期，错过再等一年！')).toEqual(['错过再等一年']);
    });

    it('a date in another sentence does not excuse a countdown', () => {
      expect(excerpts('最后2天！活动12月31日结束')).toEqual(['最后2天']);
    });

    it('the same countdown fires once the message sells', () => {
      expect(excerpts('积分仅剩3天到期，猫粮到手价99元，点击下单')).toEqual(['仅剩3天']);
    });

    it('reports each cue, the second and later at a reduced penalty', () => {
      const f = fire(RULE, '仅剩5份，手慢无！错过再等一年');
      expect(f.map((x) => x.excerpt)).toEqual(['仅剩5份', '手慢无', '错过再等一年']);
      expect(f[1]!.penalty).toBeLessThan(f[0]!.penalty);
    });

    it('words its advice by kind and asks for the real date or quantity', () => {
      expect(fire(RULE, 'Only 3 left')[0]!.advice).toMatch(/real total/);
      expect(fire(RULE, 'Last 3 days of the sale')[0]!.advice).toMatch(/actual end time/);
      expect(fire(RULE, "Don't miss out")[0]!.message).toMatch(/Pressure/);
      const zh = findings(audit(one('最后3天'), { lang: 'zh' }), RULE)[0]!;
      expect(zh.message).toContain('「最后3天」');
      expect(zh.advice).toMatch(/具体的结束时间/);
    });

    it('points at the cue in the source file', () => {
      const yaml = ['version: 1', 'campaigns:', '  - id: c1', '    channel: group', '    messages:', '      - |', '        新款猫砂到货', '        仅剩8份，先到先得'].join('\n');
      const f = findings(audit(yaml), RULE);
      expect(f[0]).toMatchObject({ line: 8, column: 9, endColumn: 13, excerpt: '仅剩8份' });
      expect(f[1]).toMatchObject({ line: 8, column: 14, excerpt: '先到先得' });
    });
  });

  describe('configuration', () => {
    it('service_exempt can make countdowns fire in reminders too', () => {
      const cfg = { rules: { [RULE]: { options: { service_exempt: [] } } } };
      const text = '今天是您会员积分兑换的最后一天';
      expect(fire(RULE, text)).toEqual([]);
      expect(findings(audit(one(text), { config: cfg }), RULE).map((f) => f.excerpt)).toEqual(['最后一天']);
    });

    it('takes extra terms from the config', () => {
      const cfg = { rules: { [RULE]: { lexicons: { pressure: ['上车要快'] } } } };
      expect(findings(audit(one('上车要快，晚了没位'), { config: cfg }), RULE).map((f) => f.excerpt)).toEqual(['上车要快']);
    });
  });

  it('agrees with its own YAML examples', () => {
    const meta = parse(readFileSync(resolve(ROOT, `rules/builtin/${RULE}.yaml`), 'utf8')) as { examples: { fires: string[]; passes: string[] } };
    for (const text of meta.examples.fires) expect(fire(RULE, text), text).not.toEqual([]);
    for (const text of meta.examples.passes) expect(fire(RULE, text), text).toEqual([]);
  });
});

describe('false-urgency: scenes, headcounts and quoted countdowns', () => {
  it.each([
    '天快亮了，天上只剩下几颗星星',
    '秋风一吹，树上只剩几片叶子',
    '聚会到最后只剩下三个人了',
    '法院认定，该店以“限时秒杀”为名虚构原价',
    '记者发现，所谓“仅剩3件”其实库存充足',
  ])('does not fire: %s', (text) => {
    expect(fire(RULE, text)).toEqual([]);
  });

  it.each([
    ['进口冻干只剩3份，要的抓紧', '只剩3份'],
    ['【萌爪】限时秒杀，点击下单', '限时秒杀'],
  ])('still fires: %s', (text, excerpt) => {
    expect(excerpts(text)).toContain(excerpt);
  });
});

describe('false-urgency: seats running out, and sale-event names that are no date', () => {
  it.each([
    ['少儿编程暑期营最后3个座位，额满即止', '最后3个座位'],
    ['烘焙體驗課最後2個位子，猶豫就沒了', '最後2個位子'],
    ['Seats are limited for Saturday’s tasting, so reserve now before they fill up.', 'Seats are limited'],
    ['Final hours: the Cyber Monday bundle ends tonight.', 'Final hours'],
  ])('fires: %s', (text, excerpt) => {
    const f = fire(RULE, text, { channel: 'direct', audience: { segment: 'members', tags: ['课程'] } });
    expect(f.map((x) => x.excerpt)).toContain(excerpt);
  });

  it.each([
    ['您预约的体验课在周五下午3点，座位已为您保留。'],
    ['The pool closes early on Friday for maintenance.'],
    ['Black Friday opening hours: 8am to 11pm, all stores.'],
  ])('does not fire: %s', (text) => {
    expect(fire(RULE, text, { channel: 'direct', audience: { segment: 'members', tags: ['课程'] } })).toEqual([]);
  });
});

describe('false-urgency: no restock and hurry-to-buy lines', () => {
  it.each([
    ['这批手工皂卖完不再补，数量极少', '卖完不再补'],
    ['限量款茶具售完不再補，要買要快', '售完不再補'],
    ['This blend will never be restocked, so grab yours.', 'never be restocked'],
  ])('fires: %s', (text, excerpt) => {
    expect(excerpts(text, { channel: 'direct', audience: { segment: 'members' } })).toContain(excerpt);
  });

  it.each([['本批手工皂共200块，售完后12月中旬补货'], ['Restocked: the winter blend is back on the shelves.']])('does not fire: %s', (text) => {
    expect(excerpts(text, { channel: 'direct', audience: { segment: 'members' } })).toEqual([]);
  });
});

describe('false-urgency: a line break ends the sentence', () => {
  it('a countdown on its own line is not excused by a date on the next line', () => {
    expect(excerpts('面包节最后3天\n周日门店照常营业', { channel: 'direct', audience: { segment: 'members' } })).toContain('最后3天');
  });
  it('a countdown with its date on the same line is information', () => {
    expect(excerpts('面包节最后一天是周日\n欢迎到店', { channel: 'direct', audience: { segment: 'members' } })).toEqual([]);
  });
});

describe('false-urgency: a price that snaps back after the deadline, and a batch said to be the last', () => {
  firesAndPasses('false-urgency', { channel: 'direct' }, {
    fires: [
    ['zh-Hans', '{{name}}，修护面霜买一送一只到今晚12点，过了今天就恢复原价，别错过。'],
    ['zh-Hant', '新款降噪耳機得返最後5部現貨，賣完就冇，想要就快啲過嚟拎。'],
    ['zh-Hans', '这批手工月饼卖完今年就没有了，要的抓紧下单。'],
    ['en', 'Our espresso machine is on sale at $399 only until midnight, then it goes back to $549.'],
    ['en', 'Once this batch is gone there is none left this year, so order now.'],
    ],
    passes: [
    ['zh-Hant', '升級5G方案前六個月月租只要499元。※第7個月起恢復原價1,199元，合約期間提前解約需付違約金。'],
    ['zh-Hans', '本周面包节8折到周日结束，周一起按原价销售。'],
    ['en', 'Your introductory rate of $20 a month applies for six months; from month seven the plan is $35.'],
    ],
  });
});
