/**
 * The garbage-collector setting of `check`, applied as its run starts.
 *
 * A run is one batch: it loads drafts (or reads log rows), audits them and
 * writes a report, and most of what it allocates is garbage within one
 * campaign or one chunk. V8's default lets the old generation grow to about
 * four times what survived the last full collection before it collects again,
 * so a run whose live data is ~100 MB peaked at 430–610 MB (30,574 campaigns,
 * `npm run bench -- check`). Growing by a quarter instead keeps the peak near
 * the live data (281 MiB with the streamed report), for more collector time:
 * a few per cent in single runs here; not yet measured alternately against
 * the tree without it (README, Performance).
 * Library users keep their process's own settings: only the CLI's check sets
 * it. `logs` does not: its live data is larger and steadier, and there the
 * setting cost ~14% of the time for ~17% of the peak (1M-row month).
 */
import { setFlagsFromString } from 'node:v8';

/** Heap growth per full collection, in per cent (V8's --heap-growing-percent; 0 is V8's own heuristic). */
export const HEAP_GROWING_PERCENT = 25;

export function limitHeapGrowth(): void {
  // a flag given to node explicitly wins (`node --heap-growing-percent=0 bin/scrm-audit.js …` restores V8's default)
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
