/**
 * `scrm-audit learn` and the learned-noise rule (CONTRACTS §8). The training
 * messages here are written for this file (Simplified, Traditional, English);
 * none comes from a corpus.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, audit, findings } from './helpers.js';
import { featuresOf } from '../src/learn/features.js';
import { looksLikeLog, readLabelled } from '../src/learn/read.js';
import { serializeModel, train, loadModel, predictNorm } from '../src/learn/model.js';
import { normalize } from '../src/text/normalize.js';
import { defaultConfig, parseConfig, withModel } from '../src/config/config.js';

const NOISE = [
  '恭喜您被抽中免费领取大礼包，回复1立即领取',
  '限时秒杀全场一折起，点击链接马上抢购',
  '免费领取体验名额仅剩最后10个，速来领取',
  '您已获得888元红包，点击链接立即领取',
  '恭喜您中獎了！免費領取iPhone，立即回覆領取',
  '限時搶購全館一折，點擊連結馬上下單',
  '免費體驗課名額有限，立即報名領取',
  'Congratulations! You have won a FREE prize, reply CLAIM now',
  'FREE entry to win a cash prize, text WIN to 80085 now',
  'You won a free holiday! Call now to claim your prize',
  'Claim your free gift now, limited offer, click the link',
  'URGENT you have won a guaranteed cash prize, call now to claim',
];
const OK = [
  '王姐，您订的羊绒围巾到店了，周末来试试颜色',
  '您预约的洗牙时间改到周四下午三点，如需调整请告诉我',
  '您的快递已经放在小区门口的快递柜，取件码在短信里',
  '周日店里停水一天，周一照常营业，给您添麻烦了',
  '陳老師，下週的鋼琴課改到週四下午，您看方便嗎',
  '您訂的蛋糕明天上午十點可以取，記得帶訂單號',
  '林太，您上次問的蘭花到貨了，幫您留了兩盆',
  'Hi Sarah, your jacket alteration is ready for pickup on Thursday',
  'Your table for four is booked for Friday at seven, see you then',
  'The pharmacy will close early on Sunday for stocktaking',
  'Thanks for your feedback on the delivery, we have refunded the fee',
  'Your library books are due back next Tuesday, renew in the app',
];

function tsv(rows: Array<[string, string]>): string {
  return ['label\ttext', ...rows.map(([l, t]) => `${l}\t${t}`)].join('\n') + '\n';
}

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-test-'));
  writeFileSync(join(dir, 'train.tsv'), tsv([...NOISE.map((t) => ['noise', t] as [string, string]), ...OK.map((t) => ['ok', t] as [string, string])]));
  return dir;
}

/** A model file trained in-process on the messages above (min-count 1: the set is tiny). */
function modelFile(): string {
  const dir = workdir();
  const data = readLabelled(join(dir, 'train.tsv'));
  writeFileSync(join(dir, 'model.json'), serializeModel(train(data, ['train.tsv'], { minCount: 1 })));
  return join(dir, 'model.json');
}

describe('features', () => {
  it('character 1–3-grams for Chinese, Traditional folded to Simplified', () => {
    const zh = featuresOf('免費領取').map((f) => f.feature);
    expect(zh).toEqual(expect.arrayContaining(['免', '免费', '免费领', '领取']));
    expect(featuresOf('免费领取').map((f) => f.feature)).toEqual(zh);
  });

  it('word unigrams and bigrams for English, width and case folded; numbers by shape', () => {
    const en = featuresOf('ＦＲＥＥ entry, text WIN to 80085').map((f) => f.feature);
    expect(en).toEqual(expect.arrayContaining(['free', 'free entry', 'text win', 'win to', '<num:5-6>']));
    expect(en).not.toContain('entry text'); // a comma breaks the pair
    expect(featuresOf('call 13812345678').map((f) => f.feature)).toContain('<num:7+>');
  });
});

