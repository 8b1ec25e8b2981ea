/**
 * Programmatic API (CONTRACTS §6):
 *
 *   import { audit, format } from 'scrm-audit';
 *   const report = await audit({ files: ['copy/'] }, { lang: 'en', failUnder: 70 });
 *   if (!report.summary.passed) console.log(format(report, 'markdown'));
 *
 * `audit` does what `scrm-audit check` does, without printing or exiting:
 * invalid input rejects with an `InputError` naming file and line.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { checkCampaigns, expandInputs, loadCampaigns, type CheckOptions } from './check.js';
import { loadDrafts } from './drafts/load.js';
import { loadMarkdown } from './drafts/markdown.js';
import { loadConfig, defaultConfig, type Config } from './config/config.js';
import { FORMATTERS } from './formatters/index.js';
import { loadBaseline, type Baseline } from './baseline.js';
import { InputError } from './errors.js';
import { localeLang } from './i18n.js';
import { isValidTimeZone } from './time.js';
import type { Report } from './report/report.js';
import type { Campaign, Channel, GroupType, Lang } from './types.js';
import type { LoadedRule } from './rules/index.js';

export type { Report, CampaignReport, MessageReport, Summary, RuleInfo } from './report/report.js';
export type { Campaign, Channel, Finding, GroupType, Lang, Message, Severity, Suppression } from './types.js';
export type { Config, RuleOverride, ScoringConfig } from './config/config.js';
export type { Baseline, BaselineEntry } from './baseline.js';
export type { Formatter, FormatOptions } from './formatters/index.js';
export { loadConfig, parseConfig, defaultConfig } from './config/config.js';
export { loadBaseline, createBaseline, fingerprint, serializeBaseline } from './baseline.js';
export { FORMATTERS } from './formatters/index.js';
export { InputError } from './errors.js';
export { redactReport, redactText } from './redact.js';
import { redactReport } from './redact.js';
export { VERSION } from './version.js';

/** A suppression as written in drafts. */
export interface DraftSuppression {
  rule: string;
  reason: string;
}

/** A message as written in drafts: its text, or a mapping. */
export type DraftMessage = string | { id?: string; text: string; reply_to?: string; ignore?: DraftSuppression[] };

/** A campaign as written in drafts (CONTRACTS §2). */
export interface DraftCampaign {
  id: string;
  name?: string;
  channel?: Channel;
  timezone?: string;
  kind?: 'marketing' | 'service' | 'transactional';
  audience?: { segment?: string; tags?: string[] | string; size?: number };
  group?: string | { name?: string; type?: GroupType };
  send_at?: string;
  schedule?: string | string[];
  messages: DraftMessage[];
  ignore?: DraftSuppression[];
}

export interface AuditInput {
  /** Draft files (YAML, JSON, Markdown with front matter), folders or globs, as on the command line. */
  files?: string[];
  /** Campaigns in the drafts shape, e.g. built in code. */
  campaigns?: DraftCampaign[];
  /** `defaults` for `campaigns` (timezone, channel, audience…). */
  defaults?: Omit<Partial<DraftCampaign>, 'id' | 'messages' | 'name' | 'ignore'>;
  /** A drafts document as YAML or JSON text. */
  yaml?: string;
  /** A Markdown copy file's text (front matter + message). */
  markdown?: string;
  /** The file name findings from `yaml`, `markdown` and `campaigns` carry (default `<input>`). */
  name?: string;
}

export interface AuditOptions {
  /** A Config (from loadConfig/parseConfig), a config file path, or false for the built-in defaults. Default: `.scrm-audit.yaml` found from `cwd` upward, as the CLI does. */
  config?: Config | string | false;
  /** Report language; default: the config's, else the locale's. */
  lang?: Lang;
  failUnder?: number;
  maxWarnings?: number;
  /** IANA time zone for times without an offset. */
  timezone?: string;
  /** Report only findings not in this baseline (an object or a baseline file path). */
  baseline?: Baseline | string;
  /** Rules to run (default: the built-in rules). */
  rules?: LoadedRule[];
  /** Where relative `files` and the config lookup start (default: process.cwd()). */
  cwd?: string;
}

function resolveConfig(c: AuditOptions['config'], cwd: string): Config {
  if (c === false) return defaultConfig();
  if (typeof c === 'string' || c === undefined) return loadConfig(c, cwd);
  return c;
}

export async function audit(input: AuditInput, options: AuditOptions = {}): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const config = resolveConfig(options.config, cwd);
  if (options.timezone !== undefined && !isValidTimeZone(options.timezone)) throw new InputError(`timezone: unknown time zone "${options.timezone}"`);
  if (options.lang !== undefined && options.lang !== 'zh' && options.lang !== 'en') throw new InputError(`lang: expected zh | en, got "${String(options.lang)}"`);
  const opts: CheckOptions = {
    config,
    lang: options.lang ?? config.lang ?? localeLang(),
    failUnder: options.failUnder,
    maxWarnings: options.maxWarnings,
    timezone: options.timezone,
    rules: options.rules,
    cwd,
    baseline: typeof options.baseline === 'string' ? loadBaseline(options.baseline) : options.baseline,
  };
  const tz = { timezone: options.timezone ?? config.timezone };
  const name = input.name ?? '<input>';
  const campaigns: Campaign[] = [];
  if (input.files?.length) {
    const files = expandInputs(input.files, cwd);
    if (!files.length) throw new InputError(`no drafts found in ${input.files.join(', ')}`);
    // The loaders read paths as given, i.e. from process.cwd(): read from `cwd`, report paths relative to it.
    const moved = resolve(cwd) !== process.cwd();
    const loaded = loadCampaigns(moved ? files.map((f) => (isAbsolute(f) ? f : join(cwd, f))) : files, opts);
    if (moved) for (const c of loaded) if (c.source.startsWith(resolve(cwd))) c.source = relative(cwd, c.source);
    campaigns.push(...loaded);
  }
  if (input.yaml !== undefined) campaigns.push(...loadDrafts(input.yaml, name, tz));
  if (input.markdown !== undefined) campaigns.push(...loadMarkdown(input.markdown, name, tz));
  if (input.campaigns?.length) {
    // Through the drafts loader, so objects get exactly the validation files get.
    const doc = { version: 1, ...(input.defaults ? { defaults: input.defaults } : {}), campaigns: input.campaigns };
    campaigns.push(...loadDrafts(JSON.stringify(doc, null, 2), name, tz));
  }
  if (!campaigns.length && input.files === undefined && input.yaml === undefined && input.markdown === undefined && input.campaigns === undefined) {
    throw new InputError('audit(): give files, yaml, markdown or campaigns');
  }
  return checkCampaigns(campaigns, opts);
}

/**
 * Render a report in a named format: text | json | sarif | github | markdown |
 * junit | html (and any registered later). Personal data (phone numbers,
 * e-mail addresses, ID and card numbers, customer ids) is masked as on the
 * command line unless `redact: false`.
 */
export function format(report: Report, name = 'json', options: { color?: boolean; quiet?: boolean; lang?: Lang; redact?: boolean } = {}): string {
  const f = FORMATTERS[name];
  if (!f) throw new InputError(`unknown format "${name}" (use ${Object.keys(FORMATTERS).join(' | ')})`);
  const shown = options.redact === false ? report : redactReport(report);
  return f(shown, { lang: options.lang ?? report.lang, color: options.color ?? false, quiet: options.quiet });
}
