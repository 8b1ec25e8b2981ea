/**
 * Does a text speak to an audience's tags (or a group's topic)?
 *
 * Chinese has no spaces, so a tag and a text rarely share a whole string:
 * tag 英短幼猫, text 幼猫专用粮. We accept any of:
 *  - the whole tag appears in the text (either script);
 *  - they share a word: a segmented word of two or more characters, a Chinese
 *    character bigram, or an English stem (Porter, via natural);
 *  - they share a topic from rules/shared/topics.yaml (猫 / kitten / 布偶 → cat).
 * A conflict is a text whose topics are all outside the tags' topics: dog
 * food to cat owners.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { Lexicon, type LexiconInput } from '../text/lexicon.js';
import { viewOf, type TextView } from '../text/view.js';
import { sharedSection } from './lexicons.js';


const HAN = /\p{Script=Han}/u;
const EN_STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'with', 'new', 'our', 'your', 'all', 'my', 'owner', 'owners', 'lover', 'lovers', 'fan', 'fans', 'member', 'members', 'customer', 'customers', 'user', 'users', 'vip']);
/** Characters too common to carry a topic on their own in a bigram. */
const ZH_GENERIC = new Set(['的', '了', '和', '与', '及', '用', '们', '者', '人', '客', '户', '会', '员', '新', '老', '类', '群', '友']);

let topicLexicons: Array<[string, Lexicon]> | undefined;
function topics(): Array<[string, Lexicon]> {
  if (!topicLexicons) {
    const raw = sharedSection<Record<string, LexiconInput>>('topics') ?? {};
    topicLexicons = Object.entries(raw).map(([name, terms]) => [name, new Lexicon(terms)]);
  }
  return topicLexicons;
}

const topicCache = new WeakMap<TextView, Set<string>>();
export function topicsOf(view: TextView): Set<string> {
  let t = topicCache.get(view);
  if (!t) {
    t = new Set(topics().filter(([, lex]) => lex.test(view)).map(([n]) => n));
    topicCache.set(view, t);
  }
  return t;
}

/** Content keys of a text: English stems, Chinese words (≥2 chars) and bigrams. */
function keys(view: TextView): Set<string> {
  const out = new Set<string>();
  for (const tok of view.wordTokens) {
    if (HAN.test(tok.text)) {
      if (tok.text.length >= 2) out.add(tok.text);
    } else if (/^[a-z]/.test(tok.text) && tok.text.length > 2 && !EN_STOP.has(tok.text)) {
      out.add('en:' + PorterStemmer.stem(tok.text));
    }
  }
  // Han bigrams across the whole normalised text (segmentation of rare words is unreliable)
  const han = view.norm;
  for (let i = 0; i + 1 < han.length; i++) {
    const a = han[i]!, b = han[i + 1]!;
    if (HAN.test(a) && HAN.test(b) && !(ZH_GENERIC.has(a) && ZH_GENERIC.has(b))) out.add(a + b);
  }
  return out;
}

const keyCache = new WeakMap<TextView, Set<string>>();
function keysOf(view: TextView): Set<string> {
  let k = keyCache.get(view);
  if (!k) keyCache.set(view, (k = keys(view)));
  return k;
}

export interface Relevance {
  /** Tags the text speaks to. */
  matched: string[];
  /** Topics of the text and of the tags. */
  textTopics: string[];
  tagTopics: string[];
  /** The text is about something, the tags are about something else. */
  conflict: boolean;
  /** Where the text first names one of its topics (normalised offsets). */
  firstTextTopicRange?: [number, number];
  firstTextTopicExcerpt?: string;
}

export function relevance(tags: readonly string[], view: TextView): Relevance {
  const textKeys = keysOf(view);
  const textTopics = topicsOf(view);
  const tagTopics = new Set<string>();
  const matched: string[] = [];
  for (const tag of tags) {
    const tv = viewOf(tag);
    const tt = topicsOf(tv);
    tt.forEach((t) => tagTopics.add(t));
    const direct = tv.norm.length > 0 && view.norm.includes(tv.norm);
    const shared = direct || [...keysOf(tv)].some((k) => textKeys.has(k)) || [...tt].some((t) => textTopics.has(t));
    if (shared) matched.push(tag);
  }
  const conflict = matched.length === 0 && textTopics.size > 0 && tagTopics.size > 0 && ![...textTopics].some((t) => tagTopics.has(t));
  let firstTextTopicRange: [number, number] | undefined;
  if (conflict) {
    for (const [, lex] of topics()) {
      const m = lex.match(view)[0];
      if (m && (!firstTextTopicRange || m.start < firstTextTopicRange[0])) firstTextTopicRange = [m.start, m.end];
    }
  }
  return {
    matched,
    textTopics: [...textTopics].sort(),
    tagTopics: [...tagTopics].sort(),
    conflict,
    firstTextTopicRange,
    firstTextTopicExcerpt: firstTextTopicRange ? view.excerpt(...firstTextTopicRange) : undefined,
  };
}
