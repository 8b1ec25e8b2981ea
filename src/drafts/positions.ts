/**
 * Source positions for text inside YAML/JSON scalars.
 *
 * A parsed scalar's value differs from its source: block scalars drop
 * indentation, folded ones turn line breaks into spaces, quoted ones drop
 * quotes and unescape. Rather than re-implement each style, we align the value
 * to its source slice greedily, character by character, so an offset in the
 * value maps to the file offset of the character it came from.
 */
import type { LineCounter } from 'yaml';
import type { Locator } from '../types.js';

const LOOKAHEAD = 64;
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** File offsets of each UTF-16 unit of `value`, found in source[from, to). */
export function alignScalar(value: string, source: string, from: number, to: number): Int32Array {
  const out = new Int32Array(value.length + 1);
  let p = from;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    let found = -1;
    const limit = Math.min(to, p + LOOKAHEAD);
    for (let q = p; q < limit; q++) {
      const s = source[q]!;
      if (s === c || (isSpace(c) && isSpace(s))) {
        found = q;
        break;
      }
    }
    if (found >= 0) {
      out[i] = found;
      p = found + 1;
    } else {
      out[i] = Math.min(p, Math.max(from, to - 1)); // escaped or synthesised: stay put
    }
  }
  out[value.length] = value.length ? out[value.length - 1]! + 1 : from;
  return out;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Exact offsets for a double-quoted scalar (YAML, and every JSON string):
 * decodes escapes (\t, \", \u4F60, an escaped line break) and folds line
 * breaks the way YAML does, recording for each decoded unit the offset of the
 * source character it came from. `from` is the opening quote. Returns
 * undefined when the decoding does not reproduce `value` (the caller falls
 * back to alignScalar).
 */
export function alignDoubleQuoted(value: string, source: string, from: number, to: number): { starts: Int32Array; ends: Int32Array } | undefined {
  if (source[from] !== '"') return undefined;
  const chars: string[] = [];
  const offs: number[] = [];
  const ends: number[] = [];
  const push = (s: string, at: number, len = 1) => {
    for (let k = 0; k < s.length; k++) {
      chars.push(s[k]!);
      offs.push(at);
      ends.push(at + len);
    }
  };
  let rawSpaces = 0; // trailing unescaped blanks, trimmed before a line break
  let i = from + 1;
  const end = Math.min(to, source.length);
  while (i < end && source[i] !== '"') {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (n === '\n' || n === '\r') {
        i += n === '\r' && source[i + 2] === '\n' ? 3 : 2;
        while (source[i] === ' ' || source[i] === '\t') i++;
        rawSpaces = 0;
        continue;
      }
      const hex = HEX_LEN[n];
      if (hex) {
        const cp = parseInt(source.slice(i + 2, i + 2 + hex), 16);
        if (!Number.isFinite(cp)) return undefined;
        push(String.fromCodePoint(cp), i, 2 + hex);
        i += 2 + hex;
      } else {
        if (ESCAPES[n] === undefined) return undefined;
        push(ESCAPES[n]!, i, 2);
        i += 2;
      }
      rawSpaces = 0;
    } else if (c === '\n' || c === '\r') {
      chars.length -= rawSpaces;
      offs.length -= rawSpaces;
      ends.length -= rawSpaces;
      rawSpaces = 0;
      const at = i;
      let blank = 0;
      for (;;) {
        i += c === '\r' && source[i + 1] === '\n' ? 2 : 1;
        while (source[i] === ' ' || source[i] === '\t') i++;
        if (source[i] === '\n' || source[i] === '\r') blank++;
        else break;
      }
      push(blank ? '\n'.repeat(blank) : ' ', at);
    } else {
      push(c, i);
      rawSpaces = c === ' ' || c === '\t' ? rawSpaces + 1 : 0;
      i++;
    }
  }
  if (chars.join('') !== value) return undefined;
  const starts = new Int32Array(value.length + 1);
  starts.set(offs);
  starts[value.length] = i;
  return { starts, ends: Int32Array.from(ends) };
}

/**
 * `ends[i]`, when given, is the exclusive end of the source of value unit i
 * (an escape such as \u4eba spans several source characters); otherwise a
 * unit spans one source character.
 */
export function scalarLocator(offsets: Int32Array, lc: LineCounter, ends?: Int32Array): Locator {
  // Most texts are written unescaped on one stretch of the file (each unit one character further on):
  // their positions are a start offset and a length, not two arrays per message (issue 10: memory).
  const n = offsets.length;
  const base = n ? offsets[0]! : 0;
  let linear = n > 0;
  for (let i = 1; linear && i < n; i++) linear = offsets[i] === base + i;
  if (linear && ends) for (let i = 0; linear && i < ends.length; i++) linear = ends[i] === base + i + 1;
  // Separate functions, so a linear locator's closure does not hold the arrays.
  return linear ? linearLocator(base, n, lc) : tableLocator(offsets, lc, ends);
}

function linearLocator(base: number, n: number, lc: LineCounter): Locator {
  return { locate: (start, end) => span(lc, n, start, end, (i) => base + i, (i) => base + i + 1) };
}

function tableLocator(offsets: Int32Array, lc: LineCounter, ends?: Int32Array): Locator {
  return { locate: (start, end) => span(lc, offsets.length, start, end, (i) => offsets[i]!, (i) => (ends && i < ends.length ? ends[i]! : offsets[i]! + 1)) };
}

function span(lc: LineCounter, n: number, start: number, end: number, at: (i: number) => number, endAt: (i: number) => number): ReturnType<Locator["locate"]> {
  const s = lc.linePos(at(Math.min(start, n - 1)));
  const lastIdx = Math.min(Math.max(start, end - 1), n - 1);
  const e = lc.linePos(end <= start ? at(lastIdx) : endAt(lastIdx));
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

/** A locator that points every range at one position (e.g. log rows). */
export function fixedLocator(line: number, column: number): Locator {
  return { locate: () => ({ line, column, endLine: line, endColumn: column }) };
}
