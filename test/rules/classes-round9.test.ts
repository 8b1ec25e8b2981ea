/**
 * Classes the ninth blind round missed (docs/eval.md), each in the three
 * scripts, in our own words: a must-fire case for the class and a near miss
 * that must pass. Not the blind set's sentences — members of the same class.
 */
import { describe } from 'vitest';
import { firesAndPasses, repliesFireAndPass } from '../helpers.js';

describe('false-urgency: a price that snaps back or up once a named end passes', () => {
  firesAndPasses('false-urgency', {}, {
    fires: [
      ['zh-Hans', '这款扫地机会员价1299元，只做到周日，过了就恢复'],
      ['zh-Hans', '{{name}}，烤箱这个价只有今天，明天就要涨了'],
      ['zh-Hant', '{{name}}，精華液特價到今晚，聽日就加返'],
      ['zh-Hant', '這組鍋具今天不訂，明天就不是這個價了'],
      ['en', 'Those boots are $89 until Sunday, then they go back up to $140'],
      ['en', "Grab the bundle at $49 today: after this weekend we won't be running it again"],
    ],
    passes: [
      // a notice that something resumes, not a price
      ['zh-Hans', '门店装修结束，明天就恢复营业，欢迎回来'],
      ['zh-Hant', '系統維護到今晚十點，之後恢復正常服務'],
      ['en', 'The pool closes for cleaning today and opens again tomorrow at 7am'],
    ],
  });
});

describe('false-urgency: stock told as nearly gone in other words', () => {
  firesAndPasses('false-urgency', {}, {
    fires: [
      ['zh-Hans', '这批鸡胸肉库存见底了，想囤的赶紧'],
      ['zh-Hans', '冬季羽绒被所剩无几，喜欢的别错过'],
      ['zh-Hant', '這批牛軋糖賣完就冇，要的快手'],
      ['zh-Hant', '限定杯款存貨不多，欲購從速'],
      ['en', 'Only a handful of the walnut desks remain at this price'],
      ['en', 'The clock is ticking on our summer camp places'],
    ],
    passes: [
      ['zh-Hans', '您订购的猫粮已发货，预计明天送达'],
      ['zh-Hant', '{{name}}您好，您預約的洗牙時間是週四下午三點'],
      ['en', 'Your parcel is on its way and should arrive tomorrow'],
    ],
  });
});

describe("self-serving-ask: the sender's own scorecard, with an ask", () => {
  firesAndPasses('self-serving-ask', {}, {
    fires: [
      ['zh-Hans', '{{name}}，帮忙转一下这个团购，我这边要截图给主管交差'],
      ['zh-Hans', '我是新来的顾问，还没开单，求您照顾一下生意'],
      ['zh-Hant', '{{name}}，幫幫手啦，老闆話我今個月冇單就大鑊'],
      ['zh-Hant', '分店剛開，公司睇緊我哋業績，得閒嚟幫襯吓'],
      ['en', "{{name}}, my manager is tracking who sells most this month, it would really help me out if you ordered"],
      ["en", "I'm short of my target this quarter, could you renew this week?"],
    ],
    passes: [
      // the sender's figures as news or thanks, no ask
      ['zh-Hans', '感谢大家，今年门店业绩创新高，年底会有回馈活动'],
      ['zh-Hans', '这周的手冲单品豆是云南小粒，果香明显'],
      ['zh-Hant', '感謝支持，我們的業績離不開各位'],
      ['en', 'Thanks to you, our store had its best quarter ever'],
      ['en', 'Let me know if I can help you choose a size'],
    ],
  });
});

describe('defensive-reply: a stated defect with a request to return is a complaint; the process, "others were fine" and "we told you" answer it defensively', () => {
  repliesFireAndPass('defensive-reply', {
    fires: [
      ['zh-Hans', '电饭煲才用了一周就坏了，能退吗？', '按照流程，超过七天只能报修，我们这边也没办法'],
      ['zh-Hans', '刚买的面包吃起来有酸味', '正常来说不会出现这种情况，可能是您放的地方太热了'],
      ['zh-Hant', '新買的外套洗一次就褪色了，可以退嗎？', '我哋都有提過要手洗，機洗就會咁'],
      ['zh-Hant', '訂單半夜被自動取消了', '系統是這樣設定的，超過時間未付款就會取消，不是我們想的'],
      ['en', 'The lamp I bought stopped working after two days, can I return it?', "We haven't had any other complaints about that lamp, it may be your socket"],
      ['en', 'The kettle handle cracked the first week', "That kettle isn't really designed for daily boiling, as we mentioned at the till"],
    ],
    passes: [
      // a pre-sale question, and replies that own the problem and fix it
      ['zh-Hans', '如果尺码不合适能退吗？', '可以的，七天内都能退换，运费我们承担'],
      ['zh-Hant', '麵包有酸味', '非常抱歉，我們馬上為您退款，並檢查這批麵包的保存'],
      ['en', 'The lamp stopped working, can I return it?', "I'm sorry about that — bring it in any time and we'll swap it or refund you"],
    ],
  });
});

describe('defensive-reply: the customer named in the same clause as a slip of theirs (a frame, not a phrase)', () => {
  repliesFireAndPass('defensive-reply', {
    fires: [
      ['zh-Hans', '收到的台灯插上没反应', '您装灯泡时拿错了型号，这款要用E14的'],
      ['zh-Hant', '訂的蛋糕口味不對', '你落單嗰陣揀錯咗口味，我哋係照單做嘅'],
      ['en', "The heater I bought doesn't turn on", 'It looks like you forgot to remove the safety tab before plugging it in'],
    ],
    passes: [
      // the slip is ours, or the customer is named with no slip of theirs
      ['zh-Hans', '收到的台灯插上没反应', '抱歉，是我们发货时没仔细检查，今天给您换一台新的'],
      ['zh-Hant', '訂的蛋糕口味不對', '對唔住，係我哋師傅睇錯咗單，即刻幫你重新整一個'],
      ['en', "The heater I bought doesn't turn on", 'Sorry about that, you will get a replacement tomorrow and a prepaid label for the old one'],
    ],
  });
});

