import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfig, loadConfig, parseConfig } from '../src/config/config.js';
import { InputError } from '../src/errors.js';
import { audit, findings, one } from './helpers.js';

const PING = one('@所有人 猫粮到手价99元，点击下单');

function configError(data: unknown): InputError {
  try {
    parseConfig(data, 'team.yaml');
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('config changes what the rules do', () => {
  it.each([['off'], [false], [{ enabled: false }], [{ severity: 'off' }]])('turns a rule off: %j', (setting) => {
    expect(findings(audit(PING), 'mass-mention')).toHaveLength(1);
    expect(findings(audit(PING, { config: { rules: { 'mass-mention': setting } } }), 'mass-mention')).toEqual([]);
  });

  it('changes severity, also over a rule’s context-dependent severity', () => {
    const notice = one('@所有人 本店明天停业一天', { group: { name: '门店服务群', type: 'service' } });
    expect(findings(audit(notice), 'mass-mention')[0]!.severity).toBe('info');
    expect(findings(audit(notice, { config: { rules: { 'mass-mention': 'error' } } }), 'mass-mention')[0]!.severity).toBe('error');
    expect(findings(audit(PING, { config: { rules: { 'mass-mention': { severity: 'warning' } } } }), 'mass-mention')[0]!.severity).toBe('warning');
  });

  it('changes the penalty, and the score with it', () => {
    const base = audit(PING);
    const heavy = audit(PING, { config: { rules: { 'mass-mention': { penalty: 40 } } } });
    expect(findings(base, 'mass-mention')[0]!.penalty).toBe(15);
    expect(findings(heavy, 'mass-mention')[0]!.penalty).toBe(40);
    expect(heavy.campaigns[0]!.score).toBe(base.campaigns[0]!.score - 25);
  });

  it('adds and removes terms of a rule’s lexicon', () => {
    const text = one('@大家 今晚八点直播');
    expect(findings(audit(text), 'mass-mention')).toEqual([]);
    expect(findings(audit(text, { config: { rules: { 'mass-mention': { lexicons: { mentions: { add: ['@大家'] } } } } } }), 'mass-mention')).toHaveLength(1);
    // a bare list means "add these"
    expect(findings(audit(text, { config: { rules: { 'mass-mention': { lexicons: { mentions: ['@大家'] } } } } }), 'mass-mention')).toHaveLength(1);
    const en = one('@here who is coming tonight?');
    expect(findings(audit(en, { config: { rules: { 'mass-mention': { lexicons: { mentions: { remove: ['@here'] } } } } } }), 'mass-mention')).toEqual([]);
  });

  it('replaces a lexicon with `terms`', () => {
    const cfg = { rules: { 'mass-mention': { lexicons: { mentions: { terms: ['@大家'] } } } } };
    expect(findings(audit(one('@大家 早'), { config: cfg }), 'mass-mention')).toHaveLength(1);
    expect(findings(audit(one('@所有人 早'), { config: cfg }), 'mass-mention')).toEqual([]);
  });

  it('adds and removes terms of a shared lexicon (selling cues)', () => {
    const group = { group: { name: '养猫交流群' } };
    const custom = one('周末到店自提价更划算', group);
    expect(findings(audit(custom), 'off-topic-selling')).toEqual([]);
    expect(findings(audit(custom, { config: { lexicons: { selling: { add: ['自提价'] } } } }), 'off-topic-selling')).toHaveLength(1);
    const coupon = one('领券再减20，快来', group);
    expect(findings(audit(coupon), 'off-topic-selling')).toHaveLength(1);
    expect(findings(audit(coupon, { config: { lexicons: { selling: { remove: ['领券', '减#元'] } } } }), 'off-topic-selling')).toEqual([]);
  });

  it('sets a rule’s options, inline or under `options`', () => {
    const vip = one('新品到店，会员价199元', { group: { name: '黑卡会员群' } });
    expect(findings(audit(vip), 'off-topic-selling')).toEqual([]);
    expect(findings(audit(vip, { config: { rules: { 'off-topic-selling': { sharing_types: ['sharing', 'vip'] } } } }), 'off-topic-selling')).toHaveLength(1);
    expect(findings(audit(vip, { config: { rules: { 'off-topic-selling': { options: { sharing_types: ['vip'] } } } } }), 'off-topic-selling')).toHaveLength(1);
  });

  it('reads gate settings and scoring weights', () => {
    const cfg = parseConfig({ fail_under: 75, max_warnings: 3, lang: 'zh', timezone: 'Asia/Taipei', scoring: { base: 70, channel_weight: { sms: 2 } } }, 'c.yaml');
    expect(cfg).toMatchObject({ failUnder: 75, maxWarnings: 3, lang: 'zh', timezone: 'Asia/Taipei' });
    expect(cfg.scoring.base).toBe(70);
    expect(cfg.scoring.channelWeight.sms).toBe(2);
    expect(cfg.scoring.channelWeight.group).toBe(1);
  });
});

describe('config discovery', () => {
  const root = mkdtempSync(join(tmpdir(), 'scrm-config-'));
  const deep = join(root, 'brand', 'campaigns', '2026');
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(root, '.scrm-audit.yaml'), 'fail_under: 70\n');

  it('finds the nearest .scrm-audit.yaml from the working directory upward', () => {
    expect(findConfig(deep)).toBe(join(root, '.scrm-audit.yaml'));
    expect(loadConfig(undefined, deep).failUnder).toBe(70);
  });

  it('a nearer config wins, and .yml / .json names count', () => {
    writeFileSync(join(root, 'brand', '.scrm-audit.json'), JSON.stringify({ fail_under: 80 }));
    expect(loadConfig(undefined, deep).failUnder).toBe(80);
    writeFileSync(join(deep, '.scrm-audit.yml'), 'fail_under: 90\n');
    expect(loadConfig(undefined, deep).failUnder).toBe(90);
  });

  it('--config names one explicitly, relative to the working directory', () => {
    writeFileSync(join(root, 'strict.yaml'), 'fail_under: 95\n');
    expect(loadConfig('../../../strict.yaml', deep).failUnder).toBe(95);
  });

  // (a config in a parent of the temp folder would be found; there is none on a clean machine)
  const bare = mkdtempSync(join(tmpdir(), 'scrm-noconfig-'));
  it.skipIf(!!findConfig(bare))('without any config, the defaults apply', () => {
    expect(loadConfig(undefined, bare)).toMatchObject({ failUnder: 60, maxWarnings: -1, rules: {} });
  });
});

describe('bad config is an InputError naming the file', () => {
  it.each([
    [{ rules: { 'mass-mention': 'loud' } }, 'rules.mass-mention: expected off | on | error | warning | info'],
    [{ rules: { 'mass-mention': { severity: 'fatal' } } }, 'rules.mass-mention.severity: expected error | warning | info | off'],
    [{ rules: { 'mass-mention': { penalty: 500 } } }, 'rules.mass-mention.penalty: expected a number from 0 to 100'],
    [{ rules: ['mass-mention'] }, 'rules: expected a mapping'],
    [{ fail_under: 'high' }, 'fail_under: expected a number from 0 to 100'],
    [{ lang: 'fr' }, 'lang: expected zh | en'],
    [{ timezone: 'Mars/Olympus' }, 'timezone: unknown time zone'],
    [{ lexicons: { selling: 'x' } }, 'lexicons.selling: expected { add: [...], remove: [...] }'],
    [{ lexicons: 3 }, 'lexicons: expected a mapping'],
    [{ scoring: 5 }, 'scoring: expected a mapping'],
    [{ scoring: { channel_weight: { fax: 1 } } }, 'scoring.channel_weight.fax: unknown channel'],
    [['a list'], 'expected a mapping at the top level'],
  ])('%j', (data, message) => {
    const e = configError(data);
    expect(e.file).toBe('team.yaml');
    expect(e.message).toContain(message);
    expect(e.format()).toMatch(/^team\.yaml: /);
  });

  it('a lexicon the rule does not have', () => {
    expect(() => audit(PING, { config: { rules: { 'mass-mention': { lexicons: { nope: ['x'] } } } } })).toThrow(/rules\.mass-mention\.lexicons\.nope: the rule has no lexicon "nope" \(it has: mentions\)/);
  });

  it('invalid YAML names the file, line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-badcfg-'));
    writeFileSync(join(dir, '.scrm-audit.yaml'), 'rules:\n  mass-mention: [1\n');
    try {
      loadConfig(undefined, dir);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).format()).toMatch(/\.scrm-audit\.yaml:3:1: invalid YAML/);
    }
  });

  it('an explicit config that does not exist', () => {
    expect(() => loadConfig('missing.yaml', tmpdir())).toThrow(/config file not found/);
  });
});
