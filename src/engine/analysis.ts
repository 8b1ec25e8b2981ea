/**
 * Facts about one message that several rules and the scorer need: computed
 * once, lazily, from the shared lexicons. Rules ask; they never recompute.
 */
import type { Campaign, GroupType, Message } from '../types.js';
import type { LexMatch } from '../text/lexicon.js';
import { viewOf, type TextView } from '../text/view.js';
import { sharedSection, type SharedLexicons } from './lexicons.js';
import { opensWithName } from './salutation.js';

/** Contact and signature patterns (rules/shared/selling.yaml `offer_signals`), compiled once. */
let signalPatterns: { contact: RegExp[]; signature: RegExp[] } | undefined;
function offerSignals(): { contact: RegExp[]; signature: RegExp[] } {
  if (!signalPatterns) {
    const raw = sharedSection<{ contact?: string[]; signature?: string[] }>('offer_signals') ?? {};
    signalPatterns = {
      contact: (raw.contact ?? []).map((r) => new RegExp(r, 'u')),
      signature: (raw.signature ?? []).map((r) => new RegExp(r, 'u')),
    };
  }
  return signalPatterns;
}

/** Quoted stretches of normalised text: “限时特惠”, 「全场五折」, "lowest price". */
const QUOTED = /[“"「『《‘]([^”"」』》’\n]{1,40})[”"」』》’]/gu;

const NAMED_SALUTATION = [
  /\b(?:Dear|Hi|Hello|Morning|Good (?:morning|afternoon|evening))\s+(?:Mr|Ms|Mrs|Miss|Mx|Dr|Prof)\.?\s+\p{Lu}/u,
  // not a contact line: 联系人陈先生 138xxxxxxxx names who to call, not who reads
  /(?:^|[\s,，。.!！:：]|亲爱的|親愛的|尊敬的)\p{Script=Han}(?:女士|先生|小姐|太太)(?=[\s,，.。:：!！]|您好|你好|早上好|下午好|晚上好)(?![\s:：]*[+(（]?[0-9x]{3})/u,
];

export class MessageAnalysis {
  readonly view: TextView;
  private memo = new Map<string, unknown>();
  /** Matches per shared lexicon name (the most asked-for fact: its own map, no key to build). */
  private lexMemo = new Map<string, LexMatch[]>();

  constructor(
    readonly message: Message,
    readonly campaign: CampaignFacts,
    readonly lex: SharedLexicons,
  ) {
    this.view = viewOf(message.text);
  }

  private once<T>(key: string, f: () => T): T {
    let v = this.memo.get(key) as T | undefined;
    if (v === undefined && !this.memo.has(key)) this.memo.set(key, (v = f()));
    return v as T;
  }

  /** Matches of a shared lexicon in this message. */
  matches(lexicon: string): LexMatch[] {
    let m = this.lexMemo.get(lexicon);
    if (!m) this.lexMemo.set(lexicon, (m = this.lex.get(lexicon).match(this.view)));
    return m;
  }

  private optional(lexicon: string): LexMatch[] {
    return this.lex.has(lexicon) ? this.matches(lexicon) : [];
  }

  /**
   * The text reports on offers rather than making one: news, reported speech,
   * comment (据悉, 记者, 网友称, 表示, "according to"; `reporting`), or the
   * writer's own story told to a friend (我买了两盒, 送了我们, "I got", "lol",
   * "did you", "we should"; `personal`): 今天特价，我买了两盒 tells, it does
   * not offer.
   */
  get isReport(): boolean {
    return this.once('report', () => this.optional('reporting').length > 0 || this.optional('personal').length > 0);
  }

  /** Normalised ranges inside quotation marks. */
  private get quoted(): Array<[number, number]> {
    return this.once('quoted', () => [...this.view.norm.matchAll(QUOTED)].map((m) => [m.index!, m.index! + m[0].length] as [number, number]));
  }

  /**
   * Cues in a report count only when the text also turns to the reader (an
   * offer frame: 您, 详询, a phone number, a signature), and a cue quoted in a
   * report ("所谓“全场五折”") never: 他说那家店充xxxx送xxx is no offer.
   */
  private counts(cues: LexMatch[]): LexMatch[] {
    if (!this.isReport) return cues;
    if (!this.hasOfferFrame) return [];
    return cues.filter((c) => !this.quoted.some(([s, e]) => s <= c.start && c.end <= e));
  }

  /** Something offered to the reader: a gift with purchase, a free service, a waived fee (`offer`). */
  get offerCues(): LexMatch[] {
    return this.once('offer', () => {
      const offers = this.counts(this.optional('offer'));
      const perks = this.perkCues;
      return [...offers, ...perks.filter((p) => !offers.some((o) => o.start < p.end && p.start < o.end))].sort((x, y) => x.start - y.start);
    });
  }

  /**
   * A perk (`perk`: "free guac", "first week free", "iPhone on us", "Black
   * Friday"), an offer when a business says it: a brand signature, a phone
   * number or web address, a placeholder, or a customer call to act
   * (`perk_frame`: "in the app", "redeem", "Reply STOP"). "Call me when
   * you're free" and "got free ice cream lol" are no offers.
   */
  private get perkCues(): LexMatch[] {
    return this.once('perk', () => {
      const perks = this.optional('perk');
      if (!perks.length || this.isReport) return [];
      const voiced = this.isPersonalised || this.optional('perk_frame').length > 0 || this.hasContactOrSignature;
      return voiced ? perks : [];
    });
  }

  /**
   * The text speaks to the reader as a customer: addresses them or asks them
   * to act (`offer_frame`), gives a phone number or web address, or carries a
   * brand signature (`offer_signals`).
   */
  get hasOfferFrame(): boolean {
    return this.once('frame', () => this.optional('offer_frame').length > 0 || this.hasContactOrSignature);
  }

  /** A phone number or web address (on the normalised text), or a brand signature (on the text as written). */
  private get hasContactOrSignature(): boolean {
    return this.once('contact', () => {
      const sig = offerSignals();
      return sig.contact.some((re) => re.test(this.view.norm)) || sig.signature.some((re) => re.test(this.message.text));
    });
  }

  /**
   * A post to a group or on Moments: its readers are the audience, so a
   * concrete price or discount posted there (a mention with a number: 五折,
   * 89元, $20, 满300减50) is an offer without a further frame — 今天五折 in a
   * group sells; 昨天商场在打折 tells a story, and the same words in an SMS may
   * be news. Read on every call, never memoised: in logs the channel is
   * context, and each rule's read of it must reach the tracking proxy.
   */
  private get broadcast(): boolean {
    const channel = this.campaign.campaign.channel;
    return channel === 'group' || channel === 'moments';
  }

  /**
   * Corroboration for a mention (a price, 打折, 贷款, "sale"): an offer, a
   * selling or promotion cue that stands on its own, an offer frame, a
   * placeholder, or a second, different mention — and no reporting frame. 商场周末搞打折活动 and 据悉均价xxxxx元 are no offers.
   */
  private get corroborated(): boolean {
    return this.once('corroborated', () => {
      if (this.isReport) return false;
      if (this.strongSelling.length > 0 || this.offerCues.length > 0 || this.strongPromotion.length > 0) return true;
      if (this.hasOfferFrame || this.isPersonalised) return true;
      // two different mentions make an offer: 秒杀 + 99元, 暑期班 + 8折 — one
      // of them a price or a shop word: 贷款 + 额度, 信用卡 + 贷款 are a topic
      // (公积金贷款额度提高了, advice on credit), not an offer
      const selling = this.optional('selling_mention');
      if (!selling.length) return false;
      const terms = new Set([...selling, ...this.optional('promotion_mention')].map((m) => m.term));
      return terms.size >= 2;
    });
  }

  private get strongSelling(): LexMatch[] {
    return this.once('strongSelling', () => this.counts(this.matches('selling')));
  }

  private get strongPromotion(): LexMatch[] {
    return this.once('strongPromotion', () => this.counts(this.optional('promotion')));
  }

  /**
   * Price, discount, coupon, order or buy call, shop link, "DM me to buy":
   * the `selling` cues, and `selling_mention` cues (a price, 打折, "sale")
   * when the text corroborates them as an offer to the reader. In text order.
   */
  get sellingCues(): LexMatch[] {
    return this.once(this.broadcast ? 'selling:true' : 'selling:false', () => {
      const strong = this.strongSelling;
      const mentions = this.corroborated
        ? this.optional('selling_mention')
        : this.broadcast && !this.isReport
          ? this.optional('selling_mention').filter((m) => m.term.includes('#'))
          : [];
      const all = [...strong];
      for (const m of mentions) if (!all.some((c) => c.start < m.end && m.start < c.end)) all.push(m);
      return all.sort((x, y) => x.start - y.start || y.end - x.end);
    });
  }
  get isSelling(): boolean {
    return this.sellingCues.length > 0;
  }

  /**
   * Marketing in the broad sense: selling cues, an offer, or promotion cues
   * (prize draws, giveaways, hotlines, enrolment, property, loans;
   * rules/shared/promotion.yaml; its mentions only when corroborated).
   * Service messages are never promotional.
   */
  get isPromotional(): boolean {
    return this.once(this.broadcast ? 'promotional:true' : 'promotional:false', () => {
      if (this.isService) return false;
      if (this.isSelling || this.offerCues.length > 0 || this.strongPromotion.length > 0) return true;
      return this.corroborated && this.optional('promotion_mention').length > 0;
    });
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
    return this.once(this.broadcast ? 'sellingCall:true' : 'sellingCall:false', () => {
      const amounts = this.lex.has('amount') ? this.matches('amount') : [];
      return this.sellingCues.filter((c) => !amounts.some((m) => m.start <= c.start && c.end <= m.end));
    });
  }

  /**
   * A service (transactional) message: declared `kind: service`, or service
   * cues with no selling cue but, at most, an amount of money, and no offer. A points reminder that ends in "buy now" sells;
   * 免费配送, 买房送车位, 续保送加油卡, 低息贷款当天到账 are offers, whatever
   * service words they use. An amount due or charged is a bill, not an offer.
   */
  get isService(): boolean {
    if (this.campaign.campaign.kind === 'service') return true;
    if (this.campaign.campaign.kind === 'marketing') return false;
    return this.once(this.broadcast ? 'service:true' : 'service:false', () => {
      if (this.serviceCues.length === 0) return false;
      // offered to all comers (`opened_to_all`: enrolment, a trade, a job) is a promotion whatever service words it uses
      return this.sellingCallCues.length === 0 && this.offerCues.length === 0 && !this.touts;
    });
  }

  /**
   * Written to one named person ("Dear Ms Chen", "陈女士，您好"): personal
   * without a placeholder. Not "Dear valued customer", not 尊敬的各位女士.
   * A one-to-one message that opens with the customer's name ("王姐，…",
   * "Hi Sarah,"; src/engine/salutation.ts) is too: staff who know her write
   * her name. Only on direct, where one person reads it.
   */
  get addressesByName(): boolean {
    const direct = this.campaign.campaign.channel === 'direct';
    return this.once(direct ? 'named:true' : 'named:false', () => NAMED_SALUTATION.some((re) => re.test(this.message.text)) || (direct && opensWithName(this.message.text, this.view.norm)));
  }

  /**
   * Closure, safety, schedule change: an operational notice. Not when the
   * text touts to all comers (`opened_to_all`): 本公司专业从事室内装修 names a
   * trade, not a closure for renovation.
   */
  get isNotice(): boolean {
    return this.matches('notice').length > 0 && !this.isSelling && !this.touts;
  }

  /** Offered to all comers (`opened_to_all`): enrolment, a trade, a job, a prize, a payment to a new account. */
  private get touts(): boolean {
    return this.optional('opened_to_all').length > 0;
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
