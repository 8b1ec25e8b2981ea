/**
 * Condition `reply_to_complaint`: the customer's message reads as a
 * complaint — a problem word (lexicon `complaint`: 还没到, 少了一份, "arrived
 * two weeks late") not asked about as a possibility, or a problem stated as a
 * fact that no complaint word names ("收到的杯子有个裂口").
 *
 * The same problem word asked about is a question: a `hypothetical` cue (会不会,
 * 万一, "what if") before it in its clause, or a `possibility` cue (会, 容易)
 * before it in a clause that ends as a yes/no question ("这款面膜会起红疹吗？").
 * Algorithmic (clause ends, question particles), so TypeScript; the words
 * are the rule's lexicons, named in its YAML.
 */
import { viewOf, type TextView } from '../../text/view.js';
import { sameUnit, unitAround } from '../../text/sentences.js';
import type { RuleRuntime } from '../api.js';
import type { ComplaintSpec } from './types.js';

// A Chinese yes/no question ends its clause with a particle: "会起红疹吗？".
const YES_NO_END = /[吗嘛么][\s~～]*$/u;

// A message that asks anything (a question mark anywhere, or a closing question particle) is not a
// plain statement of a problem: "Do you ship to Canada? I couldn't find it" asks.
const ASKS = /[?？]|[吗嘛么呢][\s~～。.!！]*$/u;

/** A statement, not a question, with no praise, and a marker of something missing, broken or not done. */
function statesProblem(rule: RuleRuntime, spec: ComplaintSpec, view: TextView): boolean {
  if (ASKS.test(view.norm.trim())) return false;
  if (rule.lexicon(spec.praise).test(view)) return false;
  return rule.lexicon(spec.problem_hint).test(view);
}

export function isComplaint(rule: RuleRuntime, spec: ComplaintSpec, text: string): boolean {
  const view = viewOf(text);
  const problems = rule.lexicon(spec.complaint).match(view);
  if (!problems.length) return statesProblem(rule, spec, view);
  const hypothetical = rule.lexicon(spec.hypothetical).match(view);
  const possibility = rule.lexicon(spec.possibility).match(view);
  // a clause ends at a comma as well as a full stop: "如果没到，我要退款" is a condition, then a demand
  const before = (h: { end: number }, p: { start: number }) => h.end <= p.start && sameUnit(view, h.end, p.start, 'clause');
  return problems.some(
    (p) =>
      !hypothetical.some((h) => before(h, p)) &&
      !(possibility.some((h) => before(h, p)) && YES_NO_END.test(view.norm.slice(p.end, unitAround(view, p.end, 'clause')[1]))),
  );
}
