/**
 * The sender's industry (rules/shared/industry.yaml), which picks the variant
 * of a finding's advice: a bank is told about rates and statements, a pet
 * shop about litter and kibble, everyone else gets the neutral default.
 *
 * The config's `industry:` wins; otherwise the campaign's name, group name
 * and messages are matched against one lexicon per industry, and the one
 * with the most distinct terms (at least `min_terms`) wins, a tie going to
 * the industry listed first. Per campaign, not per message: a bank's
 * statement and its card offer are the same sender.
 */
import type { MessageAnalysis } from './analysis.js';
import type { SharedLexicons } from './lexicons.js';
import { sharedSection } from './lexicons.js';
import type { Campaign } from '../types.js';
import { viewOf } from '../text/view.js';

/** Config value meaning "never detect: always the neutral advice". */
export const NEUTRAL_INDUSTRY = 'default';

interface IndustrySection {
  order?: string[];
  min_terms?: number;
}

/** The industries the shared data knows, in tie-break order. */
export function knownIndustries(): string[] {
  const s = sharedSection<IndustrySection>('industries');
  return Array.isArray(s?.order) ? s.order.map(String) : [];
}

/** The industry a campaign's own text tells, if any. */
export function detectIndustry(campaign: Campaign, messages: readonly MessageAnalysis[], lex: SharedLexicons): string | undefined {
  const s = sharedSection<IndustrySection>('industries') ?? {};
  const min = typeof s.min_terms === 'number' && s.min_terms > 0 ? s.min_terms : 1;
  const extra = [campaign.name, campaign.group?.name].filter((t): t is string => !!t?.trim()).map(viewOf);
  let best: string | undefined;
  let bestCount = 0;
  for (const id of knownIndustries()) {
    const name = `industry_${id}`;
    if (!lex.has(name)) continue;
    const terms = new Set<string>();
    for (const ma of messages) for (const m of ma.matches(name)) terms.add(m.term);
    for (const v of extra) for (const m of lex.get(name).match(v)) terms.add(m.term);
    // strictly more: the first listed keeps a tie
    if (terms.size >= min && terms.size > bestCount) {
      best = id;
      bestCount = terms.size;
    }
  }
  return best;
}

/** The industry whose advice a campaign's findings give: the config's, else the detected one; undefined = neutral. */
export function industryOf(configured: string | undefined, campaign: Campaign, messages: readonly MessageAnalysis[], lex: SharedLexicons): string | undefined {
  if (configured === NEUTRAL_INDUSTRY) return undefined;
  return configured ?? detectIndustry(campaign, messages, lex);
}

/**
 * Which advice a finding gives: the rule variant's industry form
 * (`deadline.bank`), the variant's own, else the default's industry form
 * (`bank`, also written `default.bank`), else the default.
 */
export function adviceKey(advice: Record<string, unknown>, variant: string | undefined, industry: string | undefined): string {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(advice, k);
  if (variant && variant !== 'default' && has(variant)) {
    if (industry && has(`${variant}.${industry}`)) return `${variant}.${industry}`;
    return variant;
  }
  if (industry) {
    if (has(`default.${industry}`)) return `default.${industry}`;
    if (has(industry)) return industry;
  }
  return 'default';
}
