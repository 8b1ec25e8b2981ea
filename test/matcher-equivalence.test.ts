/**
 * The Aho-Corasick lexicon engine (src/text/lexicon.ts) against the regex
 * matcher it replaced (test/oracles/regex-lexicon.ts): the same matches —
 * term, start, end, in order — for random terms of every syntax over random
 * texts in both Chinese scripts and English, and for every real lexicon of
 * rules/ over real message texts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Lexicon, termAnchor, type LexiconInput, type TermSpec } from '../src/text/lexicon.js';
import { Lexicon as OracleLexicon } from './oracles/regex-lexicon.js';
import { TextView } from '../src/text/view.js';
import { AhoCorasick } from '../src/text/aho-corasick.js';
import { normalize } from '../src/text/normalize.js';
import { normalize as oracleNormalize } from './oracles/normalize.js';
import * as OpenCC from 'opencc-js/t2cn';

const ROOT = join(import.meta.dirname, '..');

function both(input: LexiconInput, texts: string[]): void {
  const fresh = new Lexicon(input);
  const oracle = new OracleLexicon(input as never);
  for (const t of texts) {
    const v = new TextView(t);
    expect(fresh.match(v), `text: ${JSON.stringify(t)}`).toEqual(oracle.match(v));
  }
}

// Pieces that make terms and texts collide often: shared characters, numbers
// in both notations, word edges, plurals, Traditional forms, gaps.
const HAN = ['最', '低', '价', '全', '网', '限', '时', '抢', '购', '折', '满', '减', '亲', '子', '近', '秒', '殺', '優', '惠', '元', '送'];
const LATIN = ['deal', 'deals', 'best', 'guarantee', 'guaranteed', 'free', 'now', 'sale', 'es', 's', 'a', 'x', 'shop', 'ping'];
const NUMS = ['3', '10', '2.5', '三', '十二', '两', '几', 'xx', 'x.x'];
const SEP = [' ', '', ',', '。', '!', '@', '-', '\n', '  ', '!?'];

const piece = fc.oneof(fc.constantFrom(...HAN), fc.constantFrom(...LATIN), fc.constantFrom(...NUMS), fc.constantFrom(...SEP));
const text = fc.array(piece, { minLength: 0, maxLength: 40 }).map((a) => a.join(''));

const termBody = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HAN) }, { weight: 3, arbitrary: fc.constantFrom(...LATIN) }, fc.constant('#'), fc.constant(' '), fc.constant('@')), { minLength: 1, maxLength: 4 })
  .map((a) => a.join(''));
const term = fc.oneof(
  { weight: 5, arbitrary: termBody },
  { weight: 1, arbitrary: termBody.map((t) => (/[a-z]$/.test(t) ? `${t}*` : t)) },
  { weight: 1, arbitrary: fc.tuple(termBody, termBody).map(([a, b]) => `${a} .. ${b}`) },
);
const termSpec: fc.Arbitrary<string | TermSpec> = fc.oneof(
  { weight: 4, arbitrary: term },
  {
    weight: 1,
    arbitrary: fc.record(
      { term, boundary: fc.constantFrom<'word' | 'none'>('word', 'none'), except: fc.array(termBody, { maxLength: 2 }) },
      { requiredKeys: ['term'] },
    ),
  },
);
const lexicon: fc.Arbitrary<LexiconInput> = fc.oneof(
  fc.array(termSpec, { minLength: 1, maxLength: 12 }),
  fc.record(
    { terms: fc.array(termSpec, { minLength: 1, maxLength: 12 }), boundary: fc.constantFrom<'word' | 'none'>('word', 'none'), except: fc.array(termBody, { maxLength: 3 }) },
    { requiredKeys: ['terms'] },
  ),
);

describe('Aho-Corasick lexicon engine = the regex matcher it replaced', () => {
  it('random terms of every syntax over random texts give the same matches', () => {
    fc.assert(
      fc.property(lexicon, fc.array(text, { minLength: 1, maxLength: 6 }), (lex, texts) => both(lex, texts)),
      { numRuns: 1000, seed: 20261202 },
    );
  });

  it('every lexicon of rules/ gives the same matches on real texts', () => {
    const texts: string[] = [];
    // The public SMS corpus beside the checkout (CI lays shared/ there), when present.
    const corpus = join(ROOT, '..', 'shared', 'corpora', 'uci-sms-spam', 'sms_spam_collection.tsv');
    const uci = existsSync(corpus) ? readFileSync(corpus, 'utf8').split('\n').slice(1, 500) : [];
    for (const line of uci) texts.push(line.slice(line.indexOf('\t') + 1));
    for (const f of readdirSync(join(ROOT, 'eval', 'set')).sort()) {
      const data = parse(readFileSync(join(ROOT, 'eval', 'set', f), 'utf8')) as { campaigns: Array<{ messages: Array<string | { text: string; reply_to?: string }> }> };
      for (const c of data.campaigns) for (const m of c.messages) texts.push(typeof m === 'string' ? m : m.text, ...(typeof m === 'string' || !m.reply_to ? [] : [m.reply_to]));
    }
    const lexicons: LexiconInput[] = [];
    for (const dir of ['builtin', 'shared']) {
      for (const f of readdirSync(join(ROOT, 'rules', dir)).filter((n) => n.endsWith('.yaml')).sort()) {
        const data = parse(readFileSync(join(ROOT, 'rules', dir, f), 'utf8')) as { lexicons?: Record<string, LexiconInput> };
        lexicons.push(...Object.values(data?.lexicons ?? {}));
      }
    }
    expect(lexicons.length).toBeGreaterThan(50);
    expect(texts.length).toBeGreaterThan(uci.length ? 800 : 300);
    // Every third text: the old matcher is slow (one alternation per lexicon), and the random lexicons above cover the syntax.
    const views = texts.filter((_, i) => i % 3 === 0).map((t) => new TextView(t));
    let compared = 0;
    for (const input of lexicons) {
      const fresh = new Lexicon(input);
      const oracle = new OracleLexicon(input as never);
      for (const v of views) {
        const got = fresh.match(v);
        const want = oracle.match(v);
        if (got.length !== want.length || got.some((m, i) => m.start !== want[i]!.start || m.end !== want[i]!.end || m.term !== want[i]!.term)) {
          expect(got, `text: ${JSON.stringify(v.original)}`).toEqual(want);
        }
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(uci.length ? 400 : 120); // the texts do hit the lexicons
  });

  it('anchors are the longest literal run of a term', () => {
    expect(termAnchor('全网最低价')).toBe('全网最低价');
    expect(termAnchor('满#减')).toBe('满');
    expect(termAnchor('#折')).toBe('折');
    expect(termAnchor('guarantee*')).toBe('guarantee');
    expect(termAnchor('limited time')).toBe('limited');
    expect(termAnchor('仅限 .. 使用')).toBe('仅限');
    expect(termAnchor('#')).toBe('');
  });
});

describe('normalisation = the per-character version it replaced', () => {
  it('same normalised text and offsets for any text', () => {
    const unit = fc.oneof(
      fc.constantFrom('A', 'z', ' ', '\t', '\n', '\r\n', '\u3000', '\u00a0', '’', '“', '＠', 'Ａ', '１', '㎏', 'ﬁ', 'É', 'İ', '滿', '減', '優', '惠', '価', '😀', '\ud800', '\udc00', '①', 'ǅ', '\u200b'),
      fc.string({ unit: 'grapheme', maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((a) => a.join('')), (t) => {
        const got = normalize(t);
        const want = oracleNormalize(t);
        expect(got.norm).toBe(want.norm);
        expect([...got.origIndex]).toEqual([...want.origIndex]);
      }),
      { numRuns: 2000, seed: 11 },
    );
    const long = '满100减20，ＶＩＰ專享！'.repeat(3000);
    expect(normalize(long).norm).toBe(oracleNormalize(long).norm);
  });

  it('skipping the converters on text they would not change: every dictionary entry, alone and inside Simplified text, folds as the full conversion does', () => {
    // The skip (src/text/normalize.ts changingMarks) is sound only if each entry that changes text is noticed.
    const locales = [OpenCC.Locale.from.tw, OpenCC.Locale.from.hk, OpenCC.Locale.to.cn] as unknown as Array<Array<Array<string | string[][]>>>;
    const keys = new Set<string>();
    for (const dict of locales.flat(2)) for (const [k] of typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict) if (k) keys.add(k);
    expect(keys.size).toBeGreaterThan(1000);
    const diffs: string[] = [];
    for (const k of keys) {
      for (const t of [k, `今天${k}很好`]) if (normalize(t).norm !== oracleNormalize(t).norm) diffs.push(t);
    }
    expect(diffs).toEqual([]);
  });
});

describe('AhoCorasick', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', '折', '扣'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 10 }), fc.string({ unit: fc.constantFrom('a', 'b', '折', '扣', ' '), maxLength: 30 }), (patterns, t) => {
        const ac = new AhoCorasick(patterns);
        const got: string[] = [];
        ac.forEachMatch(t, (p, end) => got.push(`${p}@${end}`));
        const want: string[] = [];
        for (let end = 1; end <= t.length; end++) patterns.forEach((p, i) => t.slice(0, end).endsWith(p) && want.push(`${i}@${end}`));
        expect(got.sort()).toEqual(want.sort());
        expect(ac.found(t).sort()).toEqual([...new Set(want.map((w) => Number(w.split('@')[0])))].sort());
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('scales to 100,000 patterns', () => {
    const patterns = Array.from({ length: 100_000 }, (_, i) => `词${i.toString(36)}汇`);
    const ac = new AhoCorasick(patterns);
    expect(ac.found('这里有词zz汇和词1汇').map((p) => patterns[p])).toEqual(['词zz汇', '词1汇']);
  });
});
