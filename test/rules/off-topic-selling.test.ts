import { describe, expect, it } from 'vitest';
import { audit, findings, fire } from '../helpers.js';
import { inferGroupType } from '../../src/engine/group-type.js';
import { SharedLexicons } from '../../src/engine/lexicons.js';

const RULE = 'off-topic-selling';

/** One group campaign whose only message answers a member's post. */
function reply(memberPost: string, text: string, group: Record<string, unknown> | undefined) {
  const campaign = { id: 'c1', channel: 'group', ...(group ? { group } : {}), messages: [{ text, reply_to: memberPost }] };
  return findings(audit(JSON.stringify({ version: 1, campaigns: [campaign] })), RULE);
}

describe('off-topic-selling', () => {
  describe('fires on selling in a sharing group (declared or named)', () => {
    it.each([
      // Simplified
      ['萌爪养猫交流群', '新到一批进口冻干，群内价89元一袋，需要的私我', '群内价'],
      ['宝妈互助群', '纸尿裤今晚秒杀，点击小程序下单', '秒杀'],
      ['城南跑步爱好者交流群', '专业跑鞋清仓，全场5折起', '清仓'],
      ['多肉种植学习群', '多肉组合盆栽包邮到家，拍下付款即发货', '包邮'],
      ['会员交流群', '本周新品上市，会员价199元', '新品上市'],
      // Traditional
      ['讀書分享會', '新書到貨，會員價只要NT$280，私訊我下單', '會員價'],
      ['台北貓奴交流社', '貓砂買二送一，今天下單免運', '買二送一'],
      ['新手媽媽互助群', '嬰兒推車限時特價$3,990，要的私我', '特價'],
      // English
      ['Plant Lovers Community', 'Our ceramic pots are 30% off this week, shop now at the link', '30% off'],
      ['Cat Lovers Club', 'New grain-free kibble just landed! $29.99 per bag, DM me to order', '$29.99'],
      ['Yoga Practice Sharing', 'Use code ZEN20 for 20% off your next mat', 'Use code'],
      ['Breastfeeding Support Group', 'Nursing pillows on sale this weekend, buy 2 get 1 free', 'on sale'],
    ])('%s: %s', (name, text, excerpt) => {
      const f = fire(RULE, text, { group: { name } });
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.severity).toBe('error');
      expect(f[0]!.message).toContain(name);
    });

    it('fires in a group declared `type: sharing` whatever its name', () => {
      expect(fire(RULE, '新书预售，扫码购买享8折', { group: { name: '周六晚八点', type: 'sharing' } })).toHaveLength(1);
    });

    it('quotes the cue in the finding and points at it in the file', () => {
      const f = fire(RULE, '天冷了，猫窝记得加厚。顺便说一下，冻干现在到手价59元', { group: { name: '养猫交流群' } })[0]!;
      expect(f.excerpt).toBe('到手价');
      expect(f.message).toMatch(/Selling \(到手价\) in the sharing group "养猫交流群"/);
    });
  });

  describe('fires on a reply that pivots from a member’s share to a sale', () => {
    it.each([
      ['我家咪咪今天第一次自己用猫砂，好感动！', '真棒！我们家新款豆腐猫砂正在打8折，链接发你', { name: '萌爪养猫交流群' }],
      ['看我家狗子新剪的毛', '好帅！顺便推荐试试我们家新出的宠物香波，洗完很香', { name: '狗狗俱乐部' }],
      ['今天帶寶寶去公園，第一次自己走路！', '好棒！本店學步鞋買一送一喔', { name: '寶媽群' }],
      ['Look at my monstera’s new leaf!', 'Gorgeous! Check out our new self-watering pots, they would suit it', { name: 'Urban Jungle Chat' }],
      ['昨天的品鉴会太开心了', '感谢参加！这款酒现在会员价688元，需要的私我', { name: '黑卡会员群' }],
      ['My pup finally learned to sit!', 'Good boy! Our training treats are 2 for 1 this week', undefined],
    ])('%s → %s', (post, text, group) => {
      const f = reply(post, text, group);
      expect(f).toHaveLength(1);
      expect(f[0]!.message).toMatch(/pivots to a sale/);
    });
  });

  it('still fires, more mildly, when a member asked the price in a sharing group', () => {
    const f = reply('这款猫粮多少钱？', '群内价89元，需要的私我', { name: '养猫交流群' });
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.advice).toMatch(/direct message/);
    const plain = fire(RULE, '群内价89元，需要的私我', { group: { name: '养猫交流群' } })[0]!;
    expect(f[0]!.penalty).toBeLessThan(plain.penalty);
  });

  describe('does not fire on sharing without selling', () => {
    it.each([
      ['萌爪养猫交流群', '天冷了分享个小技巧：猫窝别放窗边，垫层旧毛衣就暖和。大家家里的猫咪冬天都睡哪儿？'],
      ['宝妈互助群', '分享一篇辅食添加的文章，链接在群公告，大家有问题可以私聊我'],
      ['城南跑步爱好者交流群', '周日早上7点滨江跑，配速6分，新手也欢迎，记得拍下沿途风景发群里'],
      ['健身打卡群', '今天练完记得拉伸，减脂期每天至少喝2升水，减5斤不是梦'],
      ['萌爪养猫交流群', '优惠信息都发在福利群，这里只聊养猫，大家购买前多看看成分表'],
      ['讀書分享會', '本週讀《小王子》，週六晚上八點線上討論，歡迎大家分享心得'],
      ['台北貓奴交流社', '分享一下：貓咪換糧要七天慢慢過渡，一波三折也別急'],
      ['Plant Lovers Community', 'Tip of the week: water succulents only when the soil is dry. How do you deal with fungus gnats?'],
      ['Cat Lovers Club', 'Where do you all buy your litter? We are collecting tips for a beginners guide.'],
      ['Home Bakers Forum', 'Great bake, everyone! Our sales team is not in this group, so this is a no-ads zone.'],
    ])('%s: %s', (name, text) => {
      expect(fire(RULE, text, { group: { name } })).toEqual([]);
    });
  });

  describe('does not fire when a member asked about the product and the answer has no price or buy call', () => {
    it.each([
      ['这款猫粮怎么样？适合幼猫吗？', '这款蛋白含量挺高，我家幼猫吃了半年，毛色很好。肠胃敏感的话建议慢慢换粮。'],
      ['請問這款貓砂好用嗎？', '這款結團快、粉塵少，我們店裡很多客人回購'],
      ['Is the grain-free kibble any good for seniors?', 'Many of our older cats do well on it; switch gradually over a week and watch their weight.'],
    ])('%s → %s', (post, text) => {
      expect(reply(post, text, { name: '养猫交流群' })).toEqual([]);
    });

    it('an unknown group answering a price question is not a pivot', () => {
      expect(reply('这款猫粮多少钱？', '89元一袋，需要的话私我下单', { name: '品牌3群' })).toEqual([]);
    });
  });

  describe('does not fire on selling where selling belongs', () => {
    it.each([
      ['喵星人福利群', '今晚8点猫粮秒杀，99元两袋'],
      ['宝妈优惠群', '纸尿裤第二件半价，点击小程序下单'],
      ['每日秒殺群', '今晚8點成貓糧秒殺，兩袋只要NT$599'],
      ['福利交流群', '今晚秒杀猫砂，19.9元一袋'],
      ['Weekly Deals', 'Bundle of 3 cat trees for $199, order now'],
      ['门店售后服务群', '本周会员日全场8折，到店出示会员码'],
      ['Customer Support', 'Members get 20% off the winter workshop'],
      ['品牌3群', '新品上市，到手价129元'],
    ])('%s: %s', (name, text) => {
      expect(fire(RULE, text, { group: { name } })).toEqual([]);
    });

    it('a declared promo or service type wins over a sharing name', () => {
      expect(fire(RULE, '猫砂买二送一', { group: { name: '养猫交流群', type: 'promo' } })).toEqual([]);
      expect(fire(RULE, '猫砂买二送一', { group: { name: '养猫交流群', type: 'service' } })).toEqual([]);
    });

    it('never fires on direct messages or Moments', () => {
      expect(fire(RULE, '新到冻干，群内价89元', { channel: 'direct', group: { name: '养猫交流群' } })).toEqual([]);
      expect(fire(RULE, '新到冻干，到手价89元，点击下单', { channel: 'moments' })).toEqual([]);
    });

    it('a reply pivot in a deal group is not off topic', () => {
      expect(reply('我家咪咪今天第一次用猫砂！', '真棒！猫砂今天秒杀9.9元', { name: '喵星人福利群' })).toEqual([]);
    });
  });

  describe('a group’s purpose is inferred from its name: promo, then service, then sharing, then vip', () => {
    const lex = new SharedLexicons();
    it.each([
      ['萌爪养猫交流群', 'sharing'],
      ['宝妈互助群', 'sharing'],
      ['讀書分享會', 'sharing'],
      ['Plant Lovers Community', 'sharing'],
      ['Breastfeeding Support Group', 'sharing'],
      ['会员交流群', 'sharing'],
      ['同城遛娃群', 'sharing'],
      ['喵星人福利群', 'promo'],
      ['福利交流群', 'promo'],
      ['每日秒殺群', 'promo'],
      ['Weekly Deals', 'promo'],
      ['售后服务交流群', 'service'],
      ['Customer Support', 'service'],
      ['黑卡会员群', 'vip'],
      ['Downtown Yoga Members', 'vip'],
      ['品牌3群', undefined],
    ])('%s → %s', (name, type) => {
      expect(inferGroupType(name, lex)).toBe(type);
    });
  });
});

