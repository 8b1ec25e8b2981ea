/**
 * Outcomes (CONTRACTS §7): what customers did after a send. The audit hands
 * over every delivered push and every reaction (an inbound message, an
 * opt-out, a leave, a deleted contact); at the end each reaction goes to the
 * latest push to the same customer — or, in a group, the same group — on the
 * same channel, at or before it and within the attribution window.
 *
 * Matching waits for the end of the run because rows need not come in time
 * order: exports are often newest first, and inbound messages may sit in a
 * file of their own given before the sends.
 *
 * Counting: a customer counts once per send and kind (three replies to one
 * push are one reply; a reply and then 退订 are a reply and an opt-out). In a
 * group, each member counts once per post and kind.
 */
import { i32, f64 } from './typed-columns.js';
import { InputError } from '../errors.js';
import { sharedSection } from '../engine/lexicons.js';
import type { Channel, Lang } from '../types.js';
import type { ExtraTable } from '../report/report.js';
import type { Interning, LogEvent } from './record.js';

export type ReactionKind = 'reply' | 'optout' | 'leave' | 'delete';
const KINDS: readonly ReactionKind[] = ['reply', 'optout', 'leave', 'delete'];
/** Report field of each kind (replies, optouts, leaves, deletes). */
const PLURAL = { reply: 'replies', optout: 'optouts', leave: 'leaves', delete: 'deletes' } as const;
type Plural = (typeof PLURAL)[ReactionKind];

/** Per campaign, exactly the CONTRACTS §7 shape. */
export interface CampaignOutcome {
  reached: number;
  replies: number;
  optouts: number;
  leaves: number;
  deletes: number;
  window: string;
}

export type Counts = Record<Plural, number>;

export interface RuleSide extends Counts {
  sends: number;
  /** optouts + leaves + deletes: the customers lost. */
  lost: number;
  /** Each count per send (for a group post, per group posted to), 4 decimals. */
  rates: Counts & { lost: number };
}

export interface OutcomeSummary extends CampaignOutcome {
  /** Reaction rows read (inbound messages and events other than joins). */
  reactionRows: number;
  /** Reactions with no push to that customer or group on that channel within the window before them. */
  unattributed: Counts;
  /** Median over campaigns that reached anyone of each count / reached. */
  medianRates: Counts;
  /** Per rule with a finding on at least one push: pushes with that finding against pushes without. */
  byRule: Record<string, { withFinding: RuleSide; without: RuleSide }>;
}

/**
 * What one distinct text's pushes came to, for `scrm-audit learn` on a log
 * (CONTRACTS §8): its pushes and the customers lost after them (opt-outs,
 * leaves, deleted contacts attributed to one of them). Kept only when asked.
 */
export interface TextOutcome {
  text: string;
  sends: number;
  lost: number;
}

/* ------------------------------------------------------------- keywords */

let keywords: Set<string> | undefined;
/** Fold as the keyword list is compared: width and case, surrounding spaces and end punctuation. */
export function foldKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[\s"'“”‘’「」『』【】\[\](){}<>]+|[\s"'“”‘’「」『』【】\[\](){}<>.,!?;:~。，！？；：～…]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/** Is this inbound text, as a whole, an opt-out keyword (rules/shared/outcomes.yaml)? */
export function isOptOut(text: string): boolean {
  if (text.length > 40) return false;
  if (!keywords) {
    const list = sharedSection<unknown>('optout_keywords');
    if (!Array.isArray(list)) throw new InputError('optout_keywords: expected a list of keywords', 'rules/shared/outcomes.yaml');
    keywords = new Set(list.map((k) => foldKeyword(String(k))));
  }
  const k = foldKeyword(text);
  return k.length > 0 && keywords.has(k);
}

/* --------------------------------------------------------------- window */

const UNITS: Record<string, [number, string]> = {
  m: [60_000, 'm'], min: [60_000, 'm'], mins: [60_000, 'm'], minute: [60_000, 'm'], minutes: [60_000, 'm'],
  h: [3_600_000, 'h'], hr: [3_600_000, 'h'], hrs: [3_600_000, 'h'], hour: [3_600_000, 'h'], hours: [3_600_000, 'h'],
  d: [86_400_000, 'd'], day: [86_400_000, 'd'], days: [86_400_000, 'd'],
  w: [604_800_000, 'w'], week: [604_800_000, 'w'], weeks: [604_800_000, 'w'],
};

/** --attribution-window / logs.attribution_window: 30m, 24h, 7d, 2w (a bare number is hours). */
export function parseWindow(v: string | number, name = '--attribution-window'): { ms: number; text: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(v));
  const unit = m ? UNITS[(m[2] || 'h').toLowerCase()] : undefined;
  const n = m ? Number(m[1]) : NaN;
  const ms = unit ? n * unit[0] : NaN;
  if (!unit || !(ms > 0) || ms > 90 * 86_400_000) throw new InputError(`${name}: expected a duration from 1m to 90d such as 30m, 24h or 7d, got "${v}"`);
  return { ms, text: `${n}${unit[1]}` };
}

