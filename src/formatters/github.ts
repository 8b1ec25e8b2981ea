/**
 * GitHub Actions workflow commands (CONTRACTS §6): one annotation per
 * finding, shown on the pull request's diff and in the run summary.
 *
 *   ::error file=F,line=L,col=C,title=RULE::message
 *
 * exactly those properties in that order, as the contract spells them: CI
 * scripts grep these lines, so no endLine/endColumn between col and title.
 *
 * error → ::error, warning → ::warning, info → ::notice. Unused `ignore`
 * entries are ::warning annotations (they would hide a future finding);
 * stale baseline entries are ::notice lines. The last line is the gate,
 * as plain log text.
 */
import type { Formatter } from './types.js';
import type { Report } from '../report/report.js';
import type { Severity } from '../types.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Message text: %, CR and LF are the characters the runner decodes. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at ',' and the message starts after '::', so those are encoded too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: string, props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

export const github: Formatter = (report: Report) => {
  const zh = report.lang === 'zh';
  const out: string[] = [];
  for (const c of report.campaigns) {
    for (const f of c.findings) {
      out.push(
        command(
          COMMAND[f.severity],
          {
            file: f.file,
            line: f.line,
            col: f.column,
            title: f.ruleId,
          },
          `${f.message}${f.advice ? `\n${zh ? '建议' : 'Fix'}: ${f.advice}` : ''}\n(${c.id}${f.messageId ? `/${f.messageId}` : ''}, −${f.penalty})`,
        ),
      );
    }
    for (const u of c.unusedSuppressions ?? []) {
      out.push(
        command(
          'warning',
          { file: c.source, line: u.line ?? c.line, title: 'unused-suppression' },
          zh ? `ignore（${u.rule}）没有可豁免的问题，请删除。理由原为：${u.reason}` : `This ignore of ${u.rule} matches no finding; remove it. Its reason was: ${u.reason}`,
        ),
      );
    }
  }
  const stale = (report.baseline as { stale?: Array<{ ruleId?: string; campaignId?: string; messageId?: string; excerpt?: string; file?: string; count: number }> } | undefined)?.stale ?? [];
  for (const e of stale) {
    out.push(
      command(
        'notice',
        { title: 'stale-baseline-entry' },
        `${zh ? '基线记录已不存在（已修复？用 --write-baseline 更新基线）' : 'Baseline entry no longer found (fixed? refresh with --write-baseline)'}: ${e.ruleId ?? '?'} ${e.campaignId ?? '?'}${e.messageId ? `/${e.messageId}` : ''} "${e.excerpt ?? ''}"${e.count > 1 ? ` ×${e.count}` : ''}`,
      ),
    );
  }
  const s = report.summary;
  const counts = zh
    ? `scrm-audit：${s.campaigns} 个活动，${s.findings} 个问题（${s.errors} 错误，${s.warnings} 警告，${s.infos} 提示），最低分 ${s.lowestScore}`
    : `scrm-audit: ${s.campaigns} campaigns, ${s.findings} findings (${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos), lowest score ${s.lowestScore}`;
  out.push(`${counts}; ${s.passed ? (zh ? '门禁通过' : 'gate passed') : `${zh ? '门禁未通过' : 'gate failed'}: ${s.failures.join('; ')}`}`);
  return out.join('\n') + '\n';
};
