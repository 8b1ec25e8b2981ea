/**
 * `--format html`: one self-contained page to open from disk or attach to a
 * ticket. Summary and gate, charts (findings by rule, campaign scores, and
 * for logs the sending activity), a findings table that sorts and filters,
 * then a score card per campaign with its messages, each finding highlighted
 * in the text, and the fixes grouped by rule.
 *
 * Safety: every string from the report is escaped (message texts are user
 * input and may hold markup); a Content-Security-Policy allows only the
 * page's own style sheet and script, by SHA-256, and nothing from anywhere
 * (default-src 'none'), so the page makes no request of any kind. Output is
 * deterministic: no timestamps, no nonces, stable sort orders.
 *
 * Like every formatter it knows nothing of rules: it renders what the report says.
 */
import { createHash } from 'node:crypto';
import type { Formatter } from './types.js';
import type { CampaignReport, Report, RuleInfo } from '../report/report.js';
import type { Finding, Lang } from '../types.js';
import { t } from '../i18n.js';
import { esc } from './html/escape.js';
import { hbarChart, meter, type HBar } from './html/charts.js';
import { highlighted, locateExcerpt, type Mark } from './html/highlight.js';
import { logsSection } from './html/logs.js';
import { str } from './html/strings.js';
import { CSS, SCRIPT } from './html/assets.js';

const SEVERITIES = ['error', 'warning', 'info'] as const;
const RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };
/** Past this many messages a campaign (a log group) shows only the messages with findings. */
const MAX_MESSAGES = 30;
/** Past this many campaigns the score chart shows the lowest scores only. */
const MAX_SCORE_BARS = 40;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
const gradeCls = (g: string) => `grade-${esc(String(g).toLowerCase())}`;
const where = (f: Finding, lang: Lang) => (f.row !== undefined ? `${f.file} ${str('row', lang, { n: f.row })}` : `${f.file}:${f.line}:${f.column}`);
const fixed2 = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '—');

/** Where each finding sits: its anchor in a message text when located, else its message or campaign. */
interface Placed {
  f: Finding;
  ci: number;
  fi: number;
  href: string;
}

function tile(n: string | number, k: string, cls = ''): string {
  return `<div class="tile${cls ? ` ${cls}` : ''}"><div class="n">${esc(n)}</div><div class="k">${esc(k)}</div></div>`;
}

