/**
 * What a rule module sees. A rule reads facts and lexicons and calls
 * `report`; it knows nothing of scores, languages or output formats.
 */
import type { FindingInput, Message } from '../types.js';
import type { Lexicon } from '../text/lexicon.js';
import type { MessageAnalysis, CampaignFacts } from '../engine/analysis.js';
import type { SharedLexicons } from '../engine/lexicons.js';
import type { RuleMeta } from './meta.js';
import type { Severity } from '../types.js';

export interface RuleRuntime {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly severity: Severity;
  readonly penalty: number;
  /** The config file whose overrides apply (for errors naming a bad option), if any. */
  readonly configFile?: string;
  /** A lexicon from the rule's YAML (with config overrides applied). */
  lexicon(name: string): Lexicon;
  /** An option from the rule's YAML `options:` (config overrides applied). */
  option<T>(name: string, fallback: T): T;
}

export interface MessageContext {
  rule: RuleRuntime;
  campaign: CampaignFacts;
  message: Message;
  a: MessageAnalysis;
  lex: SharedLexicons;
  report(f: FindingInput): void;
}

export interface CampaignContext {
  rule: RuleRuntime;
  campaign: CampaignFacts;
  messages: MessageAnalysis[];
  lex: SharedLexicons;
  report(f: FindingInput): void;
}

export interface RunContext {
  rule: RuleRuntime;
  /**
   * Every campaign the rule applies to, by its facts only: run-level rules
   * compare schedules and audiences, and run before any message is analysed
   * so that analyses need not all be held at once (engine/audit.ts auditEach).
   */
  campaigns: Array<{ facts: CampaignFacts }>;
  lex: SharedLexicons;
  report(campaignId: string, f: FindingInput): void;
}

export interface RuleModule {
  id: string;
  /** Called once per message. */
  checkMessage?(ctx: MessageContext): void;
  /** Called once per campaign, after its messages. */
  checkCampaign?(ctx: CampaignContext): void;
  /** Called once per run, for rules that compare campaigns (frequency-cap). */
  checkRun?(ctx: RunContext): void;
}
