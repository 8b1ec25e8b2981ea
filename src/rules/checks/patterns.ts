/**
 * Regular-expression options, compiled once per rule runtime (config
 * overrides may differ per run). A pattern written in a built-in rule's YAML
 * is ours, reviewed, and runs on JavaScript's engine (several use
 * lookbehind) — also when a pack copies it verbatim; any other pattern, from
 * a config or a pack, runs on RE2 in linear time.
 */
import { builtinPattern, userPattern, type Pattern } from '../../text/user-regex.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR } from '../../paths.js';
import { readYamlData } from '../meta.js';
import { optionValueError } from '../options.js';
import type { RuleRuntime } from '../api.js';

/** Every text of the built-in rules' options (pattern texts among them), read once. */
let reviewedTexts: Set<string> | undefined;
function reviewed(): Set<string> {
  if (!reviewedTexts) {
    reviewedTexts = new Set();
    for (const f of readdirSync(BUILTIN_RULES_DIR).filter((n) => n.endsWith('.yaml'))) {
      const options = (readYamlData(join(BUILTIN_RULES_DIR, f)) as { options?: Record<string, unknown> } | null)?.options ?? {};
      for (const v of Object.values(options)) for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') reviewedTexts.add(x);
    }
  }
  return reviewedTexts;
}

const cache = new WeakMap<RuleRuntime, Map<string, Pattern[]>>();

function compile(rule: RuleRuntime, name: string, src: unknown, at: string): Pattern {
  if (typeof src !== 'string') throw optionValueError(rule, name, at, 'expected a regular expression');
  try {
    return reviewed().has(src) ? builtinPattern(src) : userPattern(src);
  } catch (e) {
    throw optionValueError(rule, name, at, `invalid regular expression (${(e as Error).message})`);
  }
}

/** Option `name`: one pattern or a list of them. */
export function optionPatterns(rule: RuleRuntime, name: string): Pattern[] {
  let byName = cache.get(rule);
  if (!byName) cache.set(rule, (byName = new Map()));
  let out = byName.get(name);
  if (!out) {
    const v = rule.option<unknown>(name, []);
    out = Array.isArray(v) ? v.map((src, i) => compile(rule, name, src, `[${i}]`)) : [compile(rule, name, v, '')];
    byName.set(name, out);
  }
  return out;
}

export function optionPattern(rule: RuleRuntime, name: string): Pattern {
  return optionPatterns(rule, name)[0]!;
}
