/**
 * Fuzzing the CLI (issue 14): random drafts, configs, rule packs and CSV
 * logs, some well-formed and most not. Whatever comes in, the run ends with
 * exit 0, 1 or 2 — never an internal error or a stack trace — and every
 * input file is byte-identical afterwards. In-process (main()) so a few
 * hundred runs take seconds.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { runInProcess } from './in-process.js';

const run = runInProcess;

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isFile()) out.set(name, readFileSync(p).toString('base64'));
  }
  return out;
}

const STACK = /\n\s+at .+:\d+:\d+\)?/;

/** Text a user (or an attacker) might put anywhere: copy, control and bidi characters, YAML and CSV syntax. */
const hostile = fc.oneof(
  fc.constantFrom('@所有人 新品到手价99元，点击下单', '回T退订', '亲～家人们！！！', '最低价 仅剩3份 手慢无', '{{name}} 您的订单已发货', 'help me hit my target', ''),
  fc.constantFrom('\u001b[2J', '\u0007', '\u202Etxt.exe', '\u2066', '\u0000', '\r\n', '"', "'", ':', '- ', '&a', '*a', '<<', '#', ',', '\ufeff', '\ud800'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const text = fc.array(hostile, { maxLength: 4 }).map((a) => a.join(''));
const scalar = fc.oneof(text, fc.integer({ min: -5, max: 200 }), fc.double(), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(text, tie('v'), { maxKeys: 3 })),
})).v;

/** Mostly the valid thing, sometimes anything: random input that gets past the parser reaches the rules and the gate. */
const mostly = <T,>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown> = value) => fc.oneof({ arbitrary: valid, weight: 14 }, { arbitrary: other, weight: 1 });
const copy = fc.array(fc.oneof({ arbitrary: fc.constantFrom('@所有人 新品到手价99元，点击下单', '【萌爪】全场最低价 仅剩3份', '回T退订', '亲～家人们！！！🎉🎉🎉', '{{name}} 您的订单已发货', 'help me hit my target', '*仅限新用户'), weight: 3 }, { arbitrary: hostile, weight: 1 }), { minLength: 1, maxLength: 3 }).map((a) => a.join(' '));

const campaign = fc.record(
  {
    id: mostly(fc.constantFrom('a', 'b', 'c', 'kitten', '猫粮'), text),
    channel: mostly(fc.constantFrom('group', 'direct', 'moments', 'sms'), fc.constantFrom('fax', '', 3)),
    name: text,
    kind: mostly(fc.constantFrom('marketing', 'service'), fc.constant('x')),
    audience: mostly(fc.record({ segment: fc.constantFrom('all', 'cat-owners', ''), tags: fc.array(fc.constantFrom('英短', '幼猫', '狗'), { maxLength: 2 }), size: fc.nat({ max: 200000 }) }, { requiredKeys: [] })),
    group: mostly(fc.oneof(fc.constantFrom('萌爪养猫交流群', '福利群'), fc.record({ name: fc.oneof(fc.constantFrom('萌爪养猫交流群', '门店服务群'), text), type: fc.constantFrom('sharing', 'promo', 'vip', 'service') }, { requiredKeys: [] }))),
    send_at: mostly(fc.constantFrom('2026-11-11T23:30:00+08:00', '2026-11-11 09:00'), fc.constantFrom('soon', 3)),
    timezone: mostly(fc.constantFrom('Asia/Shanghai', 'Europe/London'), fc.constant('Mars/Base')),
    ignore: fc.array(fc.record({ rule: fc.constantFrom('mass-mention', 'false-urgency'), reason: fc.constantFrom('通知', 'ok') }), { maxLength: 1 }),
    messages: mostly(fc.array(fc.oneof(copy, fc.record({ text: copy, reply_to: fc.constantFrom('有人吗？', '我的猫粮还没到，怎么回事') }, { requiredKeys: ['text'] })), { minLength: 1, maxLength: 3 })),
  },
  { requiredKeys: ['id', 'channel', 'messages'] },
);
const drafts = fc.record({ version: mostly(fc.constant(1)), defaults: mostly(fc.record({ channel: fc.constantFrom('group', 'sms'), timezone: fc.constantFrom('Asia/Shanghai') }, { requiredKeys: [] })), campaigns: mostly(fc.uniqueArray(campaign, { selector: (c) => c.id, minLength: 1, maxLength: 3 })) }, { requiredKeys: ['campaigns'] });

