/** The terminal report: a table per run, then each campaign's findings with their fixes. */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Formatter } from './types.js';
import type { Report, CampaignReport, ExtraTable } from '../report/report.js';
import type { Finding, Lang } from '../types.js';
import { t } from '../i18n.js';

function gradeColor(c: ChalkInstance, grade: string): ChalkInstance {
  return grade === 'A' || grade === 'B' ? c.green : grade === 'C' ? c.yellow : c.red;
}

function sevColor(c: ChalkInstance, sev: string): ChalkInstance {
  return sev === 'error' ? c.red : sev === 'warning' ? c.yellow : c.blue;
}

function summaryTable(report: Report, c: ChalkInstance, lang: Lang, color: boolean): string {
  const table = new Table({
    head: [t('campaign', lang), t('channel', lang), t('score', lang), t('grade', lang), t('snr', lang), t('intrusiveness', lang), t('findings', lang)],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
  });
  for (const cr of report.campaigns) {
    table.push([
      cr.name ? `${cr.id}\n${cr.name}` : cr.id,
      t(cr.channel, lang),
      gradeColor(c, cr.grade)(String(cr.score)),
      gradeColor(c, cr.grade)(cr.grade),
      cr.snr.toFixed(2),
      cr.intrusiveness.toFixed(2),
      String(cr.findings.length),
    ]);
  }
  return table.toString();
}

function findingLines(f: Finding, c: ChalkInstance, lang: Lang, source?: string): string[] {
  // a log campaign read from a folder (Slack day files): each row names its file within it
  const inFile = f.row !== undefined && source?.endsWith('/') && f.file?.startsWith(source) ? `${f.file.slice(source.length)} ` : '';
  const where = f.row !== undefined ? `${inFile}row ${f.row}` : `${f.line}:${f.column}`;
  const head = `  ${c.dim(where.padEnd(7))} ${sevColor(c, f.severity)(t(f.severity, lang).padEnd(7))} ${c.bold(f.ruleId)}  ${c.dim(`−${f.penalty}`)}`;
  const lines = [head, `          ${f.message}`];
  if (f.advice) lines.push(`          ${c.green('→')} ${f.advice}`);
  return lines;
}

function campaignBlock(cr: CampaignReport, c: ChalkInstance, lang: Lang): string[] {
  const title = `${c.underline(cr.source.endsWith('/') ? cr.source : `${cr.source}:${cr.line}`)}  ${c.bold(cr.id)}${cr.name ? ` ${cr.name}` : ''}  ${gradeColor(c, cr.grade)(`${cr.score} ${cr.grade}`)}`;
  const out = [title];
  const sig = cr.signals.length
    ? cr.signals.map((s) => `${t(`feature_${s.feature}`, lang)} +${s.points}`).join(', ')
    : '—';
  out.push(`  ${c.dim(`${t('signals', lang)}: ${sig}   ${t('noise', lang)}: −${cr.noise}`)}`);
  if (cr.trust) {
    // T = C×R×I/S (docs/trust.md): the axes after the total so a reader sees what drags it down.
    const tr = cr.trust;
    const f = (v: number) => v.toFixed(2);
    out.push(
      `  ${c.dim(
        lang === 'zh'
          ? `信任 ${f(tr.trust)}（可信度 ${f(tr.credibility)} · 可靠度 ${f(tr.reliability)} · 亲近度 ${f(tr.intimacy)} · 自我导向 ${f(tr.selfOrientation)}）`
          : `Trust ${f(tr.trust)} (credibility ${f(tr.credibility)} · reliability ${f(tr.reliability)} · intimacy ${f(tr.intimacy)} · self-orientation ${f(tr.selfOrientation)})`,
      )}`,
    );
  }
  for (const [k, v] of Object.entries(cr)) {
    // extra one-line summaries other modules attach (e.g. trust profile) under `summaryLine`
    if (k === 'summaryLine' && typeof v === 'string') out.push(`  ${c.dim(v)}`);
  }
  if (!cr.findings.length) out.push(`  ${c.green('✓')} ${t('noFindings', lang)}`);
  for (const f of cr.findings) out.push(...findingLines(f, c, lang, cr.source));
  if (cr.suppressed.length) out.push(`  ${c.dim(`(${cr.suppressed.length} ${t('suppressed', lang)})`)}`);
  // A stale `ignore` hides nothing today but would silently hide a future finding: say so.
  for (const u of cr.unusedSuppressions ?? []) {
    const where = `${cr.source}${u.line ? `:${u.line}` : ''}`;
    out.push(
      `  ${c.yellow(lang === 'zh' ? '未使用的豁免' : 'unused ignore')} ${c.dim(where)} ${c.bold(u.rule)}${u.messageId ? ` (${u.messageId})` : ''}: ${lang === 'zh' ? '没有可豁免的问题，请删除这条 ignore' : 'no such finding to suppress; remove this ignore'}`,
    );
  }
  return out;
}

