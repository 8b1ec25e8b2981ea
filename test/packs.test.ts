/** User rule packs: YAML rules without TypeScript (docs/rule-packs.md). */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { audit, cli, findings, one, ROOT } from './helpers.js';
import { parseConfig } from '../src/config/config.js';
import { loadDrafts } from '../src/drafts/load.js';
import { checkCampaigns } from '../src/check.js';
import { InputError } from '../src/errors.js';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '../src/types.js';
import type { TrustProfile } from '../src/scoring/trust.js';

const PACKS = join(ROOT, 'fixtures/packs');
const EXAMPLE = join(ROOT, 'rules/examples/brand-banned-claims.yaml');

/** Findings of `ruleId` for one message, with `packs` loaded as a config's `packs:`. */
function fire(packs: string[], ruleId: string, text: string, fields: Record<string, unknown> = {}, rules: Record<string, unknown> = {}): Finding[] {
  return findings(audit(one(text, fields), { config: { packs, rules } }), ruleId);
}
const scoped = (ruleId: string, text: string, fields: Record<string, unknown> = {}) => fire([join(PACKS, 'scopes.yaml')], ruleId, text, fields);
const brand = (ruleId: string, text: string, fields: Record<string, unknown> = {}) => fire([EXAMPLE], ruleId, text, fields);

const SHARING = { channel: 'group', group: { name: '萌爪养猫交流群' } };
const DEALS = { channel: 'group', group: { name: '爪爪鲜福利群', type: 'promo' } };

describe('type: lexicon', () => {
  describe('fires', () => {
    it.each([
      ['新品冻干，三周根治泪痕！', '根治'],
      ['新品凍乾，三週根治淚痕！', '根治'],
      ['这款粮疗效显著', '疗效'],
      ['這款糧療效顯著', '療效'],
      ['This kibble cures itchy skin', 'cures'],
      ['Our formula is CLINICALLY PROVEN to work', 'CLINICALLY PROVEN'],
      ['Salmon oil prevents heart disease in older dogs', 'prevents heart disease'],
    ])('%s', (text, excerpt) => {
      const f = brand('brand/medical-claim', text, { channel: 'direct' });
      expect(f).toHaveLength(1);
      expect(f[0]!.excerpt).toBe(excerpt);
      expect(f[0]!.severity).toBe('error');
      expect(f[0]!.message).toContain(excerpt);
    });

    it('reports each match, with its own position', () => {
      const f = brand('brand/medical-claim', '包治软便，根治泪痕', { channel: 'direct' });
      expect(f.map((x) => x.excerpt)).toEqual(['包治', '根治']);
      expect(f[0]!.column).toBeLessThan(f[1]!.column);
    });

    it('speaks the report language', () => {
      const yaml = one('三周根治泪痕', { channel: 'direct' });
      const zh = findings(audit(yaml, { config: { packs: [EXAMPLE] }, lang: 'zh' }), 'brand/medical-claim')[0]!;
      expect(zh.message).toBe('「根治」是医疗宣称，宠物食品不能这样说。');
      const en = findings(audit(yaml, { config: { packs: [EXAMPLE] }, lang: 'en' }), 'brand/medical-claim')[0]!;
      expect(en.message).toBe('"根治" is a medical claim; a pet food may not make it.');
    });
  });

  describe('does not fire', () => {
    it.each([
      ['今日份治愈系猫咪视频来啦', 'except: 治愈 inside 治愈系'],
      ['今日份治癒系貓咪影片來啦', 'except, Traditional'],
      ['泪痕明显的猫咪，建议先带去看兽医', 'health advice without a claim'],
      ['Itchy skin? Please ask your vet first.', 'English advice'],
      ['We make sure every batch is secure', 'cure inside a longer word'],
      ['A curious kitten? Try our puzzle feeder', 'a word that starts like cure'],
      ['Our senior formula is gentle on sensitive stomachs', 'a benefit, not a cure'],
    ])('%s (%s)', (text) => {
      expect(brand('brand/medical-claim', text, { channel: 'direct' })).toEqual([]);
    });
  });

  it('channels: a rule for group and Moments ignores direct messages', () => {
    expect(brand('brand/competitor-name', '比喵博士家的更新鲜', SHARING)).toHaveLength(1);
    expect(brand('brand/competitor-name', '比Dr. Meow更新鲜', { channel: 'moments' })).toHaveLength(1);
    expect(brand('brand/competitor-name', '比喵博士家的更新鲜', { channel: 'direct' })).toEqual([]);
  });
});

