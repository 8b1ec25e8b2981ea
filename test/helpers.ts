/** Test helpers: audit inline YAML the way `scrm-audit check` does. */
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadDrafts } from '../src/drafts/load.js';
import { checkCampaigns } from '../src/check.js';
import { defaultConfig, parseConfig, type Config } from '../src/config/config.js';
import type { Report } from '../src/report/report.js';
import type { Finding, Lang } from '../src/types.js';

export const ROOT = resolve(import.meta.dirname, '..');

export function audit(yaml: string, opts: { config?: Config | Record<string, unknown>; lang?: Lang; file?: string } = {}): Report {
  const config = !opts.config ? defaultConfig() : 'scoring' in opts.config && 'rules' in opts.config && 'packs' in opts.config ? (opts.config as Config) : parseConfig(opts.config, '.scrm-audit.yaml');
  const campaigns = loadDrafts(yaml, opts.file ?? 'drafts.yaml', { timezone: 'Asia/Shanghai' });
  return checkCampaigns(campaigns, { config, lang: opts.lang ?? 'en' });
}

/** One campaign of `channel` with one message, YAML-escaped. */
export function one(text: string, fields: Record<string, unknown> = {}): string {
  const campaign = { id: 'c1', channel: 'group', ...fields, messages: [text] };
  return JSON.stringify({ version: 1, defaults: { timezone: 'Asia/Shanghai' }, campaigns: [campaign] });
}

export function findings(report: Report, ruleId?: string): Finding[] {
  return report.campaigns.flatMap((c) => c.findings).filter((f) => !ruleId || f.ruleId === ruleId);
}

/** Findings of one rule for one message text in one campaign shape. */
export function fire(ruleId: string, text: string, fields: Record<string, unknown> = {}): Finding[] {
  return findings(audit(one(text, fields)), ruleId);
}

export function cli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'bin/scrm-audit.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A rule's findings on one direct reply (`text`) to the customer's message (`replyTo`). */
export function answerFindings(ruleId: string, replyTo: string, text: string): Finding[] {
  return findings(audit(JSON.stringify({ version: 1, defaults: { timezone: 'Asia/Shanghai' }, campaigns: [{ id: 'c1', channel: 'direct', messages: [{ text, reply_to: replyTo }] }] })), ruleId);
}

type ReplyCase = readonly [script: string, replyTo: string, text: string];

/** firesAndPasses for replies: each case is the customer's message and our answer to it. */
export function repliesFireAndPass(ruleId: string, cases: { fires: readonly ReplyCase[]; passes: readonly ReplyCase[] }): void {
  it.each(cases.fires)('%s fires: %s → %s', (_script, replyTo, text) => {
    expect(answerFindings(ruleId, replyTo, text)).not.toEqual([]);
  });
  it.each(cases.passes)('%s passes: %s → %s', (_script, replyTo, text) => {
    expect(answerFindings(ruleId, replyTo, text)).toEqual([]);
  });
}

type Case = readonly [script: string, text: string, fields?: Record<string, unknown>];

/**
 * A rule's must-fire and must-not-fire cases in one campaign shape (`fields`,
 * overridable per case), one test each, named by script and text: the shape
 * every by-class block of the rule tests shares.
 */
export function firesAndPasses(ruleId: string, fields: Record<string, unknown>, cases: { fires: readonly Case[]; passes: readonly Case[] }): void {
  it.each(cases.fires)('%s fires: %s', (_script, text, own) => {
    expect(fire(ruleId, text, own ?? fields)).not.toEqual([]);
  });
  it.each(cases.passes)('%s passes: %s', (_script, text, own) => {
    expect(fire(ruleId, text, own ?? fields)).toEqual([]);
  });
}
