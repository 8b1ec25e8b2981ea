import { describe, expect, it } from 'vitest';
import { answerFindings, audit, findings } from '../helpers.js';

/** defensive-reply's findings on one direct reply (`text`) to the customer's message (`replyTo`). */
const answer = (text: string, replyTo: string) => answerFindings('defensive-reply', replyTo, text);

/** One direct campaign whose only message answers `replyTo`. */
function reply(replyTo: string | undefined, text: string, opts: Parameters<typeof audit>[1] = {}) {
  const message = replyTo === undefined ? text : { reply_to: replyTo, text };
  const yaml = JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'direct', audience: { segment: 'buyers' }, messages: [message] }] });
  return findings(audit(yaml, opts), 'defensive-reply');
}

describe('defensive-reply', () => {
  describe('fires when the reply explains, cites rules or blames first', () => {
    it.each([
      ['我的快递一个星期了还没到！', '其实是因为快递那边爆仓了，系统显示一切正常的。', '其实是因为'],
      ['买的猫粮结块了，太差了', '系统规定拆封后不能退换，您可以看一下商品详情。', '系统规定'],
      ['退款怎么还没到账？', '页面上有写退款需要7个工作日，是您没有注意。', '页面上有写'],
      ['我要投诉你们的客服', '是您没有注意活动时间，优惠昨天就结束了。', '是您没有注意'],
      ['退款怎麼還沒到？等了好久', '頁面上有寫退款需要7個工作日，是您沒有注意。', '頁面上有寫'],
      ['你們的服務太差了，氣死我了', '其實是因為您填錯了地址，快遞才退回的。', '其實是因為'],
      ['Worst service ever, I still haven\'t received my order', 'As stated in our FAQ, international delivery takes up to 20 days.', 'As stated'],
      ['I want a refund, the lamp is broken', 'Actually, our policy is that opened items cannot be returned.', 'Actually, our policy'],
      ['So disappointed with this order', 'You should have chosen express shipping if you needed it sooner.', 'You should have'],
    ])('%s → %s', (complaint, text, excerpt) => {
      const f = reply(complaint, text);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.severity).toBe('warning');
    });

    it('fires when the explanation comes before the apology and the fix', () => {
      const f = reply('包裹还没到，什么情况？', '这是因为双11快递量大，抱歉让您久等了，我马上为您催一下。');
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe('这是因为');
    });

    it('points at the cue in the source and gives bilingual advice', () => {
      const yaml = ['version: 1', 'campaigns:', '  - id: c1', '    channel: direct', '    messages:', '      - reply_to: 还没收到货，太慢了', '        text: 您好，系统规定需要7天。'].join('\n');
      const en = findings(audit(yaml), 'defensive-reply');
      expect(en[0]).toMatchObject({ line: 7, column: 18, endColumn: 22, excerpt: '系统规定' });
      expect(en[0]!.advice).toMatch(/acknowledging/);
      const zh = findings(audit(yaml, { lang: 'zh' }), 'defensive-reply');
      expect(zh[0]!.message).toContain('「系统规定」');
      expect(zh[0]!.advice).toContain('先承认顾客的遭遇');
    });

    it('flags an apology followed by a rule and no remedy, at a lower severity', () => {
      for (const [complaint, text, excerpt] of [
        ['退款怎么还没到？', '不好意思，这是系统规定的，我们也没办法。', '系统规定'],
        ['退款怎麼還沒到？', '不好意思，這是系統規定的，我們也沒辦法。', '系統規定'],
        ['This is ridiculous, where is my refund?', "Sorry, but as stated in our FAQ refunds take 10 days.", 'as stated'],
      ]) {
        const f = reply(complaint!, text!);
        expect(f).toHaveLength(1);
        expect(f[0]!.severity).toBe('info');
        expect(f[0]!.excerpt).toBe(excerpt);
        const plain = reply(complaint!, text!.replace(/^(不好意思，|Sorry, but )/, ''));
        expect(f[0]!.penalty).toBeLessThan(plain[0]!.penalty);
      }
    });

    it('the hedged case can be turned off in the config', () => {
      const config = { rules: { 'defensive-reply': { hedged: { severity: 'off' } } } };
      expect(reply('退款怎么还没到？', '不好意思，这是系统规定的。', { config })).toEqual([]);
      expect(reply('退款怎么还没到？', '系统规定需要7天。', { config })).toHaveLength(1);
    });
  });

  describe('does not fire', () => {
    it.each([
      ['我的快递一个星期了还没到！', '让您久等了，非常抱歉！我马上为您联系快递加急，今天下午给您回复进度。'],
      ['买的猫粮结块了，太差了', '真的很抱歉，这批货是我们的问题。已为您安排补发一袋新的，原来那袋不用寄回。'],
      ['退款怎么还没到账？', '抱歉让您着急了，我查了一下退款已原路退回，其实是因为银行到账需要1-3天，今天没到您随时找我。'],
      ['包裹还没到，什么情况？', '已为您补发，新单号明天发给您。这次延误主要是因为中转站爆仓，抱歉。'],
      ['我的快遞一個星期了還沒到！', '讓您久等了，非常抱歉！我馬上為您聯繫快遞加急處理。'],
      ["I'm really disappointed, the mug arrived broken", "I'm so sorry! I've arranged a replacement, it ships today. Our policy is to cover breakage in full."],
      ["Still haven't received my order, this is unacceptable", "You're right, that's far too long. I'll refund the shipping now and check with the courier."],
    ])('an acknowledgement and a remedy first: %s → %s', (complaint, text) => {
      expect(reply(complaint, text)).toEqual([]);
    });

    it.each([
      ['请问这款猫粮适合三个月的幼猫吗？', '其实是适合的，配方是按幼猫标准做的，系统规定我们也标注了适用月龄。'],
      ['可以开发票吗？', '根据规定，电子发票会在确认收货后自动开具。'],
      ['請問週六有開門嗎？', '有的，按照規定週六營業到晚上九點。'],
      ['Can I change my delivery address?', 'As stated in our FAQ, you can change it until the order ships. I have updated it for you.'],
    ])('a reply to a question, not a complaint: %s', (question, text) => {
      expect(reply(question, text)).toEqual([]);
    });

    it('a message that is not a reply, however defensive', () => {
      expect(reply(undefined, '系统规定拆封后不能退换，页面上有写。')).toEqual([]);
    });

    it('a reply to a complaint with no defensive cue', () => {
      expect(reply('你们的服务太差了', '收到，我现在就去核实，十分钟内回复您。')).toEqual([]);
      expect(reply('坑位在哪里？', '系统规定停车场B2是访客车位。')).toEqual([]);
    });
  });
});

