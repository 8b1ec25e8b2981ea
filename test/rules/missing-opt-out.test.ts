import { describe, expect, it } from 'vitest';
import { audit, findings, fire, firesAndPasses } from '../helpers.js';

const sms = (text: string, fields: Record<string, unknown> = {}) => fire('missing-opt-out', text, { channel: 'sms', audience: { segment: 'members' }, ...fields });

describe('missing-opt-out', () => {
  describe('fires on a marketing SMS without an opt-out', () => {
    it.each([
      '【悦动健身】年卡限时5折，仅需999元！点击链接立即购买 t.cn/abcd',
      '【萌爪】双11幼猫粮第二件半价，进店即送试吃装',
      '【茶語】秋季新品上市，全場8折，立即選購 tea.example.tw',
      '【健身房】會員服務可隨時退訂，年卡現在5折起',
      'FitLife: 50% off annual plans this week only. Join at fitlife.example',
      'Stop by our store this weekend for 30% off all jackets!',
      '【萌爪】中秋快乐！感谢一年来的陪伴',
    ])('%s', (text) => {
      const f = sms(text);
      expect(f).toHaveLength(1);
      expect(f[0]!.severity).toBe('error');
      expect(f[0]!.messageId).toBe('m1');
    });

    it('quotes the start of the message and says how to fix it', () => {
      const f = sms('【悦动健身】年卡限时5折，仅需999元！点击链接立即购买 t.cn/abcd 到期自动续费');
      expect(f[0]!.excerpt).toBe('【悦动健身】年卡限时5折，仅需999元！点击链接立即购买 t…');
      expect(f[0]!.advice).toContain('Reply STOP to opt out');
      const zh = findings(audit(JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'sms', messages: ['【萌爪】幼猫粮5折'] }] }), { lang: 'zh' }), 'missing-opt-out');
      expect(zh[0]!.message).toContain('营销短信没有退订方式');
      expect(zh[0]!.advice).toContain('回T退订');
    });

    it('treats a "reminder" that sells as marketing', () => {
      expect(sms('【萌爪】您的积分即将到期，立即兑换爆款猫粮，点击购买 t.cn/x')).toHaveLength(1);
    });

    it('checks other channels when the config lists them', () => {
      const config = { rules: { 'missing-opt-out': { channels: ['sms', 'direct'] } } };
      const r = audit(JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'direct', audience: { segment: 'vip' }, messages: ['{{name}}，年卡5折，点击购买'] }] }), { config });
      expect(findings(r, 'missing-opt-out')).toHaveLength(1);
    });
  });

  describe('does not fire', () => {
    it.each([
      '【悦动健身】年卡限时5折，点击链接立即购买 t.cn/abcd 回T退订',
      '【悦动健身】年卡限时5折，点击链接立即购买 退订回T',
      '【萌爪】幼猫粮第二件半价 回TD退订',
      '【萌爪】幼猫粮第二件半价，拒收请回复R',
      '【萌爪】幼猫粮第二件半价 回N退订',
      '【萌爪】幼猫粮第二件半价，回复“T”退订',
      '【茶語】秋季新品全場8折 回Ｔ退訂',
      '【茶語】秋季新品全場8折，拒收請回覆R',
      'FitLife: 50% off annual plans this week. Reply STOP to opt out',
      'FitLife: 50% off annual plans. Text STOP to opt out.',
      'FitLife: 50% off annual plans. Unsubscribe: reply STOP',
      'FitLife: 50% off annual plans. Reply “STOP” to unsubscribe',
    ])('with an opt-out: %s', (text) => {
      expect(sms(text)).toEqual([]);
    });

    it.each([
      '【顺丰速运】您的包裹已到达驿站，取件码 5512，请及时取件。',
      '【萌爪】您的验证码是 482913，5分钟内有效。',
      '【悦榕酒店】您预约的 11月20日 入住已确认，车位已为您保留。',
      '【順豐】您的包裹已到達驛站，取件碼 5512。',
      '【誠品】您的驗證碼是 482913，請勿告訴他人。',
      'Your order #5521 has shipped and is out for delivery today.',
      'Your verification code is 482913. It expires in 5 minutes.',
      'Your booking for Nov 20 is confirmed. Reply here to change it.',
    ])('on a transactional SMS: %s', (text) => {
      expect(sms(text)).toEqual([]);
    });

    it('on an operational notice', () => {
      expect(sms('【悦动健身】因台风影响，本店明天暂停营业一天。')).toEqual([]);
    });

    it('on a reply to the customer', () => {
      const r = audit(JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'sms', messages: [{ reply_to: '年卡多少钱？', text: '年卡现在999元，可以到前台办理' }] }] }));
      expect(findings(r, 'missing-opt-out')).toEqual([]);
    });

    it('on direct, group and Moments by default', () => {
      for (const channel of ['direct', 'group', 'moments']) {
        expect(fire('missing-opt-out', '年卡限时5折，点击链接立即购买', { channel })).toEqual([]);
      }
    });

    it.each([
      'Are you coming to dinner tonight? Mum says 7pm',
      '明天下午三点开会，记得带上周的报表',
      '到家了嗎？外面雨很大，路上小心',
    ])('on a personal or informational SMS that sells nothing: %s', (text) => {
      expect(fire('missing-opt-out', text, { channel: 'sms' })).toEqual([]);
    });

    it('unless the config asks for an opt-out on every non-transactional SMS', () => {
      const config = { rules: { 'missing-opt-out': { marketing_only: false } } };
      const r = audit(JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'sms', messages: ['明天下午三点开会，记得带上周的报表'] }] }), { config });
      expect(findings(r, 'missing-opt-out')).toHaveLength(1);
    });

    it('on a campaign declared kind: service', () => {
      expect(sms('【萌爪】会员日提醒：本周六到店可领取生日礼', { kind: 'service' })).toEqual([]);
    });
  });

  it('a bad channels option is an input error', () => {
    const config = { rules: { 'missing-opt-out': { channels: ['wechat'] } } };
    expect(() => audit(JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'sms', messages: ['年卡5折'] }] }), { config })).toThrow(/rules\.missing-opt-out\.channels/);
  });
});

