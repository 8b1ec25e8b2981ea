/** Suppressions with reasons (CONTRACTS §6): `ignore: [{ rule, reason }]` on a message or a campaign. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers.js';
import { check, configKeeping, tree } from './ci-helpers.js';
import { InputError } from '../src/errors.js';

const SERVICE_GROUP = 'group: { name: 门店服务群, type: service }';

/** One group campaign, one message, optional ignores (YAML). */
function drafts(text: string, opts: { messageIgnore?: string; campaignIgnore?: string; group?: string } = {}): string {
  return [
    'version: 1',
    'campaigns:',
    '  - id: c1',
    '    channel: group',
    `    ${opts.group ?? SERVICE_GROUP}`,
    ...(opts.campaignIgnore ? ['    ignore:', ...opts.campaignIgnore.split('\n').map((l) => `      ${l}`)] : []),
    '    messages:',
    '      - id: m1',
    `        text: ${JSON.stringify(text)}`,
    ...(opts.messageIgnore ? ['        ignore:', ...opts.messageIgnore.split('\n').map((l) => `          ${l}`)] : []),
  ].join('\n');
}

const ignore = (rule: string, reason: string) => `- rule: ${rule}\n  reason: ${JSON.stringify(reason)}`;

describe('a suppressed finding is not a finding', () => {
  it.each([
    ['Simplified', '@所有人 本店明天停业一天，给大家带来不便敬请谅解', '停业通知需要每位顾客看到'],
    ['Traditional', '@全體成員 本店明天停業一天，造成不便敬請見諒', '停業通知需要每位顧客看到'],
    ['English', '@everyone the store is closed tomorrow for repairs', 'Closure notice every customer must see'],
  ])('%s: on the message, with its reason', (_lang, text, reason) => {
    const plain = check(drafts(text));
    expect(plain.summary.findings).toBe(1);
    const r = check(drafts(text, { messageIgnore: ignore('mass-mention', reason) }));
    expect(r.summary.findings).toBe(0);
    expect(r.summary.suppressed).toBe(1);
    const [s] = r.campaigns[0]!.suppressed;
    expect(s).toMatchObject({ ruleId: 'mass-mention', messageId: 'm1', reason });
    // the suppressed finding keeps its position, for reviewers
    expect(s!.line).toBe(plain.campaigns[0]!.findings[0]!.line);
    // and takes nothing off the score
    expect(r.campaigns[0]!.score).toBeGreaterThan(plain.campaigns[0]!.score);
    expect(r.campaigns[0]!.unusedSuppressions).toBeUndefined();
  });

  it('on the campaign, it covers every message', () => {
    const yaml = [
      'campaigns:',
      '  - id: c1',
      '    channel: group',
      `    ${SERVICE_GROUP}`,
      '    ignore:',
      '      - rule: mass-mention',
      '        reason: 安全通知',
      '    messages:',
      '      - "@所有人 今晚停水，请提前储水"',
      '      - "@all water is off tonight"',
    ].join('\n');
    const r = check(yaml);
    expect(r.summary.findings).toBe(0);
    expect(r.campaigns[0]!.suppressed.map((s) => s.messageId)).toEqual(['m1', 'm2']);
  });

  it('hides only the rule it names', () => {
    const text = '@所有人 新款猫粮到手价99元，点击下单';
    const group = 'group: { name: 萌爪养猫交流群, type: sharing }';
    const r = check(drafts(text, { group, messageIgnore: ignore('mass-mention', '新品发布') }));
    expect(r.campaigns[0]!.findings.map((f) => f.ruleId)).toEqual(['off-topic-selling']);
    expect(r.campaigns[0]!.suppressed.map((f) => f.ruleId)).toEqual(['mass-mention']);
  });

  it('lets the gate pass when the only error is suppressed', () => {
    const text = '@所有人 新款猫粮到手价99元，点击下单';
    expect(check(drafts(text)).summary.passed).toBe(false);
    expect(check(drafts(text, { messageIgnore: ignore('mass-mention', '老板同意') })).summary.passed).toBe(true);
  });
});

