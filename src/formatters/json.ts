import type { Formatter } from './types.js';
import type { Report } from '../report/report.js';

/**
 * The JSON report in pieces: the same bytes as JSON.stringify(report, null, 2)
 * plus a newline, one campaign at a time, so a report of 100,000 campaigns is
 * written without first building one string of hundreds of megabytes.
 * Nested values are indented by re-indenting their own stringification: in
 * JSON text a line break only ever stands between tokens (inside strings it
 * is written \n), so the result is exact.
 */
/**
 * Campaigns a report no longer holds because they were written out as they
 * were scored (src/formatters/json-spill.ts): kept under this symbol, so
 * masking and the other formatters see only the report's own fields.
 */
export const WRITTEN_CAMPAIGNS = Symbol('campaigns written out');

export interface WrittenCampaigns {
  count: number;
  /** The campaigns' text: each campaignItemJson, joined by ",\n", then "\n". */
  chunks(): Iterable<string>;
}

/** One campaign as the report lays it out inside `campaigns` (four spaces in, no separator). */
export function campaignItemJson(campaign: unknown): string {
  return `    ${indent(JSON.stringify(campaign ?? null, null, 2) ?? 'null', '    ')}`;
}

export function* jsonChunks(report: Report): Generator<string> {
  const entries = Object.entries(report).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (!entries.length) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    const head = `  ${JSON.stringify(key)}: `;
    const tail = i < entries.length - 1 ? ',\n' : '\n';
    const written = key === 'campaigns' ? (report as unknown as Record<symbol, WrittenCampaigns | undefined>)[WRITTEN_CAMPAIGNS] : undefined;
    if (written?.count) {
      // campaigns written out as they were scored, read back in place
      yield `${head}[\n`;
      yield* written.chunks();
      yield `  ]${tail}`;
    } else if (key === 'campaigns' && Array.isArray(value) && value.length) {
      yield `${head}[\n`;
      for (let k = 0; k < value.length; k++) {
        yield `${campaignItemJson(value[k])}${k < value.length - 1 ? ',\n' : '\n'}`;
      }
      yield `  ]${tail}`;
    } else {
      yield `${head}${indent(JSON.stringify(value, null, 2), '  ')}${tail}`;
    }
  }
  yield '}\n';
}

const indent = (s: string, by: string) => (s.includes('\n') ? s.replace(/\n/g, `\n${by}`) : s);

/** CONTRACTS §3. Key order is fixed by construction, so output is byte-identical across runs. */
export const json: Formatter = (report) => [...jsonChunks(report)].join('');
