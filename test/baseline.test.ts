/** Baselines (CONTRACTS §6): --write-baseline records findings by fingerprint; --baseline reports only new ones. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers.js';
import { check, configKeeping, tree } from './ci-helpers.js';
import { applyBaseline, createBaseline, fingerprint, parseBaseline, serializeBaseline, type Baseline } from '../src/baseline.js';
import type { CampaignAudit } from '../src/engine/audit.js';
import type { Finding } from '../src/types.js';
import type { Report } from '../src/report/report.js';

const all = (r: Report) => r.campaigns.flatMap((c) => c.findings);

const DRAFTS = `version: 1
campaigns:
  - id: launch
    channel: group
    group: { name: 萌爪养猫交流群, type: sharing }
    messages:
      - id: teaser
        text: "@所有人 新款猫粮到手价99元，点击下单"
      - id: tips
        text: 天冷了，猫窝别放在窗边。
  - id: tw-class
    channel: group
    group: { name: 瑜伽課程通知群, type: service }
    messages:
      - id: notice
        text: "@全體成員 週六課程改到下午兩點"
  - id: en-studio
    channel: group
    group: { name: Studio members, type: service }
    messages:
      - id: reminder
        text: "@everyone bring your own mat tomorrow"
`;

const baselineOf = (yaml: string) => createBaseline(all(check(yaml)));

describe('fingerprints', () => {
  const base: Finding = {
    ruleId: 'mass-mention', severity: 'error', campaignId: 'c', messageId: 'm1', file: 'a.yaml',
    line: 3, column: 5, endLine: 3, endColumn: 9, excerpt: '@所有人', message: '', advice: '', penalty: 15,
  };

  it('ignore where the finding is, and its wording', () => {
    expect(fingerprint({ ...base, file: 'b.yaml', line: 40, column: 1, endLine: 40, endColumn: 5, message: 'changed', penalty: 3 })).toBe(fingerprint(base));
  });

  it('fold script, width and case: Traditional/Simplified, full-width ＠, upper case', () => {
    expect(fingerprint({ ...base, excerpt: '@全體成員' })).toBe(fingerprint({ ...base, excerpt: '@全体成员' }));
    expect(fingerprint({ ...base, excerpt: '＠所有人' })).toBe(fingerprint(base));
    expect(fingerprint({ ...base, excerpt: '@ALL' })).toBe(fingerprint({ ...base, excerpt: '@all' }));
  });

  it('change with the rule, the campaign, the message and the matched text', () => {
    const fp = fingerprint(base);
    expect(fingerprint({ ...base, ruleId: 'off-topic-selling' })).not.toBe(fp);
    expect(fingerprint({ ...base, campaignId: 'other' })).not.toBe(fp);
    expect(fingerprint({ ...base, messageId: 'm2' })).not.toBe(fp);
    expect(fingerprint({ ...base, excerpt: '@全体成员' })).not.toBe(fp);
  });

  it('include the window of window rules, so each day over the cap is its own entry', () => {
    const w = { ...base, ruleId: 'frequency-cap', excerpt: '' };
    expect(fingerprint({ ...w, window: '2026-11-03' })).not.toBe(fingerprint({ ...w, window: '2026-11-04' }));
  });
});

describe('applying a baseline', () => {
  it('hides every recorded finding: nothing new, the gate passes, nothing stale', () => {
    const before = check(DRAFTS);
    expect(before.summary.passed).toBe(false);
    const r = check(DRAFTS, { baseline: baselineOf(DRAFTS) });
    expect(all(r)).toEqual([]);
    expect(r.summary.baselined).toBe(before.summary.findings);
    expect(r.summary.baselineStale).toBe(0);
    expect(r.summary.passed).toBe(true);
    // scores count only new findings, so the gate can judge them
    expect(r.campaigns[0]!.score).toBeGreaterThan(before.campaigns[0]!.score);
    expect(r.campaigns.map((c) => c.baselined)).toEqual(before.campaigns.map((c) => c.findings.length));
  });

  it('survives unrelated edits: lines inserted above, another message edited, Traditional text converted', () => {
    const edited = DRAFTS.replace('version: 1', '# owner: 运营部\n# reviewed 2026-11-01\nversion: 1')
      .replace('天冷了，猫窝别放在窗边。', '天冷了，猫窝别放在窗边，垫一层旧毛衣。')
      .replace('@全體成員', '@全体成员');
    const r = check(edited, { baseline: baselineOf(DRAFTS) });
    expect(all(r)).toEqual([]);
    expect(r.summary.baselineStale).toBe(0);
  });

  it('reports a new finding, and only it (Simplified, Traditional, English)', () => {
    const added = DRAFTS.replace('text: 天冷了，猫窝别放在窗边。', 'text: "@全体成员 今晚直播抽奖"').replace(
      '        text: "@everyone bring your own mat tomorrow"',
      '        text: "@everyone bring your own mat tomorrow"\n      - id: extra\n        text: "@here class is full, join the waitlist"',
    );
    const r = check(added, { baseline: baselineOf(DRAFTS) });
    expect(all(r).map((f) => [f.campaignId, f.messageId, f.excerpt])).toEqual([
      ['launch', 'tips', '@全体成员'],
      ['en-studio', 'extra', '@here'],
    ]);
    expect(r.summary.findings).toBe(2);
  });

  it('lists entries that are no longer found as stale, with their count in the summary', () => {
    const fixed = DRAFTS.replace('@everyone bring', 'Please bring');
    const r = check(fixed, { baseline: baselineOf(DRAFTS) });
    expect(all(r)).toEqual([]);
    expect(r.summary.baselineStale).toBe(1);
    const stale = (r.baseline as { stale: Baseline['findings'] }).stale;
    expect(stale.map((e) => [e.ruleId, e.campaignId, e.messageId, e.excerpt, e.count])).toEqual([['mass-mention', 'en-studio', 'reminder', '@everyone', 1]]);
  });

  it('counts findings that share a fingerprint: a second identical one is new', () => {
    const f = (line: number): Finding => ({
      ruleId: 'buried-disclaimer', severity: 'warning', campaignId: 'c', messageId: 'm1', file: 'a.yaml',
      line, column: 1, endLine: line, endColumn: 3, excerpt: '仅限', message: '', advice: '', penalty: 5,
    });
    const b = createBaseline([f(3)]);
    expect(b.findings).toHaveLength(1);
    const audit = { findings: [f(3), f(9)] } as unknown as CampaignAudit;
    const out = applyBaseline([audit], b);
    expect(out.matched).toBe(1);
    expect(audit.findings.map((x) => x.line)).toEqual([9]);
    expect(createBaseline([f(3), f(9)]).findings[0]!.count).toBe(2);
  });

  it('is deterministic and readable: sorted entries, no line numbers, counts', () => {
    const b = baselineOf(DRAFTS);
    expect(serializeBaseline(b)).toBe(serializeBaseline(baselineOf(DRAFTS)));
    expect(b.findings[0]).toEqual({ fingerprint: expect.stringMatching(/^[0-9a-f]{20}$/), ruleId: expect.any(String), campaignId: 'en-studio', messageId: 'reminder', excerpt: '@everyone', file: 'drafts.yaml', count: 1 });
    expect(serializeBaseline(b)).not.toMatch(/"line"/);
    expect(parseBaseline(serializeBaseline(b), 'b.json')).toEqual(b);
  });
});

describe('on the command line', () => {
  const setup = () => tree({ 'drafts.yaml': DRAFTS, 'cfg.yaml': configKeeping() });
  const run = (dir: string, ...args: string[]) => cli(['check', 'drafts.yaml', '--config', 'cfg.yaml', '--lang', 'en', ...args], { cwd: dir });

  it('--write-baseline records the findings and passes; --baseline then gates only new findings', () => {
    const dir = setup();
    const w = run(dir, '--write-baseline', 'baseline.json');
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/^wrote baseline\.json: \d+ finding\(s\)\n$/);
    const b = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as Baseline;
    expect(b.tool).toBe('scrm-audit');
    expect(b.findings.length).toBeGreaterThan(0);

    expect(run(dir, '--baseline', 'baseline.json').code).toBe(0);

    writeFileSync(join(dir, 'drafts.yaml'), DRAFTS.replace('text: 天冷了，猫窝别放在窗边。', 'text: "@所有人 最后一天优惠，快来下单"'));
    const after = run(dir, '--baseline', 'baseline.json', '--format', 'json');
    expect(after.code).toBe(1);
    const report = JSON.parse(after.stdout) as Report;
    expect(all(report).every((f) => f.messageId === 'tips')).toBe(true);
    expect(report.summary.baselined).toBe(b.findings.reduce((n, e) => n + e.count, 0));
  });

  it('the text report says how many were hidden and lists stale entries', () => {
    const dir = setup();
    run(dir, '--write-baseline', 'baseline.json');
    writeFileSync(join(dir, 'drafts.yaml'), DRAFTS.replace('@everyone bring', 'Please bring'));
    const r = run(dir, '--baseline', 'baseline.json');
    expect(r.stdout).toMatch(/Baseline: \d+ known finding\(s\) not shown; 1 baseline entry no longer found/);
    expect(r.stdout).toContain('stale: mass-mention en-studio/reminder "@everyone"');
  });

  it('a missing or malformed baseline is an input error naming the file', () => {
    const dir = setup();
    const missing = run(dir, '--baseline', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('scrm-audit: nope.json: baseline file not found (create it with --write-baseline)\n');
    writeFileSync(join(dir, 'bad.json'), '{\n  "findings": [\n    { "fingerprint": "x", }\n  ]\n}\n');
    const bad = run(dir, '--baseline', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^scrm-audit: bad\.json:3:\d+: invalid baseline JSON/);
    writeFileSync(join(dir, 'other.json'), '{"name": "x"}');
    expect(run(dir, '--baseline', 'other.json').stderr).toMatch(/other\.json: not a scrm-audit baseline/);
    expect(existsSync(join(dir, 'nope.json'))).toBe(false);
  });
});
