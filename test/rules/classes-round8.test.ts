/**
 * Issue 15, by class: ads the rules read as ordinary messages (a business
 * touting its trade, jobs, nightlife, lottery "tips", come-ons, "pay into this
 * account", trial lessons), conditions at the tail with no marker, selling
 * pressure in degrees, finer topics within one kind of pet or sport, and
 * complaint replies that open with the customer's own doing. Every message is
 * written for this file, in Simplified, Traditional (Taiwan, Hong Kong,
 * Cantonese) and English.
 */
import { describe, expect, it } from 'vitest';
import { answerFindings, audit, fire, firesAndPasses, one } from '../helpers.js';

const sms = { channel: 'sms' };
const scoreOf = (text: string, fields: Record<string, unknown> = sms) => audit(one(text, fields)).campaigns[0]!.score;

// the marketing ads of the classes above, one SMS each, none with an opt-out line
const ADS = [
  // a business introducing itself and its services
  ['zh-Hans', '您好，本厂专业生产不锈钢厨具二十年，质优价廉，欢迎新老客户来电订购，业务部赵经理 139xxxxxxxx'],
  ['zh-Hans', '鼎盛快运承接全国零担专线，物流时效稳定，竭诚为您服务，欢迎来电洽谈'],
  ['zh-Hant', '本公司長期承接水電維修工程，價格合理，歡迎新舊客戶來電，林先生 09xx-xxx-xxx'],
  ['Cantonese', '我哋專業承接寫字樓翻新，服務周到，歡迎新老客戶致電，何生 6xxx xxxx'],
  ['en', 'Hello from Shine & Co, we specialise in oven and carpet cleaning, no job too small, call Dave on 07700 900456'],
  // recruitment
  ['zh-Hans', '本店诚聘收银员2名，包吃住，月薪5000起，有意者请到店面谈'],
  ['zh-Hant', '急徵倉儲理貨員，日結工資，有意請洽陳小姐 09xx-xxx-xxx'],
  ['en', "We're hiring! Kitchen porters needed, immediate start, no experience needed. Text CHEF to 80088"],
  // nightlife and hotels
  ['zh-Hans', '蓝调酒吧本周五乐队驻场，啤酒畅饮，订台电话 0571-8xxxxxxx'],
  ['Cantonese', '金碧KTV週末歡唱，訂房熱線 2xxx xxxx，包廂免開房費'],
  // lottery "tips"
  ['zh-Hans', '大乐透精准计划已出，期期必中，回复888免费索取'],
  ['zh-Hant', '六合彩特碼內幕，穩賺唔蝕，加LINE即送'],
  // come-ons from strangers
  ['zh-Hans', '哥哥你好，我是同城的小雪，一个人在家好无聊，陪聊加我微信 xue_77'],
  ['en', 'Hot singles in your area want to meet tonight, reply YES to chat'],
  // "pay into this account"
  ['zh-Hans', '我是你们的房东，这个月起房租请打到这个账户 6222xxxxxxxxxxxx，户名王某'],
  ['zh-Hant', '媽，我換號了，手機壞了，急需用錢，先轉3000到這個帳戶'],
  ['en', "Hi Dad it's me, this is my new number, can you transfer £400 to this account today? I'll explain later"],
  // courses with a free trial lesson
  ['zh-Hans', '思维数学小班授课，零基础也能跟上，现在预约试听送教材'],
  ['zh-Hant', '兒童圍棋班招生，歡迎試聽，週末免費試堂一節'],
  ['en', 'Guitar lessons for all ages, first lesson free, book a trial at strum.example'],
] as const;

