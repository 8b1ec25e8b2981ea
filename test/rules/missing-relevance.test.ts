import { describe, expect, it } from 'vitest';
import { audit, findings, fire, one, firesAndPasses } from '../helpers.js';

const RULE = 'missing-relevance';
const to = (channel: string, audience?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ channel, ...(audience ? { audience } : {}), ...extra });

describe('missing-relevance', () => {
  describe('(a) fires on an unpersonalised direct or SMS message to everyone', () => {
    it.each([
      ['双11全场5折，快来抢购！', to('direct')],
      ['【悦动健身】年卡限时5折，点击链接购买', to('sms', { segment: 'all' })],
      ['新品到店，欢迎周末来逛逛', to('direct', { segment: '全部' })],
      ['【喵喵生活館】週年慶全館8折，快來逛逛', to('sms', { segment: '全體' })],
      ['Our autumn menu has arrived, come and try it this weekend', to('direct')],
      ['Flash sale: every candle half price until midnight', to('sms', { segment: 'everyone', size: 20000 })],
    ])('%s', (text, fields) => {
      const f = fire(RULE, text, fields);
      expect(f).toHaveLength(1);
      expect(f[0]!.message).toMatch(/unpersonalised (direct|SMS) message to everyone/);
    });

    it('a generic salutation is not a name', () => {
      expect(fire(RULE, 'Dear valued customer, our winter menu is out', to('direct'))).toHaveLength(1);
      expect(fire(RULE, '尊敬的各位女士，秋冬新品到店', to('direct'))).toHaveLength(1);
    });

    it('quotes the first line, shortened', () => {
      const f = fire(RULE, '这是一条非常非常长的群发消息，内容是我们店里所有的新品和活动介绍，欢迎大家来看看\n第二行', to('direct'))[0]!;
      expect(f.excerpt.endsWith('…')).toBe(true);
      expect(f.excerpt).not.toContain('第二行');
    });
  });

  describe('(a) does not fire', () => {
    it.each([
      ['{{name}}，您上次买的猫砂快用完了吗？', to('direct')],
      ['{name}，天冷了，记得给猫咪加一层垫子', to('sms')],
      ['Hi ${first_name}, your favourite roast is back', to('direct')],
      ['您的订单已发货，快递单号SF1234567', to('sms')],
      // a bill states an amount without selling
      ['【城市燃气】您本月帐单128.50元已出帐，请于12月20日前缴费', to('sms')],
      ['Your bill of £36.20 is due on 3 Jan. Pay in the app.', to('sms')],
      // written to one named person
      ['Dear Mr Lee, we kept the blue scarf you asked about; it is at the Xinyi counter until Sunday.', to('direct')],
      ['王女士，周末新到了几款您喜欢的乌龙，来店里时可以先试喝', to('direct')],
      ['您預約的洗牙時間是明天下午3點，如需改期請回覆', to('sms')],
      ['Your order #1234 has shipped and will arrive on Thursday.', to('direct')],
      ['本店明天停业一天，给大家带来不便敬请谅解', to('sms')],
      ['全场5折，快来抢购', to('direct', { segment: 'cat-owners' })],
      ['全场5折，快来抢购', to('direct', { tags: ['复购客户'] })],
      ['全场5折，快来抢购', to('group')],
      ['全场5折，快来抢购', to('moments')],
      ['本周末店庆活动', to('sms', undefined, { kind: 'service' })],
    ])('%s', (text, fields) => {
      expect(fire(RULE, text, fields)).toEqual([]);
    });

    it('replies are exempt', () => {
      const yaml = JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'direct', messages: [{ text: '有的，周末全场8折', reply_to: '请问周末有活动吗？' }] }] });
      expect(findings(audit(yaml), RULE)).toEqual([]);
    });
  });

  describe('(b) fires when a promotion is about something the audience is not', () => {
    it.each([
      ['新款狗狗冻干零食，买二送一', to('direct', { tags: ['英短', '幼猫'] }), '狗'],
      ['狗粮复购优惠，第二件半价', to('direct', { tags: ['猫粮复购'] }), '狗粮'],
      ['限量版威士忌礼盒8折，今晚下单包邮', to('sms', { tags: ['新手妈妈'] }), '威士忌'],
      ['狗狗潔牙骨買二送一', to('direct', { tags: ['貓咪', '成貓'] }), '狗'],
      ['猫砂买二送一，点击下单', to('direct', { tags: ['狗狗', '柯基'] }), '猫砂'],
      ['Puppy training pads 30% off this week', to('direct', { tags: ['cat owners'] }), 'Puppy'],
      ['New dog leashes, $15 each', to('sms', { tags: ['kittens'] }), 'dog'],
      ['猫爬架新品上市，到手价199元', to('direct', { segment: 'dog-owners' }), '猫爬架'],
      ['狗粮秒杀，99元两袋', to('group', undefined, { group: { name: '萌爪养猫交流群' } }), '狗粮'],
      ['新款面霜买一送一，点击下单', to('direct', { tags: ['车主'] }), '面霜'],
      // the most specific topic decides: 宠物 + 狗狗 is about dogs
      ['【萌宠之家】{{name}}，宠物狗狗磨牙棒第二件半价，点击选购', to('sms', { tags: ['布偶', '猫砂'] }), '狗'],
      // tags decide before the group's name (毛孩子 is any pet)
      ['狗狗雨衣特价39元，小程序下单', to('group', { tags: ['喵星人'] }, { group: { name: '毛孩子福利群' } }), '狗'],
      // sports and diets are siblings, like cats and dogs
      ['Hi {{name}}, our new yoga mats are 25% off', to('direct', { tags: ['tennis'] }), 'yoga'],
      ['{{name}}，游泳课暑期班8折', to('direct', { tags: ['羽毛球'] }), '游泳'],
      ['{{name}}，新品牛肉汉堡第二个半价', to('direct', { tags: ['素食'] }), '牛肉'],
      ['New pork sausages, 2 packs for $12', to('sms', { tags: ['vegetarian'] }), 'pork'],
      ['中老年关节保健品买二送一', to('direct', { tags: ['新生儿'] }), '中老年'],
    ])('%s', (text, fields, excerpt) => {
      const f = fire(RULE, text, fields);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.message).toMatch(/but the audience is/);
    });
  });

  describe('(b) does not fire when the promotion fits or cannot be judged', () => {
    it.each([
      ['幼猫专用奶糕粮第二件半价', { tags: ['英短', '幼猫'] }],
      ['幼猫奶糕粮买二送一', { tags: ['英短', '幼貓'] }],
      ['幼猫专用粮8折', { tags: ['英短幼猫'] }],
      ['Kitten food 20% off this week', { tags: ['kittens'] }],
      ['Kittens love our new scratching posts, $25', { tags: ['kitten'] }],
      ['狗粮8折，点击下单', { tags: ['宠物'] }],
      ['宠物洗护套餐8折', { tags: ['布偶猫'] }],
      ['新款口红8折', { tags: ['护肤'] }],
      ['新款狗粮8折', { tags: ['高消费', '北京'] }],
      ['全场满300减50', { tags: ['英短'] }],
      ['狗狗也需要冬季保暖，分享几个小技巧', { tags: ['英短'] }],
      ['Gold members: 20% off all lattes this week', { tags: ['咖啡'] }],
      ['凭手机号到店，拿铁第二杯半价', { tags: ['咖啡爱好者'] }],
      ['Of course our yoga mats are 20% off too', { tags: ['yoga'] }],
      ['黄金周出游季，露营帐篷8折', { tags: ['户外'] }],
      ['{{name}}，瑜伽垫新品8折', { tags: ['健身'] }],
      ['私教课10节8折，点击预约', { tags: ['瑜伽'] }],
      ['植物肉汉堡第二个半价', { tags: ['素食'] }],
      ['瑜伽课程8折', { tags: ['瑜伽'] }],
    ])('%s', (text, audience) => {
      expect(fire(RULE, text, to('direct', { segment: 'target', ...audience }))).toEqual([]);
    });

    it('Moments are exempt even when off target', () => {
      expect(fire(RULE, '狗粮8折', to('moments', { tags: ['英短'] }))).toEqual([]);
    });
  });

  it('config adds a topic term', () => {
    const yaml = JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'direct', audience: { tags: ['英短'] }, messages: ['新款磨牙棒买二送一'] }] });
    expect(findings(audit(yaml), RULE)).toEqual([]);
    const r = audit(yaml, { config: { rules: { [RULE]: { topics: { dog: { add: ['磨牙棒'] } } } } } });
    expect(findings(r, RULE).map((f) => f.excerpt)).toEqual(['磨牙棒']);
  });
});

