/** CI formats (CONTRACTS §6): sarif, github, markdown, junit. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { ROOT, cli } from './helpers.js';
import { check, tree, configKeeping } from './ci-helpers.js';
import { FORMATTERS } from '../src/formatters/index.js';
import { escapeData, escapeProperty } from '../src/formatters/github.js';
import { createBaseline, fingerprint } from '../src/baseline.js';
import type { Report } from '../src/report/report.js';

const render = (name: string, report: Report) => FORMATTERS[name]!(report, { lang: report.lang, color: false });
const all = (r: Report) => r.campaigns.flatMap((c) => c.findings);

/** Findings of every severity, a suppression, an unused ignore, zh-Hans / zh-Hant / English. */
const DRAFTS = `version: 1
campaigns:
  - id: cat-launch
    name: 双11 猫粮 | 上新
    channel: group
    group: { name: 萌爪养猫交流群, type: sharing }
    messages:
      - id: m1
        text: "@所有人 新款猫粮到手价99元，点击下单"
      - id: m2
        text: 今晚直播间还有秒杀，记得来抢
        ignore:
          - rule: mass-mention
            reason: 以前用过 @所有人
  - id: tw-notice
    name: 停課通知
    channel: group
    group: { name: 瑜伽課程服務群, type: service }
    messages:
      - "@全體成員 颱風停課一天，課程順延一週，造成不便敬請見諒"
  - id: en-reminder
    channel: group
    group: { name: Studio members }
    messages:
      - "@everyone reminder: bring your own mat tomorrow"
  - id: en-shirts
    channel: group
    group: { name: Riverside runners community }
    ignore:
      - rule: off-topic-selling
        reason: Members asked for the price list
    messages:
      - Club shirts are $20 this week, order at the desk
  - id: quiet
    channel: group
    group: { name: Book club, type: sharing }
    messages:
      - Next week we read chapter three.
`;

