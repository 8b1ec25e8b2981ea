/**
 * User rule packs: YAML files (or folders of them) that add rules without
 * TypeScript and extend built-in ones. Everything a pack says is validated
 * here, so a broken pack stops the run with its file and line (exit 2)
 * instead of failing, or silently matching nothing, in the middle of an audit.
 *
 *   rules:    [ { id, type: lexicon | pattern | metric, severity, penalty,
 *                 title, messages, advice, channels?, scope?, trust?, … } ]
 *   extends:  { <rule id>: <same shape as a config's `rules.<id>` override> }
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { RE2JS } from 're2js';
import { InputError } from '../errors.js';
import { BUILTIN_RULES_DIR } from '../paths.js';
import { parseConfig, type RuleOverride } from '../config/config.js';
import { parseRuleMeta, type RuleMeta } from '../rules/meta.js';
import { declaredRule } from '../rules/checks/declared.js';
import type { LoadedRule } from '../rules/index.js';
import { CHANNELS, GROUP_TYPES, type Channel, type GroupType } from '../types.js';
import { compileLexicon, type TermSpec } from '../text/lexicon.js';
import { parseTrustWeights, type TrustWeights } from '../scoring/trust.js';
import { PackSource, type YamlPath } from './source.js';
import { METRIC_NAMES, type MetricName } from './metrics.js';
import { POSITIONS, RULE_TYPES, packRuleModule, type FinePrint, type PackRuleSpec, type Position, type RuleType } from './rules.js';

/** Rule ids CONTRACTS §4 reserves, whether or not this build registers them yet (log-only rules too). */
const CONTRACT_RULE_IDS = [
  'mass-mention', 'off-topic-selling', 'buried-disclaimer', 'missing-relevance', 'frequency-cap', 'self-serving-ask',
  'absolute-claim', 'false-urgency', 'template-tone', 'missing-opt-out', 'quiet-hours', 'defensive-reply',
  'duplicate-blast', 'unsolicited-invite',
];
/**
 * Ids no pack may take: the contract's, and every built-in rule's, read from
 * rules/builtin/<id>.yaml — a new built-in rule is reserved by its file, with
 * no list here to extend.
 */
export const RESERVED_RULE_IDS: readonly string[] = [
  ...new Set([...CONTRACT_RULE_IDS, ...readdirSync(BUILTIN_RULES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort()]),
];

const PACK_KEYS = ['rules', 'extends', 'name', 'description', 'version'];
/** A declared rule's file (rules/builtin/<id>.yaml): one rule with its lexicons and `check:` section. */
const DECLARED_KEYS = ['id', 'severity', 'penalty', 'channels', 'title', 'description', 'explain', 'messages', 'message', 'advice', 'options', 'lexicons', 'examples', 'graded', 'check'];
const COMMON_KEYS = ['id', 'type', 'severity', 'penalty', 'title', 'description', 'explain', 'messages', 'message', 'advice', 'channels', 'scope', 'examples', 'trust', 'options'];
const TYPE_KEYS: Record<RuleType, string[]> = {
  lexicon: ['terms', 'except', 'boundary'],
  pattern: ['patterns', 'pattern', 'text', 'ignore_case'],
  metric: ['metric', 'max'],
};
const SCOPE_KEYS = ['channels', 'group_types', 'position'];

export interface PackExtension {
  id: string;
  override: RuleOverride;
  src: PackSource;
  path: YamlPath;
}

export interface LoadedPacks {
  rules: LoadedRule[];
  extensions: PackExtension[];
  /** `trust:` weights pack rules declare for themselves. */
  trust: Record<string, TrustWeights>;
}

export interface LoadPackOptions {
  /** Ids already taken (the rules this run has besides the packs). */
  taken: Iterable<string>;
  /** buried-disclaimer's fine-print notion, for `scope.position`. */
  finePrint: () => FinePrint;
  cwd?: string;
}

/** A path as the user should see it: relative to the working directory when under it. */
function shown(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Pack files behind the given paths: files as named, folders' *.yaml / *.yml (sorted, recursive, no dot-folders). */
export function packFiles(paths: string[], cwd = process.cwd()): Array<{ abs: string; shown: string }> {
  const out: Array<{ abs: string; shown: string }> = [];
  const walk = (dir: string, into: string[]) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, into);
      else if (/\.ya?ml$/i.test(name)) into.push(p);
    }
  };
  for (const given of paths) {
    const abs = resolve(cwd, given);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new InputError('rule pack not found', isAbsolute(given) ? shown(abs, cwd) : given);
    }
    if (!isDir) {
      out.push({ abs, shown: shown(abs, cwd) });
      continue;
    }
    const found: string[] = [];
    walk(abs, found);
    if (!found.length) throw new InputError('no rule packs (*.yaml, *.yml) in this folder', shown(abs, cwd));
    for (const f of found) out.push({ abs: f, shown: shown(f, cwd) });
  }
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(f.abs) && !!seen.add(f.abs));
}

