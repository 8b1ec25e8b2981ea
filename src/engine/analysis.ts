/**
 * Facts about one message that several rules and the scorer need: computed
 * once, lazily, from the shared lexicons. Rules ask; they never recompute.
 */
import type { Campaign, GroupType, Message } from '../types.js';
import type { LexMatch } from '../text/lexicon.js';
import { viewOf, type TextView } from '../text/view.js';
import type { SharedLexicons } from './lexicons.js';

export class MessageAnalysis {
  readonly view: TextView;
  private memo = new Map<string, unknown>();

  constructor(
    readonly message: Message,
    readonly campaign: CampaignFacts,
    readonly lex: SharedLexicons,
  ) {
    this.view = viewOf(message.text);
  }

  private once<T>(key: string, f: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, f());
    return this.memo.get(key) as T;
  }

  /** Matches of a shared lexicon in this message. */
  matches(lexicon: string): LexMatch[] {
    return this.once(`lex:${lexicon}`, () => this.lex.get(lexicon).match(this.view));
  }

  /** Price, discount, coupon, order or buy call, shop link, "DM me to buy". */
  get sellingCues(): LexMatch[] {
    return this.matches('selling');
  }
  get isSelling(): boolean {
    return this.sellingCues.length > 0;
  }

  /** Order, booking, delivery, renewal, points: the customer's own business. */
  get serviceCues(): LexMatch[] {
    return this.matches('service');
  }

  /**
   * A service (transactional) message: declared `kind: service`, or service
   * cues with no selling cue. A points reminder that ends in "buy now" sells.
   */
  get isService(): boolean {
    if (this.campaign.campaign.kind === 'service') return true;
    if (this.campaign.campaign.kind === 'marketing') return false;
    return this.serviceCues.length > 0 && !this.isSelling;
  }

  /** Closure, safety, schedule change: an operational notice. */
  get isNotice(): boolean {
    return this.matches('notice').length > 0 && !this.isSelling;
  }

  get isPersonalised(): boolean {
    return this.view.placeholders.length > 0;
  }

  get isReply(): boolean {
    return !!this.message.replyTo?.trim();
  }
}

/** Facts about a campaign, computed once. */
export interface CampaignFacts {
  campaign: Campaign;
  groupType?: GroupType;
  groupTypeSource: 'declared' | 'inferred' | 'unknown';
  /** No segment (or "all") and no tags. */
  toEveryone: boolean;
}
