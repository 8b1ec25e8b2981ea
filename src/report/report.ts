/**
 * The report model (CONTRACTS §3): what every formatter renders. Built from
 * engine audits and scores; formatters never see rules or raw campaigns.
 */
import type { Channel, Finding, Lang } from '../types.js';
import type { CampaignAudit, SuppressedFinding } from '../engine/audit.js';
import { scoreCampaign, type Grade, type SignalPoint } from '../scoring/score.js';
import { trustModel, trustProfile, type TrustProfile } from '../scoring/trust.js';
import type { Config } from '../config/config.js';
import { VERSION } from '../version.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { LoadedRule } from '../rules/index.js';
import type { Severity } from '../types.js';

export interface MessageReport {
  id: string;
  line: number;
  row?: number;
  score: number;
  grade: Grade;
  signals: SignalPoint[];
  /** The message text, so a report can show each finding inside it (the HTML format highlights excerpts). */
  text?: string;
  /** Logs: rows that sent this message (a mass send is one message to many rows). */
  sends?: number;
}

export interface CampaignReport {
  id: string;
  name?: string;
  source: string;
  line: number;
  channel: Channel;
  score: number;
  grade: Grade;
  snr: number;
  intrusiveness: number;
  /** Points of signal and of noise behind the score. */
  signal: number;
  noise: number;
  signals: SignalPoint[];
  messages: MessageReport[];
  findings: Finding[];
  suppressed: SuppressedFinding[];
  unusedSuppressions?: Array<{ rule: string; reason: string; line?: number; messageId?: string }>;
  /** Trust profile (RULEBOOK "Trust"; docs/trust.md): four axes and T, 0-1, 2 decimals. */
  trust?: TrustProfile;
  [extra: string]: unknown;
}

export interface Summary {
  campaigns: number;
  messages: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
  /** Mean campaign score (rounded); `lowestScore` is what --fail-under judges. */
  score: number;
  lowestScore: number;
  failUnder: number;
  maxWarnings: number;
  passed: boolean;
  /** Why the gate failed, in the report's language. */
  failures: string[];
  /** `ignore` entries that matched no finding (present when any). */
  unusedSuppressions?: number;
  /** With --baseline: findings the baseline knows (not reported), and baseline occurrences no longer found. */
  baselined?: number;
  baselineStale?: number;
  /** Logs (`scrm-audit logs`): rows read, rows skipped as unreadable and the first of them with reasons. */
  rows?: number;
  skippedRows?: number;
  skipped?: Array<{ file: string; row: number; line: number; reason: string }>;
  [extra: string]: unknown;
}

export interface Report {
  tool: 'scrm-audit';
  version: string;
  schemaVersion: 1;
  lang: Lang;
  summary: Summary;
  campaigns: CampaignReport[];
  /** The rules this run used (SARIF and other formats describe them without knowing rules). */
  rules?: RuleInfo[];
  /** Logs: numbers for charts (src/logs/stats.ts documents the fields). */
  logStats?: import('../logs/stats.js').LogStats;
  /** Extra tables a report wants shown (the text format prints them after the campaigns). */
  extraTables?: ExtraTable[];
  /** One-line notes about the run (rows read, rows skipped…), printed above the totals. */
  notes?: string[];
  [extra: string]: unknown;
}

/** A titled table of plain cells, rendered by formatters that know nothing of where it came from. */
export interface ExtraTable {
  title: string;
  head: string[];
  rows: Array<Array<string | number>>;
}

/** A rule as the report describes it, in the report's language. */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  /** Why it matters and how to fix (the rule's `explain` and default advice). */
  help: string;
  helpUri: string;
  /** Default severity after config overrides (a finding may carry a context severity). */
  severity: Severity;
}

/** Where the tool documents itself: package.json `homepage`, else its npm page (which renders the README). */
export function informationUri(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name?: string; homepage?: string };
    return pkg.homepage || `https://www.npmjs.com/package/${pkg.name ?? 'scrm-audit'}`;
  } catch {
    return 'https://www.npmjs.com/package/scrm-audit';
  }
}

