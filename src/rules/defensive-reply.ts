/**
 * defensive-reply (data: rules/builtin/defensive-reply.yaml): a reply to a
 * complaint that explains, cites rules or blames before it acknowledges the
 * customer or offers a fix. Judged by order in the reply:
 *
 *   first defensive cue before any acknowledgement or remedy  → fires
 *   acknowledgement, then a defensive cue, and no remedy at all → fires as
 *     `hedged` (lower severity: "sorry, but that's the policy")
 *   acknowledgement or remedy first, with a remedy somewhere  → passes
 *
 * A remedy counts as putting the customer first as much as an apology does:
 * "已为您补发，其实是快递爆仓" fixes the problem before explaining it.
 * Blaming the customer (`blame`: 您是不是…, "you must have") counts in a reply
 * to anything; explaining and citing rules (`defensive`) only in a reply to a
 * complaint, so "其实…" answering a plain question passes.
 */
import type { RuleModule } from './api.js';
import type { Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import { viewOf } from '../text/view.js';
import { optionError } from './options.js';

const rule: RuleModule = {
  id: 'defensive-reply',
  checkMessage({ rule, a, report }) {
    if (!a.isReply) return;
    // Blame fires in a reply to anything; explaining and citing rules only in
    // a reply to a complaint ("其实…" answering a plain question is fine).
    const isComplaint = rule.lexicon('complaint').test(viewOf(a.message.replyTo!));
    const defensive = [...rule.lexicon('blame').match(a.view), ...(isComplaint ? rule.lexicon('defensive').match(a.view) : [])].sort(
      (x, y) => x.start - y.start || y.end - x.end,
    );
    if (!defensive.length) return;
    const ack = rule.lexicon('acknowledge').match(a.view);
    const remedy = rule.lexicon('remedy').match(a.view);
    const firstDefensive = defensive[0]!;
    const customerFirst = Math.min(ack[0]?.start ?? Infinity, remedy[0]?.start ?? Infinity);

    if (firstDefensive.start < customerFirst) {
      report({ range: [firstDefensive.start, firstDefensive.end] });
      return;
    }
    if (remedy.length) return;
    // An apology came first, then a rule or blame, and nothing is offered.
    const setting = rule.option<unknown>('hedged', { severity: 'info', factor: 0.5 });
    if (!setting || typeof setting !== 'object') throw optionError(rule, 'hedged', 'expected { severity: error | warning | info | off, factor: <number> }');
    const { severity = 'info', factor = 0.5 } = setting as { severity?: string; factor?: number };
    if (severity === 'off') return;
    if (!SEVERITIES.includes(severity as Severity)) throw optionError(rule, 'hedged', 'severity: expected error | warning | info | off');
    if (typeof factor !== 'number' || factor < 0) throw optionError(rule, 'hedged', 'factor: expected a number ≥ 0');
    const after = defensive.find((d) => d.start > customerFirst) ?? firstDefensive;
    report({ range: [after.start, after.end], variant: 'hedged', severity: severity as Severity, factor });
  },
};
export default rule;