const report = (lang: 'en' | 'zh' = 'en', file = 'copy/drafts.yaml') => check(DRAFTS, { file, lang });

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/schemas/sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // RFC 3986 characters only: a raw space or Chinese character in a URI must fail.
  const uriChars = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
  ajv.addFormat('uri', (s: string) => uriChars.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
  ajv.addFormat('uri-reference', (s: string) => uriChars.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(schema);
  const valid = (r: Report) => {
    const log = JSON.parse(render('sarif', r)) as SarifLog;
    const ok = validate(log);
    return { log, ok, errors: ajv.errorsText(validate.errors) };
  };

  interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
    partialFingerprints: Record<string, string>;
    baselineState?: string;
  }
  interface SarifLog {
    version: string;
    runs: Array<{
      tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, any>> } };
      results: SarifResult[];
      invocations: Array<{ toolExecutionNotifications?: Array<{ level: string; message: { text: string }; locations?: SarifResult['locations'] }> }>;
    }>;
  }

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const { ok, errors, log } = valid(report());
    expect(errors).toBe('No errors');
    expect(ok).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('the validator is not a rubber stamp: a broken log fails', () => {
    const log = JSON.parse(render('sarif', report())) as SarifLog;
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
    const log2 = JSON.parse(render('sarif', report())) as SarifLog;
    log2.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'copy/双十一 文案.yaml';
    expect(validate(log2)).toBe(false);
  });

  it('has one result per JSON finding, at the same rule, file, line and columns', () => {
    const r = report();
    const findings = all(r);
    const results = valid(r).log.runs[0]!.results;
    expect(findings.length).toBeGreaterThanOrEqual(3);
    expect(results).toHaveLength(findings.length);
    results.forEach((res, i) => {
      const f = findings[i]!;
      const loc = res.locations[0]!.physicalLocation;
      expect(res.ruleId).toBe(f.ruleId);
      expect(decodeURI(loc.artifactLocation.uri)).toBe(f.file);
      expect(loc.region.startLine).toBe(f.line);
      expect(loc.region.startColumn).toBe(f.column);
      expect(loc.region.endLine).toBe(f.endLine);
      expect(loc.region.endColumn).toBe(f.endColumn);
      expect(res.message.text).toContain(f.message);
      expect(res.partialFingerprints['scrmAudit/v1']).toBe(fingerprint(f));
    });
  });

  it('maps severities to levels: error → error, warning → warning, info → note', () => {
    const r = report();
    const results = valid(r).log.runs[0]!.results;
    const levels = new Map(all(r).map((f, i) => [f.severity, results[i]!.level]));
    expect(levels.get('error')).toBe('error');
    expect(levels.get('warning')).toBe('warning');
    expect(levels.get('info')).toBe('note');
  });

  it('describes every rule in tool.driver: descriptions, help text, help URI, default level', () => {
    const r = report('zh');
    const { driver } = valid(r).log.runs[0]!.tool;
    expect(driver).toMatchObject({ name: 'scrm-audit', version: r.version, informationUri: expect.stringMatching(/^https:\/\//) });
    const ids = driver.rules.map((x) => x.id);
    expect(ids).toEqual(['mass-mention', 'off-topic-selling']);
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text).toMatch(/\S/);
      expect(rule.fullDescription.text).toMatch(/\S/);
      expect(rule.help.text).toContain('怎么改'); // the report's language
      expect(rule.helpUri).toMatch(/^https:\/\/\S+$/);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    for (const res of valid(r).log.runs[0]!.results) expect(driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
  });

  it('encodes Chinese file names as URIs and stays valid', () => {
    const r = report('en', 'copy/双十一 文案.yaml');
    const { ok, log } = valid(r);
    expect(ok).toBe(true);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(encodeURI('copy/双十一 文案.yaml'));
  });

  it('reports unused ignores as warning notifications at their line, not as results', () => {
    const { log } = valid(report());
    const notes = log.runs[0]!.invocations[0]!.toolExecutionNotifications!;
    expect(notes).toHaveLength(1);
    expect(notes[0]!.level).toBe('warning');
    expect(notes[0]!.message.text).toContain('mass-mention');
    expect(notes[0]!.locations![0]!.physicalLocation.region.startLine).toBe(13);
  });

  it('marks results as new when a baseline was applied', () => {
    const base = createBaseline(all(report()).filter((f) => f.campaignId !== 'cat-launch'));
    const r = check(DRAFTS, { file: 'copy/drafts.yaml', baseline: base });
    const { ok, log } = valid(r);
    expect(ok).toBe(true);
    expect(log.runs[0]!.results.length).toBe(all(r).length);
    expect(log.runs[0]!.results.every((x) => x.baselineState === 'new')).toBe(true);
  });

  it('is the same bytes for the same input', () => {
    expect(render('sarif', report())).toBe(render('sarif', report()));
  });
});

describe('github', () => {
  it('prints one workflow command per finding: exactly file, line, col and the rule as title, in the contract’s order', () => {
    const r = report();
    const lines = render('github', r).trimEnd().split('\n');
    const cmds = lines.filter((l) => /^::(error|warning|notice) /.test(l) && l.includes('title=') && !l.includes('title=unused-suppression'));
    expect(cmds).toHaveLength(all(r).length);
    all(r).forEach((f, i) => {
      const kind = { error: 'error', warning: 'warning', info: 'notice' }[f.severity];
      expect(cmds[i]).toBe(
        `::${kind} file=${f.file},line=${f.line},col=${f.column},title=${f.ruleId}::${escapeData(f.message)}` +
          `%0AFix: ${escapeData(f.advice)}%0A(${f.campaignId}/${f.messageId}, −${f.penalty})`,
      );
    });
    expect(lines.at(-1)).toMatch(/^scrm-audit: \d+ campaigns, \d+ findings .*gate failed: /);
    expect(lines.at(-1)).toContain(`${r.campaigns.length} campaigns`);
  });

  it('escapes % CR LF in messages and also : and , in properties', () => {
    expect(escapeData('50% off\r\nnow')).toBe('50%25 off%0D%0Anow');
    expect(escapeProperty('copy/a,b: c.yaml')).toBe('copy/a%2Cb%3A c.yaml');
    const r = report('en', 'copy/sale,v2: final.yaml');
    const f = all(r)[0]!;
    f.message = 'Save 50%, today:\nonly';
    const first = render('github', r).split('\n')[0]!;
    expect(first).toMatch(/^::error file=copy\/sale%2Cv2%3A final\.yaml,line=9,col=\d+,title=mass-mention::Save 50%25, today:%0Aonly%0AFix: /);
    // one command per line: no raw line break can start a second command
    expect(render('github', r).split('\n').filter((l) => l.startsWith('::')).length).toBe(all(r).length + 1);
  });

  it('warns about unused ignores at their line', () => {
    const out = render('github', report('zh'));
    expect(out).toContain('::warning file=copy/drafts.yaml,line=13,title=unused-suppression::ignore（mass-mention）没有可豁免的问题，请删除。');
  });
});

describe('markdown', () => {
  it('prints the gate and a summary table with one row per campaign', () => {
    const r = report();
    const md = render('markdown', r);
    expect(md.split('\n')[0]).toBe('## scrm-audit: ❌ Gate failed');
    expect(md).toContain('| Campaign | Channel | Score | Grade | SNR | Intrusive | Findings | Source |');
    for (const c of r.campaigns) {
      const row = md.split('\n').find((l) => l.startsWith(`| \`${c.id}\``))!;
      expect(row).toBeDefined();
      expect(row).toContain(`| ${c.score} | ${c.grade} |`);
      expect(row).toContain(`\`${c.source}:${c.line}\``);
    }
  });

  it('lists findings with file:line:col, rule, message and fix; escapes pipes, HTML and @-mentions', () => {
    const r = report();
    const f = all(r)[0]!;
    f.message = 'fine print <small>here</small> | and @all';
    const md = render('markdown', r);
    const row = md.split('\n').find((l) => l.includes(`\`${f.file}:${f.line}:${f.column}\``))!;
    expect(row).toContain(`\`${f.ruleId}\``);
    expect(row).toContain('fine print &lt;small&gt;here&lt;/small&gt; \\| and @\u200Ball');
    expect(row).toContain(f.advice.replace(/@/g, '@\u200B'));
    // every table row has the same number of unescaped cell separators as its header
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    expect(cells(row)).toBe(cells('| Where | Severity | Rule | Message | Fix | Points |'));
    // the campaign name's pipe does not split the summary row
    const summaryRow = md.split('\n').find((l) => l.startsWith('| `cat-launch`'))!;
    expect(cells(summaryRow)).toBe(cells('| Campaign | Channel | Score | Grade | SNR | Intrusive | Findings | Source |'));
  });

  it('speaks Chinese with --lang zh and notes unused ignores', () => {
    const md = render('markdown', report('zh'));
    expect(md).toContain('| 活动 | 渠道 | 得分 | 等级 |');
    expect(md).toContain('未使用的豁免 `copy/drafts.yaml:13` `mass-mention` (m2)');
  });

  it('is printed by the CLI for $GITHUB_STEP_SUMMARY', () => {
    const dir = tree({ 'drafts.yaml': DRAFTS, 'cfg.yaml': configKeeping() });
    const r = cli(['check', 'drafts.yaml', '--config', 'cfg.yaml', '--format', 'markdown', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## scrm-audit: ❌ Gate failed\n/);
    expect(r.stdout).toContain('### Findings');
  });
});

/** A strict well-formedness check: one root, balanced tags, quoted unique attributes, only known entities. */
function assertWellFormedXml(xml: string): void {
  const fail = (msg: string, at: number) => {
    throw new Error(`${msg} at ${at}: ${JSON.stringify(xml.slice(at, at + 60))}`);
  };
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) fail('control character', xml.search(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/));
  const entities = (s: string, at: number) => {
    for (const m of s.matchAll(/&/g)) if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/.test(s.slice(m.index))) fail('bare &', at + m.index);
  };
  let i = 0;
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(xml);
  if (decl) i = decl[0].length;
  const stack: string[] = [];
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (!stack.length && text.trim()) fail('text outside the root', i);
    if (text.includes('>') && stack.length === 0) fail('stray >', i);
    entities(text, i);
    if (lt < 0) break;
    const rest = xml.slice(lt);
    const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(rest);
    if (close) {
      if (stack.pop() !== close[1]) fail(`unbalanced </${close[1]}>`, lt);
      i = lt + close[0].length;
      continue;
    }
    const open = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>/.exec(rest);
    if (!open) fail('malformed tag', lt);
    const names = [...open![2]!.matchAll(/([A-Za-z_][\w.:-]*)="([^"<]*)"/g)];
    if (new Set(names.map((n) => n[1])).size !== names.length) fail('duplicate attribute', lt);
    for (const n of names) entities(n[2]!, lt);
    if (!stack.length) roots++;
    if (!open![3]) stack.push(open![1]!);
    i = lt + open![0].length;
  }
  if (stack.length) fail(`unclosed <${stack.at(-1)}>`, xml.length);
  if (roots !== 1) fail(`${roots} root elements`, 0);
}