describe('scope', () => {
  it('group_types: only in sharing groups', () => {
    expect(scoped('test/group-buy-in-sharing', '本周团购价一起拼单', SHARING)).toHaveLength(2);
    expect(scoped('test/group-buy-in-sharing', '本週團購價一起拼單', SHARING)).toHaveLength(2);
    expect(scoped('test/group-buy-in-sharing', 'Group buy this Friday', SHARING)).toHaveLength(1);
    expect(scoped('test/group-buy-in-sharing', '本周团购价一起拼单', DEALS)).toEqual([]);
    // a group whose type is unknown is not a sharing group
    expect(scoped('test/group-buy-in-sharing', '本周团购价一起拼单', { channel: 'group', group: { name: '三号楼邻居' } })).toEqual([]);
  });

  it('position: tail — only after the last call to action', () => {
    expect(scoped('test/tail-no-refund', '年卡5折限量发售，点击链接购买，特价商品不退不换')[0]!.excerpt).toBe('不退不换');
    expect(scoped('test/tail-no-refund', '年卡5折限量發售，點擊連結購買，特價商品不退不換')[0]!.excerpt).toBe('不退不換');
    expect(scoped('test/tail-no-refund', 'Annual pass half price this week, click the link to buy. Sale items are non-refundable.')[0]!.excerpt).toBe('non-refundable');
    // the same words before the call to action are the main text
    expect(scoped('test/tail-no-refund', '特价商品不退不换，年卡5折限量发售，点击链接购买')).toEqual([]);
    expect(scoped('test/tail-no-refund', 'Sale items are non-refundable. Annual pass half price, click the link to buy')).toEqual([]);
  });

  it('position: parentheses, with channels: sms', () => {
    const sms = { channel: 'sms' };
    expect(scoped('test/paren-sms', '新款猫爬架上市（颜色以实物为准）回T退订', sms)[0]!.excerpt).toBe('以实物为准');
    expect(scoped('test/paren-sms', '新款貓爬架上市（顏色以實物為準）回T退訂', sms)[0]!.excerpt).toBe('以實物為準');
    expect(scoped('test/paren-sms', 'New cat tree in store (colours: actual product may vary). Reply STOP to opt out', sms)).toHaveLength(1);
    expect(scoped('test/paren-sms', '新款猫爬架上市，颜色以实物为准。回T退订', sms)).toEqual([]);
    expect(scoped('test/paren-sms', '新款猫爬架上市（颜色以实物为准）', { channel: 'direct' })).toEqual([]);
  });
});

