/**
 * Differential test: each built-in text rule declared over check types in
 * its YAML gives the same findings as its old TypeScript module
 * (test/oracles/rules/), over every eval set, the fixtures, the UCI texts
 * (as inputs only) and the texts of the rule tests, each text in several
 * campaign shapes (channels, group types, replies). Compared: the whole
 * finding — rule, position, severity, penalty, rendered message and advice
 * (which carry the variant and its template values), in both languages.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDrafts } from '../../src/drafts/load.js';
import { auditCampaigns } from '../../src/engine/audit.js';
import { defaultConfig } from '../../src/config/config.js';
import { builtinRules, type LoadedRule } from '../../src/rules/index.js';
import type { RuleModule } from '../../src/rules/api.js';
import type { Campaign, Lang } from '../../src/types.js';
import { listEvalFiles, loadEvalFile } from '../../src/eval/set.js';
import { ROOT } from '../helpers.js';

const ORACLES = join(ROOT, 'test/oracles/rules');
const converted = builtinRules().filter((r) => r.meta.check && readdirSync(ORACLES).includes(`${r.meta.id}.ts`));

/** Quoted strings of the rule tests: the texts they audit (and some that are not texts, which cost nothing). */
function testTexts(): string[] {
  const out = new Set<string>();
  for (const f of readdirSync(join(ROOT, 'test/rules')).filter((n) => n.endsWith('.test.ts'))) {
    const src = readFileSync(join(ROOT, 'test/rules', f), 'utf8');
    for (const m of src.matchAll(/'((?:[^'\\\n]|\\.){4,})'|"((?:[^"\\\n]|\\.){4,})"|`([^`$\\]{4,})`/g)) {
      const s = (m[1] ?? m[2] ?? m[3])!.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
      if (/[\p{L}]{2}/u.test(s)) out.add(s);
    }
  }
  return [...out];
}

function uciTexts(): string[] {
  const rows = readFileSync('/work/shared/corpora/uci-sms-spam/sms_spam_collection.tsv', 'utf8').split('\n').slice(1);
  return rows.map((r) => r.slice(r.indexOf('\t') + 1)).filter((t) => t.trim());
}

// Customers' messages a reply may answer: a complaint, a purchase question, a share, a hypothetical question.
const REPLY_TO = ['收到的猫粮少了一袋，客服也没人回复', '這款貓砂多少錢？', '我家咪咪今天第一次自己用猫砂', 'My order arrived broken and nobody answered', '这个杯子会不会漏水？', 'Do you ship to Canada?'];

function shaped(texts: string[], withReplies: boolean): Campaign[] {
  const shapes: Array<Record<string, unknown>> = [
    { channel: 'sms' },
    { channel: 'sms', kind: 'marketing' },
    { channel: 'direct' },
    { channel: 'moments' },
    { channel: 'group', group: { name: '养猫交流群' } },
    { channel: 'group', group: { name: '周六活动', type: 'promo' } },
    { channel: 'group', group: { name: '会员群', type: 'vip' } },
    { channel: 'group' },
  ];
  const campaigns = shapes.map((s, i) => ({ id: `shape${i}`, ...s, messages: texts.map((text) => ({ text })) }));
  if (withReplies) {
    REPLY_TO.forEach((reply_to, i) => {
      campaigns.push({ id: `reply${i}`, channel: 'group', group: { name: '读书分享群', type: 'sharing' }, messages: texts.map((text) => ({ text, reply_to })) } as never);
      campaigns.push({ id: `reply${i}u`, channel: 'group', messages: texts.map((text) => ({ text, reply_to })) } as never);
    });
  }
  return loadDrafts(JSON.stringify({ version: 1, defaults: { timezone: 'Asia/Shanghai' }, campaigns }), 'shapes.json', { timezone: 'Asia/Shanghai' });
}

function inputs(): Array<{ name: string; campaigns: Campaign[] }> {
  const sets = listEvalFiles().map((f) => ({ name: f, campaigns: loadEvalFile(f).campaigns }));
  const fixture = { name: 'fixtures/drafts.yaml', campaigns: loadDrafts(readFileSync(join(ROOT, 'fixtures/drafts.yaml'), 'utf8'), 'fixtures/drafts.yaml', { timezone: 'Asia/Shanghai' }) };
  const evalTexts = sets.flatMap((s) => s.campaigns.flatMap((c) => c.messages.map((m) => m.text)));
  return [
    ...sets,
    fixture,
    { name: 'eval and test texts, every shape', campaigns: shaped([...new Set([...evalTexts, ...testTexts()])], true) },
    { name: 'UCI texts, every shape', campaigns: shaped(uciTexts(), true) },
  ];
}

function run(rule: LoadedRule, campaigns: Campaign[], lang: Lang) {
  return auditCampaigns(campaigns, { config: defaultConfig(), lang, rules: [rule] }).map((a) => ({ id: a.campaign.id, findings: a.findings, suppressed: a.suppressed }));
}

describe('declared rules match their old TypeScript modules', () => {
  const all = inputs();
  it('converts at least one rule (the list grows as rules move to YAML)', () => {
    expect(converted.length).toBeGreaterThan(0);
  });
  for (const rule of converted) {
    it(`${rule.meta.id}: identical findings`, async () => {
      const oracle = ((await import(join(ORACLES, `${rule.meta.id}.ts`))) as { default: RuleModule }).default;
      let fired = 0;
      for (const { name, campaigns } of all) {
        for (const lang of ['en', 'zh'] as const) {
          const want = run({ module: oracle, meta: rule.meta }, campaigns, lang);
          const got = run(rule, campaigns, lang);
          fired += want.reduce((n, c) => n + c.findings.length, 0);
          expect(got, `${rule.meta.id} on ${name} (${lang})`).toEqual(want);
        }
      }
      // The comparison means something only where the rule fires.
      expect(fired).toBeGreaterThan(0);
    }, 600_000);
  }
});
