/**
 * Issue 14: nothing a user writes can flip the gate, lose a file or reach the
 * terminal raw. One block per class of problem; each case failed before its fix.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { parseConfig, readConfigFile, type Config } from '../src/config/config.js';
import { InputError } from '../src/errors.js';
import { loadDrafts } from '../src/drafts/load.js';
import { auditCampaigns } from '../src/engine/audit.js';
import { builtinRules } from '../src/rules/index.js';
import { scoreCampaign } from '../src/scoring/score.js';
import { FORMATTERS } from '../src/formatters/index.js';
import type { Report } from '../src/report/report.js';
import { cli } from './helpers.js';
import { runInProcess } from './in-process.js';

const run = runInProcess;

function dir(files: Record<string, string | Buffer> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'scrm-rel-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), content);
  }
  return d;
}

// A selling @all post in a sharing group: fails the gate (errors) without any config.
const BAD_POST = `version: 1
campaigns:
  - id: kitten-food
    channel: group
    group: { name: 萌爪养猫交流群 }
    messages:
      - "@所有人 幼猫粮新品到手价89元，点击链接下单"
`;

const STACK = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('the config cannot flip the gate', () => {
  const withConfig = async (config: string, extra: string[] = []) => {
    const d = dir({ 'drafts.yaml': BAD_POST, 'cfg.yaml': config });
    return run(['check', join(d, 'drafts.yaml'), '-c', join(d, 'cfg.yaml'), '--lang', 'en', ...extra]);
  };

  it('without a config the example fails the gate', async () => {
    expect((await withConfig('lang: en\n')).code).toBe(1);
  });

  it('a misspelt key is an error with a did-you-mean and its line', async () => {
    const r = await withConfig('lang: en\nfail_undr: 90\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cfg\.yaml:2:1: fail_undr: unknown key \(did you mean fail_under/);
  });

  it('a misspelt rule id is an error with a did-you-mean', async () => {
    const r = await withConfig('rules:\n  templat-tone: off\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cfg\.yaml:2:3: rules\.templat-tone: unknown rule \(did you mean template-tone\?\)/);
  });

  it('a factor that is not a number, or negative, is exit 2 — never NaN or a negative penalty that passes the gate', async () => {
    const nan = await withConfig('rules:\n  mass-mention: {options: {context: {selling: {severity: fatal, factor: "x"}}}}\n');
    expect(nan.code).toBe(2);
    expect(nan.stderr).toContain('rules.mass-mention.options.context.selling.factor: expected a number ≥ 0, got "x"');
    expect(nan.stderr).toContain('rules.mass-mention.options.context.selling.severity: expected error | warning | info, got "fatal"');
    const neg = await withConfig('rules:\n  off-topic-selling: {options: {answered: {severity: loud, factor: -3}}}\n');
    expect(neg.code).toBe(2);
    expect(neg.stderr).toMatch(/:2:\d+: rules\.off-topic-selling\.options\.answered\.factor: expected a number ≥ 0, got -3/);
    const inline = await withConfig('rules:\n  mass-mention: {context: {selling: {severity: error, factor: .nan}}}\n');
    expect(inline.code).toBe(2);
    expect(inline.stderr).toContain('rules.mass-mention.context.selling.factor: expected a number ≥ 0');
  });

  it('an unknown option is an error with a did-you-mean', async () => {
    const r = await withConfig('rules:\n  template-tone: { emoji_rn: 2 }\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.template-tone\.emoji_rn: unknown option \(did you mean emoji_run\?\)/);
  });

  it('every error at once, each on its own line with file:line:column', async () => {
    const r = await withConfig('fail_undr: 90\nscoring:\n  channel_weight: { sms: .inf }\n  grades: { A: 30, B: 80 }\nrules:\n  mass-mention: { penalty: -1 }\n');
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const l of lines) expect(l).toMatch(/^scrm-audit: .*cfg\.yaml:\d+:\d+: /);
    expect(r.stderr).toContain('scoring.channel_weight.sms: expected a number from 0 to 10 (a finite number), got Infinity');
    expect(r.stderr).toContain('scoring.grades: A (30) must be at least B (80)');
    expect(r.stderr).toContain('rules.mass-mention.penalty: expected a number from 0 to 100, got -1');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('grades out of order are refused (39 would show as A)', () => {
    expect(() => parseConfig({ scoring: { grades: { A: 30 } } }, 'c.yaml')).toThrow(/A \(30\) must be at least B \(80\)/);
    expect(() => parseConfig({ scoring: { grades: { A: 95, B: 85, C: 75, D: 65 } } }, 'c.yaml')).not.toThrow();
  });

  it('--fail-under "" and --max-warnings 2.5 are usage errors, not 0 and 2', async () => {
    const d = dir({ 'drafts.yaml': BAD_POST });
    const empty = await run(['check', join(d, 'drafts.yaml'), '--fail-under', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--fail-under: expected a number from 0 to 100, got ""');
    const frac = await run(['check', join(d, 'drafts.yaml'), '--max-warnings', '2.5']);
    expect(frac.code).toBe(2);
    expect(frac.stderr).toContain('--max-warnings: expected a whole number ≥ -1, got "2.5"');
  });

  it('YAML anchors, aliases and merge keys work in the config, with a cap on alias expansion', () => {
    const ok = dir({ 'cfg.yaml': 'rules:\n  mass-mention: &mm { penalty: 5 }\n  absolute-claim: { <<: *mm, severity: warning }\n  template-tone: &off off\n  self-serving-ask: *off\n' });
    const r = readConfigFile(join(ok, 'cfg.yaml'));
    const cfg = parseConfig(r.data, 'cfg.yaml', r.positions);
    expect(cfg.rules['absolute-claim']).toMatchObject({ penalty: 5, severity: 'warning' });
    expect(cfg.rules['self-serving-ask']).toEqual({ enabled: false });
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const bomb = dir({ 'cfg.yaml': `logs:\n${laughs.map((l) => `  ${l}`).join('\n')}\n` });
    expect(() => readConfigFile(join(bomb, 'cfg.yaml'))).toThrow(/alias/);
  });
});

describe('property: over random configs, scores stay finite in 0–100 and a finding never raises one', () => {
  const drafts = () => loadDrafts(
    JSON.stringify({
      version: 1,
      campaigns: [
        { id: 'a', channel: 'group', group: { name: '养猫交流群' }, messages: ['@所有人 新品到手价99元，手慢无！！！'] },
        { id: 'b', channel: 'sms', messages: ['【萌爪】全场最低价，仅剩3份，点击购买'] },
        { id: 'c', channel: 'direct', audience: { tags: ['英短'] }, messages: ['{{name}} 您好，您的订单已发货'] },
        { id: 'd', channel: 'moments', messages: ['家人们！！！今天直播间福利多多'] },
      ],
    }),
    'p.json',
    { timezone: 'Asia/Shanghai' },
  );
  // Mostly numbers a config would hold (so most configs get past parsing and reach the score), sometimes anything.
  const num = fc.oneof(
    { arbitrary: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 10, noNaN: true }), fc.constantFrom(0, 0.5, 1, 2)), weight: 12 },
    { arbitrary: fc.oneof(fc.double(), fc.integer({ min: -50, max: 200 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, -3)), weight: 1 },
  );
  const anyValue = fc.oneof({ arbitrary: num, weight: 6 }, { arbitrary: fc.oneof(fc.string({ maxLength: 4 }), fc.constant(null), fc.boolean(), fc.constantFrom(-3, Number.NaN)), weight: 1 });
  const configArb = fc.record(
    {
      fail_under: num,
      scoring: fc.record(
        {
          base: num,
          signal_cap: num,
          channel_weight: fc.record({ group: num, sms: num, moments: num, direct: num }, { requiredKeys: [] }),
          signals: fc.record({ personalised: num, service: num }, { requiredKeys: [] }),
          grades: fc.oneof(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }).map((g) => { const [A, B, C, D] = g.sort((x, y) => y - x); return { A, B, C, D }; }), fc.record({ A: num, B: num, C: num, D: num }, { requiredKeys: [] })),
        },
        { requiredKeys: [] },
      ),
      rules: fc.record(
        {
          'mass-mention': fc.oneof(fc.record({ penalty: num }), fc.record({ options: fc.record({ context: fc.record({ selling: fc.record({ severity: fc.constantFrom('error', 'info', 'fatal'), factor: fc.oneof(num, anyValue) }) }) }) })),
          'off-topic-selling': fc.record({ penalty: num, answered: fc.record({ factor: anyValue }) }, { requiredKeys: [] }),
          'false-urgency': fc.record({ repeat_factor: anyValue }),
          'template-tone': fc.record({ factors: fc.record({ run: anyValue, caps: num }, { requiredKeys: [] }) }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

  it('holds', () => {
    const rules = builtinRules();
    let accepted = 0;
    fc.assert(
      fc.property(configArb, (raw) => {
        let config: Config;
        try {
          config = parseConfig(raw, 'c.yaml');
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          return;
        }
        let audits;
        try {
          audits = auditCampaigns(drafts(), { config, lang: 'en', rules });
        } catch (e) {
          expect(e).toBeInstanceOf(InputError); // an option the schema let through but the rule refuses: still exit 2
          return;
        }
        accepted++;
        const all = audits.flatMap((a) => a.findings);
        for (const a of audits) {
          const s = scoreCampaign(a, config.scoring);
          expect(Number.isFinite(s.score)).toBe(true);
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
          for (const m of s.messages) expect(Number.isFinite(m.score) && m.score >= 0 && m.score <= 100).toBe(true);
          for (const f of all) {
            expect(Number.isFinite(f.penalty) && f.penalty >= 0).toBe(true);
            const more = scoreCampaign({ ...a, findings: [...a.findings, { ...f, campaignId: a.campaign.id, messageId: a.messages[0]!.message.id }] }, config.scoring);
            expect(more.score).toBeLessThanOrEqual(s.score);
          }
        }
      }),
      { numRuns: 200, seed: 14 },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('outputs never replace an input, and are written atomically', () => {
  it('--output naming the input file is refused and the drafts are unchanged', async () => {
    const d = dir({ 'drafts.yaml': BAD_POST });
    const f = join(d, 'drafts.yaml');
    const r = await run(['check', f, '-o', f, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output names an input of this run');
    expect(readFileSync(f, 'utf8')).toBe(BAD_POST);
    // also through a folder input and a relative spelling of the same file
    const r2 = await run(['check', d, '-o', join(d, '.', 'drafts.yaml')]);
    expect(r2.code).toBe(2);
    expect(readFileSync(f, 'utf8')).toBe(BAD_POST);
  });

  it('logs: --output naming the log is refused and the log is unchanged', async () => {
    const log = 'time,sender,channel,recipient,text\n2026-11-11 09:00,staff,sms,c1,@所有人 最低价 点击购买\n';
    const d = dir({ 'export.csv': log });
    const f = join(d, 'export.csv');
    const r = await run(['logs', f, '--no-progress', '--timezone', 'Asia/Shanghai', '-o', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output names an input of this run');
    expect(readFileSync(f, 'utf8')).toBe(log);
  });

  it('--output naming the config is refused', async () => {
    const d = dir({ 'drafts.yaml': BAD_POST, 'cfg.yaml': 'lang: en\n' });
    const r = await run(['check', join(d, 'drafts.yaml'), '-c', join(d, 'cfg.yaml'), '-o', join(d, 'cfg.yaml')]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(d, 'cfg.yaml'), 'utf8')).toBe('lang: en\n');
  });

  it('--write-baseline naming the input file is refused', async () => {
    const d = dir({ 'drafts.yaml': BAD_POST });
    const f = join(d, 'drafts.yaml');
    const r = await run(['check', f, '--write-baseline', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--write-baseline names an input of this run');
    expect(readFileSync(f, 'utf8')).toBe(BAD_POST);
  });

  it('a report written into the drafts folder is skipped by the next run, with a note', async () => {
    const d = dir({ 'drafts.yaml': BAD_POST });
    expect((await run(['check', d, '-f', 'json', '-o', join(d, 'report.json')])).code).toBe(1);
    expect((await run(['check', d, '-f', 'sarif', '-o', join(d, 'report.sarif.json')])).code).toBe(1);
    const again = await run(['check', d, '--lang', 'en']);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/skipped .*report\.json: a JSON report scrm-audit wrote/);
    expect(again.stdout).toMatch(/skipped .*report\.sarif\.json: a SARIF log scrm-audit wrote/);
    // named explicitly, it is refused with a clear message
    const named = await run(['check', join(d, 'report.json')]);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('a JSON report scrm-audit wrote, not drafts');
  });

  it('a missing output folder is created; no temporary file is left behind', async () => {
    const d = dir({ 'drafts.yaml': BAD_POST });
    const out = join(d, 'reports', 'ci', 'audit.json');
    expect((await run(['check', join(d, 'drafts.yaml'), '-f', 'json', '-o', out])).code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).tool).toBe('scrm-audit');
    expect(readdirSync(join(d, 'reports', 'ci'))).toEqual(['audit.json']);
    // overwriting keeps the file whole (rename over it)
    expect((await run(['check', join(d, 'drafts.yaml'), '-f', 'json', '-o', out])).code).toBe(1);
    expect(readdirSync(join(d, 'reports', 'ci'))).toEqual(['audit.json']);
  });
});

describe('drafts are decoded like logs', () => {
  const TEXT = '@所有人 幼猫粮新品到手价89元，点击链接下单';
  const utf8 = BAD_POST;
  const scoreOf = (r: { stdout: string }) => (JSON.parse(r.stdout) as Report).campaigns[0]!.score;

  it('GBK, GB18030, UTF-16 LE/BE (with BOM) and UTF-8 with BOM give the same audit as UTF-8', async () => {
    const d = dir({
      'utf8.yaml': utf8,
      'gbk.yaml': iconv.encode(utf8, 'gbk'),
      'gb18030.yaml': iconv.encode(utf8, 'gb18030'),
      'utf16le.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(utf8, 'utf16le')]),
      'utf16be.yaml': Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(utf8, 'utf16be')]),
      'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)]),
      'copy.md': iconv.encode(`---\nid: md\nchannel: group\ngroup: { name: 萌爪养猫交流群 }\n---\n${TEXT}\n`, 'gbk'),
    });
    const base = await run(['check', join(d, 'utf8.yaml'), '-f', 'json']);
    expect(base.code).toBe(1);
    for (const f of ['gbk.yaml', 'gb18030.yaml', 'utf16le.yaml', 'utf16be.yaml', 'bom.yaml', 'copy.md']) {
      const r = await run(['check', join(d, f), '-f', 'json']);
      expect(r.code, `${f}: ${r.stderr}`).toBe(1);
      expect(scoreOf(r), f).toBe(scoreOf(base));
      expect((JSON.parse(r.stdout) as Report).campaigns[0]!.findings.map((x) => x.excerpt)).toContain('@所有人');
    }
  });

  it('--encoding names it; a wrong one is an input error, never mojibake', async () => {
    const d = dir({ 'gbk.yaml': iconv.encode(utf8, 'gbk'), 'utf8.yaml': utf8 });
    expect((await run(['check', join(d, 'gbk.yaml'), '--encoding', 'gbk'])).code).toBe(1);
    const wrong = await run(['check', join(d, 'gbk.yaml'), '--encoding', 'utf8']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/gbk\.yaml:\d+: not valid UTF-8/);
    expect((await run(['check', join(d, 'utf8.yaml'), '--encoding', 'klingon'])).code).toBe(2);
  });
});

describe('control and bidi characters never reach the terminal or the page raw', () => {
  const HOSTILE = `version: 1
campaigns:
  - id: "evil\\e]0;owned\\a\\e[2J"
    name: "txt.exe\\u202E 价格 99元"
    channel: group
    group: { name: "养猫交流群\\u2066" }
    messages:
      - "@所有人 \\u202E新品到手价99元\\x9b 点击下单"
`;
  const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

  it.each(['text', 'markdown', 'github', 'junit', 'html'])('%s', async (format) => {
    const d = dir({ 'drafts.yaml': HOSTILE });
    const r = await run(['check', join(d, 'drafts.yaml'), '-f', format, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(RAW);
    if (format !== 'github') expect(r.stdout).toContain('\\u202E'); // github annotations do not show the campaign name
    expect(r.stdout).toContain('\\u001B');
  });

  it('JSON keeps the data exact (escaped by JSON itself)', async () => {
    const d = dir({ 'drafts.yaml': HOSTILE });
    const r = await run(['check', join(d, 'drafts.yaml'), '-f', 'json']);
    expect((JSON.parse(r.stdout) as Report).campaigns[0]!.id).toBe('evil\x1b]0;owned\x07\x1b[2J');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
  });

  it('error messages on stderr too', async () => {
    const d = dir({ 'drafts.yaml': 'version: 1\ncampaigns:\n  - id: x\n    channel: "fax\\e[2J\\u202E"\n    messages: [hi]\n' });
    const r = await run(['check', join(d, 'drafts.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('fax\\u001B[2J\\u202E');
  });

  it('a long excerpt is cut with an ellipsis', async () => {
    const pack = `name: t\nrules:\n  - id: t/long\n    type: pattern\n    severity: warning\n    penalty: 1\n    title: long\n    messages: "{excerpt}"\n    advice: shorter\n    patterns: ['a{100,}']\n`;
    const d = dir({ 'drafts.yaml': `version: 1\ncampaigns:\n  - id: x\n    channel: group\n    messages: ["${'a'.repeat(50000)}"]\n`, 'pack.yaml': pack });
    const r = await run(['check', join(d, 'drafts.yaml'), '--rules-dir', join(d, 'pack.yaml'), '--lang', 'en']);
    const longest = Math.max(...r.stdout.split('\n').map((l) => l.length));
    expect(longest).toBeLessThan(1200);
    expect(r.stdout).toContain('a'.repeat(200) + '…');
    const html = FORMATTERS.html!(JSON.parse((await run(['check', join(d, 'drafts.yaml'), '--rules-dir', join(d, 'pack.yaml'), '-f', 'json'])).stdout) as Report, { lang: 'en', color: false });
    expect(html).toContain('a'.repeat(200) + '…');
  });
});

describe('YAML anchors, aliases and merge keys in drafts', () => {
  it('aliases for messages and merge keys for shared fields', async () => {
    const yaml = `version: 1
x-shared:
  group: &g { channel: group, group: { name: 萌爪养猫交流群 } }
  msgs: &m
    - "@所有人 幼猫粮新品到手价89元，点击链接下单"
campaigns:
  - <<: *g
    id: one
    messages: *m
  - id: two
    <<: *g
    messages: *m
`;
    const cs = loadDrafts(yaml, 'a.yaml', { timezone: 'Asia/Shanghai' });
    expect(cs.map((c) => [c.id, c.channel, c.group?.name, c.messages[0]!.text.slice(0, 4)])).toEqual([
      ['one', 'group', '萌爪养猫交流群', '@所有人'],
      ['two', 'group', '萌爪养猫交流群', '@所有人'],
    ]);
    // findings point at the anchored text (line 5)
    const d = dir({ 'a.yaml': yaml });
    const r = await run(['check', join(d, 'a.yaml'), '-f', 'json']);
    expect(r.code).toBe(1);
    const f = (JSON.parse(r.stdout) as Report).campaigns[1]!.findings.find((x) => x.ruleId === 'mass-mention')!;
    expect(f.line).toBe(5);
  });

  it('own keys win over merged ones', () => {
    const [c] = loadDrafts('d: &d { channel: sms, name: base }\ncampaigns:\n  - { <<: *d, id: a, name: own, messages: [hi] }\n', 'a.yaml');
    expect(c).toMatchObject({ channel: 'sms', name: 'own' });
  });

  it('a billion-laughs file is an input error, quickly', () => {
    // merge keys of merge keys, ten wide and nine deep: looking up one missing key would visit 10^9 mappings
    const lines = ['a0: &a0 { note: x }'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} { <<: [${Array(10).fill(`*a${i - 1}`).join(', ')}] }`);
    const yaml = `${lines.join('\n')}\ncampaigns:\n  - { <<: *a9, id: x, channel: group, messages: ["@所有人 hi"] }\n`;
    const t = Date.now();
    expect(() => loadDrafts(yaml, 'bomb.yaml')).toThrow(/too many alias expansions/);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});

describe('stdin, broken files among good ones, system errors', () => {
  it('check - reads drafts from stdin (YAML and Markdown)', () => {
    const r = cli(['check', '-', '-f', 'json'], { input: BAD_POST });
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.campaigns[0]!.source).toBe('<stdin>');
    const md = cli(['check', '-', '-f', 'json'], { input: '---\nid: m\nchannel: group\ngroup: { name: 萌爪养猫交流群 }\n---\n@所有人 新品到手价89元\n' });
    expect(md.code).toBe(1);
    expect((JSON.parse(md.stdout) as Report).campaigns[0]!.id).toBe('m');
  });

  it('a folder with one broken file: every good file is reported, every error printed, exit 2', async () => {
    const d = dir({
      'a.yaml': BAD_POST,
      'copy/bad.md': '---\nchannel: group\naudience: [oops\n---\nhi\n',
      'copy/worse.yaml': 'version: 1\ncampaigns:\n  - id: w\n    channel: wechat\n    messages: [hi]\n',
      'z.yaml': BAD_POST.replace('kitten-food', 'kitten-food-2'),
    });
    const r = await run(['check', d, '-f', 'json']);
    expect(r.code).toBe(2);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.campaigns.map((c) => c.id)).toEqual(['kitten-food', 'kitten-food-2']);
    expect(r.stderr).toMatch(/bad\.md:\d+:\d+: invalid YAML/);
    expect(r.stderr).toMatch(/worse\.yaml:4:14: campaigns\[0\]\.channel: expected group/);
    expect(r.stderr).toContain('2 file(s) could not be audited');
  });

  it('a symlink loop names the file, never "internal error"', async () => {
    const d = dir({ 'a.yaml': BAD_POST });
    symlinkSync(join(d, 'loop.yaml'), join(d, 'loop.yaml'));
    symlinkSync(d, join(d, 'sub'));
    const folder = await run(['check', d]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/loop\.yaml: .*too many levels of symbolic links/);
    expect(folder.stdout).toContain('kitten-food'); // the good file is still audited
    expect(folder.stderr).not.toContain('internal error');
    const named = await run(['check', join(d, 'loop.yaml')]);
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/loop\.yaml: .*too many levels of symbolic links/);
  });

  it('init where it cannot write says why', async () => {
    const d = dir({ 'afile': 'x' });
    const r = await run(['init', '-o', join(d, 'afile', '.scrm-audit.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot (write config|create folder).*not a directory|ENOTDIR|EEXIST/);
    expect(r.stderr).not.toContain('internal error');
  });

  it.skipIf(process.getuid?.() === 0)('init in a read-only folder says permission denied', async () => {
    const d = dir();
    chmodSync(d, 0o555);
    const r = await run(['init', '-o', join(d, '.scrm-audit.yaml')]);
    chmodSync(d, 0o755);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('permission denied');
  });

  it('very deep nesting is a clear input error', async () => {
    const d = dir({ 'deep.yaml': `campaigns: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, 'deep.json': `{"campaigns": ${'['.repeat(20000)}${']'.repeat(20000)}}` });
    for (const f of ['deep.yaml', 'deep.json']) {
      const r = await run(['check', join(d, f)]);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).not.toContain('Maximum call stack');
    }
  });
});

describe('accepted silently before, now an error or a warning', () => {
  const err = (yaml: string) => {
    try {
      loadDrafts(yaml, 'd.yaml');
    } catch (e) {
      if (e instanceof InputError) return e.format();
      throw e;
    }
    return undefined;
  };

  it('messages: [] and an empty message', () => {
    expect(err('campaigns:\n  - id: a\n    channel: group\n    messages: []\n')).toBe('d.yaml:4:15: campaigns[0].messages: is empty: a campaign needs at least one message');
    expect(err('campaigns:\n  - id: a\n    channel: group\n    messages: ["  "]\n')).toMatch(/^d\.yaml:4:16: campaigns\[0\]\.messages\[0\]: is empty/);
    expect(err('campaigns:\n  - id: a\n    channel: group\n    messages: [{ text: "" }]\n')).toMatch(/campaigns\[0\]\.messages\[0\]\.text: is empty/);
  });

  it('both send_at and schedule', () => {
    expect(err('campaigns:\n  - id: a\n    channel: sms\n    send_at: 2026-11-11T09:00:00+08:00\n    schedule: [2026-11-12T09:00:00+08:00]\n    messages: [hi]\n')).toMatch(/campaigns\[0\]\.schedule: give either send_at/);
  });

  it('defaults.channel: fax even when every campaign names its own channel', () => {
    expect(err('defaults: { channel: fax }\ncampaigns:\n  - id: a\n    channel: sms\n    messages: [hi]\n')).toMatch(/^d\.yaml:1:22: defaults\.channel: expected group \| direct \| moments \| sms, got "fax"/);
  });

  it('group given as a string is the group name, and its type is still inferred', async () => {
    const d = dir({ 'g.yaml': 'version: 1\ncampaigns:\n  - id: a\n    channel: group\n    group: 萌爪养猫交流群\n    messages: ["新品猫粮到手价99元，点击下单"]\n' });
    const r = await run(['check', join(d, 'g.yaml'), '-f', 'json']);
    expect((JSON.parse(r.stdout) as Report).campaigns[0]!.findings.map((f) => f.ruleId)).toContain('off-topic-selling');
  });

  it('duplicate campaign ids across files: both audited, and a warning says so', async () => {
    const d = dir({ 'a.yaml': BAD_POST, 'b.yaml': BAD_POST });
    const r = await run(['check', d, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/warning: campaign id "kitten-food" is used in .*a\.yaml and .*b\.yaml/);
  });
});

describe('baseline fingerprints survive edits elsewhere in the message', () => {
  const sms = (text: string) => `version: 1\ncampaigns:\n  - id: flash\n    channel: sms\n    messages:\n      - "${text}"\n`;

  it('removing one phrase does not bring back the message-level findings as new', async () => {
    const d = dir({ 'd.yaml': sms('【萌爪】手慢无！猫砂全场五折，点击购买') });
    const f = join(d, 'd.yaml');
    const b = join(d, 'baseline.json');
    expect((await run(['check', f, '--write-baseline', b])).code).toBe(0);
    writeFileSync(f, sms('【萌爪】猫砂全场五折，点击购买'));
    const r = await run(['check', f, '--baseline', b, '-f', 'json']);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.campaigns[0]!.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(rep.summary.baselineStale).toBeGreaterThanOrEqual(1); // the removed 手慢无
  });

  it('baselines written before the change still match', async () => {
    const { createHash } = await import('node:crypto');
    const { normalizeTerm } = await import('../src/text/normalize.js');
    const d = dir({ 'd.yaml': sms('【萌爪】猫砂全场五折，点击购买') });
    const f = join(d, 'd.yaml');
    const now = JSON.parse((await run(['check', f, '-f', 'json'])).stdout) as Report;
    const old = now.campaigns[0]!.findings.map((x) => ({
      fingerprint: createHash('sha256').update([x.ruleId, x.campaignId, x.messageId ?? '', normalizeTerm(x.excerpt)].join('\u0000')).digest('hex').slice(0, 20),
      ruleId: x.ruleId,
      campaignId: x.campaignId,
      excerpt: x.excerpt,
      count: 1,
    }));
    writeFileSync(join(d, 'old.json'), JSON.stringify({ tool: 'scrm-audit', baselineVersion: 1, findings: old }));
    const r = await run(['check', f, '--baseline', join(d, 'old.json'), '-f', 'json']);
    expect((JSON.parse(r.stdout) as Report).campaigns[0]!.findings).toEqual([]);
    expect(existsSync(f)).toBe(true);
  });
});


describe('outputs that are not regular files', () => {
  it('-o to a pipe (as to /dev/null or /dev/stdout) writes into it and leaves it a pipe, never renames over it', async () => {
    const { execFileSync, spawn } = await import('node:child_process');
    const { createReadStream, statSync } = await import('node:fs');
    const d = dir({ 'drafts.yaml': BAD_POST });
    const fifo = join(d, 'out.pipe');
    execFileSync('mkfifo', [fifo]);
    const bin = join(import.meta.dirname, '..', 'bin', 'scrm-audit.js');
    const child = spawn(process.execPath, [bin, 'check', join(d, 'drafts.yaml'), '--format', 'json', '-o', fifo], { stdio: 'ignore' });
    let text = '';
    await new Promise<void>((res, rej) => createReadStream(fifo, 'utf8').on('data', (c) => (text += c)).on('end', res).on('error', rej));
    const code = await new Promise<number | null>((res) => child.on('exit', res));
    expect(code).toBe(1); // the post has findings that fail the gate
    expect(JSON.parse(text).tool).toBe('scrm-audit');
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
