/**
 * What `scrm-audit explain <id>` shows as examples must be true: each
 * `examples.fires` text fires the rule and each `examples.passes` text does
 * not, on the channel the rule is about (as ESLint's RuleTester runs a rule's
 * valid and invalid cases). Rules whose examples carry their context in prose
 * ("reply_to A → B", "group NAME: text") are covered by their own tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fire } from '../helpers.js';
import { BUILTIN_RULES_DIR } from '../../src/paths.js';

/** The channel an SMS-only rule's examples are written for; every other text rule's are group posts. */
const CHANNEL: Record<string, string> = { 'missing-opt-out': 'sms' };
/** Examples with their context written out in prose, not runnable as a bare text. */
const PROSE_CONTEXT = new Set(['off-topic-selling', 'defensive-reply']);

const declared = readdirSync(BUILTIN_RULES_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ id: f.slice(0, -'.yaml'.length), doc: parse(readFileSync(join(BUILTIN_RULES_DIR, f), 'utf8')) as { check?: unknown; examples?: { fires?: string[]; passes?: string[] } } }))
  .filter((r) => r.doc.check !== undefined && !PROSE_CONTEXT.has(r.id));

describe('the examples in each declared rule file', () => {
  it('cover at least seven rules, each with both kinds', () => {
    expect(declared.length).toBeGreaterThanOrEqual(7);
    for (const r of declared) expect([r.doc.examples?.fires?.length ?? 0, r.doc.examples?.passes?.length ?? 0].every((n) => n > 0), r.id).toBe(true);
  });
  for (const r of declared) {
    const channel = CHANNEL[r.id] ?? 'group';
    it(`${r.id}: every "fires" example fires and every "passes" example passes (${channel})`, () => {
      for (const text of r.doc.examples?.fires ?? []) expect(fire(r.id, text, { channel }), text).not.toEqual([]);
      for (const text of r.doc.examples?.passes ?? []) expect(fire(r.id, text, { channel }), text).toEqual([]);
    });
  }
});
