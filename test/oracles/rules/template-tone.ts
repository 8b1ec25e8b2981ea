// ORACLE ONLY — src/rules/template-tone.ts as it stood before the rule moved to check types in rules/builtin/template-tone.yaml; kept for test/rules/declared-oracle.test.ts.
/**
 * template-tone (data: rules/builtin/template-tone.yaml).
 * Four kinds of SOP-template voice, each reported at most once per message
 * (the first occurrence; `occurrences` in the JSON says how many): template
 * forms of address, faceless salutations, runs of emoji / exclamation marks,
 * and shouting in capitals. A message full of 亲 is one problem of tone, not
 * five, so repeats do not multiply the penalty.
 *
 * Address words that are also ordinary nouns or parts of words (亲 in 亲子,
 * 家人们 in 和家人们一起) count only in address position: after the start of
 * a clause or a greeting, and before punctuation, the end or a greeting.
 * Emoji runs and capitals are read from the original text: normalisation
 * lower-cases it and folds ‼ into two characters.
 */
import type { RuleModule, RuleRuntime } from '../../../src/rules/api.js';
import type { FindingInput } from '../../../src/types.js';
import type { TextView } from '../../../src/text/view.js';
import { normalizeTerm } from '../../../src/text/normalize.js';
import { numberOption } from '../../../src/rules/options.js';

type Span = [number, number];

