/**
 * missing-opt-out (data: rules/builtin/missing-opt-out.yaml): a marketing
 * message on a checked channel (SMS by default, `options.channels`) with no
 * opt-out instruction from the `opt_out` lexicon. Marketing means the text
 * sells or promotes (MessageAnalysis.isPromotional: a price, an offer, a buy
 * call, a prize draw, a hotline), or the campaign is declared `kind: marketing`; a personal or
 * informational text is not. Transactional messages (MessageAnalysis.isService:
 * delivery, codes, bookings — unless they also sell), operational notices and
 * replies to a customer are not marketing either.
 */
import type { RuleModule } from './api.js';
import { CHANNELS, type Channel } from '../types.js';
import { optionError } from './options.js';

const CHANNEL_NAME: Record<Channel, { zh: string; en: string }> = {
  sms: { zh: '短信', en: 'SMS' },
  direct: { zh: '私聊消息', en: 'direct message' },
  group: { zh: '群消息', en: 'group message' },
  moments: { zh: '朋友圈', en: 'Moments post' },
};

const EXCERPT_MAX = 30;

const rule: RuleModule = {
  id: 'missing-opt-out',
  checkMessage({ rule, campaign, a, report }) {
    const channels = rule.option<unknown>('channels', ['sms']);
    if (!Array.isArray(channels) || channels.some((c) => !CHANNELS.includes(c as Channel))) {
      throw optionError(rule, 'channels', `expected a list of channels (${CHANNELS.join(' | ')})`);
    }
    const ch = campaign.campaign.channel;
    if (!channels.includes(ch)) return;
    if (!a.message.text.trim() || a.isService || a.isNotice || a.isReply) return;
    // A brand signature (【萌爪】) marks a Chinese SMS as the brand's own mass text:
    // carriers treat a signed greeting as marketing even when it sells nothing.
    const signature = new RegExp(rule.option('brand_signature', '^\\s*【[^】]{1,20}】|【[^】]{1,20}】\\s*$'), 'u');
    const marketing = campaign.campaign.kind === 'marketing' || a.isPromotional || signature.test(a.message.text);
    if (rule.option('marketing_only', true) && !marketing) return;
    if (rule.lexicon('opt_out').test(a.view)) return;
    const first = a.message.text.trim().split(/\n/)[0]!;
    const excerpt = [...first].length > EXCERPT_MAX ? [...first].slice(0, EXCERPT_MAX).join('') + '…' : first;
    report({ excerpt, data: { channelZh: CHANNEL_NAME[ch].zh, channelEn: CHANNEL_NAME[ch].en } });
  },
};
export default rule;
