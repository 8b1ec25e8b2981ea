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
import { parseEncoding, type Encoding } from './decode.js';
import { parseMap, FIELDS, type Field } from './columns.js';
import { readLogFile, INPUT_FORMATS, type FileInfo, type InputFormat } from './readers.js';
import { LogAudit } from './audit.js';
import { Clock, type DateOrder } from './time.js';
import { decideZone } from './zone.js';
import { parseWindow, outcomeSentences, type OutcomeSummary, type TextOutcome } from './outcomes.js';
import { DuckEngine, DEFAULT_MEMORY_LIMIT, defaultSpillDir, parseMemoryLimit } from './duck/engine.js';
import { isParquet, parquetColumns } from './duck/parquet.js';
export { reasonKind } from './reasons.js';

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
  /** --max-skipped: the gate fails with more skipped rows than this: a count ("10") or a share of the rows read ("1%", the default). */
  maxSkipped?: string;
  /** --date-order: how to read dates written with the year last (11/03/2026). */
  dateOrder?: string;
  /** Rows listed per (campaign, message, rule); 0 lists every row. */
  maxRowsPerFinding?: number;
  /** Row findings listed in all before the rest are only counted (default 50,000; the library and tests set it smaller). */
  rowFindingsListed?: number;
  /** Window and event findings listed per rule before the rest are only counted (default 25,000; the library and tests set it smaller). */
  windowFindingsListed?: number;
  /** Texts whose rule results are kept for reuse (default 16,384; tests set it small). */
  ruleTextsKept?: number;
  rules?: LoadedRule[];
  packs?: string[];
  /** Notes and malformed rows, as they happen (stderr). */
  warn?: (msg: string) => void;
  /** Raw bytes read, for a progress bar. */
  onBytes?: (n: number) => void;
  /** Parse large CSV files in a worker thread (default auto). */
  worker?: 'auto' | 'always' | 'never';
  /** --attribution-window: reactions count for the latest push within this long before them (30m, 24h, 7d; default 24h). */
  attributionWindow?: string;
  /** `learn` on a log: each distinct pushed text with its pushes and the customers lost after them. */
  onTextOutcomes?: (texts: TextOutcome[]) => void;
  /** --memory-limit: what the log engine (DuckDB) may hold before it spills to disk (512MB, 2GB; default 1GB). */
  memoryLimit?: string;
  /** --spill-dir: where the log engine spills (default: the system's temporary folder). */
  spillDir?: string;
}

/** The config's `logs:` section. */
export interface LogsConfig {
  columns: Partial<Record<Field, string>>;
  staff?: Set<string>;
  customerPattern: RegExp;
  encoding?: Encoding;
  format?: InputFormat;
  replyWindowMinutes: number;
  /** One-to-one conversation window (RULEBOOK: a day); 0 leaves only the reply window. */
  conversationWindowHours: number;
  maxRowsPerFinding?: number;
  maxSkipped?: string;
  dateOrder?: DateOrder;
  /** Group names by chat id, for exports that carry ids only (chat archive, group-message API). */
  chats: Record<string, string>;
  /** logs.attribution_window (CONTRACTS §7). */
  attributionWindow?: string;
  /** logs.memory_limit, logs.spill_dir: the log engine's bounds (docs/logs.md, Memory and spill). */
  memoryLimit?: string;
  spillDir?: string;
}

/** WeChat Work external contact ids (wo…/wm…): in a chat archive, these are the customers. */
const EXTERNAL_ID = /^w[mo][A-Za-z0-9_-]{6,}$/;

