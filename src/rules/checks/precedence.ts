/**
 * Check type `precedence`: judged by order. The first cue fires when it
 * comes before any term of the `before` lexicons (defensive-reply: an
 * explanation before any apology or remedy). When one of those came first,
 * `otherwise` describes a later cue — the first after it — as its own
 * variant, unless a term of its `unless` lexicon is in the message at all.
 */
import { reportHits } from './report.js';
import type { CheckBlock, CheckContext, Hit } from './types.js';

const byPosition = (x: Hit, y: Hit) => x.start - y.start || y.end - x.end;

export function reportByPrecedence(block: CheckBlock, ctx: CheckContext, found: Hit[]): void {
  const p = block.precedence!;
  const hits = [...found].sort(byPosition);
  const first = hits[0];
  if (!first) return;
  const single: CheckBlock = { ...block, precedence: undefined, report: 'first' };
  const earliest = Math.min(...p.before.map((name) => ctx.rule.lexicon(name).match(ctx.a.view)[0]?.start ?? Infinity));
  if (first.start < earliest) return reportHits(single, ctx, [first]);
  const o = p.otherwise;
  if (!o || (o.unless && ctx.rule.lexicon(o.unless).test(ctx.a.view))) return;
  const after = hits.find((h) => h.start > earliest) ?? first;
  reportHits({ ...single, variant: o.variant, settings: o.settings, settings_default: o.settings_default }, ctx, [after]);
}
