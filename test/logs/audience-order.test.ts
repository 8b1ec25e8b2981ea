import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { audienceOrder, reachedPerCampaign } from '../../src/logs/outcomes.js';

describe('audienceOrder (attribution of reactions to the latest push)', () => {
  it('is the order of a comparison sort on (audience, time, row), with each audience’s span', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 })), { maxLength: 300 }), (pushes) => {
        const keys = pushes.map(([k]) => k);
        const times = pushes.map(([, t]) => 1_790_000_000_000 + t * 60_000);
        const { order, first } = audienceOrder(keys, times, pushes.length);
        const want = pushes.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || times[a]! - times[b]! || a - b);
        expect([...order]).toEqual(want);
        for (let k = 0; k + 1 < first.length; k++) for (let j = first[k]!; j < first[k + 1]!; j++) expect(keys[order[j]!]).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it('reachedPerCampaign counts each campaign\'s distinct audiences, as a set per campaign does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 20 })), { maxLength: 300 }), (pushes) => {
        const keys = pushes.map(([k]) => k);
        const campaignOf = pushes.map(([, c]) => c);
        const times = pushes.map(([, , t]) => 1_790_000_000_000 + t * 60_000);
        const { order, first } = audienceOrder(keys, times, pushes.length);
        const sets = Array.from({ length: 6 }, () => new Set<number>());
        pushes.forEach(([k, c]) => sets[c]!.add(k));
        expect([...reachedPerCampaign(order, first, campaignOf, 6)]).toEqual(sets.map((x) => x.size));
      }),
      { numRuns: 300 },
    );
  });
});
