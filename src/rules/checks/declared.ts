/**
 * A rule declared in YAML: its `check:` section, run by the check types
 * (conditions, find, overlap, report). The same module serves a built-in
 * rule and a pack rule, drafts and log rows.
 */
import type { RuleModule } from '../api.js';
import type { RuleMeta } from '../meta.js';
import { holds } from './conditions.js';
import { findAll } from './existence.js';
import { resolveOverlaps } from './overlap.js';
import { reportHits } from './report.js';
import { reportByPrecedence } from './precedence.js';
import { reportByRegion } from './fine-print.js';
import type { CheckBlock, CheckContext, Hit } from './types.js';

/** Run `block`; whether it applied (its `when` held), which ends a list of cases. */
function runBlock(block: CheckBlock, ctx: CheckContext): boolean {
  if (!holds(block.when, ctx)) return false;
  if (block.blocks) {
    for (const b of block.blocks) runBlock(b, ctx);
    return true;
  }
  if (block.cases) {
    for (const c of block.cases) if (runBlock(c, ctx)) break;
    return true;
  }
  const found = findAll(block.find ?? [], ctx);
  const hits: Hit[] = block.pick === 'first' ? (found.find((h) => h.length) ?? []) : found.flat();
  if (block.precedence) reportByPrecedence(block, ctx, hits);
  else if (block.report === 'fine_print') reportByRegion(block, ctx, hits);
  else reportHits(block, ctx, resolveOverlaps(hits, block.overlap, ctx.a.view));
  return true;
}

export function declaredRule(meta: RuleMeta, check: CheckBlock): RuleModule {
  return { id: meta.id, checkMessage: (ctx) => void runBlock(check, ctx) };
}