describe('defensive-reply: blame in a reply to any customer message', () => {
  it.each([
    ['吹风机用了两次就不出风了', '您是不是没有按说明书使用？这款机器过热会自动断电。', '您是不是'],
    ['染完頭髮顏色有點深', '您是不是看錯了，燈光下顏色本來就會不一樣。', '您是不是'],
    ['The strap came off after a week', 'You must have pulled it too hard, the strap is tested to 20 kg.', 'you must have'],
  ])('fires even when the customer message has no complaint word: %s → %s', (replyTo, text, excerpt) => {
    const f = reply(replyTo, text);
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt.toLowerCase()).toBe(excerpt.toLowerCase());
  });

  it('explaining without blame still needs a complaint to answer', () => {
    // a plain question about why cats shed; "其实是因为" is just the answer
    expect(reply('猫咪为什么换季掉毛这么多？', '其实是因为换季时新毛长出来，旧毛会集中脱落，多梳一梳就好。')).toEqual([]);
    // the same explanation in answer to a complaint about a late refund fires
    expect(reply('退款等了5天还没到，太慢了', '其实是因为银行处理需要时间，系统规定3到7个工作日。')).toHaveLength(1);
  });
});

describe('defensive-reply: plain factual complaints are complaints', () => {
  // No angry word in the customer's message: a problem with the order, the
  // product or the service is enough. The reply opens with its explanation.
  it.each([
    // late, a long wait
    ['生日蛋糕晚了两个小时才送到。', '其实是因为那天订单太多，配送都要排队。'],
    ['訂位到了還要等半小時才有桌子。', '週末用餐時段本來就比較滿，請您耐心等候。'],
    ['The plumber showed up three hours late.', 'Actually, our policy gives a four-hour arrival window.'],
    // missing, cleared
    ['外卖里少了一杯柠檬茶。', '我们出餐前都有核对，应该是骑手拿漏了。'],
    ['我的儲值卡餘額被清零了。', '會員條款裡寫明了一年不使用就會失效。'],
    ['My loyalty points vanished overnight.', 'Per our membership terms, points expire after a year without a purchase.'],
    // broken, spoiled, dirty
    ['收到的花瓶裂了一道缝。', '我们发货前都有仔细包装，应该是运输过程中造成的。'],
    ['The sofa came with a big stain on the cushion.', 'All our furniture is inspected before it leaves the warehouse.'],
    // not working, no reply
    ['你们的小程序一直闪退。', '这种情况通常是手机系统版本太旧导致的。'],
    ['客服電話打了三次都沒人接。', '我們客服的工作時間是平日早上9點到下午6點。'],
    ['Nobody replied to my email for a whole week.', 'Our support team only works business days, as listed on the contact page.'],
    ['The vacuum stopped charging after a month.', 'That usually happens when the battery is left fully drained, as the manual explains.'],
    // rude staff, charged, can't cancel
    ['收银员对我很凶。', '我们的员工都是经过专业培训的，应该不会这样。'],
    ['帳單上多了一筆我沒買的東西。', '依照系統規定，預授權會先顯示一筆金額。'],
    ["There's no way to delete my account in the app.", 'As noted in our terms, deletion requests go through the website.'],
  ])('%s → %s', (complaint, text) => {
    expect(reply(complaint, text)).toHaveLength(1);
  });

  it.each([
    ['请问你们周日几点关门？', '我们的营业时间是早上10点到晚上9点，周日也一样。'],
    ['积分年底会清零吗？', '按照会员协议，积分每年12月31日清零，建议您提前兑换。'],
    ['春节期间会延迟发货吗？', '通常春节前三天停止发货，节后第一天恢复。'],
    ['請問外送有最低消費嗎？', '依照店裡規定，外送滿300元才能送。'],
    ['Do you deliver to Macau?', 'Yes, as listed on our shipping page, Macau takes 3-5 days.'],
    ['Will I be charged for a late checkout?', 'Per our policy, late checkout until 1pm is free for members.'],
    ['Can I freeze the leftover cake?', 'Actually yes, it usually keeps well for a month in the freezer.'],
  ])('a neutral question stays a question: %s', (question, text) => {
    expect(reply(question, text)).toEqual([]);
  });

  it.each([
    ['这个保温杯会不会漏水？', '其实不会，出厂前都有做密封测试。'],
    ['萬一包裹壞了怎麼辦？', '我們出貨前都有仔細包裝，通常不會發生。'],
    ['What if the chair arrives scratched?', 'All our chairs are inspected before they ship, as shown on the product page.'],
  ])('a problem asked about as a possibility is not a complaint: %s', (question, text) => {
    expect(reply(question, text)).toEqual([]);
    // the same problem, happened, is
    const happened = question.replace(/会不会漏水？/, '漏水了。').replace(/萬一包裹壞了怎麼辦？/, '包裹壞了。').replace(/What if the chair arrives scratched\?/, 'The chair arrived scratched.');
    expect(reply(happened, text)).toHaveLength(1);
  });
});

