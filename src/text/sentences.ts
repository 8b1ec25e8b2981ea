/**
 * Sentences and clauses of a message, on its normalised text. One definition
 * for every rule that asks "in the same sentence?" or "in the same clause?".
 *
 * Normalisation folds line breaks into spaces, so a line break is found
 * through the view (`view.lineBreaks`), not by looking for "\n" in `norm`.
 *
 * - A sentence ends at 。 ! ? ; (full-width forms are folded), at a line
 *   break, and at "." before a space or the end of the text (not 8.8折, t.cn).
 * - A clause also ends at , : — and at a spaced dash (" - "). 、 lists what
 *   one clause says (禁止发广告、团购链接) and does not end it.
 */
import type { TextView } from './view.js';

export type Unit = 'sentence' | 'clause';

const SENTENCE_END = /[。!?;]/u;
const CLAUSE_END = /[。!?;,:—]/u;

/** Whether the character at normalised offset `i` ends a sentence or clause. */
export function endsAt(view: TextView, i: number, unit: Unit, extra?: RegExp): boolean {
  const norm = view.norm;
  const c = norm[i];
  if (c === undefined) return false;
  if ((unit === 'clause' ? CLAUSE_END : SENTENCE_END).test(c) || view.lineBreaks.has(i) || extra?.test(c)) return true;
  if (c === '.') return i + 1 === norm.length || norm[i + 1] === ' ';
  return unit === 'clause' && c === '-' && norm[i - 1] === ' ' && norm[i + 1] === ' ';
}

/** [start, end) of each sentence or clause, ends included; `extra` adds characters that end one. */
export function units(view: TextView, unit: Unit, extra?: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < view.norm.length; i++) {
    if (!endsAt(view, i, unit, extra)) continue;
    if (i + 1 > start) out.push([start, i + 1]);
    start = i + 1;
  }
  if (start < view.norm.length) out.push([start, view.norm.length]);
  return out;
}

/** [start, end) of the sentence or clause around the range [from, to), ends excluded. */
export function unitAround(view: TextView, from: number, unit: Unit, to = from): [number, number] {
  let s = from;
  while (s > 0 && !endsAt(view, s - 1, unit)) s--;
  let e = to;
  while (e < view.norm.length && !endsAt(view, e, unit)) e++;
  return [s, e];
}

/** Whether nothing between offsets `from` and `to` ends a sentence or clause. */
export function sameUnit(view: TextView, from: number, to: number, unit: Unit): boolean {
  for (let i = Math.min(from, to); i < Math.max(from, to); i++) if (endsAt(view, i, unit)) return false;
  return true;
}
