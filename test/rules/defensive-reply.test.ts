import { describe, expect, it } from 'vitest';
import { audit, findings } from '../helpers.js';

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
