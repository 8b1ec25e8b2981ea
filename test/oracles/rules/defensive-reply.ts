// ORACLE ONLY — src/rules/defensive-reply.ts as it stood before the rule moved to check types in rules/builtin/defensive-reply.yaml; kept for test/rules/declared-oracle.test.ts.
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
 *
 * A complaint is a problem that happened (`complaint`: 还没到, 少了一份, 清零了,
 * "arrived two weeks late", "nobody answered"). The same problem word asked
 * about as a possibility is a question, not a complaint: a `complaint` match
 * with a `hypothetical` cue (会不会, 万一, 如果, "what if", "in case") before it in
 * the same clause does not count — "这个杯子会不会漏水？" asks, "杯子漏水了" complains.
 * So does one after a `possibility` cue (会, 容易) in a clause that ends as a
 * yes/no question: "这款面膜会起红疹吗？" asks, "用了就会痒" complains.
 * A reply that apologises after its explanation (`apology`: 抱歉, sorry — not the
 * polite 不好意思) treats the message as a complaint whatever reply_to says.
 */
import type { RuleModule, RuleRuntime } from '../../../src/rules/api.js';
import type { Severity } from '../../../src/types.js';
import { SEVERITIES } from '../../../src/types.js';
import { viewOf } from '../../../src/text/view.js';
import { optionError } from '../../../src/rules/options.js';
import { sameUnit, unitAround } from '../../../src/text/sentences.js';

// A Chinese yes/no question ends its clause with a particle: "会起红疹吗？".
const YES_NO_END = /[吗嘛么][\s~～]*$/u;

// A message that asks anything (a question mark anywhere, or a closing question particle) is not a
// plain statement of a problem: "Do you ship to Canada? I couldn't find it" asks.
const ASKS = /[?？]|[吗嘛么呢][\s~～。.!！]*$/u;

/**
 * A problem stated as a fact that no complaint word names ("收到的杯子有个裂口",
 * "My subscription renewed without any warning"): a statement, not a
 * question, with no praise, and a marker of something missing, broken or not
 * done (`problem_hint`: 没, 裂, 歪, "without", "didn't").
 */
function statesProblem(rule: RuleRuntime, view: ReturnType<typeof viewOf>): boolean {
  if (ASKS.test(view.norm.trim())) return false;
  if (rule.lexicon('praise').test(view)) return false;
  return rule.lexicon('problem_hint').test(view);
}

/** The customer's message reads as a complaint: a problem word not asked about as a possibility, or a problem stated as a fact. */
function isComplaint(rule: RuleRuntime, text: string): boolean {
  const view = viewOf(text);
  const problems = rule.lexicon('complaint').match(view);
  if (!problems.length) return statesProblem(rule, view);
  const hypothetical = rule.lexicon('hypothetical').match(view);
  const possibility = rule.lexicon('possibility').match(view);
  // a clause ends at a comma as well as a full stop: "如果没到，我要退款" is a condition, then a demand
  const before = (h: { end: number }, p: { start: number }) => h.end <= p.start && sameUnit(view, h.end, p.start, 'clause');
  return problems.some(
    (p) =>
      !hypothetical.some((h) => before(h, p)) &&
      // "会起红疹吗？" asks; "会" in a clause that is not a yes/no question ("一用就会痒") does not
      !(possibility.some((h) => before(h, p)) && YES_NO_END.test(view.norm.slice(p.end, unitAround(view, p.end, 'clause')[1]))),
  );
}

const rule: RuleModule = {
  id: 'defensive-reply',
  checkMessage({ rule, a, report }) {
    if (!a.isReply) return;
    // Blame fires in a reply to anything; explaining and citing rules only in
    // a reply to a complaint ("其实…" answering a plain question is fine).
    // Explaining and citing rules count in a reply to a complaint — or in a
    // reply that apologises after explaining: the apology says the sender
    // read the message as a complaint ("按规定以付款时间为准，不过很抱歉…").
    const explaining = rule.lexicon('defensive').match(a.view);
    const complaint =
      explaining.length > 0 &&
      (isComplaint(rule, a.message.replyTo!) || rule.lexicon('apology').match(a.view).some((ap) => ap.start > explaining[0]!.start));
    const defensive = [...rule.lexicon('blame').match(a.view), ...(complaint ? explaining : [])].sort(
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
