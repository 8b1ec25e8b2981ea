import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadDrafts } from '../src/drafts/load.js';
import { checkCampaigns } from '../src/check.js';
import { auditCampaigns } from '../src/engine/audit.js';
import { scoreCampaign } from '../src/scoring/score.js';
import { builtinRules } from '../src/rules/index.js';
import { defaultConfig, parseConfig } from '../src/config/config.js';
import { InputError } from '../src/errors.js';
import type { Report } from '../src/report/report.js';

const config = defaultConfig();

/** Load and check a drafts text; an InputError is a clean refusal, anything else escapes. */
function run(source: string, file: string, cfg = config): Report | InputError {
  try {
    return checkCampaigns(loadDrafts(source, file, { timezone: 'Asia/Shanghai' }), { config: cfg, lang: 'en' });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

// Realistic fragments in all three scripts, mixed with arbitrary text.
const PHRASES = [
  '@所有人', '＠全體成員', '@all', '到手价99元', '点击下单', '*仅限新用户', '（到期自动续费）', '本活动最终解释权归本店所有',
  '{{name}}', '${city}', '您的订单已发货', '本店明天停业', '猫粮第二件半价', '狗粮', '幼猫', 'Kitten food 20% off', 'shop now',
  '<small>non-refundable</small>', '貓糧會員價NT$599', '分享一个小技巧', '【会员日】', 'PS: new customers only', '\n', '！！！', '🎉',
];
const text = fc
  .oneof(
    fc.array(fc.constantFrom(...PHRASES), { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.tuple(fc.constantFrom(...PHRASES), fc.string({ maxLength: 30 })).map(([a, b]) => a + b),
  )
  .filter((t) => t.trim().length > 0); // an empty message is an input error (issue 14), not a valid draft
const channel = fc.constantFrom('group', 'direct', 'moments', 'sms');
const campaign = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0),
    channel,
    audience: fc.record({ segment: fc.constantFrom('all', 'cat-owners', '全部', 'vip'), tags: fc.array(fc.constantFrom('英短', '幼貓', 'cat owners', '宠物', '咖啡', '新手妈妈'), { maxLength: 3 }), size: fc.nat(200000) }, { requiredKeys: [] }),
    group: fc.record({ name: fc.constantFrom('萌爪养猫交流群', '喵星人福利群', 'Plant Lovers Community', '门店服务群', '品牌3群'), type: fc.constantFrom('sharing', 'service', 'promo', 'vip') }, { requiredKeys: ['name'] }),
    kind: fc.constantFrom('marketing', 'service'),
    send_at: fc.constantFrom('2026-11-11T09:00:00+08:00', '2026-11-11 23:30', '2026-11-12T07:00:00Z'),
    messages: fc.array(fc.oneof(text, fc.record({ text, reply_to: text }, { requiredKeys: ['text'] })), { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['id', 'channel', 'messages'] },
);
/** Campaigns with distinct ids, as a drafts document. */
const drafts = fc.uniqueArray(campaign, { minLength: 1, maxLength: 4, selector: (c) => c.id }).map((campaigns) => ({ version: 1, campaigns }));

const NOISY = '@所有人 猫粮到手价99元，点击下单！*仅限新用户';

describe('properties', () => {
  it('arbitrary text gives a report or a clean InputError, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('d.yaml', 'd.json'), (src, file) => {
        const r = run(src, file);
        expect(r instanceof InputError || Array.isArray(r.campaigns)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary JSON values and YAML documents give a report or a clean InputError', () => {
    const value = fc.oneof(fc.jsonValue(), fc.record({ version: fc.jsonValue(), defaults: fc.jsonValue(), campaigns: fc.array(fc.dictionary(fc.constantFrom('id', 'channel', 'messages', 'audience', 'group', 'send_at', 'schedule', 'timezone', 'kind', 'ignore', 'text'), fc.jsonValue()), { maxLength: 3 }) }, { requiredKeys: [] }));
    fc.assert(
      fc.property(value, fc.boolean(), (v, asYaml) => {
        const r = asYaml ? run(stringify(v), 'd.yaml') : run(JSON.stringify(v) ?? 'null', 'd.json');
        expect(r instanceof InputError || Array.isArray(r.campaigns)).toBe(true);
        if (r instanceof InputError) expect(r.format()).toMatch(/^d\.(yaml|json)/);
      }),
      { numRuns: 300 },
    );
  });

  it('every generated draft gives a report, with scores within 0–100', () => {
    fc.assert(
      fc.property(drafts, fc.boolean(), (d, asYaml) => {
        const r = asYaml ? run(stringify(d), 'd.yaml') : run(JSON.stringify(d), 'd.json');
        if (r instanceof InputError) throw new Error(`valid draft refused: ${r.format()}`);
        for (const c of r.campaigns) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(100);
          expect(c.intrusiveness).toBeGreaterThanOrEqual(0);
          expect(c.intrusiveness).toBeLessThanOrEqual(1);
          expect(c.snr).toBeGreaterThanOrEqual(0);
          expect(c.snr).toBeLessThanOrEqual(1);
          for (const m of c.messages) expect(m.score >= 0 && m.score <= 100).toBe(true);
        }
        expect(r.summary.score >= 0 && r.summary.score <= 100).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('adding a noisy message never raises a campaign’s score', () => {
    fc.assert(
      fc.property(drafts, fc.nat(), (d, pick) => {
        const before = run(JSON.stringify(d), 'd.json') as Report;
        const i = pick % d.campaigns.length;
        const noisy = structuredClone(d);
        (noisy.campaigns[i]!.messages as unknown[]).push({ text: NOISY });
        const after = run(JSON.stringify(noisy), 'd.json') as Report;
        expect(after.campaigns[i]!.score).toBeLessThanOrEqual(before.campaigns[i]!.score);
      }),
      { numRuns: 120 },
    );
  });

  it('adding a finding never raises a score', () => {
    fc.assert(
      fc.property(drafts, fc.double({ min: 0, max: 50, noNaN: true }), (d, penalty) => {
        const campaigns = loadDrafts(JSON.stringify(d), 'd.json', { timezone: 'Asia/Shanghai' });
        for (const a of auditCampaigns(campaigns, { config, lang: 'en', rules: builtinRules() })) {
          const before = scoreCampaign(a, config.scoring);
          const extra = { ...(a.findings[0] ?? { ruleId: 'x', severity: 'warning', campaignId: a.campaign.id, file: 'd.json', line: 1, column: 1, endLine: 1, endColumn: 1, excerpt: '', message: '', advice: '' }), messageId: a.messages[0]?.message.id, penalty };
          a.findings.push(extra);
          const after = scoreCampaign(a, config.scoring);
          expect(after.score).toBeLessThanOrEqual(before.score);
          expect(after.messages[0]!.score).toBeLessThanOrEqual(before.messages[0]!.score);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('turning a rule on never raises a score', () => {
    const ids = builtinRules().map((r) => r.meta.id);
    fc.assert(
      fc.property(drafts, fc.constantFrom(...ids), (d, id) => {
        const on = run(JSON.stringify(d), 'd.json') as Report;
        const off = run(JSON.stringify(d), 'd.json', parseConfig({ rules: { [id]: 'off' } }, 'c.yaml')) as Report;
        on.campaigns.forEach((c, i) => expect(c.score).toBeLessThanOrEqual(off.campaigns[i]!.score));
      }),
      { numRuns: 80 },
    );
  });
});
