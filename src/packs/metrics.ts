/**
 * Measured quantities for `type: metric` pack rules. Each metric lists the
 * counted items as [start, end) ranges of the original message text, so a
 * finding can point at the item that went over the threshold.
 */

export type Range = [number, number];

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** A grapheme that shows as an emoji: pictographs (with skin tones, ZWJ sequences), flags, keycaps. */
function isEmoji(g: string): boolean {
  if (/\p{Regional_Indicator}{2}/u.test(g) || g.includes('\u20e3')) return true;
  if (!/\p{Extended_Pictographic}/u.test(g)) return false;
  // ©, ® and ™ are pictographic in Unicode but read as text unless forced to emoji style.
  return !/^[\u00a9\u00ae\u2122]$/u.test(g);
}

function graphemeRanges(text: string, keep: (g: string) => boolean): Range[] {
  const out: Range[] = [];
  for (const s of graphemes.segment(text)) if (keep(s.segment)) out.push([s.index, s.index + s.segment.length]);
  return out;
}

function regexRanges(text: string, re: RegExp): Range[] {
  const out: Range[] = [];
  for (const m of text.matchAll(re)) out.push([m.index!, m.index! + m[0].length]);
  return out;
}

/** Non-blank extent of the text: leading and trailing blank lines are not part of the message. */
function trimmedBounds(text: string): Range {
  const start = text.length - text.trimStart().length;
  return [start, Math.max(start, text.trimEnd().length)];
}

// A URL with a scheme, a www. host, or a bare host with a path (t.cn/A6x…, shop.example.com/p/1).
// A bare "example.com" without a path is not counted: too close to ordinary text ("3.5kg", "e.g.").
const URL_RE = /\bhttps?:\/\/[^\s，。！？、；“”‘’（）()<>【】「」]+|(?<![\w@.-])www\.[^\s，。！？、；“”‘’（）()<>【】「」]+|(?<![\w@.\/-])(?:[a-z0-9-]+\.)+[a-z]{2,}\/[^\s，。！？、；“”‘’（）()<>【】「」]*/giu;

export const METRICS = {
  /** Emoji, counted as what the reader sees (👍🏻 and 👨‍👩‍👧 are one each). */
  emoji: (text: string): Range[] => graphemeRanges(text, isEmoji),
  /** Characters as the reader sees them (graphemes), leading/trailing whitespace excluded. */
  length: (text: string): Range[] => {
    const [s, e] = trimmedBounds(text);
    return graphemeRanges(text.slice(s, e), () => true).map(([a, b]) => [a + s, b + s] as Range);
  },
  /** URLs: with a scheme, www., or a host with a path (short links). */
  links: (text: string): Range[] => regexRanges(text, URL_RE),
  /** Exclamation marks, half- and full-width; ‼ counts twice. */
  exclamations: (text: string): Range[] =>
    regexRanges(text, /[!！﹗‼]/gu).flatMap((r) => (text[r[0]] === '‼' ? [r, r] : [r])),
  /** Lines, blank lines inside the text included, leading/trailing blank lines not. */
  lines: (text: string): Range[] => {
    const [s, e] = trimmedBounds(text);
    if (s === e) return [];
    const out: Range[] = [];
    let at = s;
    for (const line of text.slice(s, e).split('\n')) {
      out.push([at, at + line.replace(/\r$/, '').length]);
      at += line.length + 1;
    }
    return out;
  },
} satisfies Record<string, (text: string) => Range[]>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];
