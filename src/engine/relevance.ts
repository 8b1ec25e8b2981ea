/**
 * Does a text speak to an audience's tags (or a group's topic)?
 *
 * Chinese has no spaces, so a tag and a text rarely share a whole string:
 * tag 英短幼猫, text 幼猫专用粮. A tag is matched when:
 *  - the whole tag appears in the text (either script); or
 *  - the tag has topics (rules/shared/topics.yaml: 猫 / kitten / 布偶 → cat)
 *    and the text shares one of them, or a broader or related one (a pet
 *    promotion suits cat owners; lipstick is not off target for skincare
 *    buyers); or
 *  - the tag has no topic (高消费, VIP北京) and shares a content word with the
 *    text: a segmented word of two or more characters, a Chinese character
 *    bigram, or an English stem (Porter, via natural) — not a generic word
 *    such as 会员 or 优惠.
 * A topical tag is judged by topic only: 猫粮复购 and 狗粮复购 share the word
 * 复购, but dog food is still not for cat owners.
 * Both sides are judged by their most specific topics: 宠物狗狗香波 is about
 * dogs, not about pets in general.
 * A conflict is a text whose topics are all outside the tags' topics: dog
 * food to cat owners.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { compileLexicon, type Lexicon, type LexiconInput, type LexiconSpec } from '../text/lexicon.js';
import { viewOf, type TextView } from '../text/view.js';
import { applyOverride, sharedSection } from './lexicons.js';
import type { LexiconOverride } from '../config/config.js';

const HAN = /\p{Script=Han}/u;

interface TopicDef extends LexiconSpec {
  within?: string;
  related?: string[];
  label?: { zh?: string; en?: string };
}

/** Per-project changes to the taxonomy (missing-relevance option `topics`). */
export type TopicOverrides = Record<string, LexiconOverride & { within?: string; related?: string[]; label?: { zh?: string; en?: string } }>;

interface RelevanceWords {
  stopwords: Set<string>;
  genericChars: Set<string>;
  genericWords: Set<string>;
}

let words: RelevanceWords | undefined;
function relevanceWords(): RelevanceWords {
  if (!words) {
    const raw = sharedSection<Record<string, string[]>>('relevance') ?? {};
    words = {
      stopwords: new Set((raw.stopwords ?? []).map((w) => w.toLowerCase())),
      genericChars: new Set(raw.generic_chars ?? []),
      genericWords: new Set((raw.generic_words ?? []).map((w) => viewOf(w).norm)),
    };
  }
  return words;
}

function asDef(input: LexiconInput | TopicDef): TopicDef {
  return Array.isArray(input) ? { terms: input } : { ...(input as TopicDef) };
}

/** The topic taxonomy, compiled: one lexicon per topic plus its broader and related topics. */
export class TopicModel {
  private readonly lexicons: Array<[string, Lexicon]>;
  private readonly ancestors = new Map<string, Set<string>>();
  private readonly related = new Map<string, Set<string>>();
  private readonly cache = new WeakMap<TextView, Set<string>>();
  private readonly labels = new Map<string, { zh: string; en: string }>();
  private readonly overlapMemo = new Map<string, boolean>();
  /** relevance() per text and tag list: the rule and the scorer both ask. */
  readonly relevanceMemo = new WeakMap<TextView, Map<string, Relevance>>();

  constructor(defs: Record<string, TopicDef>) {
    for (const [name, d] of Object.entries(defs)) this.labels.set(name, { zh: d.label?.zh ?? d.label?.en ?? name, en: d.label?.en ?? name });
    this.lexicons = Object.entries(defs).map(([name, d]) => [name, compileLexicon({ terms: d.terms ?? [], except: d.except, boundary: d.boundary })]);
    for (const name of Object.keys(defs)) {
      const up = new Set<string>();
      for (let p = defs[name]!.within; p && !up.has(p) && p !== name; p = defs[p]?.within) up.add(p);
      this.ancestors.set(name, up);
      for (const r of defs[name]!.related ?? []) {
        // related is symmetric, whichever side declares it
        (this.related.get(name) ?? this.related.set(name, new Set()).get(name)!).add(r);
        (this.related.get(r) ?? this.related.set(r, new Set()).get(r)!).add(name);
      }
    }
  }

