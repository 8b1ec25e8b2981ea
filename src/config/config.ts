/**
 * `.scrm-audit.yaml`: found from the working directory upward, or --config.
 * Everything here is optional; the built-in rule packs hold the defaults.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import { InputError } from '../errors.js';
import { readYamlFile } from '../rules/meta.js';
import { SEVERITIES, CHANNELS, type Channel, type Lang, type Severity } from '../types.js';
import { isValidTimeZone } from '../time.js';

export const CONFIG_NAMES = ['.scrm-audit.yaml', '.scrm-audit.yml', '.scrm-audit.json'];

export interface LexiconOverride {
  add?: string[];
  remove?: string[];
  /** Replace the whole list. */
  terms?: string[];
}

export interface RuleOverride {
  enabled?: boolean;
  severity?: Severity;
  penalty?: number;
  options?: Record<string, unknown>;
  lexicons?: Record<string, LexiconOverride>;
}

export interface ScoringConfig {
  /** Score of a message with neither signal nor noise. */
  base: number;
  /** Most points signal can add. */
  signalCap: number;
  /** Penalty multiplier per channel: interruption grows Moments < group < direct/SMS. */
  channelWeight: Record<Channel, number>;
  /** Points per named signal feature. */
  signals: Record<string, number>;
  /** Lowest score of each grade; below D is F. */
  grades: { A: number; B: number; C: number; D: number };
  /** Intrusiveness (0-1): channel base plus context terms. */
  intrusiveness: {
    channel: Record<Channel, number>;
    massMention: number;
    audienceSize: number;
    quietHours: number;
    frequency: number;
  };
}

export interface Config {
  file?: string;
  lang?: Lang;
  timezone?: string;
  failUnder: number;
  maxWarnings: number;
  rules: Record<string, RuleOverride>;
  /** Shared lexicons (selling, service, topics…) overrides. */
  lexicons: Record<string, LexiconOverride>;
  scoring: ScoringConfig;
  /** Extra rule packs: YAML files or directories, resolved against the config's folder. */
  packs: string[];
  /** Raw sections other commands read (logs, …). */
  raw: Record<string, unknown>;
}

export const DEFAULT_SCORING: ScoringConfig = {
  base: 80,
  signalCap: 20,
  channelWeight: { moments: 0.7, group: 1, direct: 1.2, sms: 1.2 },
  signals: { personalised: 8, targeted: 6, service: 10, reply: 6 },
  grades: { A: 90, B: 80, C: 70, D: 60 },
  intrusiveness: {
    channel: { moments: 0.15, group: 0.35, direct: 0.55, sms: 0.55 },
    massMention: 0.2,
    audienceSize: 0.15,
    quietHours: 0.1,
    frequency: 0.1,
  },
};

export function defaultConfig(): Config {
  return { failUnder: 60, maxWarnings: -1, rules: {}, lexicons: {}, scoring: structuredClone(DEFAULT_SCORING), packs: [], raw: {} };
}

