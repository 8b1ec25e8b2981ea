/**
 * Word lists stay clean as they grow: within one lexicon (its `terms`, or its
 * `except` list), no two entries may fold to the same normalised term —
 * width, case, quotes and Traditional → Simplified are folded before
 * matching, so a second spelling adds nothing but a line to maintain (and,
 * written later, can never be the term a finding names).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { normalizeTerm } from '../src/text/normalize.js';

const DIRS = ['rules/builtin', 'rules/shared', 'rules/examples'];
const files = DIRS.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.yaml')).map((f) => join(d, f)));

/** Every `lexicons.<name>.terms` / `.except` list of a file, with each entry's line. */
let entriesRead = 0;

function duplicatesIn(file: string): string[] {
  const lc = new YAML.LineCounter();
  const doc = YAML.parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
  const out: string[] = [];
  YAML.visit(doc, {
    Seq(_, node, path) {
      const keys = path.filter((p): p is YAML.Pair => YAML.isPair(p)).map((p) => String((p.key as YAML.Scalar).value));
      const list = keys[keys.length - 1];
      if (!keys.includes('lexicons') || (list !== 'terms' && list !== 'except')) return;
      const seen = new Map<string, number>();
      for (const item of node.items) {
        const map = YAML.isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined;
        const term = YAML.isScalar(item) ? String(item.value) : map && typeof map.term === 'string' ? map.term : undefined;
        if (term === undefined) continue;
        entriesRead++;
        // a term with its own boundary or except is another entry, even when its text folds the same
        const key = `${normalizeTerm(term)}|${map ? JSON.stringify({ ...map, term: undefined }) : ''}`;
        const line = lc.linePos(item.range![0]).line;
        const first = seen.get(key);
        if (first !== undefined) out.push(`${file}:${line}: ${keys.join('.')}: "${term}" folds to the entry on line ${first}`);
        else seen.set(key, line);
      }
    },
  });
  return out;
}

describe('lexicon hygiene', () => {
  it.each(files)('%s: no two entries of a list fold to the same term', (file) => {
    expect(duplicatesIn(file)).toEqual([]);
  });

  it('read the word lists it checks (a walk that finds nothing would pass anything)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(entriesRead).toBeGreaterThan(5000);
  });

  it('a list with a Traditional spelling, a full-width copy and a second quote style of one term is caught', () => {
    const tmp = join(process.env.TMPDIR ?? '/tmp', `hygiene-${process.pid}.yaml`);
    const text = ['lexicons:', '  a:', '    terms:', '      - 退订', '      - 退訂', '      - stop', '      - ＳＴＯＰ', "      - once they're gone", '      - "once they’re gone"', '      - { term: stop, boundary: word }', ''].join('\n');
    writeFileSync(tmp, text);
    expect(duplicatesIn(tmp)).toEqual([
      `${tmp}:5: lexicons.a.terms: "退訂" folds to the entry on line 4`,
      `${tmp}:7: lexicons.a.terms: "ＳＴＯＰ" folds to the entry on line 6`,
      `${tmp}:9: lexicons.a.terms: "once they’re gone" folds to the entry on line 8`,
    ]);
  });
});
