/**
 * The per-message rules over logs, evaluated once per distinct text and
 * context. A mass send is one text to thousands of recipients or groups, so
 * each row costs a map lookup; only a new (text, context) runs rules.
 *
 * Context is what a rule may read besides the text: the channel, the group
 * (present? its type, its name) and the message it replies to. Which of
 * those a rule actually read is recorded while it runs (the probe campaign,
 * its group and the message are proxies), and the rule's result is reused
 * for any other context that agrees on exactly those values. So @all
 * detection runs once per text however many groups it went to, and
 * off-topic-selling re-runs only for a new group type (or a new group name
 * when it fires and quotes the name).
 */
import { adviceKey, NEUTRAL_INDUSTRY } from '../engine/industry.js';
import type { Campaign, Channel, FindingInput, Lang, Message, Severity } from '../types.js';
import type { LexMatch } from '../text/lexicon.js';
import type { Config } from '../config/config.js';
import type { LoadedRule } from '../rules/index.js';
import type { RuleRuntime } from '../rules/api.js';
import { MessageAnalysis, type CampaignFacts } from '../engine/analysis.js';
import { activeRules } from '../engine/audit.js';
import { SharedLexicons } from '../engine/lexicons.js';
import { inferGroupType } from '../engine/group-type.js';
import { renderTemplate } from '../engine/template.js';
import { buildRuntime } from '../engine/runtime.js';
import type { GroupType } from '../types.js';
import { viewOf } from '../text/view.js';
import { Masker, NameMask, NearDup, hash53 } from './template.js';

/** Rules whose log logic lives in src/logs (windows, events): never run per message here. */
export const LOG_WINDOW_RULES = new Set(['frequency-cap', 'quiet-hours', 'duplicate-blast', 'unsolicited-invite']);

/** A finding of one text in one context, worded and weighted; rows are stamped on it later. */
export interface CachedFinding {
  ruleId: string;
  severity: Severity;
  excerpt: string;
  message: string;
  advice: string;
  penalty: number;
  variant: string;
  /** [start, end) of the excerpt in the original text. */
  range?: [number, number];
  extra?: Record<string, unknown>;
}

/** Facts of a text that do not depend on where it was sent. */
export interface TextFacts {
  /**
   * Selling as a group post (the group statistics' selling share): the members
   * are the audience, so a price or discount posted there is an offer.
   */
  selling: boolean;
  service: boolean;
  notice: boolean;
  atAll: boolean;
  /** Masked template (hash): the message a row belongs to within its campaign. */
  template: number;
  /** Near-duplicate cluster for duplicate-blast; -1 when too short to judge. */
  cluster: number;
  /** The text greets someone by name (a rendered personalisation). */
  named: boolean;
  maskedLength: number;
}

export interface TextEval {
  text: string;
  facts: TextFacts;
  findings: CachedFinding[];
}

type DepKey = 'channel' | 'groupPresent' | 'groupType' | 'groupName' | 'replyTo';

interface EvalContextValues {
  channel: Channel;
  groupPresent: boolean;
  groupType: GroupType | undefined;
  groupName: string | undefined;
  replyTo: string | undefined;
}

export interface EvalContext {
  readonly id: number;
  readonly values: EvalContextValues;
  readonly texts: Map<string, TextEval>;
}

interface RuleResult {
  deps: DepKey[];
  values: EvalContextValues;
  inputs: FindingInput[];
}

/**
 * A rule's results for one text that read the same context keys: the first
 * result inline, the others (one per further context value) in a map made
 * only when there are any. Most rules read no context or one key with one
 * value per text, so a text's results cost a few small objects, not a map per
 * rule — a chat archive keeps thousands of texts' results at once.
 */
interface DepResults {
  dk: string;
  deps: DepKey[];
  key: string;
  first: RuleResult;
  more?: Map<string, RuleResult>;
}

/** A rule's results for one text, by the context keys it read (in the order first met) and their values. */
type RuleResults = DepResults[];

interface TextRuleCache {
  /** By the index of the rule in Evaluator.rules. */
  rules: Array<RuleResults | undefined>;
  matches: Map<string, LexMatch[]>;
}

const valuesKey = (deps: DepKey[], v: EvalContextValues) => (deps.length === 1 ? String(v[deps[0]!]) : deps.map((d) => String(v[d])).join('\u0001'));
/**
 * Results kept per rule and text for different context values. A rule that
 * quotes the group name has one result per group; the same text rarely
 * reaches the same group twice, so keeping thousands buys little and costs
 * memory at millions of rows (a new group just runs the rule again).
 */
