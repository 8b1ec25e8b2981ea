import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadRuleMetaFile } from '../src/rules/meta.js';
import { validatedBefore } from '../src/rules/data-cache.js';
import { CHECK_SCHEMA } from '../src/config/validate.js';

// The record lives with the package's rule files, so the rule under test must be one of them:
// a folder of its own under rules/, which nothing else reads.
const dir = resolve(import.meta.dirname, '..', 'rules', '.cache-test');
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rule = (check: string) => `id: cache-test
severity: info
penalty: 1
title: { zh: 测试, en: Test }
messages: { zh: "「{excerpt}」", en: "\\"{excerpt}\\"" }
advice: { zh: 改, en: Fix it }
lexicons:
  words: [测试词]
check:
${check}
`;

describe('built-in rule files are checked against the check schema once, not on every run', () => {
  it('skips the schema only while the rule file and the schema are both unchanged', () => {
    const file = join(dir, 'rule.yaml');
    writeFileSync(file, rule('  find:\n    - lexicon: words\n'));
    utimesSync(file, new Date(2026, 0, 1), new Date(2026, 0, 1));
    expect(validatedBefore(file, CHECK_SCHEMA)).toBe(false);
    loadRuleMetaFile(file);
    expect(validatedBefore(file, CHECK_SCHEMA)).toBe(true);
    // another schema (another size or time) is not the one it passed
    const other = join(mkdtempSync(join(tmpdir(), 'schema-')), 'check.schema.json');
    copyFileSync(CHECK_SCHEMA, other);
    utimesSync(other, new Date(2025, 0, 1), new Date(2025, 0, 1));
    expect(validatedBefore(file, other)).toBe(false);
    // an edited rule file is checked again: a misspelt key is an error naming it
    writeFileSync(file, rule('  find:\n    - lexicn: words\n'));
    expect(() => loadRuleMetaFile(file)).toThrow(/lexicn/);
    expect(readFileSync(file, 'utf8')).toContain('lexicn');
  });

  it('never skips a file outside the package rules (packs are checked every time)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pack-')), 'rule.yaml');
    writeFileSync(file, rule('  find:\n    - lexicon: words\n'));
    loadRuleMetaFile(file);
    expect(validatedBefore(file, CHECK_SCHEMA)).toBe(false);
  });
});
