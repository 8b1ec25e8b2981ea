import type { Formatter } from './types.js';

/** CONTRACTS §3. Key order is fixed by construction, so output is byte-identical across runs. */
export const json: Formatter = (report) => JSON.stringify(report, null, 2) + '\n';