/* ---------------------------------------------------------- attribution */

const zero = (): Counts => ({ replies: 0, optouts: 0, leaves: 0, deletes: 0 });
const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : 0);

export class Outcomes {
  // pushes, column-wise (a month of logs is millions of them)
  // typed columns (src/logs/typed-columns.ts): 20 bytes a push instead of 32 in number arrays
  private pushes = 0;
  private readonly sKey = i32();
  private readonly sTime = f64();
  private readonly sCampaign = i32();
  private readonly sRules = i32();
  /** Per push, its text's id in `texts` (only when learning: see `learnTexts`). */
  private readonly sText: number[] = [];
  private readonly textIds = new Map<string, number>();
  private readonly texts: string[] = [];
  // reactions
  private readonly rKey: number[] = [];
  private readonly rAlt: number[] = [];
  private readonly rTime: number[] = [];
  private readonly rKind: number[] = [];
  private readonly rMember: (string | undefined)[] = [];
  /** Distinct sets of rules found on a push (most pushes share a few). */
  private readonly sets: string[][] = [[]];
  private readonly setIds = new Map<string, number>([['', 0]]);
  private readonly setCache = [new WeakMap<object, number>(), new WeakMap<object, number>()];
  reactionRows = 0;

  constructor(
    readonly windowMs: number,
    readonly windowText: string,
    /** The audit's id tables: audiences are numbers, not strings (a month is a million customers). */
    private readonly ids: Interning,
    /** Keep each push's text, so `finish` can say what each distinct text lost (learning from outcomes). */
    private readonly learnTexts = false,
  ) {}