function extraTable(x: ExtraTable, color: boolean): string {
  const table = new Table({ head: x.head, style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] } });
  for (const row of x.rows) table.push(row.map(String));
  return table.toString();
}

/** "1 finding", "2 findings". */
const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export const text: Formatter = (report, { lang, color, quiet }) => {
  const c = new Chalk({ level: color ? 1 : 0 });
  const s = report.summary;
  const parts: string[] = [];
  if (!quiet) parts.push(summaryTable(report, c, lang, color), '');
  for (const cr of report.campaigns) {
    if (quiet && !cr.findings.length && !cr.unusedSuppressions?.length) continue;
    parts.push(...campaignBlock(cr, c, lang), '');
  }
  // Tables a report asks for (e.g. the log audit's top offenders); the formatter knows nothing of what they mean.
  if (!quiet) for (const x of report.extraTables ?? []) parts.push(c.bold(x.title), extraTable(x, color), '');
  for (const n of report.notes ?? []) parts.push(c.dim(n));
  // A log past its listing bounds counts more findings than it lists; the severities count them all.
  const unlisted = typeof s.unlistedFindings === 'number' ? s.unlistedFindings : 0;
  const found = unlisted
    ? { zh: `${s.findings} 个问题已列出，共 ${s.findings + unlisted} 个`, en: `${n(s.findings, 'finding')} listed, ${s.findings + unlisted} in all` }
    : { zh: `${s.findings} 个问题`, en: n(s.findings, 'finding') };
  const counts =
    lang === 'zh'
      ? `${s.campaigns} 个活动，${s.messages} 条消息，${found.zh}（${s.errors} 错误，${s.warnings} 警告，${s.infos} 提示${s.suppressed ? `，${s.suppressed} 已豁免` : ''}），平均分 ${s.score}，最低分 ${s.lowestScore}`
      : `${n(s.campaigns, 'campaign')}, ${n(s.messages, 'message')}, ${found.en} (${n(s.errors, 'error')}, ${n(s.warnings, 'warning')}, ${n(s.infos, 'info')}${s.suppressed ? `, ${s.suppressed} suppressed` : ''}), mean score ${s.score}, lowest ${s.lowestScore}`;
  parts.push(counts);
  if (s.baselined !== undefined) {
    const stale = (report.baseline as { stale?: Array<{ ruleId?: string; campaignId?: string; messageId?: string; excerpt?: string; count: number }> } | undefined)?.stale ?? [];
    parts.push(
      lang === 'zh'
        ? `基线：${s.baselined} 个已知问题未列出${s.baselineStale ? `；${s.baselineStale} 个基线记录已不存在（已修复？用 --write-baseline 更新基线）` : ''}`
        : `Baseline: ${s.baselined} known finding(s) not shown${s.baselineStale ? `; ${s.baselineStale} baseline entr${s.baselineStale === 1 ? 'y' : 'ies'} no longer found (fixed? refresh with --write-baseline)` : ''}`,
    );
    for (const e of stale) parts.push(c.dim(`  ${lang === 'zh' ? '已不存在' : 'stale'}: ${e.ruleId ?? '?'} ${e.campaignId ?? '?'}${e.messageId ? `/${e.messageId}` : ''} "${e.excerpt ?? ''}"${e.count > 1 ? ` ×${e.count}` : ''}`));
  }
  const gate = s.passed ? c.green(`${t('gate', lang)}: ${t('passed', lang)}`) : c.red(`${t('gate', lang)}: ${t('failed', lang)} — ${s.failures.join('; ')}`);
  parts.push(gate);
  return parts.join('\n') + '\n';
};
