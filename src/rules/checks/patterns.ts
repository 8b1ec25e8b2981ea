/**
 * Regular-expression options, compiled once per rule runtime (config
 * overrides may differ per run). The rule's own built-in YAML is ours and runs
 * on JavaScript's engine; a pattern from a config or a pack runs on RE2.
 */
import { builtinPattern, userPattern, type Pattern } from '../../text/user-regex.js';
import { BUILTIN_RULES_DIR } from '../../paths.js';
import { optionError } from '../options.js';
import type { RuleRuntime } from '../api.js';

const cache = new WeakMap<RuleRuntime, Map<string, Pattern>>();

export function optionPattern(rule: RuleRuntime, name: string): Pattern {
  let byName = cache.get(rule);
  if (!byName) cache.set(rule, (byName = new Map()));
  let re = byName.get(name);
  if (!re) {
    const src = rule.option<unknown>(name, undefined);
    if (typeof src !== 'string') throw optionError(rule, name, 'expected a regular expression');
    const trusted = src === rule.meta.options[name] && rule.meta.file.startsWith(BUILTIN_RULES_DIR);
    try {
      re = trusted ? builtinPattern(src) : userPattern(src);
    } catch (e) {
      throw optionError(rule, name, `invalid regular expression (${(e as Error).message})`);
    }
    byName.set(name, re);
  }
  return re;
}