  /** The rules found on a push, as a set id (cached per findings list: the evaluator reuses it per template). */
  ruleSet(findings: ReadonlyArray<{ ruleId: string }>, quiet: boolean): number {
    const cache = this.setCache[quiet ? 1 : 0]!;
    let id = cache.get(findings);
    if (id !== undefined) return id;
    const ids = [...new Set(findings.map((f) => f.ruleId).concat(quiet ? ['quiet-hours'] : []))].sort();
    const k = ids.join('\u0001');
    id = this.setIds.get(k);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(ids);
      this.setIds.set(k, id);
    }
    cache.set(findings, id);
    return id;
  }

  /** Who a push or reaction is about: the group, else the customer; Moments: the sender's audience. */
  private audienceKey(channel: Channel, chat: string | undefined, person: string | undefined): number {
    if (channel === 'group' && chat !== undefined) return Outcomes.sendKey(channel, this.ids.chat(chat), -1, -1);
    if (person === undefined) return -1;
    return channel === 'moments' ? Outcomes.sendKey(channel, -1, this.ids.sender(person), -1) : Outcomes.sendKey(channel, -1, -1, this.ids.recipient(person));
  }

  /**
   * Who a push or reaction is about, from interned ids (-1 = none; the audit
   * passes its own, so a row's strings are not interned twice): slot 0 a
   * group, 1 a customer by direct message, 2 by SMS, 3 a sender's Moments
   * audience. A row without a group is one-to-one, whatever its channel cell
   * defaulted to.
   */
  static sendKey(channel: Channel, chat: number, sender: number, recipient: number): number {
    if (channel === 'group' && chat >= 0) return chat * 4;
    if (channel === 'moments') return sender >= 0 ? sender * 4 + 3 : -1;
    return recipient >= 0 ? recipient * 4 + (channel === 'sms' ? 2 : 1) : -1;
  }

  /** A delivered push (not a conversation reply, not refused or undelivered); `key`: its Outcomes.sendKey when the caller has it. */
  send(campaign: number, r: { channel: Channel; chat?: string; chatName?: string; recipient?: string; sender?: string; time: number; text: string }, rules: number, key?: number): void {
    const chat = r.chat ?? (r.channel === 'group' ? r.chatName : undefined);
    const k = key ?? this.audienceKey(r.channel, chat, r.channel === 'moments' ? r.sender : r.recipient);
    if (k < 0) return;
    if (this.learnTexts) {
      let t = this.textIds.get(r.text);
      if (t === undefined) {
        t = this.texts.length;
        this.textIds.set(r.text, t);
        this.texts.push(r.text);
      }
      this.sText.push(t);
    }
    const i = this.pushes++;
    for (const col of [this.sKey, this.sTime, this.sCampaign, this.sRules]) col.ensure(i + 1);
    this.sKey.a[i] = k;
    this.sTime.a[i] = r.time;
    this.sCampaign.a[i] = campaign;
    this.sRules.a[i] = rules;
  }

  /** A customer's row: an inbound message (reply or opt-out) or an event. */
  reaction(kind: ReactionKind | LogEvent, r: { channel: Channel; chat?: string; chatName?: string; recipient?: string; sender?: string; time: number }): void {
    if (kind === 'join') return;
    this.reactionRows++;
    const chat = r.chat ?? (r.channel === 'group' ? r.chatName : undefined);
    const inGroup = r.channel === 'group' && chat !== undefined;
    // one-to-one: the customer is the recipient (chat archives name them so) or, failing a push to them, the sender
    const k = this.audienceKey(r.channel, chat, r.recipient ?? r.sender);
    const alt = !inGroup && r.recipient !== undefined && r.sender !== undefined ? this.audienceKey(r.channel, chat, r.sender) : -1;
    this.rKey.push(k);
    this.rAlt.push(alt);
    this.rTime.push(r.time);
    this.rKind.push(KINDS.indexOf(kind));
    this.rMember.push(inGroup ? (r.sender ?? r.recipient) : '');
  }

  finish(campaigns: number): { campaigns: CampaignOutcome[]; summary: OutcomeSummary; texts?: TextOutcome[] } {
    // pushes by audience: for attribution and for each campaign's distinct audiences (reached)
    const { order, first } = audienceOrder(this.sKey.a, this.sTime.a, this.pushes);
    const times = this.sTime.a;
    /** The latest push to audience k at or before t, within the window; -1 if none. */
    const latest = (k: number, t: number): number => {
      if (k < 0 || k + 1 >= first.length) return -1;
      const from = first[k]!;
      let lo = from, hi = first[k + 1]!;
      if (lo === hi) return -1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[order[mid]!]! <= t) lo = mid + 1;
        else hi = mid;
      }
      if (lo === from) return -1;
      const s = order[lo - 1]!;
      return t - times[s]! <= this.windowMs ? s : -1;
    };
    const counts: Counts[] = Array.from({ length: campaigns }, zero);
    const setCounts: Counts[] = this.sets.map(zero);
    const textLost = this.learnTexts ? new Array<number>(this.texts.length).fill(0) : undefined;
    const unattributed = zero();
    const seen = new Set<string>();
    for (let i = 0; i < this.rKey.length; i++) {
      const t = this.rTime[i]!;
      let s = latest(this.rKey[i]!, t);
      if (s < 0 && this.rAlt[i]! >= 0) s = latest(this.rAlt[i]!, t);
      const field = PLURAL[KINDS[this.rKind[i]!]!];
      if (s < 0) {
        unattributed[field]++;
        continue;
      }
      const member = this.rMember[i];
      // an unnamed group member is a member of their own
      const who = member === undefined ? `#${i}` : member;
      const dk = `${s}\u0001${this.rKind[i]}\u0001${who}`;
      if (seen.has(dk)) continue;
      seen.add(dk);
      counts[this.sCampaign.a[s]!]![field]++;
      setCounts[this.sRules.a[s]!]![field]++;
      if (textLost && field !== 'replies') textLost[this.sText[s]!]!++;
    }
    const reachedBy = reachedPerCampaign(order, first, this.sCampaign.a, campaigns);
    const out: CampaignOutcome[] = counts.map((c, i) => ({ reached: reachedBy[i]!, ...c, window: this.windowText }));
    const total = zero();
    let reached = 0;
    for (const c of out) {
      reached += c.reached;
      for (const f of Object.values(PLURAL)) total[f] += c[f];
    }
    const medianRates = zero();
    const live = out.filter((c) => c.reached > 0);
    for (const f of Object.values(PLURAL)) medianRates[f] = median(live.map((c) => c[f] / c.reached));
    let texts: TextOutcome[] | undefined;
    if (textLost) {
      const sends = new Array<number>(this.texts.length).fill(0);
      for (const t of this.sText) sends[t]!++;
      texts = this.texts.map((text, i) => ({ text, sends: sends[i]!, lost: textLost[i]! }));
    }
    return {
      campaigns: out,
      summary: { reached, ...total, window: this.windowText, reactionRows: this.reactionRows, unattributed, medianRates, byRule: this.byRule(setCounts) },
      ...(texts ? { texts } : {}),
    };
  }

  private byRule(setCounts: Counts[]): OutcomeSummary['byRule'] {
    const setSends = this.sets.map(() => 0);
    const rules = this.sRules.a;
    for (let i = 0; i < this.pushes; i++) setSends[rules[i]!]!++;
    const all = zero();
    for (const c of setCounts) for (const f of Object.values(PLURAL)) all[f] += c[f];
    const ruleIds = [...new Set(this.sets.flat())].sort();
    const out: OutcomeSummary['byRule'] = {};
    for (const rule of ruleIds) {
      const w = zero();
      let sends = 0;
      this.sets.forEach((ids, i) => {
        if (!ids.includes(rule)) return;
        sends += setSends[i]!;
        for (const f of Object.values(PLURAL)) w[f] += setCounts[i]![f];
      });
      const wo = zero();
      for (const f of Object.values(PLURAL)) wo[f] = all[f] - w[f];
      out[rule] = { withFinding: side(w, sends), without: side(wo, this.pushes - sends) };
    }
    return out;
  }
}