describe('type: pattern', () => {
  it.each([
    ['有问题加我 wx: pawshop_lily', 'wx: pawshop_lily'],
    ['有問題加我 ＷＸ：PawShop_Lily', 'ＷＸ：PawShop_Lily'],
    ['Questions? 微信: lily_paws88', '微信: lily_paws88'],
  ])('matches the normalised text (width and case folded): %s', (text, excerpt) => {
    const f = scoped('test/wechat-id', text);
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toBe(excerpt);
  });

  it('does not fire on near misses', () => {
    expect(scoped('test/wechat-id', '关注我们的微信公众号获取更多养猫知识')).toEqual([]);
    expect(scoped('test/wechat-id', 'wx: 12345678')).toEqual([]);
  });

  it('text: original is case-sensitive unless ignore_case', () => {
    expect(scoped('test/sku-code', '新货到了 SKU-2041')[0]!.excerpt).toBe('SKU-2041');
    expect(scoped('test/sku-code', '新货到了 sku-2041')).toEqual([]);
    // on the original text, full-width is not folded either
    expect(scoped('test/sku-code', '新货到了 ＳＫＵ-2041')).toEqual([]);
  });

  it('text: original with ignore_case, in footnotes only', () => {
    expect(scoped('test/footnote-code', 'Weekend sale on all cat trees.\n*PROMO CODE CAT10 for members')[0]!.excerpt).toBe('PROMO CODE CAT10');
    expect(scoped('test/footnote-code', 'Use promo code CAT10 at checkout for 10% off')).toEqual([]);
  });

  it('the example pack finds phone numbers in group posts only', () => {
    expect(brand('brand/phone-in-group', '有问题打店长电话 138-1234-5678', DEALS)[0]!.excerpt).toBe('138-1234-5678');
    expect(brand('brand/phone-in-group', '有問題打店長電話 +86 13812345678', DEALS)[0]!.excerpt).toBe('+86 13812345678');
    expect(brand('brand/phone-in-group', 'Call the store on 021-64501234', DEALS)[0]!.excerpt).toBe('021-64501234');
    expect(brand('brand/phone-in-group', '有问题打店长电话 138-1234-5678', { channel: 'direct' })).toEqual([]);
    expect(brand('brand/phone-in-group', '订单号 2026110312345678 已发货', DEALS)).toEqual([]);
  });

  it('cannot hang the audit: RE2 runs a catastrophic pattern in linear time', () => {
    const pack = [join(PACKS, 'catastrophic.yaml')];
    const text = 'a'.repeat(30_000) + '!';
    const t0 = performance.now();
    expect(fire(pack, 'test/catastrophic', text)).toEqual([]);
    expect(fire(pack, 'test/catastrophic', 'x'.repeat(20_000))).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(5_000);
    // and still matches what it should
    expect(fire(pack, 'test/catastrophic', 'banana')[0]!.excerpt).toBe('a');
  });

  it.each([
    ['bad-regex.yaml', "- '(?<=价格)", /test\/lookbehind: invalid regular expression.*RE2 syntax/],
    ['backreference.yaml', "pattern: '(ha)", /test\/backref: invalid regular expression/],
  ])('refuses what RE2 cannot run in linear time (%s)', (file, marker, message) => {
    expectPackError(file, marker, message);
  });
});

describe('type: metric', () => {
  it.each([
    ['test/emoji', '🎉🎉🐱✨ 冻干上新', 4, '✨'],
    ['test/emoji', '👍🏻👨‍👩‍👧🇨🇳🐱 family pack', 4, '🐱'],
    ['test/links', '详情 https://shop.example.com/p/1 或 t.cn/A6x9', 2, 't.cn/A6x9'],
    ['test/exclamations', '上新啦！！快来！', 3, '！'],
    ['test/exclamations', 'New in!!!', 3, '!'],
    ['test/lines', '第一行\n第二行\n\n第四行', 4, '第四行'],
  ])('%s fires over max: %s', (rule, text, count, excerpt) => {
    const f = scoped(rule, text);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(new RegExp(`^${count}\\b`));
    expect(f[0]!.excerpt).toBe(excerpt);
  });

  it.each([
    ['test/emoji', '🎉🐱✨ 冻干上新 ©®™'],
    ['test/emoji', '👍🏻👨‍👩‍👧🇨🇳 three graphemes'],
    ['test/links', '详情 https://shop.example.com/p/1，重量3.5kg，e.g. 幼猫'],
    ['test/exclamations', '上新啦！快来!'],
    ['test/lines', '\n\n第一行\n第二行\n第三行\n\n'],
  ])('%s does not fire at or under max: %s', (rule, text) => {
    expect(scoped(rule, text)).toEqual([]);
  });

  it('length counts what the reader sees, on its channel only', () => {
    const sms = { channel: 'sms' };
    const long = '【爪爪鲜】您关注的冻干猫粮已到货，会员本周下单满199元包邮，详情请见小程序商城。回T退订';
    const f = scoped('test/length', long, sms);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe(`${[...long].length} characters, at most 40`);
    // the finding points where the limit ran out; a long overflow is shortened
    expect(f[0]!.excerpt).toBe([...long].slice(40).join(''));
    const longer = scoped('test/length', long.repeat(3), sms)[0]!;
    expect(longer.excerpt).toBe(`${long.repeat(3).slice(40, 60)}…`);
    expect(scoped('test/length', '【爪爪鲜】冻干猫粮到货了。回T退订', sms)).toEqual([]);
    expect(scoped('test/length', long, { channel: 'direct' })).toEqual([]);
  });

  it('a config tunes max like any rule option', () => {
    const text = '🎉🎉🐱🐱✨✨🔥 今晚8点直播';
    expect(fire([EXAMPLE], 'brand/emoji-overload', text, DEALS)).toHaveLength(1);
    expect(fire([EXAMPLE], 'brand/emoji-overload', text, DEALS, { 'brand/emoji-overload': { max: 10 } })).toEqual([]);
  });
});

