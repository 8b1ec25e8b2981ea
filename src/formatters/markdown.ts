/**
 * Markdown (CONTRACTS §6): for pull-request comments and the GitHub job
 * summary (`>> "$GITHUB_STEP_SUMMARY"`). The gate first, then one summary
 * row per campaign (score, grade, SNR, intrusiveness, findings), then each
 * campaign's findings with file:line, rule, message and fix. Copy text is
 * user text: pipes, line breaks, HTML and Markdown syntax are escaped so a
 * message can neither break the table nor render as markup.
 */
import type { Formatter } from './types.js';
import type { Report, CampaignReport } from '../report/report.js';
import type { Finding, Lang } from '../types.js';
import { t } from '../i18n.js';
import { outcomeSentences, type CampaignOutcome, type OutcomeSummary } from '../logs/outcomes.js';

/** Text for a table cell: markup-neutral, one line. */
export function cell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#])/g, '\\$1')
    .replace(/\r?\n/g, '<br>')
    // "@all" in a PR comment would notify a GitHub user named "all": a zero-width space after @ stops mentions.
    .replace(/@/g, '@\u200B');
}

/** Inline code that survives backticks in the text. */
function code(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

const SEV_ICON: Record<string, string> = { error: '🔴', warning: '🟠', info: '🔵' };

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function findingRow(f: Finding, lang: Lang): string {
  const where = f.row !== undefined ? `${f.file} row ${f.row}` : `${f.file}:${f.line}:${f.column}`;
  return row([code(where), `${SEV_ICON[f.severity] ?? ''} ${t(f.severity, lang)}`, code(f.ruleId), cell(f.message), cell(f.advice), `−${f.penalty}`]);
}

function campaignTitle(c: CampaignReport): string {
  return `${code(c.id)}${c.name ? ` ${cell(c.name)}` : ''}`;
}

/** Logs that carry the customers' side (CONTRACTS §7): what they did after each campaign, and per rule. */
function outcomesSection(report: Report): string[] {
  const o = report.summary.outcomes as OutcomeSummary | undefined;
  if (!o || !(o.reactionRows > 0)) return [];
  const zh = report.lang === 'zh';
  const out = [`### ${zh ? `发送后 ${o.window} 内客户的反应` : `Outcomes within ${o.window} of a send`}`, ''];
  out.push(row([t('campaign', report.lang), zh ? '触达' : 'Reached', zh ? '回复' : 'Replies', zh ? '退订' : 'Opt-outs', zh ? '退群' : 'Leaves', zh ? '删除' : 'Deletes']));
  out.push(row(['---', '---:', '---:', '---:', '---:', '---:']));
  for (const c of report.campaigns) {
    const co = c.outcomes as CampaignOutcome | undefined;
    if (co && co.reached > 0) out.push(row([campaignTitle(c), String(co.reached), String(co.replies), String(co.optouts), String(co.leaves), String(co.deletes)]));
  }
  out.push(row([zh ? '**合计**' : '**Total**', String(o.reached), String(o.replies), String(o.optouts), String(o.leaves), String(o.deletes)]), '');
  const titles = new Map((report.rules ?? []).map((r) => [r.id, r.title]));
  for (const line of outcomeSentences(o, titles, report.lang)) out.push(`- ${cell(line)}`);
  out.push('');
  return out;
}

export const markdown: Formatter = (report: Report) => {
  const lang = report.lang;
  const zh = lang === 'zh';
  const s = report.summary;
  const out: string[] = [];

  out.push(`## scrm-audit: ${s.passed ? `✅ ${t('gate', lang)} ${t('passed', lang)}` : `❌ ${t('gate', lang)} ${t('failed', lang)}`}`, '');
  for (const f of s.failures) out.push(`- ${cell(f)}`);
  if (s.failures.length) out.push('');
  out.push(
    zh
      ? `${s.campaigns} 个活动，${s.messages} 条消息，${s.findings} 个问题（${s.errors} 错误，${s.warnings} 警告，${s.infos} 提示${s.suppressed ? `，${s.suppressed} 已豁免` : ''}），平均分 ${s.score}，最低分 ${s.lowestScore}（门槛 ${s.failUnder}）`
      : `${s.campaigns} campaigns, ${s.messages} messages, ${s.findings} findings (${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos${s.suppressed ? `, ${s.suppressed} suppressed` : ''}), mean score ${s.score}, lowest ${s.lowestScore} (fail under ${s.failUnder})`,
    '',
  );

  out.push(row([t('campaign', lang), t('channel', lang), t('score', lang), t('grade', lang), t('snr', lang), t('intrusiveness', lang), t('findings', lang), zh ? '来源' : 'Source']));
  out.push(row(['---', '---', '---:', ':---:', '---:', '---:', '---:', '---']));
  for (const c of report.campaigns) {
    out.push(
      row([
        campaignTitle(c),
        t(c.channel, lang),
        String(c.score),
        c.grade,
        c.snr.toFixed(2),
        c.intrusiveness.toFixed(2),
        String(c.findings.length) + (c.suppressed.length ? ` (+${c.suppressed.length} ${t('suppressed', lang)})` : ''),
        code(`${c.source}:${c.line}`),
      ]),
    );
  }
  out.push('');

  out.push(...outcomesSection(report));

  const withFindings = report.campaigns.filter((c) => c.findings.length || c.unusedSuppressions?.length);
  if (withFindings.length) out.push(`### ${t('findings', lang)}`, '');
  for (const c of withFindings) {
    out.push(`#### ${campaignTitle(c)} — ${c.score} ${c.grade}`, '');
    if (c.findings.length) {
      out.push(row([zh ? '位置' : 'Where', zh ? '级别' : 'Severity', zh ? '规则' : 'Rule', zh ? '问题' : 'Message', t('advice', lang), zh ? '扣分' : 'Points']));
      out.push(row(['---', '---', '---', '---', '---', '---:']));
      for (const f of c.findings) out.push(findingRow(f, lang));
      out.push('');
    }
    for (const u of c.unusedSuppressions ?? []) {
      out.push(
        `- ⚠️ ${zh ? '未使用的豁免' : 'Unused ignore'} ${code(`${c.source}${u.line ? `:${u.line}` : ''}`)} ${code(u.rule)}${u.messageId ? ` (${cell(u.messageId)})` : ''}: ${zh ? '没有可豁免的问题，请删除' : 'matches no finding; remove it'}`,
      );
    }
    if (c.unusedSuppressions?.length) out.push('');
  }

  if (s.baselined !== undefined) {
    out.push(
      zh
        ? `基线：${s.baselined} 个已知问题未列出${s.baselineStale ? `；${s.baselineStale} 个基线记录已不存在（用 \`--write-baseline\` 更新）` : ''}。`
        : `Baseline: ${s.baselined} known finding(s) not shown${s.baselineStale ? `; ${s.baselineStale} baseline entr${s.baselineStale === 1 ? 'y' : 'ies'} no longer found (refresh with \`--write-baseline\`)` : ''}.`,
      '',
    );
  }
  return out.join('\n');
};
