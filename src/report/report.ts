/**
 * The report model (CONTRACTS §3): what every formatter renders. Built from
 * engine audits and scores; formatters never see rules or raw campaigns.
 */
import type { Channel, Finding, Lang } from '../types.js';
import type { CampaignAudit, SuppressedFinding } from '../engine/audit.js';
import { scoreCampaign, type Grade, type SignalPoint } from '../scoring/score.js';
import type { Config } from '../config/config.js';
import { VERSION } from '../version.js';

export interface MessageReport {
  id: string;
  line: number;
  row?: number;
  score: number;
  grade: Grade;
  signals: SignalPoint[];
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
  [extra: string]: unknown;
}

export interface Report {
  tool: 'scrm-audit';
  version: string;
  schemaVersion: 1;
  lang: Lang;
  summary: Summary;
  campaigns: CampaignReport[];
  [extra: string]: unknown;
}

export interface GateOptions {
  failUnder: number;
  maxWarnings: number;
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
    messages: s.messages.map((m) => ({ id: m.id, line: m.line, ...(m.row !== undefined ? { row: m.row } : {}), score: m.score, grade: m.grade, signals: m.signals })),
    findings: audit.findings,
    suppressed: audit.suppressed,
    ...(audit.unusedSuppressions.length ? { unusedSuppressions: audit.unusedSuppressions } : {}),
  };
}

export function buildReport(campaigns: CampaignReport[], gate: GateOptions, lang: Lang): Report {
  const all = campaigns.flatMap((c) => c.findings);
  const count = (sev: string) => all.filter((f) => f.severity === sev).length;
  const errors = count('error');
  const warnings = count('warning');
  const scores = campaigns.map((c) => c.score);
  const lowest = scores.length ? Math.min(...scores) : 100;
  const mean = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : 100;
  const failures: string[] = [];
  const under = campaigns.filter((c) => c.score < gate.failUnder);
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
      campaigns: campaigns.length,
      messages: campaigns.reduce((s, c) => s + c.messages.length, 0),
      findings: all.length,
      errors,
      warnings,
      infos: count('info'),
      suppressed: campaigns.reduce((s, c) => s + c.suppressed.length, 0),
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
