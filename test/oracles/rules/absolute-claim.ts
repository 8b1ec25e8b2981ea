// ORACLE ONLY — src/rules/absolute-claim.ts as it stood before the rule moved to check types in rules/builtin/absolute-claim.yaml; kept for test/rules/declared-oracle.test.ts.
/**
 * absolute-claim (data: rules/builtin/absolute-claim.yaml).
 * Superlatives (最 + adjective, 全网最…, "best … ever"), rankings (第一品牌,
 * #1) and guarantees (100%有效, 绝对, guaranteed). The lexicons list claim
 * forms, not the character 最 or 第一, so 最近 / 最后 / 第一次 never match;
 * the logic here removes the remaining look-alikes: advice phrased as a
 * superlative ("最好的办法是…", "最佳浇水时间") and ordinals (销量第一次突破).
 * English superlatives the term syntax cannot write ("the strongest … on the
 * market", "the world's most …", "absolutely the best") come from the
 * `superlative_patterns` option, as "#1" comes from `rank_patterns`; the
 * broader frames ("… in the world", "the … ever") from
 * `offer_superlative_patterns`, only in a message that sells or promotes.
 * Each claim is its own finding: each has to be rewritten.
 */
import type { RuleModule, RuleRuntime } from '../../../src/rules/api.js';
import { InputError } from '../../../src/errors.js';
import { normalizeTerm } from '../../../src/text/normalize.js';
import { numberOption } from '../../../src/rules/options.js';
import { builtinPattern, userPattern, type Pattern } from '../../../src/text/user-regex.js';

type Kind = 'superlative' | 'rank' | 'guarantee';
interface Hit {
  start: number;
  end: number;
  kind: Kind;
}

const SEPARATOR = /[\s\p{P}\p{S}]/u;
const HAN = /\p{Script=Han}/u;

/** Compiled regular-expression options (`rank_patterns`, `superlative_patterns`, `offer_superlative_patterns`), once per rule runtime (config overrides may differ per run). */
const patternCache = new WeakMap<RuleRuntime, Map<string, Pattern[]>>();
function patterns(rule: RuleRuntime, name: string): Pattern[] {
  let byName = patternCache.get(rule);
  if (!byName) patternCache.set(rule, (byName = new Map()));
  let out = byName.get(name);
  if (!out) {
    const list = rule.option<string[]>(name, []);
    // Name the file the patterns came from: the rule's YAML, or the config that overrode them.
    const builtin = list === rule.meta.options[name];
    const file = builtin ? rule.meta.file : (rule.configFile ?? rule.meta.file);
    if (!Array.isArray(list)) throw new InputError(`rules.${rule.id}.options.${name}: expected a list of regular expressions`, file);
    out = list.map((src, i) => {
      try {
        // a config's patterns run on the linear-time engine; the rule's own YAML patterns are ours
        return builtin ? builtinPattern(String(src)) : userPattern(String(src));
      } catch (e) {
        throw new InputError(`rules.${rule.id}.options.${name}[${i}]: invalid regular expression (${(e as Error).message})`, file);
      }
    });
    byName.set(name, out);
  }
  return out;
}

const wordCache = new WeakMap<RuleRuntime, Map<string, string[]>>();
function words(rule: RuleRuntime, name: string): string[] {
  let byName = wordCache.get(rule);
  if (!byName) wordCache.set(rule, (byName = new Map()));
  let list = byName.get(name);
  if (!list) byName.set(name, (list = rule.option<string[]>(name, []).map((w) => normalizeTerm(String(w))).filter(Boolean)));
  return list;
}

/** The characters after `end` up to the next separator, at most `max`. */
function clauseAfter(norm: string, end: number, max: number): string {
  let i = end;
  while (i < norm.length && i - end < max && !SEPARATOR.test(norm[i]!)) i++;
  return norm.slice(end, i);
}


