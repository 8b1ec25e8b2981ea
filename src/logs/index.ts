/**
 * `scrm-audit logs`, programmatically: files in, report out (CONTRACTS §5).
 *
 *   const report = await auditLogs(['export.csv'], { config, lang: 'zh' });
 *
 * Files are read one after another as streams; window counters span them
 * (the same customer in two exports is one customer).
 */
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { Lang } from '../types.js';
import type { Report } from '../report/report.js';
import { builtinRules, type LoadedRule } from '../rules/index.js';
import { withPacks } from '../packs/index.js';
import { InputError } from '../errors.js';
import { machineTimeZone } from '../time.js';
import { parseEncoding, type Encoding } from './decode.js';
import { parseMap, FIELDS, type Field } from './columns.js';
import { readLogFile, INPUT_FORMATS, type FileInfo, type InputFormat } from './readers.js';
import { LogAudit } from './audit.js';
import { Clock } from './time.js';

export interface LogsOptions {
  config: Config;
  lang: Lang;
  timezone?: string;
  failUnder?: number;
  maxWarnings?: number;
  format?: string;
  encoding?: string;
  /** `field=header` entries (--map), on top of the config's logs.columns. */
  map?: string[];
  since?: string;
  until?: string;
  strict?: boolean;
  /** Rows listed per (campaign, message, rule); 0 lists every row. */
  maxRowsPerFinding?: number;
  rules?: LoadedRule[];
  packs?: string[];
  /** Notes and malformed rows, as they happen (stderr). */
  warn?: (msg: string) => void;
  /** Raw bytes read, for a progress bar. */
  onBytes?: (n: number) => void;
  /** Parse large CSV files in a worker thread (default auto). */
  worker?: 'auto' | 'always' | 'never';
}

/** The config's `logs:` section. */
export interface LogsConfig {
  columns: Partial<Record<Field, string>>;
  staff?: Set<string>;
  customerPattern: RegExp;
  encoding?: Encoding;
  format?: InputFormat;
  replyWindowMinutes: number;
  maxRowsPerFinding?: number;
  /** Group names by chat id, for exports that carry ids only (chat archive, group-message API). */
  chats: Record<string, string>;
}

/** WeChat Work external contact ids (wo…/wm…): in a chat archive, these are the customers. */
const EXTERNAL_ID = /^w[mo][A-Za-z0-9_-]{6,}$/;

export function readLogsConfig(config: Config): LogsConfig {
  const raw = config.raw.logs;
  const file = config.file;
  const out: LogsConfig = { columns: {}, customerPattern: EXTERNAL_ID, replyWindowMinutes: 30, chats: {} };
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError('logs: expected a mapping (columns, staff, encoding, input_format, reply_window_minutes…)', file);
  const o = raw as Record<string, unknown>;
  if (o.columns !== undefined) {
    if (!o.columns || typeof o.columns !== 'object' || Array.isArray(o.columns)) throw new InputError(`logs.columns: expected a mapping of field to header, e.g. { time: 发送时间 } (fields: ${FIELDS.join(', ')})`, file);
    out.columns = parseMap(Object.entries(o.columns as object).map(([k, v]) => `${k}=${String(v)}`), `${file ?? 'config'}: logs.columns`);
  }
  if (o.staff !== undefined) {
    if (!Array.isArray(o.staff)) throw new InputError('logs.staff: expected a list of sender ids or names (everyone else is a customer)', file);
    out.staff = new Set(o.staff.map(String));
  }
  if (o.customer_pattern !== undefined) {
    try {
      out.customerPattern = new RegExp(String(o.customer_pattern));
    } catch (e) {
      throw new InputError(`logs.customer_pattern: not a regular expression (${(e as Error).message})`, file);
    }
  }
  if (o.encoding !== undefined) out.encoding = parseEncoding(String(o.encoding));
  const fmt = o.input_format ?? o.format;
  if (fmt !== undefined) {
    if (!INPUT_FORMATS.includes(fmt as InputFormat)) throw new InputError(`logs.input_format: expected ${INPUT_FORMATS.join(' | ')}`, file);
    out.format = fmt as InputFormat;
  }
  const rw = o.reply_window_minutes;
  if (rw !== undefined) {
    if (typeof rw !== 'number' || rw < 0 || rw > 10_080) throw new InputError('logs.reply_window_minutes: expected a number of minutes from 0 to 10080', file);
    out.replyWindowMinutes = rw;
  }
  if (o.chats !== undefined) {
    if (!o.chats || typeof o.chats !== 'object' || Array.isArray(o.chats)) throw new InputError('logs.chats: expected a mapping of chat id to group name, e.g. { wrOgQhDgAA…: 萌爪养猫交流群 }', file);
    out.chats = Object.fromEntries(Object.entries(o.chats as object).map(([k, v]) => [k, String(v)]));
  }
  const mr = o.max_rows_per_finding;
  if (mr !== undefined) {
    if (typeof mr !== 'number' || !Number.isInteger(mr) || mr < 0) throw new InputError('logs.max_rows_per_finding: expected a whole number (0 lists every row)', file);
    out.maxRowsPerFinding = mr;
  }
  return out;
}

/**
 * --since/--until: a date (the whole local day) or a date-time, in the
 * time zone. Returns the bound as epoch ms: since inclusive, until exclusive
 * (a date-only until includes that day; a date-time until includes that instant).
 */
