/**
 * The sending-activity section of a `scrm-audit logs` report: rendered when
 * the report carries `logStats` ({ timezone, sendsPerDay, pushesPerRecipient,
 * groups, senders, atAllPerGroupWeek }). Read defensively: a missing or
 * malformed part is skipped, never fatal, since the formatter must render
 * whatever report it is given.
 */
import type { Lang } from '../../types.js';
import { esc } from './escape.js';
import { hbarChart, vbarChart, type HBar } from './charts.js';
import { str, type HtmlKey } from './strings.js';

type Obj = Record<string, unknown>;
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x)) : []);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const TOP = 10;

function pct(v: number): string {
  return `${Math.round(v * 1000) / 10}%`;
}

function groupLabel(g: Obj, lang: Lang): string {
  const name = text(g.name) || text(g.chat);
  const type = text(g.type);
  const known = ['sharing', 'service', 'promo', 'vip'].includes(type);
  return known ? `${name} · ${str(`type_${type}` as HtmlKey, lang)}` : name;
}

export function logsSection(stats: unknown, lang: Lang): string {
  if (!stats || typeof stats !== 'object') return '';
  const s = stats as Obj;
  const out: string[] = [`<section id="logs"><h2>${esc(str('logs', lang))}</h2>`];
  if (text(s.timezone)) out.push(`<p class="muted">${esc(str('timezone', lang, { tz: text(s.timezone) }))}</p>`);

  const days = objs(s.sendsPerDay)
    .map((d) => ({ date: text(d.date), count: num(d.count) }))
    .sort((a, b) => byText(a.date, b.date));
  if (days.length) {
    const total = days.reduce((n, d) => n + d.count, 0);
    const peak = days.reduce((p, d) => (d.count > p.count ? d : p));
    out.push(`<div class="panel" id="sends-per-day"><h3>${esc(str('sendsPerDay', lang))}</h3>`);
    out.push(`<p class="muted small">${esc(str('sendsSummary', lang, { n: total, d: days.length, peak: peak.date, max: peak.count }))}</p>`);
    out.push(vbarChart(days.map((d) => ({ label: d.date.replace(/^\d{4}-/, ''), value: d.count, cls: 'neutral', title: `${d.date}: ${d.count}` })), { aria: str('sendsPerDay', lang) }));
    out.push('</div>');
  }

  const ppr = s.pushesPerRecipient && typeof s.pushesPerRecipient === 'object' ? (s.pushesPerRecipient as Obj) : undefined;
  const hist = objs(ppr?.histogram)
    .map((h) => ({ pushes: num(h.pushes), recipients: num(h.recipients) }))
    .sort((a, b) => a.pushes - b.pushes);
  if (hist.length) {
    const cap = num(ppr!.cap);
    const all = hist.reduce((n, h) => n + h.recipients, 0);
    const over = hist.filter((h) => cap > 0 && h.pushes > cap).reduce((n, h) => n + h.recipients, 0);
    const lastUnder = hist.reduce((k, h, i) => (h.pushes <= cap ? i : k), -1);
    out.push(`<div class="panel" id="pushes-per-recipient"><h3>${esc(str('pushesPerRecipient', lang))}</h3>`);
    const window = text(ppr!.window);
    if (window === 'day' || window === 'month') out.push(`<p class="muted small">${esc(str(window === 'day' ? 'windowDay' : 'windowMonth', lang))}</p>`);
    if (cap > 0) out.push(`<p class="small ${over ? '' : 'muted'}">${esc(str('overCap', lang, { k: over, n: all, cap, pct: pct(all ? over / all : 0) }))}</p>`);
    out.push(
      vbarChart(
        hist.map((h) => ({ label: String(h.pushes), value: h.recipients, cls: cap > 0 && h.pushes > cap ? 'over' : 'good', title: `${h.pushes} ${str('pushesAxis', lang)}: ${h.recipients} ${str('recipientsAxis', lang)}` })),
        {
          aria: str('pushesPerRecipient', lang),
          xTitle: str('pushesAxis', lang),
          yTitle: str('recipientsAxis', lang),
          ...(cap > 0 ? { divider: { after: lastUnder, label: str('cap', lang, { n: cap }) } } : {}),
        },
      ),
    );
    out.push('</div>');
  }

  const groups = objs(s.groups);
  const atAll = groups
    .filter((g) => num(g.atAll) > 0)
    .sort((a, b) => num(b.atAll) - num(a.atAll) || byText(text(a.chat), text(b.chat)))
    .slice(0, TOP);
  const selling = groups
    .filter((g) => num(g.messages) > 0 && num(g.sellingShare) > 0)
    .sort((a, b) => num(b.sellingShare) - num(a.sellingShare) || num(b.selling) - num(a.selling) || byText(text(a.chat), text(b.chat)))
    .slice(0, TOP);
  if (groups.length) {
    out.push('<div class="grid2">');
    out.push(`<div class="panel" id="top-atall"><h3>${esc(str('topAtAll', lang))}</h3>`);
    out.push(
      atAll.length
        ? hbarChart(
            atAll.map((g): HBar => ({ label: groupLabel(g, lang), segments: [{ value: num(g.atAll), cls: 'sev-error' }], valueText: `${num(g.atAll)} / ${num(g.messages)}` })),
            { aria: str('topAtAll', lang), width: 520, labelWidth: 190 },
          )
        : `<p class="none">${esc(str('noAtAll', lang))}</p>`,
    );
    out.push('</div>');
    out.push(`<div class="panel" id="top-selling"><h3>${esc(str('topSelling', lang))}</h3>`);
    out.push(
      hbarChart(
        selling.map((g): HBar => ({
          label: groupLabel(g, lang),
          segments: [{ value: num(g.sellingShare) * 100, cls: text(g.type) === 'sharing' ? 'bad' : 'neutral' }],
          valueText: `${pct(num(g.sellingShare))} (${num(g.selling)}/${num(g.messages)})`,
        })),
        { aria: str('topSelling', lang), max: 100, width: 520, labelWidth: 190 },
      ),
    );
    out.push(`<p class="muted small">${esc(str('sellingNote', lang))}</p></div>`);
    out.push('</div>');
  }

  const senders = objs(s.senders)
    .sort((a, b) => num(b.messages) - num(a.messages) || byText(text(a.sender), text(b.sender)))
    .slice(0, TOP);
  if (senders.length) {
    out.push(`<div class="panel" id="top-senders"><h3>${esc(str('topSenders', lang))}</h3>`);
    out.push(
      hbarChart(
        senders.map((x): HBar => ({
          label: text(x.sender),
          segments: [{ value: num(x.messages), cls: 'soft' }],
          valueText: `${num(x.messages)} · ${str('findingsN', lang, { n: num(x.findings) })}`,
        })),
        { aria: str('topSenders', lang), width: 1060, labelWidth: 220 },
      ),
    );
    out.push('</div>');
  }

  const names = new Map(groups.map((g) => [text(g.chat), text(g.name)]));
  const weeks = objs(s.atAllPerGroupWeek)
    .filter((w) => num(w.count) > 0)
    .sort((a, b) => num(b.count) - num(a.count) || byText(text(a.week), text(b.week)) || byText(text(a.chat), text(b.chat)))
    .slice(0, TOP);
  if (weeks.length) {
    out.push(`<div class="panel" id="atall-per-week"><h3>${esc(str('atAllPerWeek', lang))}</h3><div class="table-wrap"><table><thead><tr>`);
    out.push(`<th>${esc(str('group', lang))}</th><th>${esc(str('week', lang))}</th><th>${esc(str('count', lang))}</th></tr></thead><tbody>`);
    for (const w of weeks) {
      const chat = text(w.chat);
      const name = names.get(chat);
      out.push(`<tr><td>${esc(name || chat)}${name ? ` <span class="muted small mono">${esc(chat)}</span>` : ''}</td><td class="mono">${esc(text(w.week))}</td><td class="num">${num(w.count)}</td></tr>`);
    }
    out.push('</tbody></table></div></div>');
  }
  out.push('</section>');
  return out.join('\n');
}
