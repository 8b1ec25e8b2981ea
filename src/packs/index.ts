/**
 * Rule packs in a run: the config's `packs:` plus `--rules-dir`, loaded and
 * turned into rules the engine runs like built-ins, their `extends:` merged
 * into the config's rule overrides (the config's own settings win), and their
 * rules' `trust:` weights merged under the config's `trust:` section.
 */
import type { Config, LexiconOverride, RuleOverride } from '../config/config.js';
import { builtinRules, type LoadedRule } from '../rules/index.js';
import { buildRuntime } from '../engine/runtime.js';
import { loadPacks, RESERVED_RULE_IDS, type LoadedPacks } from './load.js';
import type { FinePrint } from './rules.js';

export { loadPacks, packFiles, RESERVED_RULE_IDS } from './load.js';

/** buried-disclaimer's runtime with the config's overrides of it, built on first use. */
function finePrintOf(configOf: () => Config): () => FinePrint {
  let fp: FinePrint | undefined;
  return () => {
    if (!fp) {
      const bd = builtinRules().find((r) => r.meta.id === 'buried-disclaimer');
      if (!bd) throw new Error('internal: scope.position needs the built-in buried-disclaimer rule');
      const config = configOf();
      fp = buildRuntime(bd.meta, config.rules['buried-disclaimer'], config.file);
    }
    return fp;
  };
}

function mergeLexicon(a: LexiconOverride | undefined, b: LexiconOverride | undefined): LexiconOverride | undefined {
  if (!a || !b) return a ?? b;
  return {
    ...((a.add || b.add) && { add: [...(a.add ?? []), ...(b.add ?? [])] }),
    ...((a.remove || b.remove) && { remove: [...(a.remove ?? []), ...(b.remove ?? [])] }),
    ...((b.terms ?? a.terms) && { terms: b.terms ?? a.terms }),
  };
}

/** `over` on top of `under`: scalars replace, options merge by key, lexicon add/remove lists add up. */
export function mergeOverride(under: RuleOverride | undefined, over: RuleOverride | undefined): RuleOverride | undefined {
  if (!under || !over) return under ?? over;
  const out: RuleOverride = { ...under, ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)) };
  if (under.options || over.options) out.options = { ...under.options, ...over.options };
  if (under.lexicons || over.lexicons) {
    out.lexicons = {};
    for (const name of new Set([...Object.keys(under.lexicons ?? {}), ...Object.keys(over.lexicons ?? {})])) {
      out.lexicons[name] = mergeLexicon(under.lexicons?.[name], over.lexicons?.[name])!;
    }
  }
  return out;
}

export interface PackedRun {
  config: Config;
  /** The pack rules only. */
  packRules: LoadedRule[];
}

/**
 * Load `paths` against a run whose other rules are `base`; return the config
 * with the packs' extensions and trust weights merged in.
 */
export function applyPacks(config: Config, paths: string[], base: LoadedRule[], cwd = process.cwd()): PackedRun {
  // Rules run after this returns, so the fine-print runtime sees the merged config (a pack may extend buried-disclaimer).
  let merged = config;
  const packs: LoadedPacks = loadPacks(paths, { taken: base.map((r) => r.meta.id), finePrint: finePrintOf(() => merged), cwd });
  const all = [...base, ...packs.rules];
  const rules: Record<string, RuleOverride> = {};
  for (const ext of packs.extensions) {
    const target = all.find((r) => r.meta.id === ext.id);
    // A contract rule this command does not run (a log-only rule during `check`) may still be extended: the pack serves both.
    if (!target && !RESERVED_RULE_IDS.includes(ext.id)) throw ext.src.error(`extends: unknown rule "${ext.id}" (\`scrm-audit rules\` lists the rule ids)`, ext.path);
    for (const name of Object.keys(ext.override.lexicons ?? {})) {
      if (target && !(name in target.meta.lexicons)) {
        const has = Object.keys(target.meta.lexicons);
        throw ext.src.error(`extends.${ext.id}.lexicons.${name}: the rule has no lexicon "${name}" (it has: ${has.join(', ') || 'none'})`, [...ext.path, 'lexicons', name]);
      }
    }
    rules[ext.id] = mergeOverride(rules[ext.id], ext.override)!;
  }
  // The config file is the user's last word: its own overrides go on top of the packs'.
  for (const [id, ov] of Object.entries(config.rules)) rules[id] = mergeOverride(rules[id], ov)!;
  let raw = config.raw;
  if (Object.keys(packs.trust).length) {
    const t = raw.trust;
    const own = t && typeof t === 'object' && !Array.isArray(t) ? (t as Record<string, unknown>) : undefined;
    // A malformed config `trust:` is left as written, for the trust model to report against the config file.
    if (own || t === undefined) {
      const ownRules = own?.rules && typeof own.rules === 'object' ? (own.rules as Record<string, unknown>) : {};
      raw = { ...raw, trust: { ...own, rules: { ...packs.trust, ...ownRules } } };
    }
  }
  merged = { ...config, rules, raw };
  return { config: merged, packRules: packs.rules };
}

/**
 * What `check` (and any command built on it) runs: the given rules, or the
 * built-ins, plus the packs of the config and of `packs` (--rules-dir).
 */
export function withPacks<T extends { config: Config; rules?: LoadedRule[]; packs?: string[]; cwd?: string }>(opts: T): T {
  const paths = [...opts.config.packs, ...(opts.packs ?? [])];
  if (!paths.length) return opts;
  const base = opts.rules ?? builtinRules();
  const { config, packRules } = applyPacks(opts.config, paths, base, opts.cwd);
  // Packs applied once: the result carries no packs left to load, so passing it through again is harmless.
  return { ...opts, config: { ...config, packs: [] }, rules: [...base, ...packRules], packs: [] };
}
