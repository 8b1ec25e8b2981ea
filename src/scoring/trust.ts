/**
 * Trust profile of a campaign (RULEBOOK "Trust": T = C × R × I / S).
 *
 * Four axes in 0–1 — credibility, reliability, intimacy (higher is better) and
 * self-orientation (higher is worse) — moved by two kinds of evidence, both
 * weighted in rules/shared/trust.yaml, never here:
 *
 *   start   = base + Σ feature weight × share of messages showing the feature
 *   C, R, I = clamp01(start) × Π_findings (1 − rule weight × severity factor)
 *   S       = 1 − (1 − clamp01(start)) × Π_findings (1 − rule weight × severity factor)
 *   trust   = C × R × I × floor / max(S, floor)
 *
 * Findings only ever lower C, R, I and raise S, so adding a finding never
 * raises trust. Products rather than sums: each finding costs a share of what
 * is left, so the axes stay in 0–1 however many findings a campaign has and
 * the first exaggeration hurts more than the tenth. S is floored so T stays
 * finite; dividing by 1/floor (the best achievable C·R·I/S) puts T in 0–1.
 *
 * Suppressed findings are not findings (CONTRACTS §6) and move nothing.
 */
import type { Config } from '../config/config.js';
import type { CampaignAudit } from '../engine/audit.js';
import { sharedSection } from '../engine/lexicons.js';
import { InputError } from '../errors.js';
import { SEVERITIES, type Severity } from '../types.js';
import { messageFeatures } from './score.js';

export const TRUST_AXES = ['credibility', 'reliability', 'intimacy', 'selfOrientation'] as const;
export type TrustAxis = (typeof TRUST_AXES)[number];
export type TrustWeights = Partial<Record<TrustAxis, number>>;

/** What the JSON report carries per campaign (2 decimals). */
export interface TrustProfile {
  credibility: number;
  reliability: number;
  intimacy: number;
  selfOrientation: number;
  trust: number;
}

export interface TrustModel {
  base: Record<TrustAxis, number>;
  /** Lowest S the division uses; also T's normaliser. */
  floor: number;
  severityFactor: Record<Severity, number>;
  /** Feature name → signed weights, applied by the share of messages showing it. */
  features: Record<string, TrustWeights>;
  /** Rule id → weights per finding. */
  rules: Record<string, TrustWeights>;
}

const AXIS_NAMES: Record<string, TrustAxis> = {
  credibility: 'credibility',
  reliability: 'reliability',
  intimacy: 'intimacy',
  self_orientation: 'selfOrientation',
  selfOrientation: 'selfOrientation',
  'self-orientation': 'selfOrientation',
};

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round2 = (v: number) => Math.round(v * 100) / 100;

