/**
 * Word segmentation. Chinese has no spaces, so word boundaries come from ICU's
 * dictionary segmenter (Intl.Segmenter); Latin words are split on non-letters.
 * Runs over normalised text, so offsets are normalised offsets.
 */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** true for words and numbers, false for punctuation and spaces */
  word: boolean;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function segment(norm: string): Token[] {
  const out: Token[] = [];
  for (const s of segmenter.segment(norm)) {
    out.push({ text: s.segment, start: s.index, end: s.index + s.segment.length, word: !!s.isWordLike });
  }
  return out;
}

/** Offsets at which a token starts or ends. */
export function boundarySet(tokens: readonly Token[]): Set<number> {
  const set = new Set<number>();
  for (const t of tokens) {
    set.add(t.start);
    set.add(t.end);
  }
  return set;
}
