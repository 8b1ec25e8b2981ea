/** The JSON report written in pieces is byte for byte JSON.stringify(report, null, 2). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonChunks } from '../src/formatters/json.js';
import type { Report } from '../src/report/report.js';
import { audit, ROOT } from './helpers.js';

describe('JSON report in pieces', () => {
  it('equals JSON.stringify for a real report', () => {
    const report = audit(readFileSync(join(ROOT, 'fixtures', 'drafts.yaml'), 'utf8'));
    expect([...jsonChunks(report)].join('')).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it('equals JSON.stringify for any report-shaped value', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '\n', '"', '\\', '价', '\u2028', ' ', '{', ']'), maxLength: 8 });
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.constant(null), fc.boolean(), fc.constant(undefined), tie('arr'), tie('obj')),
      arr: fc.array(tie('v'), { maxLength: 3 }),
      obj: fc.dictionary(text, tie('v'), { maxKeys: 3 }),
    }));
    const report = fc.record({ tool: text, summary: value.obj, campaigns: fc.array(value.v, { maxLength: 4 }), rules: value.v }, { requiredKeys: [] });
    fc.assert(
      fc.property(report, (r) => {
        expect([...jsonChunks(r as unknown as Report)].join('')).toBe(JSON.stringify(r, null, 2) + '\n');
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});
