/**
 * Issue 15 item 5: a draft can mark a send urgent (quiet-hours spares it and
 * the report says so), and a one-to-one message that opens with the
 * customer's name is personal (missing-relevance does not call it a
 * broadcast). Every example is written for this file, in Simplified,
 * Traditional and English.
 */
import { describe, expect, it } from 'vitest';
import { audit, findings, fire } from '../helpers.js';
import { loadDrafts } from '../../src/drafts/load.js';
import { loadMarkdown } from '../../src/drafts/markdown.js';
import { opensWithName } from '../../src/engine/salutation.js';
import { normalize } from '../../src/text/normalize.js';

const NIGHT = '2026-11-19T02:30:00+08:00';

function drafts(campaign: Record<string, unknown>): string {
  return JSON.stringify({ version: 1, defaults: { timezone: 'Asia/Shanghai' }, campaigns: [{ id: 'c1', channel: 'sms', send_at: NIGHT, ...campaign }] });
}

describe('quiet-hours and urgent: true', () => {
  const texts = [
    '【鑫城银行】您尾号3391的信用卡刚刚在境外发生一笔4,860元消费，如非本人操作请立即致电95500冻结。',
    '【港灣物業】今晚A座水管爆裂，二樓以下請暫停用電並盡快撤離至大堂。',
    'Northfield Bank: a card payment of $912.40 was just attempted on your account. Not you? Call 0800 555 0142 now.',
  ];

  describe('spares a message marked urgent, and the report lists it as spared', () => {
    it.each(texts)('%s', (text) => {
      const report = audit(drafts({ messages: [{ text, urgent: true }] }));
      expect(findings(report, 'quiet-hours')).toEqual([]);
      const spared = report.campaigns[0]!.suppressed.filter((s) => s.ruleId === 'quiet-hours');
      expect(spared).toHaveLength(1);
      expect(spared[0]!.reason).toMatch(/urgent: true/);
      expect(spared[0]!.penalty).toBeGreaterThanOrEqual(0);
      expect(report.summary.suppressed).toBe(1);
    });

    it('a campaign marked urgent spares all its messages', () => {
      const report = audit(drafts({ urgent: true, messages: texts }));
      expect(findings(report, 'quiet-hours')).toEqual([]);
      expect(report.campaigns[0]!.suppressed.map((s) => s.ruleId)).toEqual(['quiet-hours']);
    });

    it('scores as if the send were outside quiet hours', () => {
      const urgent = audit(drafts({ messages: [{ text: texts[2]!, urgent: true }] })).campaigns[0]!.score;
      const daytime = audit(drafts({ send_at: '2026-11-19T10:30:00+08:00', messages: [texts[2]!] })).campaigns[0]!.score;
      expect(urgent).toBe(daytime);
    });

    it('says so in Chinese too', () => {
      const report = audit(drafts({ messages: [{ text: texts[0]!, urgent: true }] }), { lang: 'zh' });
      expect(report.campaigns[0]!.suppressed[0]!.reason).toContain('紧急');
    });
  });

  describe('still fires', () => {
    it.each(texts)('without the mark: %s', (text) => {
      expect(findings(audit(drafts({ messages: [text] })), 'quiet-hours')).toHaveLength(1);
    });

    it.each(texts)('when only one message of the campaign is urgent: %s', (text) => {
      const report = audit(drafts({ messages: [{ text, urgent: true }, '明早记得领取会员积分 / Your points are waiting'] }));
      expect(findings(report, 'quiet-hours')).toHaveLength(1);
    });

    it('with urgent: false', () => {
      expect(findings(audit(drafts({ messages: [{ text: texts[1]!, urgent: false }] })), 'quiet-hours')).toHaveLength(1);
    });
  });

  it('urgent must be a boolean', () => {
    expect(() => loadDrafts(drafts({ messages: [{ text: texts[0]!, urgent: 'yes' }] }), 'd.json')).toThrow(/messages\[0\]\.urgent: expected true or false/);
    expect(() => loadDrafts(drafts({ urgent: 1, messages: texts }), 'd.json')).toThrow(/campaigns\[0\]\.urgent: expected true or false/);
  });

  it('Markdown copy carries it in the front matter', () => {
    const md = ['---', 'id: leak', 'channel: sms', 'timezone: Asia/Taipei', `send_at: ${NIGHT}`, 'urgent: true', '---', '【港灣物業】今晚A座水管爆裂，請暫停用電。', ''].join('\n');
    const [c] = loadMarkdown(md, 'leak.md');
    expect(c!.urgent).toBe(true);
    const perMessage = ['---', 'id: leak2', 'channel: sms', `send_at: ${NIGHT}`, 'messages:', '  - urgent: true', '---', 'Gas leak reported on Elm St: keep windows open.', ''].join('\n');
    expect(loadMarkdown(perMessage, 'leak2.md')[0]!.messages[0]!.urgent).toBe(true);
  });
});

describe('missing-relevance and a customer named at the start of a direct message', () => {
  const direct = { channel: 'direct' };

  describe('does not fire: the message opens with her or his name', () => {
    it.each([
      '王姐，您上回问的那款羊绒围巾到了灰色，给您留了一条，周末来试试？',
      '小李，上次说的那本绘本到了，放前台了',
      '陈老师您好，班里下周换到周四上课，您看时间方便吗',
      '李明您好，您的猫砂我们按老规格备好了',
      '陳姐，妳上次訂的月餅禮盒已經到店，隨時可以來拿。',
      '黃生早晨，你之前問嘅嗰款咖啡豆返貨喇，幫你留咗兩包。',
      '林太，週末新到一批蘭花，幫妳挑了兩盆顏色淡的。',
      'Hi Sarah, the blue linen shirt you tried on is back in your size.',
      'Dear Tom Chen, your tailored jacket is ready for a final fitting.',
      'Morning Priya! We saved two of the almond croissants you like.',
    ])('%s', (text) => {
      expect(fire('missing-relevance', text, direct)).toEqual([]);
    });
  });

  describe('still fires: no name, or a form of address that names nobody', () => {
    it.each([
      '亲，双11全场5折，快来抢购！',
      '家人们，今晚8点直播间福利不停',
      '周末，全场羊绒8折，欢迎来店',
      '亲爱的会员，新品上市，全场满299减50',
      '親，雙11全館5折，快來搶購！',
      '各位，週年慶全館8折，歡迎光臨',
      'Hi there, our autumn collection is 30% off this week!',
      'Dear Valued Customer, every candle is half price until midnight.',
      'Hello everyone, flash sale on all jackets today',
    ])('%s', (text) => {
      expect(fire('missing-relevance', text, direct)).toHaveLength(1);
    });

    it('a name counts on direct only: an SMS to everyone opening "王姐，" is still a broadcast', () => {
      expect(fire('missing-relevance', '王姐，全场5折，快来抢购', { channel: 'sms' })).toHaveLength(1);
      expect(fire('missing-relevance', 'Hi Sarah, 30% off every jacket today', { channel: 'sms' })).toHaveLength(1);
    });

    it('a name further in is not a salutation', () => {
      expect(fire('missing-relevance', '全场5折！王姐说这款面霜特别好用，快来抢购', direct)).toHaveLength(1);
    });
  });

  it('opensWithName reads the normalised text (Traditional folds to Simplified)', () => {
    const t = '陳老師，下週的課改到週四';
    expect(opensWithName(t, normalize(t).norm)).toBe(true);
    const u = '古董，今日全场8折';
    expect(opensWithName(u, normalize(u).norm)).toBe(false);
  });
});