function header(report: Report, lang: Lang): string {
  const s = report.summary;
  const out = [`<header class="top"><div><h1>${esc(str('title', lang))}</h1><p class="muted small">${esc(str('generated', lang, { v: report.version }))}</p></div></header>`];
  out.push(`<div class="gate ${s.passed ? 'pass' : 'fail'}" id="gate"><strong>${esc(`${str('gate', lang)}: ${s.passed ? str('passed', lang) : str('failed', lang)}`)}</strong>`);
  if (s.failures?.length) out.push(`<ul>${s.failures.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`);
  if (typeof s.baselined === 'number' && s.baselined > 0) out.push(`<p class="small muted">${esc(str('baselined', lang, { n: s.baselined }))}</p>`);
  out.push('</div><div class="tiles">');
  out.push(tile(s.campaigns, str('campaigns', lang)), tile(s.messages, str('messages', lang)), tile(s.findings, str('findings', lang)));
  out.push(tile(s.errors, str('errors', lang)), tile(s.warnings, str('warnings', lang)), tile(s.infos, str('infos', lang)));
  if (s.suppressed) out.push(tile(s.suppressed, str('suppressed', lang)));
  out.push(tile(s.score, str('meanScore', lang)), tile(s.lowestScore, `${str('lowestScore', lang)} · ${str('failUnder', lang, { n: s.failUnder })}`));
  out.push('</div>');
  const notes = Array.isArray(report.notes) ? report.notes : [];
  if (notes.length) out.push(`<ul class="notes small muted">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  return out.join('\n');
}

interface Outcomes {
  reached: number;
  optouts: number;
  leaves: number;
  deletes: number;
  window: string;
}
const MAX_OUTCOME_BARS = 30;

/**
 * CONTRACTS §7 in a picture: for the campaigns that lost most of their
 * audience, the share that opted out, left and deleted within the window,
 * beside how many findings the campaign has — so a reader sees whether the
 * noisy campaigns are the ones customers walked away from.
 */
function outcomesChart(report: Report, lang: Lang): string {
  const rows = report.campaigns
    .map((c) => ({ c, o: (c as CampaignReport & { outcomes?: Outcomes }).outcomes }))
    .filter((r): r is { c: CampaignReport; o: Outcomes } => !!r.o && r.o.reached > 0 && r.o.optouts + r.o.leaves + r.o.deletes > 0);
  if (!rows.length) return '';
  const lost = (o: Outcomes) => (o.optouts + o.leaves + o.deletes) / o.reached;
  rows.sort((a, b) => lost(b.o) - lost(a.o) || b.c.findings.length - a.c.findings.length || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
  const zh = lang === 'zh';
  const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
  const kinds = [
    { key: 'optouts', cls: 'sev-error', zh: '退订', en: 'opt-outs' },
    { key: 'leaves', cls: 'sev-warning', zh: '退群', en: 'leaves' },
    { key: 'deletes', cls: 'sev-info', zh: '删除', en: 'deletes' },
  ] as const;
  const title = zh ? `发送后 ${rows[0]!.o.window} 内的流失与问题数` : `Customers lost within ${rows[0]!.o.window} of a send, beside each campaign's findings`;
  const bars = rows.slice(0, MAX_OUTCOME_BARS).map(({ c, o }): HBar => {
    const n = c.findings.length;
    const findings = zh ? `${n} 个问题` : `${n} finding${n === 1 ? '' : 's'}`;
    return {
      label: `${c.name ?? c.id} · ${findings}`,
      segments: kinds.map((k) => ({ value: (o[k.key] / o.reached) * 100, cls: k.cls })),
      valueText: zh ? `流失 ${pct(lost(o))}` : `${pct(lost(o))} lost`,
      title: `${c.id}: ${kinds.map((k) => `${o[k.key]} ${zh ? k.zh : k.en}`).join(', ')} / ${o.reached}; ${findings}`,
    };
  });
  return [
    `<section id="outcomes"><div class="panel" id="chart-outcomes"><h3>${esc(title)}</h3>`,
    hbarChart(bars, { aria: title, width: 720, labelWidth: 260 }),
    `<div class="legend">${kinds.map((k) => `<span><i class="${k.cls}"></i>${esc(zh ? k.zh : k.en)}</span>`).join('')}</div>`,
    '</div></section>',
  ].join('\n');
}

/** Tables other modules attach (`extraTables`: title, head, rows of plain cells), shown as they are. */
function extraTables(report: Report): string {
  const tables = Array.isArray(report.extraTables) ? report.extraTables : [];
  if (!tables.length) return '';
  const out = ['<section id="extra-tables">'];
  for (const x of tables) {
    if (!x || !Array.isArray(x.head) || !Array.isArray(x.rows)) continue;
    out.push(`<div class="panel extra"><h3>${esc(x.title)}</h3><div class="table-wrap"><table><thead><tr>${x.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
    for (const row of x.rows) out.push(`<tr>${(Array.isArray(row) ? row : []).map((v) => `<td${typeof v === 'number' ? ' class="num"' : ''}>${esc(v)}</td>`).join('')}</tr>`);
    out.push('</tbody></table></div></div>');
  }
  out.push('</section>');
  return out.join('\n');
}

function overview(report: Report, lang: Lang, rules: Map<string, RuleInfo>): string {
  const counts = new Map<string, Record<string, number>>();
  for (const c of report.campaigns) {
    for (const f of c.findings) {
      const row = counts.get(f.ruleId) ?? { error: 0, warning: 0, info: 0 };
      row[f.severity] = (row[f.severity] ?? 0) + 1;
      counts.set(f.ruleId, row);
    }
  }
  const total = (r: Record<string, number>) => SEVERITIES.reduce((n, s) => n + (r[s] ?? 0), 0);
  const byRule = [...counts.entries()].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = [`<section id="overview"><h2>${esc(str('overview', lang))}</h2><div class="grid2">`];
  out.push(`<div class="panel" id="chart-rules"><h3>${esc(str('byRule', lang))}</h3>`);
  if (byRule.length) {
    out.push(
      hbarChart(
        byRule.map(([id, r]): HBar => ({
          label: id,
          segments: SEVERITIES.map((s) => ({ value: r[s] ?? 0, cls: `sev-${s}` })),
          valueText: String(total(r)),
          title: `${id}${rules.get(id) ? ` — ${rules.get(id)!.title}` : ''}: ${SEVERITIES.filter((s) => r[s]).map((s) => `${r[s]} ${t(s, lang)}`).join(', ')}`,
        })),
        { aria: str('byRule', lang), width: 520, labelWidth: 150 },
      ),
    );
    out.push(`<div class="legend">${SEVERITIES.map((s) => `<span><i class="sev-${s}"></i>${esc(t(s, lang))}</span>`).join('')}</div>`);
  } else out.push(`<p class="none">${esc(str('noFindings', lang))}</p>`);
  out.push('</div>');

  let shown = report.campaigns;
  if (shown.length > MAX_SCORE_BARS) shown = [...shown].sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1)).slice(0, MAX_SCORE_BARS);
  out.push(`<div class="panel" id="chart-scores"><h3>${esc(str('scores', lang))}</h3>`);
  if (shown.length) {
    out.push(
      hbarChart(
        shown.map((c): HBar => ({
          label: c.name ? `${c.name}` : c.id,
          segments: [{ value: c.score, cls: gradeCls(c.grade) }],
          valueText: `${c.score} ${c.grade}`,
          title: `${c.id}${c.name ? ` ${c.name}` : ''}: ${c.score} ${c.grade}`,
        })),
        { aria: str('scores', lang), max: 100, marker: { value: report.summary.failUnder, label: str('failUnder', lang, { n: report.summary.failUnder }) }, width: 520, labelWidth: 150 },
      ),
    );
  }
  out.push('</div></div></section>');
  return out.join('\n');
}

function findingsTable(placed: Placed[], report: Report, lang: Lang): string {
  const rules = [...new Set(placed.map((p) => p.f.ruleId))].sort();
  const out = [`<section id="findings"><h2>${esc(str('allFindings', lang))} <span class="muted small">(${placed.length})</span></h2>`];
  if (!placed.length) {
    out.push(`<p class="none">${esc(str('noFindings', lang))}</p></section>`);
    return out.join('\n');
  }
  out.push('<div class="controls">');
  out.push(`<input id="f-text" type="search" aria-label="${esc(str('filterLabel', lang))}" placeholder="${esc(str('filter', lang))}">`);
  out.push(`<select id="f-sev" aria-label="${esc(str('colSeverity', lang))}"><option value="">${esc(str('allSeverities', lang))}</option>${SEVERITIES.map((s) => `<option value="${s}">${esc(t(s, lang))}</option>`).join('')}</select>`);
  out.push(`<select id="f-rule" aria-label="${esc(str('colRule', lang))}"><option value="">${esc(str('allRules', lang))}</option>${rules.map((r) => `<option value="${esc(r)}">${esc(r)}</option>`).join('')}</select>`);
  out.push(`<span id="f-count" class="muted small" data-tpl="${esc(str('shown', lang))}">${esc(str('shown', lang, { n: placed.length, m: placed.length }))}</span>`);
  out.push(`<span class="muted small">${esc(str('sortHint', lang))}</span></div>`);
  const th = (label: string, type: 'num' | 'text') => `<th aria-sort="none" data-type="${type}"><button type="button">${esc(label)}</button></th>`;
  out.push('<div class="table-wrap"><table id="findings-table"><thead><tr>');
  out.push(th('#', 'num') + th(str('colSeverity', lang), 'num') + th(str('colRule', lang), 'text') + th(str('colCampaign', lang), 'text'));
  out.push(th(str('colWhere', lang), 'num') + th(str('colExcerpt', lang), 'text') + th(str('colMessage', lang), 'text') + th(str('colPenalty', lang), 'num'));
  out.push('</tr></thead><tbody>');
  placed.forEach(({ f, ci, href }, i) => {
    const c = report.campaigns[ci]!;
    out.push(
      `<tr data-sev="${esc(f.severity)}" data-rule="${esc(f.ruleId)}">` +
        `<td class="num" data-v="${i + 1}">${i + 1}</td>` +
        `<td data-v="${RANK[f.severity] ?? 3}"><span class="sev sev-${esc(f.severity)}">${esc(t(f.severity, lang))}</span></td>` +
        `<td><code>${esc(f.ruleId)}</code></td>` +
        `<td class="nowrap">${esc(c.id)}${f.messageId ? ` <span class="muted small">${esc(f.messageId)}</span>` : ''}</td>` +
        `<td class="where" data-v="${i + 1}"><a href="${esc(href)}">${esc(where(f, lang))}</a></td>` +
        `<td>${f.excerpt ? `<span class="excerpt">${esc(f.excerpt)}</span>` : ''}</td>` +
        `<td>${esc(f.message)}${f.advice ? `<div class="adv">→ ${esc(f.advice)}</div>` : ''}</td>` +
        `<td class="num" data-v="${esc(f.penalty)}">−${esc(f.penalty)}</td></tr>`,
    );
  });
  out.push('</tbody></table></div></section>');
  return out.join('\n');
}

function metric(label: string, value: number, cls: string, note = ''): string {
  return `<div class="metric"><div class="k"><span>${esc(label)}${note ? ` <span class="small">(${esc(note)})</span>` : ''}</span><b>${esc(fixed2(value))}</b></div>${meter(value, cls, `${label}: ${fixed2(value)}`)}</div>`;
}

/** Green when good, amber, red when bad; `higherIsBetter` says which way. */
function band(v: number, higherIsBetter: boolean): string {
  const good = higherIsBetter ? v >= 0.6 : v <= 0.35;
  const bad = higherIsBetter ? v < 0.35 : v > 0.6;
  return good ? 'm-good' : bad ? 'm-bad' : 'm-mid';
}

function campaignSection(c: CampaignReport, ci: number, placed: Placed[], marks: Map<string, Mark[]>, lang: Lang, rules: Map<string, RuleInfo>): string {
  const out = [`<section class="campaign" id="c${ci}">`];
  out.push('<div class="card-head"><div>');
  out.push(`<h3>${esc(c.id)}${c.name ? ` <span class="muted">${esc(c.name)}</span>` : ''}</h3>`);
  out.push(`<div class="meta">${esc(t(c.channel, lang))} · <span class="mono">${esc(`${c.source}:${c.line}`)}</span> · ${esc(c.messages.length)} ${esc(t('messages', lang))}</div>`);
  out.push(`</div><div class="scorebox" aria-label="${esc(`${str('score', lang)} ${c.score} ${str('grade', lang)} ${c.grade}`)}"><span class="score ${gradeCls(c.grade)}">${esc(c.score)}</span><span class="grade ${gradeCls(c.grade)}">${esc(c.grade)}</span></div></div>`);
  out.push('<div class="metrics">');
  out.push(metric(str('snr', lang), c.snr, band(c.snr, true)));
  out.push(metric(str('intrusiveness', lang), c.intrusiveness, band(c.intrusiveness, false), str('lowerBetter', lang)));
  out.push('</div>');
  const tr = c.trust;
  if (tr && typeof tr === 'object') {
    out.push(`<div class="trust"><div class="small muted">${esc(str('trust', lang))} · ${esc(str('trustFormula', lang))}</div><div class="metrics">`);
    out.push(metric(`${str('trust', lang)} T`, tr.trust, band(tr.trust, true)));
    out.push(metric(str('credibility', lang), tr.credibility, band(tr.credibility, true)));
    out.push(metric(str('reliability', lang), tr.reliability, band(tr.reliability, true)));
    out.push(metric(str('intimacy', lang), tr.intimacy, band(tr.intimacy, true)));
    out.push(metric(str('selfOrientation', lang), tr.selfOrientation, band(tr.selfOrientation, false), str('lowerBetter', lang)));
    out.push('</div></div>');
  }
  const chips = (c.signals ?? []).map((s) => `<span class="chip">${esc(`${t(`feature_${s.feature}`, lang)} +${s.points}`)}</span>`);
  if (c.noise) chips.push(`<span class="chip neg">${esc(`${str('noise', lang)} −${c.noise}`)}</span>`);
  out.push(`<div class="chips"><span class="small muted">${esc(str('signals', lang))}:</span>${chips.length ? chips.join('') : `<span class="small muted">${esc(str('none', lang))}</span>`}</div>`);

  // Messages, each finding highlighted where it stands.
  const withFindings = new Set(c.findings.map((f) => f.messageId).filter(Boolean));
  const msgs = c.messages.map((m, mi) => ({ m, mi })).filter(({ m }) => typeof m.text === 'string');
  const shown = msgs.length > MAX_MESSAGES ? msgs.filter(({ m }) => withFindings.has(m.id)) : msgs;
  if (shown.length) {
    out.push(`<h4>${esc(str('messageTexts', lang))}</h4>`);
    for (const { m, mi } of shown) {
      const loc = m.row !== undefined ? str('row', lang, { n: m.row }) : `${c.source}:${m.line}`;
      out.push(`<div class="msg" id="c${ci}-m${mi}"><div class="mh"><span><b>${esc(m.id)}</b> · <span class="mono">${esc(loc)}</span></span><span>${esc(`${str('score', lang)} ${m.score} ${m.grade}`)}</span></div>`);
      out.push(`<div class="mt">${highlighted(m.text!, marks.get(`${ci}/${m.id}`) ?? [])}</div></div>`);
    }
    if (shown.length < msgs.length) out.push(`<p class="muted small">${esc(str('messagesHidden', lang, { n: msgs.length - shown.length }))}</p>`);
  }

  // Findings grouped by rule, the worst first.
  if (!placed.length) out.push(`<p class="none">✓ ${esc(str('noFindings', lang))}</p>`);
  else {
    const groups = new Map<string, Placed[]>();
    for (const p of placed) groups.set(p.f.ruleId, [...(groups.get(p.f.ruleId) ?? []), p]);
    const worst = (ps: Placed[]) => Math.min(...ps.map((p) => RANK[p.f.severity] ?? 3));
    const ordered = [...groups.entries()].sort((a, b) => worst(a[1]) - worst(b[1]) || (a[0] < b[0] ? -1 : 1));
    out.push(`<h4>${esc(str('findingsByRule', lang))}</h4>`);
    for (const [ruleId, ps] of ordered) {
      const info = rules.get(ruleId);
      const sev = SEVERITIES[worst(ps)] ?? 'info';
      const penalty = Math.round(ps.reduce((s, p) => s + (p.f.penalty || 0), 0) * 10) / 10;
      out.push(`<div class="rule-group sev-${sev}"><h4><code>${esc(ruleId)}</code>${info ? ` <span>${esc(info.title)}</span>` : ''} <span class="muted small">×${ps.length} · −${esc(penalty)}</span></h4>`);
      if (info?.description) out.push(`<p class="muted small">${esc(info.description)}</p>`);
      out.push('<ul>');
      for (const { f, href } of ps) {
        out.push(
          `<li><span class="sev sev-${esc(f.severity)}">${esc(t(f.severity, lang))}</span> <a class="small mono" href="${esc(href)}">${esc(f.messageId ? `${f.messageId} · ${where(f, lang)}` : `${str('campaignLevel', lang)} · ${where(f, lang)}`)}</a>` +
            `${f.excerpt ? ` <span class="excerpt">${esc(f.excerpt)}</span>` : ''} <span class="muted small">−${esc(f.penalty)}</span>` +
            `<div>${esc(f.message)}</div>${f.advice ? `<div class="fix">→ ${esc(str('fix', lang))}: ${esc(f.advice)}</div>` : ''}</li>`,
        );
      }
      out.push('</ul></div>');
    }
  }
  if (c.suppressed?.length) {
    out.push(`<details><summary>${esc(str('suppressed', lang))} (${c.suppressed.length})</summary><ul>`);
    for (const s of c.suppressed) out.push(`<li><code>${esc(s.ruleId)}</code> ${s.excerpt ? `<span class="excerpt">${esc(s.excerpt)}</span> ` : ''}— ${esc(str('reason', lang))}: ${esc(s.reason)}</li>`);
    out.push('</ul></details>');
  }
  for (const u of c.unusedSuppressions ?? []) {
    out.push(`<p class="small">${esc(str('unusedIgnore', lang))}: <code>${esc(u.rule)}</code>${u.messageId ? ` (${esc(u.messageId)})` : ''}${u.line ? ` <span class="mono">${esc(`${c.source}:${u.line}`)}</span>` : ''}</p>`);
  }
  out.push('</section>');
  return out.join('\n');
}

export const html: Formatter = (report, opts) => {
  const lang: Lang = opts.lang === 'zh' || opts.lang === 'en' ? opts.lang : report.lang;
  const rules = new Map((report.rules ?? []).map((r) => [r.id, r]));

  // Place every finding once: its anchor in the message text, for the table and the cards to link to.
  const placed: Placed[] = [];
  const marks = new Map<string, Mark[]>();
  report.campaigns.forEach((c, ci) => {
    const byId = new Map(c.messages.map((m, mi) => [m.id, { m, mi }]));
    c.findings.forEach((f, fi) => {
      const hit = f.messageId ? byId.get(f.messageId) : undefined;
      let href = `#c${ci}`;
      if (hit) {
        href = `#c${ci}-m${hit.mi}`;
        const range = typeof hit.m.text === 'string' ? locateExcerpt(hit.m.text, f.excerpt, { line: f.line, column: f.column, messageLine: hit.m.line }) : undefined;
        if (range) {
          const anchor = `f${ci}-${fi}`;
          href = `#${anchor}`;
          const key = `${ci}/${f.messageId}`;
          marks.set(key, [...(marks.get(key) ?? []), { start: range[0], end: range[1], severity: f.severity, label: `${f.ruleId}: ${f.message}`, anchor }]);
        }
      }
      placed.push({ f, ci, fi, href });
    });
  });

  const byCampaign: Placed[][] = report.campaigns.map(() => []);
  for (const p of placed) byCampaign[p.ci]!.push(p);

  const body = [
    header(report, lang),
    overview(report, lang, rules),
    report.logStats ? logsSection(report.logStats, lang) : '',
    outcomesChart(report, lang),
    extraTables(report),
    findingsTable(placed, report, lang),
    `<section id="campaigns"><h2>${esc(str('campaigns', lang))}</h2>`,
    ...report.campaigns.map((c, ci) => campaignSection(c, ci, byCampaign[ci] ?? [], marks, lang, rules)),
    '</section>',
    `<footer>${esc(str('generated', lang, { v: report.version }))}</footer>`,
  ].filter(Boolean);

  const csp = [
    "default-src 'none'",
    'img-src data:',
    `style-src 'sha256-${sha256(CSS)}'`,
    `script-src 'sha256-${sha256(SCRIPT)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(str('title', lang))}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
};
