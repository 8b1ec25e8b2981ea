/**
 * selling-pressure (data: rules/builtin/selling-pressure.yaml): a score with
 * degrees. The other rules say whether a message breaks a rule; most selling
 * messages break none or the same one, so without this they all score alike
 * and a price-link-hotline-countdown blast ranks with a one-line menu note.
 *
 * In a marketing message (MessageAnalysis.isPromotional, or a campaign
 * declared `kind: marketing`; never a service message) each kind of cue
 * present costs penalty × its weight, once per message however often it
 * appears:
 *
 *   price       an amount of money (shared `amount`), a price word (`price`) or a discount (`discount`)
 *   link        a web address (`link_patterns`) or a link word (`link`: 点击链接, "click here")
 *   contact     a phone number (`phone_patterns`) or a contact word (`contact`: 热线, 加微信, "call")
 *   extra_offer each clause with an offer (shared `offer`, or `discount`) after the first, up to `max_extra_offers`
 *   countdown   a time or stock limit on the offer, dated or not (`countdown`)
 *
 * One finding per message, about the whole message, its factor the sum of
 * the weights capped at `cap`: the points table shows one line per message,
 * and its message names every cue it counted. Weights are ≥ 0 and the cap finite (the options
 * schema checks a config's values), so a finding never raises a score.
 */
import type { RuleModule, RuleRuntime } from './api.js';
import type { LexMatch } from '../text/lexicon.js';
import { unitAround } from '../text/sentences.js';
import { numberOption, optionError } from './options.js';
import { builtinPattern, userPattern, type Pattern } from '../text/user-regex.js';

type Kind = 'price' | 'link' | 'contact' | 'extra_offer' | 'countdown';
const KINDS: readonly Kind[] = ['price', 'link', 'contact', 'extra_offer', 'countdown'];

const NAMES: Record<Kind, { zh: string; en: string }> = {
  price: { zh: '价格', en: 'a price' },
  link: { zh: '链接', en: 'a link' },
  contact: { zh: '联系方式', en: 'a contact' },
  extra_offer: { zh: '又一个优惠', en: 'another offer' },
  countdown: { zh: '倒计时', en: 'a countdown' },
};

/** Compiled patterns per rule runtime and option (not per message); a config's run on RE2. */
const compiled = new WeakMap<RuleRuntime, Map<string, Pattern[]>>();
function patterns(rule: RuleRuntime, name: string): Pattern[] {
  let byName = compiled.get(rule);
  if (!byName) compiled.set(rule, (byName = new Map()));
  let out = byName.get(name);
  if (!out) {
    const src = rule.option<unknown>(name, []);
    if (!Array.isArray(src) || src.some((s) => typeof s !== 'string')) throw optionError(rule, name, 'expected a list of regular expressions');
    const builtin = (rule.meta.options[name] as unknown[] | undefined) ?? [];
    out = (src as string[]).map((s) => {
      try {
        return builtin.includes(s) ? builtinPattern(s) : userPattern(s);
      } catch (e) {
        throw optionError(rule, name, `invalid regular expression ${JSON.stringify(s)} (${(e as Error).message})`);
      }
    });
    byName.set(name, out);
  }
  return out;
}

function firstRange(pats: Pattern[], text: string): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const p of pats) {
    const r = p.ranges(text)[0];
    if (r && (!best || r[0] < best[0])) best = r;
  }
  return best;
}

const EXCERPT_MAX = 30;

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