describe('reading labelled files', () => {
  it('accepts noise/ok, spam/ham and 1/0, CSV with quotes and TSV with literal quotes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-read-'));
    writeFileSync(join(dir, 'a.csv'), 'id,label,text\n1,SPAM,"Win a prize, now"\n2,ham,"He said ""see you"""\n3,1,回复1领取\n4,0,您的订单已发货\n');
    expect(readLabelled(join(dir, 'a.csv')).map((r) => r.label)).toEqual([1, 0, 1, 0]);
    writeFileSync(join(dir, 'b.tsv'), 'label\ttext\nnoise\t"Free" means free\nok\tsee you at 5\n');
    const b = readLabelled(join(dir, 'b.tsv'));
    expect(b[0]!.norm).toBe('"free" means free');
  });

  it('names the file, line and row of every bad row; exit 2 on the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-bad-'));
    writeFileSync(join(dir, 'bad.csv'), 'label,text\nnoise,hi\nmaybe,hello\nok,\n');
    const r = cli(['learn', 'bad.csv', '-o', 'm.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv:3:1: row 2: label "maybe": expected noise | ok');
    expect(r.stderr).toContain('bad.csv:4:1: row 3: empty text');
  });

  it('a file without label and text columns is exit 2; a log without any reaction has no outcomes to learn from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-cols-'));
    writeFileSync(join(dir, 'x.csv'), 'kind,message\nnoise,hi\n');
    expect(cli(['learn', 'x.csv', '-o', 'm.json'], { cwd: dir }).stderr).toMatch(/x\.csv:1:1: expected a header row with `label` and `text`/);
    writeFileSync(join(dir, 'log.csv'), 'time,sender,recipient,text\n2026-11-01T10:00:00+08:00,s1,c1,hello\n');
    const r = cli(['learn', 'log.csv', '-o', 'm.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no outcomes to learn from/);
    expect(cli(['learn', '--help']).stdout).toMatch(/--outcomes/);
  });

  it('learns the text model from a log: texts customers opted out of, left or deleted over score higher than texts they kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-log-'));
    // own texts, three scripts: blasts that lose customers and service messages that do not
    const selling = [
      '限时秒杀，全场五折，今晚截止，快来抢购',
      '限時搶購，全店五折，今晚截止，立即下單',
      'Flash sale: everything half price, ends tonight, buy now',
      '爆款直降，买一送一，库存有限，马上抢',
      'Huge discount today only, buy two get one free, shop now',
    ];
    const service = [
      '您的订单已发货，快递单号稍后短信通知',
      '您的預約已確認，明天下午三點見',
      'Your parcel was delivered to the front desk at 3 pm',
      '您反馈的问题已处理完毕，如有疑问请回复',
      'Your appointment is confirmed for Tuesday at 10 am',
    ];
    const rows = ['time,sender,recipient,text,direction,event'];
    let n = 0;
    const day = (d: number, h: number) => `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+08:00`;
    for (let d = 1; d <= 10; d++) {
      const texts = [...selling, ...service];
      texts.forEach((t, i) => {
        for (let c = 0; c < 4; c++) {
          const who = `c${i}_${c}_${d}`;
          rows.push(`${day(d, 10)},staff,${who},"${t}",,`);
          n++;
          if (i < selling.length && c < 2) rows.push(c === 0 ? `${day(d, 11)},${who},staff,TD,inbound,` : `${day(d, 11)},${who},staff,,,delete`);
        }
      });
    }
    writeFileSync(join(dir, 'log.csv'), rows.join('\n') + '\n');
    const r = cli(['learn', 'log.csv', '-o', 'm.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr + r.stdout).toMatch(new RegExp(`learned from ${n} sends of 10 distinct texts`));
    const json = readFileSync(join(dir, 'm.json'), 'utf8');
    expect(json).toMatch(/"labels": "outcomes"/);
    const m = loadModel(join(dir, 'm.json'));
    const p = (t: string) => predictNorm(m, normalize(t).norm).p;
    expect(p('秒杀五折，今晚截止，快抢购')).toBeGreaterThan(p('您的订单已发货'));
    expect(p('Half price flash sale, buy now')).toBeGreaterThan(p('Your parcel was delivered'));
    // deterministic
    expect(cli(['learn', 'log.csv', '-o', 'm2.json'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'm2.json'), 'utf8')).toBe(json);
  });

  it('the shipped model is what `learn rules/model/train.tsv` writes, byte for byte (the trainer before weights, kept as the oracle)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-shipped-'));
    const r = cli(['learn', 'rules/model/train.tsv', '-o', join(dir, 'default.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'default.json'), 'utf8')).toBe(readFileSync('rules/model/default.json', 'utf8'));
  });

  it('a CSV is a log when its header is a log header as `logs` reads it, and has no label column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-head-'));
    const is = (name: string, header: string) => {
      writeFileSync(join(dir, name), header + '\n');
      return looksLikeLog(join(dir, name));
    };
    expect(is('a.csv', '發送時間,發送人,客戶,訊息內容')).toBe(true);
    expect(is('b.csv', '"Sent At","Customer","Message"')).toBe(true);
    expect(is('c.tsv', 'timestamp\tbody')).toBe(true);
    expect(is('d.csv', 'label,text,time')).toBe(false);
    expect(is('e.csv', 'kind,message')).toBe(false); // no time column: not a log, and readLabelled says what is missing
  });

  it('the bundled outcomes log is learnable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-fixture-'));
    const r = cli(['learn', 'fixtures/logs/outcomes.csv', '-o', join(dir, 'm.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'm.json'), 'utf8')).toMatch(/"labels": "outcomes"/);
  });

  it('--outcomes reads a log and writes penalties scaled by what customers did, with the rates beside them; the snippet is a valid config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-outcomes-'));
    const out = join(dir, 'suggest.yaml');
    const r = cli(['learn', '--outcomes', 'fixtures/logs/outcomes.csv', '--min-sends', '1', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^rules:$/m);
    expect(text).toMatch(/penalty: \d+ {2}# was \d+; sends with it lost [\d.]+% \(n=\d+\), without [\d.]+% \(n=\d+\)/);
    // the snippet is a config the tool accepts
    expect(cli(['check', 'fixtures/drafts.yaml', '-c', out, '--format', 'json']).code).not.toBe(2);
    // too few sends: nothing suggested, said so
    const none = cli(['learn', '--outcomes', 'fixtures/logs/outcomes.csv', '-o', join(dir, 'none.yaml')]);
    expect(none.code).toBe(0);
    expect(readFileSync(join(dir, 'none.yaml'), 'utf8')).toMatch(/rules: \{\}[\s\S]*Not enough sends to judge/);
  });

  it('needs both classes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-learn-one-'));
    writeFileSync(join(dir, 'one.tsv'), tsv([['ok', 'see you at five']]));
    expect(cli(['learn', 'one.tsv', '-o', 'm.json'], { cwd: dir }).stderr).toMatch(/needs both classes/);
  });
});