describe('off-topic-selling: offers addressed to members vs. mentions of prices', () => {
  it.each([
    // 买N…送N and "想买的…私聊" are offers, whatever sits between the numbers
    ['瑜伽练习交流群', '普拉提小班课买8节送1节，想买的私信我'],
    ['烘焙學習分享群', '手作餅乾禮盒買3盒送1盒，要買的私訊我'],
    ['Home Brewing Community', 'Buy any starter kit, get one free. DM me to buy.'],
    ['Running Club Chat', 'Buy one pair of trail socks, get one free this week'],
  ])('fires: %s — %s', (name, text) => {
    expect(fire(RULE, text, { group: { name } })).toHaveLength(1);
  });

  it.each([
    // a concrete price or discount posted to the members is an offer, even without "you" or a buy call
    ['萌宠日常交流群', '这款逗猫棒今天八折，购买方式见群公告', '八折'],
    ['貓奴交流社', '新款貓抓板今天七折，下單連結看群公告', '七折'],
    ['Dog Walkers Community', 'Reflective leashes are $18 today, link in the group notice', '$18'],
  ])('fires on a concrete discount in a group post: %s — %s', (name, text, excerpt) => {
    const f = fire(RULE, text, { group: { name } });
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toBe(excerpt);
  });

  it('the same bare discount in an SMS is only a mention: the group is what makes it an offer', () => {
    expect(fire('missing-opt-out', '听说这款逗猫棒今天八折', { channel: 'sms' })).toEqual([]);
    expect(fire('missing-opt-out', '这款逗猫棒今天八折，回复1购买', { channel: 'sms' })).toHaveLength(1);
  });

  it.each([
    // a price or a discount word reported or remembered, not offered
    ['城南跑步爱好者交流群', '据了解，今年马拉松的报名费已经涨到200元了'],
    ['宝妈互助群', '昨天商场在打折，人太多了，我们逛了一圈就回家了'],
    ['讀書分享會', '記者報導，這家書店的會員價其實比網路書店還貴'],
    ['Plant Lovers Community', 'According to the local paper, the garden centre sale drew huge crowds'],
    ['萌宠日常交流群', '据报道，今年进口猫粮的均价涨到了每公斤80元'],
  ])('does not fire: %s — %s', (name, text) => {
    expect(fire(RULE, text, { group: { name } })).toEqual([]);
  });
});

