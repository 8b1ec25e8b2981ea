/**
 * RULEBOOK: transactional SMS include rate changes and alerts, and an
 * operational change that affects the reader is service value. A notice that
 * the terms of the reader's own account change, or that a supply is cut for
 * repairs, is no marketing: it needs no opt-out line and is no untargeted
 * blast. The same words inside a pitch do not buy the pitch off.
 */
import { describe, expect, it } from 'vitest';
import { fire, firesAndPasses } from '../helpers.js';

const SMS = { channel: 'sms' };
const TO_ALL = { channel: 'direct', audience: { segment: 'all' } };

describe('rate changes and supply interruptions are transactional', () => {
  // a rate or fee change needs no opt-out line; a pitch that mentions one still does
  firesAndPasses('missing-opt-out', SMS, {
    fires: [
      ['zh-Hans', '【晨星银行】存款利率上调！新开户一年期利率高达4%，名额有限，立即点击开户 t.cn/abc'],
      ['zh-Hant', '【港灣銀行】利率上調！新客戶開戶即享高息，立即登記，名額有限！'],
      ['en', 'Northfield Bank: your interest rate will change? Not with us. Get 4.5% on a new savings account, 20% off fees this week only, apply now at nfb.example/open'],
    ],
    passes: [
      ['zh-Hans', '【晨星银行】尊敬的客户，自下月1日起您的一年期定期存款年利率调整为2.8%，无需操作，详情见手机银行公告。'],
      ['zh-Hant', '【港灣銀行】由下月起，閣下信用卡的手續費調整為每筆8元，無需辦理任何手續。'],
      ['en', 'Northfield Bank: the interest rate will change on your savings account from 1 March, from 2.1% to 1.9% AER. No action is needed.'],
    ],
  });

  it.each([
    ['zh-Hans', '物业通知：本周六上午9点至11点3号楼停止供水，进行管道检修，请提前储水。'],
    ['zh-Hant', '大廈管理處通知：本週六早上9時至11時B座暫停供水，進行水管維修，請預先儲水。'],
    ['en', 'Harbour View management: water to Tower 2 will be shut off on Saturday 9-11 am for repairs. Please store some water beforehand.'],
  ])('%s: a supply interruption sent to everyone is no untargeted blast', (_script, text) => {
    expect(fire('missing-relevance', text, TO_ALL)).toEqual([]);
  });

  it('the same water notice with an offer in it is promotional and may be judged', () => {
    const text = '物业通知：本周六3号楼停止供水。另：楼下超市桶装水今天买二送一，扫码下单！';
    expect(fire('missing-opt-out', text, SMS)).not.toEqual([]);
  });
});
