/**
 * `npm run bench` — how fast and how lean `scrm-audit logs` is on a month of
 * messages, against csv-parse alone on the same file.
 *
 *   npm run bench                         1M rows, 3 repetitions
 *   npm run bench -- --rows 10000000      10M rows (scaling)
 *   npm run bench -- --rows 200000 --reps 5
 *   npm run bench -- --rows 1000000 --distinct 300000
 *                                         1M rows, ~300k distinct texts (a chat archive's 1:1
 *                                         messages): the target is within 2× of csv-parse
 *   npm run bench -- --reactions 0.03     the same month with customers' reactions mixed in: 3% of
 *                                         sends followed by a reply, an opt-out, a deleted contact or
 *                                         a member leaving (inbound rows and events, CONTRACTS §7)
 *   npm run bench -- --no-parquet         CSV only (skip the Parquet copy of the month)
 *   npm run bench -- check ...            the check benchmark instead (src/bench/check.ts)
 *
 * The month is generated once per (rows, seed) into bench-data/ (gitignored)
 * by src/bench/generate.ts: deterministic, ~rows/5 customers, ~rows/500
 * groups, a few hundred campaign texts, some @all, some customers and groups
 * over the daily cap, some selling in sharing groups. Each repetition runs
 * both as child processes: `scrm-audit logs <file> --format json --output
 * /dev/null` on the CSV and on a Parquet copy of the same rows (written once
 * by DuckDB, times as TIMESTAMP as a warehouse writes them), and a
 * csv-parse-only reader on the CSV (src/bench/csv-only.ts). Wall time
 * is measured around the child; peak RSS comes from `/usr/bin/time -v` when
 * installed, else from the child's own process.resourceUsage().maxRSS.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { PACKAGE_ROOT } from '../paths.js';
import { GEN_TIMEZONE, writeCsv } from './generate.js';
import { median, peakKb, positiveNumber, rssSource, run, type Run } from './child.js';

interface Args {
  rows: number;
  /** Distinct message texts in the month (generate.ts `distinct`); undefined: the generator's few hundred. */
  distinct?: number;
  reps: number;
  seed: number;
  dir: string;
  parquet: boolean;
  /** Share of sends followed by a customer's reaction (generate.ts `reactions`); undefined: none. */
  reactions?: number;
}

/** Bump when the generator's output changes, so stale bench files are regenerated. */
const GENERATOR_VERSION = 4;

function args(argv: string[]): Args {
  const out: Args = { rows: 1_000_000, reps: 3, seed: 20261111, dir: resolve(PACKAGE_ROOT, 'bench-data'), parquet: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    const num = () => {
      i++;
      return positiveNumber(a, v);
    };
    if (a === '--rows') out.rows = num();
    else if (a === '--distinct') out.distinct = num();
    else if (a === '--reactions') {
      i++;
      out.reactions = Number(v);
      // a share, not a count: positiveNumber would floor it to 0
      if (!(out.reactions > 0 && out.reactions < 1)) throw new Error(`--reactions: expected a share of sends between 0 and 1 (e.g. 0.03), got "${v}"`);
    }
    else if (a === '--reps') out.reps = num();
    else if (a === '--seed') out.seed = num();
    else if (a === '--no-parquet') out.parquet = false;
    else if (a === '--dir') {
      out.dir = resolve(String(v));
      i++;
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('npm run bench -- [--rows N] [--distinct N] [--reactions SHARE] [--reps N] [--seed N] [--dir bench-data] [--no-parquet]\n       npm run bench -- check [--reps N] [--messages N] [--dir bench-data] (see src/bench/check.ts)\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (use --rows, --distinct, --reactions, --reps, --seed, --dir, --no-parquet; or check first for the check benchmark)`);
  }
  return out;
}

function ensureData(a: Args): string {
  mkdirSync(a.dir, { recursive: true });
  const file = join(a.dir, `month-${a.rows}-${a.seed}${a.distinct ? `-d${a.distinct}` : ''}${a.reactions ? `-r${a.reactions}` : ''}.csv`);
  const meta = `${file}.json`;
  const want = { rows: a.rows, seed: a.seed, distinct: a.distinct, reactions: a.reactions, generator: GENERATOR_VERSION };
  if (existsSync(file) && existsSync(meta) && readFileSync(meta, 'utf8') === JSON.stringify(want)) return file;
  process.stdout.write(`generating ${a.rows.toLocaleString('en')} rows → ${file} … `);
  const t0 = performance.now();
  const truth = writeCsv(file, { rows: a.rows, seed: a.seed, distinct: a.distinct, reactions: a.reactions, truth: !!a.reactions });
  // with reactions the file holds more rows than the sends asked for: rows/s counts them all
  if (truth) writeFileSync(`${file}.rows`, String(truth.rows));
  writeFileSync(meta, JSON.stringify(want));
  process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1)} s, ${(statSync(file).size / 1048576).toFixed(0)} MB\n`);
  return file;
}

/** The month's Parquet copy, written once next to the CSV by DuckDB (times typed TIMESTAMP, the rest text). */
async function ensureParquet(csv: string): Promise<string> {
  const file = csv.replace(/\.csv$/, '.parquet');
  if (existsSync(file) && statSync(file).mtimeMs >= statSync(csv).mtimeMs) return file;
  process.stdout.write(`writing its Parquet copy → ${file} … `);
  const t0 = performance.now();
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { memory_limit: '1GB' });
  const conn = await db.connect();
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await conn.run(
    `COPY (SELECT strptime(time, '%Y-%m-%d %H:%M:%S') AS time, * EXCLUDE (time) FROM read_csv(${lit(csv)}, all_varchar = true, header = true)) TO ${lit(file)} (FORMAT parquet)`,
  );
  conn.closeSync();
  db.closeSync();
  process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1)} s, ${(statSync(file).size / 1048576).toFixed(0)} MB\n`);
  return file;
}