const isMapping = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function list(v: unknown): unknown[] | undefined {
  return v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v];
}

function checkKeys(src: PackSource, obj: Record<string, unknown>, allowed: string[], path: YamlPath, what: string): void {
  for (const k of Object.keys(obj)) {
    if (allowed.includes(k)) continue;
    // A misspelt field would otherwise be ignored and the rule silently match nothing.
    const near = allowed.filter((a) => a.includes(k) || k.includes(a) || a.replace(/_/g, '') === k.toLowerCase().replace(/[-_]/g, ''));
    throw src.error(`${what}: unknown field "${k}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; expected one of: ${allowed.join(', ')}`, [...path, k]);
  }
}

/**
 * parseRuleMeta reports "<id>.<field>: …" without a line: find the field in
 * the rule and raise the same message there.
 */
function metaAt(src: PackSource, raw: Record<string, unknown>, path: YamlPath): RuleMeta {
  try {
    return parseRuleMeta(raw, src.file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.line) throw e; // already at its line (the check: schema's errors)
    const field = /^(?:[^\s.:]+\.)?([\w.]+):/.exec(e.message)?.[1]?.split('.') ?? [];
    if (e.message.startsWith('id:')) throw src.error(e.message, [...path, 'id']);
    throw src.error(e.message, [...path, ...field]);
  }
}

function stringList(src: PackSource, v: unknown, path: YamlPath, what: string, allowed?: readonly string[]): string[] {
  const items = list(v);
  if (!items?.length) throw src.error(`${what}: expected a non-empty list`, path);
  return items.map((x, i) => {
    if (typeof x !== 'string' || !x.trim()) throw src.error(`${what}: expected text, got ${JSON.stringify(x)}`, [...path, i]);
    if (allowed && !allowed.includes(x)) throw src.error(`${what}: unknown value "${x}" (expected ${allowed.join(' | ')})`, [...path, i]);
    return x;
  });
}

