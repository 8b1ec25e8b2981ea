// ORACLE ONLY — src/rules/missing-opt-out.ts as it stood before the rule moved to check types in rules/builtin/missing-opt-out.yaml; kept for test/rules/declared-oracle.test.ts.
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
import type { RuleModule, RuleRuntime } from '../../../src/rules/api.js';
import { CHANNELS, type Channel } from '../../../src/types.js';
import { optionError } from '../../../src/rules/options.js';
import { builtinPattern, userPattern, type Pattern } from '../../../src/text/user-regex.js';

const CHANNEL_NAME: Record<Channel, { zh: string; en: string }> = {
  sms: { zh: '短信', en: 'SMS' },
  direct: { zh: '私聊消息', en: 'direct message' },
  group: { zh: '群消息', en: 'group message' },
  moments: { zh: '朋友圈', en: 'Moments post' },
};

const EXCERPT_MAX = 30;

/** The brand-signature pattern, compiled once per rule runtime (not once per message); a bad one is an input error. */
const signatures = new WeakMap<RuleRuntime, Pattern>();
const DEFAULT_SIGNATURE = '^\\s*【[^】]{1,20}】|【[^】]{1,20}】\\s*$';
function signatureOf(rule: RuleRuntime): Pattern {
  let re = signatures.get(rule);
  if (!re) {
    const src = rule.option<unknown>('brand_signature', DEFAULT_SIGNATURE);
    const builtin = src === DEFAULT_SIGNATURE || src === rule.meta.options.brand_signature;
    try {
      // a config's pattern runs on the linear-time engine
      re = builtin ? builtinPattern(String(src)) : userPattern(String(src));
    } catch (e) {
      throw optionError(rule, 'brand_signature', `invalid regular expression (${(e as Error).message})`);
    }
    signatures.set(rule, re);
  }
  return re;
}

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
    const signature = signatureOf(rule);
    const marketing = campaign.campaign.kind === 'marketing' || a.isPromotional || signature.test(a.message.text);
    if (rule.option('marketing_only', true) && !marketing) return;
    if (rule.lexicon('opt_out').test(a.view)) return;
    const first = a.message.text.trim().split(/\n/)[0]!;
    const excerpt = [...first].length > EXCERPT_MAX ? [...first].slice(0, EXCERPT_MAX).join('') + '…' : first;
    report({ excerpt, data: { channelZh: CHANNEL_NAME[ch].zh, channelEn: CHANNEL_NAME[ch].en } });
  },
};
export default rule;
