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