export function parseBound(v: string | undefined, name: '--since' | '--until', clock: Clock): number | undefined {
  if (v === undefined) return undefined;
  const t = clock.parse(v);
  if (t === undefined) throw new InputError(`${name}: expected a date (2026-11-01) or a date-time (2026-11-01T08:00), got "${v}"`);
  if (name === '--since') return t;
  const date = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v.trim());
  return date ? clock.fromWall(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]! + 1)) : t + 1;
}

/** Bytes the progress bar will count: file sizes, or a Slack folder's day files. */
export function totalBytes(files: string[]): number {
  let n = 0;
  const walk = (p: string) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else if (st.isFile()) n += st.size;
  };
  for (const f of files) walk(f);
  return n;
}

export async function auditLogs(files: string[], options: LogsOptions): Promise<Report> {
  const opts = withPacks(options);
  const config = opts.config;
  const lc = readLogsConfig(config);
  const tz = opts.timezone ?? config.timezone ?? machineTimeZone();
  const clock = new Clock(tz);
  const format = opts.format ?? lc.format;
  if (format !== undefined && !INPUT_FORMATS.includes(format as InputFormat)) throw new InputError(`--input-format: expected ${INPUT_FORMATS.join(' | ')}, got "${format}"`);
  const encoding = parseEncoding(opts.encoding) ?? lc.encoding;
  const map = { ...lc.columns, ...parseMap(opts.map, '--map') };
  const since = parseBound(opts.since, '--since', clock);
  const until = parseBound(opts.until, '--until', clock);
  if (since !== undefined && until !== undefined && until <= since) throw new InputError(`--until ${opts.until} is not after --since ${opts.since}`);
  const warn = opts.warn ?? (() => {});
  const rules = opts.rules ?? builtinRules();
  let badShown = 0;
  const audit = new LogAudit({
    config,
    lang: opts.lang,
    timezone: tz,
    rules,
    since,
    until,
    strict: opts.strict,
    maxRowsPerFinding: opts.maxRowsPerFinding ?? lc.maxRowsPerFinding,
    replyWindowMs: lc.replyWindowMinutes * 60_000,
    chatNames: lc.chats,
    failUnder: opts.failUnder,
    maxWarnings: opts.maxWarnings,
    onBadRow: (file, row, line, reason) => {
      if (badShown++ < 20) warn(`${file}:${line}: row ${row} skipped: ${reason}`);
    },
  });
  const staff = lc.staff;
  const isCustomer = (id: string | undefined) => (id === undefined ? false : staff ? !staff.has(id) : lc.customerPattern.test(id));
  const infos: FileInfo[] = [];
  for (const file of files) {
    const workerConfig = { timezone: tz, ...(staff ? { staff: [...staff] } : {}), customerPattern: lc.customerPattern.source, ...audit.nameWords };
    const read = readLogFile(file, { clock, map, format: format as InputFormat | undefined, encoding, isCustomer, onBytes: opts.onBytes, warn, worker: opts.worker, workerConfig, intern: audit.interning }, (i) => infos.push(i));
    for await (const batch of read) audit.add(batch);
  }
  if (badShown > 20) warn(`… ${badShown - 20} more malformed row(s) skipped; summary.skipped lists the first 100`);
  const report = audit.finish(infos);
  const s = report.summary;
  const zh = opts.lang === 'zh';
  const notes: string[] = [];
  for (const i of infos) notes.push(zh ? `${i.file}：${i.format}，${i.encoding}${i.streamed ? '' : '（整体读入）'}` : `${i.file}: ${i.format}, ${i.encoding}${i.streamed ? '' : ' (read whole)'}`);
  const extra: string[] = [];
  if (s.filteredRows) extra.push(zh ? `${s.filteredRows} 行在 --since/--until 之外` : `${s.filteredRows} outside --since/--until`);
  if (s.inboundRows) extra.push(zh ? `${s.inboundRows} 行是客户发来的` : `${s.inboundRows} written by customers`);
  if (s.notDelivered) extra.push(zh ? `${s.notDelivered} 行未送达` : `${s.notDelivered} not delivered`);
  if (s.refusedSends) extra.push(zh ? `${s.refusedSends} 次被平台拒发（status 3）` : `${s.refusedSends} refused by the platform (status 3)`);
  if (s.eventRows) extra.push(zh ? `${s.eventRows} 行是事件（入群、撤回等）` : `${s.eventRows} events (joins, recalls…)`);
  const by = Object.entries((s.unlistedByRule ?? {}) as Record<string, number>)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  notes.push(
    zh
      ? `读取 ${s.rows} 行，其中 ${s.skippedRows} 行无法读取、已跳过${extra.length ? `；${extra.join('，')}` : ''}${s.unlistedFindings ? `；另有 ${s.unlistedFindings} 个问题只计数、未列出（${by}；--max-rows-per-finding 0 全部列出）` : ''}`
      : `${s.rows} rows read, ${s.skippedRows} skipped as unreadable${extra.length ? `; ${extra.join(', ')}` : ''}${s.unlistedFindings ? `; ${s.unlistedFindings} more findings counted, not listed (${by}; --max-rows-per-finding 0 lists them all)` : ''}`,
  );
  report.notes = notes;
  return report;
}
