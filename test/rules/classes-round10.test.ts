/**
 * Classes the tenth blind round missed (docs/eval.md), each in the three
 * scripts, in our own words: must-fire cases for the class and near misses
 * that share its vocabulary and must pass. Not the blind set's sentences —
 * other members of the same classes.
 */
import { describe } from 'vitest';
import { firesAndPasses } from '../helpers.js';

const sms = { channel: 'sms' };

describe('transactional SMS: something of the reader\'s that is due, ready, renewing, expiring or on hold', () => {
  // RULEBOOK: statements, bills, renewals and account alerts are transactional —
  // no opt-out needed, and a message to everyone about their own account is
  // not an untargeted broadcast.
  const cases = {
    // the same words selling to everyone, with no opt-out: both rules fire
    fires: [
      ['zh-Hans', '【南湖家电】您的旧冰箱该换了，本周以旧换新立减800元，到店即享。'],
      ['zh-Hant', '【港灣寬頻】你嘅上網速度可以再快啲！1000M計劃而家首3個月半價。'],
      ['en', 'Greenline Energy: your home deserves solar. Get 20% off panels installed before March!'],
    ] as [string, string][],
    passes: [
      ['zh-Hans', '【南湖水务】您的本季度水表读数待上报，请于本周内在公众号提交，以免账单按估算出具。'],
      ['zh-Hans', '【市少儿图书馆】您借阅的3本绘本将于12月20日到期，可在小程序续借。'],
      ['zh-Hans', '【顺通驾培】您的科目三考试安排在12月12日下午2点，请携带身份证提前到场。'],
      ['zh-Hant', '【港灣寬頻】你嘅家居寬頻合約將於下月15號自動續約，如需更改請致電客戶服務。'],
      ['zh-Hant', '【安泰人壽】您的保單將於明年1月5日到期，續保可登入App或聯絡您的專員辦理。'],
      ['zh-Hant', '【北城銀行】您的信用卡已暫停使用，如非本人操作請立即致電客服。'],
      ['en', 'Greenline Energy: your November bill of £64.20 is ready. It will be collected by Direct Debit on 3 Dec.'],
      ['en', 'Harbour Mobile: your SIM-only plan renews on 9 January. To change it before then, visit your account page.'],
      ['en', 'Kestrel Bank: did you just spend $412.90 at an online store? Reply Y if it was you or N if not. Your card is on hold until then.'],
      ['en', 'Oakwood Library: your loan "Pond Life" is due back on 18 March. You can renew it once online.'],
    ] as [string, string][],
  };
  describe('missing-opt-out', () => firesAndPasses('missing-opt-out', sms, cases));
  describe('missing-relevance', () => firesAndPasses('missing-relevance', sms, cases));
});

describe('marketing that borrows the reader\'s account in time still needs an opt-out', () => {
  firesAndPasses('missing-opt-out', sms, {
    fires: [
      ['zh-Hans', '【优品汇】您的专属满减券将于今晚到期，全场满299减60，立即抢购！'],
      ['zh-Hant', '【港灣寬頻】你嘅寬頻合約將於下月續約，而家轉1000M計劃首半年半價！'],
      ['en', 'Your Gold membership renews on 1 March. Upgrade to Platinum today and get two months free!'],
    ],
    passes: [
      ['zh-Hans', '【优品汇】您的专属满减券将于今晚到期，全场满299减60，回T退订'],
      ['zh-Hant', '【港灣寬頻】你嘅寬頻合約將於下月續約，轉1000M計劃首半年半價，回覆T退訂'],
      ['en', 'Your Gold membership renews on 1 March. Upgrade to Platinum today and get two months free! Reply STOP to opt out'],
    ],
  });
});

describe('operational notice: a supply that may be off for the reader', () => {
  firesAndPasses('missing-relevance', sms, {
    fires: [
      // a sale to everyone is still a broadcast
      ['en', 'Summer sale: all garden hoses 40% off this weekend only at Brookside Hardware'],
    ],
    passes: [
      ['zh-Hans', '【城西供水】今晚10点起抢修爆管，兴华路一带可能停水4小时，请提前储水。'],
      ['zh-Hant', '【新界水務】我們正在搶修水管，大埔道一帶今早9時至下午1時水壓偏低。'],
      ['en', "Millbrook Water: we're repairing a burst pipe on Station Road. Your supply may be off from 10am to 2pm."],
    ],
  });
});

