/**
 * `logStats`: the log report's numbers for the HTML and Markdown views
 * (field names are a contract with those renderers), and the "top
 * offenders" tables the text report prints through the generic
 * `extraTables` hook.
 */
import type { ExtraTable } from '../report/report.js';
import type { Lang } from '../types.js';

export interface LogStats {
  timezone: string;
  sendsPerDay: Array<{ date: string; count: number }>;
  pushesPerRecipient: {
    /** The cap the histogram is judged against (null when the preset sets none). */
    cap: number | null;
    /** The window pushes are counted in: a local day, or a calendar month for monthly presets. */
    window: 'day' | 'month';
    /** Customers by their pushes in their busiest window. */
    histogram: Array<{ pushes: number; recipients: number }>;
  };
  groups: Array<{ chat: string; name: string; type: string; messages: number; atAll: number; selling: number; sellingShare: number }>;
  senders: Array<{ sender: string; messages: number; findings: number }>;
  atAllPerGroupWeek: Array<{ chat: string; week: string; count: number }>;
}

const ROWS = 10;

export function logTables(stats: LogStats, groupFindings: number[], chatIds: string[], lang: Lang): ExtraTable[] {
  const zh = lang === 'zh';
  const findingsOf = new Map(chatIds.map((id, i) => [id, groupFindings[i] ?? 0]));
  const tables: ExtraTable[] = [];
  const groups = [...stats.groups]
    .map((g) => ({ ...g, findings: findingsOf.get(g.chat) ?? 0 }))
    .filter((g) => g.findings > 0 || g.atAll > 0 || g.selling > 0)
    .sort((a, b) => b.findings - a.findings || b.atAll - a.atAll || b.sellingShare - a.sellingShare || (a.chat < b.chat ? -1 : a.chat > b.chat ? 1 : 0))
    .slice(0, ROWS);
  if (groups.length) {
    tables.push({
      title: zh ? '问题最多的群' : 'Top groups by findings',
      head: zh ? ['群', '类型', '消息', '@所有人', '推销占比', '问题'] : ['Group', 'Type', 'Messages', '@all', 'Selling share', 'Findings'],
      rows: groups.map((g) => [g.name === g.chat ? g.chat : `${g.name}\n${g.chat}`, g.type, g.messages, g.atAll, `${Math.round(g.sellingShare * 100)}%`, g.findings]),
    });
  }
  const senders = stats.senders.filter((s) => s.findings > 0).slice(0, ROWS);
  if (senders.length) {
    tables.push({
      title: zh ? '问题最多的发送人' : 'Top senders by findings',
      head: zh ? ['发送人', '消息', '问题'] : ['Sender', 'Messages', 'Findings'],
      rows: senders.map((s) => [s.sender, s.messages, s.findings]),
    });
  }
  return tables;
}
