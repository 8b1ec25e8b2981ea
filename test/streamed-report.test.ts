/**
 * Issue 10, memory: `check --format json` writes each campaign out as it is
 * scored (src/formatters/json-spill.ts) and a JSON drafts file's campaigns
 * are parsed one at a time (src/drafts/json-fast.ts, deferred items). The
 * oracle is the in-memory path each replaced: the same report bytes, the same
 * campaigns and positions, the same first error.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import fc from 'fast-check';
import { checkFiles } from '../src/check.js';
import { loadConfig } from '../src/config/config.js';
import { json } from '../src/formatters/json.js';
import { redactReport } from '../src/redact.js';
import { loadDrafts } from '../src/drafts/load.js';
import { InputError } from '../src/errors.js';
import { runInProcess } from './in-process.js';
import { ROOT } from './helpers.js';

const spills = () => readdirSync(tmpdir()).filter((n) => n.startsWith('scrm-audit-campaigns-'));

/** Campaigns in three scripts, with PII to mask and findings that repeat across campaigns. */
function draftsJson(n: number): string {
  const texts = [
    '@所有人 限时秒杀！全场5折，仅限今天，手慢无，联系13800138000',
    '【花間】會員您好，您預約的護膚療程改到週六下午三點，如需更改請回覆。',
    'FINAL HOURS!!! Buy now, the best deal in town, call 415-555-0134 or mail ann@example.com',
    '王姐，您上次问的那款猫砂到货了，周末来店里可以先试用。',
  ];
  const campaigns = Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    name: `campaign ${i}`,
    channel: i % 3 === 0 ? 'group' : i % 3 === 1 ? 'direct' : 'sms',
    send_at: '2026-11-20T10:00:00+08:00',
    messages: [{ id: 'm1', text: `${texts[i % texts.length]} #${i}` }],
  }));
  return JSON.stringify({ version: 1, campaigns }, null, 2);
}

