/**
 * Facts about one message that several rules and the scorer need: computed
 * once, lazily, from the shared lexicons. Rules ask; they never recompute.
 */
import type { Campaign, GroupType, Message } from '../types.js';
import type { LexMatch } from '../text/lexicon.js';
import { viewOf, type TextView } from '../text/view.js';
import type { SharedLexicons } from './lexicons.js';

const NAMED_SALUTATION = [
  /\b(?:Dear|Hi|Hello|Morning|Good (?:morning|afternoon|evening))\s+(?:Mr|Ms|Mrs|Miss|Mx|Dr|Prof)\.?\s+\p{Lu}/u,
  /(?:^|[\s,，。.!！:：]|亲爱的|親愛的|尊敬的)\p{Script=Han}(?:女士|先生|小姐|太太)(?=[\s,，.。:：!！]|您好|你好|早上好|下午好|晚上好)/u,
];

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

  /**
   * Marketing in the broad sense: selling cues, or promotion cues (prize draws,
   * giveaways, hotlines, loans; rules/shared/promotion.yaml). Service messages
   * are never promotional.
   */
  get isPromotional(): boolean {
    return this.once('promotional', () => !this.isService && (this.isSelling || this.matches('promotion').length > 0));
  }

  /** Order, booking, delivery, renewal, points: the customer's own business. */
  get serviceCues(): LexMatch[] {
    return this.matches('service');
  }

  /**
   * Selling cues other than a bare amount of money: a bill or a receipt
   * states an amount too ("your bill of $42.10 is due"), without selling.
   */
  get sellingCallCues(): LexMatch[] {
    return this.once('sellingCall', () => {
      const amounts = this.lex.has('amount') ? this.matches('amount') : [];
      return this.sellingCues.filter((c) => !amounts.some((m) => m.start <= c.start && c.end <= m.end));
    });
  }

  /**
   * A service (transactional) message: declared `kind: service`, or service
   * cues with no selling cue but, at most, an amount of money. A points
   * reminder that ends in "buy now" sells.
   */
  get isService(): boolean {
    if (this.campaign.campaign.kind === 'service') return true;
    if (this.campaign.campaign.kind === 'marketing') return false;
    return this.serviceCues.length > 0 && this.sellingCallCues.length === 0;
  }

  /**
   * Written to one named person ("Dear Ms Chen", "陈女士，您好"): personal
   * without a placeholder. Not "Dear valued customer", not 尊敬的各位女士.
   */
  get addressesByName(): boolean {
    return this.once('named', () => NAMED_SALUTATION.some((re) => re.test(this.message.text)));
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
