/** Helpers for the log tests: audit files programmatically, write temporary inputs. */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { auditLogs, type LogsOptions } from '../../src/logs/index.js';
import { defaultConfig, parseConfig } from '../../src/config/config.js';
import type { Report } from '../../src/report/report.js';
import type { Finding } from '../../src/types.js';
import { ROOT } from '../helpers.js';

export const FIXTURES = resolve(ROOT, 'fixtures', 'logs');
export const TZ = 'Asia/Shanghai';

export type AuditOpts = Partial<Omit<LogsOptions, 'config'>> & { config?: Record<string, unknown> };

/** Audit log files the way `scrm-audit logs` does, in Asia/Shanghai, English. */
export async function auditFiles(files: string[], opts: AuditOpts = {}): Promise<Report & { warnings: string[] }> {
  const warnings: string[] = [];
  const { config, ...rest } = opts;
  const report = await auditLogs(files, {
    config: config ? parseConfig(config, '.scrm-audit.yaml') : defaultConfig(),
    lang: 'en',
    timezone: TZ,
    warn: (m) => warnings.push(m),
    ...rest,
  });
  return Object.assign(report, { warnings });
}

let dir: string | undefined;
/** Write a temporary file (text as UTF-8, or bytes as given); returns its path. */
export function tmpFile(name: string, content: string | Uint8Array): string {
  dir ??= mkdtempSync(join(tmpdir(), 'scrm-logs-'));
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

export function all(report: Report, ruleId?: string): Finding[] {
  return report.campaigns.flatMap((c) => c.findings).filter((f) => !ruleId || f.ruleId === ruleId);
}

/** CSV text from rows of cells (quoted when needed). */
export function csv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}
