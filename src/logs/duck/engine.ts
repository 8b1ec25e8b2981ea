/**
 * The embedded DuckDB engine of a log audit: one in-memory database per run,
 * opened only when an input needs it (a Parquet file), with a memory limit
 * and a spill directory so a large input spills to disk instead of growing
 * the process (docs/logs.md, Memory and spill).
 *
 * The native module is imported lazily: a CSV-only audit never loads it.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { InputError } from '../../errors.js';

export interface DuckSettings {
  /** DuckDB's memory_limit: a size such as 512MB or 2GB. */
  memoryLimit: string;
  /** Where DuckDB spills what does not fit in the memory limit. */
  spillDir: string;
  /** Worker threads (DuckDB's own); default: the machine's cores, at most 4. */
  threads?: number;
}

/** Fits a laptop next to a browser: DuckDB spills past this instead of growing. */
export const DEFAULT_MEMORY_LIMIT = '1GB';
export const defaultSpillDir = (): string => join(tmpdir(), 'scrm-audit-spill');

/** 512MB, 2 GB, 1.5GiB, 800 MB… (what DuckDB's memory_limit accepts, checked here so a typo is a usage error). */
const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KIB|MIB|GIB|TIB)\s*$/i;

export function parseMemoryLimit(v: string, name: string): string {
  const m = SIZE.exec(v);
  if (!m) throw new InputError(`${name}: expected a size such as 512MB or 2GB, got "${v}"`);
  const bytes = Number(m[1]) * 1024 ** ({ k: 1, m: 2, g: 3, t: 4 }[m[2]![0]!.toLowerCase() as 'k' | 'm' | 'g' | 't']);
  // below this DuckDB cannot hold one row group of a Parquet file
  if (bytes < 64 * 1024 ** 2) throw new InputError(`${name}: ${v} is too little for the log engine (at least 64MB)`);
  return `${m[1]}${m[2]!.toUpperCase()}`;
}

/** A run's database, opened on first use and closed when the run ends. */
export class DuckEngine {
  private instance: DuckDBInstance | undefined;
  private conn: DuckDBConnection | undefined;

  constructor(readonly settings: DuckSettings) {}

  async connection(): Promise<DuckDBConnection> {
    if (this.conn) return this.conn;
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const s = this.settings;
    const threads = s.threads ?? Math.min(4, (await import('node:os')).availableParallelism());
    this.instance = await DuckDBInstance.create(':memory:', {
      memory_limit: s.memoryLimit,
      temp_directory: s.spillDir,
      threads: String(threads),
      // nothing is downloaded at run time: parquet, json and icu are built into the package's binary
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      enable_external_access: 'true',
    });
    this.conn = await this.instance.connect();
    return this.conn;
  }

  close(): void {
    this.conn?.closeSync();
    this.instance?.closeSync();
    this.conn = undefined;
    this.instance = undefined;
  }
}

/** A string as a SQL literal ('it''s'). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** An identifier as SQL ("发送时间", "a""b"). */
export function sqlName(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
