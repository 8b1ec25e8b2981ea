/**
 * The HTML report in a real browser: headless Chromium (Debian's `chromium`)
 * driven by playwright-core. Skipped, with a message, only when Chromium is
 * absent and this is not CI; in CI (process.env.CI) a missing browser fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { html } from '../src/formatters/html.js';
import { redactReport } from '../src/redact.js';
import type { Report } from '../src/report/report.js';
import { audit, cli } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const RUN = HAVE || !!process.env.CI;
if (!RUN) console.warn(`[html-browser] skipped: ${CHROMIUM} not found (apt-get install chromium). These tests always run in CI.`);

const MOBILE = '13912345678';
const DRAFTS = `version: 1
campaigns:
  - id: cat-food
    name: 双11 猫粮上新
    channel: group
    group: { name: 萌爪养猫交流群 }
    audience: { segment: cat-owners, tags: [幼猫] }
    messages:
      - id: m1
        text: |
          @所有人 幼猫粮到手价99元，点击下单～ 店长电话 ${MOBILE}
          <img src=x onerror="document.title='pwned';window.pwned=1"><script>window.pwned=2</script>
      - id: m2
        text: 今晚8点直播间还有秒杀，记得来抢
  - id: sms-blast
    channel: sms
    audience: { segment: all }
    messages:
      - "【悦动健身】年卡限时5折，仅需999元！点击链接立即购买（到期自动续费，不支持退款）"
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
`;

/** Minimal PNG reader (8-bit, non-interlaced, as Chromium writes): how many colours, and the commonest one's share. */
function pngStats(png: Buffer): { width: number; height: number; colours: number; dominantShare: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]!]!;
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let prev = Buffer.alloc(stride);
  const counts = new Map<number, number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
      line[i] = (line[i]! + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = x * channels;
      const rgb = channels >= 3 ? (line[o]! << 16) | (line[o + 1]! << 8) | line[o + 2]! : line[o]!;
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    }
    prev = line;
  }
  return { width, height, colours: counts.size, dominantShare: Math.max(...counts.values()) / (width * height) };
}

/** A rendered report: a real image, not a blank or single-colour page. */
function looksRendered(png: Buffer): boolean {
  const s = pngStats(png);
  return png.length > 40_000 && s.colours > 100 && s.dominantShare < 0.9;
}

