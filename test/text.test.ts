import { describe, expect, it } from 'vitest';
import { normalize, normalizeTerm, toOriginalRange } from '../src/text/normalize.js';
import { segment } from '../src/text/segment.js';
import { Lexicon, type LexiconInput } from '../src/text/lexicon.js';
import { TextView, viewOf } from '../src/text/view.js';
import { findPlaceholders } from '../src/text/placeholders.js';
import { sameUnit, unitAround, units } from '../src/text/sentences.js';

/** What a lexicon matches in a text, quoted from the original text. */
function hits(lex: LexiconInput, text: string): string[] {
  const v = new TextView(text);
  return new Lexicon(lex).match(v).map((m) => v.excerpt(m.start, m.end));
}

describe('normalize', () => {
  it('folds width and case: full-width letters, digits and ＠', () => {
    expect(normalize('ＡＢＣ１２３＠所有人').norm).toBe('abc123@所有人');
    expect(normalize('HUGE Sale').norm).toBe('huge sale');
  });

  it('folds every run of whitespace, ideographic space and line breaks to one space', () => {
    expect(normalize('a  \n\t b\u3000\u3000c').norm).toBe('a b c');
  });

  it('folds curly apostrophes and quotes to ASCII, keeping offsets, so a term written with \' matches text typed with ’', () => {
    const n = normalize('We’ve “hit” it');
    expect(n.norm).toBe('we\'ve "hit" it');
    expect(n.origIndex.length).toBe(n.norm.length + 1);
    expect(new Lexicon(['we\'ve hit']).test(viewOf('Thanks to you we’ve hit 1,000 trees'))).toBe(true);
  });

  it('converts Traditional to Simplified Chinese (Taiwan and Hong Kong forms)', () => {
    expect(normalize('貓糧會員價').norm).toBe('猫粮会员价');
    expect(normalize('最終解釋權歸本公司所有').norm).toBe('最终解释权归本公司所有');
    expect(normalize('頭髮乾燥').norm).toBe('头发干燥');
    expect(normalizeTerm('  全體成員 ')).toBe('全体成员');
  });

  it('keeps, for every normalised character, the index of the original character', () => {
    const n = normalize('🎉＠所有人 5㎏貓糧');
    expect(n.norm).toBe('🎉@所有人 5kg猫粮');
    // ㎏ expands to two characters, both from the same original one; the emoji is two UTF-16 units
    expect(Array.from(n.origIndex)).toEqual([0, 0, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11]);
    expect(toOriginalRange(n, 2, 6)).toEqual([2, 6]);
    expect(n.original.slice(...toOriginalRange(n, 7, 9))).toBe('5㎏');
    expect(n.original.slice(...toOriginalRange(n, 9, 11))).toBe('㎏貓');
  });

  it('maps a folded whitespace run back to the run’s first character', () => {
    const n = normalize('a \n  b');
    expect(n.norm).toBe('a b');
    expect(toOriginalRange(n, 1, 2)).toEqual([1, 2]);
    expect(toOriginalRange(n, 2, 3)).toEqual([5, 6]);
  });
});

describe('TextView', () => {
  it('quotes findings from the original text, in the original script and width', () => {
    const v = new TextView('今晚＠全體成員 開會');
    const m = new Lexicon(['@全体成员']).match(v)[0]!;
    expect(v.excerpt(m.start, m.end)).toBe('＠全體成員');
  });

  it('is shared per distinct text', () => {
    expect(viewOf('同一条消息')).toBe(viewOf('同一条消息'));
    expect(viewOf('同一条消息')).not.toBe(viewOf('另一条消息'));
  });
});

describe('segment', () => {
  it('splits unspaced Chinese into dictionary words', () => {
    expect(segment('我们分享读书心得').map((t) => t.text)).toEqual(['我们', '分享', '读书', '心得']);
  });

  it('marks punctuation and spaces as non-words', () => {
    const toks = segment('hello, world! 3.5折');
    expect(toks.filter((t) => t.word).map((t) => t.text)).toEqual(['hello', 'world', '3.5', '折']);
    expect(toks.find((t) => t.text === ',')!.word).toBe(false);
  });

  it('keeps 亲自 as one word, so 亲 alone is a separate token', () => {
    const words = segment('亲，亲自来').filter((t) => t.word).map((t) => t.text);
    expect(words).toEqual(['亲', '亲自', '来']);
  });
});

