/**
 * `check`: drafts files → report. Also the programmatic entry point behind
 * `audit()` in src/index.ts.
 */
import { statSync, readdirSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { loadDraftsFile } from './drafts/load.js';
import { auditCampaigns } from './engine/audit.js';
import { builtinRules, type LoadedRule } from './rules/index.js';
import { buildReport, campaignReport, type Report } from './report/report.js';
import { InputError } from './errors.js';
import type { Config } from './config/config.js';
import type { Campaign, Lang } from './types.js';

export interface CheckOptions {
  config: Config;
  lang: Lang;
  failUnder?: number;
  maxWarnings?: number;
  timezone?: string;
  /** Rules to run; the built-in set when absent. */
  rules?: LoadedRule[];
  cwd?: string;
}

const DRAFT_EXT = /\.(ya?ml|json)$/i;

/** Expand directories to the draft files inside them (sorted, recursive, skipping dot-folders and node_modules). */
export function expandInputs(inputs: string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (DRAFT_EXT.test(name)) out.push(p);
    }
  };
  for (const input of inputs) {
    const abs = isAbsolute(input) ? input : join(cwd, input);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new InputError('file not found', input);
    }
    if (st.isDirectory()) walk(input);
    else out.push(input);
  }
  return [...new Set(out)];
}

export function loadCampaigns(files: string[], opts: CheckOptions): Campaign[] {
  const tz = opts.timezone ?? opts.config.timezone;
  const campaigns: Campaign[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const c of loadDraftsFile(file, { timezone: tz })) {
      const key = c.id;
      if (seen.has(key) && seen.get(key) !== file) {
        // ids are unique within a file; across files we keep both but qualify the later one
        c.id = `${relative(opts.cwd ?? process.cwd(), file)}#${c.id}`;
      }
      seen.set(key, file);
      campaigns.push(c);
    }
  }
  return campaigns;
}

export function checkCampaigns(campaigns: Campaign[], opts: CheckOptions): Report {
  const audits = auditCampaigns(campaigns, { config: opts.config, lang: opts.lang, rules: opts.rules ?? builtinRules() });
  const reports = audits.map((a) => campaignReport(a, opts.config));
  return buildReport(reports, { failUnder: opts.failUnder ?? opts.config.failUnder, maxWarnings: opts.maxWarnings ?? opts.config.maxWarnings }, opts.lang);
}

export function checkFiles(inputs: string[], opts: CheckOptions): Report {
  const files = expandInputs(inputs, opts.cwd ?? process.cwd());
  if (!files.length) throw new InputError(`no drafts found in ${inputs.join(', ')} (looked for *.yaml, *.yml, *.json)`);
  return checkCampaigns(loadCampaigns(files, opts), opts);
}
