/**
 * Command line (CONTRACTS §1). Exit codes: 0 gate passed, 1 gate failed,
 * 2 the audit could not run (one paragraph naming file and line; a stack
 * trace only with --debug).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { InputError, describeSystemError } from '../errors.js';
import { loadConfig, withModel, type Config } from '../config/config.js';
import { loadModel } from '../learn/model.js';
import { localeLang } from '../i18n.js';
import { checkFiles } from '../check.js';
import { loadBaseline, writeBaselineFile } from '../baseline.js';
import { attachSpill, CampaignSpill } from '../formatters/json-spill.js';
import { limitHeapGrowth } from './heap.js';
import { FORMATTERS } from '../formatters/index.js';
import type { Report } from '../report/report.js';
import type { Lang } from '../types.js';
import { VERSION } from '../version.js';
import { rulesCommand, explainCommand } from './rules.js';
import { initCommand } from './init.js';
import { isValidTimeZone } from '../time.js';
import { redactReportInPlace } from '../redact.js';
import { jsonChunks } from '../formatters/json.js';
import { visible } from '../report/visible.js';
import { assertNotInput, writeFileAtomic } from './output.js';
import { ENCODINGS, parseEncoding } from '../logs/decode.js';
import { STDIN } from '../check.js';

export interface CommonOptions {
  format?: string;
  output?: string;
  config?: string;
  failUnder?: string;
  maxWarnings?: string;
  lang?: string;
  color?: boolean;
  quiet?: boolean;
  debug?: boolean;
  timezone?: string;
  /** false with --no-redact: show phone numbers, e-mails and customer ids as they are. */
  redact?: boolean;
  /** --model: a model written by `scrm-audit learn` (over the config's `model:`). */
  model?: string;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

let pipeWatched = false;
/** A reader that stops early (`| head`, `| grep -q`) closes the pipe: stop quietly, as Unix tools do, not with a stack trace. */
function writeStdout(s: string): void {
  if (!pipeWatched) {
    pipeWatched = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  process.stdout.write(s);
}

const defaultIo: Io = {
  stdout: writeStdout,
  stderr: (s) => process.stderr.write(s),
  isTTY: !!process.stdout.isTTY,
};

function parseNumber(v: string | undefined, name: string, min: number, max: number, whole = false): number | undefined {
  if (v === undefined) return undefined;
  // Number('') and Number(' ') are 0: an empty --fail-under from an unset CI variable would pass every campaign.
  const n = v.trim() === '' ? NaN : Number(v);
  const range = max >= Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
    throw new InputError(`${name}: expected a ${whole ? 'whole ' : ''}number ${range}, got "${v}"`);
  }
  return n;
}

/** Files of this run as given on the command line (set before each action); an output must not be one of them. */
let runInputs: string[] = [];

export function resolveLang(opt: string | undefined, config?: Config): Lang {
  if (opt !== undefined) {
    if (opt !== 'zh' && opt !== 'en') throw new InputError(`--lang: expected zh | en, got "${opt}"`);
    return opt;
  }
  return config?.lang ?? localeLang();
}

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', `output format: ${Object.keys(FORMATTERS).join(' | ')} (default: text)`))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: .scrm-audit.yaml found from the working directory upward)')
    .option('--fail-under <score>', 'fail when a campaign scores under this (0-100; default 60 or the config\'s fail_under)')
    .option('--max-warnings <n>', 'fail when there are more warnings than this (default: no limit)')
    .option('--lang <lang>', 'report language: zh | en (default: from the locale)')
    .option('--timezone <tz>', 'IANA time zone for times without an offset (default: the drafts\', the config\'s, the machine\'s)')
    .option('--no-color', 'no colours, even on a terminal')
    .option('-q, --quiet', 'print only campaigns with findings and the gate line')
    .option('--no-redact', 'show phone numbers, e-mails, ID/card numbers and customer ids unmasked (masked by default)')
    .option('--model <file>', 'score with a model written by `scrm-audit learn`; its points are the finding learned-noise (default: the config\'s model:, else none)')
    .option('--debug', 'print stack traces for internal errors');
}