async function main(): Promise<void> {
  const a = args(process.argv.slice(2));
  const file = ensureData(a);
  const parquet = a.parquet ? await ensureParquet(file) : undefined;
  const mb = statSync(file).size / 1048576;
  const totalRows = a.reactions && existsSync(`${file}.rows`) ? Number(readFileSync(`${file}.rows`, 'utf8')) : a.rows;
  const logsScript = resolve(PACKAGE_ROOT, 'dist', 'bench', 'rss.js');
  const csvScript = resolve(PACKAGE_ROOT, 'dist', 'bench', 'csv-only.js');
  const logsArgs = ['logs', file, '--format', 'json', '--output', '/dev/null', '--timezone', GEN_TIMEZONE, '--no-progress', '--lang', 'en'];
  const logs: Run[] = [];
  const pq: Run[] = [];
  const csv: Run[] = [];
  for (let i = 0; i < a.reps; i++) {
    // alternate, so a busy machine slows both alike
    const l = run(logsScript, logsArgs);
    // exit 1 = the gate failed (the month has findings on purpose); 2 = the audit could not run
    if (l.code !== 0 && l.code !== 1) throw new Error(`scrm-audit logs failed (exit ${l.code}):\n${l.stderr.slice(0, 2000)}`);
    logs.push(l);
    let p: Run | undefined;
    if (parquet) {
      p = run(logsScript, [...logsArgs.slice(0, 1), parquet, ...logsArgs.slice(2)]);
      if (p.code !== 0 && p.code !== 1) throw new Error(`scrm-audit logs (Parquet) failed (exit ${p.code}):\n${p.stderr.slice(0, 2000)}`);
      pq.push(p);
    }
    const c = run(csvScript, [file]);
    if (c.code !== 0) throw new Error(`csv-parse baseline failed (exit ${c.code}):\n${c.stderr.slice(0, 2000)}`);
    csv.push(c);
    process.stdout.write(`  rep ${i + 1}/${a.reps}: logs ${l.seconds.toFixed(2)} s,${p ? ` logs (Parquet) ${p.seconds.toFixed(2)} s,` : ''} csv-parse ${c.seconds.toFixed(2)} s\n`);
  }
  const lt = median(logs.map((r) => r.seconds));
  const pt = pq.length ? median(pq.map((r) => r.seconds)) : undefined;
  const ct = median(csv.map((r) => r.seconds));
  const rss = (rs: Run[]) => {
    const kb = peakKb(rs);
    return kb !== undefined ? `${(kb / 1024).toFixed(0)} MiB` : 'n/a';
  };
  const rows = totalRows.toLocaleString('en');
  const lines = [
    '',
    `scrm-audit logs benchmark — ${rows} rows${a.distinct ? ` (~${a.distinct.toLocaleString('en')} distinct texts)` : ''}${a.reactions ? ` (${(totalRows - a.rows).toLocaleString('en')} of them reactions to ${a.reactions * 100}% of sends)` : ''}, ${mb.toFixed(0)} MB CSV, ${a.reps} repetition(s), median wall time`,
    `node ${process.version}, ${availableParallelism()} CPU(s), peak RSS via ${rssSource()}`,
    '',
    `  scrm-audit logs   ${lt.toFixed(2).padStart(7)} s   ${Math.round(totalRows / lt).toLocaleString('en').padStart(10)} rows/s   peak RSS ${rss(logs)}`,
    ...(pt !== undefined
      ? [
          `  logs (Parquet)    ${pt.toFixed(2).padStart(7)} s   ${Math.round(totalRows / pt).toLocaleString('en').padStart(10)} rows/s   peak RSS ${rss(pq)}   (${(statSync(parquet!).size / 1048576).toFixed(0)} MB file)`,
        ]
      : []),
    `  csv-parse alone   ${ct.toFixed(2).padStart(7)} s   ${Math.round(totalRows / ct).toLocaleString('en').padStart(10)} rows/s   peak RSS ${rss(csv)}`,
    `  ratio logs / csv-parse: ${(lt / ct).toFixed(2)}×${pt !== undefined ? `; logs (Parquet) / csv-parse: ${(pt / ct).toFixed(2)}×` : ''}`,
    '',
  ];
  // issue 10's target: a 1M-row log with 300,000 distinct texts within 2× of csv-parse alone
  if (a.distinct) lines.push(`  target: ${rows} rows, ${a.distinct.toLocaleString('en')} distinct texts, logs within 2× of csv-parse: ${(lt / ct).toFixed(2)}× ${lt / ct <= 2 ? 'PASS' : 'FAIL'}${a.rows === 1_000_000 && a.distinct === 300_000 ? '' : ' (the target is set on 1,000,000 rows, 300,000 distinct texts)'}`, '');
  process.stdout.write(lines.join('\n'));
}

try {
  // `npm run bench -- check ...`: the check benchmark (src/bench/check.ts); anything else: logs
  if (process.argv[2] === 'check') await (await import('./check.js')).benchCheck(process.argv.slice(3));
  else await main();
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
