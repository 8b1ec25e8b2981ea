/**
 * learned-noise (data: rules/builtin/learned-noise.yaml; CONTRACTS §8): what
 * a model trained with `scrm-audit learn` on the user's own labelled sends
 * scores as noise. Without a model (--model, or `model:` in the config) it
 * never fires: the built-in rules are the default judgement, and a model
 * only adds what the user's own history teaches.
 *
 * Points follow the probability: nothing below `threshold` (default 0.5),
 * then penalty × (p − threshold) / (1 − threshold), so p = 0.75 costs half
 * the penalty and p = 1 all of it. The factor is clamped to [0, 1] and
 * finite whatever the model file says, so a finding never raises a score.
 * The finding points at the n-gram that pushed hardest towards noise and
 * names the few that weighed most.
 */
import { isAbsolute, dirname, resolve } from 'node:path';
import type { RuleModule } from './api.js';
import { loadModel, predictNorm } from '../learn/model.js';
import { optionError } from './options.js';

/** How a feature is shown: shapes of numbers and addresses in words, n-grams as written. */
function shown(feature: string, lang: 'zh' | 'en'): string {
  const names: Record<string, [string, string]> = {
    '<url>': ['网址', 'a web address'],
    '<num>': ['数字', 'a number'],
    '<num:5-6>': ['5–6 位数字', 'a 5–6 digit number'],
    '<num:7+>': ['长号码', 'a long number'],
  };
  const n = names[feature];
  return n ? (lang === 'zh' ? n[0] : n[1]) : lang === 'zh' ? `「${feature}」` : `"${feature}"`;
}

const rule: RuleModule = {
  id: 'learned-noise',
  checkMessage({ rule, a, report }) {
    const path = rule.option<unknown>('model', '');
    if (typeof path !== 'string') throw optionError(rule, 'model', 'expected the path of a model file written by `scrm-audit learn`');
    if (!path.trim()) return;
    const threshold = rule.option<unknown>('threshold', 0.5);
    if (typeof threshold !== 'number' || !(threshold >= 0 && threshold < 1)) throw optionError(rule, 'threshold', `expected a probability from 0 up to (not including) 1, got ${JSON.stringify(threshold)}`);
    const top = rule.option<unknown>('top', 3);
    if (typeof top !== 'number' || !Number.isInteger(top) || top < 1) throw optionError(rule, 'top', `expected a whole number ≥ 1, got ${JSON.stringify(top)}`);
    // --model and `model:` arrive absolute; one written under rules.learned-noise is the config's neighbour.
    const file = isAbsolute(path) || !rule.configFile ? resolve(path) : resolve(dirname(rule.configFile), path);
    const model = loadModel(file, path);
    const pred = predictNorm(model, a.view.norm);
    if (!(pred.p >= threshold)) return;
    const heavy = pred.top.filter((t) => t.contribution > 0).slice(0, top);
    const factor = Math.min(1, Math.max(0, (pred.p - threshold) / (1 - threshold)));
    const first = heavy[0];
    const pct = Math.round(pred.p * 100);
    report({
      ...(first ? { range: [first.start, first.end] as [number, number] } : {}),
      excerpt: heavy.map((h) => h.feature).join(' · ') || a.view.excerpt(0, Math.min(a.view.norm.length, 30)),
      factor: Number.isFinite(factor) ? factor : 0,
      data: {
        probability: pct,
        features: heavy.map((h) => shown(h.feature, 'en')).join(', ') || 'the message as a whole',
        featuresZh: heavy.map((h) => shown(h.feature, 'zh')).join('、') || '整条消息',
      },
      extra: { probability: Math.round(pred.p * 1000) / 1000, ngrams: heavy.map((h) => h.feature) },
    });
  },
};
export default rule;
