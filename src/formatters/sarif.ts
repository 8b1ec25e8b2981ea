/**
 * SARIF 2.1.0 (CONTRACTS §6), for GitHub code scanning and other SARIF
 * viewers. One result per finding, at the same file/line/column/endLine/
 * endColumn as the JSON report, with the baseline fingerprint as its
 * partialFingerprint so that viewers track a finding across edits. Rules
 * come from `report.rules`. Unused `ignore` entries and stale baseline
 * entries are tool notifications (warning / note), not results: they are
 * not findings. No timestamps, so output is deterministic.
 */
import type { Formatter } from './types.js';
import type { Report, RuleInfo } from '../report/report.js';
import { informationUri } from '../report/report.js';
import { fingerprint } from '../baseline.js';
import type { Finding, Severity } from '../types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a URI reference (forward slashes, percent-encoded: Chinese file names are common). */
export function fileUri(file: string): { uri: string; uriBaseId?: string } {
  const posix = file.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(posix)) return { uri: `file:///${encodeURI(posix)}` };
  if (posix.startsWith('/')) return { uri: `file://${encodeURI(posix)}` };
  return { uri: encodeURI(posix.replace(/^\.\//, '')).replace(/[?#]/g, encodeURIComponent), uriBaseId: '%SRCROOT%' };
}

function region(f: { line: number; column: number; endLine?: number; endColumn?: number }) {
  const r: Record<string, number> = { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) };
  // An empty span (a campaign-level finding) gets no end: viewers then mark the rest of the line.
  if (f.endLine !== undefined && f.endColumn !== undefined && (f.endLine > f.line || (f.endLine === f.line && f.endColumn > f.column))) {
    r.endLine = f.endLine;
    r.endColumn = f.endColumn;
  }
  return r;
}

function location(file: string, pos: { line: number; column: number; endLine?: number; endColumn?: number }) {
  return { physicalLocation: { artifactLocation: fileUri(file), region: region(pos) } };
}

function driverRule(r: RuleInfo) {
  return {
    id: r.id,
    name: r.id.replace(/(^|[-/])([a-z0-9])/g, (_m, _s, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: r.help },
    helpUri: r.helpUri,
    defaultConfiguration: { level: LEVEL[r.severity] },
  };
}

function result(f: Finding, ruleIndex: number, baselined: boolean) {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: f.advice ? `${f.message}\n${f.advice}` : f.message },
    locations: [location(f.file, f)],
    partialFingerprints: { 'scrmAudit/v1': fingerprint(f) },
    ...(baselined ? { baselineState: 'new' as const } : {}),
    properties: {
      campaignId: f.campaignId,
      ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
      ...(f.row !== undefined ? { row: f.row } : {}),
      excerpt: f.excerpt,
      penalty: f.penalty,
    },
  };
}

export function toSarif(report: Report): Record<string, unknown> {
  const zh = report.lang === 'zh';
  const rules = [...(report.rules ?? [])];
  // Findings of rules the report does not describe (a report built without `rules`) still get a descriptor.
  for (const f of report.campaigns.flatMap((c) => c.findings)) {
    if (!rules.some((r) => r.id === f.ruleId)) {
      rules.push({ id: f.ruleId, title: f.ruleId, description: f.ruleId, help: f.advice || f.ruleId, helpUri: `${informationUri()}#rules`, severity: f.severity });
    }
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const withBaseline = report.summary.baselined !== undefined;
  const results = report.campaigns.flatMap((c) => c.findings.map((f) => result(f, index.get(f.ruleId) ?? -1, withBaseline)));

  const notifications: Array<Record<string, unknown>> = [];
  for (const c of report.campaigns) {
    for (const u of c.unusedSuppressions ?? []) {
      notifications.push({
        level: 'warning',
        descriptor: { id: 'unused-suppression' },
        message: {
          text: zh
            ? `活动 ${c.id}${u.messageId ? ` 消息 ${u.messageId}` : ''} 的 ignore（${u.rule}）没有可豁免的问题，请删除`
            : `ignore of ${u.rule} in campaign ${c.id}${u.messageId ? `, message ${u.messageId}` : ''} matches no finding; remove it`,
        },
        locations: [location(c.source, { line: u.line ?? c.line, column: 1 })],
      });
    }
  }
  const stale = (report.baseline as { stale?: Array<{ ruleId?: string; campaignId?: string; messageId?: string; excerpt?: string; count: number; fingerprint: string }> } | undefined)?.stale ?? [];
  for (const e of stale) {
    notifications.push({
      level: 'note',
      descriptor: { id: 'stale-baseline-entry' },
      message: {
        text: zh
          ? `基线记录已不存在：${e.ruleId ?? '?'} ${e.campaignId ?? '?'}${e.messageId ? `/${e.messageId}` : ''} "${e.excerpt ?? ''}" ×${e.count}`
          : `baseline entry no longer found: ${e.ruleId ?? '?'} ${e.campaignId ?? '?'}${e.messageId ? `/${e.messageId}` : ''} "${e.excerpt ?? ''}" ×${e.count}`,
      },
    });
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool,
            version: report.version,
            semanticVersion: report.version,
            informationUri: informationUri(),
            rules: rules.map(driverRule),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        language: report.lang === 'zh' ? 'zh-CN' : 'en-US',
        columnKind: 'utf16CodeUnits',
        results,
        properties: { summary: report.summary },
      },
    ],
  };
}

export const sarif: Formatter = (report) => JSON.stringify(toSarif(report), null, 2) + '\n';