describe('missing-opt-out: what counts as marketing', () => {
  it.each([
    'Congratulations, you have won a prize! Call 09061701461 to claim',
    '新店开业酬宾，全场菜品八八折，另有小礼品赠送',
    '急用錢？低息貸款當天放款，加微信諮詢',
    '本店周年庆，全场x折起，凭短信到店再送礼品',
  ])('a promotion without a price still needs an opt-out: %s', (text) => {
    expect(fire('missing-opt-out', text, { channel: 'sms' })).toHaveLength(1);
  });

  it.each(['您尾号1234的银行卡于11月3日消费128元', '您尾號5678的帳戶11月3日入帳2,000元', 'Your account ending 4321 was charged $12.50 on 3 Nov'])(
    'an account notice that states an amount is transactional: %s',
    (text) => {
      expect(fire('missing-opt-out', text, { channel: 'sms' })).toEqual([]);
    },
  );
});

describe('missing-opt-out: offers, mentions and transactional texts', () => {
  it.each([
    // an offer without a price: a free item, a waived fee, a gift with enrolment
    'BurgerBarn: Buy one meal, get one free every Monday. Order at burgerbarn.co',
    'SwimHub: Sign up before Sunday and pay no joining fee. Visit swimhub.com/join',
    '【xx教育】暑期班火热报名中，报名即送练习册一套，咨询电话 400-123-4567',
    '【xx地產】捷運旁兩房，總價880萬起，零首付，看屋專線 02-2345-6789',
    // an offer outranks the service words it uses
    '【花语】情人节鲜花预订，99朵玫瑰套餐520元，免费配送',
    '【xx车险】您的车险即将到期，现在续保送洗车券',
    'QuickEats: $0 delivery fees on your next 2 orders with code FREEDEL',
  ])('fires: %s', (text) => {
    expect(sms(text)).toHaveLength(1);
  });

  it.each([
    // transactional, in all three scripts
    '【饿了么】您的订单已由骑手接单，预计25分钟内送达',
    '【全家】您的包裹已到門市，請於7日內取貨',
    'Your water bill for June is $48.20, due July 10.',
    'Your car is ready for pickup, total due is $212.40.',
    // news and reported speech about prices and sales
    '据悉该小区二手房均价已达6万元每平米',
    '網友吐槽稱，所謂的「全館五折」只有幾款商品參加',
    'He said the shop down the road had a sale on, but it was packed',
  ])('does not fire: %s', (text) => {
    expect(sms(text)).toEqual([]);
  });
});

describe('missing-opt-out: n-for-1 deals and "order at <shop>" are marketing', () => {
  it.each([
    'Bella Pizza: 2-for-1 large pizzas every Tuesday. Order at bellapizza.example',
    "Luigi's: two-for-one pasta on Mondays, order at luigis.shop",
    'Order via our app for 3-for-2 on all sides',
    '【比薩屋】週二大披薩買一送一，點連結下訂 pizza.example.tw',
  ])('%s', (text) => {
    expect(sms(text)).toHaveLength(1);
  });

  it.each([
    'Bella Pizza: 2-for-1 large pizzas every Tuesday. Order at bellapizza.example. Reply STOP to opt out',
    'Your order at bellapizza.example is on its way',
  ])('does not fire: %s', (text) => {
    expect(sms(text)).toEqual([]);
  });
});