describe('missing-relevance: untargeted broadcasts by what they carry', () => {
  it('a greeting to everyone fires at half the penalty of a promotion to everyone', () => {
    const greeting = fire('missing-relevance', '新年快乐，感谢这一年的陪伴！', { channel: 'sms' });
    const promo = fire('missing-relevance', '新年全场8折，点击链接抢购', { channel: 'sms' });
    expect(greeting).toHaveLength(1);
    expect(promo).toHaveLength(1);
    expect(greeting[0]!.penalty).toBeCloseTo(promo[0]!.penalty / 2, 5);
  });

  it('the share is configurable', () => {
    const config = { rules: { 'missing-relevance': { non_promotional_factor: 1 } } };
    const r = audit(one('Happy new year from all of us at the studio!', { channel: 'direct' }), { config });
    const promo = fire('missing-relevance', 'New year sale: 20% off all classes, book now', { channel: 'direct' });
    expect(findings(r, 'missing-relevance')[0]!.penalty).toBe(promo[0]!.penalty);
  });
});

describe('missing-relevance: what counts as a promotion to everyone', () => {
  const everyone = (text: string) => fire(RULE, text, { channel: 'sms' });
  it.each([
    '初二数学一对一辅导，重点中学老师，电话13800001111',
    '兩房公寓急售，業主誠心出售，看屋請洽0912-345-678',
    'Get a FREE estimate on new windows this month. Call 555-0142',
  ])('an ad without a price still costs the full penalty: %s', (text) => {
    const f = everyone(text);
    expect(f).toHaveLength(1);
    expect(f[0]!.penalty).toBe(everyone('双11全场5折，快来抢购！')[0]!.penalty);
  });

  it.each([
    '据报道，该车型终端优惠已达3万元',
    '有家長表示，補習班收費動輒上萬元',
    'Reportedly the new phone will sell for $999',
  ])('a report about prices is news, half the penalty: %s', (text) => {
    const f = everyone(text);
    expect(f).toHaveLength(1);
    expect(f[0]!.penalty).toBeLessThan(everyone('双11全场5折，快来抢购！')[0]!.penalty);
  });

  it('an amount due is a bill: service, exempt', () => {
    expect(everyone('Your phone bill of $61.30 is due on 12 May.')).toEqual([]);
  });
});

