/**
 * Findings shown inside their message text. The report gives each finding
 * its excerpt and its file line/column, and each message its text and first
 * line; the excerpt's occurrence is the one on the finding's line (text line =
 * file line − message line) whose column best fits the file column. That holds
 * for block and one-line scalars; for anything else (folded or escaped
 * strings, log rows) the first occurrence is a fair guess.
 */
import { esc } from './escape.js';

export interface Mark {
  start: number;
  end: number;
  /** error | warning | info */
  severity: string;
  /** Tooltip line, e.g. the rule id and message. */
  label: string;
  /** Anchor id the findings table links to. */
  anchor: string;
}

export function locateExcerpt(text: string, excerpt: string, at: { line?: number; column?: number; messageLine?: number }): [number, number] | undefined {
  if (!excerpt) return undefined;
  const hits: number[] = [];
  for (let i = text.indexOf(excerpt); i >= 0; i = text.indexOf(excerpt, i + 1)) hits.push(i);
  if (hits.length <= 1) return hits.length ? [hits[0]!, hits[0]! + excerpt.length] : undefined;
  const lineOf = (i: number) => text.slice(0, i).split('\n').length - 1;
  const colOf = (i: number) => i - (text.lastIndexOf('\n', i - 1) + 1);
  let cands = hits;
  if (at.line !== undefined && at.messageLine !== undefined) {
    const onLine = hits.filter((i) => lineOf(i) === at.line! - at.messageLine!);
    if (onLine.length) cands = onLine;
  }
  if (at.column !== undefined && cands.length > 1) {
    // The file column is the text column plus what precedes the text on that line (indent, quote): ≥ 0 and smallest.
    const gap = (i: number) => at.column! - 1 - colOf(i);
    const fits = cands.filter((i) => gap(i) >= 0).sort((a, b) => gap(a) - gap(b));
    if (fits.length) return [fits[0]!, fits[0]! + excerpt.length];
  }
  return [cands[0]!, cands[0]! + excerpt.length];
}

const RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };

/** The text as HTML with each mark wrapped in <mark>; overlapping marks take the worst severity. */
export function highlighted(text: string, marks: Mark[]): string {
  const valid = marks.filter((m) => m.start >= 0 && m.end > m.start && m.end <= text.length);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  let out = '';
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!;
    const b = cuts[k + 1]!;
    for (const m of valid) if (m.start === a) out += `<span class="anchor" id="${esc(m.anchor)}"></span>`;
    const cover = valid.filter((m) => m.start <= a && m.end >= b);
    const seg = esc(text.slice(a, b));
    if (!cover.length) {
      out += seg;
      continue;
    }
    const worst = cover.reduce((w, m) => ((RANK[m.severity] ?? 0) > (RANK[w.severity] ?? 0) ? m : w));
    const title = [...new Set(cover.map((m) => m.label))].join('\n');
    out += `<mark class="sev-${esc(worst.severity)}" title="${esc(title)}">${seg}</mark>`;
  }
  return out;
}
