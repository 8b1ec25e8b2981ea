/**
 * Finder filters and extensions over words next to a hit, read from option
 * word lists (normalised like message text, so a config may write them in
 * either script):
 *   advice   a superlative qualifying how or when to do something ("最好的办法是提前预约")
 *   negated  a negation right before the hit ("not guaranteed", "无法保证有效")
 *   ordinal  第一 followed by a counter ("销量第一次突破"): an ordinal, not a rank
 *   not_address  a vocative (亲, 家人们) outside address position: 亲子, 和家人们一起
 *   adjective (extension) the adjective after an open prefix: 全网最 → 全网最低价
 */
import { normalizeTerm } from '../../text/normalize.js';
import type { LexMatch } from '../../text/lexicon.js';
import { numberOption } from '../options.js';
import type { RuleRuntime } from '../api.js';
import type { CheckContext } from './types.js';

export type WordFilter =
  | { advice: { nouns: string; window: string } }
  | { negated: { words: string } }
  | { ordinal: { words: string; after: string } }
  | { not_address: { before: string; after: string } };
export interface AdjectiveExtension {
  adjective: { listed: string; max: string };
}

type Span = { start: number; end: number };
const SEPARATOR = /[\s\p{P}\p{S}]/u;
const HAN = /\p{Script=Han}/u;
const PLACEHOLDER_START = /^\s*(?:\{\{|\$\{|\{[\p{L}\p{N}_])/u;
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

/** Whether a vocative match at [start, end) stands where a form of address stands. */
function inAddressPosition(norm: string, start: number, end: number, before: string[], after: string[]): boolean {
  // An @mention before it is an addressee too: "@所有人 亲～" starts a clause.
  const head = norm.slice(0, start).replace(/(?:@[^\s@]+\s*)+$/u, '').trimEnd();
  const prev = head[head.length - 1];
  const clauseStart = prev === undefined || SEPARATOR.test(prev) || before.some((w) => head.endsWith(w));
  if (!clauseStart) return false;
  const tail = norm.slice(end);
  // 亲爱的{{name}} / 亲爱的 {name}: addressed to one person by name.
  if (PLACEHOLDER_START.test(tail)) return false;
  const next = tail[0];
  return next === undefined || SEPARATOR.test(next) || after.some((w) => tail.startsWith(w));
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
  if ('not_address' in f) return !inAddressPosition(norm, h.start, h.end, words(ctx.rule, f.not_address.before), words(ctx.rule, f.not_address.after));
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