/** Render and emit a report; returns the exit code the gate gives. `inputs`: files the run read (default: its arguments and config). */
export function emitReport(report: Report, opts: CommonOptions, io: Io, inputs?: string[]): number {
  const format = opts.format ?? 'text';
  const formatter = FORMATTERS[format];
  if (!formatter) throw new InputError(`--format: unknown format "${format}" (use ${Object.keys(FORMATTERS).join(' | ')})`);
  const color = opts.color !== false && !opts.output && io.isTTY && !process.env.NO_COLOR;
  // Every format gets the masked report (src/redact.ts); the gate result is the same either way.
  // The report is masked in place: this is its last use, and a copy would double the run's memory.
  const passed = report.summary.passed;
  const shown = opts.redact === false ? report : redactReportInPlace(report);
  // JSON goes out a campaign at a time rather than as one string of the whole report.
  const out: string | Iterable<string> = format === 'json' ? jsonChunks(shown) : formatter(shown, { lang: report.lang, color, quiet: opts.quiet });
  if (opts.output) {
    assertNotInput(opts.output, inputs ?? [...runInputs, ...(opts.config ? [opts.config] : [])], '--output');
    writeFileAtomic(opts.output, out);
  } else if (typeof out === 'string') io.stdout(out);
  else for (const chunk of out) io.stdout(chunk);
  return passed ? 0 : 1;
}

export function commonSettings(opts: CommonOptions) {
  let config = loadConfig(opts.config);
  if (opts.model !== undefined) {
    if (!opts.model.trim()) throw new InputError('--model: expected a model file written by `scrm-audit learn`');
    config = withModel(config, resolve(opts.model));
  }
  // A missing or broken model is exit 2 before any file is read, naming the model file.
  if (config.model) loadModel(config.model, opts.model ?? config.model);
  const lang = resolveLang(opts.lang, config);
  if (opts.timezone !== undefined && !isValidTimeZone(opts.timezone)) throw new InputError(`--timezone: unknown time zone "${opts.timezone}"`);
  return {
    config,
    lang,
    failUnder: parseNumber(opts.failUnder, '--fail-under', 0, 100),
    maxWarnings: parseNumber(opts.maxWarnings, '--max-warnings', -1, Number.MAX_SAFE_INTEGER, true),
    timezone: opts.timezone,
  };
}

/** Repeatable option values, in order. */
const collect = (v: string, prev: string[]) => [...prev, v];

export type CommandHook = (program: Command, io: Io, setExit: (code: number) => void) => void;
/** Commands other modules add (logs, …) register here, so main stays small. */
export const extraCommands: CommandHook[] = [];