// near misses: the reader's own business, a notice, a friend
const NEAR_MISSES = [
  ['zh-Hans', '【中通快递】您的包裹已到小区驿站，取件码 3-2-1188，快递员电话 138xxxxxxxx'],
  ['zh-Hans', '【建设银行】您尾号6612的储蓄卡12月2日转账支出2,000.00元，余额5,320.18元'],
  ['zh-Hant', '【玉山銀行】您的信用卡本期帳單NT$8,420，繳費期限12/20，如已繳納請忽略'],
  ['Cantonese', '你訂嘅蛋糕已經整好，今晚七點後可以嚟舖頭取，多謝'],
  ['zh-Hans', '小李，周末去你家吃饭，我带两瓶酒，记得提前说一声'],
  ['zh-Hans', '我们公司最近在招聘，我忙得脚不沾地，下周再约'],
  ['zh-Hans', '孩子上周的试听课表现怎么样？我想听听你的看法'],
  ['en', 'Your order #7781 has been dispatched and will arrive on Friday'],
  ['en', 'Hey, can you pay me back the £20 for the concert tickets when you get a chance?'],
  ['zh-Hans', '各位业主：本周四上午9点至12点小区停电检修，请提前做好准备'],
] as const;

describe('ads the rules used to miss are marketing SMS', () => {
  firesAndPasses('missing-opt-out', sms, { fires: ADS, passes: NEAR_MISSES });

  it.each(ADS)('%s scores below a friend’s message: %s', (_script, text) => {
    expect(scoreOf(text)).toBeLessThan(scoreOf('周六一起去爬山吧，我开车来接你'));
  });

  it('a business touting its trade is no operational notice, though it names 装修 or 维修', () => {
    expect(fire('missing-opt-out', '本公司专业从事家庭装修十五年，欢迎新老客户光临指导', sms)).not.toEqual([]);
    expect(fire('missing-opt-out', '本店装修期间暂停营业，12月10日恢复，给您带来不便敬请谅解', sms)).toEqual([]);
  });

  it('a contact line (联系人陈先生 138…) is no salutation: the untargeted SMS still costs relevance', () => {
    expect(fire('missing-relevance', '本公司承接各类展会搭建，欢迎来电，联系人陈先生 139xxxxxxxx', sms)).not.toEqual([]);
    expect(fire('missing-relevance', '陈先生，您好，您上次问的展位图纸已经画好了', sms)).toEqual([]);
  });
});

describe('buried-disclaimer: conditions at the tail after the call, with no marker', () => {
  const deals = { channel: 'group', group: { name: '福利群' } };
  firesAndPasses('buried-disclaimer', deals, {
    fires: [
      ['zh-Hans', '冬季羽绒服全场7折，快来门店挑选！满500元才能使用，每人限用一次'],
      ['zh-Hans', '凭此消息到店享拿铁第二杯半价。仅工作日可用，外卖订单不参与'],
      ['zh-Hant', '保養品週年慶85折，立即到門市選購。滿NT$2000方可使用，不可與會員禮同時使用'],
      ['Cantonese', '今個星期飲品買一送一，快啲嚟舖頭！只限新會員，唔可以同其他優惠一齊用'],
      ['en', 'Free muffin with any coffee this week, just show this message at the till. Members only, one per customer', { channel: 'group', group: { name: 'deals' } }],
    ],
    passes: [
      ['zh-Hans', '新会员满500元可用这张80元券，不与其他优惠同享，点小程序领取'],
      ['zh-Hant', '週年慶全館85折，歡迎到門市選購，祝大家週末愉快'],
      ['en', 'Members who spend over $40 get a free muffin, one per customer. Show this message at the till', { channel: 'group', group: { name: 'deals' } }],
    ],
  });
});

describe('selling-pressure: each added cue lowers the score', () => {
  const ladders = {
    'zh-Hans': [
      '【青禾书法】冬季班开课，欢迎来体验',
      '【青禾书法】冬季班开课，学费980元，欢迎来体验',
      '【青禾书法】冬季班开课，学费980元，报名点 t.cn/qh88',
      '【青禾书法】冬季班开课，学费980元，报名点 t.cn/qh88 或致电 021-6xxx-xxxx',
      '【青禾书法】冬季班开课，学费980元，报名点 t.cn/qh88 或致电 021-6xxx-xxxx，周五截止',
      '【青禾书法】冬季班开课，学费980元，加送字帖一套，老学员再减100，报名点 t.cn/qh88 或致电 021-6xxx-xxxx，周五截止',
    ],
    Cantonese: [
      '金記冰室新張，歡迎街坊光臨',
      '金記冰室新張，午餐套餐$48，歡迎街坊光臨',
      '金記冰室新張，午餐套餐$48，WhatsApp 9xxx xxxx 訂位',
      '金記冰室新張，午餐套餐$48，WhatsApp 9xxx xxxx 訂位，優惠只限今個星期',
    ],
    en: [
      'Brewhaus: our winter menu is here, lattes from $3.50',
      'Brewhaus: our winter menu is here, lattes from $3.50, order at brewhaus.example',
      'Brewhaus: our winter menu is here, lattes from $3.50, order at brewhaus.example or call 020 7946 0000',
      'Brewhaus: our winter menu is here, lattes from $3.50, order at brewhaus.example or call 020 7946 0000, ends Sunday',
    ],
  };
  it.each(Object.entries(ladders))('%s: a price, a link, a number, a deadline, a second offer each cost', (_script, ladder) => {
    const scores = ladder.map((t) => scoreOf(t));
    for (let i = 1; i < scores.length; i++) expect(scores[i], ladder[i]).toBeLessThan(scores[i - 1]!);
  });
});

