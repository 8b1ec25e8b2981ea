/** `check` inputs for copy repositories: folders, globs, Markdown copy files (CONTRACTS §6). */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from './helpers.js';
import { check, configKeeping, positionOf, tree } from './ci-helpers.js';
import { expandInputs } from '../src/check.js';
import { loadMarkdown } from '../src/drafts/markdown.js';
import { InputError } from '../src/errors.js';
import type { Report } from '../src/report/report.js';

const fm = (fields: string, body: string) => `---\n${fields.trim()}\n---\n${body}`;

function runJson(args: string[], cwd: string): { code: number | null; report?: Report; stderr: string } {
  writeFileSync(join(cwd, 'only-core.yaml'), configKeeping());
  const r = cli(['check', ...args, '--format', 'json', '--lang', 'en', '--config', 'only-core.yaml'], { cwd });
  return { code: r.code, report: r.stdout ? (JSON.parse(r.stdout) as Report) : undefined, stderr: r.stderr };
}

describe('folders', () => {
  it('audits YAML drafts and Markdown copy in the sample copy repository, and skips README.md and package.json', () => {
    const files = expandInputs(['fixtures/copy-repo'], ROOT);
    expect(files).toEqual([
      'fixtures/copy-repo/campaigns.yaml',
      'fixtures/copy-repo/copy/cat-litter-pivot.md',
      'fixtures/copy-repo/copy/en-spa-sms.md',
      'fixtures/copy-repo/copy/tw-tea-moments.md',
    ]);
  });

  it('skips JSON and YAML that are not drafts (package.json, a tsconfig with comments, a compose file) but fails on a broken draft', () => {
    const dir = tree({
      'package.json': '{ "name": "x", "private": true }',
      'tsconfig.json': '{\n  // comments are not JSON\n  "compilerOptions": {}\n}\n',
      'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
      'ci/pipeline.yml': 'jobs:\n  campaigns:\n    run: echo nested key, not drafts\n',
      'notes/README.md': '# Notes\n\nNot copy.\n',
      'notes/page.md': '---\ntitle: A docs page with front matter but no channel\n---\nHello\n',
      'copy/a.md': fm('channel: group', '@所有人 今晚八点直播\n'),
    });
    const { code, report } = runJson(['.'], dir);
    expect(code).not.toBe(2);
    expect(report!.campaigns.map((c) => c.source)).toEqual(['copy/a.md']);

    writeFileSync(join(dir, 'broken.yaml'), 'campaigns:\n  - id: x\n    channel: wechat\n    messages: [hi]\n');
    const broken = runJson(['.'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.yaml:3:14');
  });

  it('a file named explicitly must be drafts: package.json and a README are errors (exit 2)', () => {
    const pkg = cli(['check', 'fixtures/copy-repo/package.json']);
    expect(pkg.code).toBe(2);
    expect(pkg.stderr).toMatch(/^scrm-audit: fixtures\/copy-repo\/package\.json:1:1: campaigns: is required/);
    const readme = cli(['check', 'fixtures/copy-repo/README.md']);
    expect(readme.code).toBe(2);
    expect(readme.stderr).toMatch(/README\.md:1:1: no front matter/);
    expect(readme.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a folder without drafts is an input error', () => {
    const dir = tree({ 'README.md': '# nothing here\n' });
    const r = cli(['check', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no drafts found in \./);
  });
});

describe('globs', () => {
  const dir = tree({
    'copy/2026/a.md': fm('channel: group', '@all sale tonight\n'),
    'copy/2026/b.md': fm('channel: group', '@everyone hello\n'),
    'copy/2027/c.md': fm('channel: group', '@全体成员 明天见\n'),
    'copy/2027/d.yaml': 'campaigns:\n  - id: d\n    channel: group\n    messages: ["@所有人 hi"]\n',
    'copy/2027/package.json': '{"name":"x"}',
    'node_modules/pkg/e.md': fm('channel: group', '@all from a dependency\n'),
  });
  const sources = (args: string[]) => runJson(args, dir).report!.campaigns.map((c) => c.source);

  it('** walks folders; node_modules and non-drafts are left out', () => {
    expect(sources(['**/*.md'])).toEqual(['copy/2026/a.md', 'copy/2026/b.md', 'copy/2027/c.md']);
    expect(sources(['copy/**/*'])).toEqual(['copy/2026/a.md', 'copy/2026/b.md', 'copy/2027/c.md', 'copy/2027/d.yaml']);
  });

  it('* stays in one folder, ? matches one character, {a,b} either', () => {
    expect(sources(['copy/*/c.md'])).toEqual(['copy/2027/c.md']);
    expect(sources(['copy/2026/?.md'])).toEqual(['copy/2026/a.md', 'copy/2026/b.md']);
    expect(sources(['copy/{2026/a,2027/c}.md'])).toEqual(['copy/2026/a.md', 'copy/2027/c.md']);
    expect(sources(['copy/2027/*.{md,yaml}'])).toEqual(['copy/2027/c.md', 'copy/2027/d.yaml']);
  });

  it('files, folders and globs combine without duplicates', () => {
    expect(sources(['copy/2026/a.md', 'copy/2026', '**/a.md'])).toEqual(['copy/2026/a.md', 'copy/2026/b.md']);
  });

  it('a glob that matches nothing is an input error', () => {
    const r = runJson(['copy/**/*.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no files match copy/**/*.txt');
  });
});

describe('Markdown copy files', () => {
  it('reports positions in the .md file, like YAML (Simplified Chinese, with an editor comment above)', () => {
    const src = fm(
      'id: cat-group\nchannel: group\ngroup:\n  name: 养猫交流群\n  type: sharing',
      '<!-- 编辑备注：周五前定稿 -->\n@所有人 新款猫粮到手价99元，点击下单\n',
    );
    const r = check(src, { file: 'copy/cat.md' });
    const mm = r.campaigns[0]!.findings.find((f) => f.ruleId === 'mass-mention')!;
    expect(mm.file).toBe('copy/cat.md');
    expect(mm.excerpt).toBe('@所有人');
    expect({ line: mm.line, column: mm.column }).toEqual(positionOf(src, '@所有人'));
    expect(mm.endColumn).toBe(mm.column + '@所有人'.length);
    const sell = r.campaigns[0]!.findings.find((f) => f.ruleId === 'off-topic-selling')!;
    expect({ line: sell.line, column: sell.column }).toEqual(positionOf(src, sell.excerpt));
  });

  it('the comment is not part of the message (a note mentioning @所有人 does not fire)', () => {
    const src = fm('channel: group', '<!-- 这次不要用 @所有人 -->\n周末读书会照常，欢迎带上最近在读的书。\n');
    expect(check(src, { file: 'x.md' }).summary.findings).toBe(0);
  });

  it('splits messages at a line `---`, with ids m1, m2 and their own lines (Traditional Chinese, CRLF)', () => {
    const src = fm('id: tw\r\nchannel: group', '本週六課程照常。\r\n\r\n---\r\n\r\n@全體成員 週日改到下午兩點\r\n').replace(/(?<!\r)\n/g, '\r\n');
    const c = check(src, { file: 'tw.md' }).campaigns[0]!;
    expect(c.messages.map((m) => [m.id, m.line])).toEqual([
      ['m1', positionOf(src, '本週六').line],
      ['m2', positionOf(src, '@全體成員').line],
    ]);
    const f = c.findings.find((x) => x.ruleId === 'mass-mention')!;
    expect(f.messageId).toBe('m2');
    expect(f.excerpt).toBe('@全體成員');
    expect({ line: f.line, column: f.column }).toEqual(positionOf(src, '@全體成員'));
  });

  it('takes per-message fields from the front matter `messages:` list and the text from the body (English)', () => {
    const src = fm(
      'channel: group\nmessages:\n  - id: intro\n  - id: ping\n    ignore:\n      - rule: mass-mention\n        reason: Safety notice every member must see',
      'The pool is closed today.\n---\n@everyone please use the side entrance.\n',
    );
    const c = check(src, { file: 'pool.md' }).campaigns[0]!;
    expect(c.messages.map((m) => m.id)).toEqual(['intro', 'ping']);
    expect(c.findings).toEqual([]);
    expect(c.suppressed.map((s) => [s.ruleId, s.messageId, s.reason])).toEqual([['mass-mention', 'ping', 'Safety notice every member must see']]);
  });

  it('defaults the campaign id to the file name and accepts messages written in the front matter', () => {
    const [c] = loadMarkdown(fm('channel: direct\nmessages:\n  - "Hi {{name}}, your order shipped."', ''), 'copy/order-shipped.md');
    expect(c!.id).toBe('order-shipped');
    expect(c!.messages[0]!.text).toBe('Hi {{name}}, your order shipped.');
    expect(c!.messages[0]!.line).toBe(4);
  });

  it('validates the front matter like drafts, naming the .md line and column', () => {
    const err = (src: string): InputError => {
      try {
        loadMarkdown(src, 'copy/x.md');
      } catch (e) {
        return e as InputError;
      }
      throw new Error('no error');
    };
    const bad = err(fm('id: x\nchannel: wechat', 'hello\n'));
    expect(bad.format()).toBe('copy/x.md:3:10: channel: expected group | direct | moments | sms, got "wechat"');
    expect(err('no front matter here\n').format()).toMatch(/^copy\/x\.md:1:1: no front matter/);
    expect(err('---\nchannel: group\nhello\n').format()).toMatch(/^copy\/x\.md:1:1: front matter is not closed/);
    expect(err(fm('channel: group', '\n\n')).format()).toMatch(/^copy\/x\.md:3:1: no message/);
    expect(err(fm('channel: group', 'one\n---\n---\nthree\n')).message).toMatch(/message 2 is empty/);
    expect(err(fm('channel: group\nmessages: [{ id: a }]', 'one\n---\ntwo\n')).format()).toMatch(/^copy\/x\.md:3:11: messages: lists 1 message\(s\) but the body has 2/);
    expect(err(fm('channel: group\nmessages:\n  - text: hi', 'body\n')).format()).toMatch(/^copy\/x\.md:4:5: messages\[0\]\.text: the text comes from the body/);
    expect(err(fm('channel: [group', 'hi\n')).format()).toMatch(/^copy\/x\.md:3:1: invalid YAML in front matter/);
  });

  it('the CLI reports a Markdown error as file:line:col with exit 2', () => {
    const dir = tree({ 'copy/bad.md': fm('channel: group\naudience:\n  size: many', 'hi\n') });
    const r = cli(['check', 'copy'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('scrm-audit: copy/bad.md:4:9: audience.size: expected a whole number ≥ 0');
  });

  it('the sample copy repository audits with positions that point at the excerpts', () => {
    const r = runJson(['fixtures/copy-repo'], ROOT);
    for (const f of r.report!.campaigns.flatMap((c) => c.findings)) {
      const text = readFileSync(join(ROOT, f.file), 'utf8');
      const line = text.split('\n')[f.line - 1]!;
      expect(line.slice(f.column - 1, f.endColumn - 1)).toBe(f.excerpt);
    }
    expect(r.report!.campaigns.some((c) => c.source.endsWith('.md') && c.findings.length)).toBe(true);
  });
});
