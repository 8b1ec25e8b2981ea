/** Rule metadata + config overrides → the RuleRuntime a rule module runs with. */
import { compileLexicon, type Lexicon } from '../text/lexicon.js';
import { applyOverride } from './lexicons.js';
import type { RuleMeta } from '../rules/meta.js';
import type { RuleRuntime } from '../rules/api.js';
import type { RuleOverride } from '../config/config.js';
import { InputError } from '../errors.js';

export function buildRuntime(meta: RuleMeta, ov: RuleOverride | undefined, configFile?: string): RuleRuntime {
  const options = { ...meta.options, ...(ov?.options ?? {}) };
  for (const name of Object.keys(ov?.lexicons ?? {})) {
    if (!(name in meta.lexicons)) {
      throw new InputError(`rules.${meta.id}.lexicons.${name}: the rule has no lexicon "${name}" (it has: ${Object.keys(meta.lexicons).join(', ') || 'none'})`, configFile);
    }
  }
  // Every lexicon of the rule compiles now (interned: the same terms under
  // another audit cost nothing), so the anchor automaton is built once per run.
  const compiled = new Map<string, Lexicon>();
  for (const [name, raw] of Object.entries(meta.lexicons)) compiled.set(name, compileLexicon(applyOverride(raw, ov?.lexicons?.[name])));
  return {
    id: meta.id,
    meta,
    severity: ov?.severity ?? meta.severity,
    penalty: ov?.penalty ?? meta.penalty,
    configFile,
    lexicon(name) {
      const lex = compiled.get(name);
      if (!lex) throw new Error(`internal: rule ${meta.id} has no lexicon "${name}" in ${meta.file}`);
      return lex;
    },
    option<T>(name: string, fallback: T): T {
      return (name in options ? (options[name] as T) : fallback);
    },
  };
}