/**
 * Pushes by audience, in time order (ties by row): a counting sort on the
 * audience key (0 or more), then each audience's few pushes by time — rows
 * come in time order, so they are nearly always sorted already. The order a
 * comparison sort on (key, time, index) gives, in linear time and two typed
 * arrays; `first[k]` … `first[k + 1]` is audience k's span of `order`.
 */
export function audienceOrder(keys: ArrayLike<number>, times: ArrayLike<number>, n: number): { order: Int32Array; first: Int32Array } {
  let max = -1;
  for (let i = 0; i < n; i++) if (keys[i]! > max) max = keys[i]!;
  const first = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) first[keys[i]! + 1]!++;
  for (let k = 1; k < first.length; k++) first[k]! += first[k - 1]!;
  const order = new Int32Array(n);
  const fill = first.slice(0, max + 1);
  for (let i = 0; i < n; i++) order[fill[keys[i]!]!++] = i;
  for (let k = 0; k <= max; k++) {
    // insertion sort by time within the audience; equal times keep row order
    for (let j = first[k]! + 1; j < first[k + 1]!; j++) {
      const v = order[j]!;
      const t = times[v]!;
      let h = j - 1;
      while (h >= first[k]! && times[order[h]!]! > t) {
        order[h + 1] = order[h]!;
        h--;
      }
      order[h + 1] = v;
    }
  }
  return { order, first };
}

/**
 * Distinct audiences per campaign, from the pushes in audience order: within
 * one audience's span a campaign counts once. One counter and one marker per
 * campaign instead of a set of audiences per campaign, which at tens of
 * millions of pushes was hundreds of MB.
 */