const rule: RuleModule = {
  id: 'absolute-claim',
  checkMessage({ rule, a, report }) {
    const view = a.view;
    const norm = view.norm;
    // Word lists from options are matched against normalised text, so a config may write them in either script.
    const adviceNouns = words(rule, 'advice_nouns');
    const adviceWindow = numberOption(rule, 'advice_window', 6);
    const ordinals = words(rule, 'ordinal_followers');
    const adjChars = numberOption(rule, 'prefix_adjective_chars', 2);
    // "最好的办法是提前预约": a superlative that qualifies how or when to do
    // something is advice to the customer, not a claim about a product.
    const isAdvice = (start: number, end: number): boolean => {
      if (!HAN.test(norm[start] ?? '')) return false;
      const next = clauseAfter(norm, end, adviceWindow);
      return adviceNouns.some((n) => next.includes(n));
    };

    const hits: Hit[] = [];
    const superlatives = rule.lexicon('superlative').match(view);
    for (const m of superlatives) {
      if (!isAdvice(m.start, m.end)) hits.push({ start: m.start, end: m.end, kind: 'superlative' });
    }
    for (const m of rule.lexicon('superlative_prefix').match(view)) {
      // 全网最 + the adjective that follows: quote the whole claim (全网最低价).
      // A listed superlative starting at its 最 gives the adjective's extent;
      // otherwise take up to `prefix_adjective_chars`, stopping at 的.
      const listed = superlatives.find((x) => x.start === m.end - 1);
      let end = listed?.end ?? m.end;
      if (!listed) {
        while (end < norm.length && end - m.end < adjChars && norm[end] !== '的' && !SEPARATOR.test(norm[end]!)) end++;
        while (/[a-z]/.test(norm[end - 1] ?? '') && /[a-z]/.test(norm[end] ?? '')) end++; // a whole Latin word (全网最low)
      }
      if (!isAdvice(m.start, end)) hits.push({ start: m.start, end, kind: 'superlative' });
    }
    for (const m of rule.lexicon('rank').match(view)) {
      const ordinal = norm.slice(m.start, m.end).endsWith('第一') && ordinals.some((o) => norm.startsWith(o, m.end));
      if (!ordinal) hits.push({ start: m.start, end: m.end, kind: 'rank' });
    }
    // `offer_superlative_patterns` only where the message sells or promotes:
    // "the cutest girl in the world" in a chat is affection, not a claim.
    const offer = a.isSelling || a.isPromotional;
    for (const [name, kind] of [['rank_patterns', 'rank'], ['superlative_patterns', 'superlative'], ['offer_superlative_patterns', 'superlative']] as const) {
      if (name === 'offer_superlative_patterns' && !offer) continue;
      for (const p of patterns(rule, name)) {
        for (const [start, end] of p.ranges(norm)) if (end > start) hits.push({ start, end, kind });
      }
    }
    // "Parking is not guaranteed", "无法保证有效": a negated guarantee promises nothing.
    const negations = words(rule, 'negations');
    const negated = (start: number): boolean => {
      const before = norm.slice(Math.max(0, start - 12), start).trimEnd();
      return negations.some((n) => before.endsWith(n) && (HAN.test(n) || !/[a-z0-9]/.test(before[before.length - n.length - 1] ?? '')));
    };
    for (const m of rule.lexicon('guarantee').match(view)) {
      if (!negated(m.start)) hits.push({ start: m.start, end: m.end, kind: 'guarantee' });
    }

    // Lexicons may overlap (销量第一 and a #1 pattern, 最 inside 全网最低价):
    // keep the longest claim at each place, in text order.
    hits.sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
    const kept: Hit[] = [];
    for (const h of hits) {
      const last = kept[kept.length - 1];
      if (last && h.start < last.end) {
        if (h.end - h.start > last.end - last.start) kept[kept.length - 1] = h;
        continue;
      }
      kept.push(h);
    }

    const repeat = numberOption(rule, 'repeat_factor', 0.5);
    kept.forEach((h, i) => {
      report({ range: [h.start, h.end], variant: h.kind, factor: i === 0 ? 1 : repeat });
    });
  },
};
export default rule;
