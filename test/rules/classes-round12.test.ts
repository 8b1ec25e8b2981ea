/**
 * Classes the twelfth blind round missed (docs/eval.md), each in the three
 * scripts, in our own words: must-fire cases for the class and near misses
 * that share its vocabulary and must pass. Not the blind set's sentences —
 * other members of the same classes.
 */
import { describe } from 'vitest';
import { firesAndPasses, repliesFireAndPass } from '../helpers.js';

describe("self-serving-ask: a top score asked for the sender's standing, a survey dictated, a promotion or a favour owed", () => {
  firesAndPasses('self-serving-ask', { channel: 'direct' }, {
    fires: [
      // stars or a 10 beside the sender's ranking, score or stake
      ['zh-Hans', '各位吃完记得在外卖平台给我们打个五星呀，这周全城门店排名要出来了'],
      ['zh-Hant', '{{name}}，總部下星期會打電話做回訪，你俾個滿分我啦，低過9分我就要被扣分'],
      ['en', 'The dealership will text you a quick survey. Please give us a 10, anything lower and it counts against me.'],
      // every answer of a survey dictated
      ['zh-Hans', '{{name}}您好，一会儿会收到满意度短信，麻烦每项都选"非常满意"哦'],
      ['en', 'You will get a feedback form after your stay; tick very satisfied for every question, thank you!'],
      // what the sale decides for the sender, and the sale as a debt
      ['zh-Hans', '{{name}}，这份年金险您这周能签吗？我能不能转正就看这一单了'],
      ['zh-Hant', '{{name}}，呢張單你幫我簽咗佢，算我欠你一個人情'],
      ['en', "If you could sign the lease this week it would mean a lot to me: it's what my bonus rides on, and I'd owe you one."],
      // one shop against another, and the sender behind
      ['zh-Hant', '我哋同觀塘分店比緊今個月營業額，我哋輸緊，麻煩大家嚟幫襯下'],
      ['en', "It's a store-versus-store month and we're trailing; booking your eye test with us this week would give the team a real boost."],
    ],
    passes: [
      // an honest review asked for, a rating already given, the customer's own count
      ['zh-Hans', '{{name}}，这次洗护体验怎么样？有哪里不满意的地方直接告诉我，我们好改进'],
      ['zh-Hans', '谢谢您上周给我们打了五星，下次来店报手机号可以领一杯饮品'],
      ['zh-Hant', '{{name}}，你上次試嘅眼霜有冇敏感？有咩感覺都可以同我講，我幫你調整用法'],
      ['zh-Hant', '本店榮獲今年區內最佳髮型屋評選第一名，多謝各位街坊一直支持'],
      ['en', 'Rate us 5 stars if you loved your stay!'],
      // a survey the customer answers as they see it
      ['zh-Hans', '{{name}}您好，期末满意度问卷请按真实感受填写每一项，我们会逐条看'],
      ['en', 'Our feedback form takes two minutes. Please answer every question honestly; low scores help us most.'],
      ['en', 'How did we do? Tell us honestly in two minutes, and we will read every answer.'],
      ['en', "Your team of walkers is trailing in the step challenge; open the app to see this week's leaderboard."],
      // a promotion and a bonus that are the customer's
      ['zh-Hans', '{{name}}，您的会员已自动升级，本月消费可享双倍积分奖励'],
      ['en', 'Your referral bonus of $20 has been added to your account. Thanks for recommending us!'],
    ],
  });
});

describe('false-urgency: the wait made the risk, the chance that never comes again, the price that rises tonight', () => {
  firesAndPasses('false-urgency', { channel: 'direct' }, {
    fires: [
      ['zh-Hans', '{{name}}，这款扫地机现在这个价真的很划算了，别再等了，再等就不是这个价了。'],
      ['zh-Hans', '{{name}}，这批进口猫粮是代理商最后一批尾货，卖完就彻底断货，以后再也买不到这个价了。'],
      ['zh-Hant', '{{name}}，呢個月費計劃過咗今晚就會加價，錯過咗以後都冇。'],
      ['zh-Hant', '{{name}}，這款保養套組賣完就斷貨了，原廠說不會再生產。'],
      ['en', 'This is your last opportunity: the bundle price goes back up tomorrow and will never be repeated.'],
      ['en', "Hi {{name}}, once they're gone they're gone: these trainers won't see this price again."],
    ],
    passes: [
      // a real date, a real notice, the customer's own pace
      ['zh-Hans', '{{name}}，您预约的体检在下周二上午，别忘了前一晚十点后不要进食。'],
      ['zh-Hans', '{{name}}，您看中的那款沙发不急，下周我们还会到货一批，到了我再告诉您。'],
      ['zh-Hant', '{{name}}，你嘅套餐合約下個月15號到期，到時可以揀續約或者轉計劃，唔使急。'],
      ['zh-Hant', '【台北自來水】本區明晚11點至清晨5點停水檢修，請提前儲水。'],
      ['en', 'No rush, {{name}}: the winter range will be in store until the end of February.'],
      ['en', 'Your prescription is ready to collect; we will hold it for 14 days.'],
    ],
  });
});

