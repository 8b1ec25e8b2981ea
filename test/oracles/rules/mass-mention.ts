// ORACLE ONLY — src/rules/mass-mention.ts as it stood before the rule moved to check types in rules/builtin/mass-mention.yaml; kept for test/rules/declared-oracle.test.ts.
/**
 * mass-mention: an @all ping (data: rules/builtin/mass-mention.yaml).
 * Severity depends on context: highest on selling content or in a sharing
 * group, lowest on a genuine operational notice — which still fires, because
 * @all overrides the reader's mute whatever it announces. A notice outranks
 * the group type (a reading club moving its meeting is still a notice);
 * selling outranks everything (a "notice" with a price is an ad).
 */
import type { RuleModule } from '../../../src/rules/api.js';
import type { Severity } from '../../../src/types.js';

type Context = 'selling' | 'sharing' | 'notice' | 'default';

const rule: RuleModule = {
  id: 'mass-mention',
  checkMessage({ rule, a, campaign, report }) {
    const hits = rule.lexicon('mentions').match(a.view);
    if (!hits.length) return;
    const ctx: Context = a.isSelling ? 'selling' : a.isNotice ? 'notice' : campaign.groupType === 'sharing' ? 'sharing' : 'default';
    const table = rule.option<Record<string, { severity: Severity; factor: number }>>('context', {});
    const setting = table[ctx] ?? { severity: rule.severity, factor: 1 };
    // One finding per message: a second @all in the same text adds no new interruption.
    const first = hits[0]!;
    report({
      range: [first.start, first.end],
      variant: ctx,
      severity: setting.severity,
      factor: setting.factor,
      data: { count: hits.length },
    });
  },
};
export default rule;
