/**
 * Regular expressions that users write (in a config's rule options) run on
 * RE2 (re2js): linear time in the text, whatever the pattern, so a pattern
 * such as (a+)+$ cannot stall a CI gate on a long message. Packs already do.
 * RE2 has no lookaround or backreferences; such a pattern is an input error
 * that says so. The built-in patterns in rules/builtin/*.yaml are ours,
 * reviewed, and use lookbehind, so they stay on JavaScript's engine.
 */
import { RE2JS } from 're2js';

export interface Pattern {
  /** Every non-overlapping match: [start, end) in UTF-16 offsets. */
  ranges(text: string): Array<[number, number]>;
  test(text: string): boolean;
}

/** A pattern from the built-in YAML, on JavaScript's engine. */
export function builtinPattern(source: string): Pattern {
  const re = new RegExp(source, 'gu');
  return {
    ranges(text) {
      const out: Array<[number, number]> = [];
      for (const m of text.matchAll(re)) out.push([m.index!, m.index! + m[0].length]);
      return out;
    },
    test(text) {
      re.lastIndex = 0;
      return re.test(text);
    },
  };
}

/** A pattern a user wrote, on RE2. Throws an Error whose message says what RE2 cannot run. */
export function userPattern(source: string): Pattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    const lookaround = /\(\?<?[=!]|\\[1-9]/.test(source) ? ' — lookaround and backreferences are not supported in patterns from a config (they run on a linear-time engine)' : '';
    throw new Error(`${(e as Error).message}${lookaround}`);
  }
  return {
    ranges(text) {
      const out: Array<[number, number]> = [];
      const m = re.matcher(text);
      while (m.find()) out.push([m.start(), m.end()]);
      return out;
    },
    test(text) {
      return re.matcher(text).find();
    },
  };
}
