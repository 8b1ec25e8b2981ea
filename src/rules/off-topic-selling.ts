/**
 * off-topic-selling (data: rules/builtin/off-topic-selling.yaml).
 * Two cases: (1) selling cues in a group whose purpose is sharing, declared or
 * inferred from its name; (2) a reply to a member's non-purchase post that
 * pivots to selling. Deal and service groups, direct messages and Moments are
 * out of scope.
 */
import type { RuleModule } from './api.js';
import { viewOf } from '../text/view.js';

const rule: RuleModule = {
  id: 'off-topic-selling',
  checkMessage({ rule, a, campaign, report }) {
    if (campaign.campaign.channel !== 'group' || !a.isSelling) return;
    const type = campaign.groupType ?? 'unknown';
    const cue = a.sellingCues[0]!;
    const group = campaign.campaign.group?.name ?? type;
    if (a.isReply) {
      const askedToBuy = rule.lexicon('purchase_question').test(viewOf(a.message.replyTo!));
      if (!askedToBuy && rule.option<string[]>('pivot_types', []).includes(type)) {
        report({ range: [cue.start, cue.end], variant: 'pivot', data: { group } });
        return;
      }
    }
    if (rule.option<string[]>('sharing_types', ['sharing']).includes(type)) {
      report({ range: [cue.start, cue.end], data: { group, cues: a.sellingCues.map((c) => a.view.excerpt(c.start, c.end)).join(', ') } });
    }
  },
};
export default rule;
