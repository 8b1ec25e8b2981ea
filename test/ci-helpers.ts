/**
 * Helpers for the CI-integration tests (inputs, suppressions, baselines,
 * formats, schemas, API). These tests run a fixed subset of rules so that
 * they test the plumbing, not the current wording or reach of every rule.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { loadDrafts } from '../src/drafts/load.js';
import { loadMarkdown } from '../src/drafts/markdown.js';
import { checkCampaigns, type CheckOptions } from '../src/check.js';
import { defaultConfig } from '../src/config/config.js';
import { builtinRules, type LoadedRule } from '../src/rules/index.js';
import type { Report } from '../src/report/report.js';
import type { Lang } from '../src/types.js';

/** The rules these tests rely on: stable, well-tested, cheap. */
export const CORE = ['mass-mention', 'off-topic-selling'];

export function only(ids: string[] = CORE): LoadedRule[] {
  const rules = builtinRules().filter((r) => ids.includes(r.meta.id));
  if (rules.length !== ids.length) throw new Error(`missing rules: ${ids.filter((i) => !rules.some((r) => r.meta.id === i)).join(', ')}`);
  return rules;
}

export function check(
  yaml: string,
  opts: Partial<CheckOptions> & { file?: string; ids?: string[]; lang?: Lang } = {},
): Report {
  const file = opts.file ?? 'drafts.yaml';
  const campaigns = /\.md$/.test(file) ? loadMarkdown(yaml, file, { timezone: 'Asia/Shanghai' }) : loadDrafts(yaml, file, { timezone: 'Asia/Shanghai' });
  return checkCampaigns(campaigns, { config: defaultConfig(), lang: opts.lang ?? 'en', rules: only(opts.ids), ...opts });
}

/** A temporary folder with these files (paths relative to it). */
export function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-ci-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** A config that turns off every built-in rule except `keep`, for CLI runs. */
export function configKeeping(keep: string[] = CORE): string {
  const rules = Object.fromEntries(builtinRules().filter((r) => !keep.includes(r.meta.id)).map((r) => [r.meta.id, 'off']));
  return stringify({ rules });
}

/** 1-based line and column of the first occurrence of `needle` in `text` (UTF-16 columns, as the report uses). */
export function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
