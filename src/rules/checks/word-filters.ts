/**
 * Finder filters and extensions over words next to a hit, read from option
 * word lists (normalised like message text, so a config may write them in
 * either script):
 *   advice   a superlative qualifying how or when to do something ("最好的办法是提前预约")
 *   negated  a negation right before the hit ("not guaranteed", "无法保证有效")
 *   ordinal  第一 followed by a counter ("销量第一次突破"): an ordinal, not a rank
 *   adjective (extension) the adjective after an open prefix: 全网最 → 全网最低价
 */
import { normalizeTerm } from '../../text/normalize.js';
import type { LexMatch } from '../../text/lexicon.js';
import { numberOption } from '../options.js';
import type { RuleRuntime } from '../api.js';
import type { CheckContext } from './types.js';

export type WordFilter = { advice: { nouns: string; window: string } } | { negated: { words: string } } | { ordinal: { words: string; after: string } };
export interface AdjectiveExtension {
  adjective: { listed: string; max: string };
}

type Span = { start: number; end: number };
const SEPARATOR = /[\s\p{P}\p{S}]/u;
const HAN = /\p{Script=Han}/u;
/** How far back a negation may stand from the hit. */
const NEGATION_REACH = 12;

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

/** Whether filter `f` drops hit `h`. */
export function dropped(f: WordFilter, ctx: CheckContext, h: Span): boolean {
  const norm = ctx.a.view.norm;
  if ('advice' in f) {
    if (!HAN.test(norm[h.start] ?? '')) return false;
    const next = clauseAfter(norm, h.end, numberOption(ctx.rule, f.advice.window, 6));
    return words(ctx.rule, f.advice.nouns).some((n) => next.includes(n));
  }
  if ('negated' in f) {
    const before = norm.slice(Math.max(0, h.start - NEGATION_REACH), h.start).trimEnd();
    return words(ctx.rule, f.negated.words).some((n) => before.endsWith(n) && (HAN.test(n) || !/[a-z0-9]/.test(before[before.length - n.length - 1] ?? '')));
  }
  return norm.slice(h.start, h.end).endsWith(f.ordinal.after) && words(ctx.rule, f.ordinal.words).some((o) => norm.startsWith(o, h.end));
}

/**
 * The end of an open superlative prefix's claim: a `listed` superlative
 * starting at its last character gives the adjective's extent; otherwise up
 * to `max` characters, stopping at 的, and a whole Latin word (全网最low).
 */
export function adjectiveEnd(x: AdjectiveExtension, ctx: CheckContext, m: LexMatch, listed: LexMatch[]): number {
  const norm = ctx.a.view.norm;
  const hit = listed.find((l) => l.start === m.end - 1);
  if (hit) return hit.end;
  const max = numberOption(ctx.rule, x.adjective.max, 2);
  let end = m.end;
  while (end < norm.length && end - m.end < max && norm[end] !== '的' && !SEPARATOR.test(norm[end]!)) end++;
  while (/[a-z]/.test(norm[end - 1] ?? '') && /[a-z]/.test(norm[end] ?? '')) end++;
  return end;
}