describe('missing-relevance: a broader taxonomy, and promotions that sell nothing', () => {
  it.each([
    // cars to skincare buyers, a kids' camp to golfers, school to retirees
    ['汽車輪胎換四條送四輪定位，歡迎預約。', to('group', { tags: ['保養品', '美妝'] }, { group: { name: '美妝福利群', type: 'promo' } }), '汽車'],
    ['汽车保养套餐8折，立即预约', to('sms', { tags: ['护肤', '彩妆'] }), '汽车保养'],
    ['【星光營地】兒童暑期夏令營報名中。回T退訂', to('sms', { segment: 'golf', tags: ['高爾夫', '商務'] }), '兒童'],
    ["Back-to-school sale: 30% off kids' backpacks!", to('direct', { segment: 'retirees', tags: ['retirees', 'pension'] }), 'Back-to-school'],
    ['{{name}}，开学季文具书包8折', to('direct', { tags: ['退休', '养老'] }), '开学季'],
    ['Steakhouse Tuesday: ribeye steak 2-for-1, book now', to('direct', { tags: ['vegan', 'plant-based'] }), 'Steakhouse'],
    ['韓式燒肉吃到飽，平日8折，歡迎預約', to('direct', { tags: ['純素', '蔬食'] }), '燒肉'],
    ["Hi {{name}}, kids' swimming lessons 20% off this month", to('direct', { tags: ['golf'] }), "kids'"],
    ['高尔夫球杆限时8折，点击下单', to('direct', { tags: ['宝妈', '育儿'] }), '高尔夫'],
  ])('%s', (text, fields, excerpt) => {
    const f = fire(RULE, text, fields);
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt.toLowerCase()).toBe(excerpt.toLowerCase());
    expect(f[0]!.message).toMatch(/but the audience is/);
  });

  it.each([
    // the same topic, in the other script
    ['汽車輪胎換四條送四輪定位，限時優惠', { tags: ['车主', '汽车'] }],
    ['兒童夏令營早鳥8折', { tags: ['宝妈', '育儿'] }],
    ["Back-to-school sale: 30% off kids' backpacks!", { tags: ['kids', 'parents'] }],
    ['New plant-based burger, 2-for-1 today', { tags: ['vegan'] }],
    ['Senior travel packages 20% off this spring', { tags: ['retirees', 'pension'] }],
    ['中老年钙片买二送一', { tags: ['退休'] }],
    ['高爾夫球桿限時8折', { tags: ['高尔夫'] }],
    // the topic is unknown, or the tags have none
    ['暑期限时8折，立即购买', { tags: ['高尔夫', '商务'] }],
    ['汽车保养套餐8折', { tags: ['VIP', '高消费'] }],
    // a word shared with a tag without a topic
    ['商务午餐套餐8折', { tags: ['高尔夫', '商务'] }],
  ])('does not fire: %s', (text, audience) => {
    expect(fire(RULE, text, to('direct', { segment: 'target', ...audience }))).toEqual([]);
  });

  it('service messages, replies and Moments stay exempt', () => {
    expect(fire(RULE, '您預約的汽車保養已完成，請到店取車', to('direct', { tags: ['保養品', '美妝'] }))).toEqual([]);
    expect(fire(RULE, '兒童夏令營報名中', to('moments', { tags: ['高爾夫'] }))).toEqual([]);
    const yaml = JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'direct', audience: { tags: ['retirees'] }, messages: [{ text: "Kids' backpacks are 30% off now", reply_to: 'Do you have backpacks for my grandson?' }] }] });
    expect(findings(audit(yaml), RULE)).toEqual([]);
  });

  it('a hotel’s free hot chocolate is on topic for its guests', () => {
    expect(fire(RULE, 'The rooftop bar opens at 5pm, and hot chocolate is free for children.', to('group', undefined, { group: { name: 'Harbour Hotel Guests' } }))).toEqual([]);
  });
});