describe('off-topic-selling: Taiwan and Hong Kong buy calls', () => {
  it.each([
    ['寶寶副食品分享社', '這款餐椅現在買就送防水圍兜，點連結購買 https://shop.example.tw/c', '買就送'],
    ['新手爸媽交流群', '學步鞋即日起買就送襪子', '買就送'],
    ['育兒心得分享群', '喜歡的請點我訂購～數量有限', '點我訂購'],
    ['育兒心得分享群', '口罩開放團購，私訊小編', '開放團購'],
    ['台中媽咪互助會', '要訂購的媽咪私訊我們喔', '要訂購的'],
    ['烘焙同好交流群', '手工餅乾揪團價，加LINE訂購', '揪團價'],
    ['香港貓奴討論區', '新貨到，WhatsApp落單即送貓草', 'WhatsApp落單'],
    ['露營同好分享社', '帳篷下殺六折，連結下訂 https://camp.example.tw', '下殺'],
    ['Pizza Lovers Community', 'Every Tuesday: 2-for-1 large pizzas, order at bellapizza.example', '2-for-1'],
  ])('%s: %s', (name, text, excerpt) => {
    const f = fire(RULE, text, { group: { name } });
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toBe(excerpt);
  });

  it.each([
    ['育兒心得分享群', '今天分享副食品的做法，食譜連結在這裡 https://blog.example.tw/r'],
    ['登山同好分享社', '週末揪團去爬合歡山，有人要一起嗎？'],
    ['育兒心得分享群', '寶寶副食品可以先從米糊開始，再慢慢加蔬菜泥'],
  ])('does not fire: %s — %s', (name, text) => {
    expect(fire(RULE, text, { group: { name } })).toEqual([]);
  });
});