const RESULTS_MAX = 256;

interface Active {
  loaded: LoadedRule;
  rt: RuleRuntime;
  severityOverridden: boolean;
}

const ENTRY_MAX = 200_000;
/**
 * Texts whose rule results and lexicon matches are kept (ruleCache). An entry
 * costs a few kilobytes (a map per rule and per lexicon), so keeping 200,000
 * of a chat archive's distinct texts held about a gigabyte that was never read
 * again; a campaign's templates are a few hundred, and a text evicted is only
 * judged again, to the same result.
 */
const RULE_TEXTS_MAX = 16_384;
const NEUTRAL: EvalContextValues = { channel: 'direct', groupPresent: false, groupType: undefined, groupName: undefined, replyTo: undefined };

export interface EvaluatorOptions {
  config: Config;
  lang: Lang;
  rules: LoadedRule[];
  timezone: string;
  masker: Masker;
  nearDup: NearDup;
  /** Masked templates shorter than this are too generic for duplicate-blast ("好的", "thanks"). */
  minLength: number;
  /** Words a name follows or precedes (duplicate-blast's name_intros / name_outros). */
  nameIntros: string[];
  nameOutros: string[];
  /** Texts whose rule results are kept (default RULE_TEXTS_MAX; tests set it small: an evicted text is judged again, to the same result). */
  ruleTextsKept?: number;
}

/**
 * Logs carry no targeting: the audience of a row is unknown, not "everyone".
 * A neutral segment keeps "sent to everyone" judgements (missing-relevance
 * (a)) from firing on every one-to-one message, while group names still
 * give rules a topic.
 */
const UNKNOWN_AUDIENCE = { segment: '-', tags: [] as string[] };

export class Evaluator {
  readonly lex: SharedLexicons;
  private readonly rules: Active[];
  private readonly contexts = new Map<Channel, Map<string | undefined, Map<string | undefined, EvalContext>>>();
  private contextCount = 0;
  private readonly ruleCache = new Map<string, TextRuleCache>();
  private readonly factCache = new Map<string, TextFacts>();
  private readonly groupTypes = new Map<string, GroupType | undefined>();
  private readonly mentions: RuleRuntime | undefined;
  private entries = 0;
  private ruleEntries = 0;
  /** Rule evaluations actually run (for --debug and the benchmark). */
  evaluations = 0;

  private readonly names: NameMask;

  constructor(private readonly opts: EvaluatorOptions) {
    this.names = new NameMask(opts.nameIntros, opts.nameOutros);
    this.lex = new SharedLexicons(opts.config.lexicons);
    this.rules = activeRules({ config: opts.config, lang: opts.lang, rules: opts.rules }).filter((r) => !!r.loaded.module.checkMessage && !LOG_WINDOW_RULES.has(r.loaded.meta.id));
    // @all is counted per group and week even when the rule is switched off.
    const mm = opts.rules.find((r) => r.meta.id === 'mass-mention');
    this.mentions = mm && mm.meta.lexicons.mentions ? buildRuntime(mm.meta, opts.config.rules['mass-mention'], opts.config.file) : undefined;
  }

  /**
   * The text as its template was written: a name after a greeting (亲爱的张三,
   * Hi Anna, 张三您好) becomes {name}. Rendered personalisation makes every row
   * of a mass send a different text; rules judge the template once, and see
   * the placeholder a draft would have had.
   */
  canonical(text: string): string {
    return this.names.canonical(text);
  }

  groupType(name: string | undefined): GroupType | undefined {
    if (!name) return undefined;
    if (!this.groupTypes.has(name)) this.groupTypes.set(name, inferGroupType(name, this.lex));
    return this.groupTypes.get(name);
  }

  context(channel: Channel, chatName: string | undefined, replyTo: string | undefined): EvalContext {
    // nested maps, no key string per row: channel → group name → reply
    let byName = this.contexts.get(channel);
    if (!byName) this.contexts.set(channel, (byName = new Map()));
    let byReply = byName.get(chatName);
    if (!byReply) byName.set(chatName, (byReply = new Map()));
    let c = byReply.get(replyTo);
    if (!c) {
      const group = channel === 'group' && chatName !== undefined;
      c = { id: this.contextCount++, values: { channel, groupPresent: group, groupType: group ? this.groupType(chatName) : undefined, groupName: group ? chatName : undefined, replyTo }, texts: new Map() };
      // Reply contexts are one-offs; keep the maps from growing with every conversation.
      if (this.contextCount % 50_000 === 0) this.contexts.clear();
      byReply.set(replyTo, c);
    }
    return c;
  }

