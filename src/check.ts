/**
 * `check`: drafts files → report. Also the programmatic entry point behind
 * `audit()` in src/index.ts.
 */
import { statSync, readdirSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { loadDraftsFile } from './drafts/load.js';
import { isDraftsFile, loadMarkdownFile } from './drafts/markdown.js';
import { applyBaseline, createBaseline, type Baseline, type BaselineEntry } from './baseline.js';
import { ruleInfos } from './report/report.js';
import { auditCampaigns } from './engine/audit.js';
import { builtinRules, type LoadedRule } from './rules/index.js';
import { withPacks } from './packs/index.js';
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
  /** Extra rule packs (files or folders; --rules-dir), on top of the config's `packs:`. */
  packs?: string[];
  cwd?: string;
  /** Report, score and gate only findings this baseline does not hold. */
  baseline?: Baseline;
  /** Record this run's findings as a baseline (handed to the callback to save), then judge against it. */
  writeBaseline?: (b: Baseline) => void;
}

const DRAFT_EXT = /\.(ya?ml|json|md)$/i;

/**
 * Expand directories and globs to the draft files they hold (sorted,
 * recursive, skipping dot-folders and node_modules). Files met this way that
 * are not drafts (package.json, README.md…) are skipped; a file named
 * explicitly is always loaded, so a wrong one is an error.
 */
export function expandInputs(inputs: string[], cwd: string): string[] {
  const out: string[] = [];
  const found = (p: string) => {
    if (DRAFT_EXT.test(p) && isDraftsFile(isAbsolute(p) ? p : join(cwd, p))) out.push(p);
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(isAbsolute(dir) ? dir : join(cwd, dir)).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const st = statSync(isAbsolute(p) ? p : join(cwd, p));
      if (st.isDirectory()) walk(p);
      else found(p);
    }
  };
  for (const input of inputs) {
    const abs = isAbsolute(input) ? input : join(cwd, input);
    let st;
    try {
      st = statSync(abs);
    } catch {
      if (isDynamicPattern(input)) {
        const matches = globSync(input, { cwd, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false, absolute: isAbsolute(input) });
        if (!matches.length) throw new InputError(`no files match ${input}`);
        for (const m of matches.sort()) found(m);
        continue;
      }
      throw new InputError('file not found', input);
    }
    if (st.isDirectory()) walk(input);
    else out.push(input);
  }
  return [...new Set(out)];
}

/** An `ignore` must name a rule this run knows: a typo would silently suppress nothing. */
function checkSuppressionRules(campaigns: Campaign[], rules: LoadedRule[]): void {
  const ids = new Set(rules.map((r) => r.meta.id));
  for (const c of campaigns) {
    for (const s of [...c.ignore, ...c.messages.flatMap((m) => m.ignore)]) {
      if (ids.has(s.rule)) continue;
      const near = [...ids].filter((id) => id.includes(s.rule) || s.rule.includes(id) || editDistance(id, s.rule) <= 2).sort();
      throw new InputError(
        `ignore: unknown rule "${s.rule}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; \`scrm-audit rules\` lists the rule ids`,
        c.source,
        s.line,
      );
    }
  }
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

export function loadCampaigns(files: string[], opts: CheckOptions): Campaign[] {
  const tz = opts.timezone ?? opts.config.timezone;
  const campaigns: Campaign[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const c of /\.md$/i.test(file) ? loadMarkdownFile(file, { timezone: tz }) : loadDraftsFile(file, { timezone: tz })) {
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
  opts = withPacks(opts);
  const rules = opts.rules ?? builtinRules();
  checkSuppressionRules(campaigns, rules);
  const audits = auditCampaigns(campaigns, { config: opts.config, lang: opts.lang, rules });
  let baseline = opts.baseline;
  if (opts.writeBaseline) {
    baseline = createBaseline(audits.flatMap((a) => a.findings));
    opts.writeBaseline(baseline);
  }
  const known = baseline ? applyBaseline(audits, baseline) : undefined;
  const reports = audits.map((a) => campaignReport(a, opts.config));
  const report = buildReport(reports, { failUnder: opts.failUnder ?? opts.config.failUnder, maxWarnings: opts.maxWarnings ?? opts.config.maxWarnings }, opts.lang);
  if (known) {
    reports.forEach((r, i) => (r.baselined = known.matchedByCampaign[i]));
    report.summary.baselined = known.matched;
    report.summary.baselineStale = known.staleCount;
    report.baseline = { matched: known.matched, stale: known.stale } satisfies { matched: number; stale: BaselineEntry[] };
  }
  report.rules = ruleInfos(rules, opts.config, opts.lang);
  return report;
}

export function checkFiles(inputs: string[], opts: CheckOptions): Report {
  const files = expandInputs(inputs, opts.cwd ?? process.cwd());
  if (!files.length) throw new InputError(`no drafts found in ${inputs.join(', ')} (looked for *.yaml, *.yml, *.json with \`campaigns\`, and *.md with front matter)`);
  return checkCampaigns(loadCampaigns(files, opts), opts);
}