export function readLogsConfig(config: Config): LogsConfig {
  const raw = config.raw.logs;
  const file = config.file;
  const out: LogsConfig = { columns: {}, customerPattern: EXTERNAL_ID, replyWindowMinutes: 30, conversationWindowHours: 24, chats: {} };
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
  const cw = o.conversation_window_hours;
  if (cw !== undefined) {
    if (typeof cw !== 'number' || cw < 0 || cw > 720) throw new InputError('logs.conversation_window_hours: expected a number of hours from 0 to 720', file);
    out.conversationWindowHours = cw;
  }
  if (o.chats !== undefined) {
    if (!o.chats || typeof o.chats !== 'object' || Array.isArray(o.chats)) throw new InputError('logs.chats: expected a mapping of chat id to group name, e.g. { wrOgQhDgAA…: 萌爪养猫交流群 }', file);
    out.chats = Object.fromEntries(Object.entries(o.chats as object).map(([k, v]) => [k, String(v)]));
  }
  if (o.max_skipped !== undefined) {
    out.maxSkipped = String(o.max_skipped);
    parseMaxSkipped(out.maxSkipped, 'logs.max_skipped');
  }
  if (o.attribution_window !== undefined) {
    out.attributionWindow = String(o.attribution_window);
    parseWindow(out.attributionWindow, 'logs.attribution_window');
  }
  if (o.memory_limit !== undefined) out.memoryLimit = parseMemoryLimit(String(o.memory_limit), 'logs.memory_limit');
  if (o.spill_dir !== undefined) {
    if (typeof o.spill_dir !== 'string' || !o.spill_dir.trim()) throw new InputError('logs.spill_dir: expected a folder path', file);
    out.spillDir = o.spill_dir;
  }
  if (o.date_order !== undefined) out.dateOrder = parseDateOrder(String(o.date_order), 'logs.date_order');
  const mr = o.max_rows_per_finding;
  if (mr !== undefined) {
    if (typeof mr !== 'number' || !Number.isInteger(mr) || mr < 0) throw new InputError('logs.max_rows_per_finding: expected a whole number (0 lists every row)', file);
    out.maxRowsPerFinding = mr;
  }
  return out;
}

/** --date-order mdy|dmy (also m/d/y, month-first, us, eu…). */
export function parseDateOrder(v: string | undefined, name = '--date-order'): DateOrder | undefined {
  if (v === undefined) return undefined;
  const k = v.toLowerCase().replace(/[^a-z]/g, '');
  const order: DateOrder | undefined = k === 'mdy' || k === 'us' || k === 'monthfirst' ? 'mdy' : k === 'dmy' || k === 'eu' || k === 'dayfirst' ? 'dmy' : undefined;
  if (!order) throw new InputError(`${name}: expected mdy (11/03/2026 is November 3) or dmy (11/03/2026 is 11 March), got "${v}"`);
  return order;
}

/** --max-skipped: a count or a percentage of the rows read. */
export function parseMaxSkipped(v: string | undefined, name = '--max-skipped'): { count?: number; percent?: number } {
  const t = (v ?? '1%').trim();
  const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
  if (!m || (m[2] && Number(m[1]) > 100) || (!m[2] && !Number.isInteger(Number(m[1])))) throw new InputError(`${name}: expected a number of rows (10) or a percentage of the rows read (1%), got "${v}"`);
  return m[2] ? { percent: Number(m[1]) } : { count: Number(m[1]) };
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
  const lc = readLogsConfig(options.config);
  const duck = new DuckEngine({
    memoryLimit: options.memoryLimit !== undefined ? parseMemoryLimit(options.memoryLimit, '--memory-limit') : lc.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    spillDir: options.spillDir ?? lc.spillDir ?? defaultSpillDir(),
  });
  try {
    return await auditWith(files, options, lc, duck);
  } finally {
    duck.close();
  }
}