describe('missing-opt-out: a utility or telecom bill is transactional', () => {
  it.each([
    '【国家电网】尊敬的用户，您户号3100xxxx本月电费128.50元，请于25日前缴纳。',
    '【自来水公司】您本期水费56.30元，请于5月20日前缴费，逾期将产生滞纳金。',
    '【燃气公司】尊敬的用户，您的燃气费已欠费32.5元，请及时缴纳。',
    '【台灣電力公司】您本期電費NT$1,280，請於6月10日前繳納。',
    '【中華電信】您本月帳單金額NT$599，請於15日前繳費。',
    'City Power: your electricity bill of $88.20 is due by May 30.',
  ])('does not fire: %s', (text) => {
    expect(sms(text)).toEqual([]);
  });

  it.each([
    // a bill that also sells is marketing
    '【国家电网】电费缴费享8折优惠，立即办理',
    '【物业】您本季度物业费1200元，请于月底前缴纳，缴费即送精美礼品',
  ])('still fires: %s', (text) => {
    expect(sms(text)).toHaveLength(1);
  });
});

describe('missing-opt-out: account events and personal chat are not marketing', () => {
  it.each([
    // card and account alerts state an amount without selling it
    'Northbank: A $56.10 card transaction at FUEL STOP was made on your card ending 4410.',
    'Harbor CU: Direct deposit of $1,912.44 posted to your checking ending 2209.',
    'Alert: Purchase of $148.00 at SKYWAYS approved on card ending 7731.',
    'Security alert: Did you attempt a $260.00 purchase at GADGETHUB.COM? Reply Y or N.',
    'PayFast: You received $40.00 from Dana for "concert tickets"',
    'PayFast: You sent $120.00 to Omar Reyes.',
    'Your home insurance claim 55120 has been approved; payment follows in 3 business days.',
    'Your sign-in PIN is 0814. It expires in 10 minutes.',
    // chat about a sale the writer saw or used
    'lol I went to the outlet and got 3 shirts for $25, total steal',
    'my mom found a coupon and got the air fryer for half price haha',
    'Rates dropped again, maybe we should refinance the house?',
    'Did you cancel the gym subscription? We are still being charged every month',
    '商场那家鞋店全场五折，我买了两双，挺划算的',
    '小区门口水果店今天特价，我买了三斤橙子',
    '这次住的民宿老板人很好，走的时候还送了我们一袋特产',
    '银行打电话问我要不要办信用卡，我直接拒绝了',
  ])('does not fire: %s', (text) => {
    expect(sms(text)).toEqual([]);
  });

  it.each([
    // news and advice that name loans, cards, prices or sign-ups
    '住房公积金贷款额度上调，二套最高可贷60万',
    '信用卡长期逾期会影响征信，以后贷款会受限',
    '今年考研报名人数达到300万人，再创新高',
    '某品牌宣布旗下手机全线降价，最高降幅达1000元',
    '警方提醒，谨防以免息贷款为诱饵的诈骗电话',
  ])('news or advice does not fire: %s', (text) => {
    expect(sms(text)).toEqual([]);
  });

  it('a personal story that turns into a sales pitch still fires', () => {
    expect(sms('我买了两盒自己吃，真心好用，需要的私我，团购价89元')).toHaveLength(1);
  });
});