const num = mostly(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 3, noNaN: true })), fc.oneof(fc.integer({ min: -10, max: 200 }), fc.constantFrom('x', null, Number.NaN, Infinity)));
const config = fc.record(
  {
    fail_under: num,
    fail_undr: fc.constant(1),
    max_warnings: mostly(fc.integer({ min: -1, max: 5 })),
    lang: mostly(fc.constantFrom('zh', 'en'), fc.constant('fr')),
    rules: fc.dictionary(
      mostly(fc.constantFrom('mass-mention', 'off-topic-selling', 'template-tone', 'false-urgency', 'quiet-hours', 'frequency-cap', 'absolute-claim', 'missing-opt-out'), fc.constant('templat-tone')),
      fc.oneof(
        fc.constantFrom('off', 'on', 'error', 'warning', 'loud'),
        fc.record({ severity: mostly(fc.constantFrom('error', 'info', 'warning'), fc.constant('fatal')), penalty: num }, { requiredKeys: [] }),
        fc.record({ options: fc.record({ context: fc.record({ selling: fc.record({ severity: fc.constantFrom('error', 'info'), factor: num }) }), answered: fc.record({ factor: num }), repeat_factor: num, emoji_run: num, start: mostly(fc.constantFrom('21:00', '23:30'), fc.constant('25:99')) }, { requiredKeys: [] }) }),
      ),
      { maxKeys: 3 },
    ),
    scoring: fc.record({ base: num, signal_cap: num, channel_weight: fc.dictionary(mostly(fc.constantFrom('sms', 'group'), fc.constant('fax')), num, { maxKeys: 2 }), grades: mostly(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }).map((g) => { const [A, B, C, D] = g.sort((a, b) => b - a); return { A, B, C, D }; }), fc.record({ A: num, B: num }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
).map((c) => {
  const out = { ...c } as Record<string, unknown>;
  if (Math.abs(JSON.stringify(c).length % 7) !== 0) delete out.fail_undr; // now and then a typo
  return out;
});
const pack = fc.record(
  {
    name: fc.constantFrom('fuzz-pack'),
    rules: fc.array(
      fc.record(
        {
          id: mostly(fc.constantFrom('t/a', 't/b'), fc.constantFrom('mass-mention', 'BAD id')),
          type: mostly(fc.constantFrom('lexicon', 'pattern'), fc.constantFrom('metric', 'x')),
          severity: mostly(fc.constantFrom('error', 'warning', 'info'), fc.constant('loud')),
          penalty: num,
          title: fc.constantFrom('t', '标题'),
          messages: fc.constantFrom('{excerpt}', 'x'),
          advice: fc.constantFrom('fix it', '改'),
          terms: fc.array(mostly(fc.constantFrom('最低价', '到手价', 'cure*', '仅剩#份'), text), { minLength: 1, maxLength: 3 }),
          patterns: fc.array(mostly(fc.constantFrom('a+', '\\d{2,}', '元'), fc.constantFrom('(a+)+$', '[', '(?<=x)y', '.{0,50000}', '(ha)\\1')), { minLength: 1, maxLength: 2 }),
        },
        { requiredKeys: ['id', 'type', 'severity', 'penalty', 'title', 'messages', 'advice'] },
      ).map((r) => {
        const { terms, patterns, ...rest } = r as Record<string, unknown>;
        return rest.type === 'pattern' ? { ...rest, patterns } : { ...rest, terms };
      }),
      { minLength: 1, maxLength: 2 },
    ),
  },
  { requiredKeys: ['name', 'rules'] },
);
const csv = fc
  .array(fc.tuple(mostly(fc.constantFrom('2026-11-11 09:00', '2026-11-11 23:10', '1731286800'), fc.constantFrom('x', '')), fc.constantFrom('staff1', '店长'), mostly(fc.constantFrom('group', 'sms', 'direct'), fc.constant('')), fc.constantFrom('wmCustomer0001', 'c2', ''), copy), { minLength: 1, maxLength: 5 })
  .chain((rows) => fc.tuple(fc.constant(rows), mostly(fc.constantFrom('time,sender,channel,recipient,text', '发送时间,发送人,渠道,客户,消息内容'), fc.constantFrom('a,b', '\u001b[2Jtime,text'))))
  .map(([rows, head]) => [head, ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\n'));

/** Serialise as YAML or JSON, now and then cut short or with a byte flipped. */
const serialised = (arb: fc.Arbitrary<unknown>) =>
  fc.tuple(arb, fc.constantFrom('yaml', 'json'), fc.oneof({ arbitrary: fc.constant(-1), weight: 8 }, { arbitrary: fc.nat({ max: 400 }), weight: 1 }), fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 })).map(([v, kind, cut, flip]) => {
    let s = kind === 'json' ? JSON.stringify(v) ?? 'null' : stringify(v, { aliasDuplicateObjects: false });
    if (cut >= 0 && cut < s.length) s = s.slice(0, cut);
    if (flip && s.length > 3) s = s.slice(0, s.length >> 1) + '\u0001' + s.slice((s.length >> 1) + 1);
    return { text: s, kind };
  });

/** Exit codes seen per suite: a fuzz run that only ever exits 2 would test nothing but the parser. */
const seen: Record<string, number[]> = {};

function checkOutcome(r: { code: number; stdout: string; stderr: string }, what: unknown, suite = 'x'): void {
  (seen[suite] ??= []).push(r.code);
  if (process.env.FUZZ_DEBUG && r.code === 2) console.log(suite, r.stderr.split("\n")[0]);
  expect([0, 1, 2], `exit ${r.code}: ${r.stderr}\n${JSON.stringify(what).slice(0, 2000)}`).toContain(r.code);
  expect(r.stderr, JSON.stringify(what).slice(0, 2000)).not.toContain('internal error');
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u202A-\u202E\u2066-\u2069]/); // text format: nothing raw
}

describe('fuzz: exit 0, 1 or 2 only, no internal error, inputs untouched', () => {
  it('drafts and configs', async () => {
    await fc.assert(
      fc.asyncProperty(serialised(drafts), fc.option(serialised(config), { nil: undefined }), fc.constantFrom('text', 'json', 'html'), async (d, c, format) => {
        const dir = mkdtempSync(join(tmpdir(), 'scrm-fuzz-'));
        writeFileSync(join(dir, `drafts.${d.kind}`), d.text);
        if (c) writeFileSync(join(dir, 'cfg.yaml'), c.text);
        const before = snapshot(dir);
        const r = await run(['check', dir, ...(c ? ['-c', join(dir, 'cfg.yaml')] : []), '-f', format, '--lang', 'en']);
        checkOutcome(format === 'text' ? r : { ...r, stdout: '' }, { d, c }, 'drafts');
        expect(snapshot(dir)).toEqual(before);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 120), seed: Number(process.env.FUZZ_SEED ?? 1414) },
    );
    expect(seen.drafts!.filter((c) => c !== 2).length, JSON.stringify(seen.drafts)).toBeGreaterThan(5);
  }, 60_000);

  it('rule packs', async () => {
    await fc.assert(
      fc.asyncProperty(serialised(pack), serialised(drafts), async (p, d) => {
        const dir = mkdtempSync(join(tmpdir(), 'scrm-fuzz-'));
        writeFileSync(join(dir, 'pack.yaml'), p.text);
        writeFileSync(join(dir, `drafts.${d.kind}`), d.text);
        const before = snapshot(dir);
        const r = await run(['check', join(dir, `drafts.${d.kind}`), '--rules-dir', join(dir, 'pack.yaml'), '--lang', 'en']);
        checkOutcome(r, { p, d }, 'packs');
        expect(snapshot(dir)).toEqual(before);
      }),
      { numRuns: Math.ceil(Number(process.env.FUZZ_RUNS ?? 120) / 2), seed: Number(process.env.FUZZ_SEED ?? 1415) },
    );
    expect(seen.packs!.filter((c) => c !== 2).length, JSON.stringify(seen.packs)).toBeGreaterThan(0);
  }, 60_000);

  it('CSV logs', async () => {
    await fc.assert(
      fc.asyncProperty(csv, async (text) => {
        const dir = mkdtempSync(join(tmpdir(), 'scrm-fuzz-'));
        writeFileSync(join(dir, 'log.csv'), text);
        const before = snapshot(dir);
        const r = await run(['logs', join(dir, 'log.csv'), '--no-progress', '--lang', 'en', '--timezone', 'Asia/Shanghai']);
        checkOutcome(r, { text }, 'logs');
        expect(snapshot(dir)).toEqual(before);
      }),
      { numRuns: Math.ceil(Number(process.env.FUZZ_RUNS ?? 120) / 3), seed: Number(process.env.FUZZ_SEED ?? 1416) },
    );
    expect(seen.logs!.filter((c) => c !== 2).length, JSON.stringify(seen.logs)).toBeGreaterThan(0);
  }, 60_000);
});
