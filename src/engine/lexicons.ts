/**
 * Lexicon data: the shared vocabularies in rules/shared/*.yaml (selling
 * intent, service, notices, group names, topics) and the per-rule lexicons,
 * with a config's add/remove/terms overrides applied.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileLexicon, type Lexicon, type LexiconInput, type LexiconSpec } from '../text/lexicon.js';
import { readYamlData } from '../rules/meta.js';
import { SHARED_LEXICON_DIR } from '../paths.js';
import { InputError } from '../errors.js';
import { topicModel } from './relevance.js';
import type { LexiconOverride } from '../config/config.js';
import { normalizeTerm } from '../text/normalize.js';

export function applyOverride(input: LexiconInput, ov: LexiconOverride | undefined): LexiconInput {
  if (!ov) return input;
  const spec: LexiconSpec = Array.isArray(input) ? { terms: input } : { ...input };
  let terms = ov.terms ? [...ov.terms] : [...(spec.terms ?? [])];
  if (ov.remove?.length) {
    const drop = new Set(ov.remove.map(normalizeTerm));
    terms = terms.filter((t) => !drop.has(normalizeTerm(typeof t === 'string' ? t : t.term)));
  }
  if (ov.add?.length) terms.push(...ov.add);
  return { ...spec, terms };
}

/** Raw shared lexicon data, keyed by lexicon name, read once per process. */
let sharedRaw: Record<string, LexiconInput> | undefined;
let sharedData: Record<string, unknown> | undefined;
function loadSharedRaw(): void {
  if (sharedRaw) return;
  sharedRaw = {};
  sharedData = {};
  for (const f of readdirSync(SHARED_LEXICON_DIR).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = join(SHARED_LEXICON_DIR, f);
    const data = readYamlData(file) as Record<string, unknown> | null;
    const lex = data?.lexicons as Record<string, LexiconInput> | undefined;
    if (!lex || typeof lex !== 'object') throw new InputError('expected `lexicons:` mapping', file);
    Object.assign(sharedRaw, lex);
    for (const [k, v] of Object.entries(data ?? {})) if (k !== 'lexicons') sharedData[k] = v;
  }
}

/** Structured shared data other than lexicons (e.g. `topics:`). */
export function sharedSection<T>(name: string): T | undefined {
  loadSharedRaw();
  return sharedData![name] as T | undefined;
}

export class SharedLexicons {
  private readonly compiled = new Map<string, Lexicon>();
  constructor(private readonly overrides: Record<string, LexiconOverride> = {}) {
    loadSharedRaw();
    // Every shared lexicon compiles now, before the first message, so the
    // anchor automaton is built once per run rather than once per lexicon.
    for (const [name, raw] of Object.entries(sharedRaw!)) this.compiled.set(name, compileLexicon(applyOverride(raw, overrides[name])));
    topicModel(); // the built-in topics' lexicons too (missing-relevance asks for them on the first message)
  }

  get(name: string): Lexicon {
    const lex = this.compiled.get(name);
    if (!lex) throw new Error(`internal: no shared lexicon "${name}" in rules/shared`);
    return lex;
  }

  has(name: string): boolean {
    return !!sharedRaw![name];
  }
}