export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const n of CONFIG_NAMES) {
      const f = join(dir, n);
      if (existsSync(f)) return f;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const num = (v: unknown, file: string, field: string, min: number, max: number): number => {
  if (typeof v !== 'number' || Number.isNaN(v) || v < min || v > max) throw new InputError(`${field}: expected a number from ${min} to ${max}`, file);
  return v;
};

function lexOverride(v: unknown, file: string, field: string): LexiconOverride {
  if (Array.isArray(v)) return { add: v.map(String) };
  if (!v || typeof v !== 'object') throw new InputError(`${field}: expected { add: [...], remove: [...] } or a list of terms to add`, file);
  const o = v as Record<string, unknown>;
  for (const k of ['add', 'remove', 'terms'] as const) {
    if (o[k] !== undefined && !Array.isArray(o[k])) throw new InputError(`${field}.${k}: expected a list of terms`, file);
  }
  return { add: (o.add as unknown[] | undefined)?.map(String), remove: (o.remove as unknown[] | undefined)?.map(String), terms: (o.terms as unknown[] | undefined)?.map(String) };
}

export function parseConfig(data: unknown, file: string): Config {
  const cfg = defaultConfig();
  cfg.file = file;
  if (data == null) return cfg;
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError('expected a mapping at the top level', file);
  const d = data as Record<string, unknown>;
  cfg.raw = d;
  if (d.lang !== undefined) {
    if (d.lang !== 'zh' && d.lang !== 'en') throw new InputError('lang: expected zh | en', file);
    cfg.lang = d.lang;
  }
  if (d.timezone !== undefined) {
    if (typeof d.timezone !== 'string' || !isValidTimeZone(d.timezone)) throw new InputError(`timezone: unknown time zone "${String(d.timezone)}"`, file);
    cfg.timezone = d.timezone;
  }
  const fu = d.fail_under ?? d.failUnder;
  if (fu !== undefined) cfg.failUnder = num(fu, file, 'fail_under', 0, 100);
  const mw = d.max_warnings ?? d.maxWarnings;
  if (mw !== undefined) cfg.maxWarnings = num(mw, file, 'max_warnings', -1, Number.MAX_SAFE_INTEGER);
  if (d.rules != null) { // `rules:` with every entry commented out (as `init` writes it) is null: no overrides
    if (!d.rules || typeof d.rules !== 'object' || Array.isArray(d.rules)) throw new InputError('rules: expected a mapping of rule id to settings', file);
    for (const [id, v] of Object.entries(d.rules as object)) {
      const f = `rules.${id}`;
      if (v === 'off' || v === false) cfg.rules[id] = { enabled: false };
      else if (v === 'on' || v === true) cfg.rules[id] = { enabled: true };
      else if (typeof v === 'string') {
        if (!SEVERITIES.includes(v as Severity)) throw new InputError(`${f}: expected off | on | error | warning | info or a mapping`, file);
        cfg.rules[id] = { severity: v as Severity };
      } else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const ov: RuleOverride = {};
        if (o.enabled !== undefined) ov.enabled = o.enabled !== false && o.enabled !== 'off';
        if (o.severity !== undefined) {
          if (o.severity === 'off') ov.enabled = false;
          else if (!SEVERITIES.includes(o.severity as Severity)) throw new InputError(`${f}.severity: expected error | warning | info | off`, file);
          else ov.severity = o.severity as Severity;
        }
        if (o.penalty !== undefined) ov.penalty = num(o.penalty, file, `${f}.penalty`, 0, 100);
        if (o.options !== undefined) {
          if (!o.options || typeof o.options !== 'object') throw new InputError(`${f}.options: expected a mapping`, file);
          ov.options = o.options as Record<string, unknown>;
        }
        // Options may also be written inline next to severity/penalty.
        for (const [k, val] of Object.entries(o)) {
          if (!['enabled', 'severity', 'penalty', 'options', 'lexicons'].includes(k)) (ov.options ??= {})[k] = val;
        }
        if (o.lexicons !== undefined) {
          ov.lexicons = {};
          for (const [ln, lv] of Object.entries(o.lexicons as object)) ov.lexicons[ln] = lexOverride(lv, file, `${f}.lexicons.${ln}`);
        }
        cfg.rules[id] = ov;
      } else throw new InputError(`${f}: expected off | on | error | warning | info or a mapping`, file);
    }
  }
  if (d.lexicons != null) {
    if (typeof d.lexicons !== 'object' || Array.isArray(d.lexicons)) throw new InputError('lexicons: expected a mapping of lexicon name to { add, remove }', file);
    for (const [ln, lv] of Object.entries(d.lexicons as object)) cfg.lexicons[ln] = lexOverride(lv, file, `lexicons.${ln}`);
  }
  if (d.scoring != null) {
    if (typeof d.scoring !== 'object' || Array.isArray(d.scoring)) throw new InputError('scoring: expected a mapping (base, signal_cap, channel_weight, signals, grades)', file);
    const s = d.scoring as Record<string, unknown>;
    if (s.base !== undefined) cfg.scoring.base = num(s.base, file, 'scoring.base', 0, 100);
    const sc = s.signal_cap ?? s.signalCap;
    if (sc !== undefined) cfg.scoring.signalCap = num(sc, file, 'scoring.signal_cap', 0, 100);
    const cw = (s.channel_weight ?? s.channelWeight) as Record<string, unknown> | undefined;
    if (cw) for (const [k, v] of Object.entries(cw)) {
      if (!CHANNELS.includes(k as Channel)) throw new InputError(`scoring.channel_weight.${k}: unknown channel (group | direct | moments | sms)`, file);
      cfg.scoring.channelWeight[k as Channel] = num(v, file, `scoring.channel_weight.${k}`, 0, 10);
    }
    if (s.signals) for (const [k, v] of Object.entries(s.signals as object)) cfg.scoring.signals[k] = num(v, file, `scoring.signals.${k}`, 0, 100);
    if (s.grades) for (const [k, v] of Object.entries(s.grades as object)) {
      if (!['A', 'B', 'C', 'D'].includes(k)) throw new InputError(`scoring.grades.${k}: expected A, B, C or D`, file);
      cfg.scoring.grades[k as 'A'] = num(v, file, `scoring.grades.${k}`, 0, 100);
    }
  }
  const packs = d.packs ?? d.rule_packs;
  if (packs !== undefined) {
    if (!Array.isArray(packs)) throw new InputError('packs: expected a list of files or folders', file);
    cfg.packs = packs.map((p) => resolve(dirname(file), String(p)));
  }
  return cfg;
}

export function loadConfig(explicit: string | undefined, cwd = process.cwd()): Config {
  const file = explicit ? resolve(cwd, explicit) : findConfig(cwd);
  if (!file) return defaultConfig();
  if (explicit && !existsSync(file)) throw new InputError('config file not found', explicit);
  return parseConfig(readYamlFile(file).data, explicit ?? file);
}