  get names(): string[] {
    return this.lexicons.map(([n]) => n);
  }

  /** Topics a text names. */
  topicsOf(view: TextView): Set<string> {
    let t = this.cache.get(view);
    if (!t) {
      t = new Set(this.lexicons.filter(([, lex]) => lex.test(view)).map(([n]) => n));
      this.cache.set(view, t);
    }
    return t;
  }

  /** A topic's name for people, in `lang`. */
  label(name: string, lang: 'zh' | 'en'): string {
    return this.labels.get(name)?.[lang] ?? name;
  }

  /**
   * Same topic, one within the other (cat ⊂ pet), or declared related
   * (skincare ~ makeup) — a relation holds for narrower topics too: coffee ~
   * food, so coffee ~ a bakery topic within food.
   */
  overlaps(a: string, b: string): boolean {
    // asked for every tag of every message: the taxonomy is fixed, so each pair is worked out once
    const key = `${a}\u0000${b}`;
    let v = this.overlapMemo.get(key);
    if (v === undefined) {
      if (a === b || this.ancestors.get(a)?.has(b) || this.ancestors.get(b)?.has(a)) v = true;
      else {
        const up = (t: string) => [t, ...(this.ancestors.get(t) ?? [])];
        v = up(a).some((x) => up(b).some((y) => !!this.related.get(x)?.has(y)));
      }
      this.overlapMemo.set(key, v);
    }
    return v;
  }

  /**
   * Drop topics that are broader than another topic of the same set: a text
   * about 宠物 and 狗狗 is about dogs (and so not for cat owners); a text
   * about 宠物 alone stays about pets (and suits cat owners).
   */
  mostSpecific(topics: Set<string>): Set<string> {
    return new Set([...topics].filter((t) => ![...topics].some((u) => u !== t && this.ancestors.get(u)?.has(t))));
  }

  anyOverlap(as: Iterable<string>, bs: Iterable<string>): boolean {
    const bl = [...bs];
    for (const a of as) if (bl.some((b) => this.overlaps(a, b))) return true;
    return false;
  }

  /** Earliest place the text names one of these topics (normalised offsets). */
  firstMatch(view: TextView, topics: Set<string>): [number, number] | undefined {
    let best: [number, number] | undefined;
    for (const [name, lex] of this.lexicons) {
      if (!topics.has(name)) continue;
      const m = lex.match(view)[0];
      if (m && (!best || m.start < best[0])) best = [m.start, m.end];
    }
    return best;
  }
}

function rawTopics(): Record<string, TopicDef> {
  const raw = sharedSection<Record<string, LexiconInput | TopicDef>>('topics') ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, asDef(v)]));
}

let defaultModel: TopicModel | undefined;
const customModels = new Map<string, TopicModel>();

/** The built-in taxonomy, or the built-in one with a project's overrides applied. */
export function topicModel(overrides?: TopicOverrides): TopicModel {
  if (!overrides || !Object.keys(overrides).length) return (defaultModel ??= new TopicModel(rawTopics()));
  const key = JSON.stringify(overrides);
  let m = customModels.get(key);
  if (!m) {
    const defs = rawTopics();
    for (const [name, ov] of Object.entries(overrides)) {
      const base: TopicDef = defs[name] ?? { terms: [] };
      const merged = asDef(applyOverride(base as LexiconSpec, ov) as LexiconSpec);
      defs[name] = { ...merged, within: ov.within ?? base.within, related: ov.related ?? base.related, label: (ov as TopicDef).label ?? base.label };
    }
    m = new TopicModel(defs);
    customModels.set(key, m);
  }
  return m;
}