function isMapping(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function num(v: unknown, where: string, file: string | undefined, min: number, max: number): number {
  if (typeof v !== 'number' || Number.isNaN(v) || v < min || v > max) throw new InputError(`${where}: expected a number from ${min} to ${max}`, file);
  return v;
}

/**
 * Validate `{ credibility: 0.2, self_orientation: 0.1 }`. Rule weights are
 * costs (0–1); feature weights are signed (−1–1).
 */
export function parseTrustWeights(v: unknown, where: string, file: string | undefined, signed = false): TrustWeights {
  if (!isMapping(v)) throw new InputError(`${where}: expected a mapping of axis to weight (credibility, reliability, intimacy, self_orientation)`, file);
  const out: TrustWeights = {};
  for (const [k, w] of Object.entries(v)) {
    const axis = AXIS_NAMES[k];
    if (!axis) throw new InputError(`${where}.${k}: unknown trust axis (credibility | reliability | intimacy | self_orientation)`, file);
    out[axis] = num(w, `${where}.${k}`, file, signed ? -1 : 0, 1);
  }
  return out;
}

/** Merge one `trust:` section (the shared YAML's or a config's) over a model. */
export function mergeTrustSection(model: TrustModel, section: unknown, file: string | undefined, where = 'trust'): TrustModel {
  if (section == null) return model;
  if (!isMapping(section)) throw new InputError(`${where}: expected a mapping`, file);
  const out: TrustModel = {
    base: { ...model.base },
    floor: model.floor,
    severityFactor: { ...model.severityFactor },
    features: { ...model.features },
    rules: { ...model.rules },
  };
  for (const [k, v] of Object.entries(section)) {
    if (k === 'base') Object.assign(out.base, parseTrustWeights(v, `${where}.base`, file));
    else if (k === 'self_orientation_floor' || k === 'selfOrientationFloor' || k === 'floor') out.floor = num(v, `${where}.${k}`, file, 0.01, 1);
    else if (k === 'severity_factor' || k === 'severityFactor') {
      if (!isMapping(v)) throw new InputError(`${where}.${k}: expected a mapping of severity to factor`, file);
      for (const [s, f] of Object.entries(v)) {
        if (!SEVERITIES.includes(s as Severity)) throw new InputError(`${where}.${k}.${s}: expected error | warning | info`, file);
        out.severityFactor[s as Severity] = num(f, `${where}.${k}.${s}`, file, 0, 1);
      }
    } else if (k === 'features' || k === 'rules') {
      if (!isMapping(v)) throw new InputError(`${where}.${k}: expected a mapping`, file);
      // A later section replaces a rule's or feature's weights as a whole, so
      // a config can also say `quiet-hours: {}` to take a rule out of trust.
      for (const [name, w] of Object.entries(v)) out[k][name] = parseTrustWeights(w ?? {}, `${where}.${k}.${name}`, file, k === 'features');
    } else throw new InputError(`${where}.${k}: unknown key (base | self_orientation_floor | severity_factor | features | rules)`, file);
  }
  return out;
}

const EMPTY_MODEL: TrustModel = {
  base: { credibility: 1, reliability: 1, intimacy: 0.5, selfOrientation: 0.2 },
  floor: 0.1,
  severityFactor: { error: 1, warning: 1, info: 1 },
  features: {},
  rules: {},
};

let defaults: TrustModel | undefined;
const byConfig = new WeakMap<Config, TrustModel>();

/** The shared weights (rules/shared/trust.yaml) with the config's `trust:` section over them. */
export function trustModel(config: Config): TrustModel {
  let m = byConfig.get(config);
  if (!m) {
    defaults ??= mergeTrustSection(EMPTY_MODEL, sharedSection('trust'), 'rules/shared/trust.yaml');
    m = mergeTrustSection(defaults, config.raw.trust, config.file);
    byConfig.set(config, m);
  }
  return m;
}

/** Message features the trust model can weigh: the scorer's signal features, plus selling and notice. */
function featuresOf(audit: CampaignAudit): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ma of audit.messages) {
    const fs = new Set(messageFeatures(ma));
    if (ma.isSelling) fs.add('selling');
    if (ma.isNotice) fs.add('notice');
    for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return counts;
}

export function trustProfile(audit: CampaignAudit, model: TrustModel): TrustProfile {
  const n = audit.messages.length;
  const start: Record<TrustAxis, number> = { ...model.base };
  if (n) {
    for (const [feature, count] of [...featuresOf(audit)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const w = model.features[feature];
      if (!w) continue;
      for (const axis of TRUST_AXES) start[axis] += (w[axis] ?? 0) * (count / n);
    }
  }
  // What survives of each axis (C, R, I) or of S's distance to 1, finding by finding.
  const keep: Record<TrustAxis, number> = { credibility: 1, reliability: 1, intimacy: 1, selfOrientation: 1 };
  for (const f of audit.findings) {
    const w = model.rules[f.ruleId];
    if (!w) continue;
    const sev = model.severityFactor[f.severity] ?? 1;
    for (const axis of TRUST_AXES) keep[axis] *= 1 - clamp01((w[axis] ?? 0) * sev);
  }
  const credibility = clamp01(start.credibility) * keep.credibility;
  const reliability = clamp01(start.reliability) * keep.reliability;
  const intimacy = clamp01(start.intimacy) * keep.intimacy;
  const selfOrientation = 1 - (1 - clamp01(start.selfOrientation)) * keep.selfOrientation;
  const trust = (credibility * reliability * intimacy * model.floor) / Math.max(selfOrientation, model.floor);
  return {
    credibility: round2(credibility),
    reliability: round2(reliability),
    intimacy: round2(intimacy),
    selfOrientation: round2(selfOrientation),
    trust: round2(trust),
  };
}