describe('scrm-audit learn', () => {
  it('writes a byte-identical model for the same inputs, with version, kind and sorted weights', () => {
    const dir = workdir();
    expect(cli(['learn', 'train.tsv', '-o', 'a.json', '--min-count', '1'], { cwd: dir }).code).toBe(0);
    expect(cli(['learn', 'train.tsv', '-o', 'b.json', '--min-count', '1'], { cwd: dir }).code).toBe(0);
    const a = readFileSync(join(dir, 'a.json'), 'utf8');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(a);
    const m = JSON.parse(a) as { version: number; kind: string; weights: Array<[string, number]>; training: { messages: number } };
    expect(m.version).toBe(1);
    expect(m.kind).toBe('logistic-regression');
    expect(m.training.messages).toBe(24);
    const names = m.weights.map((w) => w[0]);
    expect([...names].sort()).toEqual(names);
  });

  it('caps the vocabulary', () => {
    const dir = workdir();
    cli(['learn', 'train.tsv', '-o', 'm.json', '--min-count', '1', '--max-features', '50'], { cwd: dir });
    expect((JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')) as { weights: unknown[] }).weights.length).toBeLessThanOrEqual(50);
  });

  it('refuses to write the model over its input', () => {
    const dir = workdir();
    expect(cli(['learn', 'train.tsv', '-o', 'train.tsv'], { cwd: dir }).code).toBe(2);
  });
});

describe('learned-noise', () => {
  const file = modelFile();
  const model = loadModel(file);

  it('the model ranks unseen noise above unseen ok messages in all three scripts', () => {
    const p = (t: string) => predictNorm(model, normalize(t).norm).p;
    expect(p('恭喜您获得免费大礼包，立即回复领取')).toBeGreaterThan(p('您订的围巾到店了，周末来试试'));
    expect(p('免費領取禮品，立即點擊連結')).toBeGreaterThan(p('您預約的時間改到週四下午'));
    expect(p('You have won a free prize, claim now')).toBeGreaterThan(p('Your table is booked for Friday'));
  });

  const drafts = (text: string) => JSON.stringify({ version: 1, campaigns: [{ id: 'c1', channel: 'direct', audience: { tags: ['会员'] }, messages: [text] }] });

  it('never fires without a model', () => {
    expect(findings(audit(drafts('恭喜您被抽中免费领取大礼包，回复1立即领取')), 'learned-noise')).toEqual([]);
  });

  it.each([
    '恭喜您抽中免费大礼包，回复1立即领取',
    '恭喜您中獎，免費領取禮品，立即回覆',
    'Congratulations, you won a free prize! Reply CLAIM now',
  ])('fires on %s, naming the n-grams that weighed most; points follow p', (text) => {
    const config = withModel(defaultConfig(), file);
    const f = findings(audit(drafts(text), { config }), 'learned-noise');
    expect(f).toHaveLength(1);
    const p = f[0]!.probability as number;
    expect(p).toBeGreaterThanOrEqual(0.5);
    expect(Number.isFinite(f[0]!.penalty) && f[0]!.penalty >= 0).toBe(true);
    // penalty 20 × (p − 0.5)/0.5 × direct weight 1.2, to one decimal
    expect(f[0]!.penalty).toBeCloseTo(Math.round(20 * ((p - 0.5) / 0.5) * 1.2 * 10) / 10, 0);
    const ngrams = f[0]!.ngrams as string[];
    expect(ngrams.length).toBeGreaterThan(0);
    expect(f[0]!.excerpt).toContain(ngrams[0]!);
    expect(f[0]!.message).toMatch(/likely noise; what weighed most: /);
  });

  it.each([
    '王姐，您订的羊绒围巾到了，给您留了一条灰色的',
    '陳老師，您訂的書到了，放在前台',
    'Hi Sarah, your alteration is ready for pickup on Thursday',
  ])('does not fire on %s (p under the threshold)', (text) => {
    expect(findings(audit(drafts(text), { config: withModel(defaultConfig(), file) }), 'learned-noise')).toEqual([]);
  });

  it('a relative model: in the config is relative to the config file', () => {
    const dir = file.replace(/model\.json$/, '');
    const cfg = parseConfig({ model: 'model.json' }, join(dir, '.scrm-audit.yaml'));
    expect(cfg.model).toBe(file);
    expect(cfg.rules['learned-noise']!.options!.model).toBe(file);
  });

  it('check --model and the config model: report learned-noise; a broken model is exit 2 naming it', () => {
    const dir = file.replace(/model\.json$/, '');
    writeFileSync(join(dir, 'd.json'), drafts('恭喜您抽中免费大礼包，回复1立即领取'));
    const byOption = cli(['check', 'd.json', '--model', 'model.json', '--format', 'json'], { cwd: dir });
    expect(byOption.stdout).toContain('"ruleId": "learned-noise"');
    writeFileSync(join(dir, 'cfg.yaml'), 'model: model.json\n');
    expect(cli(['check', 'd.json', '-c', 'cfg.yaml', '--format', 'json'], { cwd: dir }).stdout).toContain('"ruleId": "learned-noise"');
    writeFileSync(join(dir, 'broken.json'), '{"format": "something else"}');
    const bad = cli(['check', 'd.json', '--model', 'broken.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/broken\.json: not a model file/);
    expect(cli(['check', 'd.json', '--model', 'missing.json'], { cwd: dir }).code).toBe(2);
  });

  it('logs --model scores each row', () => {
    const dir = file.replace(/model\.json$/, '');
    writeFileSync(join(dir, 'log.csv'), 'time,sender,channel,recipient,text\n2026-11-03T10:00:00+08:00,s1,direct,c1,恭喜您抽中免费大礼包，回复1立即领取\n2026-11-03T11:00:00+08:00,s1,direct,c2,您预约的时间改到周四下午三点\n');
    const r = cli(['logs', 'log.csv', '--model', 'model.json', '--format', 'json', '--timezone', 'Asia/Shanghai'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { campaigns: Array<{ findings: Array<{ ruleId: string; row?: number }> }> };
    const rows = report.campaigns.flatMap((c) => c.findings).filter((f) => f.ruleId === 'learned-noise').map((f) => f.row);
    expect(rows).toEqual([1]);
  });

  it('is listed by rules and explained', () => {
    expect(cli(['rules']).stdout).toContain('learned-noise');
    expect(cli(['explain', 'learned-noise']).stdout).toMatch(/scrm-audit learn/);
  });
});