describe('missing-relevance: account alerts, chat and news are not promotions', () => {
  const everyone = (text: string) => fire(RULE, text, { channel: 'sms' });
  const full = () => everyone('双11全场5折，快来抢购！')[0]!.penalty;

  it.each([
    'Northbank: A $56.10 card transaction at FUEL STOP was made on your card ending 4410.',
    'PayFast: You received $40.00 from Dana.',
    'Your login code is 552901. It expires in 5 minutes.',
  ])('an account event is service, exempt: %s', (text) => {
    expect(everyone(text)).toEqual([]);
  });

  it.each([
    'lol I went to the outlet and got 3 shirts for $25',
    '小区门口水果店今天特价，我买了三斤橙子',
    '住房公积金贷款额度上调，二套最高可贷60万',
    '某品牌宣布旗下手机全线降价，最高降幅达1000元',
  ])('chat and news cost half the penalty: %s', (text) => {
    const f = everyone(text);
    expect(f).toHaveLength(1);
    expect(f[0]!.penalty).toBeLessThan(full());
  });

  it.each([
    'TacoBarn: Free churros with any combo today when you order in the app.',
    'Skyline Hotels: Earn double points on every stay this summer.',
    '专业开锁换锁修锁，全城上门快，电话13900001111',
  ])('a perk or a trade ad costs the full penalty: %s', (text) => {
    expect(everyone(text)[0]!.penalty).toBe(full());
  });
});

describe('missing-relevance: kitchen machines are no body care', () => {
  it('a baby-food processor promoted to a gym audience is off topic (调理机 is a machine, not 调理)', () => {
    expect(fire('missing-relevance', '寶寶副食品調理機限時特價，原價3980元現在2680元', { channel: 'direct', audience: { segment: 'gym', tags: ['健身', '重訓'] } })).toHaveLength(1);
  });
  it('protein powder to the same audience is on topic', () => {
    expect(fire('missing-relevance', '增肌蛋白粉限时特价，原价399元现在299元', { channel: 'direct', audience: { segment: 'gym', tags: ['健身', '重訓'] } })).toEqual([]);
  });
});

describe('missing-relevance: a buy-N-units offer with an item as the gift is a promotion; air-travel audiences have a topic', () => {
  const CATS = { channel: 'direct', audience: { segment: 'cat-owners', tags: ['英短', '猫砂'] } };
  const FLYERS = { channel: 'direct', audience: { segment: 'frequent-flyers', tags: ['商务舱', '常旅客'] } };
  firesAndPasses('missing-relevance', {}, {
    fires: [
    ['zh-Hans', '{{name}}，新到的大型犬关节保健粮，买两袋送牵引绳。', CATS],
    ['zh-Hant', '{{name}}，大型犬關節保健糧到貨，買兩袋送牽引繩。', CATS],
    ['zh-Hans', '{{name}}您好，婴儿奶粉本周买三罐送辅食勺，各门店有现货。', FLYERS],
    ['en', 'Hi {{name}}, our baby formula is buy two, get a bottle free this week.', { channel: 'direct', audience: { segment: 'frequent-flyers', tags: ['business class', 'frequent flyer'] } }],
    ],
    passes: [
    ['zh-Hans', '{{name}}，英短专用猫砂买两袋送铲子。', CATS],
    ['zh-Hant', '{{name}}您好，商務艙升級券本週八折，可於App兌換。', FLYERS],
    ['en', 'Hi {{name}}, your business class upgrade voucher is 20% off this week in the app.', { channel: 'direct', audience: { segment: 'frequent-flyers', tags: ['business class', 'frequent flyer'] } }],
    ['zh-Hans', '{{name}}，周末我去买菜送孩子上学，店里照常营业。', CATS],
    ],
  });
});
