/**
 * Features for the learned model (CONTRACTS §8): character 1–3-grams inside
 * runs of Chinese, word unigrams and bigrams for English (and any other
 * space-separated script), on the project's normalised text — width folded,
 * lower case, Traditional → Simplified (src/text/normalize.ts) — so one
 * model serves both Chinese scripts and full-width ＦＲＥＥ is free.
 *
 * Digits are folded to shape tokens: the exact number rarely generalises
 * (a prize of 2000 or 5000 is the same come-on) but its shape does (a
 * 5-digit short code, an 11-digit mobile number). Web addresses are one token.
 * Each feature remembers where it first occurs, so a finding can point at it.
 */
import { normalize } from '../text/normalize.js';

export interface FeatureHit {
  feature: string;
  /** [start, end) of its first occurrence in the normalised text. */
  start: number;
  end: number;
}

/** A token of the normalised text: a Han run, a word, a number shape, a URL, a currency sign. */
interface Tok {
  kind: 'han' | 'word';
  text: string;
  start: number;
  end: number;
}

const URL = /^(?:https?:\/\/|www\.)[^\s]+/;
const TOKEN = /(https?:\/\/[^\s]+|www\.[^\s]+)|(\p{Script=Han}+)|(\d+(?:[.,:]\d+)*)|([\p{L}\p{M}][\p{L}\p{M}\p{N}'-]*)|([£$€¥￥%&!?+@#*])/gu;

/** The shape of a number: short ones (prices, dates) vs long ones (phone numbers, codes). */
function numberShape(digits: string): string {
  const n = digits.replace(/\D/g, '').length;
  return n >= 7 ? '<num:7+>' : n >= 5 ? '<num:5-6>' : '<num>';
}

function tokens(norm: string): Tok[] {
  const out: Tok[] = [];
  for (const m of norm.matchAll(TOKEN)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (m[1] && URL.test(m[1])) out.push({ kind: 'word', text: '<url>', start, end });
    else if (m[2]) out.push({ kind: 'han', text: m[2], start, end });
    else if (m[3]) out.push({ kind: 'word', text: numberShape(m[3]), start, end });
    else if (m[4]) out.push({ kind: 'word', text: m[4].replace(/['-]+$/, ''), start, end });
    else if (m[5]) out.push({ kind: 'word', text: m[5] === '￥' ? '¥' : m[5], start, end });
  }
  return out;
}

/**
 * Every distinct feature of a normalised text with its first occurrence, in
 * text order. Han runs give character n-grams (n = 1..3) within the run;
 * word tokens give unigrams, and bigrams of neighbouring tokens with only
 * spaces between them ("free entry", "reply stop").
 */
export function featuresOfNorm(norm: string): FeatureHit[] {
  const seen = new Map<string, FeatureHit>();
  const add = (feature: string, start: number, end: number) => {
    if (feature && !seen.has(feature)) seen.set(feature, { feature, start, end });
  };
  const toks = tokens(norm);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'han') {
      const chars = [...t.text];
      // code point offsets → UTF-16 offsets (Extension B ideographs are two units)
      const at: number[] = [t.start];
      for (const c of chars) at.push(at[at.length - 1]! + c.length);
      for (let n = 1; n <= 3; n++) {
        for (let k = 0; k + n <= chars.length; k++) add(chars.slice(k, k + n).join(''), at[k]!, at[k + n]!);
      }
      continue;
    }
    add(t.text, t.start, t.end);
    const next = toks[i + 1];
    if (next && next.kind === 'word' && /^ ?$/.test(norm.slice(t.end, next.start))) add(`${t.text} ${next.text}`, t.start, next.end);
  }
  return [...seen.values()];
}

/** Features of a message as written: normalised first, exactly as the rules see it. */
export function featuresOf(text: string): FeatureHit[] {
  return featuresOfNorm(normalize(text).norm);
}