const SEPARATOR = /[\s\p{P}\p{S}]/u;
const PLACEHOLDER_START = /^\s*(?:\{\{|\$\{|\{[\p{L}\p{N}_])/u;
// One emphasis unit: an exclamation mark, or one emoji as the reader sees it
// (a flag pair, a keycap, a pictograph with its modifiers and ZWJ parts).
// A regular expression rather than Intl.Segmenter graphemes: same units for
// these characters, several times faster on long Chinese texts.
const PICTO = String.raw`\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*`;
const UNIT = new RegExp(String.raw`[!！‼⁉❗❕]\uFE0F?|\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|${PICTO}(?:\u200D${PICTO})*`, 'gu');
// ©, ® and ™ are Extended_Pictographic but render as text unless followed by U+FE0F.
const TEXT_DEFAULT = /^[\u00A9\u00AE\u2122]$/u;
const BANGS: Record<string, number> = { '!': 1, '！': 1, '‼': 2, '⁉': 1, '❗': 1, '❕': 1 };

/** Option word lists, normalised like message text (Traditional → Simplified, lower case). */
const listCache = new WeakMap<RuleRuntime, Map<string, string[]>>();
function normList(rule: RuleRuntime, name: string): string[] {
  let byName = listCache.get(rule);
  if (!byName) listCache.set(rule, (byName = new Map()));
  let list = byName.get(name);
  if (!list) byName.set(name, (list = rule.option<string[]>(name, []).map(normalizeTerm).filter(Boolean)));
  return list;
}

/** Whether a vocative match at [start, end) stands where a form of address stands. */
function inAddressPosition(norm: string, start: number, end: number, before: string[], after: string[]): boolean {
  // An @mention before it is an addressee too: "@所有人 亲～" starts a clause.
  const head = norm.slice(0, start).replace(/(?:@[^\s@]+\s*)+$/u, '').trimEnd();
  const prev = head[head.length - 1];
  const clauseStart = prev === undefined || SEPARATOR.test(prev) || before.some((w) => head.endsWith(w));
  if (!clauseStart) return false;
  const tail = norm.slice(end);
  // 亲爱的{{name}} / 亲爱的 {name}: addressed to one person by name.
  if (PLACEHOLDER_START.test(tail)) return false;
  const next = tail[0];
  return next === undefined || SEPARATOR.test(next) || after.some((w) => tail.startsWith(w));
}

interface Run {
  start: number;
  end: number;
  emoji: number;
  bangs: number;
}

/** Runs of emoji / exclamation marks in the original text; spaces inside a run do not break it. */
function emphasisRuns(text: string, emoticons: Span[]): Run[] {
  const units: Array<{ start: number; end: number; emoji: number; bangs: number }> = emoticons.map(([start, end]) => ({ start, end, emoji: 1, bangs: 0 }));
  for (const m of text.matchAll(UNIT)) {
    const u = m[0];
    if (TEXT_DEFAULT.test(u)) continue;
    const start = m.index!;
    const end = start + u.length;
    // a WeChat emoticon code already counted
    if (emoticons.some(([s, e]) => s <= start && end <= e)) continue;
    const bang = BANGS[u.replace(/\uFE0F$/u, '')];
    units.push({ start, end, emoji: bang ? 0 : 1, bangs: bang ?? 0 });
  }
  units.sort((x, y) => x.start - y.start);
  const runs: Run[] = [];
  for (const u of units) {
    const cur = runs[runs.length - 1];
    if (cur && /^\s*$/u.test(text.slice(cur.end, u.start))) {
      cur.end = u.end;
      cur.emoji += u.emoji;
      cur.bangs += u.bangs;
    } else runs.push({ ...u });
  }
  return runs;
}

interface Shout {
  start: number;
  end: number;
}

/**
 * Spans that are not prose: URLs (with their query strings: ?utm_campaign=BLACKFRIDAY),
 * bare domains with a path, e-mail addresses and @handles. Capitals inside them are the
 * address's, not the writer's voice. Each pattern starts only where a run of its
 * characters starts (lookbehind), so a long run without a match is not retried from
 * every position.
 */
const NOT_PROSE = /(?<![\w/])(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef]+|(?<![\w.-])[\w-]+(?:\.[\w-]+)+\/[^\s\u3000-\u303f\uff00-\uffef]*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@[\w.-]+/giu;
/** A cashtag or an exchange-qualified ticker: $TSLA, NASDAQ: NOW, HKEX:700. */
const TICKER_BEFORE = /(?:\$|\b(?:NASDAQ|NYSE|HKEX|SSE|SZSE|LSE|TSX|ASX|AMEX|OTC|TSE)\s*:\s*)$/u;
/** Words that introduce a name written in capitals (a shop, a merchant, a brand): "at FUEL STOP", "from ACME". */
const NAME_BEFORE = /(?:^|[^\p{L}])(?:at|from|by|visit|visiting|@)\s*$/iu;
/** A company suffix after capitals: "ACME TRADING Ltd". */
const NAME_AFTER = /^[\s,]*(?:inc|ltd|llc|co|corp|corporation|gmbh|limited|plc|ag|sa|pte|pty|group|holdings)\b\.?/iu;

/** Option word lists in capitals, cached per rule runtime. */
const upperCache = new WeakMap<RuleRuntime, Map<string, Set<string>>>();
function upperSet(rule: RuleRuntime, name: string): Set<string> {
  let byName = upperCache.get(rule);
  if (!byName) upperCache.set(rule, (byName = new Map()));
  let set = byName.get(name);
  if (!set) byName.set(name, (set = new Set(rule.option<string[]>(name, []).map((a) => a.toUpperCase()))));
  return set;
}

/**
 * Shouting: runs of English words in capitals ("HUGE SALE", "BUY NOW"), or a
 * message mostly in them. Capitals that are names or codes are not shouting
 * (RULEBOOK): acronyms (VIP, USB-C), tickers (EURUSD, $TSLA), company and shop
 * names (ACME, at FUEL STOP), anything inside a URL or an address. Which
 * all-capital tokens are words is decided by a vocabulary (`shout_words`,
 * `short_words`): a token outside it is a name or a code, which neither counts
 * nor breaks a run.
 */
function shouting(rule: RuleRuntime, text: string): { first: Shout; count: number } | undefined {
  if (!/[A-Z\uFF21-\uFF3A]{2}/u.test(text)) return undefined; // no two capitals in a row: nothing to shout
  const minWords = numberOption(rule, 'caps_min_words', 2);
  const ratio = numberOption(rule, 'caps_ratio', 0.5);
  const ratioMin = numberOption(rule, 'caps_ratio_min_words', 3);
  const maxAcronym = numberOption(rule, 'acronym_max_letters', 3);
  const acronyms = upperSet(rule, 'acronyms');
  const shortWords = upperSet(rule, 'short_words');
  const vocabulary = upperSet(rule, 'shout_words');
  // Full-width Latin (ＨＵＧＥ) is shouting too; this fold keeps offsets. URLs and addresses are blanked, same length.
  const folded = text.replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(NOT_PROSE, (m) => ' '.repeat(m.length));
  const TOKEN = /(\p{Script=Han}+|\n)|([A-Za-z0-9][A-Za-z0-9$&+'’.\-]*)/gu;
  const runs: Shout[] = [];
  const loose: Shout[] = [];
  let run: { start: number; end: number; words: number } | undefined;
  let latinWords = 0;
  const close = () => {
    if (run && run.words >= minWords && !NAME_BEFORE.test(folded.slice(Math.max(0, run.start - 12), run.start)) && !NAME_AFTER.test(folded.slice(run.end, run.end + 14))) runs.push({ start: run.start, end: run.end });
    run = undefined;
  };
  for (const m of folded.matchAll(TOKEN)) {
    if (m[1]) {
      close(); // Chinese text or a new line ends a run
      continue;
    }
    const word = m[2]!.replace(/[.'’\-]+$/u, '');
    const letters = word.replace(/[^A-Za-z]/g, '').length;
    if (letters === 0) continue; // numbers neither count nor break
    if (letters >= 2) latinWords++;
    if (/[a-z]/.test(word)) {
      close();
      continue;
    }
    const acronym = (letters <= maxAcronym && !shortWords.has(word)) || /[0-9$&+.\-]/.test(word) || acronyms.has(word);
    if (acronym) continue; // VIP, NT$, USB-C: neither shouting nor a break
    const bare = word.replace(/['’]S$/u, '');
    const isWord = shortWords.has(word) || vocabulary.has(word) || vocabulary.has(bare);
    const ticker = TICKER_BEFORE.test(folded.slice(Math.max(0, m.index! - 8), m.index!));
    if (!isWord || ticker) continue; // a name or a code (EURUSD, ACME, $NOW): neither shouting nor a break
    const span = { start: m.index!, end: m.index! + word.length };
    loose.push(span);
    if (!run) run = { ...span, words: 0 };
    run.end = span.end;
    run.words++;
  }
  close();
  if (runs.length) return { first: runs[0]!, count: runs.length };
  const named = (x: Shout) => NAME_BEFORE.test(folded.slice(Math.max(0, x.start - 12), x.start));
  const words = loose.filter((x) => !named(x));
  if (words.length >= ratioMin && latinWords > 0 && words.length / latinWords >= ratio) return { first: words[0]!, count: words.length };
  return undefined;
}

function addressHits(rule: RuleRuntime, view: TextView, emoticons: Span[]): Span[] {
  const norm = view.norm;
  const before = normList(rule, 'vocative_predecessors');
  const after = normList(rule, 'vocative_followers');
  const hits: Span[] = rule.lexicon('address').match(view).map((m) => [m.start, m.end]);
  for (const m of rule.lexicon('vocative').match(view)) {
    if (inAddressPosition(norm, m.start, m.end, before, after)) hits.push([m.start, m.end]);
  }
  // [亲亲] is WeChat's kiss emoticon, not a form of address.
  return dedupe(hits.filter(([s, e]) => !emoticons.some(([es, ee]) => es <= s && e <= ee)));
}

/** Non-overlapping spans in text order, longest first at a tie. */
function dedupe(spans: Span[]): Span[] {
  spans.sort((x, y) => x[0] - y[0] || y[1] - y[0] - (x[1] - x[0]));
  const out: Span[] = [];
  for (const s of spans) if (!out.length || s[0] >= out[out.length - 1]![1]) out.push(s);
  return out;
}


const rule: RuleModule = {
  id: 'template-tone',
  checkMessage({ rule, a, report }) {
    const view = a.view;
    const factors = rule.option<Record<string, number>>('factors', {});
    const emit = (kind: string, input: FindingInput, occurrences: number) =>
      report({ ...input, factor: factors[kind] ?? 1, extra: { occurrences } });

    const emoticonNorm: Span[] = rule.lexicon('wechat_emoticons').match(view).map((m) => [m.start, m.end]);

    const address = addressHits(rule, view, emoticonNorm);
    if (address.length) emit('address', { range: address[0], variant: 'address' }, address.length);

    const generic = dedupe(rule.lexicon('generic').match(view).map((m): Span => [m.start, m.end]));
    if (generic.length) emit('generic', { range: generic[0], variant: 'generic' }, generic.length);

    const emoticons = emoticonNorm.map(([s, e]) => view.toOriginal(s, e));
    const emojiMin = numberOption(rule, 'emoji_run', 3);
    const bangMin = numberOption(rule, 'exclamation_run', 3);
    const mixedMin = numberOption(rule, 'mixed_run', 3);
    const runs = emphasisRuns(view.original, emoticons)
      .map((r) => ({ ...r, variant: r.bangs === 0 ? 'emoji' : r.emoji === 0 ? 'exclamation' : 'mixed' }))
      .filter((r) => r.emoji + r.bangs >= (r.variant === 'emoji' ? emojiMin : r.variant === 'exclamation' ? bangMin : mixedMin));
    if (runs.length) emit('run', { originalRange: [runs[0]!.start, runs[0]!.end], variant: runs[0]!.variant }, runs.length);

    const shout = shouting(rule, view.original);
    if (shout) emit('caps', { originalRange: [shout.first.start, shout.first.end], variant: 'caps' }, shout.count);
  },
};
export default rule;
