/**
 * The built-in rules: one YAML file per rule under rules/builtin/ (metadata,
 * texts, lexicons, options and, for declared rules, the `check:` section run
 * by src/rules/checks); a TypeScript module only where the logic is
 * algorithmic (windows, quiet hours, the topic model, the learned model).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR } from '../paths.js';
import { loadRuleMetaFile, type RuleMeta } from './meta.js';
import { InputError } from '../errors.js';
import type { RuleModule } from './api.js';
import { declaredRule } from './checks/declared.js';
import missingRelevance from './missing-relevance.js';
import frequencyCap from './frequency-cap.js';
import quietHours from './quiet-hours.js';
import learnedNoise from './learned-noise.js';
import sellingPressure from './selling-pressure.js';
import { duplicateBlast, unsolicitedInvite } from '../logs/rules.js';

/** A rule whose logic is its YAML's `check:` (src/rules/checks): no TypeScript module of its own. */
const DECLARED = new WeakSet<RuleModule>();
const declared = (id: string): RuleModule => {
  const m = { id };
  DECLARED.add(m);
  return m;
};

/** The order reports and `scrm-audit rules` list the rules in (kept as it was before the rules became data). */
const LISTED: readonly RuleModule[] = [declared('mass-mention'), declared('off-topic-selling'), declared('buried-disclaimer'), missingRelevance, frequencyCap, quietHours, declared('missing-opt-out'), declared('defensive-reply'), declared('absolute-claim'), declared('false-urgency'), declared('template-tone'), declared('self-serving-ask'), duplicateBlast, unsolicitedInvite, learnedNoise, sellingPressure];

/**
 * Every rule file in rules/builtin/ is a rule: one not listed above is a
 * declared rule (its `check:` section), after the listed ones in file-name
 * order. Adding a text rule is its YAML file and its tests, nothing here.
 */
export const BUILTIN_RULES: readonly RuleModule[] = [
  ...LISTED,
  ...readdirSync(BUILTIN_RULES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .filter((id) => !LISTED.some((m) => m.id === id))
    .sort()
    .map(declared),
];

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
  const file = join(BUILTIN_RULES_DIR, `${m.id}.yaml`);
  const meta = loadRuleMetaFile(file);
  if (!meta.check && DECLARED.has(m)) throw new InputError('a built-in rule file needs a `check:` section (docs/adding-a-rule.md) or a module in src/rules/index.ts', file);
  return { module: meta.check ? declaredRule(meta, meta.check) : m, meta };
}
