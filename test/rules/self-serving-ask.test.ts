import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { audit, findings, fire, one, ROOT } from '../helpers.js';

const RULE = 'self-serving-ask';

describe('self-serving-ask', () => {
  describe('fires on asks for the sender’s quota, favour, ranking or task', () => {
    it.each([
      // Simplified
      ['这个月还差3单，求姐妹们帮帮忙', '还差3单，求姐妹们帮帮忙'],
      ['月底了，帮我冲一下业绩吧', '帮我冲一下业绩'],
      ['大家支持一下，新店开业', '支持一下'],
      ['我的KPI还没完成，拜托大家', '我的KPI'],
      ['本月业绩排名垫底了，救救我', '本月业绩排名'],
      ['帮忙转发这条，我要完成拉新任务', '帮忙转发这条，我要完成拉新任务'],
      ['帮我砍一刀，谢谢', '帮我砍'],
      ['朋友圈集赞满30个就算我完成任务', '集赞'],
      ['就差两单了，大家照顾一下生意', '就差两单了，大家照顾一下生意'],
      ['门店比赛投我一票', '投我一票'],
      ['这个月的业绩还没完成，大家多多支持', '业绩还没完成，大家多多支持'],
      ['还差两张单就达标了', '还差两张单就达标'],
      ['有空来店里坐坐，就当帮我一个忙', '就当帮我'],
      // Traditional
      ['這個月還差2單，幫我衝一下業績', '還差2單，幫我衝一下業績'],
      ['家人們支持一下，幫忙轉發完成任務', '支持一下，幫忙轉發完成任務'],
      ['求支持！月底衝KPI', '求支持'],
      ['幫我投票，我在門店排名第五', '幫我投票，我在門店排名'],
      // English
      ["I'm 2 orders short of my target this month", "I'm 2 orders short of my target"],
      ['Could you help me hit my target before Friday?', 'help me hit my target'],
      ['Please support me, I need 3 more sales', 'support me, I need 3 more'],
      ["Vote for me in our store's sales contest", "Vote for me in our store's sales contest"],
      ['Just 2 more orders and I make my quota', 'Just 2 more orders and I make my quota'],
      ['I need 4 more sign-ups by Sunday', 'I need 4 more'],
      ['Every review counts towards our store ranking', 'counts towards our store ranking'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f.map((x) => x.excerpt)).toContain(excerpt);
      expect(f[0]!.severity).toBe('warning');
    });
  });

  describe('does not fire on offers to help the customer or the customer’s own tasks', () => {
    it.each([
      '我可以帮您查一下订单物流',
      '有任何问题随时找我，我帮您安排',
      '让我帮您对比一下这两款猫粮的成分',
      '完成任务即可领取50积分',
      '积分排名前10的会员可获年度礼盒',
      '感谢大家一直以来的支持',
      '本店支持下单后7天无理由退货',
      '本App支持下载离线地图',
      '公司上半年业绩增长30%',
      '欢迎转发给家里也养猫的朋友',
      '我可以幫您查一下訂單',
      '感謝大家一直以來的支持',
      'Let me help you find the right size',
      'I can help you with your order anytime',
      'We now support Apple Pay and WeChat Pay',
      'Our support team is here for you 24/7',
      'Top 10 members on the points table win a gift box',
      'You need 2 more stamps for a free latte',
      '维修任务没完成前不收取任何费用',
      '本月水质检测已达标',
      '需要的话我可以帮您个忙，把旧机带走',
    ])('%s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  describe('rankings, quotas set on the sender, votes and ratings for the sender', () => {
    it.each([
      // the store's ranking in distress, or lifted by the customer
      ['这周门店排名掉到倒数第三了，姐妹们帮忙拉拉排名吧'],
      ['區域排名我們店很靠後，求各位幫我下一單'],
      ['We are near the bottom of the regional ranking, please buy something to help us climb.'],
      // a quota set on the sender, a plea to buy
      ['经理给我们组定了200单的任务，大家帮帮忙'],
      ['店長給我訂了30張年卡的指標，求大家幫忙辦一張'],
      ['We still need 12 more sign-ups this week to reach our store target.'],
      ['Only 3 more bookings and I hit my bonus this month.'],
      // votes for the sender
      ['我正在参加年度金牌顾问评选，麻烦大家为我投一票'],
      ['我在參加最美店員評選，請給我投一票'],
      ['Please vote for our salon in the Best of the City awards!'],
      // a rating dictated for the sender's own review
      ['Would you give me a 5 star review? It counts for my appraisal.'],
      ['Please give me a 5-star rating, it goes into my commission.'],
    ])('%s', (text) => {
      const f = fire(RULE, text);
      expect(f).not.toEqual([]);
      expect(f[0]!.severity).toBe('warning');
    });

    it.each([
      // a ranking or a goal reported, asking nothing
      '本月门店排名出炉，我们店拿了第一，谢谢大家',
      '積分衝榜活動開始，排名前10有禮',
      'Thanks to you, we’ve reached our goal of 500 adoptions this year!',
      "Thanks to every order, we've hit our target of 2,000 meals donated.",
      'I hit my target this month thanks to you all, here is a thank-you code.',
      // the customer's own vote, count or help offered
      '欢迎参加年度萌宠评选，投票选出最可爱的猫咪',
      'Vote for our next seasonal flavour, every vote counts!',
      '您还差2单就能升级金卡会员',
      '您還差3張印花就能換一杯咖啡',
      '如有需求，可以帮忙预约下周的保养',
      '需要帮忙选款式的话随时告诉我',
      '我可以帮您下一单，直接发地址给我就行',
      // "it's on me" and a staff name for the customer's discount
      '这单算我的，请您喝杯咖啡',
      '到店报我的名字可享九折',
      // a shop asking for a review is not a quota
      'Rate us 5 stars if you loved your stay!',
      'Happy to help you pick the right size.',
    ])('%s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  describe('findings', () => {
    it('one sentence is one ask: its cues merge into one finding', () => {
      const f = fire(RULE, '这个月还差3单，帮我冲一下业绩吧');
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe('还差3单，帮我冲一下业绩');
    });

    it('asks in separate sentences are separate findings, later ones weighing less', () => {
      const f = fire(RULE, '求支持！月底冲KPI。');
      expect(f.map((x) => x.excerpt)).toEqual(['求支持', '冲KPI']);
      expect(f[1]!.penalty).toBeLessThan(f[0]!.penalty);
    });

    it('a decimal point does not split an ask', () => {
      expect(fire(RULE, 'Still 2 orders short, $9.99 each, please support me')).toHaveLength(1);
    });

    it('words its message and advice by kind, in both languages', () => {
      expect(fire(RULE, 'help me hit my target')[0]!.message).toMatch(/sales target/);
      expect(fire(RULE, 'vote for me')[0]!.advice).toMatch(/internal/);
      expect(fire(RULE, '帮我砍一刀')[0]!.message).toMatch(/share or boost/);
      const zh = findings(audit(one('还差3单'), { lang: 'zh' }), RULE)[0]!;
      expect(zh.message).toContain('「还差3单」');
      expect(zh.advice).toMatch(/不要提业绩/);
    });
  });

  describe('configuration', () => {
    it('takes extra terms and removals from the config', () => {
      const cfg = { rules: { [RULE]: { lexicons: { favour: { add: ['帮我开张'], remove: ['支持一下'] } } } } };
      expect(findings(audit(one('今天还没开张，帮我开张吧'), { config: cfg }), RULE).map((f) => f.excerpt)).toEqual(['帮我开张']);
      expect(findings(audit(one('大家支持一下'), { config: cfg }), RULE)).toEqual([]);
    });

    it('can be turned off', () => {
      expect(findings(audit(one('还差3单'), { config: { rules: { [RULE]: 'off' } } }), RULE)).toEqual([]);
    });
  });

  it('agrees with its own YAML examples', () => {
    const meta = parse(readFileSync(resolve(ROOT, `rules/builtin/${RULE}.yaml`), 'utf8')) as { examples: { fires: string[]; passes: string[] } };
    for (const text of meta.examples.fires) expect(fire(RULE, text), text).not.toEqual([]);
    for (const text of meta.examples.passes) expect(fire(RULE, text), text).toEqual([]);
  });
});