async function auditWith(files: string[], options: LogsOptions, lc: LogsConfig, duck: DuckEngine): Promise<Report> {
  const opts = withPacks(options);
  const config = opts.config;
  const warn = opts.warn ?? (() => {});
  const format = opts.format ?? lc.format;
  if (format !== undefined && !INPUT_FORMATS.includes(format as InputFormat)) throw new InputError(`--input-format: expected ${INPUT_FORMATS.join(' | ')}, got "${format}"`);
  const encoding = parseEncoding(opts.encoding) ?? lc.encoding;
  const maxSkippedText = opts.maxSkipped ?? lc.maxSkipped ?? '1%';
  const maxSkipped = parseMaxSkipped(maxSkippedText, opts.maxSkipped !== undefined ? '--max-skipped' : 'logs.max_skipped');
  const dateOrder = parseDateOrder(opts.dateOrder) ?? lc.dateOrder;
  const parquet = (f: string) => format === 'parquet' || (format === undefined && isParquet(f));
  const zone = await decideZone(files, {
    option: opts.timezone,
    config: config.timezone,
    format: format as InputFormat | undefined,
    encoding,
    // a Parquet file's column names stand for the header line a CSV would have
    header: async (f) => (parquet(f) ? (await parquetColumns(duck, f)).map((c) => c.name).join(',') : undefined),
  });
  const tz = zone.timezone;
  if (zone.source === 'machine') {
    warn(`times are read and judged in this machine's time zone, ${tz}, because neither --timezone nor the config's timezone names one and the input is not a WeChat Work export; if the log is from elsewhere, pass --timezone <IANA zone>`);
  }
  let assumed: { order: DateOrder; example: string } | undefined;
  const onAssume = (order: DateOrder, example: string) => {
    if (assumed) return;
    assumed = { order, example };
    warn(`dates like "${example}" do not say whether the day or the month comes first: read as ${order === 'mdy' ? 'month/day/year' : 'day/month/year'}; pass --date-order ${order === 'mdy' ? 'dmy' : 'mdy'} if they are ${order === 'mdy' ? 'day/month/year' : 'month/day/year'}`);
  };
  const clock = new Clock(tz, dateOrder, onAssume);
  const map = { ...lc.columns, ...parseMap(opts.map, '--map') };
  const since = parseBound(opts.since, '--since', clock);
  const until = parseBound(opts.until, '--until', clock);
  if (since !== undefined && until !== undefined && until <= since) throw new InputError(`--until ${opts.until} is not after --since ${opts.since}`);
  const attribution = parseWindow(opts.attributionWindow ?? lc.attributionWindow ?? '24h', opts.attributionWindow !== undefined ? '--attribution-window' : 'logs.attribution_window');
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
    rowFindingsListed: opts.rowFindingsListed,
    windowFindingsListed: opts.windowFindingsListed,
    ruleTextsKept: opts.ruleTextsKept,
    replyWindowMs: lc.replyWindowMinutes * 60_000,
    conversationWindowMs: lc.conversationWindowHours * 3_600_000,
    chatNames: lc.chats,
    attribution,
    failUnder: opts.failUnder,
    maxWarnings: opts.maxWarnings,
    onNote: warn,
    onTextOutcomes: opts.onTextOutcomes,
    onBadRow: (file, row, line, reason) => {
      if (badShown++ < 20) warn(`${file}:${line}: row ${row} skipped: ${reason}`);
    },
  });
  const staff = lc.staff;
  const isCustomer = (id: string | undefined) => (id === undefined ? false : staff ? !staff.has(id) : lc.customerPattern.test(id));
  const infos: FileInfo[] = [];
  const groupMsgs = new Map();
  for (const file of files) {
    const workerConfig = { timezone: tz, ...(dateOrder ? { dateOrder } : {}), ...(staff ? { staff: [...staff] } : {}), customerPattern: lc.customerPattern.source, ...audit.nameWords };
    const before = audit.rows;
    const read = readLogFile(file, { clock, map, format: format as InputFormat | undefined, encoding, isCustomer, onBytes: opts.onBytes, warn, worker: opts.worker, workerConfig, intern: audit.interning, groupMsgs, onAssume, duck }, (i) => infos.push(i));
    for await (const batch of read) audit.add(batch);
    if (audit.rows === before && files.length > 1) warn(`${file}: no rows (a header or an empty list, and nothing else)`);
  }
  if (badShown > 20) warn(`… ${badShown - 20} more malformed row(s) skipped; summary.skipped lists the first 100`);
  const zh = opts.lang === 'zh';
  const byReason = audit.skippedByReason();
  const reasonsText = byReason.map((r) => `${r.count} ${r.reason}${r.example !== r.reason ? ` (e.g. row ${r.firstRow}: ${r.example})` : ` (e.g. row ${r.firstRow})`}`).join('; ');
  // The gate never passes on nothing: a run that read no row could not audit anything (CONTRACTS §5).
  const readable = audit.rows - audit.skippedRows;
  if (readable === 0) {
    const where = files.length === 1 ? files[0] : undefined;
    if (audit.rows === 0) throw new InputError(`no rows to audit: ${files.length === 1 ? 'the file has' : 'the files have'} no data rows (a header only, an empty list or an empty folder)`, where);
    throw new InputError(`no rows to audit: ${audit.rows === 1 ? 'the only row was' : `all ${audit.rows} rows were`} skipped as unreadable — ${reasonsText}${byReason.some((r) => /time/.test(r.reason)) ? '; if the times are in another form, see --date-order, --map time=<column> and docs/logs.md (Times)' : ''}`, where);
  }
  const report = audit.finish(infos);
  const s = report.summary;
  s.timezone = tz;
  s.timezoneSource = zone.source;
  if (zone.detail) s.timezoneFrom = zone.detail;
  const order = clock.dateOrderUsed ?? (assumed ? { order: assumed.order, assumed: true, source: 'assumed' as const } : undefined);
  if (order) s.dateOrder = order;
  if (byReason.length) s.skippedByReason = byReason;
  const limit = maxSkipped.count ?? Math.floor((audit.rows * maxSkipped.percent!) / 100);
  s.maxSkipped = maxSkippedText;
  if (audit.skippedRows > limit) {
    s.passed = false;
    s.failures.push(
      zh
        ? `${audit.skippedRows} 行无法读取、已跳过（共 ${audit.rows} 行），超过 --max-skipped ${maxSkippedText}${maxSkipped.percent !== undefined ? `（${limit} 行）` : ''}：${reasonsText}`
        : `${audit.skippedRows} of ${audit.rows} row(s) skipped as unreadable, more than --max-skipped ${maxSkippedText}${maxSkipped.percent !== undefined ? ` (${limit} row${limit === 1 ? '' : 's'})` : ''}: ${reasonsText}`,
    );
  }
  const notes: string[] = [];
  for (const i of infos) notes.push(zh ? `${i.file}：${i.format}，${i.encoding}${i.streamed ? '' : '（整体读入）'}` : `${i.file}: ${i.format}, ${i.encoding}${i.streamed ? '' : ' (read whole)'}`);
  const extra: string[] = [];
  if (s.filteredRows) extra.push(zh ? `${s.filteredRows} 行在 --since/--until 之外` : `${s.filteredRows} outside --since/--until`);
  if (s.inboundRows) extra.push(zh ? `${s.inboundRows} 行是客户发来的` : `${s.inboundRows} written by customers`);
  if (s.notDelivered) extra.push(zh ? `${s.notDelivered} 行未送达` : `${s.notDelivered} not delivered`);
  if (s.refusedSends) extra.push(zh ? `${s.refusedSends} 次被平台拒发（status 3）` : `${s.refusedSends} refused by the platform (status 3)`);
  if (s.eventRows) extra.push(zh ? `${s.eventRows} 行是事件（入群、退群、删除好友、撤回等）` : `${s.eventRows} events (joins, leaves, deleted contacts, recalls…)`);
  const by = Object.entries((s.unlistedByRule ?? {}) as Record<string, number>)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  const zoneFrom = { option: [' --timezone', '--timezone'], config: ['配置文件', 'the config'], format: ['企业微信导出的默认时区', 'the default of WeChat Work exports'], file: ['Slack users.json', 'Slack users.json'], machine: ['本机时区（未指定 --timezone）', "this machine's zone (no --timezone given)"] }[zone.source];
  notes.push(zh ? `时区：${tz}（来自${zoneFrom[0]}${zone.detail && zone.source !== 'option' && zone.source !== 'config' ? `：${zone.detail}` : ''}）` : `Time zone: ${tz} (from ${zoneFrom[1]}${zone.detail && zone.source !== 'option' && zone.source !== 'config' ? `: ${zone.detail}` : ''})`);
  if (order?.assumed) notes.push(zh ? `日期 ${assumed?.example ?? ''} 按${order.order === 'mdy' ? '月/日/年' : '日/月/年'}读取（数据本身无法判断；用 --date-order 指定）` : `Dates such as ${assumed?.example ?? ''} read as ${order.order === 'mdy' ? 'month/day/year' : 'day/month/year'} (the data does not say; name it with --date-order)`);
  if (s.internalRows) extra.push(zh ? `${s.internalRows} 行是员工之间的内部消息` : `${s.internalRows} internal (staff to staff)`);
  if (s.conversationRows) extra.push(zh ? `${s.conversationRows} 行是对话中的回复（不计入频次）` : `${s.conversationRows} conversation replies (not counted as pushes)`);
  notes.push(
    zh
      ? `读取 ${s.rows} 行，其中 ${s.skippedRows} 行无法读取、已跳过${byReason.length ? `（${byReason.map((r) => `${r.count} 行 ${r.reason}`).join('；')}）` : ''}${extra.length ? `；${extra.join('，')}` : ''}${s.unlistedFindings ? `；另有 ${s.unlistedFindings} 个问题只计数、未列出（${by}；--max-rows-per-finding 0 全部列出）` : ''}`
      : `${s.rows} ${s.rows === 1 ? 'row' : 'rows'} read, ${s.skippedRows} skipped as unreadable${byReason.length ? ` (${byReason.map((r) => `${r.count} ${r.reason}`).join('; ')})` : ''}${extra.length ? `; ${extra.join(', ')}` : ''}${s.unlistedFindings ? `; ${s.unlistedFindings} more findings counted, not listed (${by}; --max-rows-per-finding 0 lists them all)` : ''}`,
  );
  const oc = s.outcomes as OutcomeSummary | undefined;
  if (oc && oc.reactionRows > 0) {
    const u = oc.unattributed;
    const lost = u.replies + u.optouts + u.leaves + u.deletes;
    notes.push(
      zh
        ? `客户反应（${oc.window} 内归到最近一次发送）：触达 ${oc.reached}，回复 ${oc.replies}，退订 ${oc.optouts}，退群 ${oc.leaves}，删除 ${oc.deletes}${lost ? `；${lost} 条反应之前 ${oc.window} 内没有发给该客户或该群的消息，不计入` : ''}`
        : `Outcomes (each reaction counted for the latest send within ${oc.window} before it): ${oc.reached} reached, ${oc.replies} ${oc.replies === 1 ? 'reply' : 'replies'}, ${oc.optouts} opt-out${oc.optouts === 1 ? '' : 's'}, ${oc.leaves} leave${oc.leaves === 1 ? '' : 's'}, ${oc.deletes} deleted contact${oc.deletes === 1 ? '' : 's'}${lost ? `; ${lost} reaction(s) had no send to that customer or group in the ${oc.window} before them and count for nothing` : ''}`,
    );
    const titles = new Map((report.rules ?? []).map((r) => [r.id, r.title]));
    notes.push(...outcomeSentences(oc, titles, opts.lang));
  }
  report.notes = notes;
  return report;
}
