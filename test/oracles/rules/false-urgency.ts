// ORACLE ONLY — src/rules/false-urgency.ts as it stood before the rule moved to check types in rules/builtin/false-urgency.yaml; kept for test/rules/declared-oracle.test.ts.
/**
 * false-urgency (data: rules/builtin/false-urgency.yaml).
 * Three kinds of cue: scarcity (仅剩N份), deadline (最后N天) and pressure
 * rhetoric (错过再等一年). In a service message — the customer's own order,
 * booking, points or expiry reminder — a remaining balance or an end date is
 * information the customer needs, so the kinds listed in `service_exempt`
 * are skipped there; pressure rhetoric fires everywhere. A deadline cue in a
 * sentence that names the date or time ("最后一天是周五") is skipped too: the
 * reader is told when, which is what the rule asks for.
 *
 * A fourth kind, hurry words (抓紧, 赶紧, 准时截止, "be quick"), is reported
 * as pressure but only when the message also names an end (lexicon `ends`
 * or `dates`) and sells or promotes: "抓紧时间，今晚12点截止" pushes against
 * a deadline, while "请抓紧扶手" or "今天天气好，赶紧出去玩" is no sales push. Like the
 * countdowns it is skipped in a service message (`service_exempt`).
 */
import type { RuleModule } from '../../../src/rules/api.js';
import { numberOption } from '../../../src/rules/options.js';
import { unitAround } from '../../../src/text/sentences.js';

type Kind = 'scarcity' | 'deadline' | 'pressure' | 'hurry';
const KINDS: readonly Kind[] = ['scarcity', 'deadline', 'pressure', 'hurry'];

const ENDS_IN_NUMBER = /[0-9零一二两三四五六七八九十百千万几]$/u;
const HAN = /\p{Script=Han}/u;

const rule: RuleModule = {
  id: 'false-urgency',
  checkMessage({ rule, a, report }) {
    const view = a.view;
    const norm = view.norm;
    const exempt = a.isService ? rule.option<string[]>('service_exempt', []) : [];
    const dated = rule.option<string[]>('dated_kinds', []);
    const dates = dated.length ? rule.lexicon('dates').match(view) : [];
    const hits: Array<{ start: number; end: number; kind: Kind }> = [];
    for (const kind of KINDS) {
      if (exempt.includes(kind)) continue;
      const found = rule.lexicon(kind).match(view);
      // hurry words push only against a deadline the message names
      // (and only in a message that sells or promotes: "今天天气好，赶紧带狗狗出去玩" is chat)
      if (kind === 'hurry' && found.length && (!(a.isSelling || a.isPromotional) || (!rule.lexicon('ends').test(view) && !rule.lexicon('dates').test(view)))) continue;
      for (const m of found) {
        if (dated.includes(kind)) {
          // "最后一天是周五": the sentence says when, so the countdown is information.
          const [s, e] = unitAround(view, m.start, 'sentence', m.end);
          if (dates.some((d) => d.start >= s && d.end <= e)) continue;
        }
        let end = m.end;
        // 仅剩# matches 仅剩5; quote the measure word too (仅剩5份), it is what the reader sees.
        if (ENDS_IN_NUMBER.test(norm.slice(m.start, end)) && HAN.test(norm[end] ?? '') && norm[end] !== '的') end++;
        hits.push({ start: m.start, end, kind });
      }
    }
    // Different kinds may overlap (最后3天 / 最后3份): keep the first and longest.
    hits.sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
    const repeat = numberOption(rule, 'repeat_factor', 0.5);
    let lastEnd = -1;
    let n = 0;
    for (const h of hits) {
      if (h.start < lastEnd) continue;
      lastEnd = h.end;
      report({ range: [h.start, h.end], variant: h.kind === 'hurry' ? 'pressure' : h.kind, factor: n++ === 0 ? 1 : repeat });
    }
  },
};
export default rule;
