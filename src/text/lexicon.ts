/**
 * Lexicon matcher: finds terms of a word list in a TextView.
 *
 * Term syntax (in rule-pack YAML), matched against normalised text:
 *   plain text   matched case- and width-insensitively, either Chinese script
 *   #            a number: 3, 10, 三, 十二, 两, 几
 *   word*        an English word and its suffixes (guarantee* → guaranteed)
 *   (an English term ending in a letter also matches its plural: deal → deals)
 *   a .. b       a, then b later in the same sentence (≤ 20 characters apart)
 *
 * Word boundaries: a term starting or ending with a Latin letter or digit never
 * matches inside a longer Latin word. Chinese terms are substrings unless the
 * term (or its lexicon) says `boundary: word`, which requires both ends on
 * word boundaries from the segmenter. `except` lists protected words: a match
 * lying inside one of them is no match (亲 in 亲子, 最 in 最近).
 *
 * How it runs: every term has a literal anchor — its longest run of plain
 * characters, which any match must contain. All anchors of all lexicons in
 * the process sit in one Aho-Corasick automaton (./lexicon-index.ts), so a
 * text is scanned once for every lexicon. A lexicon then verifies only its
 * candidates — the terms whose anchors occur in the text — with the term's
 * own regular expression, in the same longest-first alternation the full
 * list would form. A term whose anchor is absent cannot match anywhere, and
 * removing alternatives that never match leaves a leftmost-first alternation's
 * matches unchanged, so the result is exactly that of one regex of all terms
 * (test/matcher-equivalence.test.ts checks it against that regex matcher),
 * without building it: 100,000-term lists cost what their candidates cost.
 */
import { normalizeTerm } from './normalize.js';
import type { TextView } from './view.js';
import { anchorHits, registerTermGroup } from './lexicon-index.js';

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
const GAP = ' .. ';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Is term character i a piece of syntax (a number, a suffix wildcard, an optional space) rather than a literal? */
function isSyntax(part: string, i: number): boolean {
  const c = part[i]!;
  return c === '#' || c === ' ' || (c === '*' && i > 0 && WORD_CHAR.test(part[i - 1]!));
}

/** Translate the term syntax into a regular expression source. */
export function termToRegex(normTerm: string): string {
  let out = '';
  const parts = normTerm.split(GAP);
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
  // word* ends on a word boundary too; a literal star (a footnote's "*") does not
  const lastPart = parts[parts.length - 1]!;
  if (WORD_CHAR.test(last) || last === '#' || (last === '*' && isSyntax(lastPart, lastPart.length - 1))) out += '(?![a-z0-9])';
  return out;
}

/**
 * The longest run of literal characters in a normalised term: every match of
 * the term contains it verbatim. '' when the term is all syntax ("#").
 */
export function termAnchor(normTerm: string): string {
  let best = '';
  for (const part of normTerm.split(GAP)) {
    let run = '';
    for (let i = 0; i <= part.length; i++) {
      if (i < part.length && !isSyntax(part, i)) {
        run += part[i];
        continue;
      }
      if (run.length > best.length) best = run;
      run = '';
    }
  }
  return best;
}

/**
 * A list of patterns (terms or except words) verified around their anchors:
 * `matchAll` gives what one alternation of every pattern, in `order`, gives
 * with a global `matchAll` — leftmost start first; at one start, the pattern
 * that comes first in the alternation; the scan resumes at that match's end.
 */
class AnchoredAlternation {
  /** Position of each pattern in the alternation (longest first). */
  private readonly rank: Int32Array;
  /** Patterns without an anchor, which are candidates in every text. */
  private readonly always: number[];
  private readonly group: number;
  /** Per pattern: its regex, compiled when it is first a candidate. */
  private readonly regexes: Array<RegExp | undefined>;

  constructor(
    private readonly sources: readonly string[],
    /** Pattern indexes in alternation order. */
    order: readonly number[],
  ) {
    this.rank = new Int32Array(sources.length);
    order.forEach((p, r) => (this.rank[p] = r));
    const anchors = sources.map((s) => termAnchor(s));
    this.always = anchors.flatMap((a, i) => (a ? [] : [i]));
    this.group = registerTermGroup(anchors);
    this.regexes = new Array(sources.length);
  }

  /** Could any pattern match here? (false: no anchor occurs and every pattern has one) */
  mayMatch(view: TextView): boolean {
    return this.always.length > 0 || anchorHits(view, this.group) !== undefined;
  }

