/**
 * Data-only rules from user packs: the RuleModule for each `type:`.
 *
 *   lexicon  terms in the lexicon syntax of src/text/lexicon.ts; one finding per match
 *   pattern  RE2 regular expressions (re2js: linear time, no backtracking, so a
 *            pattern such as (a+)+$ cannot hang the audit); one finding per match
 *   metric   a measured quantity over `max` (options.max, so a config can
 *            tune it like any rule option); one finding per message, at the item
 *            that went over
 *
 * Scopes: channels (the engine's `meta.channels`), group types, and a position
 * in the message — the fine-print regions buried-disclaimer finds (brackets,
 * footnote markers and small markup, the tail after the last call to action).
 */
import type { RE2JS } from 're2js';
import type { RuleModule, MessageContext, RuleRuntime } from '../rules/api.js';
import type { RuleMeta } from '../rules/meta.js';
import type { GroupType } from '../types.js';
import type { TextView } from '../text/view.js';
import { finePrintRegions } from '../rules/checks/fine-print.js';
import { METRICS, type MetricName } from './metrics.js';

export const RULE_TYPES = ['lexicon', 'pattern', 'metric'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const POSITIONS = ['any', 'tail', 'parentheses', 'footnote', 'fine_print'] as const;
export type Position = (typeof POSITIONS)[number];

/** buried-disclaimer's runtime (its brackets, calls to action and thresholds, config applied): what it calls fine print. */
export type FinePrint = Pick<RuleRuntime, 'option' | 'lexicon'>;

export interface PackRuleSpec {
  meta: RuleMeta;
  type: RuleType;
  groupTypes?: GroupType[];
  /** Empty: anywhere in the message. */
  positions: Position[];
  patterns?: Array<{ source: string; re: RE2JS }>;
  /** What a pattern is matched against. */
  text: 'normalized' | 'original';
  metric?: MetricName;
}

/** Region kinds each position accepts (finePrintRegions' `where`). */
const REGION_KINDS: Record<Exclude<Position, 'any'>, string[]> = {
  tail: ['tail'],
  parentheses: ['parens'],
  footnote: ['footnote', 'markup'],
  fine_print: ['tail', 'parens', 'footnote', 'markup'],
};

type Span = [number, number];

/** Normalised-offset regions a position scope allows, or undefined for anywhere. */
function allowedRegions(spec: PackRuleSpec, view: TextView, finePrint: () => FinePrint): Span[] | undefined {
  if (!spec.positions.length || spec.positions.includes('any')) return undefined;
  const kinds = new Set(spec.positions.flatMap((p) => REGION_KINDS[p as Exclude<Position, 'any'>]));
  return finePrintRegions(view, finePrint())
    .filter((r) => kinds.has(r.where))
    .map((r) => [r.start, r.end]);
}

const inside = (regions: Span[] | undefined, s: number, e: number) => !regions || regions.some(([rs, re]) => rs <= s && e <= re);

function inScope(spec: PackRuleSpec, ctx: MessageContext): boolean {
  return !spec.groupTypes || (ctx.campaign.groupType !== undefined && spec.groupTypes.includes(ctx.campaign.groupType));
}

function lexiconCheck(spec: PackRuleSpec, finePrint: () => FinePrint) {
  return (ctx: MessageContext) => {
    if (!inScope(spec, ctx)) return;
    const view = ctx.a.view;
    const hits = ctx.rule.lexicon('terms').match(view);
    if (!hits.length) return;
    const regions = allowedRegions(spec, view, finePrint);
    for (const h of hits) if (inside(regions, h.start, h.end)) ctx.report({ range: [h.start, h.end], data: { term: h.term } });
  };
}

function patternCheck(spec: PackRuleSpec, finePrint: () => FinePrint) {
  return (ctx: MessageContext) => {
    if (!inScope(spec, ctx)) return;
    const view = ctx.a.view;
    const original = spec.text === 'original';
    const subject = original ? view.original : view.norm;
    const hits: Array<{ s: number; e: number; pattern: string }> = [];
    for (const p of spec.patterns ?? []) {
      const m = p.re.matcher(subject);
      while (m.find()) {
        const s = m.start();
        const e = m.end();
        if (e > s) hits.push({ s, e, pattern: p.source });
      }
    }
    if (!hits.length) return;
    // Several patterns may find the same text: report each stretch once, earliest and longest first.
    hits.sort((x, y) => x.s - y.s || y.e - x.e);
    let regions = allowedRegions(spec, view, finePrint);
    if (regions && original) regions = regions.map(([s, e]) => view.toOriginal(s, e));
    let last = -1;
    for (const h of hits) {
      if (h.s < last || !inside(regions, h.s, h.e)) continue;
      last = h.e;
      const data = { pattern: h.pattern };
      ctx.report(original ? { originalRange: [h.s, h.e], data } : { range: [h.s, h.e], data });
    }
  };
}

function metricCheck(spec: PackRuleSpec) {
  const measure = METRICS[spec.metric!];
  return (ctx: MessageContext) => {
    if (!inScope(spec, ctx)) return;
    const max = ctx.rule.option<number>('max', Number.POSITIVE_INFINITY);
    const text = ctx.message.text;
    const items = measure(text);
    if (items.length <= max) return;
    // Point at the first item over the threshold: that is where the reader's patience ran out.
    const [s, e] = items[Math.max(0, Math.floor(max))]!;
    const shown = spec.metric === 'length' || spec.metric === 'lines' ? text.slice(s, Math.min(text.length, s + 20)).split('\n')[0]! : text.slice(s, e);
    const excerpt = spec.metric === 'length' && s + 20 < text.length ? `${shown}…` : shown;
    ctx.report({ originalRange: [s, e], excerpt, data: { count: items.length, max, metric: spec.metric! } });
  };
}

export function packRuleModule(spec: PackRuleSpec, finePrint: () => FinePrint): RuleModule {
  const checkMessage = spec.type === 'lexicon' ? lexiconCheck(spec, finePrint) : spec.type === 'pattern' ? patternCheck(spec, finePrint) : metricCheck(spec);
  return { id: spec.meta.id, checkMessage };
}
