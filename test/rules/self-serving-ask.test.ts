import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { audit, findings, fire, one, ROOT, firesAndPasses } from '../helpers.js';

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

  describe('team, store and branch goals and contests', () => {
    it.each([
      // the sender's contest, with a request
      ['我们门店这周在和隔壁店PK销量，拜托大家来下一单', '和隔壁店PK销量，拜托大家来下一单'],
      ['我們分店正在比業績，麻煩各位幫忙下個單。', '比業績，麻煩各位幫忙下個單'],
      ['我们组在参加销售竞赛，大家帮忙下单一下吧', '我们组在参加销售竞赛，大家帮忙下单一下'],
      ['各位亲，这周我们店在冲区域第一，求大家支持！', '我们店在冲区域第一，求大家'],
      ['这次分店评比我们排倒数，麻烦大家帮忙多下几单', '分店评比我们排倒数，麻烦大家帮忙'],
      ['Our branch is in a sales contest with the downtown store. Would you mind placing an order?', 'sales contest'],
      ['Our shop is up against the other branch this month, would you book a fitting with us?', 'against the other branch this month, would you'],
      ['Help us win the branch leaderboard this week by ordering today.', 'Help us win the branch leaderboard'],
      // a count the sender is short of
      ["We're just 3 signups short of our monthly goal, could you join today?", "We're just 3 signups short of our monthly goal, could you"],
      ['We are 8 orders short of our target — would you place one?', 'We are 8 orders short of our target — would you'],
      ['Our store needs 5 more bookings to win the regional competition, please book now!', 'store needs 5 more bookings to win the regional competition, please'],
      ['再3单我们就达标了，大家冲一下', '再3单我们就达标了，大家冲一下'],
      ['门店还差5个预约就完成本月目标，大家帮忙约一下', '还差5个预约就完成本月目标'],
      // a gap to the goal without a number, with a request
      ['这个月我们离目标还差一点，麻烦大家帮帮忙', '离目标还差一点，麻烦大家帮帮忙'],
      ['我們離目標只差一點點，拜託大家幫忙下單', '離目標只差一點點，拜託大家幫忙'],
      ["We're only a few bookings away from our monthly goal, please help us get there!", 'away from our monthly goal, please help us'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f.map((x) => x.excerpt)).toContain(excerpt);
      expect(f[0]!.severity).toBe('warning');
    });

    it('a contest and its request in separate sentences still fire', () => {
      const f = fire(RULE, '本月门店之间在比排名。麻烦大家帮忙冲一下！');
      expect(f[0]!.excerpt).toMatch(/^门店之间在比/);
      expect(f[0]!.message).toMatch(/ranking/);
    });

    it.each([
      // the customer's own count or goal
      "You're only 200 points away from a free drink.",
      'You need 3 more visits to unlock Gold status.',
      'Your cart needs 2 more items to get free shipping.',
      '您离目标体重还差2公斤，需要帮忙调整计划随时找我',
      "You're 2 classes away from your goal this month — can you make it Thursday?",
      'Your team is 3 points short of the top spot — please keep going!',
      'We are 5 minutes away from the station, please call if you get lost.',
      // a gap or a contest reported, with thanks and no request. Debatable:
      // "我们离目标还差一点" nudges, but asks nothing, names no number and
      // thanks the customer for what is done; with a request it fires (above)
      '我们离目标还差一点，感谢大家一直以来的支持',
      '我們離目標還差一點，謝謝大家一路相挺',
      'Our team won the regional contest — thanks for your support!',
      '我们门店获得了区域服务评比第一名，感谢大家的支持',
      '我们门店获得区域评比第一名，请大家来店里领感恩礼',
      '這次分店評比我們拿了第一，感謝大家支持',
      // contests the customer enters
      '本周会员PK赛：下单满3单即可参与抽奖',
      '萌宠摄影比赛开始啦，欢迎大家参加，前三名送猫粮',
      'Join our photo contest and win a hamper — please tag your pet!',
      'Enter our summer competition for a chance to win a weekend away. Please read the rules.',
      'Check the leaderboard to see your rank in the step challenge, and please keep walking!',
      // help offered
      '需要帮忙下单的话随时告诉我',
      '我可以帮忙下单，您把地址发我就行',
      '我可以帮您查一下这个月的账单',
      // store words beside a request that is not about a contest
      '门店现冲咖啡上新啦，请大家来尝尝',
      '全市各门店均可使用，请大家放心购买',
      '两家店之间步行只要5分钟，请大家注意路线',
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

describe('self-serving-ask: the sender’s goals and seller contests in English', () => {
  it.each([
    ['Hey {{name}}, could you help me reach my monthly goal? Two more bookings would do it.'],
    ['One more order from you would push me over the line for the salesperson of the month award!'],
    ['We are in a top-seller contest this week, help me win it with a quick order?'],
  ])('fires: %s', (text) => {
    expect(fire('self-serving-ask', text, { channel: 'direct', audience: { segment: 'members' } })).toHaveLength(1);
  });

  it.each([
    ['My goal this season is to make every fitting quick and easy for you.'],
    ['We can help you reach your goal weight with a plan your vet approves.'],
    ['Our store won seller of the year — thank you for shopping with us!'],
  ])('does not fire: %s', (text) => {
    expect(fire('self-serving-ask', text, { channel: 'direct', audience: { segment: 'members' } })).toEqual([]);
  });
});

describe('self-serving-ask: commission, probation, votes for the store and leaderboards', () => {
  it.each([
    ['这个月每卖出一张卡我都有提成，需要的朋友找我办哦'],
    ['試用期考核指標還差一點，拜託大家幫我一把，成交就能轉正了'],
    ['我们店在参加最美门店评选，帮我投个票吧'],
    ['I earn a commission on every plan, so please sign up through me!'],
  ])('fires: %s', (text) => {
    expect(fire('self-serving-ask', text, { channel: 'direct', audience: { segment: 'members' } })).toHaveLength(1);
  });

  it.each([['您离升级钻石会员还差2笔消费，升级后生日当月双倍积分'], ['您的投票已收到，感谢参与我们的萌宠摄影评选']])('does not fire: %s', (text) => {
    expect(fire('self-serving-ask', text, { channel: 'direct', audience: { segment: 'members' } })).toEqual([]);
  });
});

describe('self-serving-ask: asks for the sender\'s sake that name no quota (face, patronage, "it would help me out", a ranking the sender competes in)', () => {
  const RULE_ID = 'self-serving-ask';
  firesAndPasses(RULE_ID, { channel: 'direct' }, {
    fires: [
    ['zh-Hans', '王姐，这次就当给我个面子，帮我下一单新款吧。'],
    ['zh-Hans', '我们这个月分店在比排名，麻烦各位姐妹帮衬一下，下单就是支持我。'],
    ['zh-Hant', '陳太，俾個面我，幫我買多兩盒啦，今個月真係差少少。'],
    ['zh-Hant', '各位老客幫襯下我，今個月分店排名靠你哋了。'],
    ['en', "Hi Dana, I'm two sign-ups short of my monthly target, so it would really help me out if you renewed today."],
    ['en', 'Our branch is in the regional sales ranking this month, so please open the account with us and help us top it.'],
    ],
    passes: [
    ['zh-Hans', '感谢大家给面子，这次读书会来了四十多位朋友！'],
    ['zh-Hans', '本月门店排名第一，谢谢各位老顾客一直以来的信任。'],
    ['zh-Hant', '多謝大家幫襯咗咁多年，下個月我哋搬去新舖，地址係彌敦道88號。'],
    ['zh-Hant', '您只差200分就升級金卡，記得查看會員頁面。'],
    ['en', 'Our store finished top of the regional ranking, thanks to all of you!'],
    ['en', 'Complete three tasks this week to climb the leaderboard and win a tote bag.'],
    ['en', "You're 150 points short of your next reward tier."],
    ],
  });
});