describe("self-serving-ask: the seller's count, chart or vote in any of its names, beside a favour", () => {
  firesAndPasses('self-serving-ask', { channel: 'direct' }, {
    fires: [
      ['zh-Hans', '{{name}}，我这个季度的新签件数还是零，您家的宽带下月到期，到时候能找我办吗？拜托'],
      ['zh-Hans', '本店正在冲全城好评热榜，大家来了顺手点点赞，把我们顶上去'],
      ['zh-Hant', '{{name}}，我今季KPI仲差一截，如果你想換電話計劃，揀我哋啦，幫吓手🙏'],
      ['zh-Hant', '小店入圍咗區內最佳茶餐廳評選，麻煩各位幫手投一票'],
      ['en', "Hi {{name}}, could you leave us a quick review this week? We're trying to climb the city rankings before the regional manager visits."],
      ['en', "Referral contest at work: most sign-ups by Friday wins a bonus. Join through my link and I'm in with a chance!"],
    ],
    passes: [
      // the goods' chart, the customer's own ranking, a plain question
      ['zh-Hans', '本店本月销量最好的是这款冻干，您可以看看吗？'],
      ['zh-Hans', '{{name}}，我们的会员积分排名前十的顾客可以参加年终答谢会，您也在名单里，能来吗？'],
      ['zh-Hant', '小店人氣排行榜前三嘅蛋糕今日都有，使唔使幫你留一件？'],
      ['zh-Hant', '{{name}}，你上次問嘅寬頻計劃我整理好咗，可唔可以約個時間同你講解？'],
      ['en', 'Our bestseller rankings are in: the hazelnut latte is number one again. Could you tell us what to brew next?'],
      ['en', 'I can help you compare the two plans; could you send me a photo of your current bill?'],
      // a contest the customer enters is not the seller's
      ['zh-Hans', '我们的萌宠摄影比赛开始报名啦，请大家踊跃参加，一等奖送一年猫粮'],
      ['zh-Hant', '我哋嘅親子繪畫比賽下星期六舉行，歡迎帶小朋友嚟參加，請提前報名'],
      ['en', 'Join our summer reading competition! Could you share it with other parents?'],
    ],
  });
});

describe('false-urgency: the loss itself against a near end, or a price the boss allowed only today', () => {
  firesAndPasses('false-urgency', { channel: 'direct' }, {
    fires: [
      ['zh-Hans', '{{name}}，这台冰箱的价格是店长今天特批的，明天系统一更新就恢复了，要的话我马上帮您下单。'],
      ['zh-Hans', '今天已经有两组客户来问这套房了，建议今天就定下来，不然很可能就没了。'],
      ['zh-Hant', '{{name}}，呢部手機嘅優惠價今日之內有效，聽日就冇㗎喇，快啲決定啦'],
      ['zh-Hant', '冬季大衣今晚準時下架，過了這村就沒這店囉'],
      ['en', 'Seats on the Lisbon flight at this fare are disappearing fast. Book in the next 24 hours or miss out.'],
      ['en', "Only 30 espresso kits at this price and that's it: when the counter hits zero, it's over."],
    ],
    passes: [
      ['zh-Hans', '{{name}}，您要的沙发今天到货了，明天可以安排送货，您看几点方便？'],
      ['zh-Hans', '{{name}}，这套房今天有人来看过，业主说下周才决定，您不用着急，慢慢考虑。'],
      ['zh-Hant', '【順豐】您的包裹今日派送，如不在家，聽日會再派一次。'],
      ['zh-Hant', '{{name}}，老闆今日特登留咗兩個車位畀熟客，你需要嘅話話我知。'],
      ['en', "The shuttle leaves at 9am tomorrow; if you're late, that's it for the day trip, so set an alarm."],
      ['en', 'Your 24 hours of free Wi-Fi at the airport start when you log in.'],
    ],
  });
});

describe('absolute-claim: a promised result with the time in between, a rate of 100%, everyone satisfied, no rival, the first anywhere', () => {
  firesAndPasses('absolute-claim', { channel: 'direct' }, {
    fires: [
      ['zh-Hans', '{{name}}，我们的空气净化器除甲醛率100%，买过的没有一个说不好的。'],
      ['zh-Hans', '这个祛斑疗程保证两个月变白，无效退款。'],
      ['zh-Hant', '本店係全港第一間做日式頭皮SPA嘅，手勢冇得輸。'],
      ['zh-Hant', '我們的除蟎機有效率高達100%，歡迎選購'],
      ['en', 'Our customer service is second to none: switch today and get 10% off.'],
      ['en', 'The best sourdough in the city, 20% off this weekend'],
    ],
    passes: [
      ['zh-Hans', '近视手术成功率很高，但我们无法保证100%有效，请以面诊为准。'],
      ['zh-Hans', '全场第一件原价，第二件半价'],
      ['zh-Hant', '{{name}}，本店係區內第一間支援網上預約嘅洗衣舖，歡迎試吓。'],
      ['en', 'The first 50 customers get a free tote bag.'],
      ['en', 'Our pass rate last year was 92%, and every student gets a personal tutor.'],
    ],
  });
});

