/**
 * TextView: one message text analysed once — normalised, segmented, its
 * placeholders found — and shared by every rule. Rules never normalise or
 * segment on their own, so a text is processed once however many rules run.
 */
import { normalize, toOriginalRange, type NormalizedText } from './normalize.js';
import { segment, boundarySet, type Token } from './segment.js';
import { findPlaceholders, type Placeholder } from './placeholders.js';
import type { LexiconHits } from './lexicon-index.js';

export class TextView {
  readonly original: string;
  readonly norm: string;
  private readonly n: NormalizedText;
  private _bounds?: Set<number>;
  private _placeholders?: Placeholder[];
  private _lineBreaks?: Set<number>;
  /** Which lexicon terms can match here: one anchor scan per text, kept by src/text/lexicon-index.ts. */
  lexiconHits?: LexiconHits;
  /** Each lexicon's matches here (src/text/lexicon.ts), shared by every campaign that sends this text. */
  lexiconMatches?: Map<object, import('./lexicon.js').LexMatch[]>;

  constructor(text: string) {
    this.n = normalize(text);
    this.original = text;
    this.norm = this.n.norm;
  }

  /**
   * Words, numbers, spaces and punctuation, from the segmenter. Not kept on
   * the view: its two users keep what they derive (the boundary set here,
   * relevance keys in src/engine/relevance.ts), and thousands of views alive
   * at once would otherwise hold an object per token.
   */
  get tokens(): Token[] {
    return segment(this.norm);
  }

  get wordTokens(): Token[] {
    return this.tokens.filter((t) => t.word);
  }

  /** Normalised offsets where a word starts or ends. */
  get boundaries(): Set<number> {
    return (this._bounds ??= boundarySet(this.tokens));
  }

  /** Placeholders, with offsets in the original text. */
  get placeholders(): Placeholder[] {
    return (this._placeholders ??= findPlaceholders(this.original));
  }

  /**
   * Normalised offsets of the spaces that stand for a line break in the
   * original (normalisation folds "\n" into a space): where a line ends.
   */
  get lineBreaks(): Set<number> {
    if (!this._lineBreaks) {
      const out = new Set<number>();
      if (/[\n\r\u2028\u2029]/.test(this.original)) {
        for (let i = 0; i < this.norm.length; i++) {
          if (this.norm[i] !== ' ') continue;
          const [from] = this.toOriginal(i, i);
          const [to] = this.toOriginal(i + 1, i + 1);
          if (/[\n\r\u2028\u2029]/.test(this.original.slice(from, to))) out.add(i);
        }
      }
      this._lineBreaks = out;
    }
    return this._lineBreaks;
  }

  /** Original-text range of a normalised range. */
  toOriginal(start: number, end: number): [number, number] {
    return toOriginalRange(this.n, start, end);
  }

  /** Original text of a normalised range (what a finding quotes). */
  excerpt(start: number, end: number): string {
    const [s, e] = this.toOriginal(start, end);
    return this.original.slice(s, e);
  }
}

const cache = new Map<string, TextView>();
const CACHE_MAX = 4096;

/** A shared TextView per distinct text (a mass send is one text to many recipients). */
export function viewOf(text: string): TextView {
  let v = cache.get(text);
  if (!v) {
    if (cache.size >= CACHE_MAX) cache.clear();
    v = new TextView(text);
    cache.set(text, v);
  }
  return v;
}

/**
 * Forget the shared views (a run's texts are audited: its findings hold what
 * they quote). Long runs and library users call this between runs so memory
 * does not hold every text seen.
 */
export function clearViewCache(): void {
  cache.clear();
}
