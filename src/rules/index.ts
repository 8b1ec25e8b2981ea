/**
 * The built-in rules: one YAML file per rule under rules/builtin/ (metadata,
 * texts, lexicons, options and, for declared rules, the `check:` section run
 * by src/rules/checks); a TypeScript module only where the logic is
 * algorithmic (windows, quiet hours, the topic model, the learned model).
 */
import { join } from 'node:path';
import { BUILTIN_RULES_DIR } from '../paths.js';
import { loadRuleMetaFile, type RuleMeta } from './meta.js';
import type { RuleModule } from './api.js';
import { declaredRule } from './checks/declared.js';
import missingRelevance from './missing-relevance.js';
import frequencyCap from './frequency-cap.js';
import quietHours from './quiet-hours.js';
import learnedNoise from './learned-noise.js';
import sellingPressure from './selling-pressure.js';
import { duplicateBlast, unsolicitedInvite } from '../logs/rules.js';

/** A rule whose logic is its YAML's `check:` (src/rules/checks): no TypeScript module of its own. */
const declared = (id: string): RuleModule => ({ id });

export const BUILTIN_RULES: readonly RuleModule[] = [declared('mass-mention'), declared('off-topic-selling'), declared('buried-disclaimer'), missingRelevance, frequencyCap, quietHours, declared('missing-opt-out'), declared('defensive-reply'), declared('absolute-claim'), declared('false-urgency'), declared('template-tone'), declared('self-serving-ask'), duplicateBlast, unsolicitedInvite, learnedNoise, sellingPressure];

export interface LoadedRule {
  module: RuleModule;
  meta: RuleMeta;
}

let builtin: LoadedRule[] | undefined;
export function builtinRules(): LoadedRule[] {
  builtin ??= BUILTIN_RULES.map(loadBuiltinRule);
  return builtin;
}

/** One built-in rule: its YAML, and its `check:` compiled over the check types, or its TypeScript module. */
export function loadBuiltinRule(m: RuleModule): LoadedRule {
  const meta = loadRuleMetaFile(join(BUILTIN_RULES_DIR, `${m.id}.yaml`));
  return { module: meta.check ? declaredRule(meta, meta.check) : m, meta };
}
