import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskSpans, piiSpans, redactReport, redactText } from '../src/redact.js';
import { audit, cli, findings, one } from './helpers.js';
import { runInProcess } from './in-process.js';

// Example values only: made-up numbers in the shapes operators paste into copy and logs.
const MOBILE = '13912345678';
const ID18 = '11010519880605123X';
const CARD = '6222021234567890123';
const WECOM = 'wmXy7kQpAAbC2dEfGhJkLmNpQrStUvYz';

describe('redactText: each kind of PII is masked, keeping a hint', () => {
  const cases: Array<[string, string, string, string]> = [
    // [what, input, expected output, kind]
    ['mainland mobile (zh-Hans)', '有问题请拨打13912345678联系店长', '有问题请拨打139****5678联系店长', 'mobile'],
    ['mobile with dashes (zh-Hant)', '請致電 139-1234-5678 預約', '請致電 139-****-5678 預約', 'mobile'],
    ['mobile with spaces and +86 (en)', 'Call +86 139 1234 5678 to book', 'Call +86 139 **** 5678 to book', 'mobile'],
    ['mobile with 0086', '0086 13912345678', '0086 139****5678', 'mobile'],
    ['full-width digits', '手机１３９１２３４５６７８', '手机１３９****５６７８', 'mobile'],
    ['Taiwan mobile', '聯絡我 0912-345-678', '聯絡我 0912-***-678', 'mobile'],
    ['landline with area code', '门店电话 021-62345678', '门店电话 021-****5678', 'landline'],
    ['landline in parentheses', '(0755) 8612 3456', '(0755) **** 3456', 'landline'],
    ['landline +86 without trunk 0', '+86 10 6512 3456', '+86 10 **** 3456', 'landline'],
    ['UK E.164', 'Ring +44 20 7946 0958 today', 'Ring +44 ** **** 0958 today', 'phone'],
    ['US E.164', 'Text +1 (415) 555-0132', 'Text +1 (***) ***-0132', 'phone'],
    ['US without country code', 'call 415-555-0132', 'call ***-***-0132', 'phone'],
    ['HK number', '+852 9123 4567', '+852 **** 4567', 'phone'],
    ['e-mail (en)', 'write to amy.chen@example.com.', 'write to a***@example.com.', 'email'],
    ['e-mail (zh-Hant)', '請寄信到service@shop.example.tw', '請寄信到s***@shop.example.tw', 'email'],
    ['ID card, 18 digits with X', `身份证号${ID18}已登记`, '身份证号110***********123X已登记', 'id-card'],
    ['ID card, old 15 digits', '舊身分證 110105880605123', '舊身分證 110*********123', 'id-card'],
    ['bank card, plain', `卡号${CARD}`, '卡号6222***********0123', 'bank-card'],
    ['bank card, grouped', 'card 6222 0212 3456 7890', 'card 6222 **** **** 7890', 'bank-card'],
    ['long order / waybill number', '运单号 7312345678901234', '运单号 7312********1234', 'bank-card'],
    ['wxid', '加我 wxid_k2j4h5g6f7d8 哦', '加我 wxid_***d8 哦', 'wxid'],
    ['WeChat id after a label', '微信号：catlover_2026', '微信号：ca***26', 'wechat-id'],
    ['WeChat id after an English label', 'WeChat ID: brewbar88', 'WeChat ID: b***8', 'wechat-id'],
    ['QQ number', 'QQ 12345678', 'QQ 1***8', 'qq'],
    ['WeChat Work external user id', `客户 ${WECOM} 投诉`, '客户 wm***Yz 投诉', 'wecom-id'],
    ['WeChat Work external user id (wo…)', 'woAB12cdEF34ghIJ56klMN78opQR90', 'wo***90', 'wecom-id'],
  ];
  for (const [what, input, expected, kind] of cases) {
    it(what, () => {
      expect(redactText(input)).toBe(expected);
      expect(piiSpans(input).map((s) => s.kind)).toEqual([kind]);
    });
  }

  it('masks every occurrence in a longer text', () => {
    const text = `店长 13912345678，副店长 13887654321；邮箱 shop@example.com`;
    const out = redactText(text);
    expect(out).toBe('店长 139****5678，副店长 138****4321；邮箱 s***@example.com');
  });
});