describe('defensive-reply: the harm made small, the record that proves the customer wrong, a lesson for next time', () => {
  repliesFireAndPass('defensive-reply', {
    fires: [
      ['zh-Hans', '快递晚了两天才到，我急用的。', '也就晚了两天嘛，快递高峰期大家都这样，不是已经送到了嘛。'],
      ['zh-Hans', '车子保养回来门把手上多了一道划痕。', '我们交车记录显示这道划痕之前就有，建议您下次送车前先拍照。'],
      ['zh-Hant', '美甲做完第二日就甩咗一粒石。', '只係甩咗一粒啫，冇咩大不了，問題不大。'],
      ['zh-Hant', '洗完車後座椅上有污漬。', '我們的照片顯示入廠時座椅本來就有污漬，並非洗車造成。'],
      ['en', 'The engineer turned up an hour late and I missed work.', 'It was only a few minutes past the slot, and he did finish the job, so no big deal.'],
      ['en', 'The rental bike you gave me had a flat tyre.', 'Our check-in report shows the tyre was fine when it left us. Next time you should check the tyres before riding off.'],
    ],
    passes: [
      // an apology first, then the fix (in words the remedy list did not have), then the reason
      ['zh-Hans', '快递晚了两天才到，我急用的。', '非常抱歉耽误您用了，运费已经为您退回，下次下单我们给您走加急。'],
      ['zh-Hant', '美甲做完第二日就甩咗一粒石。', '唔好意思呀，我哋已給你留好聽日下晝三點，免費幫你補返。'],
      ['en', 'Nobody called me back about my boiler.', "Sorry you had to chase us. I've set aside 9am tomorrow for an engineer, and the fault in our callback list has now been fixed."],
      ['en', 'My test results were late.', 'I am sorry for the wait. Your results are in the app now, and Dr Lee has kept 4pm free to talk them through.'],
      // records read out as an answer to a question, not to a complaint
      ['en', 'Did I pay my last invoice?', 'Yes, our report shows the payment arrived on 3 May. Thank you!'],
      ['zh-Hans', '我上次保养是什么时候？', '您好，交车记录显示您上次保养是今年4月，里程8000公里。'],
    ],
  });
});

describe("self-serving-ask: the sender as the one helped, beside the seller's count, in any sentence", () => {
  firesAndPasses('self-serving-ask', { channel: 'direct' }, {
    fires: [
      ['zh-Hans', '{{name}}您好，我们分院这个月在全区排第九，总部说进前五才给加人手。您家猫咪的疫苗快到期了，这周来打就是帮门店一个大忙。'],
      ['zh-Hant', '{{name}}您好，公司月底結算獎金，我這個月一件都還沒成交，您如果考慮好了，給我一個機會好嗎？'],
      ['en', "Hi {{name}}, I'm a couple of deals away from my quarterly number, so if you were going to renew, doing it before Friday would make a real difference for me."],
      ['en', 'Our bakery is up for a local business award decided by orders this month. Please order your Christmas cake with us so we do not lose out.'],
    ],
    passes: [
      // the customer's count, a help offered, a ranking reported
      ['zh-Hans', '{{name}}您好，您的积分在本月会员排名第三，可以兑换一张免费洗护券，需要我帮您预约吗？'],
      ['zh-Hant', '{{name}}，你嘅保單下個月續保，我幫你整理咗今年嘅保障變化，有需要隨時搵我。'],
      ['en', 'We finished second in the city bakery awards. Thank you for a wonderful year, and see you at the counter!'],
      ['en', 'Hi {{name}}, let me help you compare the two plans before your renewal on the 14th.'],
    ],
  });
});

describe('defensive-reply: a complaint answered only with reasons, rules or norms, with no apology and no fix', () => {
  repliesFireAndPass('defensive-reply', {
    fires: [
      ['zh-Hans', '快递盒子压扁了，里面的蛋糕都变形了。', '您好，配送由第三方负责，按照流程我们出库时包装都是完好的，运输途中的情况属于正常损耗。'],
      ['zh-Hant', '點解我張單無啦啦多收咗一百蚊？', '你好，根據條款，逾期繳費會收取行政費，呢個係一般做法。'],
      ['en', 'The gym was freezing cold for a week and nobody did anything.', 'To be fair, the heating system was serviced last month and it is working in line with the manufacturer spec.'],
    ],
    passes: [
      // the same reasons after an apology and a fix, and reasons given to a question
      ['zh-Hans', '快递盒子压扁了，里面的蛋糕都变形了。', '非常抱歉，已为您重新安排一个蛋糕今天下午送到。包装我们也会加固。'],
      ['zh-Hant', '點解我張單無啦啦多收咗一百蚊？', '唔好意思，嗰一百蚊係逾期行政費，我已經幫你申請咗豁免，下期賬單會扣返。'],
      ['en', 'How does the heating schedule work in winter?', 'Generally the heating runs from 6am to 10pm, in line with the building policy.'],
    ],
  });
});