describe('absolute-claim: nothing else compares, and effects promised for ever', () => {
  firesAndPasses('absolute-claim', {}, {
    fires: [
      ['zh-Hans', '这款蓝牙音箱的音质是行业天花板级别，群内价399元'],
      ['zh-Hans', '减脂餐连吃21天，保证不反弹'],
      ['zh-Hant', '這款手工皂的洗感無可取代，回購率超高'],
      ['zh-Hant', '全城獨一家的炭烤燒餅，每天限量'],
      ['en', "This is the only rain jacket you'll ever need"],
      ['en', 'Our oak finish never fades and lasts forever'],
    ],
    passes: [
      // the prime rate's name, and ordinary words
      ['zh-Hans', '自6月1日起，本行最优惠利率由5.5%调整为5.25%，您的月供将相应调整'],
      ['zh-Hant', '天花板漏水已經修好了，明天可以正常營業'],
      ['en', 'Your card is the only one linked to this account'],
    ],
  });
});

describe('missing-relevance: a product announced without a price is a promotion too (新到, 上線, now available)', () => {
  const cats = { channel: 'direct', audience: { segment: 'cat-owners', tags: ['猫', 'kitten'] } };
  firesAndPasses('missing-relevance', cats, {
    fires: [
      ['zh-Hans', '{{name}}您好，店里新到一批小型犬磨牙棒，需要的话给您留一包'],
      ['zh-Hant', '{{name}}您好，狗狗專用的新款牽引繩上線了，歡迎來店看看'],
      ['en', 'Hi {{name}}, our new puppy training pads are now available in store'],
    ],
    passes: [
      ['zh-Hans', '{{name}}您好，店里新到一批冻干猫粮，需要的话给您留一包'],
      ['zh-Hant', '{{name}}您好，貓抓板新款上線了，歡迎來店看看'],
      ['en', 'Hi {{name}}, our new kitten food is now available in store'],
    ],
  });
});

describe("self-serving-ask: a scorecard word beside the sender speaking of themselves, in a message that asks (a frame, not a phrase)", () => {
  firesAndPasses('self-serving-ask', {}, {
    fires: [
      ['zh-Hans', '这周我的销量还是零，麻烦各位看看有没有需要的'],
      ['zh-Hant', '我們分店的銷量全區最低，拜託大家睇下有冇需要'],
      ['en', 'Our sales figures are the lowest in the region, could you pop in this week?'],
    ],
    passes: [
      // the first person and an ask, but no scorecard; a scorecard, but nobody speaking of themselves
      ['zh-Hans', '我可以帮您查一下这款的评价'],
      ['zh-Hant', '{{name}}，我幫您留了一盒，請問週六來拿可以嗎？'],
      ['en', 'Please call one of our numbers if the parcel has not arrived'],
    ],
  });
});

describe('defensive-reply: out of our hands, your own choice, it was in the terms, not really late, sorry you feel that way', () => {
  repliesFireAndPass('defensive-reply', {
    fires: [
      ['zh-Hans', '奶茶送到都凉了，还洒了一半', '配送是第三方负责的，路上的情况我们控制不了'],
      ['zh-Hans', '体检报告十天了还没出来', '正常是7到14个工作日，您这个还在时间内，不算延迟'],
      ['zh-Hant', '染完的顏色同我講嘅完全唔同，好失望', '你當時揀嘅就係呢個色號，師傅都有同你確認過'],
      ['zh-Hant', '為什麼我的會員卡突然被扣了年費？', '辦卡時條款寫明了，消費未滿額度就會收取年費'],
      ['en', 'I waited an hour for the table we booked', 'Sorry you feel that way, but Saturday nights are always busy'],
      ['en', 'My refund still has not arrived after two weeks', "That part is out of our control, it's on the bank's side now"],
    ],
    passes: [
      ['zh-Hans', '奶茶送到都凉了', '非常抱歉，我们马上给您重新做一杯送过去'],
      ['zh-Hant', '為什麼我的會員卡被扣了年費？', '抱歉造成困擾，我們已為您退回這筆年費，並會改善提醒方式'],
      ['en', 'I waited an hour for our table', "I'm sorry — that's far too long. Your drinks tonight are on us, and we've changed how we pace bookings"],
    ],
  });
});

describe('an order that has arrived is service, not a product announced', () => {
  firesAndPasses('missing-opt-out', { channel: 'sms' }, {
    fires: [
      ['zh-Hans', '【萌爪宠物】{{name}}，冻干新品上线，欢迎到店选购'],
      ['zh-Hant', '【萌爪寵物】{{name}}，凍乾新品上線，歡迎到店選購'],
      ['en', 'Pawsome: {{name}}, our new freeze-dried treats are now available in store'],
    ],
    passes: [
      ['zh-Hans', '【萌爪宠物】{{name}}，您订购的猫粮已到货，可凭取货码3821到门店自提'],
      ['zh-Hant', '【萌爪寵物】{{name}}，您訂購的貓糧已到貨，可憑取貨碼3821到門市自取'],
      ['en', 'Pawsome: {{name}}, the cat food you ordered has arrived; your pickup code is 3821'],
    ],
  });
});