describe('defensive-reply: kinds of defensive opening', () => {
  it.each([
    // explaining the hours instead of answering for them
    ['你们客服消息一直不回。', '我们的上班时间是工作日9点到17点，下班后不看消息。'],
    ['LINE客服都不回覆。', '我們的客服只在工作日回覆，週末是休息時間。'],
    ['I called twice and no one picked up.', 'Our lines are only open 10 to 4 on weekdays.'],
    // denial by process, "must be a misunderstanding"
    ['导购一直在玩手机，没人理我。', '我们的导购都是经过培训的，是不是有什么误会？'],
    ['The bathroom was filthy when we arrived.', 'Our cleaners follow a strict checklist, so the room would have been cleaned before you came.'],
    // written in the agreement / on the website
    ['我的会员等级怎么突然降了？', '其实等级规则在用户协议里写明了，每年都会重新计算。'],
    ['My discount code was rejected.', 'It says in the terms that codes cannot be used on sale items.'],
    // blaming the customer's use or device
    ['耳机用了一周就没声音了。', '这种情况一般是使用不当造成的，比如进水。'],
    ['The app logs me out every few minutes.', 'This happens when users run an old version of the app.'],
    // shifting the blame, or "please understand"
    ['收到的盤子碎了兩個。', '我們出貨前都有檢查，應該是物流運送的問題。'],
    ['上菜等了快一个小时。', '晚餐高峰期人比较多，我们已经尽力了，请您体谅。'],
    ['My parcel got soaked in the rain.', 'Once it leaves our warehouse, the carrier is responsible for it.'],
  ])('%s → %s', (complaint, text) => {
    const f = reply(complaint, text);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
  });

  it.each([
    ['你们客服消息一直不回。', '抱歉让您等了这么久，我现在就为您处理。我们周末人手少，回复慢了。'],
    ['收到的盤子碎了兩個。', '很抱歉讓您收到破損的盤子，我們馬上補寄兩個新的，可能是運送時碰撞造成的。'],
    ['The bathroom was filthy when we arrived.', "I'm so sorry. We've moved you to a freshly cleaned room and taken tonight off your bill; the team missed it during a busy turnover."],
    ['My parcel got soaked in the rain.', "Sorry about that! I'll send a new set today; the courier left it outside against our instructions."],
  ])('an apology and a remedy first, the reason after, passes: %s', (complaint, text) => {
    expect(reply(complaint, text)).toEqual([]);
  });
});