export function reachedPerCampaign(order: Int32Array, first: Int32Array, campaignOf: ArrayLike<number>, campaigns: number): Int32Array {
  const reached = new Int32Array(campaigns);
  const lastAudience = new Int32Array(campaigns).fill(-1);
  for (let k = 0; k + 1 < first.length; k++) {
    for (let j = first[k]!; j < first[k + 1]!; j++) {
      const c = campaignOf[order[j]!]!;
      if (lastAudience[c] !== k) {
        lastAudience[c] = k;
        reached[c]!++;
      }
    }
  }
  return reached;
}

function side(c: Counts, sends: number): RuleSide {
  const lost = c.optouts + c.leaves + c.deletes;
  return { sends, ...c, lost, rates: { replies: rate(c.replies, sends), optouts: rate(c.optouts, sends), leaves: rate(c.leaves, sends), deletes: rate(c.deletes, sends), lost: rate(lost, sends) } };
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 10_000) / 10_000;
}

/* -------------------------------------------------------------- wording */

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const num = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, w: string) => `${num(n)} ${w}${n === 1 ? '' : 's'}`;

/**
 * One sentence per rule whose pushes lost customers, worst gap first: "sends
 * with <rule> lost 2.1% within 24h; sends without, 0.4%", with both counts
 * so a reader can judge the sample.
 */
export function outcomeSentences(s: OutcomeSummary, titles: Map<string, string>, lang: Lang, max = 10): string[] {
  const zh = lang === 'zh';
  const rows = Object.entries(s.byRule)
    .filter(([, v]) => v.withFinding.sends > 0 && (v.withFinding.lost > 0 || v.without.lost > 0))
    .sort(([a, x], [b, y]) => y.withFinding.rates.lost - y.without.rates.lost - (x.withFinding.rates.lost - x.without.rates.lost) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, max);
  return rows.map(([rule, { withFinding: w, without: wo }]) => {
    const title = titles.get(rule) ?? rule;
    const what = (x: RuleSide) => (zh ? `退订 ${x.optouts}、退群 ${x.leaves}、删除 ${x.deletes}` : `${plural(x.optouts, 'opt-out')}, ${plural(x.leaves, 'leave')}, ${plural(x.deletes, 'delete')}`);
    if (zh) {
      return `有「${title}」（${rule}）问题的发送在 ${s.window} 内流失 ${pct(w.rates.lost)}（${what(w)}；n=${w.sends}）；没有的 ${wo.sends ? `${pct(wo.rates.lost)}（${what(wo)}；n=${wo.sends}）` : '无（每次发送都有此问题）'}`;
    }
    return `Sends with "${title}" (${rule}) lost ${pct(w.rates.lost)} of their audience within ${s.window} (${what(w)}; n=${num(w.sends)}); sends without, ${wo.sends ? `${pct(wo.rates.lost)} (${what(wo)}; n=${num(wo.sends)})` : 'none (every send had it)'}`;
  });
}

/** The text and HTML reports' outcome table: campaigns by customers lost, most first. */
export function outcomeTable(rows: Array<{ id: string; name?: string; outcomes: CampaignOutcome }>, lang: Lang, max = 50): ExtraTable {
  const zh = lang === 'zh';
  const lost = (o: CampaignOutcome) => o.optouts + o.leaves + o.deletes;
  const shown = rows
    .filter((r) => r.outcomes.reached > 0)
    .sort((a, b) => lost(b.outcomes) / b.outcomes.reached - lost(a.outcomes) / a.outcomes.reached || b.outcomes.reached - a.outcomes.reached || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, max);
  const w = rows[0]?.outcomes.window ?? '';
  return {
    title: zh ? `发送后 ${w} 内客户的反应（按流失率）` : `What customers did within ${w} of a send (by share lost)`,
    head: zh ? ['活动', '触达', '回复', '退订', '退群', '删除', '流失率'] : ['Campaign', 'Reached', 'Replies', 'Opt-outs', 'Leaves', 'Deletes', 'Lost'],
    rows: shown.map((r) => {
      const o = r.outcomes;
      return [r.name ? `${r.name}\n${r.id}` : r.id, o.reached, o.replies, o.optouts, o.leaves, o.deletes, pct(lost(o) / o.reached)];
    }),
  };
}
