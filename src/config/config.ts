/**
 * `.scrm-audit.yaml`: found from the working directory upward, or --config.
 * Everything here is optional; the built-in rule packs hold the defaults.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import { InputError, InputErrors, describeSystemError } from '../errors.js';
import { SEVERITIES, CHANNELS, type Channel, type Lang, type Severity } from '../types.js';
import { isValidTimeZone } from '../time.js';
import { configSchemaErrors, documentPositions, ruleOptionErrors, suggestion, type Positions } from './validate.js';
import type { RuleMeta } from '../rules/meta.js';
import { builtinRules } from '../rules/index.js';
import { knownIndustries, NEUTRAL_INDUSTRY } from '../engine/industry.js';

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
  /** JSON pointer of each option in the config file (under `options:` or inline), for errors. */
  optionPointers?: Record<string, string>;
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
  /** A model written by `scrm-audit learn` (absolute path; `model:`, relative to the config file, or --model). */
  model?: string;
  /** The sender's industry (rules/shared/industry.yaml), or `default` for neutral advice; detected from the text when absent. */
  industry?: string;
  /** Raw sections other commands read (logs, …). */
  raw: Record<string, unknown>;
  /** Line and column of every key and value of the config file, by JSON pointer (for errors found later). */
  positions?: Positions;
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

const escPtr = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const RULE_KEYS = ['enabled', 'severity', 'penalty', 'options', 'lexicons'];

/** A rule entry's options, under `options:` or written inline next to severity/penalty, with where each is written. */
function writtenOptions(id: string, o: Record<string, unknown>): { options: Record<string, unknown>; pointers: Record<string, string> } | undefined {
  let options: Record<string, unknown> | undefined;
  const pointers: Record<string, string> = {};
  if (o.options && typeof o.options === 'object' && !Array.isArray(o.options)) {
    options = { ...(o.options as Record<string, unknown>) };
    for (const k of Object.keys(options)) pointers[k] = `/rules/${escPtr(id)}/options/${escPtr(k)}`;
  }
  for (const [k, val] of Object.entries(o)) {
    if (RULE_KEYS.includes(k)) continue;
    (options ??= {})[k] = val;
    pointers[k] = `/rules/${escPtr(id)}/${escPtr(k)}`;
  }
  return options ? { options, pointers } : undefined;
}

/** Options of built-in rules checked with the file itself, so one run shows every error (pack rules are checked once loaded). */
function builtinOptionErrors(d: Record<string, unknown>, file: string, positions?: Positions): InputError[] {
  const rules = d.rules;
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) return [];
  const metas = new Map(builtinRules().map((r) => [r.meta.id, r.meta]));
  const out: InputError[] = [];
  for (const [id, v] of Object.entries(rules as Record<string, unknown>)) {
    const meta = metas.get(id);
    if (!meta || !v || typeof v !== 'object' || Array.isArray(v)) continue;
    const w = writtenOptions(id, v as Record<string, unknown>);
    if (w) out.push(...ruleOptionErrors(meta, { id, options: w.options, pointers: w.pointers }, file, positions));
  }
  return out;
}

/** Checks no schema states: a time zone that exists, grade bands in order. */
function semanticErrors(d: Record<string, unknown>, file: string, positions?: Positions): InputError[] {
  const out: InputError[] = [];
  const at = (ptr: string) => positions?.get(ptr);
  const err = (msg: string, ptr: string) => {
    const p = at(ptr);
    out.push(new InputError(msg, file, p?.[0], p?.[1]));
  };
  if (d.timezone !== undefined && typeof d.timezone === 'string' && !isValidTimeZone(d.timezone)) err(`timezone: unknown time zone "${d.timezone}" (use an IANA name such as Asia/Shanghai)`, '/timezone');
  if (typeof d.industry === 'string') {
    // The industries are data (rules/shared/industry.yaml), so the schema cannot list them.
    const known = [...knownIndustries(), NEUTRAL_INDUSTRY];
    if (!known.includes(d.industry)) err(`industry: unknown industry "${d.industry}"${suggestion(d.industry, known)} (one of ${known.join(', ')})`, '/industry');
  }
  const s = d.scoring as Record<string, unknown> | null | undefined;
  const g = s && typeof s === 'object' ? (s.grades as Record<string, unknown> | undefined) : undefined;
  if (g && typeof g === 'object') {
    // Out of order, a band swallows the ones below it (39 shown as A): the grade would mean nothing.
    const bands = { ...DEFAULT_SCORING.grades, ...g } as Record<string, unknown>;
    const order = ['A', 'B', 'C', 'D'] as const;
    for (let i = 0; i + 1 < order.length; i++) {
      const hi = bands[order[i]!];
      const lo = bands[order[i + 1]!];
      if (typeof hi === 'number' && typeof lo === 'number' && hi < lo) {
        const which = g[order[i]!] !== undefined ? order[i]! : order[i + 1]!;
        err(`scoring.grades: ${order[i]} (${hi}) must be at least ${order[i + 1]} (${lo}); grades go A ≥ B ≥ C ≥ D`, `/scoring/grades/${which}`);
      }
    }
  }
  return out;
}

