/**
 * The strict-JSON reader (src/drafts/json-fast.ts) against yaml's parser,
 * which it replaces for JSON drafts: the same node kinds, values, scalar
 * styles, ranges and line starts; and for anything not plain JSON it steps
 * aside (undefined), so yaml reports the error as before.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseJsonDocument } from '../src/drafts/json-fast.js';
import { readYamlData, readYamlFile } from '../src/rules/meta.js';
import { BUILTIN_RULES_DIR, SHARED_LEXICON_DIR } from '../src/paths.js';

function shape(n: unknown): unknown {
  if (isMap(n)) return { map: n.range?.[0], items: n.items.map((p) => [shape(p.key), shape(p.value)]) };
  if (isSeq(n)) return { seq: n.range?.[0], items: n.items.map(shape) };
  if (isScalar(n)) return { v: n.value, type: n.type, from: n.range?.[0], to: n.range?.[1] };
  return n;
}

function viaYaml(src: string): { tree: unknown; lines: number[] } {
  const lc = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lc, uniqueKeys: true, strict: true, merge: true });
  expect(doc.errors).toEqual([]);
  return { tree: shape(doc.contents as Node), lines: lc.lineStarts };
}

describe('strict JSON reader = yaml parser on JSON', () => {
  it('same nodes, values, styles and positions for any JSON object', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '价', '優', ' ', '"', '\\', '\n', '\t', '😀', '/', '\u2028', 'é'), maxLength: 12 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
    })).object;
    fc.assert(
      fc.property(json, fc.constantFrom(0, 2), (v, indent) => {
        const src = JSON.stringify(v, null, indent);
        const lc = new LineCounter();
        const doc = parseJsonDocument(src, lc);
        expect(doc).toBeDefined();
        const want = viaYaml(src);
        expect(shape(doc!.contents as Node)).toEqual(want.tree);
        expect(lc.lineStarts).toEqual(want.lines);
      }),
      { numRuns: 400, seed: 5 },
    );
  });

  it('steps aside for what is not plain JSON, so yaml names the error', () => {
    for (const src of ['{"a": 1,}', '{"a": 1} // note', '{"a": 1, "a": 2}', "{'a': 1}", '{"a": "tab\there"}', '{"a": 01}', '{"a": [1 2]}', '{"a": 1} x', '[' .repeat(5000) + ']'.repeat(5000)]) {
      expect(parseJsonDocument(src, new LineCounter()), src.slice(0, 30)).toBeUndefined();
    }
  });
});

describe('built-in rule data cache', () => {
  it('gives what parsing the YAML gives, for every built-in rule and shared file', () => {
    for (const dir of [BUILTIN_RULES_DIR, SHARED_LEXICON_DIR]) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
        const file = join(dir, f);
        expect(readYamlData(file), f).toEqual(readYamlFile(file).data);
        expect(readYamlData(file), f).toEqual(readYamlFile(file).data); // second read: from the cache
      }
    }
  });
});