/** The enabled rules of a run, described for the report. */
export function ruleInfos(rules: LoadedRule[], config: Config, lang: Lang): RuleInfo[] {
  const base = informationUri().replace(/#.*$/, '');
  return rules
    .filter((r) => config.rules[r.meta.id]?.enabled !== false)
    .map(({ meta }) => {
      const fix = meta.advice.default?.[lang].replace(/\{excerpt\}/g, lang === 'zh' ? '该内容' : 'it') ?? '';
      return {
        id: meta.id,
        title: meta.title[lang],
        description: meta.description[lang],
        help: `${meta.explain[lang].trim()}${fix ? `\n\n${lang === 'zh' ? '怎么改' : 'How to fix'}: ${fix}` : ''}`,
        // The README's rule table is the one page that lists every rule; `explain <id>` has the rest.
        helpUri: `${base}#rules`,
        severity: config.rules[meta.id]?.severity ?? meta.severity,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface GateOptions {
  failUnder: number;
  maxWarnings: number;
  /**
   * Findings counted but not listed (a log's listing bounds), by severity:
   * summary.errors, warnings and infos and the gate count them too, so a bound
   * on the report's size never passes a gate that every finding would fail.
   */
  unlisted?: Record<Severity, number>;
}

export function campaignReport(audit: CampaignAudit, config: Config): CampaignReport {
  const s = scoreCampaign(audit, config.scoring);
  const c = audit.campaign;
  return {
    id: c.id,
    ...(c.name !== undefined ? { name: c.name } : {}),
    source: c.source,
    line: c.line,
    channel: c.channel,
    score: s.score,
    grade: s.grade,
    snr: s.snr,
    intrusiveness: s.intrusiveness,
    signal: s.signal,
    noise: s.noise,
    signals: s.signals,
    messages: s.messages.map((m, i) => ({ id: m.id, line: m.line, ...(m.row !== undefined ? { row: m.row } : {}), score: m.score, grade: m.grade, signals: m.signals, text: audit.messages[i]?.message.text })),
    findings: audit.findings,
    suppressed: audit.suppressed,
    ...(audit.unusedSuppressions.length ? { unusedSuppressions: audit.unusedSuppressions } : {}),
    trust: trustProfile(audit, trustModel(config)),
  };
}

/** What the summary counts of a campaign. */
interface CampaignTally {
  messages: number;
  errors: number;
  warnings: number;
  infos: number;
  findings: number;
  suppressed: number;
  unusedSuppressions: number;
}

/**
 * What the summary and the gate need of one campaign: its id, score and
 * counts. A run that writes each campaign out as it is made (the CLI's JSON
 * report, src/formatters/json-spill.ts) keeps only these.
 */
export interface CampaignLine {
  id: string;
  score: number;
  tally: CampaignTally;
}

export function campaignLine(c: CampaignReport): CampaignLine {
  let errors = 0, warnings = 0, infos = 0;
  for (const f of c.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else if (f.severity === 'info') infos++;
  }
  return {
    id: c.id,
    score: c.score,
    tally: { messages: c.messages.length, errors, warnings, infos, findings: c.findings.length, suppressed: c.suppressed.length, unusedSuppressions: c.unusedSuppressions?.length ?? 0 },
  };
}

export function buildReport(campaigns: CampaignReport[], gate: GateOptions, lang: Lang): Report {
  return reportOfLines(campaigns.map(campaignLine), campaigns, gate, lang);
}

/** The report whose summary counts `lines` (one per campaign, in order) and whose `campaigns` are those given (empty when they were written out as they came). */
export function reportOfLines(lines: CampaignLine[], campaigns: CampaignReport[], gate: GateOptions, lang: Lang): Report {
  const total: CampaignTally = { messages: 0, errors: 0, warnings: 0, infos: 0, findings: 0, suppressed: 0, unusedSuppressions: 0 };
  for (const c of lines) {
    for (const k of Object.keys(total) as Array<keyof CampaignTally>) total[k] += c.tally[k];
  }
  const errors = total.errors + (gate.unlisted?.error ?? 0);
  const warnings = total.warnings + (gate.unlisted?.warning ?? 0);
  const unused = total.unusedSuppressions;
  let lowest = 100;
  let sum = 0;
  for (const c of lines) {
    if (c.score < lowest) lowest = c.score;
    sum += c.score;
  }
  const mean = lines.length ? Math.round(sum / lines.length) : 100;
  const failures: string[] = [];
  const under = lines.filter((c) => c.score < gate.failUnder);
  if (under.length) {
    failures.push(
      lang === 'zh'
        ? `${under.length} 个活动低于 ${gate.failUnder} 分：${under.map((c) => `${c.id} (${c.score})`).join('、')}`
        : `${under.length} campaign(s) scored under ${gate.failUnder}: ${under.map((c) => `${c.id} (${c.score})`).join(', ')}`,
    );
  }
  if (errors) failures.push(lang === 'zh' ? `${errors} 个错误级问题` : `${errors} error-severity finding(s)`);
  if (gate.maxWarnings >= 0 && warnings > gate.maxWarnings) {
    failures.push(lang === 'zh' ? `警告 ${warnings} 个，超过上限 ${gate.maxWarnings}` : `${warnings} warnings, more than --max-warnings ${gate.maxWarnings}`);
  }
  return {
    tool: 'scrm-audit',
    version: VERSION,
    schemaVersion: 1,
    lang,
    summary: {
      campaigns: lines.length,
      messages: total.messages,
      findings: total.findings,
      errors,
      warnings,
      infos: total.infos + (gate.unlisted?.info ?? 0),
      suppressed: total.suppressed,
      ...(unused ? { unusedSuppressions: unused } : {}),
      score: mean,
      lowestScore: lowest,
      failUnder: gate.failUnder,
      maxWarnings: gate.maxWarnings,
      passed: failures.length === 0,
      failures,
    },
    campaigns,
  };
}
