import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { audit, findings, fire, one, ROOT } from '../helpers.js';
import { InputError } from '../../src/errors.js';

const RULE = 'absolute-claim';
const excerpts = (text: string, fields: Record<string, unknown> = {}) => fire(RULE, text, fields).map((f) => f.excerpt);

describe('absolute-claim', () => {
  describe('fires on superlatives, rankings and guarantees', () => {
    it.each([
      // Simplified: 最 + adjective, open prefixes, art. 9 words
      ['这款猫砂是全网最低价，错过不再有', '全网最低价'],
      ['我们的冻干是市面上最好的选择', '市面上最好的'],
      ['史上最划算的一次年卡活动', '史上最划算'],
      ['进口原料，口感最佳', '最佳'],
      ['店里最受欢迎的一款蛋糕', '最受欢迎'],
      ['国家级非遗工艺，匠心出品', '国家级'],
      ['顶级食材，每一口都安心', '顶级'],
      ['这是你能买到的最好吃的猫条', '最好吃的'],
      ['本品牌宠物粮销量第一', '销量第一'],
      ['行业第一品牌，值得信赖', '行业第一'],
      ['一瓶万能清洁剂，厨房浴室都能用', '万能'],
      ['绝对正品，假一赔十', '绝对'],
      ['祛痘精华100%有效', '100%有效'],
      ['去屑洗发水，保证见效', '保证见效'],
      ['燃脂课程保证瘦5斤', '保证瘦'],
      // Traditional
      ['這款貓砂全網最低價', '全網最低價'],
      ['國家級工藝，值得收藏', '國家級'],
      ['頂級和牛，限量供應', '頂級'],
      ['全台銷量第一的寵物零食', '銷量第一'],
      ['百分百有效，無效退款', '百分百有效'],
      ['絕對划算', '絕對'],
      ['最強吸力的吸塵器', '最強'],
      ['全台最低價的貓砂', '全台最低價'],
      // English
      ['The best cat food you will ever buy', 'best cat food you will ever'],
      ['Lowest price ever on our winter coats', 'Lowest price ever'],
      ["The world's best espresso beans", "world's best"],
      ['The #1 rated pet shampoo in Shanghai', '#1'],
      ['No.1 brand for kitten food', 'No.1'],
      ['Results guaranteed or your skin glows anyway', 'guaranteed'],
      ['This serum is 100% effective on dark spots', '100% effective'],
      ['Unbeatable prices all week', 'Unbeatable'],
      ['Simply the best coffee in town', 'the best coffee in town'],
    ])('%s', (text, excerpt) => {
      const f = fire(RULE, text);
      expect(f.map((x) => x.excerpt)).toContain(excerpt);
      expect(f[0]!.severity).toBe('error');
    });

    it('quotes the whole claim after an open superlative prefix, stopping at 的', () => {
      expect(excerpts('全网最便宜的猫砂')).toEqual(['全网最便宜']);
      expect(excerpts('全城最好喝！')).toEqual(['全城最好喝']);
      expect(excerpts('全网最划算的一次')).toEqual(['全网最划算']);
      expect(excerpts('全网最low价格')).toEqual(['全网最low']);
    });

    it('still fires on 第一 when a rank measure word follows (名, 家, 款 are ranks, not ordinals)', () => {
      expect(excerpts('全国第一名的品牌')).toEqual(['全国第一']);
      expect(excerpts('全球第一款智能猫砂盆')).toEqual(['全球第一']);
    });
  });

  describe('does not fire on ordinary words with 最 or 第一, advice, or look-alikes', () => {
    it.each([
      // 最 inside ordinary words
      '最近天气转凉，记得给猫咪加一层垫子',
      '活动最后一天，晚上十点结束',
      '最终价格以结账页面为准',
      '每人最多限购两件',
      '明天最低气温2度，出门多穿点',
      '本店最低消费100元',
      '最快明天下午送达',
      // 最 as advice
      '周末人多，最好提前预约',
      '最好用温水冲泡，别用开水',
      '最好的办法是每天固定时间喂食',
      '最佳浇水时间是早上',
      '最有效的驱虫方法是按时用药',
      '开封后最佳赏味期为30天',
      '猫咪是我们最好的朋友',
      // 第一 as an ordinal
      '第一次来店的顾客送一份小蛋糕',
      '宝宝打第一针疫苗前注意休息',
      '入职第一天，请带好身份证',
      '我们的销量第一次突破了一万单',
      '第一批到货的顾客请到前台取件',
      // record weather is a fact, not a claim
      '今年是史上最热的夏天，注意给猫咪降温',
      // safety advice and a vet's caution
      '绝对不要给猫喂巧克力',
      '猫癣很难根治，要坚持用药',
      // Traditional
      '最近天氣轉涼，記得添衣',
      '週末人多，最好提前預約',
      '第一次來店的顧客送小蛋糕',
      // English
      'The best time to water is early morning',
      'Best wishes to everyone for the holidays',
      'Your order #1024 has shipped',
      'Step #1: preheat the oven to 180°C',
      'Our office is at No. 1 Building, Lane 100',
      'Our #1 priority is your safety',
      'Full refund with our money-back guarantee',
      // a negated guarantee is a disclaimer
      'Table bookings are not guaranteed on public holidays',
      "We can't guarantee stock for walk-in customers",
      '疗效因人而异，我们无法保证有效，请先咨询医生',
      '100% cotton, machine washable',
      'Recently we moved to a bigger studio',
    ])('%s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  // A promised result (保证100%…, 100%通过) and English superlatives in a
  // claim frame: "the world's …", "absolutely the …", "… on the market".
  describe('fires on promised results and framed English superlatives', () => {
    it.each([
      // Simplified
      ['这门考证班保证100%拿到证书', '保证100%'],
      ['报名即送教材，保证考取驾照', '保证考取'],
      ['零基础也能100%通过面试', '100%通过'],
      ['全球首款自动喂食猫碗', '全球首款'],
      // Traditional
      ['這套課程保證100%通過考試', '保證100%'],
      ['保證錄取，名校直通', '保證錄取'],
      ['世界首創的恆溫寵物窩', '世界首創'],
      // English
      ["Our lab's new serum: the world's most effective hair treatment", "world's most effective"],
      ['Meet the world’s first self-cleaning water bottle', 'world’s first'],
      ['Absolutely the finest olive oil you can pour', 'Absolutely the finest'],
      ['Simply the strongest cold brew on the market', 'the strongest cold brew on the market'],
      ['The most comfortable mattress on the market, now 20% off', 'The most comfortable mattress on the market'],
      ['The softest towels money can buy', 'The softest towels money can buy'],
      ['Unparalleled comfort for tired feet', 'Unparalleled'],
    ])('%s', (text, excerpt) => {
      expect(excerpts(text)).toContain(excerpt);
    });

    it('the broad frames ("… in the world", "the … ever") only where the message sells', () => {
      expect(excerpts('The smoothest shaving cream in the world, now only $12, order today')).toEqual(['The smoothest shaving cream in the world']);
      expect(excerpts('The tastiest dog treats ever made, 2 bags for $15, shop now')).toContain('The tastiest dog treats ever');
      expect(excerpts('You are the cutest puppy in the world, see you at class on Saturday')).toEqual([]);
      expect(excerpts('Having the most relaxing holiday ever, back on Monday')).toEqual([]);
    });

    it.each([
      'Most of our customers pick the monthly plan',
      'You can bring at most two guests',
      'The strongest storms this week arrive on Thursday',
      'Best regards, the Willow Bakery team',
      'Our best-selling latte is back this week',
      'Try the latest blend on the market at our bar',
      'The newest phones on the market are in store',
      'The highest tide this week is at 6pm',
      'Absolutely delighted to see you all on Saturday',
      '不保证100%通过，但老师会全程辅导',
      '無法保證100%錄取，請理性報名',
      '100%纯棉面料，亲肤透气',
      '第一次上课请提前十分钟到',
    ])('not: %s', (text) => {
      expect(fire(RULE, text)).toEqual([]);
    });
  });

  describe('findings', () => {
    it('reports each claim, the second and later at a reduced penalty', () => {
      const f = fire(RULE, '全网最低价，国家级品质，行业第一品牌');
      expect(f.map((x) => x.excerpt)).toEqual(['全网最低价', '国家级', '行业第一']);
      expect(f[1]!.penalty).toBeLessThan(f[0]!.penalty);
      expect(f[1]!.penalty).toBe(f[2]!.penalty);
    });

    it('reports overlapping lexicon hits once (销量NO.1 is one claim)', () => {
      expect(excerpts('销量No.1的猫砂')).toEqual(['No.1']);
    });

    it('points at the claim in the source file', () => {
      const yaml = ['version: 1', 'campaigns:', '  - id: c1', '    channel: group', '    messages:', '      - "新品上市，全网最低价"'].join('\n');
      const [f] = findings(audit(yaml), RULE);
      expect(f).toMatchObject({ line: 6, column: 15, endLine: 6, endColumn: 20, excerpt: '全网最低价' });
    });

    it('words its message and advice by kind, in both languages', () => {
      const sup = fire(RULE, 'Lowest price ever')[0]!;
      const rank = fire(RULE, '销量第一')[0]!;
      const guar = fire(RULE, '100%有效')[0]!;
      expect(sup.message).toMatch(/Superlative/);
      expect(rank.advice).toMatch(/source/);
      expect(guar.message).toMatch(/Guarantee/);
      const zh = findings(audit(one('销量第一'), { lang: 'zh' }), RULE)[0]!;
      expect(zh.message).toContain('「销量第一」');
      expect(zh.advice).toMatch(/出处/);
    });

    it('fires on every channel', () => {
      for (const channel of ['group', 'direct', 'moments', 'sms']) expect(fire(RULE, '顶级口感', { channel })).toHaveLength(1);
    });
  });

  describe('configuration', () => {
    it('takes extra terms and removals from the config', () => {
      const cfg = { rules: { [RULE]: { lexicons: { guarantee: { add: ['天花板'], remove: ['顶级'] } } } } };
      expect(findings(audit(one('猫粮界的天花板'), { config: cfg }), RULE).map((f) => f.excerpt)).toEqual(['天花板']);
      expect(findings(audit(one('顶级口感'), { config: cfg }), RULE)).toEqual([]);
    });

    it('lets the config change the repeat weight and severity', () => {
      const cfg = { rules: { [RULE]: { severity: 'warning', options: { repeat_factor: 1 } } } };
      const f = findings(audit(one('国家级品质，顶级口感'), { config: cfg }), RULE);
      expect(f.map((x) => x.severity)).toEqual(['warning', 'warning']);
      expect(f[0]!.penalty).toBe(f[1]!.penalty);
    });

    it('rejects an invalid rank pattern with the file that holds it', () => {
      const cfg = { rules: { [RULE]: { options: { rank_patterns: ['(unclosed'] } } } };
      let err: unknown;
      try {
        audit(one('顶级'), { config: cfg });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).format()).toMatch(/^\.scrm-audit\.yaml: rules\.absolute-claim\.options\.rank_patterns\[0\]: invalid regular expression/);
    });

    it('names superlative_patterns in the error for an invalid one too', () => {
      const cfg = { rules: { [RULE]: { options: { superlative_patterns: ['ok', '[unclosed'] } } } };
      expect(() => audit(one('顶级'), { config: cfg })).toThrow(/options\.superlative_patterns\[1\]: invalid regular expression/);
    });

    it('config can add a superlative pattern', () => {
      const cfg = { rules: { [RULE]: { options: { superlative_patterns: ['\\bcrème de la crème\\b'] } } } };
      expect(fire(RULE, 'Our croissants are the crème de la crème')).toEqual([]);
      expect(findings(audit(one('Our croissants are the crème de la crème'), { config: cfg }), RULE).map((f) => f.excerpt)).toEqual(['crème de la crème']);
    });

    it("a config's patterns run on the linear-time engine: a catastrophic pattern finishes, lookaround is a clear error", () => {
      const slow = { rules: { [RULE]: { options: { superlative_patterns: ['(a+)+$'] } } } };
      // backtracking would take longer than the age of the universe on this text; RE2 is linear
      const text = `最好的 ${'a'.repeat(30_000)}!`;
      expect(() => audit(one(text), { config: slow })).not.toThrow();
      const look = { rules: { [RULE]: { options: { superlative_patterns: ['(?<![a-z])best'] } } } };
      expect(() => audit(one('the best'), { config: look })).toThrow(/lookaround and backreferences are not supported/);
    });
  });

  it("agrees with its own YAML examples (what `scrm-audit explain` shows)", () => {
    const meta = parse(readFileSync(resolve(ROOT, `rules/builtin/${RULE}.yaml`), 'utf8')) as { examples: { fires: string[]; passes: string[] } };
    for (const text of meta.examples.fires) expect(fire(RULE, text), text).not.toEqual([]);
    for (const text of meta.examples.passes) expect(fire(RULE, text), text).toEqual([]);
  });
});

describe('absolute-claim: words that only contain a claim, and quoted claims', () => {
  it.each([
    '月底了，房租一交，钱包瘦了不少',
    '调查显示，所谓"史上最低价"大多是先涨后降',
    '监管部门指出，一些商家以“最低价”为名诱导消费',
    '报道称，有商家打着“全国第一”的旗号虚假宣传',
  ])('does not fire: %s', (text) => {
    expect(fire(RULE, text)).toEqual([]);
  });

  it('an unquoted claim in an ad still fires', () => {
    expect(excerpts('本店猫粮全网最低价，包瘦包退')).toContain('全网最低价');
  });
});

describe('absolute-claim: "number one" spelled out', () => {
  it.each([['Meet the number one cat litter brand in the country.'], ['Voted number 1 choice of groomers, again.']])('fires: %s', (text) => {
    expect(fire('absolute-claim', text, { channel: 'direct', audience: { segment: 'pets' } })).toHaveLength(1);
  });

  it.each([['The number one question we get is how often to bathe a puppy.'], ['Gate number one opens at 9am for members.']])('does not fire: %s', (text) => {
    expect(fire('absolute-claim', text, { channel: 'direct', audience: { segment: 'pets' } })).toEqual([]);
  });
});