describe('defensive-reply: the rule before the apology', () => {
  it.each([
    ['下单后降价了，能退差价吗？', '按照活动规则以下单时间为准，不过很抱歉给您带来困扰，我这边为您补差价。', '活动规则'],
    ['能幫我看一下昨天的預約嗎？', '依照店裡規定，遲到15分鐘會自動取消，很抱歉，我幫您重新約一個時間。', '店裡規定'],
    ['How do I get out of my gym contract?', "Per our membership agreement, you need to give 60 days' notice. Sorry, I've started the cancellation for you.", 'Per our'],
  ])('fires even when the message was not read as a complaint: %s', (replyTo, text, excerpt) => {
    const f = reply(replyTo, text);
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toBe(excerpt);
  });

  it('the polite 不好意思 after an answer to a question does not make it a complaint', () => {
    expect(reply('请问周一营业吗？', '按照店里规定周一店休，不好意思哦。')).toEqual([]);
  });
});

describe('defensive-reply: more problem classes told as plain facts', () => {
  // Damaged on arrival, a bodily reaction, a status that says done, the wrong
  // size or colour, a facility closed, not being told: complaints without an
  // angry word. Each reply opens with its defence.
  it.each([
    // damaged on arrival; blame shifted to the courier, the customer sent elsewhere
    ['收到的饼干盒压坏了，里面全碎了', '这是物流运输造成的，不是我们仓库的问题，您可以去联系快递公司。'],
    ['寄來的花束被壓爛了', '這是運輸途中造成的，不是我們花店的責任。'],
    ['The pie arrived completely squashed.', 'Once it leaves our kitchen the delivery company handles it, so please contact them.'],
    ['My lamp shade came crushed in the box.', 'That is something that happens during shipping, please take it up with the carrier.'],
    // a reaction after use; denial by quality, blaming the customer's skin
    ['用了你们的洗发水头皮一直发痒', '我们的产品都通过了质检，可能是您头皮比较敏感，使用前应该先在手腕试用。'],
    ['喝了你們的奶茶之後拉肚子', '我們的原料都有通過檢驗，可能是您自己腸胃不適。'],
    ['I broke out in hives after using your body lotion.', 'All our products are dermatologically tested, so it may be that your skin is unusually sensitive.'],
    ['My kid got sick after eating the nuggets.', 'Our kitchen meets all food safety standards.'],
    // delivered on paper, not at the door; responsibility handed over
    ['物流显示已签收，可是我根本没见到包裹', '快递显示签收就代表已经送达，签收后的责任由收件人承担。'],
    ["Tracking shows delivered, but there's nothing at my door.", 'Once the parcel is marked delivered, responsibility transfers to the recipient.'],
    // the wrong size or colour; lecturing about next time
    ['买的裤子比我下单的小了一号', '尺码表在商品页都有，下次请先量好再下单。'],
    ['買的T恤顏色跟圖片差很多', '每台螢幕顯示不同，商品頁上有註明可能有色差。'],
    ['The jacket I received is two sizes bigger than I ordered.', 'The size guide is right there on the listing; next time please check it before you order.'],
    ['The blender I got is blue, not the red one I ordered.', 'Colours can vary and our warehouse double-checks every order.'],
    // closed, and nobody said; "it was in the notice everyone gets"
    ['健身房的桑拿一整周都关着，也没人通知我们', '桑拿维修在会员群公告里发过，每位会员都会收到。'],
    ['酒店的早餐廳臨時不開放，櫃檯也沒提前說', '入住時發的住客須知裡都有說明，請您理解。'],
    ['The gym sauna was out of order all week and no one let us know.', 'The closure was announced in the member newsletter, which every member receives.'],
    ["The rooftop bar was shut during our whole stay and we weren't informed.", 'This was included in the welcome letter that every guest gets at check-in.'],
  ])('%s → %s', (complaint, text) => {
    const f = reply(complaint, text);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
  });

  it.each([
    // the same problems answered with an apology and a fix
    ['收到的蛋糕壓扁了', '對不起！我們已經為您安排重新製作，下午送到，快遞那邊我們也會追責。'],
    ['用了面霜起红疹', '非常抱歉让您不舒服了，请先停用，我们为您全额退款，也可以帮您预约皮肤科咨询。'],
    ['Tracking says delivered but it isn\'t here.', "I'm sorry! I've opened a trace with the courier and I'm sending a replacement today."],
    ['I got the wrong size.', "Sorry about that! I've sent a free exchange label; next time you can also use our fit chat."],
    ['The pool was closed all weekend and nobody told us.', "I'm so sorry, that should never happen. I've taken one night off your bill and we'll text guests about closures from now on."],
    ['泳池整个周末都关着也没人通知', '非常抱歉没有提前通知您，这是我们的疏忽，已为您退还这两天的泳池费用。'],
  ])('an apology and a fix first: %s', (complaint, text) => {
    expect(reply(complaint, text)).toEqual([]);
  });

  it.each([
    // a symptom or a damage asked about as a yes/no question
    ['这款面膜会起红疹吗？', '我们的产品都通过了皮肤测试，敏感肌可以先在耳后试用。'],
    ['這款面膜容易過敏嗎？', '我們的產品都通過皮膚測試，敏感肌可以先局部試用。'],
    ['这个杯子会漏水吗？', '出厂前都有做密封测试。'],
    // questions answered with the rule, the notice or the size chart
    ['Is the pool open this weekend?', "The pool schedule was listed in the welcome notice; it's open 7am to 9pm."],
    ['Do these run small?', 'Our size chart is on the product page; most customers take their usual size.'],
    ['请问色差大吗？', '商品页上都是实拍图，屏幕显示会稍有不同。'],
    ['Is this cream tested on sensitive skin?', 'Yes, all our products are dermatologically tested.'],
  ])('a question, not a complaint: %s', (question, text) => {
    expect(reply(question, text)).toEqual([]);
  });

  it('a yes/no question is not a possibility when it asks why it happened', () => {
    expect(reply('为什么会漏水？', '出厂前都有做密封测试，应该是您使用不当。')).toHaveLength(1);
    expect(reply('杯子会漏水，用了两天就这样', '出厂前都有做密封测试。')).toHaveLength(1);
  });
});

