/**
 * The CSV splitter (src/logs/csv-core.ts) against csv-parse as the oracle:
 * on any well-formed file, cut into chunks anywhere, it yields the records
 * csv-parse yields, each with the line it starts on; and the malformed
 * shapes of real exports are rows skipped with a reason or a clean error.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvRows, type CsvBatch } from '../../src/logs/csv-core.js';
import { InputError } from '../../src/errors.js';

interface Split {
  recs: string[][];
  lines: number[];
  bad: Array<{ row: number; line: number; reason: string }>;
}

/** The data rows CsvRows yields for `text` fed in the given pieces (the header row is read, not yielded). */
async function split(text: string, cuts: number[] = [], delimiter = ','): Promise<Split> {
  const rows = new CsvRows('t.csv', delimiter, { time: 'time', text: 'text' } as never);
  const out: Split = { recs: [], lines: [], bad: [] };
  const take = (b: CsvBatch) => {
    let k = 0;
    let r = 0;
    for (let i = 0; i < b.n; i++) {
      if (b.kinds[i] === 1) out.bad.push({ row: b.rows[i]!, line: b.lines[i]!, reason: b.reasons[r++]! });
      else {
        out.recs.push(b.recs[k++]!);
        out.lines.push(b.lines[i]!);
      }
    }
  };
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c <= at || c >= text.length) continue;
    take(rows.push(text.slice(at, c)));
    at = c;
  }
  take(rows.push(text.slice(at)));
  take(await rows.end());
  return out;
}

const cell = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', '"', '""', ',', 'a,b', 'line\nbreak', 'crlf\r\nbreak', '他说"好"', '萌爪养猫交流群', '@所有人 五折', '🐱🐶', ' spaced '),
);

/** One CSV file: a header of `width` columns, then rows, with the line each row starts on. */
const csvFile = fc.integer({ min: 2, max: 5 }).chain((width) =>
  fc.record({
    header: fc.constant(['time', 'text', ...Array.from({ length: width - 2 }, (_, i) => `c${i}`)]),
    rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n'),
    quoteAll: fc.boolean(),
    blankAfter: fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
    cuts: fc.array(fc.nat(600), { maxLength: 6 }),
  }),
);

function encode(f: { header: string[]; rows: string[][]; eol: string; quoteAll: boolean; blankAfter: boolean[] }): { text: string; lines: number[] } {
  const q = (v: string) => (f.quoteAll || /[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);
  let text = f.header.join(',') + f.eol;
  let line = 2;
  const lines: number[] = [1];
  f.rows.forEach((r, i) => {
    // a row of one empty cell would be a blank line: csv-parse skips those too, so keep the cell quoted
    const body = r.map(q).join(',');
    lines.push(line);
    text += body + f.eol;
    line += 1 + (body.match(/\n/g)?.length ?? 0);
    if (f.blankAfter[i]) {
      text += f.eol;
      line++;
    }
  });
  return { text, lines };
}

describe('CSV splitter', () => {
  it('yields what csv-parse yields on any well-formed file, cut into chunks anywhere, with each row’s first line', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (f) => {
        const { text, lines } = encode(f);
        const oracle: string[][] = parse(text, { relax_quotes: true, skip_empty_lines: true });
        const got = await split(text, f.cuts);
        expect(got.bad).toEqual([]);
        expect(got.recs).toEqual(oracle.slice(1));
        expect(got.lines).toEqual(lines.slice(1));
      }),
      { numRuns: 400 },
    );
  });

  it('reads tab-separated files and a byte-order mark', async () => {
    const got = await split('\uFEFFtime\ttext\n2026-11-03 09:00\t"a\tb"\n', [], '\t');
    expect(got.recs).toEqual([['2026-11-03 09:00', 'a\tb']]);
  });

  it('keeps a quote inside an unquoted field as text (Excel writes 5" as is)', async () => {
    const got = await split('time,text\n2026-11-03,a 5" screen\n2026-11-03,ok\n');
    expect(got.recs).toEqual([['2026-11-03', 'a 5" screen'], ['2026-11-03', 'ok']]);
  });

  it('skips a row with the wrong number of columns, and one with text after a closing quote, naming their lines', async () => {
    const got = await split('time,text\n2026-11-03,ok\n2026-11-03\n2026-11-03,"closed"junk\n2026-11-04,"multi\nline"\n2026-11-05,after\n');
    expect(got.bad).toEqual([
      { row: 2, line: 3, reason: 'expected 2 columns, found 1' },
      { row: 3, line: 4, reason: 'a quoted field is followed by "junk" instead of a delimiter' },
    ]);
    expect(got.recs).toEqual([['2026-11-03', 'ok'], ['2026-11-04', 'multi\nline'], ['2026-11-05', 'after']]);
    expect(got.lines).toEqual([2, 5, 7]);
  });

  it('reads old Mac files whose lines end with CR alone', async () => {
    const got = await split('time,text\r2026-11-03,a\r2026-11-04,b\r');
    expect(got.recs).toEqual([['2026-11-03', 'a'], ['2026-11-04', 'b']]);
    expect(got.lines).toEqual([2, 3]);
  });

  it('a quote still open at the end of the file is a truncated file, naming the line it opened on', async () => {
    const err = await split('time,text\n2026-11-03,ok\n2026-11-03,"never closed\n2026-11-04,lost\n', [30]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/quoted field that starts on line 3 is never closed \(1 rows read before it\)/);
    expect((err as InputError).line).toBe(3);
  });

  it('an empty file is an input error', async () => {
    await expect(split('')).rejects.toThrow(/empty file: no header row/);
  });
});
