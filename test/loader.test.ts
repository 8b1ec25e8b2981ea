import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDrafts, loadDraftsFile } from '../src/drafts/load.js';
import { InputError } from '../src/errors.js';
import { parseDateTime } from '../src/time.js';
import { audit, findings } from './helpers.js';

const lines = (...l: string[]) => l.join('\n') + '\n';

/** Where the @all ping of each campaign is reported. */
function pingAt(yaml: string, file = 'drafts.yaml') {
  return findings(audit(yaml, { file }), 'mass-mention').map((f) => ({ id: f.campaignId, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, excerpt: f.excerpt }));
}

/** The InputError a draft raises. */
function error(yaml: string, file = 'drafts.yaml'): InputError {
  try {
    loadDrafts(yaml, file, { timezone: 'UTC' });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('finding positions point at the offending text', () => {
  it.each([
    ['plain scalar', lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages:', '      - 今晚见 @所有人 大家好'), { line: 6, column: 13, endLine: 6, endColumn: 17, excerpt: '@所有人' }],
    ['single-quoted with an escaped quote', lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages:', "      - 'It''s on: @all welcome'"), { line: 6, column: 20, endLine: 6, endColumn: 24, excerpt: '@all' }],
    ['double-quoted with escapes', lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages:', '      - "Line\\tone \\"q\\" \\u4F60 @everyone here"'), { line: 6, column: 33, endLine: 6, endColumn: 42, excerpt: '@everyone' }],
    ['double-quoted over several lines', lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages:', '      - "first \\', '        joined @all and', '        folded"'), { line: 7, column: 16, endLine: 7, endColumn: 20, excerpt: '@all' }],
    ['literal block |', lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages:', '      - text: |', '          第一行', '            缩进行 @全体成员 看这里'), { line: 8, column: 17, endLine: 8, endColumn: 22, excerpt: '@全体成员' }],
    ['folded block >', lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages:', '      - text: >', '          folded first line', '          second line @here now'), { line: 8, column: 23, endLine: 8, endColumn: 28, excerpt: '@here' }],
    ['flow sequence', lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages: ["a", "b @channel c"]'), { line: 5, column: 24, endLine: 5, endColumn: 32, excerpt: '@channel' }],
    ['full-width ＠ in Traditional script', lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages:', '      - 本週六＠全體成員 改期'), { line: 6, column: 12, endLine: 6, endColumn: 17, excerpt: '＠全體成員' }],
  ])('%s', (_name, yaml, pos) => {
    expect(pingAt(yaml)).toEqual([{ id: 'c', ...pos }]);
  });

  it('in JSON, through \\n and \\u escapes', () => {
    const json = '{"version":1,"campaigns":[{"id":"j","channel":"group","messages":[{"text":"\\u4f60\\u597d\\n\\t@\\u6240\\u6709\\u4eba go"}]}]}';
    const col = json.indexOf('@') + 1;
    expect(pingAt(json, 'drafts.json')).toEqual([{ id: 'j', line: 1, column: col, endLine: 1, endColumn: col + '@\\u6240\\u6709\\u4eba'.length, excerpt: '@所有人' }]);
  });

  it('each message keeps its own line and column', () => {
    const cs = loadDrafts(lines('version: 1', 'campaigns:', '  - id: c', '    channel: group', '    messages:', '      - 第一条', '      - text: "  第二条"', '        id: second'), 'd.yaml');
    expect(cs[0]!.messages.map((m) => [m.id, m.line, m.column])).toEqual([['m1', 6, 9], ['second', 7, 18]]); // the first non-blank character
  });
});

describe('campaign fields', () => {
  const yaml = lines(
    'version: 1',
    'defaults:',
    '  channel: direct',
    '  timezone: Asia/Tokyo',
    '  kind: marketing',
    '  audience: { segment: vip, tags: [咖啡], size: 100 }',
    '  group: { name: 默认群, type: promo }',
    'campaigns:',
    '  - id: inherits',
    '    messages: [你好]',
    '  - id: overrides',
    '    channel: group',
    '    timezone: Europe/London',
    '    kind: service',
    '    audience: { tags: [茶, 茶具] }',
    '    group: 分享群',
    '    send_at: 2026-11-11T09:00:00',
    '    messages:',
    '      - 你好',
    '      - id: r',
    '        text: 在的',
    '        reply_to: 有人吗？',
  );
  const [a, b] = loadDrafts(yaml, 'd.yaml', { timezone: 'UTC' });

  it('inherit defaults', () => {
    expect(a).toMatchObject({ id: 'inherits', channel: 'direct', timezone: 'Asia/Tokyo', kind: 'marketing', audience: { segment: 'vip', tags: ['咖啡'], size: 100 }, group: { name: '默认群', type: 'promo', typeSource: 'declared' } });
  });

  it('override defaults, audience field by field', () => {
    expect(b).toMatchObject({ channel: 'group', timezone: 'Europe/London', kind: 'service', audience: { segment: 'vip', tags: ['茶', '茶具'], size: 100 }, group: { name: '分享群', typeSource: 'unknown' } });
  });

  it('messages may be plain strings or mappings with id and reply_to', () => {
    expect(b!.messages.map((m) => ({ id: m.id, text: m.text, replyTo: m.replyTo }))).toEqual([
      { id: 'm1', text: '你好', replyTo: undefined },
      { id: 'r', text: '在的', replyTo: '有人吗？' },
    ]);
  });

  it('reads send_at and schedule; a time without offset is in the campaign’s own zone', () => {
    expect(b!.sendTimes).toEqual(['2026-11-11T09:00:00']);
    expect(parseDateTime(b!.sendTimes[0]!, b!.timezone)).toBe(Date.UTC(2026, 10, 11, 9, 0)); // London is on GMT in November
    const [c] = loadDrafts(lines('version: 1', 'campaigns:', '  - id: s', '    channel: sms', '    timezone: Asia/Shanghai', '    schedule: [2026-11-11T09:00:00+08:00, 2026-11-12 10:00, "2026-11-13T10:00:00Z"]', '    messages: [x]'), 'd.yaml');
    expect(c!.sendTimes).toEqual(['2026-11-11T09:00:00+08:00', '2026-11-12 10:00', '2026-11-13T10:00:00Z']);
    expect(parseDateTime(c!.sendTimes[1]!, c!.timezone)).toBe(Date.UTC(2026, 10, 12, 2, 0));
    // both at once is ambiguous (issue 14): an input error, not a silent merge
    expect(() => loadDrafts(lines('campaigns:', '  - id: s', '    channel: sms', '    send_at: 2026-11-11T09:00:00+08:00', '    schedule: [2026-11-12 10:00]', '    messages: [x]'), 'd.yaml')).toThrow(/campaigns\[0\]\.schedule: give either send_at .* or schedule/);
  });

  it('reads kind: transactional, the RULEBOOK’s word, as service — in a campaign and in defaults', () => {
    const [c] = loadDrafts(lines('campaigns:', '  - id: t', '    channel: sms', '    kind: transactional', '    messages: [x]'), 'd.yaml');
    expect(c!.kind).toBe('service');
    const [d] = loadDrafts(lines('defaults: { kind: transactional }', 'campaigns:', '  - id: t', '    channel: sms', '    messages: [x]'), 'd.yaml');
    expect(d!.kind).toBe('service');
    expect(error(lines('campaigns:', '  - id: t', '    channel: sms', '    kind: receipt', '    messages: [x]')).message).toMatch(/campaigns\[0\]\.kind: expected marketing \| service \| transactional, got "receipt"/);
  });

  it('without a zone anywhere in the file, uses the caller’s', () => {
    const [c] = loadDrafts(lines('campaigns:', '  - id: x', '    channel: sms', '    messages: [x]'), 'd.yaml', { timezone: 'America/New_York' });
    expect(c!.timezone).toBe('America/New_York');
  });

  it('tags may be a comma-separated string in either script’s punctuation', () => {
    const [c] = loadDrafts(lines('campaigns:', '  - id: x', '    channel: direct', '    audience: { tags: "英短, 幼猫，布偶、cat" }', '    messages: [x]'), 'd.yaml');
    expect(c!.audience.tags).toEqual(['英短', '幼猫', '布偶', 'cat']);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    expect(loadDrafts('\uFEFF' + lines('campaigns:', '  - id: x', '    channel: sms', '    messages: [x]'), 'd.yaml')).toHaveLength(1);
  });

  it('reads files from disk, JSON included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-loader-'));
    const file = join(dir, 'd.json');
    writeFileSync(file, JSON.stringify({ version: 1, campaigns: [{ id: 'j', channel: 'sms', messages: ['hi'] }] }));
    expect(loadDraftsFile(file)[0]).toMatchObject({ id: 'j', source: file });
  });
});

describe('validation errors name the file, the line and the field path', () => {
  it.each([
    [
      'a bad channel',
      lines('version: 1', 'campaigns:', '  - { id: a, channel: group, messages: [x] }', '  - { id: b, channel: sms, messages: [x] }', '  - id: c', '    channel: wechat', '    messages: [x]'),
      6, 14, 'campaigns[2].channel: expected group | direct | moments | sms, got "wechat"',
    ],
    ['a missing id', lines('campaigns:', '  - channel: group', '    messages: [x]'), 2, 5, 'campaigns[0].id: is required'],
    ['a duplicate id', lines('campaigns:', '  - { id: a, channel: sms, messages: [x] }', '  - { id: a, channel: sms, messages: [y] }'), 3, 11, 'campaigns[1].id: duplicate id "a" (first used at line 2)'],
    ['no channel anywhere', lines('campaigns:', '  - id: a', '    messages: [x]'), 2, 5, 'campaigns[0].channel: is required'],
    ['a bad default channel', lines('defaults: { channel: fax }', 'campaigns:', '  - { id: a, messages: [x] }'), 1, 22, 'defaults.channel: expected group | direct | moments | sms'],
    ['no messages', lines('campaigns:', '  - id: a', '    channel: sms'), 2, 5, 'campaigns[0].messages: is required'],
    ['a message without text', lines('campaigns:', '  - id: a', '    channel: sms', '    messages:', '      - id: m1'), 5, 9, 'campaigns[0].messages[0].text: is required'],
    ['a bad send time', lines('campaigns:', '  - id: a', '    channel: sms', '    send_at: tomorrow 9am', '    messages: [x]'), 4, 14, 'campaigns[0].send_at: expected an ISO 8601 date-time'],
    ['a bad schedule entry', lines('campaigns:', '  - id: a', '    channel: sms', '    schedule: [2026-11-11T09:00:00, 2026-02-30T09:00:00]', '    messages: [x]'), 4, 37, 'campaigns[0].schedule[1]: expected an ISO 8601 date-time'],
    ['an unknown time zone', lines('campaigns:', '  - id: a', '    channel: sms', '    timezone: Asia/Beijing', '    messages: [x]'), 4, 15, 'campaigns[0].timezone: unknown time zone "Asia/Beijing"'],
    ['tags that are not a list', lines('campaigns:', '  - id: a', '    channel: sms', '    audience: { tags: { a: 1 } }', '    messages: [x]'), 4, 23, 'campaigns[0].audience.tags: expected a list of strings'],
    ['a negative audience size', lines('campaigns:', '  - id: a', '    channel: sms', '    audience: { size: -5 }', '    messages: [x]'), 4, 23, 'campaigns[0].audience.size: expected a whole number'],
    ['a bad group type', lines('campaigns:', '  - id: a', '    channel: group', '    group: { name: x, type: chat }', '    messages: [x]'), 4, 29, 'campaigns[0].group.type: expected sharing | service | promo | vip'],
    ['an ignore without a reason', lines('campaigns:', '  - id: a', '    channel: group', '    messages:', '      - text: "@所有人 停业"', '        ignore: [{ rule: mass-mention }]'), 6, 18, 'campaigns[0].messages[0].ignore[0].reason: is required'],
    ['a version other than 1', lines('version: 2', 'campaigns: []'), 1, 10, 'version: expected 1'],
    ['a list at the top level', lines('- id: a'), 1, 1, 'expected a mapping with `campaigns:`'],
    ['no campaigns', lines('version: 1'), 1, 1, 'campaigns: is required'],
    ['a YAML syntax error', lines('campaigns:', '  - id: a', '    messages: [x', '  - id: b'), 4, 3, 'invalid YAML'],
    ['a duplicate key', lines('campaigns:', '  - id: a', '    id: b', '    channel: sms', '    messages: [x]'), 3, 5, 'invalid YAML: Map keys must be unique'],
  ])('%s', (_name, yaml, line, column, message) => {
    const e = error(yaml);
    expect(e.file).toBe('drafts.yaml');
    expect(e.line).toBe(line);
    expect(e.column).toBe(column);
    expect(e.message).toContain(message);
    expect(e.format()).toMatch(new RegExp(`^drafts\\.yaml:${line}:${column}: `));
  });

  it('names invalid JSON as JSON', () => {
    const e = error('{"campaigns": [', 'drafts.json');
    expect(e.message).toMatch(/^invalid JSON/);
    expect(e.format()).toMatch(/^drafts\.json:1:\d+: /);
  });

  it('refuses binary files and names missing ones', () => {
    expect(error('campaigns:\u0000').message).toMatch(/not a text file/);
    expect(() => loadDraftsFile('/no/such/drafts.yaml')).toThrow(/file not found/);
  });
});
