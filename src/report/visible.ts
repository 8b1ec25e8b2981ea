/**
 * Report text made safe to show: control characters and bidi overrides
 * written visibly, long excerpts cut.
 *
 * Everything a report prints is user-controlled somewhere: campaign ids and
 * names, file names, CSV headers, message text. Printed raw, an ESC or BEL
 * drives the terminal (retitles the window, clears the screen, fakes a
 * "Gate: passed" line) and a U+202E turns "txt.exe 价格 99元" around on screen
 * and in HTML. So the human-readable formats (text, markdown, github, junit,
 * html) and stderr show such characters as `\u202E`; JSON and SARIF keep the
 * data exact (JSON.stringify escapes C0 controls itself).
 */

/** C0 controls except tab and line feed, DEL, C1 controls; bidi embeddings, overrides, isolates and marks. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export const MAX_EXCERPT = 200;

/** `\u202E` for each unsafe character; everything else unchanged. */
export function visible(s: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** At most `max` characters (code points), with an ellipsis when cut. */
export function capText(s: string, max = MAX_EXCERPT): string {
  if (s.length <= max) return s;
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max).join('') + '…';
}

/** Keys whose strings are excerpts of the user's text: cut to MAX_EXCERPT. Messages and advice quote them, so they get a wider cap. */
const EXCERPT_KEYS = new Set(['excerpt']);
const LONG_KEYS = new Set(['message', 'advice']);
/** A message's own text is shown whole (the HTML report highlights excerpts inside it). */
const WHOLE_KEYS = new Set(['text']);
const MAX_LONG = 1000;

function walk(v: unknown, key: string | undefined, memo: Map<string, string>): unknown {
  if (typeof v === 'string') {
    const cap = key === undefined ? 4 * MAX_LONG : EXCERPT_KEYS.has(key) ? MAX_EXCERPT : LONG_KEYS.has(key) ? MAX_LONG : WHOLE_KEYS.has(key) ? Infinity : 4 * MAX_LONG;
    const memoKey = `${cap}\u0000${v}`;
    let r = memo.get(memoKey);
    if (r === undefined) {
      r = visible(capText(v, cap));
      memo.set(memoKey, r);
    }
    return r;
  }
  if (Array.isArray(v)) return v.map((x) => walk(x, undefined, memo));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, k, memo);
    return out;
  }
  return v;
}

/** A copy of a report whose every string is safe to print (the input is not changed). */
export function visibleReport<T>(report: T): T {
  return walk(report, undefined, new Map()) as T;
}
