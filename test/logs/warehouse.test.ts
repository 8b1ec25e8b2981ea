/**
 * The SQL that docs/logs.md ("In a warehouse or a cluster engine") gives for
 * running the window counts where logs already live, run as written on a
 * Parquet copy of a generated month: its answers must be the generator's own
 * counts and what `scrm-audit logs` finds in the same rows — so the docs'
 * path for users who outgrow one machine stays true.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { writeCsv, type Truth } from '../../src/bench/generate.js';
import type { Report } from '../../src/report/report.js';
import { ROOT } from '../helpers.js';
import { all, auditFiles, tmpFile } from './helpers.js';

/** The ```sql blocks of the docs' warehouse section, by their first comment line. */
function documentedSql(): Map<string, string> {
  const doc = readFileSync(resolve(ROOT, 'docs', 'logs.md'), 'utf8');
  const start = doc.indexOf('### In a warehouse or a cluster engine');
  const section = doc.slice(start, doc.indexOf('\n#', start + 10) === -1 ? undefined : doc.indexOf('\n#', start + 10));
  const out = new Map<string, string>();
  for (const m of section.matchAll(/```sql\n(--[^\n]*)\n([\s\S]*?)```/g)) out.set(m[1]!.replace(/^--\s*/, ''), m[2]!);
  return out;
}

describe('the warehouse SQL in docs/logs.md', () => {
  let truth: Truth;
  let report: Report;
  let conn: DuckDBConnection;
  let inst: DuckDBInstance;
  const sql = documentedSql();
  const query = async (title: string) => {
    const q = [...sql].find(([k]) => k.startsWith(title))?.[1];
    if (!q) throw new Error(`docs/logs.md has no SQL block "-- ${title}…"`);
    return (await conn.runAndReadAll(q)).getRowObjectsJS();
  };

  beforeAll(async () => {
    const csv = tmpFile('wh-month.csv', '');
    truth = writeCsv(csv, { rows: 4000, truth: true })!;
    report = await auditFiles([csv], { maxRowsPerFinding: 0 });
    inst = await DuckDBInstance.create(':memory:');
    conn = await inst.connect();
    const pq = tmpFile('wh-month.parquet', '');
    // the month as a warehouse holds it: time a TIMESTAMP in the zone, the rest text
    await conn.run(`COPY (SELECT strptime(time, '%Y-%m-%d %H:%M:%S') AS time, * EXCLUDE (time) FROM read_csv('${csv}', all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
    await conn.run(`CREATE VIEW log AS SELECT * FROM read_parquet('${pq}')`);
    return () => {
      conn.closeSync();
      inst.closeSync();
    };
  });

  it('has the three statements the test runs', () => {
    expect([...sql.keys()].map((k) => k.split(' (')[0])).toEqual(['sends per local day', 'customer-days over a daily cap of 1', 'group-days over a daily cap of 1']);
  });

  it('sends per local day: the generator’s days, and the report’s sendsPerDay', async () => {
    const rows = await query('sends per local day');
    const got = new Map(rows.map((r) => [String(r.date), Number(r.count)]));
    expect(got).toEqual(truth.sendsPerDay);
    expect(got).toEqual(new Map(report.logStats!.sendsPerDay.map((d) => [d.date, d.count])));
  });

  it.each([
    { what: 'customer-days', key: 'recipient', want: () => truth.recipientDaysOverCap },
    { what: 'group-days', key: 'chat', want: () => truth.groupDaysOverCap },
  ] as const)('$what over the cap: the same ones and days as the audit’s frequency-cap findings', async ({ what, key, want }) => {
    const rows = await query(`${what} over a daily cap of 1`);
    expect(rows.length).toBe(want());
    expect(rows.length).toBeGreaterThan(0);
    const audited = all(report, 'frequency-cap').filter((f) => f.period === 'day' && f[key]);
    expect(new Set(rows.map((r) => `${r[key]}|${String(r.day)}`))).toEqual(new Set(audited.map((f) => `${f[key]}|${f.window}`)));
  });
});