/** Topics a text names, in the built-in taxonomy. */
export function topicsOf(view: TextView): Set<string> {
  return topicModel().topicsOf(view);
}

/** Content keys of a text: English stems, Chinese words (≥2 chars) and bigrams, minus generic words. */
function keys(view: TextView): Set<string> {
  const w = relevanceWords();
  const out = new Set<string>();
  for (const tok of view.wordTokens) {
    if (HAN.test(tok.text)) {
      if (tok.text.length >= 2 && !w.genericWords.has(tok.text)) out.add(tok.text);
    } else if (/^[a-z]/.test(tok.text) && tok.text.length > 2 && !w.stopwords.has(tok.text)) {
      out.add('en:' + PorterStemmer.stem(tok.text));
    }
  }
  // Han bigrams across the whole normalised text (segmentation of rare words is unreliable)
  const han = view.norm;
  for (let i = 0; i + 1 < han.length; i++) {
    const a = han[i]!, b = han[i + 1]!;
    if (!HAN.test(a) || !HAN.test(b)) continue;
    if (w.genericChars.has(a) && w.genericChars.has(b)) continue;
    if (w.genericWords.has(a + b)) continue;
    out.add(a + b);
  }
  return out;
}

const keyCache = new WeakMap<TextView, Set<string>>();
function keysOf(view: TextView): Set<string> {
  let k = keyCache.get(view);
  if (!k) keyCache.set(view, (k = keys(view)));
  return k;
}

/**
 * Does the text have one of these content keys? Segmenting the text is the
 * costly part, so first the test every key of the text passes: a Chinese key
 * (a word or bigram) is a substring of the normalised text, an English stem
 * needs a Latin letter in it. Only when one of the tag's keys passes is the
 * text segmented.
 */
function sharesKey(tagKeys: Set<string>, view: TextView): boolean {
  let possible = false;
  let latin: boolean | undefined;
  for (const k of tagKeys) {
    if (k.startsWith('en:') ? (latin ??= /[a-z]/.test(view.norm)) : view.norm.includes(k)) {
      possible = true;
      break;
    }
  }
  if (!possible) return false;
  const textKeys = keysOf(view);
  for (const k of tagKeys) if (textKeys.has(k)) return true;
  return false;
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

export function relevance(tags: readonly string[], view: TextView, opts: { topics?: TopicOverrides } = {}): Relevance {
  const model = topicModel(opts.topics);
  let byTags = model.relevanceMemo.get(view);
  if (!byTags) model.relevanceMemo.set(view, (byTags = new Map()));
  const key = tags.join('\u0000');
  let r = byTags.get(key);
  if (!r) byTags.set(key, (r = computeRelevance(model, tags, view)));
  return r;
}

function computeRelevance(model: TopicModel, tags: readonly string[], view: TextView): Relevance {
  const textTopics = model.mostSpecific(model.topicsOf(view));
  const tagTopics = new Set<string>();
  const matched: string[] = [];
  for (const tag of tags) {
    const tv = viewOf(tag);
    if (!tv.norm.trim()) continue;
    const tt = model.mostSpecific(model.topicsOf(tv));
    tt.forEach((t) => tagTopics.add(t));
    const direct = view.norm.includes(tv.norm.trim());
    const shared = tt.size ? model.anyOverlap(tt, textTopics) : sharesKey(keysOf(tv), view);
    if (direct || shared) matched.push(tag);
  }
  const conflict = matched.length === 0 && textTopics.size > 0 && tagTopics.size > 0 && !model.anyOverlap(textTopics, tagTopics);
  const firstTextTopicRange = conflict ? model.firstMatch(view, textTopics) : undefined;
  return {
    matched,
    textTopics: [...textTopics].sort(),
    tagTopics: [...tagTopics].sort(),
    conflict,
    firstTextTopicRange,
    firstTextTopicExcerpt: firstTextTopicRange ? view.excerpt(...firstTextTopicRange) : undefined,
  };
}