describe('defensive-reply: lecturing and blaming fire in a reply to anything', () => {
  it.each([
    ['能帮我改一下收货地址吗？', '已经发货改不了了，下次请下单前仔细核对地址。', '下次请下单前仔细核对'],
    ['可以換成大一號嗎？', '下次請先看清楚尺碼表再下單。', '下次請先看清'],
    ['Can I still swap these for a bigger size?', "Next time, please check the size chart before ordering so this doesn't happen.", 'Next time, please'],
    ['染髮後頭皮有點刺刺的', '可能是您頭皮比較敏感，我們的染劑很溫和。', '可能是您頭皮比較敏感'],
  ])('%s → %s', (replyTo, text, excerpt) => {
    const f = reply(replyTo, text);
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toBe(excerpt);
  });

  it.each([
    // help for now, or a suggestion for next time, blames no one
    ['路由器连不上网怎么办', '您可以先试试重启路由器，不行的话我帮您远程看看。'],
    ['網路一直斷線怎麼辦？', '您可以先試試重新開機，還是不行我馬上幫您派師傅。'],
    ['My router keeps dropping the connection.', "Sorry about that! You could try restarting it first; if that doesn't help, I'll book a technician for tomorrow."],
    ['请问这个面霜敏感肌能用吗？', '可以用的，敏感肌使用前应该先在耳后做局部测试。'],
    ['怎么设置自动续费？', '您应该先登录账号，在"我的"里面就能看到开关。'],
    ['你们周末营业吗？', '营业的，下次您来之前可以先打电话确认座位。'],
    ['Can I use my voucher online?', 'Not online, but next time you visit the store it works.'],
    ['有没有适合油皮的洗面奶？', '这款控油洁面可能是您需要的，很多油皮顾客回购。'],
    ['Did my booking go through?', 'Yes! You should have received a confirmation email a minute ago.'],
    // the sender owning it for next time
    ['上次来店里等了很久', '很抱歉，下次我们一定注意。'],
  ])('%s → %s', (replyTo, text) => {
    expect(reply(replyTo, text)).toEqual([]);
  });
});

