import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from './helpers.js';
import { main } from '../src/cli/main.js';

const ANSI = /\x1b\[/;
const STACK = /\n\s+at /;
let dir: string;

/** A drafts file with one group campaign and one message. */
function draft(name: string, text: string, group = '萌爪养猫交流群'): string {
  const file = join(dir, name);
  writeFileSync(file, `version: 1\ncampaigns:\n  - id: ${name.replace(/\.\w+$/, '')}\n    channel: group\n    group: { name: ${group} }\n    messages:\n      - ${JSON.stringify(text)}\n`);
  return file;
}

let clean: string; // scores 80: no signal, no noise
let warned: string; // one warning
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrm-cli-'));
  // an empty config so no config above the temp dir changes the defaults
  writeFileSync(join(dir, '.scrm-audit.yaml'), '{}\n');
  clean = draft('clean.yaml', '分享一个冬天给猫咪保暖的小技巧：猫窝垫一层旧毛衣就很暖和。');
  warned = draft('warned.yaml', '@所有人 大家早上好', '门店2群');
});

describe('exit codes', () => {
  it('0 when the gate passes', () => {
    const r = cli(['check', clean], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Gate: passed/);
  });

  it('1 when the gate fails (error-severity findings)', () => {
    const r = cli(['check', 'fixtures/drafts.yaml', '--fail-under', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Gate: failed — \d+ error-severity finding/);
  });

  it('2 when the audit cannot run', () => {
    expect(cli(['check'], { cwd: dir }).code).toBe(2);
    expect(cli(['check', clean, '--format', 'pdf'], { cwd: dir }).code).toBe(2);
    expect(cli(['check', clean, '--fail-under', '120'], { cwd: dir }).code).toBe(2);
    expect(cli(['frobnicate'], { cwd: dir }).code).toBe(2);
  });
});

describe('gate options', () => {
  it('--fail-under fails a campaign scoring under it', () => {
    expect(cli(['check', clean, '--fail-under', '80'], { cwd: dir }).code).toBe(0);
    const r = cli(['check', clean, '--fail-under', '81', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ passed: false, failUnder: 81, lowestScore: 80 });
    expect(report.summary.failures[0]).toMatch(/1 campaign\(s\) scored under 81: clean \(80\)/);
  });

  it('--max-warnings fails on more warnings than allowed', () => {
    expect(cli(['check', warned, '--fail-under', '0', '--max-warnings', '1'], { cwd: dir }).code).toBe(0);
    const r = cli(['check', warned, '--fail-under', '0', '--max-warnings', '0'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/more than --max-warnings 0/);
  });
});

describe('output', () => {
  it('--format json is byte-identical across runs', () => {
    const a = cli(['check', 'fixtures/drafts.yaml', '--format', 'json', '--lang', 'en']);
    const b = cli(['check', 'fixtures/drafts.yaml', '--format', 'json', '--lang', 'en']);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(report).toMatchObject({ tool: 'scrm-audit', schemaVersion: 1 });
    expect(report.campaigns[0].findings[0]).toHaveProperty('line');
  });

  it('--output writes the report to a file and keeps the exit code', () => {
    const out = join(dir, 'report.json');
    const r = cli(['check', 'fixtures/drafts.yaml', '--format', 'json', '--output', out], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.campaigns).toBeGreaterThan(5);
  });

  it('--lang zh and --lang en', () => {
    expect(cli(['check', clean, '--lang', 'zh'], { cwd: dir }).stdout).toMatch(/门禁: 通过/);
    expect(cli(['check', clean, '--lang', 'en'], { cwd: dir }).stdout).toMatch(/Gate: passed/);
    const zh = JSON.parse(cli(['check', warned, '--lang', 'zh', '--format', 'json'], { cwd: dir }).stdout);
    expect(zh.campaigns[0].findings[0].message).toMatch(/会打断所有成员/);
    expect(cli(['check', clean, '--lang', 'fr'], { cwd: dir }).code).toBe(2);
  });

  it('prints no ANSI codes when stdout is not a terminal, with or without --no-color', () => {
    for (const extra of [[], ['--no-color']]) {
      const r = cli(['check', warned, ...extra], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '' } });
      expect(r.stdout).toMatch(/mass-mention/);
      expect(r.stdout).not.toMatch(ANSI);
    }
  });

  describe('on a terminal', () => {
    const saved = process.env.NO_COLOR;
    afterEach(() => {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    });
    const run = async (args: string[]) => {
      let out = '';
      delete process.env.NO_COLOR;
      const code = await main(['node', 'scrm-audit', 'check', warned, ...args], { stdout: (s) => (out += s), stderr: () => {}, isTTY: true });
      return { code, out };
    };
    it('colours the report, unless --no-color', async () => {
      expect((await run([])).out).toMatch(ANSI);
      expect((await run(['--no-color'])).out).not.toMatch(ANSI);
    });
  });
});

