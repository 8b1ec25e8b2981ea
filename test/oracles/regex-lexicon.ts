/**
 * ORACLE ONLY — the regex lexicon matcher as it stood before the Aho-Corasick
 * engine (src/text/lexicon.ts), kept for the property test in
 * test/matcher-equivalence.test.ts that proves the new engine returns the same
 * matches for every term syntax. Each lexicon is one RegExp alternation of
 * named groups, longest term first. Not used by the tool. Delete it together
 * with that test once the new engine has stood for a release.
 */
import { normalizeTerm } from '../../src/text/normalize.js';
import type { TextView } from '../../src/text/view.js';

export interface TermSpec {
  term: string;
  boundary?: 'word' | 'none';
  except?: string[];
}
export interface LexiconSpec {
  terms: (string | TermSpec)[];
  boundary?: 'word' | 'none';
  except?: string[];
}
export type LexiconInput = LexiconSpec | (string | TermSpec)[];

export interface LexMatch {
  /** The lexicon term as written in the pack. */
  term: string;
  /** Normalised offsets. */
  start: number;
  end: number;
}

interface CompiledTerm {
  source: string;
  norm: string;
  boundary: 'word' | 'none';
  except: string[];
}

// A number: digits or Chinese numerals. Next to a Chinese character in the
// term (#折, 满#减) also digits masked as x, as anonymised exports write them
// ("满xxx减xx", "x.x折"); in English "x" is a word ("drop x off").
const NUM = '(?:[0-9]+(?:\\.[0-9]+)?|[零一二两三四五六七八九十百千万几]+)';
const NUM_OR_MASK = '(?:[0-9]+(?:\\.[0-9]+)?|[零一二两三四五六七八九十百千万几]+|x{1,6}(?:\\.x{1,2})?)';
const HAN_CHAR = /\p{Script=Han}/u;
const WORD_CHAR = /[a-z0-9]/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Translate the term syntax into a regular expression source. */
export function termToRegex(normTerm: string): string {
  let out = '';
  const parts = normTerm.split(' .. ');
  parts.forEach((part, pi) => {
    // a gap stands between words: an English part ends and begins on a word boundary, as a whole
    // term does ("no .. fee" is not "nov your plan fee", "your .. bill" not "yours .. billing")
    if (pi > 0) {
      const prev = parts[pi - 1]!;
      const pl = prev[prev.length - 1] ?? '';
      if (/[a-z]/.test(pl)) out += '(?:s|es)?';
      if (WORD_CHAR.test(pl) || pl === '#') out += '(?![a-z0-9])';
      out += '[^.!?。！？\\n]{0,20}?';
      const pf = part[0] ?? '';
      if (WORD_CHAR.test(pf) || pf === '#') out += '(?<![a-z0-9])';
    }
    for (let i = 0; i < part.length; i++) {
      const c = part[i]!;
      if (c === '#') out += HAN_CHAR.test(part[i - 1] ?? '') || HAN_CHAR.test(part[i + 1] ?? '') ? NUM_OR_MASK : NUM;
      else if (c === '*' && i > 0 && WORD_CHAR.test(part[i - 1]!)) out += '[a-z]*';
      else if (c === ' ') out += '\\s*';
      else out += escape(c);
    }
  });
  const first = normTerm[0] ?? '';
  const last = normTerm[normTerm.length - 1] ?? '';
  if (WORD_CHAR.test(first) || first === '#') out = '(?<![a-z0-9])' + out;
  // a mention is not the middle of an e-mail address (sales@here.com)
  else if (first === '@') out = '(?<![a-z0-9._%+-])' + out;
  if (/[a-z]/.test(last) && !normTerm.endsWith('*')) out += '(?:s|es)?';
  // fixed in both engines together: only a word* wildcard ends on a word boundary, not a literal "*" term
  const literalStar = last === '*' && !WORD_CHAR.test(normTerm[normTerm.length - 2] ?? '');
  if (WORD_CHAR.test(last) || last === '#' || (last === '*' && !literalStar)) out += '(?![a-z0-9])';
  return out;
}

/** Index of the named group (t12 / e3) that matched. */
function firstGroup(groups: Record<string, string | undefined>): number {
  for (const k in groups) if (groups[k] !== undefined) return Number(k.slice(1));
  return -1;
}

export class Lexicon {
  readonly terms: readonly CompiledTerm[];
  private readonly regex: RegExp | null;
  private readonly exceptRegex: RegExp | null;
  private readonly exceptList: string[];

  constructor(input: LexiconInput) {
    const spec: LexiconSpec = Array.isArray(input) ? { terms: input } : input;
    const defaults = { boundary: spec.boundary ?? 'none', except: spec.except ?? [] };
    const seen = new Set<string>();
    const terms: CompiledTerm[] = [];
    for (const t of spec.terms ?? []) {
      const ts: TermSpec = typeof t === 'string' ? { term: t } : t;
      const norm = normalizeTerm(String(ts.term));
      if (!norm || seen.has(norm)) continue;
      seen.add(norm);
      terms.push({
        source: String(ts.term),
        norm,
        boundary: ts.boundary ?? defaults.boundary,
        except: [...defaults.except, ...(ts.except ?? [])].map(normalizeTerm).filter(Boolean),
      });
    }
    this.terms = terms;
    // Longest first, so 全网最低价 wins over 最低价 at the same position.
    const ordered = terms
      .map((t, i) => ({ i, re: termToRegex(t.norm), len: t.norm.length }))
      .sort((a, b) => b.len - a.len || a.i - b.i);
    this.regex = ordered.length
      ? new RegExp(ordered.map((o) => `(?<t${o.i}>${o.re})`).join('|'), 'gu')
      : null;
    this.exceptList = [...new Set(terms.flatMap((t) => t.except))].sort((a, b) => b.length - a.length);
    this.exceptRegex = this.exceptList.length
      ? new RegExp(this.exceptList.map((e, i) => `(?<e${i}>${termToRegex(e)})`).join('|'), 'gu')
      : null;
  }

  get size(): number {
    return this.terms.length;
  }

  /** Every match, in text order, non-overlapping. */
  match(view: TextView): LexMatch[] {
    if (!this.regex) return [];
    const text = view.norm;
    // Protected words found in the text, with the except entry that found them.
    const protectedRanges: Array<[number, number, string]> = [];
    if (this.exceptRegex) {
      for (const m of text.matchAll(this.exceptRegex)) {
        protectedRanges.push([m.index!, m.index! + m[0].length, this.exceptList[firstGroup(m.groups!)]!]);
      }
    }
    const out: LexMatch[] = [];
    for (const m of text.matchAll(this.regex)) {
      if (m[0].length === 0) continue;
      const term = this.terms[firstGroup(m.groups!)]!;
      const start = m.index!;
      const end = start + m[0].length;
      if (term.boundary === 'word' && !(view.boundaries.has(start) && view.boundaries.has(end))) continue;
      const inProtectedWord = protectedRanges.some(
        ([ps, pe, except]) => ps <= start && end <= pe && pe - ps > end - start && term.except.includes(except),
      );
      if (inProtectedWord) continue;
      out.push({ term: term.source, start, end });
    }
    return out;
  }

  test(view: TextView): boolean {
    return this.match(view).length > 0;
  }
}