describe('redactText: ordinary numbers are left alone', () => {
  const untouched = [
    '双11猫粮上新！到手价¥99，满300减50，买2送1',
    '年卡限时5折，仅需999元，名额12人',
    '活动时间 2026-11-11 09:00 至 2026/11/13 22:00，8折到周日',
    '今晚8點成貓糧秒殺，兩袋只要NT$599，每人限購2組',
    'Only 3,200 members; 1,000,000 points; version 1.2.3; HK$1,299',
    '订单号 SO-20261111-001，订单 20261111123456 已发货', // short or alphanumeric order codes
    '客服热线 400-820-8820，toll free 800-555-0132', // a business's own hotline, not a person's
    'SKU13912345678 现货', // digits glued to letters: a product code
    '2026-11-11T09:00:00+08:00',
    '@所有人 @all @everyone 大家好',
    'epoch 1762822800000 and 20261111090000',
    'the wonderfulwonderfulwonderfulwonder slug',
    '營業時間 0800-2200',
  ];
  for (const text of untouched) {
    it(text, () => {
      expect(redactText(text)).toBe(text);
    });
  }
});

describe('redactReport', () => {
  it('masks every string of the report, not the rule ids or file names, and leaves the input as it was', () => {
    const report = audit(one(`@所有人 新品到货，到手价99元，下单请加店长微信号：catlover_2026 或致电 ${MOBILE}`, { group: { name: '萌爪养猫交流群' } }));
    const raw = JSON.stringify(report);
    expect(raw).toContain(MOBILE);
    const red = redactReport(report);
    const json = JSON.stringify(red);
    expect(json).not.toContain(MOBILE);
    expect(json).not.toContain('catlover_2026');
    expect(json).toContain('139****5678');
    expect(red.campaigns[0]!.messages[0]!.text).toContain('139****5678');
    // structure and identities survive
    expect(findings(red).map((f) => f.ruleId)).toEqual(findings(report).map((f) => f.ruleId));
    expect(findings(red).every((f) => f.file === 'drafts.yaml')).toBe(true);
    expect(red.summary).toEqual(report.summary);
    expect(JSON.stringify(report)).toBe(raw);
  });

  it('masks log fields: recipients and chats on findings, and the logStats tables', () => {
    const report = {
      ...audit(one('hello')),
      logStats: {
        timezone: 'Asia/Shanghai',
        sendsPerDay: [{ date: '2026-11-03', count: 4 }],
        pushesPerRecipient: { cap: 1, histogram: [{ pushes: 2, recipients: 1 }] },
        groups: [{ chat: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA', name: `王姐 ${MOBILE} 的团购群`, type: 'promo', messages: 3, atAll: 1, selling: 2, sellingShare: 0.67 }],
        senders: [{ sender: 'zhangsan', messages: 3, findings: 1 }],
        atAllPerGroupWeek: [{ chat: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA', week: '2026-W45', count: 1 }],
      },
    };
    report.campaigns[0]!.findings.push({ ...report.campaigns[0]!.findings[0]!, ruleId: 'frequency-cap', recipient: WECOM, chat: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA', excerpt: MOBILE } as never);
    const red = redactReport(report);
    const json = JSON.stringify(red);
    expect(json).not.toContain(WECOM);
    expect(json).not.toContain(MOBILE);
    expect(json).toContain('"recipient":"wm***Yz"');
    // a group chat id names a group, not a person: kept, so stats still join
    expect(red.logStats.groups[0]!.chat).toBe('wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA');
    expect(red.logStats.sendsPerDay).toEqual(report.logStats.sendsPerDay);
  });

  it('is deterministic (same report, same bytes)', () => {
    const r = audit(one(`联系 ${MOBILE} 或 amy@example.com`));
    expect(JSON.stringify(redactReport(r))).toBe(JSON.stringify(redactReport(r)));
  });
});

describe('CLI: every format is redacted by default; --no-redact shows the raw text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-redact-'));
  const file = join(dir, 'drafts.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'campaigns:',
      '  - id: sms-phone',
      '    channel: sms',
      '    audience: { segment: all }',
      '    messages:',
      // The number at the start: rules quote the message's opening in their finding text, so every format carries it.
      `      - "店长 ${MOBILE} 提醒：年卡5折，仅需999元！或邮件 vip@example.com，卡号 ${CARD} 可用"`,
      '  - id: tw-reply',
      '    channel: group',
      '    group: { name: 台北貓奴分享社 }',
      '    messages:',
      `      - "好棒！現在買二送一，私我下單，電話 0912-345-678，客戶 ${WECOM}"`,
    ].join('\n') + '\n',
  );

  it('json: no raw number, masked hints instead', () => {
    const r = cli(['check', file, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(MOBILE);
    expect(r.stdout).not.toContain(CARD);
    expect(r.stdout).not.toContain('0912-345-678');
    expect(r.stdout).not.toContain('vip@example.com');
    expect(r.stdout).not.toContain(WECOM);
    expect(r.stdout).toContain('139****5678');
    expect(r.stdout).toContain('v***@example.com');
    const report = JSON.parse(r.stdout);
    expect(report.campaigns[0].messages[0].text).toContain('139****5678');
    // redaction changes text, never the verdict
    const raw = JSON.parse(cli(['check', file, '--format', 'json', '--no-redact']).stdout);
    expect(report.summary).toEqual(raw.summary);
  });

  // The formats in-process (the JSON case above and --output below run the command line itself).
  for (const format of ['text', 'sarif', 'markdown', 'github', 'html']) {
    it(`${format}: no raw number (which the unredacted output has)`, async () => {
      expect((await runInProcess(['check', file, '--format', format, '--no-redact', '--no-color'])).stdout).toContain(MOBILE);
      const r = await runInProcess(['check', file, '--format', format, '--no-color']);
      expect(r.stdout).not.toContain(MOBILE);
      expect(r.stdout).not.toContain(WECOM);
      expect(r.stdout).toMatch(/139(\\?\*){4}5678/); // Markdown escapes the asterisks
    });
  }

  it('--output files are redacted too', () => {
    const out = join(dir, 'report.html');
    cli(['check', file, '--format', 'html', '--output', out]);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain(MOBILE);
    expect(html).toContain('139****5678');
  });

  it('--no-redact restores the original text', () => {
    const r = cli(['check', file, '--format', 'json', '--no-redact']);
    expect(r.stdout).toContain(MOBILE);
    expect(r.stdout).toContain('vip@example.com');
    expect(r.stdout).toContain(WECOM);
    expect(r.stdout).not.toContain('139****5678');
  });

  it('--help lists --no-redact', () => {
    expect(cli(['check', '--help']).stdout).toContain('--no-redact');
  });
});

describe('redactText skips only texts that cannot hold PII', () => {
  // The oracle: the spans themselves, with no shortcut in front of them.
  const slow = (text: string) => maskSpans(text, piiSpans(text));
  const pieces = [
    '13812345678', '138 1234 5678', '+86 138-1234-5678', '0086 13812345678', '(+86) 13812345678', '8613812345678', '１３８１２３４５６７８', '１３８ 1234 ５６７８',
    '010-62345678', '(0755) 8765 4321', '+86 21 6234 5678', '0912-345-678', '(212) 555-0199', '212-555-0199', '+1 212 555 0199', '+44 20 7946 0958', '001 23 45 67 89', '+49 30 901820',
    'anna@example.com', 'ａｎｎａ＠example.com', 'wxid_abcd1234', 'wmABCDEFGHIJKLMNOPQRSTUVWXYZab', '微信号：lily_2026', 'VX: shop886', 'ＷｅＣｈａｔ ID: tea_lover', 'QQ 12345678', 'ＱＱ：１２３４５６７',
    '110101199003074514', '11010119900307451X', '6222 0212 3456 7890', '6222021234567890123', '400-820-8820',
    '¥99', '2699元', '11月11日', '2026-11-11 09:00', '满300减50', '第3件0元', '09:30', 'SKU13812345678', 'SO-20261111-001', '，', '。', ' ', 'Hi ', '亲爱的', 'call now', '回T退订', '－', '＋', '0', '00', '+',
  ];
  it('gives what the spans give, on any mix of numbers, ids, labels and ordinary text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), fc.array(fc.constantFrom('', ' ', '，', '-', 'a', '1'), { minLength: 8, maxLength: 8 }), (parts, glue) => {
        const text = parts.map((p, i) => p + glue[i]!).join('');
        expect(redactText(text)).toBe(slow(text));
      }),
      { numRuns: 5000 },
    );
  });
});
