/**
 * Text normalisation for matching. Findings always quote the original text, so
 * every normalised character keeps the index of the original character it came
 * from (`origIndex`).
 *
 * Steps, per code point: NFKC (full-width ＠ＡＢ１ → @AB1, compatibility forms),
 * lower case, whitespace runs folded to one space, curly apostrophes and
 * quotes folded to ASCII (phones type ’ in "we’ve", lexicons write '); then
 * Traditional → Simplified Chinese with OpenCC so one lexicon serves both scripts.
 */
import * as OpenCC from 'opencc-js/t2cn';

type Convert = (s: string) => string;
let toSimplified: Convert | undefined;
function t2s(): Convert {
  // Taiwan and Hong Kong variants both fold to mainland forms; built lazily
  // because the dictionaries cost ~50 ms to load.
  if (!toSimplified) {
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    toSimplified = (s) => hk(tw(s));
  }
  return toSimplified;
}

export interface NormalizedText {
  /** The text as written. */
  readonly original: string;
  /** Lower-cased, width-folded, Simplified, whitespace-folded text. */
  readonly norm: string;
  /** origIndex[i] is the UTF-16 index in `original` of norm[i]; one extra entry holds original.length. */
  readonly origIndex: Int32Array;
}

const HAS_HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** ’ ‘ ‛ ′ → ' and “ ” → ": one UTF-16 unit each, so offsets are unchanged. */
const SMART_QUOTES: Record<string, string> = { '\u2019': "'", '\u2018': "'", '\u201b': "'", '\u2032': "'", '\u201c': '"', '\u201d': '"' };

export function normalize(original: string): NormalizedText {
  let norm = '';
  const idx: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const width = ch.length;
    // ASCII and the CJK Unified Ideographs block are their own NFKC and lower-case forms: skip the (costly) Unicode calls for them
    let out = cp < 0x80 ? ch.toLowerCase() : cp >= 0x4e00 && cp <= 0x9fff ? ch : (SMART_QUOTES[ch] ?? ch.normalize('NFKC').toLowerCase());
    if (cp < 0x80 ? cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) : /^\s+$/u.test(out) || cp === 0x3000) {
      if (!lastWasSpace) {
        norm += ' ';
        idx.push(i);
      }
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
      if (out === '') out = ch; // NFKC never empties a char, but stay total
      for (let k = 0; k < out.length; k++) {
        norm += out[k];
        idx.push(i);
      }
    }
    i += width;
  }
  if (HAS_HAN.test(norm)) {
    const converted = t2s()(norm);
    if (converted.length === norm.length) norm = converted;
    else norm = [...norm].map((c) => (HAS_HAN.test(c) ? t2s()(c) : c)).join('').slice(0, idx.length);
  }
  idx.push(original.length);
  return { original, norm, origIndex: Int32Array.from(idx) };
}

const termCache = new Map<string, string>();

/** Normalise a lexicon term or tag the same way as message text (memoised: lexicons repeat across rules and runs). */
export function normalizeTerm(term: string): string {
  let v = termCache.get(term);
  if (v === undefined) {
    v = normalize(term.trim()).norm;
    if (termCache.size > 100_000) termCache.clear();
    termCache.set(term, v);
  }
  return v;
}

/** Map a [start, end) range of normalised text back to the original text. */
export function toOriginalRange(t: NormalizedText, start: number, end: number): [number, number] {
  const s = t.origIndex[start]!;
  // end is exclusive: the original char of the last normalised char, plus its width
  if (end <= start) return [s, s];
  const lastOrig = t.origIndex[end - 1]!;
  const cp = t.original.codePointAt(lastOrig) ?? 0;
  return [s, lastOrig + (cp > 0xffff ? 2 : 1)];
}
