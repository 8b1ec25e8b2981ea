/**
 * One benchmark child: `node <script> ...args` run once, timed around the
 * child, its peak RSS read from `/usr/bin/time -v` when installed, else from
 * the child's own report (`BENCH_MAX_RSS_KB=` on stderr, as src/bench/rss.ts
 * prints it, or `"maxRssKb":` in its JSON stdout, as src/bench/csv-only.ts
 * does). Shared by the log benchmark (run.ts) and the check benchmark
 * (check.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const TIME = '/usr/bin/time';

export interface Run {
  seconds: number;
  rssKb?: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory of the child (default: this process's). */
  cwd?: string;
}

/** Run `node <script> ...args` once, timing it and reading its peak RSS. */
export function run(script: string, argv: string[], opts: RunOptions = {}): Run {
  const useTime = existsSync(TIME);
  const cmd = useTime ? TIME : process.execPath;
  const full = useTime ? ['-v', process.execPath, script, ...argv] : [script, ...argv];
  const t0 = performance.now();
  const r = spawnSync(cmd, full, { encoding: 'utf8', cwd: opts.cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = (performance.now() - t0) / 1000;
  const err = r.stderr ?? '';
  const out = r.stdout ?? '';
  const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1];
  const fromChild = /BENCH_MAX_RSS_KB=(\d+)/.exec(err)?.[1] ?? /"maxRssKb":(\d+)/.exec(out)?.[1];
  return { seconds, rssKb: Number(fromTime ?? fromChild) || undefined, code: r.status, stdout: out, stderr: err };
}

/** Where peak RSS comes from on this machine, for the report header. */
export const rssSource = (): string => (existsSync(TIME) ? '/usr/bin/time -v' : 'process.resourceUsage()');

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The highest peak RSS of some runs, in KiB (undefined when none reported one). */
export const peakKb = (rs: Run[]): number | undefined => {
  const v = rs.map((r) => r.rssKb).filter((x): x is number => x !== undefined);
  return v.length ? Math.max(...v) : undefined;
};

/** A positive whole number from a command-line flag's value ("1_000_000" allowed); throws naming the flag. */
export function positiveNumber(flag: string, value: string | undefined): number {
  const n = Number(String(value).replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag}: expected a positive number, got "${value}"`);
  return Math.floor(n);
}
