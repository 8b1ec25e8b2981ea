/**
 * missing-relevance (data: rules/builtin/missing-relevance.yaml).
 * (a) a direct or SMS message to everyone, unpersonalised (no placeholder,
 * not written to a named person), not a service message; (b) a promotion
 * whose topics lie outside the audience's — its tags, else its segment's name
 * (cat-owners), else the group's name.
 * Service messages (orders, bookings, bills, points, and operational notices:
 * an operational change that affects the reader is service value too),
 * replies and Moments are exempt.
 */
import type { RuleModule } from './api.js';
import type { Campaign } from '../types.js';
import { relevance, topicModel, type TopicOverrides } from '../engine/relevance.js';
import { normalizeTerm } from '../text/normalize.js';

const CHANNEL_NAME: Record<string, { zh: string; en: string }> = {
  direct: { zh: '私聊', en: 'direct' },
  sms: { zh: '短信', en: 'SMS' },
  group: { zh: '群发', en: 'group' },
};

function isEveryone(segment: string | undefined, everyone: string[]): boolean {
  const seg = segment ? normalizeTerm(segment) : '';
  return !seg || everyone.some((e) => normalizeTerm(e) === seg);
}

/**
 * What the audience is known to care about, most telling first: its tags, the
 * segment's name (cat-owners), the group's name. The first that says
 * something decides: a 铲屎官福利群 (pets) whose members are tagged 猫咪 is
 * judged by the tag.
 */
function audienceSources(c: Campaign, everyone: string[]): string[][] {
  const out: string[][] = [];
  if (c.audience.tags.length) out.push(c.audience.tags);
  // segment ids are often slugs: cat-owners, new_moms
  if (!isEveryone(c.audience.segment, everyone)) out.push([c.audience.segment!.replace(/[-_]+/g, ' ')]);
  if (c.group?.name) out.push([c.group.name]);
  return out;
}

const rule: RuleModule = {
  id: 'missing-relevance',
  checkMessage({ rule, a, campaign, report }) {
    const c = campaign.campaign;
    if (c.channel === 'moments' || a.isService || a.isNotice || a.isReply) return;
    const everyone = rule.option<string[]>('everyone', ['all']);

    const toEveryone = isEveryone(c.audience.segment, everyone) && c.audience.tags.length === 0;
    if ((c.channel === 'direct' || c.channel === 'sms') && toEveryone && !a.isPersonalised && !a.addressesByName) {
      const text = a.message.text.trim();
      const first = text.split(/\n/)[0]!;
      const excerpt = first.length > 30 ? first.slice(0, 30) + '…' : first;
      // A promotion sent to everyone costs the full penalty; an unpersonalised
      // text that sells nothing (a greeting, news) costs part of it.
      const factor = a.isPromotional ? 1 : rule.option<number>('non_promotional_factor', 0.5);
      report({ excerpt, factor, data: { channel: CHANNEL_NAME[c.channel]!.en, channelZh: CHANNEL_NAME[c.channel]!.zh } });
      return;
    }

    // (b) judges any promotion, selling or not: a kids' camp open for
    // enrolment (报名中) or a tyre deal with a free alignment (送四轮定位).
    if (!a.isPromotional) return;
    const topics = rule.option<TopicOverrides>('topics', {});
    let words: string[] = [];
    let rel: ReturnType<typeof relevance> | undefined;
    for (const source of audienceSources(c, everyone)) {
      words = source;
      rel = relevance(source, a.view, { topics });
      if (rel.tagTopics.length || rel.matched.length) break;
    }
    if (rel?.conflict) {
      const model = topicModel(topics);
      const names = (list: string[], lang: 'zh' | 'en') => list.map((t) => model.label(t, lang)).join(lang === 'zh' ? '、' : ', ');
      report({
        variant: 'conflict',
        excerpt: rel.firstTextTopicExcerpt,
        range: rel.firstTextTopicRange,
        data: {
          tags: words.join(', '),
          tagsZh: words.join('、'),
          textTopics: names(rel.textTopics, 'en'),
          textTopicsZh: names(rel.textTopics, 'zh'),
          tagTopics: names(rel.tagTopics, 'en'),
          tagTopicsZh: names(rel.tagTopics, 'zh'),
        },
      });
    }
  },
};
export default rule;