describe('defensive-reply: a refund already made is a remedy', () => {
  it.each([
    ['我被重复扣了一次费', '很抱歉，多扣的钱已经原路退回，3个工作日内到账。'],
    ['會員費被扣了兩次', '抱歉造成困擾，重複扣的那筆已經退回您的帳戶，1-3個工作天到帳。系統問題我們已經修復。'],
    ['会员费扣了两次', '很抱歉给您造成困扰，我们这边已经核实并修复了系统问题。'],
    ['I was charged twice for my plan.', 'So sorry! The extra charge has been credited back to your card; it can take 3 business days to show.'],
    ['I was billed twice this month.', 'Sorry about that — the duplicate charge has been reversed and should be back on your card within 3 business days.'],
  ])('%s → %s', (complaint, text) => {
    expect(reply(complaint, text)).toEqual([]);
  });

  it('a processing time with no refund made is still a refusal', () => {
    const f = reply('退款怎么还没到？', '抱歉，退款需要7个工作日才能处理。');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
  });
});

describe('defensive-reply: a problem stated as a fact that no complaint word names', () => {
  it.each([
    // something missing, broken or not done, told plainly
    ['寄来的花瓶底座有一道裂纹', '商品详情里已经说明了手工烧制会有细微瑕疵。'],
    ['说好今天上门安装，师傅到现在也没来', '其实是因为今天订单太多，师傅排不过来。'],
    ['門票上寫的時間到了，場館卻還沒開門', '這部分我們也無法控制，場館那邊會另行公告。'],
    ['The gift card I bought shows a zero balance.', 'According to our terms, balances are only activated after 24 hours.'],
    ['My booking confirmation never arrived.', 'It was mentioned at checkout that emails can take a while.'],
  ])('the reply to "%s" explains first: fires', (complaint, text) => {
    expect(reply(complaint, text)).toHaveLength(1);
  });

  it.each([
    // a question asks, praise thanks: explaining there is answering
    ['请问你们的门店几点开门？', '其实是因为周末人多，我们改到早上9点开门了。'],
    ['这个杯子可以放洗碗机吗', '商品详情里已经说明了可以放洗碗机。'],
    ['謝謝，昨天就收到了，沒想到這麼快！', '其實是因為我們在本地有倉庫，所以出貨很快。'],
    ['Thanks, it came a day early and without the usual wait!', 'According to our packing rules, every parcel ships the same day.'],
    ['Can I change my delivery address? It still shows the old one', 'According to our system, you can change it until the parcel ships.'],
  ])('the reply to "%s" is an answer: does not fire', (message, text) => {
    expect(reply(message, text)).toEqual([]);
  });
});