describe('Lexicon', () => {
  it('matches case- and width-insensitively, in either Chinese script', () => {
    expect(hits(['huge sale'], 'HUGE SALE today')).toEqual(['HUGE SALE']);
    expect(hits(['会员价'], '會員價只要99')).toEqual(['會員價']);
    expect(hits(['會員'], '会员和會員')).toEqual(['会员', '會員']);
  });

  it('# is a number: Arabic digits, decimals and Chinese numerals', () => {
    expect(hits(['仅剩#份'], '仅剩3份 仅剩三份 仅剩十二份 仅剩两份 仅剩几份 仅剩 份')).toEqual(['仅剩3份', '仅剩三份', '仅剩十二份', '仅剩两份', '仅剩几份']);
    expect(hits(['#折'], '8.8折，九折')).toEqual(['8.8折', '九折']);
  });

  it('word* matches an English word and its suffixes', () => {
    expect(hits(['guarantee*'], 'Guaranteed results, guarantees, guarantee')).toEqual(['Guaranteed', 'guarantees', 'guarantee']);
  });

  it('English terms match their plurals automatically', () => {
    expect(hits(['deal', 'box'], 'Deals and boxes, one box')).toEqual(['Deals', 'boxes', 'box']);
  });

  it('Latin terms respect word boundaries', () => {
    expect(hits(['@all', 'tea'], '@All welcome @allen, team tea')).toEqual(['@All', 'tea']);
    expect(hits(['@all'], 'write to sales@all.com')).toEqual([]);
  });

  it('a .. b matches a then b within 20 characters of the same sentence', () => {
    expect(hits(['错过 .. 等一年'], '错过这次优惠再等一年')).toEqual(['错过这次优惠再等一年']);
    expect(hits(['错过 .. 等一年'], '错过。再等一年')).toEqual([]);
    expect(hits(['a .. b'], 'a ' + 'x'.repeat(18) + ' b')).toHaveLength(1);
    expect(hits(['a .. b'], 'a ' + 'x'.repeat(19) + ' b')).toEqual([]);
  });

  it('an English part of a gap term is a whole word on both sides, as a whole term is', () => {
    // "no .. fee" is not "Nov your plan fee", "your .. bill" not "yours, billing"
    expect(hits(['no .. fee'], 'On 1 Nov your monthly plan fee changes')).toEqual([]);
    expect(hits(['no .. fee'], 'no booking fee this week')).toEqual(['no booking fee']);
    expect(hits(['your .. bill'], 'yours truly, billing dept')).toEqual([]);
    expect(hits(['your .. bill'], 'your March bill')).toEqual(['your March bill']);
    // plurals stay whole words too, and Chinese parts are unchanged
    expect(hits(['refund .. processed'], 'refunds were processed')).toEqual(['refunds were processed']);
    expect(hits(['错过 .. 等一年'], '错过这次再等一年')).toHaveLength(1);
  });

  it('a space in a term matches any spacing, including none', () => {
    expect(hits(['@ 所有人'], '@所有人 @ 所有人')).toEqual(['@所有人', '@ 所有人']);
  });

  it('prefers the longest term at a position', () => {
    const v = new TextView('全网最低价');
    expect(new Lexicon(['最低价', '全网最低价']).match(v).map((m) => m.term)).toEqual(['全网最低价']);
  });

  it('protected words: a match inside an `except` word is no match', () => {
    const lex = { terms: ['亲'], except: ['亲子', '亲自', '亲友'] };
    expect(hits(lex, '亲，亲子活动请亲自来，亲友同行')).toEqual(['亲']);
    expect(hits({ terms: [{ term: '最', except: ['最近', '最后'] }] }, '最近最后最好')).toEqual(['最']);
  });

  it('boundary: word requires the term to be a whole segmented word', () => {
    expect(hits([{ term: '分享', boundary: 'word' }], '我们分享读书心得')).toEqual(['分享']);
    expect(hits([{ term: '书心', boundary: 'word' }], '我们分享读书心得')).toEqual([]);
    expect(hits(['书心'], '我们分享读书心得')).toEqual(['书心']);
  });

  it('ignores duplicate and empty terms', () => {
    expect(new Lexicon(['包邮', '包郵', ' ', '包邮']).size).toBe(1);
  });
});

describe('placeholders', () => {
  it('finds {{name}}, {name} and ${name}, with spaces and any script', () => {
    const p = findPlaceholders('Hi {{name}}, {city}, ${pet_name}, {{ 姓名 }}');
    expect(p.map((x) => x.name)).toEqual(['name', 'city', 'pet_name', '姓名']);
    expect(p[0]).toMatchObject({ start: 3, end: 11 });
  });

  it('does not take braces around spaces or phrases for placeholders', () => {
    expect(findPlaceholders('{} { } {a b} 【标题】')).toEqual([]);
  });

  it('is what makes a message personalised', () => {
    expect(new TextView('{{name}}您好').placeholders).toHaveLength(1);
    expect(new TextView('您好').placeholders).toHaveLength(0);
  });
});

describe('sentences and clauses', () => {
  const cut = (text: string, unit: 'sentence' | 'clause') => {
    const v = new TextView(text);
    return units(v, unit).map(([s, e]) => v.excerpt(s, e).trim());
  };

  it('a line break ends a sentence, though normalisation folds it into a space', () => {
    expect(cut('面包节最后3天\n周日照常营业', 'sentence')).toEqual(['面包节最后3天', '周日照常营业']);
    expect(new TextView('第一行\r\n第二行').lineBreaks.size).toBe(1);
    expect(new TextView('一行 两个 空格').lineBreaks.size).toBe(0);
  });

  it('a full stop ends a sentence only before a space or the end: 8.8折 and t.cn stay whole', () => {
    expect(cut('全场8.8折，详见t.cn/ab。Next one. Done', 'sentence')).toEqual(['全场8.8折，详见t.cn/ab。', 'Next one.', 'Done']);
  });

  it('clauses also end at commas, colons, dashes and spaced hyphens, not at 、', () => {
    expect(cut('群规：禁止发广告、团购链接，违者移出', 'clause')).toEqual(['群规：', '禁止发广告、团购链接，', '违者移出']);
    expect(cut('No spam - thanks', 'clause')).toEqual(['No spam -', 'thanks']);
  });

  it('unitAround and sameUnit find the clause around a position', () => {
    const v = new TextView('如果没到，我要退款');
    expect(sameUnit(v, 0, 3, 'clause')).toBe(true);
    expect(sameUnit(v, 0, 6, 'clause')).toBe(false);
    expect(sameUnit(v, 0, 6, 'sentence')).toBe(true);
    const [s, e] = unitAround(v, 6, 'clause');
    expect(v.excerpt(s, e)).toBe('我要退款');
  });
});