/** One "scrm-audit: file:line:col: message" line per error; user text in it shown visibly (no raw ESC or bidi). */
function printError(io: Io, e: InputError): void {
  for (const line of e.format().split('\n')) io.stderr(`scrm-audit: ${visible(line)}\n`);
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exit = 0;
  const setExit = (c: number) => (exit = Math.max(exit, c));
  let debug = argv.includes('--debug');
  const program = new Command('scrm-audit')
    .description('Audit outbound SCRM marketing messages for signal-to-noise and intrusiveness.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} })
    .showSuggestionAfterError(true);

  addCommonOptions(
    program
      .command('check')
      .description('audit campaign drafts (YAML/JSON files or folders), print a report')
      .argument('<files...>', 'draft files (YAML/JSON, Markdown with front matter), folders or globs')
      .option('--baseline <file>', 'report only findings not recorded in this baseline; the gate judges only those')
      .option('--write-baseline <file>', 'record the current findings as a baseline file, then judge against it')
      .option('--rules-dir <path>', 'add a rule pack: a YAML file or a folder of them (repeatable; docs/rule-packs.md)', collect, [])
      .addOption(new Option('--encoding <encoding>', 'text encoding of the drafts (default: detected: BOM, else UTF-8 if valid, else GB18030)').choices([...ENCODINGS])),
  ).action((files: string[], opts: CommonOptions & { baseline?: string; writeBaseline?: string; rulesDir?: string[]; encoding?: string }) => {
    debug ||= !!opts.debug;
    limitHeapGrowth();
    const s = commonSettings(opts);
    const encoding = parseEncoding(opts.encoding);
    const baseline = opts.baseline !== undefined ? loadBaseline(opts.baseline) : undefined;
    const writeBaseline = opts.writeBaseline;
    // Everything this run reads; neither the report nor the baseline may be written over one of them.
    const read = [...(s.config.file ? [s.config.file] : []), ...(opts.baseline ? [opts.baseline] : []), ...(opts.rulesDir ?? [])];
    let stdin: string | Buffer | undefined;
    if (files.includes(STDIN)) {
      try {
        stdin = readFileSync(0);
      } catch (e) {
        throw new InputError(describeSystemError(e, 'cannot read standard input'), '<stdin>');
      }
    }
    if (writeBaseline && opts.output && resolve(writeBaseline) === resolve(opts.output)) throw new InputError('--write-baseline and --output name the same file', writeBaseline);
    const fileErrors: InputError[] = [];
    // A JSON report is written a campaign at a time: each campaign goes to a temporary file as it is scored
    // (src/formatters/json-spill.ts), so memory holds the summary's counts, not every campaign's report.
    const spill = (opts.format ?? 'text') === 'json' ? new CampaignSpill(opts.redact !== false) : undefined;
    try {
      const report = checkFiles(files, {
        ...s,
        encoding,
        stdin,
        packs: opts.rulesDir,
        baseline,
        onFiles: (list) => {
          read.push(...list);
          if (writeBaseline) assertNotInput(writeBaseline, [...files, ...read].filter((f) => f !== opts.baseline), '--write-baseline');
          if (opts.output) assertNotInput(opts.output, [...files, ...read], '--output');
        },
        // One broken file does not hide the others' results (as ESLint): report it, go on, exit 2 at the end.
        onFileError: (e) => fileErrors.push(e),
        writeBaseline: writeBaseline
          ? (b) => {
              writeBaselineFile(writeBaseline, b);
              if (!opts.quiet) io.stderr(`wrote ${visible(writeBaseline)}: ${b.findings.reduce((n, e) => n + e.count, 0)} finding(s)\n`);
            }
          : undefined,
        onCampaignReport: spill ? (r) => spill.add(r) : undefined,
      });
      if (report && spill) attachSpill(report, spill);
      if (report) setExit(emitReport(report, opts, io, [...files, ...read]));
      for (const e of fileErrors) printError(io, e);
      if (fileErrors.length) {
        io.stderr(`scrm-audit: ${fileErrors.length} file(s) could not be audited${report ? '; the report above covers the others' : ''}\n`);
        setExit(2);
      }
    } finally {
      spill?.close();
    }
  });

  program
    .command('rules')
    .description('list every rule: id, severity, what it flags')
    .option('--lang <lang>', 'zh | en')
    .option('-c, --config <file>', 'config file')
    .option('-f, --format <format>', 'text | json')
    .option('--rules-dir <path>', 'include a rule pack (repeatable)', collect, [])
    // accepted like on every other command (scripts pass it everywhere); the table has no colours anyway
    .option('--no-color', 'no colours')
    .action((opts: { lang?: string; config?: string; format?: string; rulesDir?: string[] }) => {
      io.stdout(rulesCommand(opts));
    });

  program
    .command('explain')
    .description('why a rule exists, what fires it, how to fix')
    .argument('<rule-id>')
    .option('--lang <lang>', 'zh | en')
    .option('-c, --config <file>', 'config file')
    .option('--rules-dir <path>', 'include a rule pack (repeatable)', collect, [])
    .option('--no-color', 'no colours')
    .action((id: string, opts: { lang?: string; config?: string; rulesDir?: string[] }) => {
      io.stdout(explainCommand(id, opts));
    });

  program
    .command('init')
    .description('write a commented starter .scrm-audit.yaml')
    .option('--force', 'overwrite an existing file')
    .option('-o, --output <file>', 'where to write', '.scrm-audit.yaml')
    .option('--lang <lang>', 'comment language: zh | en')
    .action((opts: { force?: boolean; output: string; lang?: string }) => {
      if (existsSync(opts.output) && !opts.force) throw new InputError('already exists (use --force to overwrite)', opts.output);
      if (existsSync(opts.output) && statSync(opts.output).isDirectory()) throw new InputError('is a directory', opts.output);
      writeFileAtomic(opts.output, initCommand(resolveLang(opts.lang)), 'cannot write config');
      io.stderr(`wrote ${visible(opts.output)}\n`);
    });

  for (const hook of extraCommands) hook(program, io, setExit);
  program.hook('preAction', (_cmd, action) => {
    runInputs = action.args.slice();
  });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      io.stderr(`scrm-audit: ${visible(e.message.replace(/^error: /, ''))}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      printError(io, e);
      if (debug && e.stack) io.stderr(e.stack + '\n');
      return 2;
    }
    // What the user can cause and fix is not an internal error: a symlink loop, a read-only folder, input nested too deeply.
    const sys = e as NodeJS.ErrnoException;
    if (sys && typeof sys.code === 'string' && /^E[A-Z]+$/.test(sys.code)) {
      printError(io, new InputError(describeSystemError(sys, 'cannot access'), sys.path));
      if (debug && sys.stack) io.stderr(sys.stack + '\n');
      return 2;
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      io.stderr('scrm-audit: the input is nested too deeply to read\n');
      if (debug && e.stack) io.stderr(e.stack + '\n');
      return 2;
    }
    const err = e as Error;
    io.stderr(`scrm-audit: internal error: ${visible(String(err?.message ?? e))}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && err?.stack) io.stderr(err.stack + '\n');
    return 2;
  }
  return exit;
}
