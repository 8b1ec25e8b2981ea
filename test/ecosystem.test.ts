/** Ecosystem fit (CONTRACTS §6): JSON Schemas, the programmatic API, the workflow example, the pre-commit hook. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { ROOT, cli } from './helpers.js';
import { configKeeping, tree } from './ci-helpers.js';
import { initCommand } from '../src/cli/init.js';
import { parseConfig } from '../src/config/config.js';
import { loadDrafts } from '../src/drafts/load.js';
import { FORMATTERS } from '../src/formatters/index.js';
import type * as Api from '../src/index.js';

const readJson = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8')) as object;
const readYaml = (p: string) => parse(readFileSync(join(ROOT, p), 'utf8')) as unknown;

describe('JSON Schemas', () => {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  const drafts = ajv.compile(readJson('schemas/drafts.schema.json'));
  const config = ajv.compile(readJson('schemas/config.schema.json'));

  it('ship with the package', () => {
    const pkg = readJson('package.json') as { files: string[] };
    expect(pkg.files).toContain('schemas');
  });

  it('the bundled examples validate against the drafts schema', () => {
    for (const f of ['fixtures/drafts.yaml', 'fixtures/copy-repo/campaigns.yaml']) {
      expect(drafts(readYaml(f)), `${f}: ${ajv.errorsText(drafts.errors)}`).toBe(true);
    }
  });

  it('the drafts schema catches what the loader rejects, and typos the loader would ignore', () => {
    const doc = (campaign: Record<string, unknown>) => ({ version: 1, campaigns: [{ id: 'c', channel: 'group', messages: ['hi'], ...campaign }] });
    expect(drafts(doc({}))).toBe(true);
    expect(drafts(doc({ channel: 'wechat' }))).toBe(false);
    expect(drafts(doc({ ignore: [{ rule: 'mass-mention' }] }))).toBe(false); // reason required
    expect(drafts(doc({ ignore: [{ rule: 'mass-mention', reason: '通知' }] }))).toBe(true);
    expect(drafts(doc({ chanel: 'group' }))).toBe(false);
    expect(drafts(doc({ audience: { size: -1 } }))).toBe(false);
    expect(drafts(doc({ messages: [{ id: 'm1', text: '@所有人', reply_to: '在嗎？' }] }))).toBe(true);
    // and what the schema accepts, the loader accepts
    expect(() => loadDrafts(JSON.stringify(doc({ group: { name: '福利群', type: 'promo' }, schedule: ['2026-11-11T09:00:00+08:00'] })), 'x.json')).not.toThrow();
  });

  it('the starter config from `scrm-audit init` validates against the config schema, in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      const text = initCommand(lang);
      expect(config(parse(text)), ajv.errorsText(config.errors)).toBe(true);
      // and the loader accepts it too (its `rules:` section is all comments, i.e. null)
      expect(() => parseConfig(parse(text), '.scrm-audit.yaml')).not.toThrow();
      // and names the schema for editors
      const m = /^# yaml-language-server: \$schema=(\S+)/.exec(text);
      expect(m?.[1]).toBe('./node_modules/scrm-audit/schemas/config.schema.json');
    }
  });

  it('the config schema accepts every rule setting form the config loader accepts, and rejects typos', () => {
    const cfg = {
      lang: 'zh',
      fail_under: 70,
      max_warnings: 5,
      rules: { 'mass-mention': { severity: 'error', penalty: 20 }, 'template-tone': 'off', 'buried-disclaimer': { lexicons: { conditions: { add: ['会员日专享'] } } }, 'brand/banned': 'warning' },
      lexicons: { selling: ['到店自提价'] },
      scoring: { base: 75, channel_weight: { sms: 1.5 }, grades: { A: 92 } },
    };
    expect(config(cfg), ajv.errorsText(config.errors)).toBe(true);
    expect(() => parseConfig(cfg, 'c.yaml')).not.toThrow();
    expect(config({ fail_unde: 70 })).toBe(false);
    expect(config({ rules: { 'mass-mention': 'loud' } })).toBe(false);
    expect(config({ scoring: { channel_weight: { wechat: 1 } } })).toBe(false);
  });
});

describe('programmatic API (dist/index.js, as `import ... from "scrm-audit"`)', () => {
  const load = async () => (await import(pathToFileURL(resolve(ROOT, 'dist/index.js')).href)) as typeof Api;
  const YAML = 'campaigns:\n  - id: c1\n    channel: group\n    group: { name: 萌爪养猫交流群 }\n    messages:\n      - "@所有人 新款猫粮到手价99元，点击下单"\n';

  it('audit({ yaml }) returns the report `check` prints', async () => {
    const { audit, parseConfig: parse2 } = await load();
    const config = parse2(parse(configKeeping()), 'cfg.yaml');
    const r = await audit({ yaml: YAML, name: 'drafts.yaml' }, { config, lang: 'en' });
    expect(r.tool).toBe('scrm-audit');
    expect(r.campaigns[0]!.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['mass-mention', 'drafts.yaml', 6],
      ['off-topic-selling', 'drafts.yaml', 6],
    ]);
    expect(r.summary.passed).toBe(false);
  });

  it('audit({ files }) gives the same JSON as the CLI, and format() renders every format', async () => {
    const { audit, format, loadConfig } = await load();
    const dir = tree({ 'cfg.yaml': configKeeping() });
    const config = loadConfig(join(dir, 'cfg.yaml'));
    const r = await audit({ files: ['fixtures/copy-repo'] }, { config, lang: 'en', cwd: ROOT });
    const out = cli(['check', 'fixtures/copy-repo', '--config', join(dir, 'cfg.yaml'), '--lang', 'en', '--format', 'json']);
    expect(format(r, 'json')).toBe(out.stdout);
    for (const name of Object.keys(FORMATTERS)) expect(format(r, name).length).toBeGreaterThan(0);
    expect((JSON.parse(format(r, 'sarif')) as { version: string }).version).toBe('2.1.0');
    expect(() => format(r, 'pdf')).toThrow(/unknown format "pdf"/);
  });

  it('audit({ files, cwd }) reads relative to cwd and reports paths relative to it', async () => {
    const { audit } = await load();
    const r = await audit({ files: ['copy'] }, { config: false, lang: 'en', cwd: join(ROOT, 'fixtures/copy-repo') });
    expect(r.campaigns.map((c) => c.source)).toEqual(['copy/cat-litter-pivot.md', 'copy/en-spa-sms.md', 'copy/tw-tea-moments.md']);
  });

  it('audit({ campaigns }) takes drafts-shaped objects (Traditional Chinese, English)', async () => {
    const { audit } = await load();
    const r = await audit(
      {
        defaults: { channel: 'group', timezone: 'Asia/Taipei' },
        campaigns: [
          { id: 'tw', group: { name: '瑜伽課程服務群', type: 'service' }, messages: ['@全體成員 颱風停課一天'] },
          { id: 'en', messages: [{ id: 'hi', text: 'Welcome to the book club!' }] },
        ],
      },
      { config: false, lang: 'en' },
    );
    expect(r.campaigns.map((c) => c.id)).toEqual(['tw', 'en']);
    expect(r.campaigns[0]!.findings.map((f) => f.ruleId)).toContain('mass-mention');
    expect(r.campaigns[1]!.findings.filter((f) => f.ruleId === 'mass-mention')).toEqual([]);
  });

  it('rejects invalid input with an InputError naming file and line', async () => {
    const { audit, InputError } = await load();
    const err = await audit({ yaml: 'campaigns:\n  - id: x\n    channel: wechat\n    messages: [hi]\n', name: 'd.yaml' }, { config: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InstanceType<typeof InputError>).format()).toBe('d.yaml:3:14: campaigns[0].channel: expected group | direct | moments | sms, got "wechat"');
    await expect(audit({}, { config: false })).rejects.toThrow(/give files, yaml, markdown or campaigns/);
  });

  it('resolves by package name through package.json exports', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('scrm-audit'); console.log(typeof m.audit, typeof m.format, typeof m.loadConfig, m.VERSION)"], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const pkg = readJson('package.json') as { version: string };
    expect(r.stdout.trim()).toBe(`function function function ${pkg.version}`);
  });

  it('ships type declarations for the API', () => {
    const dts = readFileSync(join(ROOT, 'dist/index.d.ts'), 'utf8');
    expect(dts).toMatch(/export declare function audit\(input: AuditInput, options\?: AuditOptions\): Promise<Report>/);
    expect(dts).toMatch(/export type \{ Report, CampaignReport/);
  });
});

describe('GitHub Actions workflow example', () => {
  type Step = { name?: string; run?: string; uses?: string; with?: Record<string, string>; if?: string };
  const wf = readYaml('docs/examples/github-workflow.yml') as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const runs = steps.flatMap((s) => s.run?.split('\n') ?? []).filter((l) => l.includes('scrm-audit check'));

  it('runs scrm-audit with formats that exist', () => {
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const l of runs) {
      const f = /--format (\w+)/.exec(l)?.[1];
      expect(f && Object.keys(FORMATTERS)).toContain(f);
    }
  });

  it('uploads the SARIF file it wrote, with the permission it needs', () => {
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload).toBeDefined();
    const written = runs.map((l) => /--format sarif --output (\S+)/.exec(l)?.[1]).find(Boolean);
    expect(upload.with!.sarif_file).toBe(written);
    expect(wf.permissions['security-events']).toBe('write');
  });

  it('writes the Markdown report to the job summary', () => {
    const md = runs.map((l) => /--format markdown --output (\S+)/.exec(l)?.[1]).find(Boolean)!;
    expect(steps.some((s) => s.run?.includes(`cat ${md} >> "$GITHUB_STEP_SUMMARY"`))).toBe(true);
  });
});

describe('pre-commit hook', () => {
  const hooks = readYaml('.pre-commit-hooks.yaml') as Array<Record<string, unknown>>;

  it('declares a node hook that runs `scrm-audit check` on the repository', () => {
    const h = hooks.find((x) => x.id === 'scrm-audit')!;
    expect(h).toMatchObject({ language: 'node', pass_filenames: false });
    expect(String(h.entry)).toMatch(/^scrm-audit check\b/);
    expect(new RegExp(String(h.files)).test('copy/双十一.md')).toBe(true);
    expect(new RegExp(String(h.files)).test('src/app.ts')).toBe(false);
  });

  it('its command works on a copy repository (folder audit skips non-drafts)', () => {
    const h = hooks.find((x) => x.id === 'scrm-audit')!;
    const args = [...String(h.entry).split(' ').slice(1), ...(h.args as string[])];
    const dir = tree({
      'package.json': '{"name":"copy"}',
      'README.md': '# copy\n',
      '.scrm-audit.yaml': configKeeping(),
      'copy/a.md': '---\nchannel: group\n---\n周末读书会照常举行。\n',
    });
    const r = cli(args, { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('programmatic format() redacts like the CLI', () => {
  it('masks a phone number unless redact: false', async () => {
    const { audit, format } = await import('../dist/index.js');
    const yaml = JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'sms', messages: ['【萌爪】@所有人 咨询请致电13812345678，全场8折'] }] });
    const r = await audit({ yaml }, { config: false, lang: 'en' });
    expect(format(r, 'json')).not.toContain('13812345678');
    expect(format(r, 'json', { redact: false })).toContain('13812345678');
  });
});