  /** Matches as [pattern index, start, end], in text order, non-overlapping. */
  matchAll(view: TextView): Array<[number, number, number]> {
    const hits = anchorHits(view, this.group);
    if (!hits && !this.always.length) return [];
    const text = view.norm;
    // One candidate (the common case): its own non-overlapping matches are the alternation's.
    if (hits?.length === 1 && !this.always.length) {
      const p = hits[0]!;
      const re = (this.regexes[p] ??= new RegExp(termToRegex(this.sources[p]!), 'gu'));
      const out: Array<[number, number, number]> = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          // as matchAll does: step over an empty match (one code point)
          re.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
          continue;
        }
        out.push([p, m.index, m.index + m[0].length]);
      }
      return out;
    }
    // Every start at which a candidate matches, with the end its own regex gives there.
    const starts: number[] = [];
    const ranks: number[] = [];
    const ends: number[] = [];
    const pats: number[] = [];
    const collect = (p: number): void => {
      const re = (this.regexes[p] ??= new RegExp(termToRegex(this.sources[p]!), 'gu'));
      const rank = this.rank[p]!;
      for (let from = 0; from < text.length; ) {
        re.lastIndex = from;
        const m = re.exec(text);
        if (!m) break;
        const s = m.index;
        const e = s + m[0].length;
        // an empty match never counts (the alternation would skip it too)
        if (e > s) {
          starts.push(s);
          ranks.push(rank);
          ends.push(e);
          pats.push(p);
        }
        from = s + 1;
      }
    };
    if (hits) for (const p of hits) collect(p);
    for (const p of this.always) if (!hits?.includes(p)) collect(p);
    if (!starts.length) return [];
    const idx = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]! || ranks[a]! - ranks[b]!);
    const out: Array<[number, number, number]> = [];
    let pos = 0;
    for (const i of idx) {
      if (starts[i]! < pos) continue;
      out.push([pats[i]!, starts[i]!, ends[i]!]);
      pos = ends[i]!;
    }
    return out;
  }
}

/** The answer for no match, shared (frozen: callers never change an answer). */
const NO_MATCHES = Object.freeze([]) as unknown as LexMatch[];

export class Lexicon {
  readonly terms: readonly CompiledTerm[];
  private readonly termMatcher: AnchoredAlternation | null;
  private readonly exceptMatcher: AnchoredAlternation | null;
  private readonly exceptList: string[];

  constructor(input: LexiconInput) {
    const spec: LexiconSpec = Array.isArray(input) ? { terms: input } : input;
    const boundary = spec.boundary ?? 'none';
    // One normalised array for every term without excepts of its own (lists run to thousands of terms).
    const lexiconExcept = (spec.except ?? []).map(normalizeTerm).filter(Boolean);
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
        boundary: ts.boundary ?? boundary,
        except: ts.except?.length ? [...lexiconExcept, ...ts.except.map(normalizeTerm).filter(Boolean)] : lexiconExcept,
      });
    }
    this.terms = terms;
    // Longest first, so 全网最低价 wins over 最低价 at the same position.
    const order = terms.map((t, i) => ({ i, len: t.norm.length })).sort((a, b) => b.len - a.len || a.i - b.i).map((o) => o.i);
    this.termMatcher = terms.length ? new AnchoredAlternation(terms.map((t) => t.norm), order) : null;
    const excepts = new Set(lexiconExcept);
    for (const t of terms) if (t.except !== lexiconExcept) for (const e of t.except) excepts.add(e);
    this.exceptList = [...excepts].sort((a, b) => b.length - a.length);
    this.exceptMatcher = this.exceptList.length ? new AnchoredAlternation(this.exceptList, this.exceptList.map((_, i) => i)) : null;
  }

  get size(): number {
    return this.terms.length;
  }

  /**
   * Every match, in text order, non-overlapping. Kept on the view: a mass
   * send is one text to many campaigns and recipients, and several rules ask
   * for the same lexicon. Callers must not change the array.
   */
  match(view: TextView): LexMatch[] {
    if (!this.termMatcher?.mayMatch(view)) return NO_MATCHES;
    let m = view.lexiconMatches?.get(this);
    if (m) return m;
    m = this.compute(view);
    // most lexicons find nothing in most texts: those answers are not stored (and cost one lookup to give again)
    if (!m.length) return NO_MATCHES;
    (view.lexiconMatches ??= new Map()).set(this, m);
    return m;
  }

  private compute(view: TextView): LexMatch[] {
    if (!this.termMatcher) return [];
    const found = this.termMatcher.matchAll(view);
    if (!found.length) return [];
    // Protected words found in the text, with the except entry that found them.
    const protectedRanges: Array<[number, number, string]> = this.exceptMatcher
      ? this.exceptMatcher.matchAll(view).map(([e, s, end]) => [s, end, this.exceptList[e]!])
      : [];
    const out: LexMatch[] = [];
    for (const [ti, start, end] of found) {
      const term = this.terms[ti]!;
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

const interned = new Map<string, Lexicon>();

/**
 * The compiled lexicon for a spec, shared by every rule, config and audit in
 * the process that asks for the same terms: a lexicon's anchors join the
 * process-wide automaton once, not once per audit.
 */
export function compileLexicon(input: LexiconInput): Lexicon {
  const key = JSON.stringify(input);
  let lex = interned.get(key);
  if (!lex) {
    lex = new Lexicon(input);
    interned.set(key, lex);
  }
  return lex;
}
