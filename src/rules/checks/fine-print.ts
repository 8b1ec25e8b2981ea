/**
 * Check type `fine_print`: the fine-print regions of a message — brackets,
 * text behind a footnote marker, small or grey markup, the tail after the
 * last call to action — and a report that puts each hit in its most
 * specific region, one finding per region. Algorithmic (bracket nesting,
 * markup, line ends), so TypeScript; the brackets, thresholds and calls to
 * action are the rule's options and lexicon `cta`. Packs scope their rules
 * to these regions with `scope.position`.
 *
 * Not fine print: a 【heading】, **bold** emphasis, a call to action that
 * introduces the content ("点击链接查看：…"). Works on the normalised text;
 * line breaks come from the view, because normalisation folds them into spaces.
 */
import type { RuleRuntime } from '../api.js';
import type { TextView } from '../../text/view.js';
import type { LexMatch } from '../../text/lexicon.js';
import type { CheckBlock, CheckContext, Hit } from './types.js';
import { reportHits } from './report.js';

export type Where = 'parens' | 'footnote' | 'markup' | 'tail';
export interface Region {
  start: number;
  end: number;
  where: Where;
}

function lineEnd(norm: string, breaks: Set<number>, from: number): number {
  for (let i = from; i < norm.length; i++) if (breaks.has(i)) return i;
  return norm.length;
}

function bracketRegions(norm: string, pairs: string[]): Region[] {
  const out: Region[] = [];
  for (const pair of pairs) {
    const [open, close] = [...pair] as [string, string];
    if (!open || !close) continue;
    const stack: number[] = [];
    for (let i = 0; i < norm.length; i++) {
      if (norm[i] === open) stack.push(i);
      else if (norm[i] === close && stack.length) {
        const s = stack.pop()!;
        if (!stack.length) out.push({ start: s, end: i + 1, where: 'parens' });
      }
    }
  }
  return out;
}

/**
 * Footnote markers (the rule's lexicon `markers`: *, ※, 注:, 备注, PS,
 * 温馨提示, 细则, T&Cs…) count at the start of a line, after a sentence end
 * or after a space — not inside a word (说明 in 使用说明书 is no marker). The
 * note runs to the end of its line. A run of stars is one marker; a star run
 * closed again on the same line is emphasis (**新品**), not a footnote.
 */
const MARKER_BEFORE = /[\s。!?;；.,]/u;
/** Letters and digits before `pos`: a note needs a main text to be the fine print of. */
function lead(norm: string, pos: number): number {
  return norm.slice(0, pos).replace(/[\s\p{P}\p{S}]/gu, '').length;
}

function footnoteRegions(norm: string, breaks: Set<number>, markers: LexMatch[], minLead: number): Region[] {
  const out: Region[] = [];
  for (const m of markers) {
    const start = m.start;
    if (start > 0 && !MARKER_BEFORE.test(norm[start - 1]!)) continue;
    if (lead(norm, start) < minLead) continue;
    const end = lineEnd(norm, breaks, start);
    if (norm[start] === '*') {
      let after = start;
      while (norm[after] === '*') after++;
      if (/^[^*]+\*/.test(norm.slice(after, end))) continue; // *emphasis*
    }
    out.push({ start, end, where: 'footnote' });
  }
  return out;
}