describe('defensive-reply: contracts cited, control disclaimed, equipment blamed, sarcasm and Cantonese', () => {
  it.each([
    ['会员费怎么又自动扣了？我没同意续费', '依照《会员服务协议》第五条，到期会自动续费，协议里都有写。'],
    ['寄嚟嘅蛋糕冇晒忌廉，成個爛晒', '其實係速遞公司嘅問題，我哋都控制唔到。'],
    ['Oh great, my flight got cancelled again. Thanks a lot.', 'Cancellations for operational reasons are outside our control under the conditions of carriage.'],
    ['My smart lock has not worked since the update.', 'Our servers show no problems, so the issue is most likely with your Wi-Fi at home.'],
  ])('fires: "%s" → "%s"', (complaint, text) => {
    expect(reply(complaint, text)).toHaveLength(1);
  });

  it.each([
    ['Nobody rang me back about the repair quote.', 'I am so sorry we missed that. The quote is ready, and Sam will call you this afternoon to walk you through it.'],
    ['謝謝你們，昨天的課很棒！', '根據課程安排，下週會有進階課，歡迎報名。'],
  ])('does not fire: "%s" → "%s"', (message, text) => {
    expect(reply(message, text)).toEqual([]);
  });
});

describe("defensive-reply: a complaint answered with the customer's own choice read back, or with what they would have known had they read", () => {
  const COMPLAINT = { zh: '收到的外套尺码不对，客服也一直不回。', tw: '收到嘅外套尺碼唔啱，客服又冇人覆。', en: 'The jacket came in the wrong size and no one answered my emails.' };

  it.each([
    ['zh-Hans', '后台显示您下单时选择的是L码，所以发货是正确的。', COMPLAINT.zh],
    ['zh-Hant', '記錄顯示你落單時揀咗L碼，我哋冇寄錯。', COMPLAINT.tw],
    ['en', 'Our records show you selected size L at checkout, so the jacket matches your order.', COMPLAINT.en],
    ['en', 'Had you checked the size chart before ordering, this would not have happened.', COMPLAINT.en],
    ['zh-Hans', '要是您下单前看了尺码表，就不会选错了。', COMPLAINT.zh],
  ])('%s fires: %s', (_s, text, replyTo) => {
    expect(answer(text, replyTo)).not.toEqual([]);
  });

  it.each([
    ['zh-Hans', '非常抱歉给您添麻烦了！已为您免费换成M码，今天发出。', COMPLAINT.zh],
    ['zh-Hant', '唔好意思！我哋已經幫你換M碼，今日寄出，運費我哋負責。', COMPLAINT.tw],
    ['en', "Sorry about that! I've checked your order and we're sending a medium today, free of charge.", COMPLAINT.en],
    ['en', 'Our records show you selected size L last time; would you like the same again?', 'Which size did I buy last winter?'],
    ['zh-Hans', '系统显示您上次买的是L码，这次还是一样吗？', '我上次买的是哪个尺码？'],
  ])('%s passes: %s', (_s, text, replyTo) => {
    expect(answer(text, replyTo)).toEqual([]);
  });
});

