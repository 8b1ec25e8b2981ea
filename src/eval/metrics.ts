/**
 * Pure metric functions for the accuracy harness (`npm run eval`): confusion
 * counts per rule, precision / recall / F1, averages and the ROC AUC of two
 * score samples. No I/O, no rule knowledge: easy to test by hand.
 */

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** One labelled item: the rule ids that should fire and those that did. */
export interface Outcome {
  expected: Iterable<string>;
  fired: Iterable<string>;
}

/** Campaign-level confusion counts of one rule over labelled outcomes. */
export function confusion(outcomes: Iterable<Outcome>, ruleId: string): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const o of outcomes) {
    const e = new Set(o.expected).has(ruleId);
    const f = new Set(o.fired).has(ruleId);
    if (e && f) c.tp++;
    else if (f) c.fp++;
    else if (e) c.fn++;
    else c.tn++;
  }
  return c;
}

/** Add confusion counts (micro averaging pools them before dividing). */
export function sumConfusion(cs: Iterable<Confusion>): Confusion {
  const s: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const c of cs) {
    s.tp += c.tp;
    s.fp += c.fp;
    s.fn += c.fn;
    s.tn += c.tn;
  }
  return s;
}

/** tp / (tp + fp); null when the rule never fired (precision is undefined, not 0 or 1). */
export function precision(c: Confusion): number | null {
  return c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp);
}

/** tp / (tp + fn); null when nothing should have fired. */
export function recall(c: Confusion): number | null {
  return c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn);
}

/**
 * 2tp / (2tp + fp + fn): the harmonic mean of precision and recall, written
 * so it stays defined (0) when the rule never fired but should have. Null
 * only when there is nothing to get right or wrong (no positives, no firing).
 */
export function f1(c: Confusion): number | null {
  const d = 2 * c.tp + c.fp + c.fn;
  return d === 0 ? null : (2 * c.tp) / d;
}

/**
 * Mean of per-rule values. An undefined value (null) counts as `missingAs`
 * (default 0: a rule that never fires has earned no precision), so an
 * unimplemented rule pulls the macro average down instead of vanishing.
 */
export function macroMean(values: ReadonlyArray<number | null>, missingAs = 0): number | null {
  if (!values.length) return null;
  return values.reduce<number>((s, v) => s + (v ?? missingAs), 0) / values.length;
}

/**
 * ROC AUC by the Mann–Whitney U statistic: the probability that a random
 * item of `higher` scores above a random item of `lower`, ties counting ½.
 * Computed with mid-ranks in O(n log n), so 5,000-row corpora are cheap.
 * Null when either sample is empty.
 */
export function rocAuc(higher: readonly number[], lower: readonly number[]): number | null {
  const n1 = higher.length;
  const n2 = lower.length;
  if (!n1 || !n2) return null;
  const all = [...higher.map((v) => ({ v, h: true })), ...lower.map((v) => ({ v, h: false }))].sort((a, b) => a.v - b.v);
  let rankSumHigher = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    // items i..j-1 tie: each gets the mean of ranks i+1..j
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.h) rankSumHigher += midRank;
    i = j;
  }
  const u = rankSumHigher - (n1 * (n1 + 1)) / 2;
  return u / (n1 * n2);
}

/** Arithmetic mean; null for an empty sample. */
export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}