describe('check --format json, campaigns written out as they are scored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-spill-'));
  const drafts = join(dir, 'drafts.json');
  writeFileSync(drafts, draftsJson(40));

  it.each([
    ['bundled YAML drafts', join(ROOT, 'fixtures', 'drafts.yaml'), []],
    ['JSON drafts, masked', drafts, []],
    ['JSON drafts, unmasked, zh', drafts, ['--no-redact', '--lang', 'zh']],
  ])('gives the bytes of the report held whole (%s), and leaves no temporary file', async (_name, file, extra) => {
    const before = spills().length;
    const out = join(dir, 'report.json');
    const r = await runInProcess(['check', file, '--format', 'json', '--output', out, ...extra]);
    expect(r.stderr).toBe('');
    const lang = extra.includes('zh') ? 'zh' : 'en';
    const whole = checkFiles([file], { config: loadConfig(undefined), lang });
    const want = json(extra.includes('--no-redact') ? whole : redactReport(whole), { lang, color: false });
    expect(readFileSync(out, 'utf8')).toBe(want);
    expect(r.code).toBe(whole.summary.passed ? 0 : 1);
    expect(spills().length).toBe(before);
  });

  it('writes the same report to stdout, and an empty campaign list as []', async () => {
    const file = join(dir, 'empty.json');
    writeFileSync(file, JSON.stringify({ version: 1, campaigns: [] }));
    const r = await runInProcess(['check', file, '--format', 'json']);
    expect(JSON.parse(r.stdout).campaigns).toEqual([]);
    expect(r.stdout).toBe(json(redactReport(checkFiles([file], { config: loadConfig(undefined), lang: 'en' })), { lang: 'en', color: false }));
  });

  it('removes the temporary file when the run fails after scoring (output names a folder)', async () => {
    const before = spills().length;
    const r = await runInProcess(['check', drafts, '--format', 'json', '--output', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a directory/);
    expect(spills().length).toBe(before);
  });

  it.sequential('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});

describe('JSON drafts, campaigns parsed one at a time', () => {
  const text = draftsJson(12);
  // A YAML comment after the object: not JSON, so the whole file goes through yaml's parser, at the same offsets.
  const viaYaml = (t: string) => `${t}\n# read by yaml\n`;
  const shape = (cs: ReturnType<typeof loadDrafts>) =>
    cs.map((c) => ({ ...c, messages: c.messages.map((m) => ({ ...m, locator: [m.locator.locate(0, 3), m.locator.locate(2, m.text.length)] })) }));

  it('reads the campaigns and positions yaml reads from the same text', () => {
    expect(shape(loadDrafts(text, 'd.json'))).toEqual(shape(loadDrafts(viaYaml(text), 'd.json')));
  });

  it('property: any campaigns read as yaml reads them, positions included (yaml\'s whole-file parse is the oracle)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '价', '優', ' ', '"', '\\', '\n', '\t', '😀', '/', '[', '}', ',', 'é'), minLength: 1, maxLength: 16 });
    const campaign = fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/),
      name: fc.option(text, { nil: undefined }),
      channel: fc.constantFrom('group', 'direct', 'moments', 'sms'),
      messages: fc.array(fc.record({ id: fc.constantFrom('m1', 'm2', 'm3'), text }), { minLength: 1, maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(campaign, { selector: (c) => c.id, maxLength: 4 }), fc.constantFrom(0, 2), (cs, indent) => {
        const campaigns = cs.map((c) => ({ ...c, messages: c.messages.filter((m, i, all) => all.findIndex((x) => x.id === m.id) === i) }));
        const t = JSON.stringify({ version: 1, campaigns }, null, indent);
        // the same campaigns, or the same error (a blank text is refused by both)
        const read = (src: string) => {
          try {
            return shape(loadDrafts(src, 'd.json'));
          } catch (e) {
            return (e as InputError).format();
          }
        };
        expect(read(t)).toEqual(read(viaYaml(t)));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('reads escapes, nesting and a campaigns list that is not last in the file', () => {
    const t = JSON.stringify({ campaigns: [{ id: 'a', channel: 'sms', messages: [{ id: 'm', text: 'Tab\there \u4f60好 "quoted" [x] {y}' }] }], version: 1 }, null, 2)
      .replace('你', '\\u4f60');
    expect(shape(loadDrafts(t, 'd.json'))).toEqual(shape(loadDrafts(viaYaml(t), 'd.json')));
  });

  const errorOf = (t: string): string => {
    try {
      loadDrafts(t, 'd.json');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).format();
    }
    return 'no error';
  };

  it('names a syntax error further on before a campaign error earlier, as parsing the whole file first did', () => {
    const good = JSON.stringify({ version: 1, campaigns: [{ id: 'a', channel: 'fax', messages: [] }, { id: 'b', channel: 'sms', messages: [{ id: 'm', text: 'hi' }] }] }, null, 2);
    for (const broken of [good.replace('"text": "hi"', '"text": "hi" x'), good.replace('"text": "hi"', '"text": "hi" // note')]) {
      const msg = errorOf(broken);
      expect(msg).toMatch(/^d\.json:15:\d+: invalid JSON/);
      expect(msg).toBe(errorOf(viaYaml(broken)));
    }
    // a trailing comma is valid YAML flow: the file reads, and the campaign error is the one named (as before)
    expect(errorOf(good.replace('"text": "hi"', '"text": "hi",'))).toMatch(/campaigns\[0\]\.channel: .*"fax"/);
    expect(errorOf(good)).toMatch(/campaigns\[0\]\.channel: .*"fax"/);
  });

  it('reports a duplicate key inside a campaign as yaml does', () => {
    const dup = text.replace('"name": "campaign 5",', '"name": "campaign 5",\n      "name": "again",');
    expect(errorOf(dup)).toBe(errorOf(viaYaml(dup)));
    expect(errorOf(dup)).toMatch(/d\.json:\d+/);
  });

  it('reads YAML drafts as before (nothing deferred)', () => {
    const yaml = stringify(JSON.parse(text));
    expect(loadDrafts(yaml, 'd.yaml').map((c) => c.id)).toEqual(loadDrafts(text, 'd.json').map((c) => c.id));
  });
});