describe('defensive-reply: Cantonese complaints mark what happened with 咗 and 晒', () => {
  it('an explanation first, in reply to a Cantonese complaint, fires', () => {
    expect(answer('其實係因為今日落大雨，我哋規定遲到半個鐘以內唔會賠償。', '你哋啲外賣遲咗成個鐘，啲嘢都凍晒。')).not.toEqual([]);
    expect(answer('其實是因為下大雨，規定遲到半小時內不賠償。', '你們的外賣遲到了一個小時，東西都涼了。')).not.toEqual([]);
    expect(answer('Actually it was the rain; our policy does not refund delays under 30 minutes.', 'My takeaway came an hour late and everything was cold.')).not.toEqual([]);
  });
  it('an apology with a fix passes, and an explanation answering a Cantonese question passes', () => {
    expect(answer('唔好意思！我哋即刻幫你重新整過，今次免費。', '你哋啲外賣遲咗成個鐘，啲嘢都凍晒。')).toEqual([]);
    expect(answer('其實係因為今晚有盤點，所以九點收舖。', '請問你哋今晚幾點收舖？')).toEqual([]);
    expect(answer('Sorry about that! A fresh order is on its way, on us.', 'My takeaway came an hour late and everything was cold.')).toEqual([]);
  });
});

describe('defensive-reply: a wait with no word back (often asked as a question) answered with the rules and the customer\'s paperwork', () => {
  it.each([
    ['zh-Hant', '您好，其實理賠審核依規定需要10到15個工作天，而且您送件時文件不齊，所以才會比較久。', '我住院理賠已經送件三個禮拜了，怎麼都沒有任何消息？'],
    ['zh-Hans', '其实按规定理赔需要10到15个工作日，您当时资料不全。', '我的理赔三周了还没消息，怎么回事？'],
    ['en', 'Actually, per our policy claims take 10 to 15 working days, and your documents were incomplete.', 'I sent my claim three weeks ago and still no update?'],
  ])('%s fires', (_s, text, replyTo) => {
    expect(answer(text, replyTo)).not.toEqual([]);
  });
  it.each([
    ['zh-Hant', '很抱歉讓您久等！我已請理賠專員今天下午主動致電，並幫您補件。', '我住院理賠已經送件三個禮拜了，怎麼都沒有任何消息？'],
    ['zh-Hans', '按规定理赔一般需要10到15个工作日，您的材料已经齐了，预计下周三到账。', '理赔一般要多久？'],
    ['en', "I'm sorry this came as a surprise; you should have heard from us before renewal. I've paused the charge and will call you tomorrow.", 'Why did my premium go up 20% with no warning?'],
  ])('%s passes', (_s, text, replyTo) => {
    expect(answer(text, replyTo)).toEqual([]);
  });
});

describe('defensive-reply: the system declared infallible, the rule placed in the app, the customer told to check their own side first', () => {
  const BILL = { zh: '我家这个月水费突然多了两百多，怎么可能用这么多？', tw: '我家這個月水費突然多了兩百多，怎麼可能用這麼多？', en: 'I turned up for the 7pm class and was told my booking did not exist.' };
  it.each([
    ['zh-Hans', '水表读数是现场拍照录入的，系统不会出错，建议您自己先检查一下水龙头。', BILL.zh],
    ['zh-Hant', '水錶讀數是現場拍照錄入的，系統不會出錯，建議您自己先檢查一下馬桶。', BILL.tw],
    ['en', "Bookings not checked in ten minutes early are released — that's in the app's rules. You may have missed the reminder.", BILL.en],
  ])('%s fires', (_s, text, replyTo) => {
    expect(answer(text, replyTo)).not.toEqual([]);
  });
  it.each([
    ['zh-Hans', '很抱歉让您担心了，我马上安排复核读数，明天给您回电。', BILL.zh],
    ['zh-Hant', '很抱歉讓您擔心，我們今天就派人到府複核水錶，結果明天通知您。', BILL.tw],
    ['en', "So sorry! I've restored your booking credit and saved you a place on Thursday.", BILL.en],
  ])('%s passes', (_s, text, replyTo) => {
    expect(answer(text, replyTo)).toEqual([]);
  });
});