describe('input errors: exit 2, file:line:col: message on stderr, no stack trace', () => {
  it('a missing file', () => {
    const r = cli(['check', 'nope.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('scrm-audit: nope.yaml: file not found\n');
  });

  it('bad YAML', () => {
    const f = join(dir, 'broken.yaml');
    writeFileSync(f, 'version: 1\ncampaigns: [\n');
    const r = cli(['check', 'broken.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scrm-audit: broken\.yaml:\d+:\d+: invalid YAML: /);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toBe('');
  });

  it('a bad field', () => {
    writeFileSync(join(dir, 'badfield.yaml'), 'version: 1\ncampaigns:\n  - { id: a, channel: group, messages: [x] }\n  - { id: b, channel: sms, messages: [x] }\n  - id: c\n    channel: wechat\n    messages: [x]\n');
    const r = cli(['check', 'badfield.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('scrm-audit: badfield.yaml:6:14: campaigns[2].channel: expected group | direct | moments | sms, got "wechat"\n');
  });

  it('a bad config', () => {
    const cfg = join(dir, 'bad-config.yaml');
    writeFileSync(cfg, 'rules:\n  mass-mention: loud\n');
    const r = cli(['check', clean, '--config', cfg], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-config\.yaml:2:\d+: rules\.mass-mention: expected off \| on \| error \| warning \| info/);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('rules, explain, init', () => {
  it('`rules` lists every rule with id, severity and what it flags', () => {
    const r = cli(['rules', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const id of ['mass-mention', 'off-topic-selling', 'buried-disclaimer', 'missing-relevance']) expect(r.stdout).toContain(id);
    const rows = JSON.parse(cli(['rules', '--format', 'json'], { cwd: dir }).stdout) as Array<{ id: string; severity: string; flags: string }>;
    expect(rows.find((x) => x.id === 'off-topic-selling')).toMatchObject({ severity: 'error' });
  });

  it('`explain <id>` says why, what fires and how to fix, in either language', () => {
    const en = cli(['explain', 'buried-disclaimer', '--lang', 'en'], { cwd: dir });
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^buried-disclaimer — Buried disclaimer/);
    expect(en.stdout).toMatch(/How to fix: /);
    expect(en.stdout).toMatch(/Fires on:/);
    expect(cli(['explain', 'missing-relevance', '--lang', 'zh'], { cwd: dir }).stdout).toMatch(/怎么改: /);
  });

  it('`explain` an unknown id: exit 2 with a suggestion', () => {
    const r = cli(['explain', 'mass-mentoin'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule "mass-mentoin" \(did you mean mass-mention\?\)/);
    expect(cli(['explain', 'zzz'], { cwd: dir }).stderr).toMatch(/`scrm-audit rules` lists them all/);
  });

  it('`init` writes a commented starter config that `check` accepts, and will not overwrite it', () => {
    const d = mkdtempSync(join(tmpdir(), 'scrm-init-'));
    const r = cli(['init', '--lang', 'en'], { cwd: d });
    expect(r.code).toBe(0);
    expect(existsSync(join(d, '.scrm-audit.yaml'))).toBe(true);
    const text = readFileSync(join(d, '.scrm-audit.yaml'), 'utf8');
    expect(text).toMatch(/^# /m);
    const again = cli(['init'], { cwd: d });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists \(use --force/);
    expect(cli(['init', '--force', '--lang', 'zh'], { cwd: d }).code).toBe(0);
    expect(readFileSync(join(d, '.scrm-audit.yaml'), 'utf8')).toMatch(/所有项都可省略/);
    // the written config is valid: check runs with it
    writeFileSync(join(d, 'd.yaml'), 'version: 1\ncampaigns:\n  - { id: a, channel: group, messages: [分享一个小技巧] }\n');
    expect(cli(['check', 'd.yaml'], { cwd: d }).code).not.toBe(2);
  });
});
