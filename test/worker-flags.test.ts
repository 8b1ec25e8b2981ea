import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { workerExecArgv } from '../src/logs/readers.js';
import { ROOT } from './helpers.js';

// Node refuses V8 heap flags in a worker's execArgv: a user running `node --max-old-space-size=…`
// on a CSV large enough for the parsing worker (4 MB) got "internal error" instead of a report.
describe('flags handed to the CSV worker', () => {
  it('a heap limit on the command line still audits a CSV big enough for the worker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrm-worker-flags-'));
    const file = join(dir, 'month.csv');
    // long identical notices: over the worker's 4 MB threshold, one distinct text to audit
    const body = '本周门店会员日说明：到店请出示会员码，店员为您登记积分。'.repeat(90);
    const rows = ['time,sender,channel,recipient,text'];
    for (let i = 0; i < 900; i++) rows.push(`2026-11-${String((i % 28) + 1).padStart(2, '0')} 10:00,mia,direct,cust-${i},${body}`);
    writeFileSync(file, rows.join('\n') + '\n');
    // or the test would not reach the worker at all
    expect(statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
    const bin = resolve(ROOT, 'bin/scrm-audit.js');
    for (const flags of [['--max-old-space-size=200'], ['--jitless']]) {
      const r = spawnSync(process.execPath, [...flags, bin, 'logs', file, '--format', 'json', '--timezone', 'UTC'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.stderr, flags[0]).not.toMatch(/internal error/);
      expect(r.status, flags[0]).toBe(0);
      const perDay = JSON.parse(r.stdout).logStats.sendsPerDay as { count: number }[];
      expect(perDay.reduce((n, d) => n + d.count, 0), flags[0]).toBe(900);
    }
  });
  it('drops V8 heap, stack and GC flags and eval entry flags, keeps loaders and other Node options', () => {
    expect(workerExecArgv(['--max-old-space-size=300', '--max-semi-space-size', '16', '--stack-size=2000', '--expose-gc', '--input-type=module', '-e'])).toEqual([]);
    expect(workerExecArgv(['--import', 'tsx', '--enable-source-maps', '--max-old-space-size=400', '--conditions=dev'])).toEqual(['--import', 'tsx', '--enable-source-maps', '--conditions=dev']);
  });
});
