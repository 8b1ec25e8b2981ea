import type { Formatter } from './types.js';
import type { Report } from '../report/report.js';
import { spillOf } from '../report/campaign-spill.js';

/**
 * The JSON report in pieces: the same bytes as JSON.stringify(report, null, 2)
 * plus a newline, one campaign at a time, so a report of 100,000 campaigns is
 * written without first building one string of hundreds of megabytes.
 * Nested values are indented by re-indenting their own stringification: in
 * JSON text a line break only ever stands between tokens (inside strings it
 * is written \n), so the result is exact.
 */
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
    const spill = key === 'campaigns' ? spillOf(report) : undefined;
    if (spill?.count) {
      // campaigns written out as they were scored (src/report/campaign-spill.ts), read back in place
      yield `${head}[\n`;
      yield* spill.chunks();
      yield `  ]${tail}`;
    } else if (key === 'campaigns' && Array.isArray(value) && value.length) {
      yield `${head}[\n`;
      for (let k = 0; k < value.length; k++) {
        const item = JSON.stringify(value[k] ?? null, null, 2) ?? 'null';
        yield `    ${indent(item, '    ')}${k < value.length - 1 ? ',\n' : '\n'}`;
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