/** <small>, <sub>, <sup>, <font size="1">, style="font-size:10px" or grey text; unclosed runs to the end. */
const MARKUP_OPEN = /<(small|sub|sup|font|span|p|div)\b([^>]*)>/gu;
function isSmallTag(tag: string, attrs: string, maxPx: number): boolean {
  if (tag === 'small' || tag === 'sub' || tag === 'sup') return true;
  const size = /size\s*=\s*["']?\s*(-\d|[12])\b/.exec(attrs);
  if (tag === 'font' && size) return true;
  const px = /font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt)/.exec(attrs);
  if (px && Number(px[1]) <= maxPx) return true;
  if (/font-size\s*:\s*(x{1,2}-)?small|color\s*[:=]\s*["']?\s*(#[9a-f]{3}\b|#[9a-f]{6}\b|grey|gray|lightgr[ae]y|silver|darkgr[ae]y)/.test(attrs)) return true;
  return false;
}
function markupRegions(norm: string, maxPx: number): Region[] {
  const out: Region[] = [];
  for (const m of norm.matchAll(MARKUP_OPEN)) {
    const tag = m[1]!;
    if (!isSmallTag(tag, m[2]!, maxPx)) continue;
    const close = norm.indexOf(`</${tag}`, m.index! + m[0].length);
    out.push({ start: m.index!, end: close < 0 ? norm.length : close + tag.length + 3, where: 'markup' });
  }
  return out;
}

/** A web address right at the start of `s` (after spaces): "hf.example/q", "https://x.cn/a?b=1". */
const LEADING_LINK = /^\s*(?:https?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[^\s,，。;；!！?？、]*)?/;

/**
 * The tail: what follows the last call to action. Not when the call
 * introduces the content ("点击链接查看：本周会员专享…", "Tap below: …" — its
 * clause ends in a colon) or nothing of substance comes before it. A colon
 * that introduces only a link ("立即预约：lash.example/tw 限首次来店…") leaves
 * the call where it was: the tail is what follows the link.
 */
function tailRegion(view: TextView, ctas: LexMatch[], minLead: number): Region | undefined {
  const last = ctas[ctas.length - 1];
  const norm = view.norm;
  if (!last || last.end >= norm.length) return undefined;
  if (lead(norm, last.start) < minLead) return undefined;
  const clauseEnd = /[,.。!?;；:]/.exec(norm.slice(last.end));
  if (clauseEnd?.[0] === ':') {
    const colon = last.end + clauseEnd.index + 1;
    const link = LEADING_LINK.exec(norm.slice(colon));
    if (!link || colon + link[0].length >= norm.length) return undefined;
    return { start: colon + link[0].length, end: norm.length, where: 'tail' };
  }
  return { start: last.end, end: norm.length, where: 'tail' };
}

export function finePrintRegions(view: TextView, rule: Pick<RuleRuntime, 'option' | 'lexicon'>): Region[] {
  const norm = view.norm;
  const breaks = view.lineBreaks;
  const regions = [
    ...bracketRegions(norm, rule.option<string[]>('brackets', ['()'])),
    ...footnoteRegions(norm, breaks, rule.lexicon('markers').match(view), rule.option<number>('footnote_min_lead', 4)),
    ...markupRegions(norm, rule.option<number>('small_font_px', 12)),
  ];
  const tail = tailRegion(view, rule.lexicon('cta').match(view), rule.option<number>('tail_min_lead', 8));
  if (tail) regions.push(tail);
  return regions;
}

const PRIORITY: Record<Where, number> = { markup: 0, footnote: 1, parens: 2, tail: 3 };
const NOTE_MAX = 40;

/** The fine print as a reader sees it: markup removed, one line, shortened. */
function noteOf(region: string): string {
  const text = region.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').replace(/^[\s,，、;；.。:：!！?？]+/, '').trim();
  return [...text].length > NOTE_MAX ? [...text].slice(0, NOTE_MAX).join('') + '…' : text;
}

/** Report `hits` by region: each in its most specific region, one finding per region at its first hit. */
export function reportByRegion(block: CheckBlock, ctx: CheckContext, hits: Hit[]): void {
  if (!hits.length) return;
  const view = ctx.a.view;
  const regions = finePrintRegions(view, ctx.rule);
  const byRegion = new Map<Region, Hit[]>();
  for (const h of hits) {
    const inside = regions
      .filter((r) => r.start <= h.start && h.end <= r.end)
      .sort((x, y) => PRIORITY[x.where] - PRIORITY[y.where] || x.end - x.start - (y.end - y.start))[0];
    if (!inside) continue;
    const list = byRegion.get(inside) ?? [];
    list.push(h);
    byRegion.set(inside, list);
  }
  for (const [region, list] of [...byRegion].sort((x, y) => x[0].start - y[0].start)) {
    const text = view.excerpt(region.start, region.end);
    reportHits({ ...block, report: 'first', variant: region.where }, ctx, list, { region: text.trim(), note: noteOf(text) });
  }
}