function parseRule(src: PackSource, raw: unknown, i: number, finePrint: () => FinePrint): { rule: LoadedRule; trust?: TrustWeights } {
  const path: YamlPath = ['rules', i];
  if (!isMapping(raw)) throw src.error('expected a rule definition (a mapping with id, type, severity, penalty, title, messages, advice)', path);
  const label = typeof raw.id === 'string' ? raw.id : `rules[${i}]`;
  if (raw.type === undefined) throw src.error(`${label}: type is required (${RULE_TYPES.join(' | ')})`, [...path, 'id']);
  const type = raw.type as RuleType;
  if (!RULE_TYPES.includes(type)) throw src.error(`${label}.type: unknown rule type "${String(raw.type)}" (expected ${RULE_TYPES.join(' | ')})`, [...path, 'type']);
  checkKeys(src, raw, [...COMMON_KEYS, ...TYPE_KEYS[type]], path, label);
  const meta = metaAt(src, { ...raw, options: undefined, examples: undefined }, path);
  const id = meta.id;

  // Channels: `channels:` and `scope.channels` both narrow the rule (the engine skips other channels).
  const scope = raw.scope ?? {};
  if (!isMapping(scope)) throw src.error(`${id}.scope: expected a mapping (channels, group_types, position)`, [...path, 'scope']);
  checkKeys(src, scope, SCOPE_KEYS, [...path, 'scope'], `${id}.scope`);
  let channels: Channel[] | undefined;
  for (const [v, field] of [[raw.channels, ['channels']], [scope.channels, ['scope', 'channels']]] as const) {
    if (v === undefined) continue;
    const cs = stringList(src, v, [...path, ...field], `${id}.${field.join('.')}`, CHANNELS) as Channel[];
    channels = channels ? channels.filter((c) => cs.includes(c)) : cs;
  }
  const groupTypes = scope.group_types === undefined ? undefined : (stringList(src, scope.group_types, [...path, 'scope', 'group_types'], `${id}.scope.group_types`, GROUP_TYPES) as GroupType[]);
  const positions = scope.position === undefined ? [] : (stringList(src, scope.position, [...path, 'scope', 'position'], `${id}.scope.position`, POSITIONS) as Position[]);
  if (positions.length && type === 'metric') throw src.error(`${id}.scope.position: a metric measures the whole message; position applies to lexicon and pattern rules`, [...path, 'scope', 'position']);

  const options: Record<string, unknown> = {};
  if (raw.options !== undefined) {
    if (!isMapping(raw.options)) throw src.error(`${id}.options: expected a mapping`, [...path, 'options']);
    Object.assign(options, raw.options);
  }
  const lexicons: RuleMeta['lexicons'] = {};
  const spec: PackRuleSpec = { meta: { ...meta, channels, options, lexicons, type }, type, groupTypes, positions, text: 'normalized' };

  if (type === 'lexicon') {
    const terms = list(raw.terms);
    if (!terms?.length) throw src.error(`${id}.terms: a lexicon rule needs a non-empty list of terms`, [...path, raw.terms === undefined ? 'id' : 'terms']);
    terms.forEach((t, j) => {
      const ok = (typeof t === 'string' && t.trim()) || (isMapping(t) && typeof t.term === 'string' && t.term.trim());
      if (!ok) throw src.error(`${id}.terms: expected a term (text, or { term, boundary, except }), got ${JSON.stringify(t)}`, [...path, 'terms', j]);
    });
    if (raw.boundary !== undefined && raw.boundary !== 'word' && raw.boundary !== 'none') throw src.error(`${id}.boundary: expected word | none`, [...path, 'boundary']);
    const except = raw.except === undefined ? undefined : stringList(src, raw.except, [...path, 'except'], `${id}.except`);
    lexicons.terms = { terms: terms as Array<string | TermSpec>, ...(raw.boundary ? { boundary: raw.boundary as 'word' | 'none' } : {}), ...(except ? { except } : {}) };
    try {
      compileLexicon(lexicons.terms);
    } catch (e) {
      throw src.error(`${id}.terms: ${(e as Error).message}`, [...path, 'terms']);
    }
  } else if (type === 'pattern') {
    if (raw.pattern !== undefined && raw.patterns !== undefined) throw src.error(`${id}: give either pattern or patterns, not both`, [...path, 'pattern']);
    const key = raw.patterns !== undefined ? 'patterns' : 'pattern';
    if (raw[key] === undefined) throw src.error(`${id}.patterns: a pattern rule needs a list of regular expressions`, [...path, 'id']);
    const sources = stringList(src, raw[key], [...path, key], `${id}.${key}`);
    if (raw.text !== undefined && raw.text !== 'normalized' && raw.text !== 'original') throw src.error(`${id}.text: expected normalized | original`, [...path, 'text']);
    spec.text = (raw.text as 'normalized' | 'original' | undefined) ?? 'normalized';
    if (raw.ignore_case !== undefined && typeof raw.ignore_case !== 'boolean') throw src.error(`${id}.ignore_case: expected true or false`, [...path, 'ignore_case']);
    const flags = raw.ignore_case ? RE2JS.CASE_INSENSITIVE : 0;
    spec.patterns = sources.map((s, j) => {
      try {
        return { source: s, re: RE2JS.compile(s, flags) };
      } catch (e) {
        // RE2 has no backreferences or lookaround: what it cannot run in linear time it refuses here.
        const why = (e as Error).message.replace(/^error parsing regexp: /, '');
        throw src.error(`${id}: invalid regular expression ${JSON.stringify(s)}: ${why} (patterns use RE2 syntax: no lookaround or backreferences)`, Array.isArray(raw[key]) ? [...path, key, j] : [...path, key]);
      }
    });
  } else {
    if (raw.metric === undefined) throw src.error(`${id}.metric: a metric rule needs metric (${METRIC_NAMES.join(' | ')})`, [...path, 'id']);
    if (!METRIC_NAMES.includes(raw.metric as MetricName)) throw src.error(`${id}.metric: unknown metric "${String(raw.metric)}" (expected ${METRIC_NAMES.join(' | ')})`, [...path, 'metric']);
    spec.metric = raw.metric as MetricName;
    const max = raw.max ?? options.max;
    if (typeof max !== 'number' || !Number.isFinite(max) || max < 0) throw src.error(`${id}.max: a metric rule needs max, a number ≥ 0 (it fires above it)`, [...path, raw.max === undefined ? 'metric' : 'max']);
    options.max = max;
  }
  if (raw.examples !== undefined) {
    if (!isMapping(raw.examples)) throw src.error(`${id}.examples: expected { fires: [...], passes: [...] }`, [...path, 'examples']);
    checkKeys(src, raw.examples, ['fires', 'passes'], [...path, 'examples'], `${id}.examples`);
    const ex = raw.examples;
    spec.meta.examples = {
      ...(ex.fires !== undefined && { fires: stringList(src, ex.fires, [...path, 'examples', 'fires'], `${id}.examples.fires`) }),
      ...(ex.passes !== undefined && { passes: stringList(src, ex.passes, [...path, 'examples', 'passes'], `${id}.examples.passes`) }),
    };
  }

  const trust = raw.trust === undefined ? undefined : withLine(src, path, `${id}.`, () => parseTrustWeights(raw.trust, `${id}.trust`, src.file));
  return { rule: { module: packRuleModule(spec, finePrint), meta: spec.meta }, trust };
}

