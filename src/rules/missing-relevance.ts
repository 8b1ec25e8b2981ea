/**
 * missing-relevance (data: rules/builtin/missing-relevance.yaml).
 * (a) a direct or SMS message to everyone, unpersonalised, not a service
 * message; (b) a promotion whose topics lie outside the audience's tags (or,
 * for a group with no tags, the group name's topics). Service messages,
 * replies and Moments are exempt.
 */
import type { RuleModule } from './api.js';
import { relevance } from '../engine/relevance.js';

const CHANNEL_NAME: Record<string, { zh: string; en: string }> = {
  direct: { zh: '私聊', en: 'direct' },
  sms: { zh: '短信', en: 'SMS' },
  group: { zh: '群发', en: 'group' },
};

const rule: RuleModule = {
  id: 'missing-relevance',
  checkMessage({ rule, a, campaign, report }) {
    const c = campaign.campaign;
    if (c.channel === 'moments' || a.isService || a.isReply) return;

    if ((c.channel === 'direct' || c.channel === 'sms') && campaign.toEveryone && !a.isPersonalised) {
      const text = a.message.text.trim();
      const first = text.split(/\n/)[0]!;
      const excerpt = first.length > 30 ? first.slice(0, 30) + '…' : first;
      report({ excerpt, data: { channel: CHANNEL_NAME[c.channel]!.en, channelZh: CHANNEL_NAME[c.channel]!.zh } });
      return;
    }

    if (!a.isSelling) return;
    const tags = c.audience.tags.length ? c.audience.tags : c.group?.name ? [c.group.name] : [];
    if (!tags.length) return;
    const rel = relevance(tags, a.view);
    if (rel.conflict) {
      report({
        variant: 'conflict',
        excerpt: rel.firstTextTopicExcerpt,
        range: rel.firstTextTopicRange,
        data: { tags: tags.join(', '), textTopics: rel.textTopics.join(', '), tagTopics: rel.tagTopics.join(', ') },
      });
    }
  },
};
export default rule;