describe('junit', () => {
  const attr = (xml: string, tag: string, name: string) => [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

  it('is well-formed XML, also with &, <, quotes and control characters in messages', () => {
    const r = report();
    const f = all(r)[0]!;
    f.message = 'Tom & Jerry <b>"50%" off</b> \u0007bell';
    f.advice = "it's <fine>";
    const xml = render('junit', r);
    assertWellFormedXml(xml);
    // the BEL is shown visibly, as in every format people read (issue 14), not dropped
    expect(xml).toContain('Tom &amp; Jerry &lt;b&gt;&quot;50%&quot; off&lt;/b&gt; \\u0007bell');
    const py = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'], { input: xml });
    if (!py.error) expect(py.stderr.toString()).toBe('');
  });

  it('the checker itself rejects broken XML', () => {
    expect(() => assertWellFormedXml('<a><b></a></b>')).toThrow(/unbalanced/);
    expect(() => assertWellFormedXml('<a x="1 & 2"/>')).toThrow(/bare &/);
    expect(() => assertWellFormedXml('<a/><b/>')).toThrow(/2 root elements/);
  });

  it('one testsuite per campaign, one testcase per rule plus the score, a failure per failing rule', () => {
    const r = report();
    const xml = render('junit', r);
    expect(attr(xml, 'testsuite', 'name')).toEqual(r.campaigns.map((c) => (c.name ? `${c.id} ${c.name.replace(/&/g, '&amp;')}` : c.id)));
    const cases = (xml.match(/<testcase\b/g) ?? []).length;
    const failures = (xml.match(/<failure\b/g) ?? []).length;
    const skipped = (xml.match(/<skipped\b/g) ?? []).length;
    expect(attr(xml, 'testsuites', 'tests')).toEqual([String(cases)]);
    expect(attr(xml, 'testsuites', 'failures')).toEqual([String(failures)]);
    expect(attr(xml, 'testsuites', 'skipped')).toEqual([String(skipped)]);
    expect(cases).toBe(r.campaigns.length * 3); // score + the two rules of this run
    // failing rule testcases = campaign × rule pairs with an error or warning finding
    const failingPairs = new Set(all(r).filter((f) => f.severity !== 'info').map((f) => `${f.campaignId}/${f.ruleId}`));
    const scoreFailures = r.campaigns.filter((c) => c.score < r.summary.failUnder).length;
    expect(failures).toBe(failingPairs.size + scoreFailures);
  });

  it('lists every finding of a rule in its failure, with file:line:col; suppressed-only rules are skipped with the reason', () => {
    const r = report();
    const xml = render('junit', r);
    for (const f of all(r).filter((x) => x.severity !== 'info')) expect(xml).toContain(`${f.file}:${f.line}:${f.column} [${f.severity}]`);
    expect(xml).toContain('<skipped message="suppressed: Members asked for the price list"/>');
    // an info finding passes and is printed as output
    const info = all(r).find((x) => x.severity === 'info')!;
    expect(info).toBeDefined();
    const tc = xml.split('<testcase').find((t) => t.includes(`classname="scrm-audit.${info.campaignId}" name="${info.ruleId}"`))!;
    expect(tc).not.toContain('<failure');
    expect(tc).toContain('<system-out>');
  });
});

describe('every format handles an empty run', () => {
  it.each(['sarif', 'github', 'markdown', 'junit'])('%s', (name) => {
    const r = check('campaigns: []');
    const out = render(name, r);
    expect(out.endsWith('\n')).toBe(true);
    if (name === 'junit') assertWellFormedXml(out);
    if (name === 'sarif') expect((JSON.parse(out) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results).toEqual([]);
  });
});
