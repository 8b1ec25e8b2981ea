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
    const marks = changingMarks();
    // Most texts are Simplified already: when no character that could start a change is in the text, the
    // two converters (a dictionary walk per character) would return it as it is.
    toSimplified = (s) => {
      for (let i = 0; i < s.length; i++) if (marks.has(s.charCodeAt(i))) return hk(tw(s));
      return s;
    };
  }
  return toSimplified;
}

/**
 * Code units of which every dictionary entry that changes text (key ≠ value)
 * holds at least one: a text with none of them is left as it is by every
 * dictionary the converters chain, since only an entry whose key occurs in
 * the text can change it. Identity entries (kept to stop a shorter entry)
 * change nothing, so they need no mark.
 */
function changingMarks(): Set<number> {
  const marks = new Set<number>();
  // Each locale is a list of dictionary groups, each a list of dictionaries ("key value|key value…" or pairs).
  const locales = [OpenCC.Locale.from.tw, OpenCC.Locale.from.hk, OpenCC.Locale.to.cn] as unknown as Array<Array<Array<string | string[][]>>>;
  for (const dict of locales.flat(2)) {
    {
      const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict;
      for (const [key, value] of entries) {
        if (!key || key === value) continue;
        // One unit of the key suffices; the first that differs from the value is the rarest in Simplified text.
        let at = 0;
        while (at < key.length - 1 && value !== undefined && key[at] === value[at]) at++;
        marks.add(key.charCodeAt(at));
      }
    }
  }
  return marks;
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
  // Code units and their origins in typed buffers: a text is normalised once,
  // but millions of texts go through here (log archives), so no per-character
  // strings on the common paths (ASCII, CJK ideographs).
  const n = original.length;
  let units = new Uint16Array(n + 8);
  let idx = new Int32Array(n + 9);
  let len = 0;
  const push = (unit: number, at: number): void => {
    if (len === units.length) {
      const u = new Uint16Array(units.length * 2);
      u.set(units);
      units = u;
      const x = new Int32Array(idx.length * 2);
      x.set(idx);
      idx = x;
    }
    units[len] = unit;
    idx[len++] = at;
  };
  let lastWasSpace = false;
  for (let i = 0; i < n; ) {
    const c = original.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        if (!lastWasSpace) push(0x20, i);
        lastWasSpace = true;
      } else {
        push(c >= 0x41 && c <= 0x5a ? c + 0x20 : c, i);
        lastWasSpace = false;
      }
      i++;
      continue;
    }
    // The CJK Unified Ideographs block is its own NFKC and lower-case form.
    if (c >= 0x4e00 && c <= 0x9fff) {
      push(c, i);
      lastWasSpace = false;
      i++;
      continue;
    }
    const cp = original.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    let out = SMART_QUOTES[ch] ?? ch.normalize('NFKC').toLowerCase();
    if (/^\s+$/u.test(out) || cp === 0x3000) {
      if (!lastWasSpace) push(0x20, i);
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
      if (out === '') out = ch; // NFKC never empties a char, but stay total
      for (let k = 0; k < out.length; k++) push(out.charCodeAt(k), i);
    }
    i += ch.length;
  }
  let norm = '';
  // fromCharCode keeps lone surrogates as they are (a TextDecoder would replace them)
  for (let k = 0; k < len; k += 8192) norm += String.fromCharCode.apply(null, units.subarray(k, Math.min(len, k + 8192)) as unknown as number[]);
  if (HAS_HAN.test(norm)) {
    const converted = t2s()(norm);
    if (converted.length === norm.length) norm = converted;
    else norm = [...norm].map((c) => (HAS_HAN.test(c) ? t2s()(c) : c)).join('').slice(0, len);
  }
  push(n, n);
  return { original, norm, origIndex: idx.slice(0, len) };
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
