/**
 * The log-only rules as the registry sees them. `duplicate-blast` and
 * `unsolicited-invite` need a log (repeated sends, join events), so their
 * modules have no draft checks; their YAML (rules/builtin/) gives `rules`,
 * `explain`, suppressions and config overrides the same footing as every
 * other rule, and src/logs runs their logic.
 */
import type { RuleModule, RuleRuntime } from '../rules/api.js';
import { optionError } from '../rules/frequency-cap.js';

export const duplicateBlast: RuleModule = { id: 'duplicate-blast' };
export const unsolicitedInvite: RuleModule = { id: 'unsolicited-invite' };

export interface DuplicateOptions {
  windowDays: number;
  similarity: number;
  minLength: number;
  nameIntros: string[];
  nameOutros: string[];
}

export function readDuplicateOptions(rule: RuleRuntime): DuplicateOptions {
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const v = rule.option<unknown>(name, fallback);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw optionError(rule, name, `expected a number from ${min} to ${max}, got ${JSON.stringify(v)}`);
    return v;
  };
  const list = (name: string): string[] => {
    const v = rule.option<unknown>(name, []);
    if (!Array.isArray(v)) throw optionError(rule, name, 'expected a list of words');
    return v.map(String);
  };
  return {
    windowDays: num('window_days', 7, 0, 366),
    similarity: num('similarity', 0.8, 0.1, 1),
    minLength: num('min_length', 12, 0, 10_000),
    nameIntros: list('name_intros'),
    nameOutros: list('name_outros'),
  };
}
