/**
 * ORACLE ONLY — text normalisation as it stood before the typed-buffer
 * rewrite of src/text/normalize.ts, kept for test/matcher-equivalence.test.ts.
 */
import * as OpenCC from 'opencc-js/t2cn';

type Convert = (s: string) => string;
let toSimplified: Convert | undefined;
function t2s(): Convert {
  if (!toSimplified) {
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    toSimplified = (s) => hk(tw(s));
  }
  return toSimplified;
}

const HAS_HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** ’ ‘ ‛ ′ → ' and “ ” → ": one UTF-16 unit each, so offsets are unchanged. */
const SMART_QUOTES: Record<string, string> = { '\u2019': "'", '\u2018': "'", '\u201b': "'", '\u2032': "'", '\u201c': '"', '\u201d': '"' };

export function normalize(original: string): { original: string; norm: string; origIndex: Int32Array } {
  let norm = '';
  const idx: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const width = ch.length;
    // ASCII is its own NFKC form: skip the (costly) Unicode normalisation for it
    let out = cp < 0x80 ? ch.toLowerCase() : (SMART_QUOTES[ch] ?? ch.normalize('NFKC').toLowerCase());
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

