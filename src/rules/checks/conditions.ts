/**
 * Check type `when`: conditions on the facts every rule shares (selling,
 * service, notice, promotional, reply, channel, group type, campaign kind)
 * and on the rule's lexicons, in the message or in the customer's message
 * it replies to.
 */
import { viewOf } from '../../text/view.js';
import { CHANNELS } from '../../types.js';
import { optionError } from '../options.js';
import { optionPattern } from './patterns.js';
import { isComplaint } from './complaint.js';
import type { CheckContext, Condition, OptionRef } from './types.js';

function listOf(ctx: CheckContext, v: string[] | OptionRef, what: string, allowed?: readonly string[]): string[] {
  if (Array.isArray(v)) return v;
  const list = ctx.rule.option<unknown>(v.option, []);
  if (!Array.isArray(list) || (allowed && list.some((x) => !allowed.includes(x as string)))) {
    throw optionError(ctx.rule, v.option, `expected a list of ${what}${allowed ? ` (${allowed.join(' | ')})` : ''}`);
  }
  return list as string[];
}

const FACTS = { selling: 'isSelling', service: 'isService', notice: 'isNotice', promotional: 'isPromotional', reply: 'isReply' } as const;

/** Whether `c` holds for the message; `kind` is the finder's kind, for `kind_in`. */
export function holds(c: Condition | undefined, ctx: CheckContext, kind?: string): boolean {
  if (!c) return true;
  const { a, campaign, rule } = ctx;
  for (const [key, fact] of Object.entries(FACTS)) {
    const want = c[key as keyof typeof FACTS];
    if (want !== undefined && a[fact] !== want) return false;
  }
  if (c.text_empty !== undefined && (a.message.text.trim() === '') !== c.text_empty) return false;
  if (c.channel && !listOf(ctx, c.channel, 'channels', CHANNELS).includes(campaign.campaign.channel)) return false;
  if (c.group_type && !listOf(ctx, c.group_type, 'group types').includes(campaign.groupType ?? 'unknown')) return false;
  if (c.campaign_kind !== undefined && campaign.campaign.kind !== c.campaign_kind) return false;
  if (c.option_set !== undefined && !rule.option<unknown>(c.option_set, undefined)) return false;
  if (c.kind_in && !(kind !== undefined && listOf(ctx, c.kind_in, 'kinds').includes(kind))) return false;
  if (c.lexicon !== undefined && !rule.lexicon(c.lexicon).test(a.view)) return false;
  if (c.reply_to_lexicon !== undefined && !(a.message.replyTo !== undefined && rule.lexicon(c.reply_to_lexicon).test(viewOf(a.message.replyTo)))) return false;
  if (c.reply_to_complaint && !(a.message.replyTo !== undefined && isComplaint(rule, c.reply_to_complaint, a.message.replyTo))) return false;
  if (c.lexicon_after) {
    const first = rule.lexicon(c.lexicon_after.after).match(a.view)[0];
    if (!first || !rule.lexicon(c.lexicon_after.lexicon).match(a.view).some((m) => m.start > first.start)) return false;
  }
  if (c.pattern && !optionPattern(rule, c.pattern.option).test(a.message.text)) return false;
  if (c.not && holds(c.not, ctx, kind)) return false;
  if (c.all && !c.all.every((x) => holds(x, ctx, kind))) return false;
  if (c.any && !c.any.some((x) => holds(x, ctx, kind))) return false;
  return true;
}
