import { describe, expect, it } from 'vitest';
import { audit, findings, fire } from '../helpers.js';

const RULE = 'buried-disclaimer';

describe('buried-disclaimer', () => {
  describe('fires on a condition behind a footnote marker', () => {
    it.each([
      ['双11全场满300减50，点击下单！\n*仅限新用户，不可与其他优惠同享', '仅限'],
      ['年卡会员立享5折 ※每人限购一张，付款后生效', '每人限'],
      ['新款猫粮试吃装免费领\n注：偏远地区除外', '偏远地区'],
      ['秋季体检套餐299元，含血常规和B超。\n备注：限首单使用', '限首单'],
      ['母親節花束預購開跑，早鳥95折！\n※訂金恕不退還，需提前三天預約', '恕不'],
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
