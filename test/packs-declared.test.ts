/**
 * One format (issue 11): a built-in rule's file is a valid pack. Each of the
 * nine declared rules, copied with only its `id:` line changed, fires exactly
 * where the original fires — same lines, excerpts, variants, severities and
 * penalties — in `check` on the eval set and the fixtures, and in `logs`.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';

const BUILTIN = join(ROOT, 'rules/builtin');
const DECLARED = readdirSync(BUILTIN)
  .filter((f) => f.endsWith('.yaml') && /^check:/m.test(readFileSync(join(BUILTIN, f), 'utf8')))
  .map((f) => f.slice(0, -'.yaml'.length));

interface F {
  ruleId: string;
  [k: string]: unknown;
}

/** Per rule id: its findings as JSON lines, sorted, without the rule id (and texts that name it). */
function byRule(report: { campaigns: Array<{ id: string; findings: F[] }> }): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of report.campaigns)
    for (const { ruleId, ...f } of c.findings) {
      const list = out.get(ruleId) ?? [];
      list.push(JSON.stringify({ campaign: c.id, ...f }).replaceAll(`copy/`, ''));
      out.set(ruleId, list);
    }
  for (const l of out.values()) l.sort();
  return out;
}

function expectSameAsOriginals(r: ReturnType<typeof cli>): void {
  expect(r.code, r.stderr).not.toBe(2);
  const rules = byRule(JSON.parse(r.stdout));
  let compared = 0;
  for (const id of DECLARED) {
    const original = rules.get(id) ?? [];
    expect(rules.get(`copy/${id}`) ?? [], id).toEqual(original);
    compared += original.length;
  }
  expect(compared).toBeGreaterThan(0);
}

describe('a built-in rule file copied as a pack', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrm-copied-rules-'));
    for (const id of DECLARED) {
      const src = readFileSync(join(BUILTIN, `${id}.yaml`), 'utf8');
      const copy = src.replace(new RegExp(`^id: ${id}$`, 'm'), `id: copy/${id}`);
      expect(copy).not.toBe(src);
      writeFileSync(join(dir, `${id}.yaml`), copy);
    }
  });

  it('nine declared rules', () => expect(DECLARED.length).toBeGreaterThanOrEqual(9));

  it('check: the same findings as the original on the eval set and the bundled drafts', () => {
    const set = readdirSync(join(ROOT, 'eval/set')).filter((f) => f.endsWith('.yaml')).map((f) => `eval/set/${f}`);
    expectSameAsOriginals(cli(['check', 'fixtures/drafts.yaml', ...set, '--rules-dir', dir, '--format', 'json']));
  });

  it('logs: the same findings as the original on the bundled exports', () => {
    expectSameAsOriginals(cli(['logs', 'fixtures/logs/wecom-export.csv', 'fixtures/logs/zh-tw-export.csv', 'fixtures/logs/en-export.tsv', 'fixtures/logs/chat-archive.jsonl', '--rules-dir', dir, '--format', 'json']));
  });

  it('keeps the id rules: a copy that keeps the built-in id is refused at its line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scrm-same-id-')), 'same-id.yaml');
    writeFileSync(file, readFileSync(join(BUILTIN, 'mass-mention.yaml'), 'utf8'));
    const r = cli(['check', 'fixtures/drafts.yaml', '--rules-dir', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/same-id\.yaml:\d+:\d+: rule id "mass-mention" is a built-in rule id/);
  });

  it('a misspelt key in a copied check section is exit 2 at its line, with the key it meant', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scrm-bad-check-')), 'mm.yaml');
    const lines = readFileSync(join(BUILTIN, 'mass-mention.yaml'), 'utf8').replace(/^id: mass-mention$/m, 'id: brand/mm').split('\n');
    const at = lines.findIndex((l) => /^\s+- lexicon: mentions$/.test(l));
    lines[at] = lines[at]!.replace('lexicon:', 'lexicn:');
    writeFileSync(file, lines.join('\n'));
    const r = cli(['check', 'fixtures/drafts.yaml', '--rules-dir', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`mm.yaml:${at + 1}:7: check.find[0].lexicn: unknown key (did you mean lexicon?)`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