  evaluate(ctx: EvalContext, text: string): TextEval {
    let e = ctx.texts.get(text);
    if (e) return e;
    if (this.entries >= ENTRY_MAX) {
      for (const byName of this.contexts.values()) for (const byReply of byName.values()) for (const c of byReply.values()) c.texts.clear();
      this.entries = 0;
    }
    const facts = this.factsOf(text);
    const findings = text.trim() ? this.run(ctx.values, text) : [];
    e = { text, facts, findings };
    ctx.texts.set(text, e);
    this.entries++;
    return e;
  }

  factsOf(text: string): TextFacts {
    let f = this.factCache.get(text);
    if (f) return f;
    if (this.factCache.size >= ENTRY_MAX) this.factCache.clear();
    const { masked, named } = this.opts.masker.mask(text);
    const template = hash53(masked);
    const a = new SharedAnalysis(message(text, undefined), this.probe(NEUTRAL, undefined).facts, this.lex, this.cached(text).matches);
    const asGroupPost = new SharedAnalysis(message(text, undefined), this.probe({ ...NEUTRAL, channel: 'group' }, undefined).facts, this.lex, this.cached(text).matches);
    f = {
      selling: asGroupPost.isSelling,
      service: a.isService,
      notice: a.isNotice,
      atAll: !!this.mentions && this.mentions.lexicon('mentions').test(a.view),
      template,
      cluster: [...masked].length >= this.opts.minLength ? this.opts.nearDup.clusterOf(template, masked) : -1,
      named,
      maskedLength: masked.length,
    };
    this.factCache.set(text, f);
    return f;
  }

  /** An analysis of a message for scoring, sharing the lexicon matches of its text with the rule runs. */
  analysis(message: Message, facts: CampaignFacts): MessageAnalysis {
    return new SharedAnalysis(message, facts, this.lex, this.cached(message.text).matches);
  }

  private cached(text: string): TextRuleCache {
    let cached = this.ruleCache.get(text);
    if (!cached) {
      if (this.ruleEntries >= (this.opts.ruleTextsKept ?? RULE_TEXTS_MAX)) {
        this.ruleCache.clear();
        this.ruleEntries = 0;
      }
      cached = { rules: [], matches: new Map() };
      this.ruleCache.set(text, cached);
      this.ruleEntries++;
    }
    return cached;
  }

  private run(values: EvalContextValues, text: string): CachedFinding[] {
    const cached = this.cached(text);
    const perRule = cached.rules;
    let analysis: MessageAnalysis | undefined;
    let tracker: Set<DepKey> | undefined;
    const out: CachedFinding[] = [];
    for (let ri = 0; ri < this.rules.length; ri++) {
      const rule = this.rules[ri]!;
      const meta = rule.loaded.meta;
      if (meta.channels && !meta.channels.includes(values.channel)) continue;
      let results = perRule[ri];
      if (!results) perRule[ri] = results = [];
      let hit: RuleResult | undefined;
      for (const v of results) {
        const key = valuesKey(v.deps, values);
        if ((hit = key === v.key ? v.first : v.more?.get(key))) break;
      }
      if (!hit) {
        if (!analysis) {
          // One analysis for all rules of this run: its memoised facts (lexicon matches) are
          // context-free, and everything contextual is read through the tracking proxies.
          tracker = new Set();
          const p = this.probe(values, tracker, text);
          analysis = new SharedAnalysis(p.message, p.facts, this.lex, cached.matches);
        }
        tracker!.clear();
        const inputs: FindingInput[] = [];
        this.evaluations++;
        rule.loaded.module.checkMessage!({ rule: rule.rt, campaign: analysis.campaign, message: analysis.message, a: analysis, lex: this.lex, report: (input) => inputs.push(input) });
        const deps = [...tracker!].sort();
        hit = { deps, values, inputs };
        const dk = deps.join();
        const key = valuesKey(deps, values);
        const v = results.find((x) => x.dk === dk);
        if (!v) results.push({ dk, deps, key, first: hit });
        else if (1 + (v.more?.size ?? 0) < RESULTS_MAX) (v.more ??= new Map()).set(key, hit);
      }
      for (const input of hit.inputs) out.push(this.render(rule, input, text, values.channel));
    }
    return out;
  }

