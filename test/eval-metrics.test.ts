import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { confusion, f1, macroMean, mean, precision, recall, rocAuc, sumConfusion } from '../src/eval/metrics.js';

describe('confusion', () => {
  const outcomes = [
    { expected: ['a'], fired: ['a'] }, // a: TP
    { expected: ['a', 'b'], fired: ['b'] }, // a: FN, b: TP
    { expected: [], fired: ['a'] }, // a: FP
    { expected: [], fired: [] }, // a: TN
    { expected: ['b'], fired: ['a', 'b'] }, // a: FP, b: TP
  ];

  it('counts campaign-level hits, misses and false alarms of one rule', () => {
    expect(confusion(outcomes, 'a')).toEqual({ tp: 1, fp: 2, fn: 1, tn: 1 });
    expect(confusion(outcomes, 'b')).toEqual({ tp: 2, fp: 0, fn: 0, tn: 3 });
  });

  it('counts a rule that never fired as all misses', () => {
    expect(confusion(outcomes, 'c')).toEqual({ tp: 0, fp: 0, fn: 0, tn: 5 });
    expect(confusion([{ expected: ['c'], fired: [] }], 'c')).toEqual({ tp: 0, fp: 0, fn: 1, tn: 0 });
  });

  it('pools counts for micro averages', () => {
    expect(sumConfusion([confusion(outcomes, 'a'), confusion(outcomes, 'b')])).toEqual({ tp: 3, fp: 2, fn: 1, tn: 4 });
  });
});

describe('precision, recall, F1', () => {
  it('computes the usual ratios', () => {
    const c = { tp: 6, fp: 2, fn: 4, tn: 0 };
    expect(precision(c)).toBeCloseTo(0.75);
    expect(recall(c)).toBeCloseTo(0.6);
    // harmonic mean of 0.75 and 0.6
    expect(f1(c)).toBeCloseTo((2 * 0.75 * 0.6) / (0.75 + 0.6));
  });

  it('leaves precision undefined for a rule that never fires, and gives it recall 0 and F1 0', () => {
    const notImplemented = { tp: 0, fp: 0, fn: 15, tn: 300 };
    expect(precision(notImplemented)).toBeNull();
    expect(recall(notImplemented)).toBe(0);
    expect(f1(notImplemented)).toBe(0);
  });

  it('leaves everything undefined when there is nothing to find and nothing fired', () => {
    const empty = { tp: 0, fp: 0, fn: 0, tn: 9 };
    expect(precision(empty)).toBeNull();
    expect(recall(empty)).toBeNull();
    expect(f1(empty)).toBeNull();
  });

  it('F1 equals the harmonic mean whenever both are defined', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), (tp, fp, fn) => {
        const c = { tp, fp, fn, tn: 0 };
        const p = precision(c);
        const r = recall(c);
        if (p === null || r === null || p + r === 0) return;
        expect(f1(c)).toBeCloseTo((2 * p * r) / (p + r), 10);
      }),
    );
  });
});

describe('macroMean and mean', () => {
  it('counts an undefined value as 0 so a silent rule pulls the average down', () => {
    expect(macroMean([1, 0.5, null])).toBeCloseTo(0.5);
    expect(macroMean([1, null], 1)).toBe(1);
    expect(macroMean([])).toBeNull();
  });

  it('averages', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});

describe('rocAuc (Mann–Whitney)', () => {
  it('is 1 for perfect separation, 0 for perfect inversion, ½ for all ties', () => {
    expect(rocAuc([90, 80, 70], [10, 20])).toBe(1);
    expect(rocAuc([10, 20], [90, 80, 70])).toBe(0);
    expect(rocAuc([50, 50], [50, 50, 50])).toBe(0.5);
  });

  it('matches a hand count with ties worth ½', () => {
    // pairs (h, l): (3,1) win (3,3) tie (3,4) loss (5,1) win (5,3) win (5,4) win → (4 + 0.5) / 6
    expect(rocAuc([3, 5], [1, 3, 4])).toBeCloseTo(4.5 / 6);
  });

  it('is undefined when a class is empty', () => {
    expect(rocAuc([], [1])).toBeNull();
    expect(rocAuc([1], [])).toBeNull();
  });

  it('equals the brute-force pair count on random samples', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (h, l) => {
        let wins = 0;
        for (const a of h) for (const b of l) wins += a > b ? 1 : a === b ? 0.5 : 0;
        expect(rocAuc(h, l)).toBeCloseTo(wins / (h.length * l.length), 10);
      }),
    );
  });

  it('is symmetric: swapping the classes gives 1 − AUC', () => {
    const sample = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (h, l) => {
        expect(rocAuc(h, l)! + rocAuc(l, h)!).toBeCloseTo(1, 10);
      }),
    );
  });
});
