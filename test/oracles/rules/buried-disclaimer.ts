// ORACLE ONLY — src/rules/buried-disclaimer.ts as it stood before the rule moved to check types in rules/builtin/buried-disclaimer.yaml; kept for test/rules/declared-oracle.test.ts.
/**
 * buried-disclaimer (data: rules/builtin/buried-disclaimer.yaml).
 * Finds the fine-print regions of a message — brackets, text behind a footnote
 * marker, small or grey markup, the tail after a call to action — and reports
 * material conditions found inside them, one finding per region. A "final
 * interpretation rights" clause is reported wherever it stands.
 *
 * Not fine print: a condition in the main text (before the call to action,
 * outside brackets); a 【heading】; **bold** emphasis; a sentence that
 * apologises or defers to a doctor or vet (a non-commercial hedge).
 *
 * Works on the normalised text (full-width brackets and colons already folded
 * to ASCII); line breaks are recovered from the original, because
 * normalisation folds them into spaces.
 */
import type { RuleModule, RuleRuntime } from '../../../src/rules/api.js';
import type { TextView } from '../../../src/text/view.js';
import type { LexMatch } from '../../../src/text/lexicon.js';
import { units } from '../../../src/text/sentences.js';

type Where = 'parens' | 'footnote' | 'markup' | 'tail';
export interface Region {
  start: number;
  end: number;
  where: Where;
}

function lineEnd(norm: string, breaks: Set<number>, from: number): number {
  for (let i = from; i < norm.length; i++) if (breaks.has(i)) return i;
  return norm.length;
}

/** Hedge clauses also end at a comma, an enumeration comma and brackets. */
const HEDGE_CLAUSE_END = /[,、()[\]〔〕]/u;

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
 * Footnote markers: *, ※, †, 注:, 备注, PS, 温馨提示, 细则, T&Cs… at the start
 * of a line, after a sentence end or after a space. The note runs to the end
 * of its line. A star that is closed again on the same line is emphasis
 * (**新品**), not a footnote.
 */
const MARKER = /(?<=^|[\s。!?;；.,])(\*+|※|†|注\s*\d*\s*:|注\d|备注\s*:?|p\.?\s?s\.?(?![a-z0-9])\s*:?|温馨提示\s*:?|特别说明\s*:?|说明\s*:|(?:活动|使用)?细则\s*:?|n\.?b\.?\s*:|note\s*:|disclaimer\s*:?|fine print\s*:?|t\s?&\s?cs?\b\s*:?|terms\s*(?:&|and)\s*conditions\s*:?)/gu;

/** Letters and digits before `pos`: a note needs a main text to be the fine print of. */
function lead(norm: string, pos: number): number {
  return norm.slice(0, pos).replace(/[\s\p{P}\p{S}]/gu, '').length;
}

function footnoteRegions(norm: string, breaks: Set<number>, minLead: number): Region[] {
  const out: Region[] = [];
  for (const m of norm.matchAll(MARKER)) {
    const start = m.index!;
    if (lead(norm, start) < minLead) continue;
    const end = lineEnd(norm, breaks, start);
    if (m[1]!.startsWith('*')) {
      const rest = norm.slice(start + m[1]!.length, end);
      if (/^[^*]+\*/.test(rest)) continue; // *emphasis*
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

/**
 * The tail: what follows the last call to action. Not when the call
 * introduces the content ("点击链接查看：本周会员专享…", "Tap below: …" — its
 * clause ends in a colon) or nothing of substance comes before it.
 */
function tailRegion(view: TextView, ctas: LexMatch[], minLead: number): Region | undefined {
  const last = ctas[ctas.length - 1];
  const norm = view.norm;
  if (!last || last.end >= norm.length) return undefined;
  if (lead(norm, last.start) < minLead) return undefined;
  const clauseEnd = /[,.。!?;；:]/.exec(norm.slice(last.end));
  if (clauseEnd?.[0] === ':') return undefined;
  return { start: last.end, end: norm.length, where: 'tail' };
}

export function finePrintRegions(view: TextView, rule: Pick<RuleRuntime, 'option' | 'lexicon'>): Region[] {
  const norm = view.norm;
  const breaks = view.lineBreaks;
  const regions = [
    ...bracketRegions(norm, rule.option<string[]>('brackets', ['()'])),
    ...footnoteRegions(norm, breaks, rule.option<number>('footnote_min_lead', 4)),
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

const rule: RuleModule = {
  id: 'buried-disclaimer',
  checkMessage({ rule, a, report }) {
    const view = a.view;
    const clauses = rule.lexicon('interpretation').match(view);
    for (const m of clauses) report({ range: [m.start, m.end], variant: 'interpretation' });

    // Conditions inside a final-interpretation clause are that clause's business;
    // conditions in an apology or a doctor's/vet's hedge are not commercial terms.
    // (an apology exempts its sentence; a hedge only its own clause: "仅限新客，以医生建议为准")
    const within = (spans: Array<[number, number]>, hits: LexMatch[]) => spans.filter(([s, e]) => hits.some((m) => m.start >= s && m.end <= e));
    const apologies = rule.lexicon('apology').match(view);
    const hedges = rule.lexicon('hedge').match(view);
    const exempt = [
      ...(apologies.length ? within(units(view, 'sentence'), apologies) : []),
      ...(hedges.length ? within(units(view, 'sentence', HEDGE_CLAUSE_END), hedges) : []),
    ];
    const conditions = rule
      .lexicon('conditions')
      .match(view)
      .filter((c) => !clauses.some((m) => c.start < m.end && m.start < c.end))
      .filter((c) => !exempt.some(([s, e]) => c.start >= s && c.end <= e));
    if (!conditions.length) return;

    const regions = finePrintRegions(view, rule);
    // Each condition is reported once, in its most specific region; one finding per region.
    const byRegion = new Map<Region, LexMatch[]>();
    for (const c of conditions) {
      const inside = regions
        .filter((r) => r.start <= c.start && c.end <= r.end)
        .sort((x, y) => PRIORITY[x.where] - PRIORITY[y.where] || x.end - x.start - (y.end - y.start))[0];
      if (!inside) continue;
      const list = byRegion.get(inside) ?? [];
      list.push(c);
      byRegion.set(inside, list);
    }
    for (const [region, list] of [...byRegion].sort((x, y) => x[0].start - y[0].start)) {
      const first = list[0]!;
      const conditions = [...new Set(list.map((c) => view.excerpt(c.start, c.end)))];
      report({
        range: [first.start, first.end],
        variant: region.where,
        data: { conditions: conditions.join(', '), conditionsZh: conditions.join('、'), region: view.excerpt(region.start, region.end).trim(), note: noteOf(view.excerpt(region.start, region.end)) },
      });
    }
  },
};
export default rule;
