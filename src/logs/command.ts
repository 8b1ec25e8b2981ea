/**
 * The `logs` command (CONTRACTS §1, §5), registered through main's
 * `extraCommands` hook; src/cli/run.ts imports this module.
 */
import { Option } from 'commander';
import cliProgress from 'cli-progress';
import { extraCommands, addCommonOptions, commonSettings, emitReport, type CommonOptions } from '../cli/main.js';
import { InputError } from '../errors.js';
import { ENCODINGS } from './decode.js';
import { FIELDS } from './columns.js';
import { INPUT_FORMATS } from './readers.js';
import { auditLogs, totalBytes } from './index.js';

interface LogsCliOptions extends CommonOptions {
  inputFormat?: string;
  encoding?: string;
  map?: string[];
  since?: string;
  until?: string;
  strict?: boolean;
  progress?: boolean;
  maxRowsPerFinding?: string;
  maxSkipped?: string;
  dateOrder?: string;
  rulesDir?: string[];
  attributionWindow?: string;
  memoryLimit?: string;
  spillDir?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

extraCommands.push((program, io, setExit) => {
  addCommonOptions(
    program
      .command('logs')
      .description('audit exported message logs (CSV/TSV, JSON, JSON Lines, Parquet, WeChat Work chat archive and group-message dumps, Telegram, Slack)')
      .argument('<files...>', 'log files (or a Slack export folder)')
      .addOption(new Option('--input-format <format>', 'input format (default: detected from the content)').choices([...INPUT_FORMATS]))
      // any encoding iconv-lite knows (cp1251, big5, shift_jis…): checked by parseEncoding, which names the common ones
      .addOption(new Option('--encoding <encoding>', `text encoding: ${ENCODINGS.join(', ')} or any other iconv-lite knows (cp1251, big5, shift_jis…) (default: detected: BOM, else UTF-8 if valid, else GB18030 when it reads as Chinese)`))
      .option('--map <field=header>', `map a column to a field (repeatable): ${FIELDS.join(', ')}; e.g. --map time=发送时间`, collect, [])
      .option('--since <date>', 'only rows at or after this date or date-time (in --timezone)')
      .option('--until <date>', 'only rows up to this date (the whole day) or date-time')
      .option('--strict', 'stop at the first malformed row (exit 2) instead of skipping it')
      .option('--max-skipped <n>', 'the gate fails when more rows than this were skipped as unreadable: a count (10) or a percentage of the rows read (default 1%)')
      .option('--date-order <order>', 'dates written with the year last (11/03/2026): mdy (November 3) or dmy (11 March); default: from the data, else mdy with a warning')
      .option('--attribution-window <duration>', 'a reply, opt-out, leave or deleted contact counts for the latest send to that customer or group within this long before it: 30m, 24h, 7d (default 24h; config logs.attribution_window)')
      .option('--memory-limit <size>', 'memory the log engine (DuckDB, for Parquet) may use before it spills to disk: 512MB, 2GB (default 1GB; config logs.memory_limit)')
      .option('--spill-dir <path>', 'where the log engine spills past --memory-limit (default: the system temporary folder; config logs.spill_dir)')
      .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)')
      .option('--max-rows-per-finding <n>', 'rows of one template to many customers listed per message and rule before the rest are only counted (default 20; 0 = all); group posts are always listed')
      .option('--rules-dir <path>', 'add a rule pack: a YAML file or a folder of them (repeatable)', collect, []),
  ).action(async (files: string[], opts: LogsCliOptions) => {
    const s = commonSettings(opts);
    let maxRows: number | undefined;
    if (opts.maxRowsPerFinding !== undefined) {
      maxRows = Number(opts.maxRowsPerFinding);
      if (!Number.isInteger(maxRows) || maxRows < 0) throw new InputError(`--max-rows-per-finding: expected a whole number (0 = all), got "${opts.maxRowsPerFinding}"`);
    }
    const showBar = opts.progress !== false && !!process.stderr.isTTY && !opts.quiet;
    let bar: cliProgress.SingleBar | undefined;
    let done = 0;
    if (showBar) {
      const total = totalBytes(files);
      bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: 'scrm-audit logs [{bar}] {percentage}% | {mb} / {totalMb} MB | ETA {eta}s', hideCursor: true, clearOnComplete: true, fps: 5 },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0, { mb: '0.0', totalMb: (total / 1048576).toFixed(1) });
    }
    try {
      const report = await auditLogs(files, {
        ...s,
        format: opts.inputFormat,
        encoding: opts.encoding,
        map: opts.map,
        since: opts.since,
        until: opts.until,
        strict: opts.strict,
        maxSkipped: opts.maxSkipped,
        dateOrder: opts.dateOrder,
        maxRowsPerFinding: maxRows,
        packs: opts.rulesDir,
        attributionWindow: opts.attributionWindow,
        memoryLimit: opts.memoryLimit,
        spillDir: opts.spillDir,
        warn: (m) => {
          if (bar) process.stderr.write('\r\x1b[K');
          io.stderr(`scrm-audit: ${m}\n`);
        },
        onBytes: bar
          ? (n) => {
              done += n;
              bar!.update(done, { mb: (done / 1048576).toFixed(1) });
            }
          : undefined,
      });
      bar?.stop();
      bar = undefined;
      setExit(emitReport(report, opts, io));
    } finally {
      bar?.stop();
    }
  });
});
