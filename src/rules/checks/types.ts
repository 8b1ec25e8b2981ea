/**
 * The shapes of a declared rule's `check:` section (rules/builtin/<id>.yaml
 * and packs alike). The JSON schema in schema.ts validates these before any
 * rule runs; the modules beside this one evaluate them.
 */
import type { MessageContext } from '../api.js';
import type { AdjectiveExtension, WordFilter } from './word-filters.js';
import type { ToneMetric } from './tone-metrics.js';

/** A span of normalised text a finder found, with the finding variant it stands for. */
export interface Hit {
  start: number;
  end: number;
  /** The finder's kind (for `kind_in` conditions and overlap merging). */
  kind: string;
  variant: string;
  /** The span is in the original text, not the normalised one (metrics). */
  original?: boolean;
}

/** A reference to a rule option, so a config may change the value. */
export interface OptionRef {
  option: string;
}

/**
 * A condition on the facts the engine shares (analysis.ts) and on the rule's
 * own lexicons. Several keys in one mapping must all hold.
 */
export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  selling?: boolean;
  service?: boolean;
  notice?: boolean;
  promotional?: boolean;
  reply?: boolean;
  text_empty?: boolean;
  channel?: string[] | OptionRef;
  group_type?: string[] | OptionRef;
  campaign_kind?: string;
  /** A term of the rule's lexicon occurs in the message. */
  lexicon?: string;
  /** A term of the rule's lexicon occurs in the customer's message this replies to. */
  reply_to_lexicon?: string;
  /** The customer's message this replies to reads as a complaint (check type `complaint`). */
  reply_to_complaint?: ComplaintSpec;
  /** Some term of `lexicon` starts after the first term of `after` (an apology after the explanation). */
  lexicon_after?: { lexicon: string; after: string };
  /** A regular expression (from an option) matches the original text. */
  pattern?: OptionRef;
  /** The option is set and not false. */
  option_set?: string;
  /** The finder's kind is listed in the option (finder-level conditions only). */
  kind_in?: OptionRef;
}

/** A companion cue that changes whether a hit counts: co-occurrence within a scope. */
export interface Companion {
  lexicon: string;
  /** clause, sentence: the unit around the hit; message: anywhere. */
  scope: 'clause' | 'sentence' | 'message';
  /** Characters that also end the unit (a hedge ends at a comma: "仅限新客，以医生建议为准"). */
  ends_also?: string;
  /** before: the companion ends before the hit, in its unit; after: starts after it; inside: anywhere in the unit; overlapping: shares text with it; containing: the hit is part of it. */
  position?: 'before' | 'after' | 'inside' | 'overlapping' | 'containing';
  when?: Condition;
}

export interface FinderSpec {
  /** The rule lexicon whose matches are hits. */
  lexicon?: string;
  /** Matches of the regular expressions of an option instead (over the normalised text). */
  patterns?: OptionRef;
  /** A measure over the original text instead (tone-metrics.ts); its hits carry their own variants. */
  metric?: ToneMetric;
  /** For `emphasis_runs`: the lexicon of WeChat emoticon codes ([微笑]), each one emoji. */
  emoticons?: string;
  /** A shared fact's cues instead of a rule lexicon: `selling_cues`. */
  fact?: 'selling_cues';
  /** A name other finders' `beside` may refer to. */
  name?: string;
  /** Its hits only anchor other finders' `beside`; it reports nothing itself. */
  silent?: boolean;
  kind?: string;
  variant?: string;
  /** Evaluated once per message, with this finder's kind. */
  when?: Condition;
  /** Hits with such a companion are dropped. */
  unless?: Companion[];
  /** Keep a hit only next to a hit of the named finders in the same unit; it takes that hit's kind and variant. */
  beside?: { finders: string[]; scope: 'clause' | 'sentence' };
  /** Widen a hit: `measure_word` quotes the measure word after a number (仅剩5 → 仅剩5份); `adjective` the adjective after an open prefix (word-filters.ts). */
  extend?: 'measure_word' | AdjectiveExtension;
  /** Drop hits by the words around them (word-filters.ts), after any extension. */
  drop?: WordFilter[];
}

export interface Settings {
  severity?: string;
  factor?: number;
}

/** One block of a check: a condition, then finders and how their hits become findings — or cases. */
export interface CheckBlock {
  when?: Condition;
  /** Every block runs (a rule with two independent findings). */
  blocks?: CheckBlock[];
  /** The first case whose `when` holds decides (the others are not looked at). */
  cases?: CheckBlock[];
  find?: FinderSpec[];
  /** all: every finder's hits; first: the first finder that found anything. */
  pick?: 'all' | 'first';
  /** How overlapping hits resolve before they are reported. */
  overlap?: 'none' | 'keep-first' | 'keep-longest' | 'merge-sentence';
  /** each: one finding per hit; first: one finding per message at the first hit; message: one finding for the message as a whole. */
  report?: 'each' | 'first' | 'message' | 'fine_print';
  /** Present / absent: a `message` report needs the lexicon absent. */
  absent?: string;
  /** The finding variant; default: the hit's. */
  variant?: string;
  /** The variant by facts: the first entry whose `when` holds. */
  variants?: Array<{ when?: Condition; variant: string }>;
  /** Option holding { severity, factor } for every finding of this block. */
  settings?: string;
  /** Option holding { <variant>: { severity, factor } }. */
  settings_by_variant?: string;
  /** The penalty factor from a mapping option, by key: { option: factors, key: run }. */
  factor?: { option: string; key: string };
  /** Extra JSON fields of the finding: name → provider (count: `occurrences`). */
  extra?: Record<string, string>;
  /** Option holding the factor for second and later findings. */
  repeat_factor?: string;
  /** Report by order instead: the first hit, when it comes before any term of the `before` lexicons. */
  precedence?: Precedence;
  /** Defaults for the settings option's missing keys. */
  settings_default?: Settings;
  /** Template values: name → provider (group_name, excerpts, excerpts_zh, count, channel_zh, channel_en). */
  data?: Record<string, string>;
}

/**
 * Check type `precedence`: a cue before any acknowledgement or remedy fires;
 * when an acknowledgement came first, `otherwise` says what a later cue is
 * (unless a term of its `unless` lexicon is anywhere in the message).
 */
export interface Precedence {
  before: string[];
  otherwise?: { unless?: string; variant: string; settings?: string; settings_default?: Settings };
}

export interface ComplaintSpec {
  complaint: string;
  hypothetical: string;
  possibility: string;
  praise: string;
  problem_hint: string;
}

/** What a check block runs against. */
export type CheckContext = MessageContext;