export function parseConfig(data: unknown, file: string, positions?: Positions): Config {
  const cfg = defaultConfig();
  cfg.file = file;
  cfg.positions = positions;
  if (data == null) return cfg;
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError('expected a mapping at the top level', file);
  const d = data as Record<string, unknown>;
  // Every error at once: the schema's (shape, unknown keys, number ranges), then the ones it cannot state.
  const errors = [...configSchemaErrors(data, file, positions), ...semanticErrors(d, file, positions), ...builtinOptionErrors(d, file, positions)];
  InputErrors.throwIfAny(errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  cfg.raw = d;
  if (d.lang !== undefined) {
    if (d.lang !== 'zh' && d.lang !== 'en') throw new InputError('lang: expected zh | en', file);
    cfg.lang = d.lang;
  }
  if (d.timezone !== undefined) {
    if (typeof d.timezone !== 'string' || !isValidTimeZone(d.timezone)) throw new InputError(`timezone: unknown time zone "${String(d.timezone)}"`, file);
    cfg.timezone = d.timezone;
  }
  if (typeof d.industry === 'string') cfg.industry = d.industry;
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
        if (o.options !== undefined && (!o.options || typeof o.options !== 'object')) throw new InputError(`${f}.options: expected a mapping`, file);
        const written = writtenOptions(id, o);
        if (written) {
          ov.options = written.options;
          ov.optionPointers = written.pointers;
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
  // A relative model path is the config's neighbour, wherever the audit runs from (as packs are).
  if (typeof d.model === 'string') return withModel(cfg, resolve(dirname(file), d.model));
  return cfg;
}

/**
 * The run uses this model (`model:` in the config, or --model): the
 * learned-noise rule reads it as its `model` option, so it reaches the rule
 * the way every other rule setting does.
 */
export function withModel(config: Config, file: string): Config {
  const ov = config.rules['learned-noise'] ?? {};
  return { ...config, model: file, rules: { ...config.rules, 'learned-noise': { ...ov, options: { ...(ov.options ?? {}), model: file } } } };
}

/** Most alias expansions a config may make (YAML anchors are welcome; a billion laughs is not). */
export const MAX_ALIAS_COUNT = 100;

/** Read a config file: YAML (anchors, aliases and `<<` merge keys too) or JSON, keeping every key's position. */
export function readConfigFile(file: string, shown = file): { data: unknown; positions: Positions } {
  let src: string;
  try {
    if (statSync(file).isDirectory()) throw new InputError('is a directory, expected a config file', shown);
    src = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(describeSystemError(e, 'cannot read config'), shown);
  }
  const lc = new LineCounter();
  const linePos = (o: number) => lc.linePos(o);
  try {
    const doc = parseDocument(src.replace(/^\uFEFF/, ''), { lineCounter: lc, prettyErrors: false, merge: true, uniqueKeys: true });
    const err = doc.errors[0];
    if (err) {
      if (/call stack/i.test(err.message)) throw new InputError('nested too deeply to read', shown);
      const p = lc.linePos(err.pos[0]);
      throw new InputError(`invalid YAML: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')}`, shown, p.line, p.col);
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      if (e instanceof ReferenceError || /alias/i.test((e as Error).message)) throw new InputError(`invalid YAML: ${(e as Error).message} (at most ${MAX_ALIAS_COUNT} alias expansions)`, shown);
      throw e;
    }
    return { data, positions: documentPositions(doc, linePos) };
  } catch (e) {
    if (e instanceof RangeError) throw new InputError('nested too deeply to read', shown);
    throw e;
  }
}

export function loadConfig(explicit: string | undefined, cwd = process.cwd()): Config {
  const file = explicit ? resolve(cwd, explicit) : findConfig(cwd);
  if (!file) return defaultConfig();
  if (explicit && !existsSync(file)) throw new InputError('config file not found', explicit);
  const shown = explicit ?? file;
  const { data, positions } = readConfigFile(file, shown);
  return parseConfig(data, shown, positions);
}

/** Rule ids a config may name that no rule of this run has: they belong to another command (log-only rules) or a model. */
const validated = new WeakMap<Config, string>();

/**
 * Once the run's rules are known (built-ins plus packs): every rule id the
 * config names must exist (a typo would silently change nothing), and every
 * rule's options must fit that rule's options schema. All errors at once.
 */
export function checkRuleOverrides(config: Config, rules: Array<{ meta: RuleMeta }>, otherIds: readonly string[] = []): void {
  const key = rules.map((r) => r.meta.id).join(',');
  if (validated.get(config) === key) return;
  const byId = new Map(rules.map((r) => [r.meta.id, r.meta]));
  const known = [...byId.keys(), ...otherIds];
  const errors: InputError[] = [];
  for (const [id, ov] of Object.entries(config.rules)) {
    const meta = byId.get(id);
    if (!meta) {
      if (otherIds.includes(id)) continue;
      const p = config.positions?.get(`k/rules/${escPtr(id)}`);
      errors.push(new InputError(`rules.${id}: unknown rule${suggestion(id, known)}; \`scrm-audit rules\` lists the rule ids`, config.file, p?.[0], p?.[1]));
      continue;
    }
    if (ov.options) errors.push(...ruleOptionErrors(meta, { id, options: ov.options, pointers: ov.optionPointers }, config.file, config.positions));
  }
  InputErrors.throwIfAny(errors);
  validated.set(config, key);
}