/**
 * Run a validator that throws line-less "<prefix>a.b: …" errors, and raise
 * them at the line of field a.b under `path`.
 */
function withLine<T>(src: PackSource, path: YamlPath, prefix: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof InputError) || e.line) throw e;
    const field = e.message.startsWith(prefix) ? e.message.slice(prefix.length).split(':')[0]!.split('.') : [];
    throw src.error(e.message, [...path, ...field]);
  }
}

function parseExtends(src: PackSource, v: unknown): PackExtension[] {
  if (!isMapping(v)) throw src.error('extends: expected a mapping of rule id to overrides (the shape of a config\'s rules: section)', ['extends']);
  const out: PackExtension[] = [];
  for (const [id, ov] of Object.entries(v)) {
    try {
      const parsed = parseConfig({ rules: { [id]: ov } }, src.file).rules[id]!;
      out.push({ id, override: parsed, src, path: ['extends', id] });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // "rules.<id>.lexicons.x: …" → the same field under extends, at its line.
      const msg = e.message.replace(/^rules\./, 'extends.');
      const field = msg.startsWith(`extends.${id}.`) ? msg.slice(`extends.${id}.`.length).split(':')[0]!.split('.') : [];
      throw src.error(msg, ['extends', id, ...field]);
    }
  }
  return out;
}

/** Read and validate packs; returns their rules (ready to run) and their extensions of other rules. */
export function loadPacks(paths: string[], opts: LoadPackOptions): LoadedPacks {
  const cwd = opts.cwd ?? process.cwd();
  const taken = new Set(opts.taken);
  const defined = new Map<string, string>();
  const result: LoadedPacks = { rules: [], extensions: [], trust: {} };
  for (const f of packFiles(paths, cwd)) {
    const src = PackSource.read(f.abs, f.shown);
    const d = src.data;
    if (!isMapping(d)) throw src.error('expected a rule pack: a mapping with `rules:` (a list of rule definitions) and/or `extends:`', []);
    const register = (rule: LoadedRule, idPath: YamlPath) => {
      const id = rule.meta.id;
      if (taken.has(id) || RESERVED_RULE_IDS.includes(id)) {
        throw src.error(`rule id "${id}" is a built-in rule id: give pack rules their own id (e.g. brand/${id.replace(/^.*\//, '')}), or change the built-in rule under \`extends:\``, idPath);
      }
      const first = defined.get(id);
      if (first) throw src.error(`rule id "${id}" is already defined at ${first}`, idPath);
      defined.set(id, `${src.file}:${src.pos(idPath).line}`);
      result.rules.push(rule);
    };
    // One format: a built-in rule's file, copied with a new id, is a pack of that one rule, run by the same check types.
    if (d.check !== undefined && d.rules === undefined && d.extends === undefined) {
      checkKeys(src, d, DECLARED_KEYS, [], typeof d.id === 'string' ? d.id : 'rule');
      const meta = metaAt(src, d, []);
      register({ module: declaredRule(meta, meta.check!), meta }, ['id']);
      continue;
    }
    checkKeys(src, d, PACK_KEYS, [], 'rule pack');
    if (d.rules === undefined && d.extends === undefined) throw src.error('a rule pack needs `rules:` (a list of rule definitions) or `extends:`', []);
    if (d.rules !== undefined && d.rules !== null) {
      if (!Array.isArray(d.rules)) throw src.error('rules: expected a list of rule definitions', ['rules']);
      d.rules.forEach((raw, i) => {
        const { rule, trust } = parseRule(src, raw, i, opts.finePrint);
        register(rule, ['rules', i, 'id']);
        if (trust) result.trust[rule.meta.id] = trust;
      });
    }
    if (d.extends !== undefined && d.extends !== null) result.extensions.push(...parseExtends(src, d.extends));
  }
  return result;
}