describe('missing-opt-out: perks, trades and franchises are marketing', () => {
  it.each([
    // a free thing or a perk, said by a business
    'TacoBarn: Free churros with any combo today when you order in the app.',
    'Bakehouse: Your free muffin reward is ready. Redeem it in the app by Sunday.',
    'LingoPro: Try 3 weeks free and learn on the go. lingo.example/pro',
    'PageTurn: Get your first e-book free. Start your trial at pageturn.example',
    'Peak Fitness: First month FREE for new members. Visit peakfit.example',
    'Skyline Hotels: Earn double points on every stay this summer. Book at skyline.example',
    'CellOne: Get the new tablet on us when you switch lines.',
    'HomeMart: Summer Black Friday is here! Doorbusters on grills and fans.',
    'Tutor Hub: Free reading assessment for your child this month. Call to schedule.',
    'Shield Insurance: Bundle car & renters and save. Talk to an agent today.',
    'Frozen Swirl: Free topping Tuesday! Show this message at the register.',
    'Oak Realty: New listings nearby, 2BR condos from $289k. Tour at oakrealty.example',
    'Need fast cash? Get approved in minutes, no credit check. Apply now: cash.example',
    'Bootcamp 101: enrollment open for the fall cohort. Apply at bootcamp.example',
    'Salsa with Marco! New Thursday classes, first class free.',
    // Chinese trades touting for work, franchise calls, a shop's launch, points pushed to gifts
    '专业开锁换锁修锁，全城上门快，电话13900001111',
    '屋顶防水补漏，不砸砖，五年质保，电话13900002222',
    '诚招区域代理，零加盟费，总部全程扶持，详询13900003333',
    '新开烧烤店试营业，所有菜品全部8折',
    '数码城新机到货，购机送话费，旧机可抵价',
    '尊敬的会员：您的积分即将清零，请尽快兑换礼品',
  ])('fires: %s', (text) => {
    expect(sms(text)).toHaveLength(1);
  });

  it.each([
    "Call me when you're free, no rush",
    'Are you free on Saturday? We could get brunch',
    'Once free call me, need to ask about the trip',
    'Free for lunch tomorrow?',
    'Your points balance is 1,240. Thanks for being a member.',
    '您的积分即将到期，可在会员中心查看',
  ])('does not fire: %s', (text) => {
    expect(sms(text)).toEqual([]);
  });
});

describe('missing-opt-out: bookings or enrolment opened to everyone are a promotion; the reader\'s own booking is service', () => {
  firesAndPasses('missing-opt-out', { channel: 'sms' }, {
    fires: [
    ['en', "Hi {{name}}, Kidsy Learning's summer coding camp is now open for bookings. Reply YES for a brochure."],
    ['zh-Hans', '【童程编程】暑期编程营现已开放报名，回复1获取课程介绍。'],
    ['zh-Hant', '【童程編程】暑期編程營現正接受報名，回覆1索取簡介。'],
    ],
    passes: [
    ['en', 'Hi {{name}}, your booking for the summer coding camp is confirmed for 3 July. Reply C to cancel.'],
    ['zh-Hans', '【童程编程】您报名的暑期编程营已确认，7月3日开课。'],
    ['zh-Hant', '【童程編程】您報名的暑期編程營已確認，7月3日開課。'],
    ],
  });
});

describe('missing-opt-out: enrolment opened to everyone beats the service words it uses; a tariff change with its old and new rate is service', () => {
  firesAndPasses('missing-opt-out', { channel: 'sms' }, {
    fires: [
    ['zh-Hans', '【启明学堂】{{name}}家长您好，暑期数学思维营开始报名了，适合三到五年级，课表见 https://qm.example.cn/s'],
    ['zh-Hant', '【啟明學堂】{{name}}家長您好，暑期數學營現正接受報名，課表請見 https://qm.example.tw/s'],
    ['en', 'Brightway Tutors: summer maths camp registration is now open, see the schedule at bw.example/s'],
    ],
    passes: [
    ['zh-Hans', '【城联通信】{{name}}您好，根据资费调整，您的套餐自5月1日起国内流量单价由3元/GB调整为2元/GB，月租不变，详询10010。'],
    ['zh-Hant', '【城聯電信】{{name}}您好，配合資費調整，您的方案自5月1日起上網單價由3元/GB調整為2元/GB，月租不變。'],
    ['zh-Hans', '【启明学堂】{{name}}家长您好，下周数学课课表已更新，请查看 https://qm.example.cn/s'],
    ],
  });
});

describe('missing-opt-out: a shop word inside the brand signature (【优选商城】) is the sender\'s name, not an offer', () => {
  firesAndPasses('missing-opt-out', { channel: 'sms' }, {
    fires: [
    ['zh-Hans', '【优选商城】全场满199减50，今晚12点截止，点击 t.cn/x 抢购！'],
    ['zh-Hant', '【優選商城】全館滿199折50，今晚12點截止，點此搶購 t.cn/x'],
    ['en', '[Brightmart Shop] Everything 20% off until midnight, shop now at bm.example'],
    ],
    passes: [
    ['zh-Hans', '【优选商城】您的订单4412098已由顺丰派送，今天18:00前送达，货款合计268元已支付。'],
    ['zh-Hant', '【優選商城】您的訂單4412098已由黑貓宅急便配送，今天18:00前送達，貨款268元已付清。'],
    ['en', '[Brightmart Shop] Your order 4412098 is out for delivery today before 6pm; the $26.80 total is paid.'],
    ],
  });
});