const rule: RuleModule = {
  id: 'selling-pressure',
  checkMessage({ rule, campaign, a, report }) {
    if (!a.message.text.trim() || a.isService) return;
    const marketing = a.isPromotional || campaign.campaign.kind === 'marketing';
    const unmarkedMin = numberOption(rule, 'unmarked_min_cues', 3);
    // A text that reports on offers (news, a friend's story) is judged by its own cues only when it is marketing.
    if (!marketing && (unmarkedMin <= 0 || a.isReport)) return;
    const view = a.view;
    const norm = view.norm;
    const weightsOpt = rule.option<unknown>('weights', {});
    if (!weightsOpt || typeof weightsOpt !== 'object' || Array.isArray(weightsOpt)) throw optionError(rule, 'weights', `expected a mapping of cue kind (${KINDS.join(' | ')}) to a number ≥ 0`);
    const weights = weightsOpt as Record<string, unknown>;
    const weight = (k: Kind): number => {
      const w = weights[k] ?? 1;
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw optionError(rule, 'weights', `${k}: expected a number ≥ 0, got ${JSON.stringify(w)}`);
      return w;
    };
    const cap = numberOption(rule, 'cap', 5);
    const maxExtra = numberOption(rule, 'max_extra_offers', 2);

    const countdowns = rule.lexicon('countdown').match(view);
    const discounts = rule.lexicon('discount').match(view);
    const prices = [...a.matches('amount'), ...rule.lexicon('price').match(view), ...discounts].sort((x, y) => x.start - y.start);
    const cues: Array<{ kind: Kind; range: [number, number]; n: number }> = [];
    const add = (kind: Kind, range: [number, number] | undefined, n = 1) => {
      if (range && n > 0) cues.push({ kind, range, n });
    };
    const first = (ms: LexMatch[]): [number, number] | undefined => (ms[0] ? [ms[0].start, ms[0].end] : undefined);

    add('price', first(prices));
    const link = firstRange(patterns(rule, 'link_patterns'), norm);
    const linkWord = first(rule.lexicon('link').match(view));
    add('link', link && linkWord ? (link[0] <= linkWord[0] ? link : linkWord) : (link ?? linkWord));
    // A number inside a web address is part of the link, not a phone number.
    const links = patterns(rule, 'link_patterns').flatMap((p) => p.ranges(norm));
    const phone = patterns(rule, 'phone_patterns')
      .flatMap((p) => p.ranges(norm))
      .filter((r) => !links.some((l) => r[0] < l[1] && l[0] < r[1]))
      .sort((x, y) => x[0] - y[0])[0];
    const contactWord = first(rule.lexicon('contact').match(view));
    add('contact', phone && contactWord ? (phone[0] <= contactWord[0] ? phone : contactWord) : (phone ?? contactWord));

    // Offers, one per clause: 全场8折 is one offer, 全场8折，满300再送杯垫 two. A
    // countdown word the shared offer lexicon also lists (限时) is counted as
    // a countdown, and the words that only frame an offer (全场, 本店, 新品)
    // are no offer of their own.
    const framing = new Set(rule.option<string[]>('not_offers', []).map((t) => t.toLowerCase()));
    const offers = [...a.offerCues.filter((o) => !framing.has(o.term.toLowerCase()) && !countdowns.some((c) => overlaps(c, o))), ...discounts].sort((x, y) => x.start - y.start);
    // the first cue of each clause that holds one
    const byClause = new Map<number, LexMatch>();
    for (const o of offers) {
      const s = unitAround(view, o.start, 'clause', o.end)[0];
      if (!byClause.has(s)) byClause.set(s, o);
    }
    const perClause = [...byClause.values()];
    const extra = Math.min(Math.floor(maxExtra), Math.max(0, perClause.length - 1));
    if (extra > 0) add('extra_offer', [perClause[1]!.start, perClause[1]!.end], extra);
    add('countdown', first(countdowns));

    const count = cues.reduce((s, c) => s + c.n, 0);
    if (!marketing && count < unmarkedMin) return;
    let factor = 0;
    for (const c of cues) factor += weight(c.kind) * c.n;
    factor = Math.min(cap, Math.max(0, factor - numberOption(rule, 'allowance', 0)));
    if (!(factor > 0) || !Number.isFinite(factor)) return;
    cues.sort((x, y) => x.range[0] - y.range[0]);
    const shown = (lang: 'zh' | 'en') =>
      cues
        .map((c) => {
          const ex = view.excerpt(c.range[0], c.range[1]);
          const name = NAMES[c.kind][lang] + (c.n > 1 ? ` ×${c.n}` : '');
          return lang === 'zh' ? `${name}「${ex}」` : `${name} "${ex}"`;
        })
        .join(lang === 'zh' ? '、' : ', ');
    // About the message as a whole, as missing-opt-out is: it points at the
    // message and quotes its opening, so a baseline keeps knowing it when one
    // cue is edited away (src/baseline.ts fingerprints whole-message findings
    // by rule and message only); the message names every cue counted.
    const opening = a.message.text.trim().split(/\n/)[0]!;
    report({
      excerpt: [...opening].length > EXCERPT_MAX ? [...opening].slice(0, EXCERPT_MAX).join('') + '…' : opening,
      factor,
      data: { count, countEn: `${count} cue${count === 1 ? '' : 's'}`, cues: shown('en'), cuesZh: shown('zh') },
      extra: { cues: cues.map((c) => ({ kind: c.kind, excerpt: view.excerpt(c.range[0], c.range[1]), count: c.n, weight: weight(c.kind) })) },
    });
  },
};
export default rule;
