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

export function scalarLocator(offsets: Int32Array, lc: LineCounter): Locator {
  return {
    locate(start, end) {
      const s = lc.linePos(offsets[Math.min(start, offsets.length - 1)]!);
      const lastIdx = Math.max(start, end - 1);
      const e = lc.linePos(offsets[Math.min(lastIdx, offsets.length - 1)]! + (end > start ? 1 : 0));
      return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
    },
  };
}

/** A locator that points every range at one position (e.g. log rows). */
export function fixedLocator(line: number, column: number): Locator {
  return { locate: () => ({ line, column, endLine: line, endColumn: column }) };
}
