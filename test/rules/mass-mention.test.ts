import { describe, expect, it } from 'vitest';
import { fire } from '../helpers.js';

describe('mass-mention', () => {
  describe('fires', () => {
    it.each([
      ['@所有人 今晚8点直播，记得来', '@所有人'],
      ['＠所有人 明天见', '＠所有人'],
      ['@ 所有人 明天见', '@ 所有人'],
      ['@全体成员 本周六活动改期', '@全体成员'],
      ['@全體成員 本週六課程改期', '@全體成員'],
      ['@all flash sale starts now', '@all'],
      ['@ALL new arrivals', '@ALL'],
      ['Morning @everyone, the new menu is out', '@everyone'],
      ['@channel quick reminder', '@channel'],
      ['@here who is coming tonight?', '@here'],
    ])('%s', (text, excerpt) => {
      const f = fire('mass-mention', text);
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
    });

    it('is an error on selling content', () => {
      expect(fire('mass-mention', '@所有人 猫粮到手价99元，点击下单')[0]!.severity).toBe('error');
    });

    it('is an error in a sharing group even without selling', () => {
      expect(fire('mass-mention', '@所有人 大家晚上好', { group: { name: '萌爪养猫交流群' } })[0]!.severity).toBe('error');
    });

    it('still fires on an operational notice, at a lower severity and penalty', () => {
      const notice = fire('mass-mention', '@所有人 本店明天停业一天，给大家带来不便敬请谅解', { group: { name: '门店服务群', type: 'service' } });
      const selling = fire('mass-mention', '@所有人 猫粮到手价99元，点击下单', { group: { name: '门店服务群', type: 'service' } });
      expect(notice).toHaveLength(1);
      expect(notice[0]!.severity).toBe('info');
      expect(notice[0]!.penalty).toBeLessThan(selling[0]!.penalty);
      expect(notice[0]!.advice).toMatch(/announcement|pin/);
    });

    it.each([
      ['@所有成员 今晚八点直播', '@所有成员'],
      ['＠所有人 今晚八點直播，記得來', '＠所有人'],
      ['Hi <!channel>, standup moved', '<!channel>'],
    ])('also %s', (text, excerpt) => {
      expect(fire('mass-mention', text).map((f) => f.excerpt)).toEqual([excerpt]);
    });

    it('a genuine notice in a sharing group is still a notice (lower severity)', () => {
      const f = fire('mass-mention', '@所有人 本周六读书会改期到周日下午三点', { group: { name: '讀書分享會' } });
      expect(f).toHaveLength(1);
      expect(f[0]!.severity).toBe('info');
    });

    it('a "notice" that sells is selling', () => {
      const f = fire('mass-mention', '@所有人 明天停业装修，今晚全场5折清仓', { group: { name: '门店服务群', type: 'service' } });
      expect(f[0]!.severity).toBe('error');
      expect(f[0]!.message).toMatch(/selling content/);
    });

    it('reports one finding for several pings in one message', () => {
      expect(fire('mass-mention', '@所有人 @all 今晚见')).toHaveLength(1);
    });
  });

  describe('does not fire', () => {
    it.each([
      '@李阿姨 您订的蛋糕到了',
      'Thanks @allen for the photos',
      'email me at sales@here.com',
      '所有人都可以参加本周的分享会',
      '全体成员的反馈我们都收到了',
      'We are all here for you',
      '@Everything Coffee is our partner',
      'Questions? Write to care@allbirds.example',
      '＠王先生 您的包裹到了，在前台',
      '全体成员名单已更新，请大家核对',
    ])('%s', (text) => {
      expect(fire('mass-mention', text)).toEqual([]);
    });
  });
});
