/**
 * `check`: drafts files → report. Also the programmatic entry point behind
 * `audit()` in src/index.ts.
 */
import { statSync, readdirSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { loadDrafts, loadDraftsFile } from './drafts/load.js';
import { isDraftsFile, loadMarkdown, loadMarkdownFile } from './drafts/markdown.js';
import { decodeBytes, type Encoding } from './logs/decode.js';
import { ownReportKind } from './cli/output.js';
import { suggestion } from './config/validate.js';
import { BaselineMatcher, createBaseline, type Baseline, type BaselineEntry } from './baseline.js';
import { ruleInfos } from './report/report.js';
import { auditCampaigns, auditEach, type CampaignAudit } from './engine/audit.js';
import { clearViewCache } from './text/view.js';
import { builtinRules, type LoadedRule } from './rules/index.js';
import { withPacks } from './packs/index.js';
import { campaignLine, campaignReport, reportOfLines, type CampaignLine, type CampaignReport, type Report } from './report/report.js';
import { InputError, InputErrors, describeSystemError } from './errors.js';
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
  /** Text encoding of the draft files; detected per file when absent. */
  encoding?: Encoding;
  /** The bytes (or text) of standard input, for the input `-`. */
  stdin?: Buffer | string;
  /** The draft files found, before any is read (the CLI checks no output overwrites one). */
  onFiles?: (files: string[]) => void;
  /**
   * Keep going past a file that cannot be read or is invalid: hand its error
   * here and audit the others (as ESLint does). Without it the first such
   * error is thrown. When no file at all could be read, the errors are thrown.
   */
  onFileError?: (e: InputError) => void;
  /**
   * Take each campaign's report as soon as it is scored (the CLI writes JSON
   * reports out this way). The returned report then counts the campaigns in
   * its summary but its `campaigns` list is empty: memory does not grow with
   * the campaigns' reports.
   */
  onCampaignReport?: (r: CampaignReport) => void;
}

/** The input name that means standard input (`scrm-audit check -`). */
export const STDIN = '-';
const STDIN_NAME = '<stdin>';

const KIND_NAME = { report: 'a JSON report', sarif: 'a SARIF log', baseline: 'a baseline' } as const;

const DRAFT_EXT = /\.(ya?ml|json|md)$/i;

/**
 * Expand directories and globs to the draft files they hold (sorted,
 * recursive, skipping dot-folders and node_modules). Files met this way that
 * are not drafts (package.json, README.md…) are skipped; a file named
 * explicitly is always loaded, so a wrong one is an error.
 */
export function expandInputs(inputs: string[], cwd: string, found: { notes?: string[]; errors?: InputError[]; encoding?: Encoding } = {}): string[] {
  const out: string[] = [];
  const fail = (e: InputError) => {
    if (found.errors) found.errors.push(e);
    else throw e;
  };
  const abs = (p: string) => (isAbsolute(p) ? p : join(cwd, p));
  const consider = (p: string) => {
    if (!DRAFT_EXT.test(p)) return;
    // A report this tool wrote into the folder (-o report.json) is not drafts: skip it, and say so.
    const own = /\.json$/i.test(p) ? ownReportKind(abs(p)) : undefined;
    if (own) {
      found.notes?.push(`skipped ${p}: ${KIND_NAME[own]} scrm-audit wrote, not drafts`);
      return;
    }
    if (isDraftsFile(abs(p), found.encoding)) out.push(p);
  };
  const seenDirs = new Set<string>();
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      // A symlink loop that readdir itself does not catch (a link to a parent) is caught by the real-path set.
      const real = statSync(abs(dir));
      const key = `${real.dev}:${real.ino}`;
      if (seenDirs.has(key) || depth > 100) {
        found.notes?.push(`skipped ${dir}: folder reached again through a symbolic link`);
        return;
      }
      seenDirs.add(key);
      names = readdirSync(abs(dir)).sort();
    } catch (e) {
      return fail(new InputError(describeSystemError(e, 'cannot read folder'), dir));
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      let st;
      try {
        st = statSync(abs(p));
      } catch (e) {
        // A dangling link or a link loop in a folder: a named error for that entry, not "internal error".
        if (DRAFT_EXT.test(p) || (e as NodeJS.ErrnoException).code === 'ELOOP') fail(new InputError(describeSystemError(e), p));
        continue;
      }
      if (st.isDirectory()) walk(p, depth + 1);
      else consider(p);
    }
  };
  for (const input of inputs) {
    if (input === STDIN) {
      out.push(STDIN);
      continue;
    }
    let st;
    try {
      st = statSync(abs(input));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && isDynamicPattern(input)) {
        const matches = globSync(input, { cwd, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false, absolute: isAbsolute(input) });
        if (!matches.length) fail(new InputError(`no files match ${input}`));
        for (const m of matches.sort()) consider(m);
        continue;
      }
      fail(new InputError(describeSystemError(e), input));
      continue;
    }
    if (st.isDirectory()) walk(input, 0);
    else {
      const own = /\.json$/i.test(input) ? ownReportKind(abs(input)) : undefined;
      if (own) fail(new InputError(`this is ${KIND_NAME[own]} scrm-audit wrote, not drafts${own === 'baseline' ? ' (pass it with --baseline)' : ''}`, input));
      else out.push(input);
    }
  }
  return [...new Set(out)];
}

/** Markdown copy arrives on stdin as often as YAML: front matter with a channel and no `campaigns:` list says which. */
function looksLikeMarkdown(text: string): boolean {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return !!m && /^channel[ \t]*:/m.test(m[1]!) && !/^campaigns[ \t]*:/m.test(m[1]!);
}

