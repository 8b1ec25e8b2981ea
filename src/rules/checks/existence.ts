/**
 * Check type `find` (existence and co-occurrence): the hits of a lexicon (or
 * of a shared fact's cues), kept or dropped by companions in the same clause,
 * sentence or message, or kept only beside another finder's hits.
 */
import type { LexMatch } from '../../text/lexicon.js';
import type { TextView } from '../../text/view.js';
import { endsAt, sameUnit, unitAround } from '../../text/sentences.js';
import { holds } from './conditions.js';
import { optionPatterns } from './patterns.js';
import { toneHits } from './tone-metrics.js';
import { adjectiveEnd, dropped } from './word-filters.js';
import type { CheckContext, Companion, FinderSpec, Hit } from './types.js';

type Span = { start: number; end: number };

/** Whether companion `p` stands where `c` asks, relative to hit `h`. */
function placed(view: TextView, c: Companion, h: Span, p: Span): boolean {
  if (c.position === 'overlapping') return p.start < h.end && h.start < p.end;
  if (c.position === 'containing') return p.start <= h.start && h.end <= p.end;
  const [s, e] = c.scope === 'message' ? [0, view.norm.length] : around(view, h, c.scope, c.ends_also);
  if (p.start < s || p.end > e) return false;
  if (c.position === 'before') return p.end <= h.start;
  if (c.position === 'after') return p.start >= h.end;
  return true;
}

const endsCache = new Map<string, RegExp>();

/** [start, end) of the unit around `h`, ends excluded; `also` adds characters that end it. */
function around(view: TextView, h: Span, unit: 'clause' | 'sentence', also?: string): [number, number] {
  if (!also) return unitAround(view, h.start, unit, h.end);
  let extra = endsCache.get(also);
  if (!extra) endsCache.set(also, (extra = new RegExp(`[${[...also].map((ch) => ch.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, 'u')));
  let s = h.start;
  while (s > 0 && !endsAt(view, s - 1, unit, extra)) s--;
  let e = h.end;
  while (e < view.norm.length && !endsAt(view, e, unit, extra)) e++;
  return [s, e];
}

/** Two spans in one unit: nothing between them ends it (touching or overlapping spans always are). */
export function sameUnitPair(view: TextView, x: Span, y: Span, unit: 'clause' | 'sentence'): boolean {
  const [lo, hi] = x.end <= y.start ? [x.end, y.start] : [y.end, x.start];
  return lo >= hi || sameUnit(view, lo, hi, unit);
}

const ENDS_IN_NUMBER = /[0-9零一二两三四五六七八九十百千万几]$/u;
const HAN = /\p{Script=Han}/u;

/** 仅剩# matches 仅剩5; the measure word after it (仅剩5份) is what the reader sees. */
function withMeasureWord(norm: string, m: Span): number {
  return ENDS_IN_NUMBER.test(norm.slice(m.start, m.end)) && HAN.test(norm[m.end] ?? '') && norm[m.end] !== '的' ? m.end + 1 : m.end;
}

function source(f: FinderSpec, ctx: CheckContext): Span[] {
  if (f.fact === 'selling_cues') return ctx.a.sellingCues;
  if (f.patterns) {
    const norm = ctx.a.view.norm;
    return optionPatterns(ctx.rule, f.patterns.option).flatMap((p) => p.ranges(norm).filter(([s, e]) => e > s).map(([start, end]) => ({ start, end })));
  }
  return ctx.rule.lexicon(f.lexicon!).match(ctx.a.view);
}

/** Each finder's hits, in the finders' order (later finders may sit `beside` earlier ones). */
export function findAll(finders: FinderSpec[], ctx: CheckContext): Hit[][] {
  const view = ctx.a.view;
  const named = new Map<string, Hit[]>();
  return finders.map((f) => {
    const kind = f.kind ?? f.lexicon ?? f.fact ?? f.metric ?? f.patterns!.option;
    if (f.metric) {
      if (!holds(f.when, ctx, kind)) return [];
      return toneHits(f.metric, ctx.rule, view, f.emoticons ?? '').map((h) => ({ ...h, kind, original: true }));
    }
    const found = source(f, ctx);
    if (!found.length || !holds(f.when, ctx, kind)) return [];
    const listed = f.extend && f.extend !== 'measure_word' ? ctx.rule.lexicon(f.extend.adjective.listed).match(view) : [];
    const companions = (f.unless ?? []).filter((c) => holds(c.when, ctx, kind)).map((c) => ({ c, hits: ctx.rule.lexicon(c.lexicon).match(view) }));
    const partners = f.beside ? f.beside.finders.flatMap((n) => named.get(n) ?? []) : undefined;
    const hits: Hit[] = [];
    for (const m of found) {
      if (companions.some(({ c, hits: ps }) => ps.some((p) => placed(view, c, m, p)))) continue;
      let k = kind;
      let variant = f.variant ?? kind;
      if (partners) {
        const partner = partners.find((p) => sameUnitPair(view, p, m, f.beside!.scope));
        if (!partner) continue;
        k = partner.kind;
        variant = partner.variant;
      }
      const end = !f.extend ? m.end : f.extend === 'measure_word' ? withMeasureWord(view.norm, m) : adjectiveEnd(f.extend, ctx, m as LexMatch, listed);
      const hit = { start: m.start, end, kind: k, variant };
      if (f.drop?.some((d) => dropped(d, ctx, hit))) continue;
      hits.push(hit);
    }
    if (f.name) named.set(f.name, hits);
    // a silent finder only anchors others' `beside` (the first person beside a scorecard word): no finding of its own
    return f.silent ? [] : hits;
  });
}
