/**
 * Smoke tests for the labelled evaluation set (eval/set) and the harness
 * (src/eval/run.ts): the set loads, its labels name real rules, it keeps its
 * size and coverage, and the harness survives rules that are missing.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../src/rules/index.js';
import { DRAFT_RULE_IDS, listEvalFiles, loadEvalFile, scriptOf, type EvalFile } from '../src/eval/set.js';
import { decodeEntities, evaluateCorpus, evaluateSet, knownRuleIds, loadBuiltinRules, readSpamCorpus, runEval } from '../src/eval/run.js';
import { CHANNELS } from '../src/types.js';
import { InputError } from '../src/errors.js';

const known = new Set<string>([...DRAFT_RULE_IDS, ...BUILTIN_RULES.map((m) => m.id)]);
const files = listEvalFiles();
const loaded: EvalFile[] = files.map((f) => loadEvalFile(f, { timezone: 'Asia/Shanghai', knownRules: known }));
const campaigns = loaded.flatMap((ef) => ef.campaigns.map((c) => ({ c, lab: ef.labels.get(c.id)!, file: basename(ef.file) })));
const messages = campaigns.flatMap(({ c }) => c.messages);

function capture(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runEval(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('the evaluation set', () => {
  it('loads every file, and every campaign carries labels', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const { c, lab } of campaigns) {
      expect(lab, c.id).toBeDefined();
      expect(['good', 'bad']).toContain(lab.label);
    }
  });

  it('names only known rule ids in `expect`', () => {
    for (const { lab } of campaigns) for (const id of lab.expect) expect(known.has(id), id).toBe(true);
  });

  it('labels a campaign that should fire a rule as bad', () => {
    const inconsistent = campaigns.filter(({ lab }) => lab.expect.length > 0 && lab.label !== 'bad').map(({ c }) => c.id);
    expect(inconsistent).toEqual([]);
  });

  it('uses campaign ids that are unique across files, so mismatch reports are unambiguous', () => {
    const ids = campaigns.map(({ c }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has at least 300 messages and at least 10 positives per draft rule', () => {
    expect(messages.length).toBeGreaterThanOrEqual(300);
    for (const id of DRAFT_RULE_IDS) {
      const positives = campaigns.filter(({ lab }) => lab.expect.includes(id)).length;
      expect(positives, id).toBeGreaterThanOrEqual(10);
    }
  });

  it("has near-miss negatives for every draft rule in that rule's own file", () => {
    for (const id of DRAFT_RULE_IDS) {
      const own = campaigns.filter(({ file }) => file === `${id}.yaml`);
      const negatives = own.filter(({ lab }) => !lab.expect.includes(id)).length;
      expect(negatives, id).toBeGreaterThanOrEqual(5);
    }
  });

  it('covers every channel and all three scripts in roughly the planned mix', () => {
    for (const ch of CHANNELS) expect(campaigns.some(({ c }) => c.channel === ch), ch).toBe(true);
    const share = (s: string) => messages.filter((m) => scriptOf(m.text) === s).length / messages.length;
    expect(share('zh-Hans')).toBeGreaterThanOrEqual(0.4);
    expect(share('zh-Hant')).toBeGreaterThanOrEqual(0.15);
    expect(share('en')).toBeGreaterThanOrEqual(0.2);
  });

  it('has both good and bad campaigns', () => {
    expect(campaigns.filter(({ lab }) => lab.label === 'good').length).toBeGreaterThanOrEqual(100);
    expect(campaigns.filter(({ lab }) => lab.label === 'bad').length).toBeGreaterThanOrEqual(100);
  });
});

describe('scriptOf', () => {
  it('tells Simplified, Traditional and English apart', () => {
    expect(scriptOf('本周六门店盘点，营业到下午五点。')).toBe('zh-Hans');
    expect(scriptOf('本週六門市盤點，暫停營業一天。')).toBe('zh-Hant');
    expect(scriptOf('The pool is closed tomorrow morning for cleaning.')).toBe('en');
    // a few Latin letters (a brand, a price) do not make Chinese English
    expect(scriptOf('【GlowLab】新品精华NT$890，回T退订')).toBe('zh-Hans');
  });
});

describe('loadEvalFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-eval-'));
  const write = (name: string, body: string) => {
    const f = join(dir, name);
    writeFileSync(f, body);
    return f;
  };

  it('rejects an unknown rule id, naming the file and line', () => {
    const f = write('bad-rule.yaml', 'version: 1\ncampaigns:\n  - id: a\n    channel: group\n    messages: [hi]\n    expect: [mass-mentions]\n    label: bad\n');
    let err: unknown;
    try {
      loadEvalFile(f, { knownRules: known });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).format()).toMatch(/bad-rule\.yaml:6:\d+: .*unknown rule id "mass-mentions"/);
  });

  it('requires expect and a good/bad label', () => {
    const noExpect = write('no-expect.yaml', 'version: 1\ncampaigns:\n  - id: a\n    channel: group\n    messages: [hi]\n    label: good\n');
    expect(() => loadEvalFile(noExpect)).toThrow(/expect: is required/);
    const badLabel = write('bad-label.yaml', 'version: 1\ncampaigns:\n  - id: a\n    channel: group\n    messages: [hi]\n    expect: []\n    label: ok\n');
    expect(() => loadEvalFile(badLabel)).toThrow(/label: expected good \| bad/);
  });
});

describe('the harness', () => {
  it('reports rules that did not run as "not implemented" with recall 0, and still scores the rest', () => {
    const all = loadBuiltinRules();
    const onlyMassMention = { rules: all.rules.filter((r) => r.meta.id === 'mass-mention'), errors: new Map<string, string>() };
    const r = evaluateSet({ files: files.filter((f) => /mass-mention|quiet-hours/.test(f)), ruleSet: onlyMassMention });
    expect(r.rules.map((x) => x.id).slice(0, DRAFT_RULE_IDS.length)).toEqual([...DRAFT_RULE_IDS]);
    const qh = r.rules.find((x) => x.id === 'quiet-hours')!;
    expect(qh.status).toBe('not implemented');
    expect(qh.support).toBeGreaterThan(0);
    expect(qh.recall).toBe(0);
    expect(qh.precision).toBeNull();
    expect(qh.f1).toBe(0);
    const mm = r.rules.find((x) => x.id === 'mass-mention')!;
    expect(mm.status).toBe('implemented');
    expect(mm.tp).toBeGreaterThan(0);
    expect(r.mismatches.some((m) => m.ruleId === 'quiet-hours' && m.kind === 'missed')).toBe(true);
  });

  it('knows the draft rule ids and the registered ones', () => {
    const ids = knownRuleIds();
    for (const id of DRAFT_RULE_IDS) expect(ids.has(id)).toBe(true);
    for (const m of BUILTIN_RULES) expect(ids.has(m.id)).toBe(true);
  });

  it('rejects an unknown --rule with exit code 2 and one line', () => {
    const r = capture(['--rule', 'no-such-rule', '--no-corpus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^eval: --rule: unknown rule id "no-such-rule"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('focuses the table and the mismatch list with --rule, deterministically', () => {
    const a = capture(['--rule', 'mass-mention', '--verbose', '--no-corpus']);
    expect(a.code).toBe(0);
    const tableRows = a.stdout.split('\n').filter((l) => /^[a-z-]+\s+(implemented|not implemented|error)\s/.test(l));
    expect(tableRows.map((l) => l.split(/\s+/)[0])).toEqual(['mass-mention']);
    expect(a.stdout).toMatch(/score AUC, good above bad: \d\.\d{3}/);
    expect(capture(['--rule', 'mass-mention', '--verbose', '--no-corpus']).stdout).toBe(a.stdout);
  });
});

describe('the spam corpus', () => {
  const root = mkdtempSync(join(tmpdir(), 'scrm-corpora-'));
  mkdirSync(join(root, 'uci-sms-spam'));
  const file = join(root, 'uci-sms-spam', 'sms_spam_collection.tsv');
  writeFileSync(
    file,
    [
      'label\ttext',
      'ham\tI&#39;ll be there in &lt;#&gt; mins, save me a seat',
      'ham\tOk see you at the station at 6',
      'spam\tWINNER!!! You have been selected for a GUARANTEED prize, only 3 left, call now',
      'spam\tURGENT!!! Last chance: claim your FREE holiday today only, txt WIN to 80082',
      'junk\tnot a label',
      'ham\t',
      '',
    ].join('\n'),
  );

  it('decodes HTML entities once', () => {
    expect(decodeEntities('&lt;#&gt; &amp;lt; &#39;x&#x27;')).toBe("<#> &lt; 'x'");
  });

  it('reads ham/spam rows and reports the rest by row', () => {
    const { rows, skipped } = readSpamCorpus(file);
    expect(rows.map((r) => r.label)).toEqual(['ham', 'ham', 'spam', 'spam']);
    expect(rows[0]!.text).toBe("I'll be there in <#> mins, save me a seat");
    expect(skipped).toEqual([
      { row: 5, reason: 'label "junk" is not ham or spam' },
      { row: 6, reason: 'empty text' },
    ]);
  });

  it('scores every row as a one-message SMS campaign and ranks the pushy spam below the chat', () => {
    const r = evaluateCorpus(file);
    expect(r).toMatchObject({ rows: 4, ham: 2, spam: 2 });
    expect(r.unreadable).toHaveLength(2);
    expect(r.meanSpam!).toBeLessThan(r.meanHam!);
    expect(r.auc).toBe(1);
  });

  it('finds the corpus through --corpora (or SCRM_AUDIT_CORPORA) and says when it is absent', () => {
    const set = join(root, 'set');
    mkdirSync(set);
    writeFileSync(
      join(set, 'tiny.yaml'),
      'version: 1\ncampaigns:\n  - id: t1\n    channel: group\n    messages: ["Only 2 left, last chance"]\n    expect: [false-urgency]\n    label: bad\n',
    );
    const withCorpus = capture(['--json', '--corpora', root, '--set', set, '--rule', 'false-urgency']);
    expect(withCorpus.code).toBe(0);
    const json = JSON.parse(withCorpus.stdout);
    expect(json.corpus).toMatchObject({ rows: 4, ham: 2, spam: 2, auc: 1 });
    expect(json.set.rules.map((x: { id: string }) => x.id)).toEqual(['false-urgency']);
    expect(json.set.campaigns).toBe(1);
    const without = capture(['--corpora', join(root, 'nowhere'), '--set', set]);
    expect(without.code).toBe(0);
    expect(without.stdout).toMatch(/spam corpus: skipped \(.*not found; set SCRM_AUDIT_CORPORA or --corpora\)/);
  });
});