function loadOne(file: string, opts: CheckOptions, tz: string | undefined): Campaign[] {
  if (file === STDIN) {
    const raw = opts.stdin ?? '';
    const text = typeof raw === 'string' ? raw : decodeBytes(raw, STDIN_NAME, { encoding: opts.encoding }).text;
    return looksLikeMarkdown(text) ? loadMarkdown(text, STDIN_NAME, { timezone: tz }) : loadDrafts(text, STDIN_NAME, { timezone: tz });
  }
  const lo = { timezone: tz, encoding: opts.encoding };
  return /\.md$/i.test(file) ? loadMarkdownFile(file, lo) : loadDraftsFile(file, lo);
}

/** An `ignore` must name a rule this run knows: a typo would silently suppress nothing. */
function checkSuppressionRules(campaigns: Campaign[], rules: LoadedRule[]): void {
  const ids = new Set(rules.map((r) => r.meta.id));
  for (const c of campaigns) {
    for (const s of [...c.ignore, ...c.messages.flatMap((m) => m.ignore)]) {
      if (ids.has(s.rule)) continue;
      throw new InputError(
        `ignore: unknown rule "${s.rule}"${suggestion(s.rule, ids)}; \`scrm-audit rules\` lists the rule ids`,
        c.source,
        s.line,
      );
    }
  }
}


export function loadCampaigns(files: string[], opts: CheckOptions, notes?: string[]): Campaign[] {
  const tz = opts.timezone ?? opts.config.timezone;
  const campaigns: Campaign[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let loaded: Campaign[];
    try {
      loaded = loadOne(file, opts, tz);
    } catch (e) {
      if (!(e instanceof InputError) || !opts.onFileError) throw e;
      opts.onFileError(e);
      continue;
    }
    for (const c of loaded) {
      const key = c.id;
      const first = seen.get(key);
      if (first !== undefined && first !== file) {
        // ids are unique within a file; across files both are kept, the later one qualified — and said, since
        // suppressions, baselines and frequency caps go by id.
        c.id = `${relative(opts.cwd ?? process.cwd(), file)}#${c.id}`;
        const msg = `warning: campaign id "${key}" is used in ${first} and ${file}; the second is reported as "${c.id}" (give campaigns unique ids)`;
        if (notes) notes.push(msg);
      } else seen.set(key, file);
      campaigns.push(c);
    }
  }
  return campaigns;
}

export function checkCampaigns(campaigns: Campaign[], opts: CheckOptions): Report {
  opts = withPacks(opts);
  const rules = opts.rules ?? builtinRules();
  checkSuppressionRules(campaigns, rules);
  const engine = { config: opts.config, lang: opts.lang, rules };
  let baseline = opts.baseline;
  let audits: Iterable<CampaignAudit>;
  if (opts.writeBaseline) {
    // The baseline is made of every finding, so this mode holds every audit before scoring them.
    const all = auditCampaigns(campaigns, engine);
    baseline = createBaseline(all.flatMap((a) => a.findings));
    opts.writeBaseline(baseline);
    audits = all;
  } else audits = auditEach(campaigns, engine);
  const matcher = baseline ? new BaselineMatcher(baseline) : undefined;
  const reports: CampaignReport[] = [];
  const lines: CampaignLine[] = [];
  for (const a of audits) {
    // the baseline takes its findings out of the audit before the campaign is scored
    const known = matcher?.apply(a);
    const r = campaignReport(a, opts.config);
    if (matcher) r.baselined = known;
    lines.push(campaignLine(r));
    if (opts.onCampaignReport) opts.onCampaignReport(r);
    else reports.push(r);
  }
  // The reports hold what they quote: the texts' analyses can go before the report is formatted.
  clearViewCache();
  const report = reportOfLines(lines, reports, { failUnder: opts.failUnder ?? opts.config.failUnder, maxWarnings: opts.maxWarnings ?? opts.config.maxWarnings }, opts.lang);
  if (matcher) {
    const known = matcher.outcome();
    report.summary.baselined = known.matched;
    report.summary.baselineStale = known.staleCount;
    report.baseline = { matched: known.matched, stale: known.stale } satisfies { matched: number; stale: BaselineEntry[] };
  }
  report.rules = ruleInfos(rules, opts.config, opts.lang);
  return report;
}

/**
 * Audit draft files, folders and globs. With `onFileError`, files that
 * cannot be read or are invalid are handed to it and the others audited;
 * `undefined` is returned when none could be.
 */
export function checkFiles(inputs: string[], opts: CheckOptions & { onFileError: (e: InputError) => void }): Report | undefined;
export function checkFiles(inputs: string[], opts: CheckOptions): Report;
export function checkFiles(inputs: string[], opts: CheckOptions): Report | undefined {
  const notes: string[] = [];
  const errors: InputError[] = [];
  const files = expandInputs(inputs, opts.cwd ?? process.cwd(), { notes, errors: opts.onFileError ? errors : undefined, encoding: opts.encoding });
  opts.onFiles?.(files.filter((f) => f !== STDIN));
  if (!files.length) {
    InputErrors.throwIfAny(errors);
    throw new InputError(`no drafts found in ${inputs.join(', ')} (looked for *.yaml, *.yml, *.json with \`campaigns\`, and *.md with front matter)`);
  }
  const collect = opts.onFileError ? (e: InputError) => errors.push(e) : undefined;
  const campaigns = loadCampaigns(files, { ...opts, onFileError: collect }, notes);
  if (!campaigns.length && errors.length) {
    InputErrors.throwIfAny(errors);
  }
  for (const e of errors) opts.onFileError?.(e);
  const report = checkCampaigns(campaigns, opts);
  if (notes.length) report.notes = [...(report.notes ?? []), ...notes];
  return report;
}