describe('off-topic-selling: a group rule names what may not be posted, and sells nothing', () => {
  it.each([
    ['宝妈交流群', '群规：禁止发广告、禁止私下拉人下单，违者移出。'],
    ['宝妈交流群', '本群严禁发优惠券和购买链接，谢谢配合'],
    ['多肉种植学习群', '请勿在群内发广告、团购链接'],
    ['讀書分享會', '群規：不得私下接單或發折價券'],
    ['貓奴交流社', '請勿在群內張貼商品連結'],
    ['Parents Community', 'Rule reminder: no selling or discount codes in this forum, please.'],
    ['Runners Forum', 'Please do not post coupons or shop links here.'],
    ['Plant Lovers Community', 'Promo codes are not allowed in this group.'],
  ])('does not fire: %s — %s', (name, text) => {
    expect(fire(RULE, text, { group: { name } })).toEqual([]);
  });

  it.each([
    // the prohibition covers its own clause only
    ['宝妈交流群', '禁止发广告。另外今天纸尿裤秒杀99元，点击下单', '秒杀'],
    ['Parents Community', 'No spam please. Anyway, our strollers are 30% off, shop now', '30% off'],
    // "don't miss" urges, it does not forbid
    ['Cat Lovers Club', "Don't miss our 20% off kibble this week", '20% off'],
    ['养猫交流群', '不要错过！冻干买一送一', '买一送一'],
  ])('still fires: %s — %s', (name, text, excerpt) => {
    const f = fire(RULE, text, { group: { name } });
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toBe(excerpt);
  });
});

describe('off-topic-selling: a product word in a reply needs product context', () => {
  it.each([
    ['Our baby girl was born last night!', 'Congrats on the new arrival! How is everyone sleeping?'],
    ['We welcomed our son on Sunday', 'Welcome to the new arrival, what a lovely name'],
    ['我家宝宝今天会翻身了！', '好厉害！我家也是同款宝宝，天天翻'],
  ])('%s → %s', (post, text) => {
    expect(reply(post, text, { name: 'New Parents Discussion' })).toEqual([]);
  });

  it('a stock word with a shop frame still pivots', () => {
    const f = reply('Our baby girl was born last night!', 'Congrats! Our new arrivals include organic swaddles, check them out', { name: 'New Parents Discussion' });
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/pivots/);
  });
});

describe('off-topic-selling: a member telling what they bought', () => {
  it('a purchase story in a sharing group is not selling', () => {
    expect(fire(RULE, '楼下菜市场今天鸡蛋特价，我买了两板', { group: { name: '小区邻里交流群' } })).toEqual([]);
    expect(fire(RULE, 'haha my sister got a coupon and the stroller was half price', { group: { name: 'Parents Sharing Group', type: 'sharing' } })).toEqual([]);
  });

  it('the same story with a sales call still sells', () => {
    expect(fire(RULE, '我买了两板自己吃，特价鸡蛋还有，需要的私我', { group: { name: '小区邻里交流群' } })).toHaveLength(1);
  });
});

describe('off-topic-selling: a member asking what others use brought the product up', () => {
  it('an answer that mentions our shop without a price or buy call is no pivot', () => {
    const f = findings(
      audit(JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'group', group: { name: 'Cat Owners Sharing Circle' }, messages: [{ reply_to: 'What litter do you all use for kittens?', text: 'We use an unscented clay litter for the kittens at our store; it clumps well.' }] }] })),
      'off-topic-selling',
    );
    expect(f).toEqual([]);
  });

  it('the same answer quoting a price still fires, more mildly', () => {
    const f = findings(
      audit(JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'group', group: { name: 'Cat Owners Sharing Circle' }, messages: [{ reply_to: '大家幼猫用的哪款猫砂？', text: '我们店的无香猫砂，这周只要39元一袋。' }] }] })),
      'off-topic-selling',
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
  });
});