describe('extends', () => {
  const ext = [join(PACKS, 'extends.yaml')];

  it('adds terms to a built-in lexicon', () => {
    expect(fire([], 'mass-mention', '@大家 今晚8点直播')).toEqual([]);
    expect(fire(ext, 'mass-mention', '@大家 今晚8点直播')[0]!.excerpt).toBe('@大家');
    expect(fire(ext, 'mass-mention', '@folks new menu is out')[0]!.excerpt).toBe('@folks');
    // the built-in terms still work
    expect(fire(ext, 'mass-mention', '@所有人 今晚8点直播')).toHaveLength(1);
    expect(fire(ext, 'buried-disclaimer', '猫砂特惠，点击下单（不含运费）')[0]!.excerpt).toBe('不含运费');
  });

  it('changes severity and switches rules off', () => {
    expect(fire(ext, 'mass-mention', '@所有人 本店明天停业一天', { channel: 'group', group: { name: '门店服务群', type: 'service' } })[0]!.severity).toBe('error');
    const selling = '猫粮到手价99元，点击下单';
    expect(fire([], 'off-topic-selling', selling, SHARING)).toHaveLength(1);
    expect(fire(ext, 'off-topic-selling', selling, SHARING)).toEqual([]);
  });

  it("the config's own settings win over a pack's", () => {
    expect(fire(ext, 'mass-mention', '@所有人 猫粮到手价99元', {}, { 'mass-mention': 'info' })[0]!.severity).toBe('info');
    expect(fire(ext, 'off-topic-selling', '猫粮到手价99元，点击下单', SHARING, { 'off-topic-selling': 'on' })).toHaveLength(1);
    // lexicon additions from both add up
    const both = { 'mass-mention': { lexicons: { mentions: { add: ['@伙伴们'] } } } };
    expect(fire(ext, 'mass-mention', '@伙伴们 今晚8点直播', {}, both)).toHaveLength(1);
    expect(fire(ext, 'mass-mention', '@大家 今晚8点直播', {}, both)).toHaveLength(1);
  });

  it('the example pack extends absolute-claim with the brand\'s own claims', () => {
    expect(fire([], 'absolute-claim', '兽医首选的猫粮', { channel: 'direct' })).toEqual([]);
    expect(fire([EXAMPLE], 'absolute-claim', '兽医首选的猫粮', { channel: 'direct' })[0]!.excerpt).toBe('兽医首选');
    expect(fire([EXAMPLE], 'absolute-claim', '獸醫首選的貓糧', { channel: 'direct' })[0]!.excerpt).toBe('獸醫首選');
  });
});