describe('transactional SMS: a top-up done, money that left the account, a fee that changes', () => {
  const cases = {
    fires: [
      // an offer beside the bill keeps it marketing
      ['zh-Hans', '【南城银行】您的信用卡本期账单已出。另：您已获得3万元分期额度，日息万分之三起，立即申请。'],
      ['zh-Hant', '【港灣電訊】你嘅月費計劃下月起有新優惠，而家轉5G計劃首3個月半價。'],
      ['en', 'CityCard: top up $50 today and get $10 bonus credit!'],
    ] as [string, string][],
    passes: [
      ['zh-Hans', '【城市一卡通】您的交通卡自动增值已于今日08:12完成，增值额50元。'],
      ['zh-Hant', '【港灣電訊】你嘅月費將由下月起由$168調整為$178，數據用量不變。'],
      ['en', 'CityCard: your auto top-up of $20 was completed today at 08:12.'],
      ['en', 'NorthBank: $1,200.00 was transferred from your a/c ending 2231 on 3 Dec. If you did not make this transfer, call us now.'],
      ['en', 'TeleOne: from 1 Dec your monthly plan fee changes from $30 to $32. You may switch plans free of charge before then.'],
    ] as [string, string][],
  };
  describe('missing-opt-out', () => firesAndPasses('missing-opt-out', { channel: 'sms' }, cases));
});

describe('missing-opt-out: the way out in other words', () => {
  firesAndPasses('missing-opt-out', { channel: 'sms' }, {
    fires: [
      ['zh-Hans', '【悦颜美容】秋季补水疗程会员价480元，另送颈部护理一次，预约请致电。'],
      ['zh-Hant', '【悅顏美容】秋日補濕療程會員價$480，另送頸部護理一次。'],
      ['en', 'Glow Studio: autumn facials $80 this month, book at glow.example'],
    ],
    passes: [
      ['zh-Hans', '【悦颜美容】秋季补水疗程会员价480元，另送颈部护理一次。如不想再收到推广短信，请回复STOP。'],
      ['zh-Hant', '【悅顏美容】秋日補濕療程會員價$480，另送頸部護理一次。如不欲再收到推廣訊息，請回覆STOP。'],
      ['en', 'Glow Studio: autumn facials $80 this month, book at glow.example. Reply STOP to opt out'],
    ],
  });
});

describe('absolute-claim and buried-disclaimer: near misses and new tails', () => {
  firesAndPasses('absolute-claim', { channel: 'sms' }, {
    fires: [
      ['en', 'Luca Pizza: the best margherita in Camden, now $9 on Mondays. Reply STOP to opt out'],
      ['zh-Hans', '【老街面馆】全城最好吃的牛肉面，今天8折。回T退订'],
      ['zh-Hant', '【灣仔茶記】全港最好食嘅菠蘿油，今日買二送一。回覆T退訂'],
    ],
    passes: [
      ['en', 'Luca Pizza: your table for two is guaranteed until 8:15pm tonight.'],
      ['en', 'The best time to book is weekday lunch, when pizzas are $9. Reply STOP to opt out'],
      ['zh-Hans', '【老街面馆】您订的座位为您保留到晚上7点半。'],
      ['zh-Hant', '【灣仔茶記】你訂嘅枱會保留到7點半。'],
    ],
  });
  firesAndPasses('buried-disclaimer', { channel: 'direct' }, {
    fires: [
      ['zh-Hans', '{{name}}，境外旅行险每天只要25元，点击链接马上投保。（既往病症不在承保范围；航班延误须达4小时以上才理赔）'],
      ['zh-Hant', '{{name}}，旅遊保每日只需25元，按連結即時投保。（已有疾病不在保障範圍）'],
      ['en', 'Sign up today at gym.example! Membership £20/month. Plus a joining fee'],
    ],
    passes: [
      ['en', 'Your car is due its service: £189 plus the £54.85 MOT fee, about two hours. Want me to book a slot?'],
      ['en', 'The author talk is on 18 June. Tickets are £5, redeemable against the book, at the till.'],
      ['zh-Hans', '{{name}}，旅行险每天25元起，既往病症不在承保范围、航班延误须满4小时才理赔，需要的话点击链接投保。'],
    ],
  });
});