describe("off-topic-selling: a group's one price and its order chain, a shop's own goods with their price", () => {
  const sharing = { channel: 'group', group: { name: '新手妈妈交流群' } };
  firesAndPasses('off-topic-selling', sharing, {
    fires: [
      ['zh-Hans', '蛋白棒今天到了，群里统一价88一盒，接龙下单：'],
      ['zh-Hans', '我们家的手工辅食面一盒59元，想要的+1，晚上统一发货'],
      ['zh-Hant', '我們家的有機米餅一包120元，滿3包免運，+1就幫你下單'],
      ['zh-Hant', '這款防曬乳群裡統一價399，要的+1'],
      ['en', 'Our organic baby puree is $4.50 a pouch this week, order through the link in my bio'],
    ],
    passes: [
      ['zh-Hans', '本周六早上爬山活动，想参加的接龙报名：'],
      ['zh-Hans', '我们家的猫上周开始吃冻干，一包才39元，感觉挺划算，大家家里猫咪吃什么？'],
      ['zh-Hant', '同意星期日改到下晝開會嘅+1'],
      ['en', 'Who is coming to the Saturday picnic? +1 below so we know how many sandwiches to make'],
    ],
  });
});

describe('buried-disclaimer: conditions after the link a call points to, with no marker', () => {
  firesAndPasses('buried-disclaimer', { channel: 'direct' }, {
    fires: [
      ['zh-Hans', '{{name}}，生日券已放进您的账户，点这里领取：bd.example/c 满199元可用，不与会员价同享'],
      ['zh-Hant', '{{name}} 您好，睫毛新客價NT$799，立即預約：eye.example/t 限首次來店，每人限用一次。'],
      ['zh-Hant', '{{name}}，新會員首月瑜伽只需HK$299，即刻喺App登記。合約為期12個月，提早解約要收手續費。'],
      ['en', 'Hi {{name}}, tablets for students are £150 off this month, order at gadgets.example/edu. Valid student ID required at collection, one per student.'],
    ],
    passes: [
      // the same conditions in the main sentence, before the call and its link
      ['zh-Hans', '{{name}}，生日券满199元可用，不与会员价同享，点这里领取：bd.example/c'],
      ['zh-Hant', '{{name}} 您好，睫毛新客價NT$799，限首次來店、每人一次，立即預約：eye.example/t'],
      // a call whose colon introduces the content, not a link
      ['zh-Hans', '点击链接查看：本周会员日全场8折，满199元包邮'],
      ['en', 'Students with a valid ID get £150 off tablets this month, one per student: order at gadgets.example/edu'],
    ],
  });
});

describe('transactional SMS: a one-time password, a rate change on the reader\'s loan, a routine inspection', () => {
  const cases = {
    fires: [
      ['zh-Hans', '【优品】冬季羽绒服限时8折，价格将由899元调整至719元，立即抢购！'],
      ['zh-Hant', '【港灣銀行】私人貸款年利率低至2.8%，即刻申請！'],
      ['en', 'Harbour Bank: personal loans from 2.9% APR this month only, apply today!'],
    ] as [string, string][],
    passes: [
      ['zh-Hans', '【华信银行】一次性密码：482913，用于网上银行登录，5分钟内有效，切勿向任何人透露。'],
      ['zh-Hant', '【港信銀行】由7月1日起，本行最優惠利率將由5.875%調整至5.75%，閣下的按揭每月供款將相應減少。'],
      ['zh-Hant', '【港灣物業】由下月起，大廈升降機逢星期四上午例行檢查，期間請使用另一部升降機。'],
      ['en', 'Parkview Towers: the lifts have a routine inspection every Tuesday 10am to noon; please use the service lift.'],
    ] as [string, string][],
  };
  describe('missing-opt-out', () => firesAndPasses('missing-opt-out', { channel: 'sms' }, cases));
});
