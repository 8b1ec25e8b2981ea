/**
 * `scrm-audit learn --outcomes <logs…> -o suggestions.yaml` (CONTRACTS §8,
 * issue 16): what customers did after each send, read from a log's outcomes
 * (CONTRACTS §7), turned into penalties. For every rule whose findings ran
 * on enough sends, and on enough sends without them, the share of the
 * audience lost (opt-outs, leaves, deletes) with the finding against without
 * it is the rule's lift; its suggested penalty is the current one scaled by
 * that lift, within 0.5× and 3×. The result is a config snippet the user may
 * adopt (`rules: { <id>: { penalty: N } }`, valid against the config schema),
 * each line commented with the rates and counts it rests on, so the sample
 * size can be judged. Nothing is changed unless the user copies it.
 */
import type { Report } from '../report/report.js';
import type { OutcomeSummary, RuleSide } from '../logs/outcomes.js';

export interface PenaltySuggestion {
  ruleId: string;
  current: number;
  suggested: number;
  lift: number;
  withFinding: RuleSide;
  without: RuleSide;
}

/** Lift is bounded: one noisy month must not silence a rule or make it dominate the score. */
const MIN_SCALE = 0.5;
const MAX_SCALE = 3;
/** Rates of a few sends say little: a rule needs this many sends on each side. */
export const DEFAULT_MIN_SENDS = 20;

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** `penaltyOf`: the rule's penalty in force (its YAML, with the config's override). */
export function suggestPenalties(report: Report, penaltyOf: (ruleId: string) => number | undefined, minSends = DEFAULT_MIN_SENDS): { suggestions: PenaltySuggestion[]; skipped: string[]; window: string } {
  const summary = (report.summary as { outcomes?: OutcomeSummary }).outcomes;
  const suggestions: PenaltySuggestion[] = [];
  const skipped: string[] = [];
  for (const [ruleId, { withFinding, without }] of Object.entries(summary?.byRule ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const current = penaltyOf(ruleId);
    if (current === undefined || !Number.isFinite(current)) continue;
    if (withFinding.sends < minSends || without.sends < minSends) {
      skipped.push(`${ruleId} (n=${withFinding.sends} with, ${without.sends} without; needs ${minSends} each)`);
      continue;
    }
    // a small floor keeps a rule with no loss on either side at 1×
    const eps = 1 / (withFinding.sends + without.sends);
    const lift = (withFinding.rates.lost + eps) / (without.rates.lost + eps);
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, lift));
    suggestions.push({ ruleId, current, suggested: Math.round(current * scale), lift: Math.round(lift * 100) / 100, withFinding, without });
  }
  return { suggestions, skipped, window: summary?.window ?? '' };
}

/** The config snippet, deterministic for the same report. */
export function suggestionsYaml(r: ReturnType<typeof suggestPenalties>, sources: string[]): string {
  const out = [
    `# Penalties suggested by \`scrm-audit learn --outcomes\` from ${sources.join(', ')}`,
    `# (customers lost within ${r.window} of a send, with each rule's finding against without it).`,
    '# Review before adopting: copy the rules you agree with into your .scrm-audit.yaml.',
  ];
  if (!r.suggestions.length) {
    out.push('# No rule had enough sends on both sides to suggest anything.', 'rules: {}');
  } else {
    out.push('rules:');
    for (const s of r.suggestions) {
      out.push(`  ${s.ruleId}:`);
      out.push(
        `    penalty: ${s.suggested}  # was ${s.current}; sends with it lost ${pct(s.withFinding.rates.lost)} (n=${s.withFinding.sends}), without ${pct(s.without.rates.lost)} (n=${s.without.sends}): ${s.lift}×`,
      );
    }
  }
  if (r.skipped.length) out.push('# Not enough sends to judge:', ...r.skipped.map((x) => `#   ${x}`));
  return out.join('\n') + '\n';
}
