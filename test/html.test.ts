import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { html } from '../src/formatters/html.js';
import { highlighted, locateExcerpt } from '../src/formatters/html/highlight.js';
import type { Report } from '../src/report/report.js';
import type { Lang } from '../src/types.js';
import { audit, cli, findings, one } from './helpers.js';

const render = (r: Report, lang: Lang = 'en') => html(r, { lang, color: false });
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
/** The page from the element with this id to the next panel or section. */
const part = (page: string, id: string) => {
  const at = page.indexOf(`id="${id}"`);
  expect(at, `#${id} present`).toBeGreaterThan(0);
  const ends = [page.indexOf('class="panel"', at), page.indexOf('</section>', at)].filter((i) => i > 0);
  return page.slice(at, Math.min(...ends));
};

const INJECTED = `<script>document.title='pwned'</script><img src=x onerror="document.title='pwned'">`;

const DRAFTS = `
version: 1
campaigns:
  - id: cat-food
    name: "<b>双11</b> 猫粮"
    channel: group
    group: { name: 萌爪养猫交流群 }
    audience: { segment: cat-owners, tags: [幼猫] }
    messages:
      - id: m1
        text: |
          @所有人 幼猫粮到手价99元，点击下单～
          ${INJECTED}
  - id: tw-pivot
    channel: group
    group: { name: 台北貓奴分享社 }
    messages:
      - reply_to: 我家咪咪第一次用貓砂！
        text: 好棒！順便推薦新款豆腐貓砂，現在買二送一，私我下單喔
  - id: en-notice
    channel: group
    group: { name: Downtown Yoga Members, type: service }
    messages:
      - "@all Heads-up: the studio is closed this Saturday; your bookings move to Sunday."
  - id: clean
    channel: moments
    messages:
      - 本周六下午两点烘焙体验课，报名请在评论区留言。
`;