describe.skipIf(!RUN)('html report in headless Chromium', () => {
  let ctx: BrowserContext;
  const dir = mkdtempSync(join(tmpdir(), 'scrm-html-'));
  const drafts = join(dir, 'drafts.yaml');
  const reportFile = join(dir, 'report.html');
  const logsFile = join(dir, 'logs.html');
  // a fresh profile per run: no cached state, no first-run network
  const profile = mkdtempSync(join(tmpdir(), 'scrm-chromium-'));

  beforeAll(async () => {
    if (!HAVE) throw new Error(`Chromium is required in CI: ${CHROMIUM} not found (the CI script installs Debian's chromium)`);
    writeFileSync(drafts, DRAFTS);
    const r = cli(['check', drafts, '--format', 'html', '--lang', 'en', '--output', reportFile]);
    expect(r.code, r.stderr).toBe(1);
    // A logs report, by hand: what `scrm-audit logs` adds is `logStats`.
    const report: Report = {
      ...audit(DRAFTS),
      logStats: {
        timezone: 'Asia/Shanghai',
        sendsPerDay: [
          { date: '2026-11-01', count: 5 },
          { date: '2026-11-02', count: 30 },
          { date: '2026-11-03', count: 12 },
        ],
        pushesPerRecipient: { cap: 1, histogram: [{ pushes: 1, recipients: 8 }, { pushes: 2, recipients: 1 }, { pushes: 4, recipients: 1 }] },
        groups: [
          { chat: 'wr001', name: `萌爪养猫交流群 ${MOBILE}`, type: 'sharing', messages: 20, atAll: 2, selling: 10, sellingShare: 0.5 },
          { chat: 'wr002', name: '喵星人福利群', type: 'promo', messages: 10, atAll: 6, selling: 9, sellingShare: 0.9 },
        ],
        senders: [{ sender: 'zhangsan', messages: 30, findings: 7 }],
        atAllPerGroupWeek: [{ chat: 'wr002', week: '2026-W45', count: 6 }],
      },
    };
    // as the CLI does: redact, then format
    writeFileSync(logsFile, html(redactReport(report), { lang: 'zh', color: false }));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1200, height: 1400 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await ctx?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  /** Open a file, recording every request and page error. */
  async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await ctx.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  it('loads nothing but the file itself', async () => {
    const { page, requests, errors } = await open(reportFile);
    await page.waitForTimeout(300);
    expect(requests).toEqual([pathToFileURL(reportFile).href]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps injected markup inert: no script ran, the markup shows as text', async () => {
    const { page } = await open(reportFile);
    expect(await page.title()).toBe('scrm-audit report');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
    const msg = await page.locator('#c0-m0 .mt').innerText();
    expect(msg).toContain(`<img src=x onerror="document.title='pwned';window.pwned=1">`);
    expect(msg).toContain('<script>window.pwned=2</script>');
    await page.close();
  });

  it('draws the charts as SVG bars', async () => {
    const { page } = await open(reportFile);
    const rules = page.locator('#chart-rules svg rect.bar');
    expect(await rules.count()).toBeGreaterThan(2);
    const widths = await rules.evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox().width));
    expect(widths.every((w) => w > 0)).toBe(true);
    expect(await page.locator('#chart-scores svg rect.bar').count()).toBe(4);
    expect(await page.locator('#chart-scores svg line.marker').count()).toBe(1);
    // the hashed style sheet applied (a wrong hash would leave bars black and the gate unstyled)
    expect(await page.locator('#chart-rules rect.bar.sev-error').first().evaluate((e) => getComputedStyle(e).fill)).toBe('rgb(198, 40, 40)');
    expect(await page.locator('#gate').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(253, 240, 239)');
    await page.close();
  });

  it('shows phone numbers masked', async () => {
    const { page } = await open(reportFile);
    const text = await page.locator('body').innerText();
    expect(text).toContain('139****5678');
    expect(text).not.toContain(MOBILE);
    await page.close();
  });

  it('highlights findings inside the message text', async () => {
    const { page } = await open(reportFile);
    expect(await page.locator('#c0-m0 mark.sev-error', { hasText: '@所有人' }).count()).toBe(1);
    expect(await page.locator('#c2-m0 mark', { hasText: '買二送一' }).count()).toBe(1);
    await page.close();
  });

  it('sorts the findings table by a clicked header', async () => {
    const { page } = await open(reportFile);
    const penalties = () => page.locator('#findings-table tbody tr td:last-child').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
    const before = await penalties();
    expect(new Set(before).size).toBeGreaterThan(1);
    const header = page.locator('#findings-table th', { hasText: 'Penalty' });
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await penalties()).toEqual([...before].sort((a, b) => a - b));
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await penalties()).toEqual([...before].sort((a, b) => b - a));
    await page.locator('#findings-table th', { hasText: '#' }).locator('button').click();
    expect(await penalties()).toEqual(before);
    await page.close();
  });

  it('filters the findings table by text, severity and rule', async () => {
    const { page } = await open(reportFile);
    const rows = page.locator('#findings-table tbody tr');
    const total = await rows.count();
    const visibleRules = () => page.locator('#findings-table tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rule')));
    await page.fill('#f-text', 'off-topic');
    const shown = await visibleRules();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(total);
    expect(new Set(shown)).toEqual(new Set(['off-topic-selling']));
    expect(await page.locator('#f-count').innerText()).toBe(`${shown.length} of ${total} shown`);
    await page.fill('#f-text', '買二送一');
    // the offer is quoted by the off-topic-selling finding and by selling-pressure's list of cues
    expect(new Set(await visibleRules())).toEqual(new Set(['off-topic-selling', 'selling-pressure']));
    await page.fill('#f-text', '');
    await page.selectOption('#f-sev', 'info');
    const infos = await page.locator('#findings-table tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-sev')));
    expect(infos.length).toBeGreaterThan(0);
    expect(new Set(infos)).toEqual(new Set(['info']));
    await page.selectOption('#f-sev', '');
    await page.selectOption('#f-rule', 'mass-mention');
    expect(new Set(await visibleRules())).toEqual(new Set(['mass-mention']));
    await page.selectOption('#f-rule', '');
    expect(await page.locator('#findings-table tbody tr:not([hidden])').count()).toBe(total);
    await page.close();
  });

  it('renders the logs statistics, in Chinese', async () => {
    const { page, requests } = await open(logsFile);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('h1').innerText()).toBe('scrm-audit 审核报告');
    expect(await page.locator('#sends-per-day svg rect.bar').count()).toBe(3);
    expect(await page.locator('#pushes-per-recipient svg rect.bar.over').count()).toBe(2);
    expect(await page.locator('#top-atall svg rect.bar').count()).toBe(2);
    expect(await page.locator('#top-selling svg rect.bar.bad').count()).toBe(1);
    expect(await page.locator('#top-senders svg rect.bar').count()).toBe(1);
    const text = await page.locator('#logs').innerText();
    expect(text).not.toContain(MOBILE);
    expect(text).toContain('139****5678');
    expect(requests).toEqual([pathToFileURL(logsFile).href]);
    await page.close();
  });

  it('screenshots as a real page, where a blank page does not pass the same check', async () => {
    const { page } = await open(reportFile);
    const shot = await page.screenshot({ fullPage: false });
    writeFileSync(join(dir, 'report.png'), shot);
    expect(looksRendered(shot)).toBe(true);
    const s = pngStats(shot);
    expect([s.width, s.height]).toEqual([1200, 1400]);
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    expect(looksRendered(await page.screenshot({ fullPage: false }))).toBe(false);
    expect(readFileSync(join(dir, 'report.png')).length).toBe(shot.length);
    await page.close();
  });
});
