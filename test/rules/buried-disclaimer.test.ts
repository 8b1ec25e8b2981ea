import { describe, expect, it } from 'vitest';
import { audit, findings, fire, firesAndPasses } from '../helpers.js';

const RULE = 'buried-disclaimer';

describe('buried-disclaimer', () => {
  describe('fires on a condition behind a footnote marker', () => {
    it.each([
      ['双11全场满300减50，点击下单！\n*仅限新用户，不可与其他优惠同享', '仅限'],
      ['年卡会员立享5折 ※每人限购一张，付款后生效', '每人限'],
      ['新款猫粮试吃装免费领\n注：偏远地区除外', '偏远地区'],
      ['秋季体检套餐299元，含血常规和B超。\n备注：限首单使用', '限首单'],
      ['母親節花束預購開跑，早鳥95折！\n※訂金恕不退還，需提前三天預約', '訂金'],
      ['Our spring menu is here: 2 mains for $30 this week.\n*Weekdays only, not valid with other offers.', 'Weekdays only'],
      ['Enjoy 20% off all grooming this month. PS: new customers only.', 'new customers only'],
      ['Winter tune-up for your bike, 25% off.\nT&Cs: one per customer', 'one per customer'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.message).toMatch(/footnote/);
    });
  });

  describe('fires on a condition in brackets', () => {
    it.each([
      ['年卡立享5折（到期自动续费，不支持退款）', '到期自动'],
      ['美甲套餐特惠99元(限工作日使用，节假日除外)', '限工作日'],
      ['會員日全館85折（部分商品除外）', '部分商品'],
      ['Annual plan at $99 (renews automatically at $199).', 'renews automatically'],
      ['Free delivery today [minimum order $30]', 'minimum order'],
      ['周年庆储值1000送200〔不可转让，不找零〕', '不可转让'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.message).toMatch(/parentheses/);
    });

    it('lists every condition of the region but reports the region once', () => {
      const f = fire(RULE, '年卡立享5折（到期自动续费，不支持退款，不可转让）');
      expect(f).toHaveLength(1);
    });
  });

  describe('fires on small or grey markup', () => {
    it.each([
      ['Try our coffee subscription: 50% off your first box <small>Subscription renews automatically at full price.</small>', 'renews automatically'],
      ['秋冬新款上市，全场8折<span style="color:#999;font-size:10px">不与其他优惠同享</span>', '不与其他优惠同享'],
      ['Gym membership $1 for the first month <sub>billed monthly after the free trial</sub>', 'billed'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.message).toMatch(/small or grey type/);
    });
  });

  describe('fires on a condition after the call to action', () => {
    it.each([
      ['双11猫粮满300减50，点击链接立即下单，仅限新用户，付款后订单才生效', '仅限'],
      ['Spa day for two this weekend with a free facial. Book now at spa.example.com, deposit non-refundable.', 'deposit'],
      ['冬季保养套餐399元，含机油机滤。扫码预约 不可改期', '不可改期'],
      ['圣诞民宿套餐1288元，点击下单，付款后预订才生效', '付款后预订才生效'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.message).toMatch(/call to action/);
    });
  });

  // Material-condition families beyond spend and eligibility: payment timing
  // (balance, deposit, pay-by deadlines, unpaid orders cancelled), minimum
  // purchase or investment and lock-in, contracts, redemption caps, expiry.
  describe('fires on payment, commitment, redemption and expiry conditions in fine print', () => {
    it.each([
      // Simplified: brackets, a note, the tail
      ['春节年货预售，马上下单！（须在1月20日前补齐尾款，否则不享预售价）', /parentheses/],
      ['春节年货预售，马上下单！\n注：1月20日前未付清尾款的订单不计入活动', /footnote/],
      ['团购价每份168元，点击参团。\n备注：需先转账才算参团成功', /footnote/],
      ['稳健型理财新品上线，点击购买【起投金额2万元，封闭期内不可赎回】', /call to action/],
      ['宽带新装立减100，扫码办理（需签约24个月）', /parentheses/],
      ['储值卡充500送80，点击办理（赠送部分不可提现）', /parentheses/],
      ['积分商城上新，点击兑换好礼。积分将于每年12月31日清零', /call to action/],
      // Traditional
      ['限量聯名款開賣，立即搶購！（須於6小時內完成付款，逾時訂單自動取消）', /parentheses/],
      ['團購價每盒88元，點擊報名。\n備註：需先匯款才算報名成功', /footnote/],
      ['定期理財新品，點擊購買（起購金額5萬元，鎖定期內不可提前支取）', /parentheses/],
      // English
      ['Fibre broadband at $20 a month, sign up today. *Minimum 18-month contract applies.', /footnote/],
      ['Unlimited climbing this winter, join now! (6-month minimum term)', /parentheses/],
      ['Triple stamps on every pastry this week! Order now. Stamps expire 45 days after they are earned.', /call to action/],
      ['Vinyl preorders are open! Order now. Orders left unpaid after 2 hours are cancelled automatically.', /call to action/],
      ['Free trial box, claim yours today. Membership renews monthly unless cancelled.', /call to action/],
      ['Green bond fund launch, tap to invest. *Minimum investment $2,000; early withdrawal penalties apply.', /footnote/],
    ])('%s', (text, where) => {
      const f = fire(RULE, text);
      expect(f).toHaveLength(1);
      expect(f[0]!.message).toMatch(where);
    });

    it.each([
      // the same conditions stated plainly, before the call to action
      '尾款须在1月20日前付清，逾期订单取消。春节年货预售已开启，点击下单',
      '起投金額2萬元，封閉期內不可贖回。穩健理財新品，點擊購買',
      'Stamps expire 45 days after they are earned. Order your pastry now.',
      'Minimum 18-month contract. Sign up today at example.com',
      // non-condition brackets and tails
      '【鲜果坊】本周末水果8折，点击下单',
      '周末插花课(周日)，点击报名',
      '新店开业，扫码查看地址(附地址)',
      '新品上架(图)，点击购买',
      '新品到店，點擊查看（顏色以實物為準）',
      'Spring menu is here, book a table now (Sunday brunch too)',
      'Tap to watch the recap (3 minutes)',
      // a waived payment or contract is no burden
      'Fibre broadband, sign up today (no contract, cancel anytime)',
      '宽带新装，扫码办理（无需签约，免押金）',
      // hedges and apologies keep their exemption
      '驅蟲套餐，點擊預約（具體劑量以獸醫建議為準）',
      '非常抱歉订单延迟，已为您退回运费，点击查看物流',
      // a deposit-style promotion in the main text is the offer itself
      '定金膨胀：付50抵100，点击下单',
    ])('not: %s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  describe('fires on a final-interpretation clause wherever it stands', () => {
    it.each([
      ['本活动最终解释权归本店所有', '最终解释权'],
      ['活動最終解釋權歸本公司所有，歡迎參加', '最終解釋權'],
      ['The store reserves the right of final interpretation.', 'right of final interpretation'],
      ['Evergreen Cafe reserves the right to interpret these terms.', 'reserves the right to interpret'],
      ['周末满200减30，本店保留对活动的最终解释', '最终解释'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.message).toMatch(/unfair standard clause/);
    });

    it('and separately from fine print in the same message', () => {
      const f = fire(RULE, '年卡5折，点击购买（到期自动续费）本活动最终解释权归本公司所有');
      expect(f.map((x) => x.excerpt)).toEqual(['到期自动', '最终解释权']);
    });
  });

  describe('does not fire', () => {
    it.each([
      // the same condition stated plainly in the main sentence
      '新用户专享：满300减50，付款后预订生效。点击下单',
      '【新會員專享】首單滿500折100，付款後即可使用',
      'New customers only: 15% off your first order until Sunday. Book here: example.com',
      // a 【heading】 is not fine print; **bold** is the opposite of fine print
      '【会员日】本周六全场8折，仅限会员，点击下单',
      '**新用户专享**：满300减50，点击领取',
      // a call to action at the very start does not make the rest a tail
      '点击链接查看：本周会员专享9折，有效期至周日',
      // non-commercial hedges
      '换粮期间注意观察（具体以兽医建议为准）',
      '打完疫苗后24小时内别洗澡（如有异常请及时就医）',
      'Booster shots are in this week (ask your vet whether your dog is eligible).',
      // apologies
      'Your order is on its way, track it here: example.com/t/123\nPS: sorry for the late delivery, the delivery fee is on us this time.',
      '昨天的訂單出貨晚了，點擊查看物流。\n※造成不便非常抱歉，運費我們已全額退回，本次不收手續費',
      // a footnote marker with nothing material behind it
      '满300减50*，点击下单！',
      'Our pet psychology workshop is free, register at the link. Psychologists welcome.',
      // an instruction is not a condition
      '手作陶杯预售中，128元包邮，扫码付款后备注收货地址。',
      // a waived fee is no burden
      'Grooming this Saturday (no booking fee), book now at the link',
      // an opt-out instruction at the end is not a call to action
      '会员日全场8折，仅限会员使用 回T退订',
    ])('%s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  it('points at the condition inside a block scalar', () => {
    const yaml = ['version: 1', 'campaigns:', '  - id: c1', '    channel: group', '    messages:', '      - text: |', '          双11全场满300减50，点击下单！', '          *仅限新用户，不可叠加', ''].join('\n');
    const [f] = findings(audit(yaml), RULE);
    expect(f).toMatchObject({ line: 8, column: 12, endLine: 8, endColumn: 14, excerpt: '仅限' });
  });

  it('config can add a condition term', () => {
    const text = '年卡5折，点击购买，会员日专享';
    expect(fire(RULE, text)).toEqual([]);
    const r = audit(JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'group', messages: [text] }] }), {
      config: { rules: { [RULE]: { lexicons: { conditions: { add: ['会员日专享'] } } } } },
    });
    expect(findings(r, RULE).map((f) => f.excerpt)).toEqual(['会员日专享']);
  });
});