describe('html: a self-contained page that runs and loads nothing but its own code', () => {
  const page = render(audit(DRAFTS));

  it('has a restrictive CSP whose hashes match the one inline style and script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    expect(csp).not.toContain('unsafe-inline');
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`style-src 'sha256-${sha(styles[0]!)}'`);
    expect(csp).toContain(`script-src 'sha256-${sha(scripts[0]!)}'`);
  });

  it('references nothing outside the file', () => {
    expect(page).not.toMatch(/(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/@import|url\(/);
    expect(page).not.toMatch(/<(?:link|img|iframe|object|embed)\b(?![^>]*href="data:)/i);
  });

  it('escapes message text, names and excerpts: markup shows as text, no handler attribute survives', () => {
    expect(page).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;');
    expect(page).toContain('&lt;b&gt;双11&lt;/b&gt; 猫粮');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>双11');
    const markup = page.replace(/<script>[\s\S]*?<\/script>/, '');
    expect(markup).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(markup).not.toMatch(/\sstyle\s*=/i); // the CSP would block them: everything styles by class
  });

  it('charts the findings by rule: one bar per rule and severity present', () => {
    const all = findings(audit(DRAFTS));
    const pairs = new Set(all.map((f) => `${f.ruleId}/${f.severity}`));
    const chart = part(page, 'chart-rules');
    expect(chart).toContain('<svg');
    expect([...chart.matchAll(/<rect class="bar sev-(\w+)"/g)]).toHaveLength(pairs.size);
    for (const id of new Set(all.map((f) => f.ruleId))) expect(chart).toContain(`>${id}<`);
  });

  it('charts each campaign score against the fail-under line', () => {
    const chart = part(page, 'chart-scores');
    expect([...chart.matchAll(/<rect class="bar grade-[a-f]"/g)]).toHaveLength(4);
    expect(chart).toContain('fail under 60');
  });

  it('highlights each finding inside its message text (Simplified, Traditional, English)', () => {
    expect(page).toMatch(/<mark class="sev-error" title="mass-mention: [^"]*">@所有人<\/mark>/);
    // the whole message also carries selling-pressure's info finding, so the tooltip may list it too; the worst (error) colours the mark
    expect(page).toMatch(/<mark class="sev-error" title="(?:[^"]*\n)?off-topic-selling: [^"]*">買二送一<\/mark>/);
    expect(page).toMatch(/<mark class="sev-info" title="mass-mention: [^"]*">@all<\/mark>/);
    // the table links to the highlight
    const anchor = /<span class="anchor" id="(f\d+-\d+)"><\/span><mark class="sev-error" title="mass-mention/.exec(page)?.[1];
    expect(page).toContain(`href="#${anchor}"`);
  });

  it('has a findings table with sortable headers and filters, one row per finding', () => {
    const table = page.slice(page.indexOf('id="findings-table"'), page.indexOf('</table>', page.indexOf('id="findings-table"')));
    expect([...table.matchAll(/<tr data-sev=/g)]).toHaveLength(findings(audit(DRAFTS)).length);
    expect([...table.matchAll(/<th aria-sort="none" data-type="(num|text)"><button type="button">/g)].length).toBe(8);
    expect(page).toContain('id="f-text"');
    expect(page).toContain('<option value="off-topic-selling">');
  });

  it('gives each campaign a score card with its fix advice, and says when a campaign is clean', () => {
    const card = page.slice(page.indexOf('id="c0"'), page.indexOf('id="c1"'));
    expect(card).toMatch(/<span class="score grade-[a-f]">\d+<\/span>/);
    expect(card).toContain('Signal-to-noise');
    expect(card).toContain('Intrusiveness');
    expect(card).toContain('→ Fix: ');
    const clean = page.slice(page.indexOf('id="c3"'));
    expect(clean).toContain('No findings');
  });

  it('is deterministic', () => {
    expect(render(audit(DRAFTS))).toBe(page);
  });
});

describe('html: languages and optional parts', () => {
  it('renders in Chinese with --lang zh', () => {
    const zh = render(audit(DRAFTS, { lang: 'zh' }), 'zh');
    expect(zh).toContain('<html lang="zh-CN">');
    for (const s of ['审核报告', '全部问题', '信噪比', '打扰度', '按规则分组的问题', '建议']) expect(zh).toContain(s);
    expect(zh).not.toContain('All findings');
  });

  it('renders in English', () => {
    const en = render(audit(DRAFTS));
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('All findings');
    expect(en).not.toContain('全部问题');
  });

  it('shows the trust profile when the report has one, and not otherwise', () => {
    const r = audit(one('@所有人 进口猫粮到手价99元，点击下单', { group: { name: '萌爪养猫交流群' } }));
    expect(r.campaigns[0]!.trust).toBeDefined();
    const withTrust = render(r);
    for (const s of ['Credibility', 'Reliability', 'Intimacy', 'Self-orientation']) expect(withTrust).toContain(s);
    expect(withTrust).toContain(r.campaigns[0]!.trust!.credibility.toFixed(2));
    const without = structuredClone(r);
    delete without.campaigns[0]!.trust;
    expect(render(without)).not.toContain('Credibility');
  });

  it('renders a report with no findings', () => {
    const r = audit(one('本周六下午两点烘焙体验课，报名请在评论区留言。', { channel: 'moments' }));
    const page = render(r);
    expect(page).toContain('No findings');
    expect(page).not.toContain('id="findings-table"');
  });
});

describe('html: logs statistics', () => {
  const logReport = (): Report => ({
    ...audit(one('@所有人 今晚秒杀，点击下单', { group: { name: '萌爪养猫交流群' } })),
    logStats: {
      timezone: 'Asia/Shanghai',
      sendsPerDay: [
        { date: '2026-11-03', count: 12 },
        { date: '2026-11-01', count: 5 },
        { date: '2026-11-02', count: 30 },
      ],
      pushesPerRecipient: {
        cap: 1,
        window: 'day',
        histogram: [
          { pushes: 1, recipients: 8 },
          { pushes: 2, recipients: 1 },
          { pushes: 4, recipients: 1 },
        ],
      },
      groups: [
        { chat: 'wr001', name: '萌爪养猫交流群', type: 'sharing', messages: 20, atAll: 2, selling: 10, sellingShare: 0.5 },
        { chat: 'wr002', name: '喵星人福利群', type: 'promo', messages: 10, atAll: 6, selling: 9, sellingShare: 0.9 },
        { chat: 'wr003', name: '<img src=x onerror=alert(1)>', type: 'service', messages: 4, atAll: 0, selling: 0, sellingShare: 0 },
      ],
      senders: [
        { sender: 'lisi', messages: 4, findings: 0 },
        { sender: 'zhangsan', messages: 30, findings: 7 },
      ],
      atAllPerGroupWeek: [
        { chat: 'wr002', week: '2026-W45', count: 6 },
        { chat: 'wr001', week: '2026-W45', count: 2 },
      ],
    },
  });

  it('charts sends per day in date order', () => {
    const page = render(logReport());
    const chart = part(page, 'sends-per-day');
    const titles = [...chart.matchAll(/<title>(2026-11-\d\d): (\d+)<\/title>/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(titles).toEqual(['2026-11-01=5', '2026-11-02=30', '2026-11-03=12']);
    expect([...chart.matchAll(/<rect class="bar /g)]).toHaveLength(3);
    expect(chart).toContain('47 sends over 3 day(s); busiest day 2026-11-02 (30)');
  });

  it('shows the pushes-per-recipient distribution against the cap', () => {
    const chart = part(render(logReport()), 'pushes-per-recipient');
    expect([...chart.matchAll(/<rect class="bar over"/g)]).toHaveLength(2);
    expect([...chart.matchAll(/<rect class="bar good"/g)]).toHaveLength(1);
    expect(chart).toContain('2 of 10 recipients got more than the cap of 1 (20%)');
    expect(chart).toContain('class="marker"');
    expect(chart).toContain('>cap 1<');
    expect(chart).toContain("in each recipient&#39;s busiest day");
  });

  it('draws no cap line when the preset sets no cap', () => {
    const r = logReport();
    (r.logStats as { pushesPerRecipient: { cap: number | null } }).pushesPerRecipient.cap = null;
    const chart = part(render(r), 'pushes-per-recipient');
    expect(chart).not.toContain('class="marker"');
    expect(chart).not.toContain('bar over');
    expect([...chart.matchAll(/<rect class="bar /g)]).toHaveLength(3);
  });

  it('ranks groups by @all pings and by selling share, sharing groups in red', () => {
    const page = render(logReport());
    const atAll = part(page, 'top-atall');
    expect(atAll.indexOf('喵星人福利群')).toBeLessThan(atAll.indexOf('萌爪养猫交流群'));
    expect([...atAll.matchAll(/<rect class="bar /g)]).toHaveLength(2); // the group without @all is not ranked
    const selling = part(page, 'top-selling');
    expect(selling.indexOf('喵星人福利群')).toBeLessThan(selling.indexOf('萌爪养猫交流群'));
    expect(selling).toContain('90% (9/10)');
    expect(selling).toMatch(/<rect class="bar bad"/); // the sharing group
    expect(page).not.toContain('<img src=x');
  });

  it('lists top senders and @all per group per week', () => {
    const page = render(logReport());
    const senders = part(page, 'top-senders');
    expect(senders.indexOf('zhangsan')).toBeLessThan(senders.indexOf('lisi'));
    expect(senders).toContain('30 · 7 findings');
    const weeks = page.slice(page.indexOf('id="atall-per-week"'), page.indexOf('</table>', page.indexOf('id="atall-per-week"')));
    expect(weeks.indexOf('喵星人福利群')).toBeLessThan(weeks.indexOf('萌爪养猫交流群'));
    expect(weeks).toContain('2026-W45');
  });

  it('renders the section in Chinese too', () => {
    const page = render(logReport(), 'zh');
    for (const s of ['发送日志', '每日发送量', '每位客户收到的推送数', '@所有人 最多的群', '卖货占比最高的群', '发送最多的员工', '2 / 10 位客户超过上限 1（20%）']) expect(page).toContain(s);
  });

  it('shows the tables and notes a report attaches, escaped', () => {
    const r = { ...logReport(), notes: ['1,204 rows read, 2 skipped'], extraTables: [{ title: 'Top groups', head: ['群', 'findings'], rows: [['<i>萌爪</i>', 7]] }] };
    const page = render(r);
    expect(page).toContain('<li>1,204 rows read, 2 skipped</li>');
    const tables = page.slice(page.indexOf('id="extra-tables"'));
    expect(tables).toContain('<h3>Top groups</h3>');
    expect(tables).toContain('<td>&lt;i&gt;萌爪&lt;/i&gt;</td><td class="num">7</td>');
  });

  it('leaves the section out without logStats, and survives a malformed one', () => {
    expect(render(audit(DRAFTS))).not.toContain('id="logs"');
    const bad = { ...logReport(), logStats: { sendsPerDay: 'x', pushesPerRecipient: { cap: 'a', histogram: [null, 3] }, groups: {}, senders: [1] } };
    const page = render(bad);
    expect(page).toContain('id="logs"');
    expect(page).not.toContain('id="sends-per-day"');
  });
});

describe('html: placing excerpts in the message text', () => {
  it('takes the occurrence on the finding line', () => {
    const text = '买一送一先到先得\n今晚再来一轮买一送一';
    // message text starts on file line 10; the finding is on line 11
    expect(locateExcerpt(text, '买一送一', { line: 11, column: 17, messageLine: 10 })).toEqual([15, 19]);
    expect(locateExcerpt(text, '买一送一', { line: 10, column: 11, messageLine: 10 })).toEqual([0, 4]);
  });

  it('takes the occurrence that fits the column when a line has two', () => {
    const text = 'Sale! Big sale today, sale ends Sunday';
    // the text sits after 8 characters of YAML on its line
    expect(locateExcerpt(text, 'sale', { line: 3, column: 9 + 10, messageLine: 3 })).toEqual([10, 14]);
    expect(locateExcerpt(text, 'sale', { line: 3, column: 9 + 22, messageLine: 3 })).toEqual([22, 26]);
  });

  it('gives nothing for an excerpt not in the text', () => {
    expect(locateExcerpt('hello', '早安', {})).toBeUndefined();
    expect(locateExcerpt('hello', '', {})).toBeUndefined();
  });

  it('escapes text around and inside marks; overlapping marks take the worst severity', () => {
    const out = highlighted('<b>@all</b> 秒杀', [
      { start: 3, end: 7, severity: 'info', label: 'a', anchor: 'x1' },
      { start: 3, end: 14, severity: 'error', label: 'b"<', anchor: 'x2' },
    ]);
    expect(out).toBe('&lt;b&gt;<span class="anchor" id="x1"></span><span class="anchor" id="x2"></span><mark class="sev-error" title="a\nb&quot;&lt;">@all</mark><mark class="sev-error" title="b&quot;&lt;">&lt;/b&gt; 秒杀</mark>');
  });
});

describe('html via the CLI', () => {
  it('writes the page with --format html and keeps the exit code of the gate', () => {
    const a = cli(['check', 'fixtures/drafts.yaml', '--format', 'html', '--lang', 'zh']);
    expect(a.code).toBe(1);
    expect(a.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(a.stdout).toContain('<html lang="zh-CN">');
    expect(cli(['check', 'fixtures/drafts.yaml', '--format', 'html', '--lang', 'zh']).stdout).toBe(a.stdout);
  });
});

describe('html: what customers did, charted beside each campaign\'s findings (CONTRACTS §7)', () => {
  it('a log with reactions shows the share each campaign lost by kind, with its findings; one without shows no chart', () => {
    const withReactions = cli(['logs', 'fixtures/logs/outcomes.csv', '--format', 'html', '--lang', 'en']);
    expect(withReactions.code).toBe(1);
    const chart = withReactions.stdout.slice(withReactions.stdout.indexOf('id="chart-outcomes"'));
    expect(chart).toContain('Customers lost within 24h of a send');
    expect(chart).toMatch(/d11-flash · \d+ findings/);
    expect(chart).toContain('opt-outs');
    expect(chart).toContain('% lost');
    const without = cli(['logs', 'fixtures/logs/wecom-export.csv', '--format', 'html', '--lang', 'en']);
    expect(without.stdout).not.toContain('id="chart-outcomes"');
  });
});