describe('pack rules in the run', () => {
  it("the example pack's own examples fire and pass as they say", () => {
    const rules = (parseYaml(readFileSync(EXAMPLE, 'utf8')) as { rules: Array<{ id: string; channels?: string[]; scope?: { channels?: string[] }; examples?: { fires?: string[]; passes?: string[] } }> }).rules;
    let checked = 0;
    for (const r of rules) {
      const channel = r.scope?.channels?.[0] ?? r.channels?.[0] ?? 'direct';
      for (const text of r.examples?.fires ?? []) expect(fire([EXAMPLE], r.id, text, { channel }), `${r.id} should fire on ${text}`).not.toEqual([]);
      for (const text of r.examples?.passes ?? []) expect(fire([EXAMPLE], r.id, text, { channel }), `${r.id} should pass ${text}`).toEqual([]);
      checked += (r.examples?.fires?.length ?? 0) + (r.examples?.passes?.length ?? 0);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('are scored, suppressible and listed in the report like built-ins', () => {
    const yaml = JSON.stringify({
      version: 1,
      campaigns: [
        { id: 'c1', channel: 'direct', messages: ['三周根治泪痕'] },
        { id: 'c2', channel: 'direct', messages: [{ text: '三周根治泪痕', ignore: [{ rule: 'brand/medical-claim', reason: '已获兽医院授权的说法' }] }] },
      ],
    });
    const r = audit(yaml, { config: { packs: [EXAMPLE] } });
    const [c1, c2] = r.campaigns;
    expect(c1!.findings.some((f) => f.ruleId === 'brand/medical-claim' && f.penalty === 24)).toBe(true);
    expect(c2!.suppressed.map((f) => f.ruleId)).toContain('brand/medical-claim');
    expect(c2!.score).toBeGreaterThan(c1!.score);
    expect(r.rules!.map((x) => x.id)).toContain('brand/medical-claim');
  });

  it('a rule\'s trust: weights move the trust profile', () => {
    const yaml = one('这款猫粮有神奇功效', { channel: 'direct' });
    const without = audit(yaml).campaigns[0]!.trust as TrustProfile;
    const withPack = audit(yaml, { config: { packs: [join(PACKS, 'trust.yaml')] } }).campaigns[0]!.trust as TrustProfile;
    expect(withPack.credibility).toBeLessThan(without.credibility);
    expect(withPack.selfOrientation).toBeGreaterThan(without.selfOrientation);
    // the config's own trust weights win
    const cfg = { packs: [join(PACKS, 'trust.yaml')], trust: { rules: { 'test/miracle': { credibility: 0 } } } };
    expect((audit(yaml, { config: cfg }).campaigns[0]!.trust as TrustProfile).credibility).toBe(without.credibility);
  });

  it('a folder loads every *.yaml / *.yml in it, and nothing else', () => {
    const r = audit(one('神药！', { channel: 'direct' }), { config: { packs: [join(PACKS, 'folder')] } });
    expect(findings(r, 'folder/a')).toHaveLength(1);
    expect(findings(r, 'folder/b')).toHaveLength(1);
  });

  it('the same run without packs knows nothing of them', () => {
    expect(audit(one('三周根治泪痕', { channel: 'direct' })).rules!.map((x) => x.id)).not.toContain('brand/medical-claim');
  });
});

/** 1-based line of the first line of `file` containing `marker`. */
function lineOf(file: string, marker: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`marker ${marker} not in ${file}`);
  return i + 1;
}

function packError(packs: string[]): InputError {
  try {
    audit(one('测试', { channel: 'direct' }), { config: { packs } });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

function expectPackError(name: string, marker: string, message: RegExp): void {
  const file = join(PACKS, 'broken', name);
  const e = packError([file]);
  expect(e.file).toMatch(new RegExp(`fixtures/packs/broken/${name.replace('.', '\\.')}$`));
  expect(e.line).toBe(lineOf(file, marker));
  expect(e.message).toMatch(message);
}

describe('broken packs stop the run with file and line', () => {
  it.each([
    ['unknown-type.yaml', 'type: sparkle', /test\/sparkle\.type: unknown rule type "sparkle" \(expected lexicon \| pattern \| metric\)/],
    ['missing-field.yaml', '- id: test/no-advice', /test\/no-advice\.advice: is required/],
    ['missing-terms.yaml', '- id: test/no-terms', /test\/no-terms\.terms: a lexicon rule needs a non-empty list of terms/],
    ['unknown-metric.yaml', 'metric: words', /unknown metric "words" \(expected emoji \| length \| links \| exclamations \| lines\)/],
    ['metric-no-max.yaml', 'metric: emoji', /test\/no-max\.max: a metric rule needs max/],
    ['collision.yaml', '- id: mass-mention', /"mass-mention" is a built-in rule id/],
    ['reserved.yaml', '- id: duplicate-blast', /"duplicate-blast" is a built-in rule id/],
    ['unknown-extends.yaml', 'mass-mentoin:', /extends: unknown rule "mass-mentoin"/],
    ['bad-extends-lexicon.yaml', 'names:', /extends\.mass-mention\.lexicons\.names: the rule has no lexicon "names" \(it has: mentions\)/],
    ['unknown-field.yaml', 'term: [错字]', /unknown field "term" \(did you mean terms\?\)/],
    ['bad-channel.yaml', 'channels: [group, wechat]', /test\/channel\.scope\.channels: unknown value "wechat"/],
    ['bad-position.yaml', 'position: footer', /unknown value "footer" \(expected any \| tail \| parentheses \| footnote \| fine_print\)/],
    ['bad-trust.yaml', 'honesty: 0.2', /test\/trust\.trust\.honesty: unknown trust axis/],
    ['bad-severity.yaml', 'severity: critical', /test\/severity\.severity: expected error \| warning \| info/],
    ['not-a-pack.yaml', '- id: test/list', /expected a rule pack/],
  ])('%s', (file, marker, message) => {
    expectPackError(file, marker, message);
  });

  it('duplicate ids name both places', () => {
    const file = join(PACKS, 'broken', 'duplicate-id.yaml');
    const e = packError([file]);
    const lines = readFileSync(file, 'utf8').split('\n').flatMap((l, i) => (l.includes('- id: test/twice') ? [i + 1] : []));
    expect(e.line).toBe(lines[1]);
    expect(e.message).toContain(`already defined at `);
    expect(e.message).toMatch(new RegExp(`duplicate-id\\.yaml:${lines[0]}$`));
  });

  it('invalid YAML names the file and the line of the error', () => {
    const e = packError([join(PACKS, 'broken', 'bad-yaml.yaml')]);
    expect(e.message).toMatch(/^invalid YAML/);
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.line).toBeLessThanOrEqual(5);
  });

  it('a missing pack, or a folder without packs, is an input error', () => {
    expect(packError([join(PACKS, 'no-such-pack.yaml')]).message).toBe('rule pack not found');
    expect(packError([join(ROOT, 'src', 'text')]).message).toMatch(/no rule packs/);
  });

  it('every broken fixture is rejected', () => {
    for (const name of readdirSync(join(PACKS, 'broken'))) expect(() => packError([join(PACKS, 'broken', name)])).not.toThrow();
  });
});

describe('command line', () => {
  it('check --rules-dir runs a pack end to end', () => {
    const r = cli(['check', 'fixtures/packs/pet-food-drafts.yaml', '--rules-dir', 'rules/examples/brand-banned-claims.yaml', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { campaigns: Array<{ id: string; findings: Finding[] }> };
    const ids = (id: string) => report.campaigns.find((c) => c.id === id)!.findings.map((f) => f.ruleId);
    expect(ids('tear-stain-launch')).toEqual(expect.arrayContaining(['brand/medical-claim', 'brand/competitor-name', 'brand/phone-in-group', 'brand/emoji-overload', 'brand/hidden-gift-terms']));
    expect(ids('tw-skin-care')).toContain('brand/medical-claim');
    expect(ids('en-coat-formula')).toEqual(expect.arrayContaining(['brand/medical-claim', 'absolute-claim']));
    expect(ids('cosy-cat-videos').filter((id) => id.startsWith('brand/'))).toEqual([]);
    const phone = report.campaigns[0]!.findings.find((f) => f.ruleId === 'brand/phone-in-group')!;
    expect(phone).toMatchObject({ file: 'fixtures/packs/pet-food-drafts.yaml', line: lineOf(join(PACKS, 'pet-food-drafts.yaml'), '138-1234-5678') });
  });

  it('--rules-dir takes a folder and can be repeated', () => {
    const r = cli(['check', 'fixtures/packs/pet-food-drafts.yaml', '--rules-dir', 'fixtures/packs/folder', '--rules-dir', 'fixtures/packs/extends.yaml', '--format', 'json']);
    const all = (JSON.parse(r.stdout) as { campaigns: Array<{ findings: Finding[] }> }).campaigns.flatMap((c) => c.findings.map((f) => f.ruleId));
    expect(all).toContain('folder/b');
    expect(all).not.toContain('off-topic-selling');
  });

  it('a broken pack exits 2 with file:line:column and no stack trace', () => {
    const r = cli(['check', 'fixtures/packs/pet-food-drafts.yaml', '--rules-dir', 'fixtures/packs/broken/bad-regex.yaml']);
    expect(r.code).toBe(2);
    const line = lineOf(join(PACKS, 'broken', 'bad-regex.yaml'), "(?<=价格)");
    expect(r.stderr).toMatch(new RegExp(`^scrm-audit: fixtures/packs/broken/bad-regex\\.yaml:${line}:\\d+: test/lookbehind: invalid regular expression`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('packs from the config, with the config\'s overrides on top', () => {
    const r = cli(['check', 'fixtures/packs/pet-food-drafts.yaml', '--config', 'fixtures/packs/config/.scrm-audit.yaml', '--format', 'json']);
    const all = (JSON.parse(r.stdout) as { campaigns: Array<{ findings: Finding[] }> }).campaigns.flatMap((c) => c.findings);
    expect(all.some((f) => f.ruleId === 'brand/medical-claim')).toBe(true);
    // max raised to 10 by the config: 7 emoji pass
    expect(all.some((f) => f.ruleId === 'brand/emoji-overload')).toBe(false);
  });

  it('rules and explain list pack rules', () => {
    const list = cli(['rules', '--rules-dir', 'rules/examples/brand-banned-claims.yaml', '--format', 'json', '--lang', 'en']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<{ id: string; severity: string; title: string }>;
    expect(rows.find((x) => x.id === 'brand/medical-claim')).toMatchObject({ severity: 'error', title: 'Medical claim for a pet food' });
    // the pack's extends show too
    expect(rows.find((x) => x.id === 'mass-mention')!.severity).toBe('error');
    const ex = cli(['explain', 'brand/medical-claim', '--rules-dir', 'rules/examples', '--lang', 'zh']);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toContain('宠物食品的医疗宣称');
    expect(ex.stdout).toContain('新品冻干，三周根治泪痕！');
    expect(cli(['explain', 'brand/medical-claim']).code).toBe(2);
  });
});

describe('checkCampaigns options', () => {
  it('packs: (--rules-dir) add to the config\'s packs, and applying them twice is harmless', () => {
    const campaigns = loadDrafts(one('三周根治泪痕，神药', { channel: 'direct' }), 'd.yaml', { timezone: 'Asia/Shanghai' });
    const config = parseConfig({ packs: [EXAMPLE] }, join(ROOT, '.scrm-audit.yaml'));
    const r = checkCampaigns(campaigns, { config, lang: 'en', packs: [join(PACKS, 'folder')] });
    const ids = findings(r).map((f) => f.ruleId);
    expect(ids).toContain('brand/medical-claim');
    expect(ids).toContain('folder/a');
  });
});
