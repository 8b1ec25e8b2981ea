/**
 * Word lists for the check benchmark (src/bench/check.ts):
 *
 * - the literal terms of our lexicons (every string under `lexicons:` in
 *   rules/builtin/*.yaml and rules/shared/*.yaml: terms and their `except`
 *   words), cut into the literal pieces the term syntax leaves — `a .. b`
 *   gives a and b, `#` (a number) splits a term, `*` is dropped — folded as
 *   the bare scan folds texts (NFKC, lower case);
 * - a prh.yml for textlint-rule-prh: a few hundred whole literal terms of
 *   those lexicons (no syntax characters), each a prh rule;
 * - a rule pack of N distinct synthetic terms (Chinese 2–4 characters and
 *   English pseudo-words), as a brand's 敏感词/违禁词 list would be.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BUILTIN_RULES_DIR, SHARED_LEXICON_DIR } from '../paths.js';
import { prng } from './generate.js';

/** Every string under `lexicons:` in the rule files, in file order (the values of `boundary:` excluded). */
export function lexiconStrings(dirs: string[] = [BUILTIN_RULES_DIR, SHARED_LEXICON_DIR]): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key !== 'boundary') out.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const dir of dirs)
    for (const f of readdirSync(dir).sort())
      if (/\.ya?ml$/.test(f)) {
        const doc = parse(readFileSync(join(dir, f), 'utf8')) as { lexicons?: unknown } | null;
        if (doc?.lexicons) walk(doc.lexicons);
      }
  return out;
}

export const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** The literal pieces of a term: `a .. b` → a, b; `满#减` → 满, 减; `guarantee*` → guarantee. */
export function literalPieces(term: string): string[] {
  return fold(term)
    .split(' .. ')
    .flatMap((p) => p.split('#'))
    .map((p) => p.replace(/\*/g, '').trim())
    .filter((p) => p.length > 0);
}

/** Distinct literal pieces of every lexicon string: what the bare scan puts in its automaton. */
export function literalTerms(strings = lexiconStrings()): string[] {
  const seen = new Set<string>();
  for (const s of strings) for (const p of literalPieces(s)) seen.add(p);
  return [...seen];
}

/**
 * `count` whole terms of letters, digits and spaces (so no term syntax),
 * spread evenly over the lexicons (so Chinese and English, every rule's
 * lists), at least 2 characters, for prh.
 */
export function prhTerms(count: number, strings = lexiconStrings()): string[] {
  // letters, digits and spaces only: prh escapes punctuation such as "-" into patterns its `u` flag rejects
  const plain = [...new Set(strings.map((s) => s.trim()).filter((s) => /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u.test(s)))].filter((s) => [...s].length >= 2);
  if (plain.length <= count) return plain;
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(plain[Math.floor((i * plain.length) / count)]!);
  return out;
}

/**
 * prh.yml: each term a rule whose `expected` differs from the pattern, so
 * every occurrence is reported, as a banned-word list in prh is written.
 */
export function prhYaml(terms: string[]): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = ['version: 1', 'rules:'];
  for (const t of terms) lines.push(`  - expected: ${q(`〔${t}〕`)}`, `    patterns:`, `      - ${q(t)}`);
  return lines.join('\n') + '\n';
}

// Common Simplified characters for synthetic Chinese terms (some of them occur in the messages).
const HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质门此感住科王马光'.replace(
    /(.)(?=.*\1)/g,
    '',
  );
const SYL_ON = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'cl', 'dr', 'gr', 'pl', 'st', 'tr', 'sh', 'ch', 'th'];
const SYL_NU = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io'];
const SYL_CO = ['', '', 'n', 'r', 'l', 'x', 'm', 'k', 'st'];

/** `n` distinct synthetic terms, ~70% Chinese (2–4 characters), ~30% English pseudo-words (2–4 syllables). */
export function syntheticTerms(n: number, seed: number): string[] {
  const r = prng(seed);
  const seen = new Set<string>();
  const out: string[] = [];
  const han = [...HAN];
  const pickOf = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  let guard = 0;
  while (out.length < n && guard++ < n * 20) {
    let t: string;
    if (r() < 0.7) {
      const x = r();
      const len = x < 0.15 ? 2 : x < 0.6 ? 3 : 4;
      // a quarter of the characters common ones (so some terms occur in the messages), the rest from all of CJK
      t = Array.from({ length: len }, () => (r() < 0.25 ? pickOf(han) : String.fromCharCode(0x4e00 + Math.floor(r() * (0x9fa5 - 0x4e00 + 1))))).join('');
    } else {
      const syl = 2 + Math.floor(r() * 3);
      t = Array.from({ length: syl }, () => pickOf(SYL_ON) + pickOf(SYL_NU) + pickOf(SYL_CO)).join('');
    }
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  if (out.length < n) throw new Error(`could only make ${out.length} distinct synthetic terms`);
  return out;
}

/** A rule pack (docs/rule-packs.md) with one lexicon rule holding `terms`. */
export function writePack(file: string, terms: string[]): void {
  const q = (s: string) => JSON.stringify(s);
  const head = [
    `# Benchmark rule pack: ${terms.length.toLocaleString('en')} synthetic banned words (generated by src/bench/terms.ts).`,
    `name: bench-${terms.length}`,
    'rules:',
    '  - id: bench/banned-words',
    '    type: lexicon',
    '    severity: warning',
    '    penalty: 1',
    '    title: { zh: 违禁词, en: Banned word }',
    '    messages: { zh: "违禁词「{excerpt}」", en: "Banned word \\"{excerpt}\\"" }',
    '    advice: { zh: 删除或换一个说法。, en: Remove it or say it another way. }',
    '    terms:',
  ];
  writeFileSync(file, head.join('\n') + '\n' + terms.map((t) => `      - ${q(t)}`).join('\n') + '\n');
}
