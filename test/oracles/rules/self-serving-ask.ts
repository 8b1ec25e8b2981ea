// ORACLE ONLY — src/rules/self-serving-ask.ts as it stood before the rule moved to check types in rules/builtin/self-serving-ask.yaml; kept for test/rules/declared-oracle.test.ts.
/**
 * self-serving-ask (data: rules/builtin/self-serving-ask.yaml).
 * Asks made for the sender's benefit, in four kinds: quota, favour, ranking,
 * share. The lexicons hold only sender-side forms (帮我…, 我的业绩, "my
 * target"), which is what keeps an offer to help the customer (我可以帮您…,
 * "let me help you") and the customer's own tasks out: the direction of the
 * help is in the words, so the logic is matching, ordering and weighting.
 * Two kinds of cue need a request beside them (`ask`: 帮忙, 拜托, please,
 * "would you mind"): the sender's contest (`contest`: 分店在比排名, "store
 * contest") and a gap to its goal told without a number (`goal`: 离目标还差一点).
 */
import type { RuleModule } from '../../../src/rules/api.js';
import { numberOption } from '../../../src/rules/options.js';
import { sameUnit } from '../../../src/text/sentences.js';

const KINDS = ['quota', 'favour', 'ranking', 'share'] as const;


const rule: RuleModule = {
  id: 'self-serving-ask',
  checkMessage({ rule, a, report }) {
    const hits: Array<{ start: number; end: number; kind: string }> = [];
    for (const kind of KINDS) {
      for (const m of rule.lexicon(kind).match(a.view)) hits.push({ start: m.start, end: m.end, kind });
    }
    // The sender's contest or a vague gap to its goal is an ask only when the
    // message also asks the customer for something ("我们分店在比排名，麻烦大家
    // 帮忙下单"); reported alone ("Our team won the regional contest — thanks!",
    // "我们离目标还差一点，感谢大家的支持") it asks nothing.
    const requests = rule.lexicon('ask').match(a.view);
    if (requests.length) {
      const conditional = [
        ...rule.lexicon('contest').match(a.view).map((m) => ({ start: m.start, end: m.end, kind: 'ranking' })),
        ...rule.lexicon('goal').match(a.view).map((m) => ({ start: m.start, end: m.end, kind: 'quota' })),
      ];
      hits.push(...conditional);
      // the request joins the finding when it is in the same sentence
      const sameSentence = (x: { start: number; end: number }, y: { start: number; end: number }) => {
        const [lo, hi] = x.end <= y.start ? [x.end, y.start] : [y.end, x.start];
        return lo >= hi || sameUnit(a.view, lo, hi, 'sentence');
      };
      for (const m of requests) {
        const c = conditional.find((h) => sameSentence(h, m));
        if (c) hits.push({ start: m.start, end: m.end, kind: c.kind });
      }
    }
    // "还差3单，帮我冲一下业绩" is one ask made of two cues: cues in the same
    // sentence merge into one finding (the first cue names its kind).
    hits.sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
    const asks: typeof hits = [];
    for (const h of hits) {
      const last = asks[asks.length - 1];
      if (last && (h.start < last.end || sameUnit(a.view, last.end, h.start, 'sentence'))) last.end = Math.max(last.end, h.end);
      else asks.push({ ...h });
    }
    const repeat = numberOption(rule, 'repeat_factor', 0.5);
    asks.forEach((h, i) => report({ range: [h.start, h.end], variant: h.kind, factor: i === 0 ? 1 : repeat }));
  },
};
export default rule;