  /** A FindingInput as the engine words it (src/engine/audit.ts toFinding), without a position. */
  private render(rule: Active, input: FindingInput, text: string, channel: Channel): CachedFinding {
    const meta = rule.loaded.meta;
    let range = input.originalRange;
    if (!range && input.range) range = this.rangeOf(text, input.range);
    const excerpt = input.excerpt ?? (range ? text.slice(range[0], range[1]) : '');
    const severity: Severity = rule.severityOverridden ? rule.rt.severity : (input.severity ?? rule.rt.severity);
    const variant = input.variant && meta.messages[input.variant] ? input.variant : 'default';
    // Logs take the industry from the config only: a log's rows are many senders' texts, read one at a time.
    const industry = this.opts.config.industry === NEUTRAL_INDUSTRY ? undefined : this.opts.config.industry;
    const adviceVariant = adviceKey(meta.advice, input.variant, industry);
    const data = { excerpt, ...input.data };
    const weight = this.opts.config.scoring.channelWeight[channel] ?? 1;
    return {
      ruleId: meta.id,
      severity,
      excerpt,
      message: renderTemplate(meta.messages[variant]![this.opts.lang], data),
      advice: renderTemplate(meta.advice[adviceVariant]![this.opts.lang], data),
      penalty: Math.round(rule.rt.penalty * (input.factor ?? 1) * weight * 10) / 10,
      variant,
      ...(range ? { range } : {}),
      ...(input.extra ? { extra: input.extra } : {}),
    };
  }

  private rangeOf(text: string, r: [number, number]): [number, number] {
    return viewOf(text).toOriginal(r[0], r[1]);
  }

  /** The campaign and message a rule sees for a log row's context, recording what it reads. */
  private probe(v: EvalContextValues, track: Set<DepKey> | undefined, text = ''): { facts: CampaignFacts; message: Message } {
    const group = v.groupPresent ? { name: v.groupName, type: v.groupType, typeSource: (v.groupType ? 'inferred' : 'unknown') as 'inferred' | 'unknown' } : undefined;
    const campaign: Campaign = {
      id: 'log',
      channel: v.channel,
      timezone: this.opts.timezone,
      audience: { ...UNKNOWN_AUDIENCE, tags: [] },
      group,
      sendTimes: [],
      messages: [],
      ignore: [],
      source: '',
      line: 1,
      column: 1,
    };
    const facts: CampaignFacts = { campaign, groupType: v.groupType, groupTypeSource: v.groupType ? 'inferred' : 'unknown', toEveryone: false };
    const msg = message(text, v.replyTo);
    if (!track) return { facts, message: msg };
    const messageProxy = new Proxy(msg, { get: (t, k, r) => (k === 'replyTo' && track.add('replyTo'), Reflect.get(t, k, r)) });
    const groupProxy = group && new Proxy(group, { get: (t, k, r) => (track.add(k === 'name' ? 'groupName' : 'groupType'), Reflect.get(t, k, r)) });
    const campaignProxy = new Proxy(campaign, {
      get: (t, k, r) => {
        if (k === 'channel') track.add('channel');
        else if (k === 'group') {
          track.add('groupPresent');
          return groupProxy;
        }
        return Reflect.get(t, k, r);
      },
    });
    const factsProxy = new Proxy(facts, {
      get: (t, k, r) => {
        if (k === 'campaign') return campaignProxy;
        if (k === 'groupType' || k === 'groupTypeSource') track.add('groupType');
        return Reflect.get(t, k, r);
      },
    });
    return { facts: factsProxy, message: messageProxy };
  }
}

/**
 * A MessageAnalysis whose shared-lexicon matches (selling, service, notice…)
 * are kept per text, not per analysis: the same text analysed for another
 * group or reply context does not match the lexicons again.
 */
class SharedAnalysis extends MessageAnalysis {
  constructor(
    message: Message,
    facts: CampaignFacts,
    lex: SharedLexicons,
    private readonly shared: Map<string, LexMatch[]>,
  ) {
    super(message, facts, lex);
  }

  override matches(lexicon: string): LexMatch[] {
    let m = this.shared.get(lexicon);
    if (!m) {
      m = super.matches(lexicon);
      this.shared.set(lexicon, m);
    }
    return m;
  }
}

function message(text: string, replyTo: string | undefined): Message {
  return { id: 'm', text, ...(replyTo !== undefined ? { replyTo } : {}), line: 1, column: 1, locator: { locate: () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 }) }, ignore: [] };
}
