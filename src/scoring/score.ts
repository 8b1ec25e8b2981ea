/**
 * Scoring: a points table anyone can defend line by line.
 *
 *   message score  = clamp(base + credit(signal, noise) − noise, 0, 100)
 *   campaign score = the same over the campaign's signal and noise
 *   credit         = min(signal, cap)            when noise = 0
 *                  = min(signal, cap, noise / 2) otherwise
 *
 * Signal never buys a finding off: it earns back at most half of the noise,
 * so a message with any finding stays below the base, and a clean message
 * with signal rises above it.
 * noise is the sum of the findings' penalties (each finding carries its own
 * points: rule penalty × context factor × channel weight). Signal points come
 * from named features; a campaign earns a feature only when every one of its
 * messages has it, so adding a message can never add signal, and adding a
 * finding can never raise a score.
 */
import type { ScoringConfig } from '../config/config.js';
import type { CampaignAudit } from '../engine/audit.js';
import type { MessageAnalysis } from '../engine/analysis.js';
import { relevance } from '../engine/relevance.js';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface SignalPoint {
  feature: string;
  points: number;
}

export interface MessageScore {
  id: string;
  line: number;
  row?: number;
  score: number;
  grade: Grade;
  signals: SignalPoint[];
  noise: number;
}

export interface CampaignScore {
  score: number;
  grade: Grade;
  /** signal / (signal + noise), 0-1; 0.5 when a campaign has neither. */
  snr: number;
  intrusiveness: number;
  signal: number;
  noise: number;
  signals: SignalPoint[];
  messages: MessageScore[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Points of signal credited against `noise` (see the header). */
export function signalCredit(signal: number, noise: number, cap: number): number {
  const s = Math.min(signal, cap);
  return noise > 0 ? Math.min(s, noise / 2) : s;
}
const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;

export function gradeOf(score: number, g: ScoringConfig['grades']): Grade {
  return score >= g.A ? 'A' : score >= g.B ? 'B' : score >= g.C ? 'C' : score >= g.D ? 'D' : 'F';
}

/** Named signal features a message shows. */
export function messageFeatures(ma: MessageAnalysis): string[] {
  const out: string[] = [];
  const c = ma.campaign;
  if (ma.isPersonalised) out.push('personalised');
  const tags = c.campaign.audience.tags;
  if (tags.length && relevance(tags, ma.view).matched.length) out.push('targeted');
  // Service value (RULEBOOK): the customer's own business, or an operational change that affects them (停水, closure, new hours).
  if (ma.isService || ma.isNotice) out.push('service');
  if (ma.isReply) out.push('reply');
  return out;
}

export function scoreCampaign(audit: CampaignAudit, cfg: ScoringConfig): CampaignScore {
  const pts = (f: string) => cfg.signals[f] ?? 0;
  const features = audit.messages.map(messageFeatures);
  // noise per message, summed once (a log campaign can hold many thousand messages)
  const noiseOf = new Map<string, number>();
  for (const f of audit.findings) if (f.messageId !== undefined) noiseOf.set(f.messageId, (noiseOf.get(f.messageId) ?? 0) + f.penalty);
  const messages: MessageScore[] = audit.messages.map((ma, i) => {
    const signals = features[i]!.map((feature) => ({ feature, points: pts(feature) }));
    const noise = round1(noiseOf.get(ma.message.id) ?? 0);
    const signal = round1(signalCredit(signals.reduce((s, x) => s + x.points, 0), noise, cfg.signalCap));
    const score = Math.round(clamp(cfg.base + signal - noise, 0, 100));
    return { id: ma.message.id, line: ma.message.line, ...(ma.message.row !== undefined ? { row: ma.message.row } : {}), score, grade: gradeOf(score, cfg.grades), signals, noise };
  });

  const shared = features.length ? features.reduce((acc, f) => acc.filter((x) => f.includes(x))) : [];
  const signals = shared.map((feature) => ({ feature, points: pts(feature) }));
  const noise = round1(audit.findings.reduce((s, f) => s + f.penalty, 0));
  const signal = round1(signalCredit(signals.reduce((s, x) => s + x.points, 0), noise, cfg.signalCap));
  const score = Math.round(clamp(cfg.base + signal - noise, 0, 100));
  // snr compares what the campaign offers with what it costs, before crediting
  const offered = Math.min(cfg.signalCap, signals.reduce((s, x) => s + x.points, 0));
  const snr = offered + noise === 0 ? 0.5 : round2(offered / (offered + noise));
  return { score, grade: gradeOf(score, cfg.grades), snr, intrusiveness: intrusiveness(audit, cfg), signal, noise, signals, messages };
}

/**
 * 0-1: the channel's interruption (Moments < group < direct/SMS), plus @all,
 * audience size (log scale, full at 100,000), quiet-hours sends and sends over
 * the frequency cap.
 */
export function intrusiveness(audit: CampaignAudit, cfg: ScoringConfig): number {
  const w = cfg.intrusiveness;
  const c = audit.campaign;
  const has = (id: string) => audit.findings.some((f) => f.ruleId === id) || audit.suppressed.some((f) => f.ruleId === id);
  let v = w.channel[c.channel] ?? 0.4;
  if (has('mass-mention')) v += w.massMention;
  const size = c.audience.size;
  if (size && size > 1) v += w.audienceSize * Math.min(1, Math.log10(size) / 5);
  if (has('quiet-hours')) v += w.quietHours;
  if (has('frequency-cap')) v += w.frequency;
  return round2(clamp(v, 0, 1));
}