describe('buried-disclaimer: the non-refundable family and auto-renewal in every script', () => {
  it.each([
    ['暑期游泳班开放报名，扫码立即报名～\n注：报名费一经缴纳不予退还', '一经缴纳'],
    ['亲子烘焙课限时8折，点击报名\n*课程费用概不退费', '概不退费'],
    ['夏令營早鳥價開跑，立即報名\n※報名費一經繳交恕不退費', '一經繳交'],
    ['健身房月卡限時NT$999，馬上加入 *首月後自動續約，每月NT$1,499', '首月後'],
    ['影音會員首月NT$1，立即訂閱\n注：到期自動展延，依原價扣款', '到期自動'],
    ['影音會員首月NT$1，立即訂閱\n注：會籍將自動展延', '自動展延'],
    ['瑜伽月卡99元，立即购买\n*试用期后每月199元', '试用期后'],
    ['Try Premium free for 30 days, join now.\n*Then $12.99/month after trial', 'Then $12.99'],
    ['Summer swim camp, sign up today!\n*Your deposit cannot be refunded', 'deposit'],
    ['Summer swim camp, sign up today!\n*Places cannot be refunded', 'cannot be refunded'],
  ])('%s', (text, excerpt) => {
    const f = fire(RULE, text);
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toBe(excerpt);
  });

  it('fires on a post-intro price in brackets', () => {
    expect(fire(RULE, '月卡99元，立即购买（首月后每月199元）')).toHaveLength(1);
  });

  it.each([
    // said plainly in the main sentence, before the call
    '报名费一经缴纳不予退还，确认后再扫码报名',
    '首月NT$999，之後每月NT$1,499自動續約，可隨時取消。馬上加入',
    'Plans renew monthly at $12.99 after the 30-day trial; join now',
    // a footnote that is no condition
    '游泳班8折，扫码报名\n注：请携带泳帽',
  ])('does not fire: %s', (text) => {
    expect(fire(RULE, text)).toEqual([]);
  });
});

