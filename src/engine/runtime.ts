/** Rule metadata + config overrides → the RuleRuntime a rule module runs with. */
import { Lexicon } from '../text/lexicon.js';
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
  const compiled = new Map<string, Lexicon>();
  return {
    id: meta.id,
    meta,
    severity: ov?.severity ?? meta.severity,
    penalty: ov?.penalty ?? meta.penalty,
    configFile,
    lexicon(name) {
      let lex = compiled.get(name);
      if (!lex) {
        const raw = meta.lexicons[name];
        if (!raw) throw new Error(`internal: rule ${meta.id} has no lexicon "${name}" in ${meta.file}`);
        lex = new Lexicon(applyOverride(raw, ov?.lexicons?.[name]));
        compiled.set(name, lex);
      }
      return lex;
    },
    option<T>(name: string, fallback: T): T {
      return (name in options ? (options[name] as T) : fallback);
    },
  };
}