describe('unused suppressions are reported', () => {
  const text = '周末读书会照常，欢迎带上最近在读的书。';
  const yaml = drafts(text, { messageIgnore: ignore('mass-mention', '以前需要') });

  it('listed with their line in the JSON report and counted in the summary', () => {
    const r = check(yaml);
    expect(r.campaigns[0]!.unusedSuppressions).toEqual([{ rule: 'mass-mention', reason: '以前需要', line: 10, messageId: 'm1' }]);
    expect(r.summary.unusedSuppressions).toBe(1);
    expect(r.summary.passed).toBe(true); // a stale ignore is a warning to clean up, not a gate failure
  });

  it('as a line in the text report, in both languages', () => {
    const dir = tree({ 'drafts.yaml': yaml, 'cfg.yaml': configKeeping() });
    const en = cli(['check', 'drafts.yaml', '--config', 'cfg.yaml', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain('unused ignore drafts.yaml:10 mass-mention (m1): no such finding to suppress; remove this ignore');
    const zh = cli(['check', 'drafts.yaml', '--config', 'cfg.yaml', '--lang', 'zh'], { cwd: dir });
    expect(zh.stdout).toContain('未使用的豁免 drafts.yaml:10 mass-mention (m1)');
    expect(en.code).toBe(0);
  });

  it('a used suppression is not reported as unused', () => {
    const r = check(drafts('@all hi', { messageIgnore: ignore('mass-mention', 'ok') }));
    expect(r.summary.unusedSuppressions).toBeUndefined();
  });
});

describe('invalid suppressions are input errors (exit 2, file and line)', () => {
  const err = (f: () => unknown): InputError => {
    try {
      f();
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('no error');
  };

  it('an ignore without a reason', () => {
    const e = err(() => check(drafts('@all hi', { messageIgnore: '- rule: mass-mention' })));
    expect(e.format()).toMatch(/^drafts\.yaml:10:13: campaigns\[0\]\.messages\[0\]\.ignore\[0\]\.reason: is required/);
    const blank = err(() => check(drafts('@all hi', { messageIgnore: ignore('mass-mention', '   ') })));
    expect(blank.message).toMatch(/reason: is required/);
  });

  it('an ignore naming an unknown rule, with a suggestion', () => {
    const e = err(() => check(drafts('@all hi', { messageIgnore: ignore('mass-mentoin', 'typo') })));
    expect(e.file).toBe('drafts.yaml');
    expect(e.line).toBe(10);
    expect(e.message).toBe('ignore: unknown rule "mass-mentoin" (did you mean mass-mention?); `scrm-audit rules` lists the rule ids');
    const campaignLevel = err(() => check(drafts('@all hi', { campaignIgnore: ignore('no-such-rule', 'x') })));
    expect(campaignLevel.line).toBe(7); // the `- rule:` item under the campaign's `ignore:`
    expect(campaignLevel.message).toMatch(/^ignore: unknown rule "no-such-rule"/);
  });

  it('on the command line: one line naming file and line, exit 2 (YAML and Markdown)', () => {
    const dir = tree({
      'drafts.yaml': drafts('@all hi', { messageIgnore: ignore('mass_mention', 'typo') }),
      'copy/x.md': '---\nchannel: group\nignore:\n  - rule: masss-mention\n    reason: 通知\n---\n@所有人 明天停业\n',
    });
    const y = cli(['check', 'drafts.yaml'], { cwd: dir });
    expect(y.code).toBe(2);
    expect(y.stderr).toBe('scrm-audit: drafts.yaml:10: ignore: unknown rule "mass_mention" (did you mean mass-mention?); `scrm-audit rules` lists the rule ids\n');
    const m = cli(['check', 'copy'], { cwd: dir });
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^scrm-audit: copy\/x\.md:4: ignore: unknown rule "masss-mention"/);
  });

  it('a rule turned off in the config is still a known rule', () => {
    const dir = tree({ 'drafts.yaml': drafts('hello', { messageIgnore: ignore('mass-mention', 'x') }) });
    writeFileSync(join(dir, 'cfg.yaml'), 'rules:\n  mass-mention: off\n');
    expect(cli(['check', 'drafts.yaml', '--config', 'cfg.yaml'], { cwd: dir }).code).not.toBe(2);
  });
});