describe('buried-disclaimer: excluded items, credit terms and Hong Kong calls to action', () => {
  const direct = { channel: 'direct', audience: { segment: 'members', tags: ['会员'] } };
  it.each([
    ['会员日全场满200减30，马上下单！*新品不参加满减', '不参加满减'],
    ['沖繩自由行 $3,280 起，即刻訂購！【不設退款，出發前7日須付清尾款】', '不設退款'],
    ['Lease a new hatchback from $199 a month. Book your test drive! (Subject to credit approval; $1,500 due at signing.)', 'Subject to credit'],
  ])('fires: %s', (text, excerpt) => {
    const f = fire('buried-disclaimer', text, direct);
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toContain(excerpt);
  });

  it.each([
    ['新品不参加满减，其余商品满200减30，欢迎选购。'],
    ['【会员日】本周六全场满200减30，欢迎到店。'],
    ['Subject to credit approval, lease a new hatchback from $199 a month with $1,500 due at signing. Book your test drive!'],
  ])('does not fire when the condition is in the main sentence: %s', (text) => {
    expect(fire('buried-disclaimer', text, direct)).toEqual([]);
  });
});

describe('buried-disclaimer: "not combinable" phrased as 不与…同享', () => {
  it('fires behind 备注', () => {
    expect(fire('buried-disclaimer', '周末面包第二件半价，快来抢～ 备注：本活动不与会员折扣、满减同享。', { channel: 'direct', audience: { segment: 'members' } })).toHaveLength(1);
  });
  it('does not fire when stated up front', () => {
    expect(fire('buried-disclaimer', '本活动不与会员折扣同享：周末面包第二件半价，欢迎到店。', { channel: 'direct', audience: { segment: 'members' } })).toEqual([]);
  });
});

describe('buried-disclaimer: a spend to accumulate and a new-customer limit after the ※ of a card reward', () => {
  firesAndPasses('buried-disclaimer', { channel: 'direct' }, {
    fires: [
    ['zh-Hant', '{{name}}您好，信用卡刷卡滿額禮已經開跑，點此登錄 → card.example.tw/gift ※ 需於活動期間累積消費滿NT$30,000，且限新戶參加。'],
    ['zh-Hans', '信用卡刷卡满额礼开跑，点此登录 card.example.cn/gift ※ 需于活动期间累计消费满3万元，且限新户参加。'],
    ['en', 'Card spend rewards are live, register at card.example/gift * Minimum spend of $3,000 during the period; new cardholders only.'],
    ],
    passes: [
    ['zh-Hans', '活动期间累计消费满3万元且为新户，可领取刷卡满额礼，登录 card.example.cn/gift 参加。'],
    ['zh-Hant', '新戶於活動期間累積消費滿NT$30,000，即可領取刷卡滿額禮，請至 card.example.tw/gift 登錄。'],
    ['en', 'New cardholders who spend $3,000 during the period get the reward; register at card.example/gift.'],
    ],
  });
});