describe('missing-relevance: finer topics within pets and sport', () => {
  const group = (name: string) => ({ channel: 'group', group: { name } });
  firesAndPasses('missing-relevance', {}, {
    fires: [
      ['zh-Hans', '进口冻干猫粮到货，原价168元现价129元，需要的私我', group('柴犬遛弯群')],
      ['zh-Hant', '貓抓板新款到貨，限時88折，歡迎下單', group('柯基家長群')],
      ['en', 'New cat trees and scratching posts, 25% off this weekend, order in the app', group('Labradoodle owners')],
      ['zh-Hans', '仓鼠笼清仓价39元，需要的私聊', group('水族爱好者福利群')],
      ['en', 'Budgie seed and bird cages on sale, 2 for $20, shop now', group('Goldfish keepers deals')],
      ['zh-Hans', '力量举腰带、深蹲护膝限时7折，小程序下单', group('新手瑜伽福利群')],
    ],
    passes: [
      ['zh-Hans', '狗粮买两袋送一包零食，私我下单', group('柴犬福利群')],
      ['zh-Hans', '宠物沐浴露第二件半价，猫狗通用', group('布偶猫福利群')],
      ['en', 'Kitten food 20% off this week, order in the app', group('Ragdoll cat deals')],
    ],
  });
});

describe('defensive-reply: the customer’s own doing read back before any apology', () => {
  // a one-to-one reply (reply_to sits on the message, as in a drafts file)
  const answer = (text: string, replyTo: string) => answerFindings('defensive-reply', replyTo, text);
  const tooSmall = '买的裤子尺码不对，穿不上';
  const cancelled = 'My table booking was cancelled and no one told me';
  it.each([
    ['zh-Hans', '您下单时选的就是M码，我们按您选的尺码发的货', tooSmall],
    ['zh-Hans', '这款裤子详情页标明了偏小一码，您可能没留意到', tooSmall],
    ['zh-Hant', '查了一下，尺碼是您自己在App上操作選的', tooSmall],
    ['Cantonese', '你落單嗰陣冇講要大碼，我哋都冇辦法', tooSmall],
    ['en', 'Looking at your account, the time you picked was 6pm and the booking lapsed after 15 minutes', cancelled],
    ['en', 'The cancellation was made from your own account on Tuesday', cancelled],
    ['en', "You didn't mention a late arrival when booking, so the table was released", cancelled],
  ] as const)('%s fires: %s', (_s, text, replyTo) => {
    expect(answer(text, replyTo)).not.toEqual([]);
  });
  it.each([
    ['zh-Hans', '真抱歉尺码不合适，已为您免费换大一码，明天寄出', tooSmall],
    ['Cantonese', '唔好意思令你失望，我已經幫你換大一碼，聽日寄出', tooSmall],
    ['en', "I'm so sorry no one told you. I've rebooked you for 8pm tonight and dessert is on us", cancelled],
  ] as const)('%s passes: %s', (_s, text, replyTo) => {
    expect(answer(text, replyTo)).toEqual([]);
  });
  it('reading the record back answers a plain question', () => {
    expect(answer('Our records show you picked size M last time', 'What size did I order last time?')).toEqual([]);
    expect(answer('您上次选的是M码', '我上次买的是什么尺码？')).toEqual([]);
  });
});
