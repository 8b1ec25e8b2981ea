/**
 * buried-disclaimer (data: rules/builtin/buried-disclaimer.yaml).
 * Finds the fine-print regions of a message — brackets, text behind a footnote
 * marker, small markup, the tail after the last call to action — and reports
 * material conditions found inside them, one finding per region. A "final
 * interpretation rights" clause is reported wherever it stands.
 */
import type { RuleModule } from './api.js';
import type { TextView } from '../text/view.js';

type Where = 'parens' | 'footnote' | 'markup' | 'tail';
interface Region {
  start: number;
  end: number;
  where: Where;
}

const FOOTNOTE = /(^|\n|\s)(\*+|※|注\s*[:：]|备注\s*[:：]?|p\.?s\.?\s*[:：]?|温馨提示\s*[:：]?|说明\s*[:：])[^\n]*/gu;
const MARKUP = /<(small|sub|sup)\b[^>]*>[\s\S]*?<\/\1\s*>/gu;

function bracketRegions(norm: string, pairs: string[]): Region[] {
  const out: Region[] = [];
  for (const pair of pairs) {
    const [open, close] = [...pair] as [string, string];
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

export function finePrintRegions(view: TextView, pairs: string[], ctaEnd: number | undefined): Region[] {
  const norm = view.norm;
  const regions = bracketRegions(norm, pairs);
  for (const m of norm.matchAll(FOOTNOTE)) regions.push({ start: m.index! + m[1]!.length, end: m.index! + m[0].length, where: 'footnote' });
  for (const m of norm.matchAll(MARKUP)) regions.push({ start: m.index!, end: m.index! + m[0].length, where: 'markup' });
  if (ctaEnd !== undefined && ctaEnd < norm.length) regions.push({ start: ctaEnd, end: norm.length, where: 'tail' });
  return regions;
}

const PRIORITY: Record<Where, number> = { markup: 0, footnote: 1, parens: 2, tail: 3 };

const rule: RuleModule = {
  id: 'buried-disclaimer',
  checkMessage({ rule, a, report }) {
    const view = a.view;
    for (const m of rule.lexicon('interpretation').match(view)) {
      report({ range: [m.start, m.end], variant: 'interpretation' });
    }
    const conditions = rule.lexicon('conditions').match(view);
    if (!conditions.length) return;
    const ctas = rule.lexicon('cta').match(view);
    const lastCta = ctas[ctas.length - 1];
    const regions = finePrintRegions(view, rule.option<string[]>('brackets', ['()']), lastCta?.end);
    // Each condition is reported once, in its most specific region; one finding per region.
    const byRegion = new Map<Region, typeof conditions>();
    for (const c of conditions) {
      const inside = regions
        .filter((r) => r.start <= c.start && c.end <= r.end)
        .sort((x, y) => PRIORITY[x.where] - PRIORITY[y.where] || (x.end - x.start) - (y.end - y.start))[0];
      if (!inside) continue;
      const list = byRegion.get(inside) ?? [];
      list.push(c);
      byRegion.set(inside, list);
    }
    for (const [region, list] of [...byRegion].sort((x, y) => x[0].start - y[0].start)) {
      const first = list[0]!;
      report({
        range: [first.start, first.end],
        variant: region.where,
        data: { conditions: list.map((c) => view.excerpt(c.start, c.end)).join(', '), region: view.excerpt(region.start, region.end).trim() },
      });
    }
  },
};
export default rule;
