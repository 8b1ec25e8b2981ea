// ORACLE ONLY — src/rules/off-topic-selling.ts as it stood before the rule moved to check types in rules/builtin/off-topic-selling.yaml; kept for test/rules/declared-oracle.test.ts.
/**
 * off-topic-selling (data: rules/builtin/off-topic-selling.yaml).
 * Two cases: (1) selling cues in a group whose purpose is sharing, declared or
 * inferred from its name; (2) a reply to a member's non-purchase post (a cat
 * photo, a question about litter training) that pivots to a sale or to our
 * own product. A member who asked about a product or its price may get an
 * answer: that is no pivot, and without a price or buy call no finding at
 * all; in a sharing group a price in the answer still fires, more mildly,
 * because the price belongs in a direct message. Deal and service groups,
 * direct messages and Moments are out of scope.
 *
 * A group rule is no sale: a cue under a prohibition in its own clause
 * (禁止私下拉人下单, 请勿发优惠券, "no selling or discount codes here", "coupons
 * are not allowed") names what members may not post, and is dropped; cues in
 * other clauses of the same message still count.
 */
import type { RuleModule } from '../../../src/rules/api.js';
import type { Severity } from '../../../src/types.js';
import { viewOf, type TextView } from '../../../src/text/view.js';
import type { LexMatch } from '../../../src/text/lexicon.js';
import { unitAround } from '../../../src/text/sentences.js';

/** Cues that stand under a prohibition in their own clause: a group rule, not a sale. */
function unprohibited(cues: LexMatch[], view: TextView, before: LexMatch[], after: LexMatch[]): LexMatch[] {
  if (!before.length && !after.length) return cues;
  return cues.filter((c) => {
    const [s, e] = unitAround(view, c.start, 'clause');
    if (before.some((p) => p.start >= s && p.end <= c.start)) return false;
    if (after.some((p) => p.start >= c.end && p.end <= e)) return false;
    return true;
  });
}

const rule: RuleModule = {
  id: 'off-topic-selling',
  checkMessage({ rule, a, campaign, report }) {
    if (campaign.campaign.channel !== 'group') return;
    const type = campaign.groupType ?? 'unknown';
    const group = campaign.campaign.group?.name ?? type;
    const sharing = rule.option<string[]>('sharing_types', ['sharing']).includes(type);
    const bans = rule.lexicon('prohibition').match(a.view);
    const cues = unprohibited(a.sellingCues, a.view, bans, rule.lexicon('prohibition_after').match(a.view));
    const cueList = () => cues.map((c) => a.view.excerpt(c.start, c.end)).join(', ');

    if (a.isReply) {
      const asked = rule.lexicon('purchase_question').test(viewOf(a.message.replyTo!));
      if (!asked && rule.option<string[]>('pivot_types', []).includes(type)) {
        const cue = cues[0] ?? unprohibited(rule.lexicon('pivot').match(a.view), a.view, bans, [])[0];
        if (cue) report({ range: [cue.start, cue.end], variant: 'pivot', data: { group } });
        return;
      }
      if (asked && sharing && cues.length) {
        const answered = rule.option<{ severity?: Severity; factor?: number }>('answered', {});
        report({ range: [cues[0]!.start, cues[0]!.end], variant: 'answered', severity: answered.severity, factor: answered.factor, data: { group, cues: cueList() } });
        return;
      }
      if (asked) return;
    }

    if (sharing && cues.length) {
      report({ range: [cues[0]!.start, cues[0]!.end], data: { group, cues: cueList() } });
    }
  },
};
export default rule;
