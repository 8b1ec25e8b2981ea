/**
 * The `check:` section of a declared rule is validated before the rule runs
 * (schemas/check.schema.json): a misspelt key or an unknown value in a rule
 * file is an error naming the file, line and path, not a check that silently
 * finds nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleMetaFile } from '../../src/rules/meta.js';
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from '../../src/paths.js';
import { InputError } from '../../src/errors.js';

const builtins = readdirSync(BUILTIN_RULES_DIR).filter((f) => f.endsWith('.yaml'));

/** A built-in rule file with one edit, written to a temporary folder; the error its loading throws (formatted). */
function loadEdited(file: string, from: string | RegExp, to: string): string {
  const src = readFileSync(join(BUILTIN_RULES_DIR, file), 'utf8');
  const edited = src.replace(from, to);
  expect(edited).not.toBe(src);
  const out = join(mkdtempSync(join(tmpdir(), 'scrm-check-schema-')), file);
  writeFileSync(out, edited);
  try {
    loadRuleMetaFile(out);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).format();
  }
  return '';
}

describe('the check section of a rule file', () => {
  it('every built-in rule with a check section passes the schema', () => {
    const declared = builtins.filter((f) => /^check:/m.test(readFileSync(join(BUILTIN_RULES_DIR, f), 'utf8')));
    expect(declared.length).toBeGreaterThanOrEqual(9);
    for (const f of declared) expect(() => loadRuleMetaFile(join(BUILTIN_RULES_DIR, f)), f).not.toThrow();
  });

  it('a misspelt key is an error at its line, with the key it meant', () => {
    const msg = loadEdited('mass-mention.yaml', /^(\s+)- lexicon: mentions$/m, '$1- lexicn: mentions');
    expect(msg).toMatch(/mass-mention\.yaml:\d+:\d+: check\.find\[0\]\.lexicn: unknown key \(did you mean lexicon\?\)/);
    const line = Number(/\.yaml:(\d+):/.exec(msg)![1]);
    const src = readFileSync(join(BUILTIN_RULES_DIR, 'mass-mention.yaml'), 'utf8').split('\n');
    expect(src[line - 1]).toMatch(/- lexicon: mentions/);
  });

  it('an unknown value of a closed set names the values allowed', () => {
    expect(loadEdited('mass-mention.yaml', /^ {2}report: first$/m, '  report: firts')).toMatch(/check\.report: expected each \| first \| message \| fine_print, got "firts"/);
  });

  it('a misspelt condition deep in a variant is found too', () => {
    expect(loadEdited('mass-mention.yaml', '{ when: { selling: true }', '{ when: { seling: true }')).toMatch(/check\.variants\[0\]\.when\.seling: unknown key \(did you mean selling\?\)/);
  });
});

describe('the registry is the folder', () => {
  it('every file in rules/builtin is a rule of the audit, and the editor schema lists each one', async () => {
    const { builtinRules } = await import('../../src/rules/index.js');
    const ids = builtins.map((f) => f.slice(0, -'.yaml'.length)).sort();
    expect(builtinRules().map((r) => r.meta.id).sort()).toEqual(ids);
    const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas/config.schema.json'), 'utf8')) as { properties: { rules: { properties: object } } };
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(ids);
  });
});
