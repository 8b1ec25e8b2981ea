/** Core data model shared by loaders, the rule engine, scoring and formatters. */

export type Channel = 'group' | 'direct' | 'moments' | 'sms';
export const CHANNELS: readonly Channel[] = ['group', 'direct', 'moments', 'sms'];
export type GroupType = 'sharing' | 'service' | 'promo' | 'vip';
export const GROUP_TYPES: readonly GroupType[] = ['sharing', 'service', 'promo', 'vip'];
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export type Lang = 'zh' | 'en';

export interface Bilingual {
  zh: string;
  en: string;
}

/** A 1-based position in a source file. */
export interface SourcePos {
  line: number;
  column: number;
}

/** Where a span of a message's text sits in its source file. */
export interface Locator {
  /** Map a [start, end) range of the message text (UTF-16 offsets) to file positions. */
  locate(start: number, end: number): { line: number; column: number; endLine: number; endColumn: number };
}

export interface Suppression {
  rule: string;
  reason: string;
  line?: number;
}

export interface Message {
  id: string;
  text: string;
  /** The customer's message this one answers, if any. */
  replyTo?: string;
  /** `urgent: true`: a fraud alert or safety notice that must go out now (quiet-hours spares it). */
  urgent?: boolean;
  /** Position of the message text (or of the item when the text is empty). */
  line: number;
  column: number;
  locator: Locator;
  ignore: Suppression[];
  /** 1-based data row, for messages read from logs. */
  row?: number;
  /** Log fields: send time (epoch ms), customer id, group chat id/name, sender. */
  sentAt?: number;
  recipient?: string;
  chat?: string;
  chatName?: string;
  sender?: string;
}

export interface Audience {
  /** undefined or "all" means everyone. */
  segment?: string;
  tags: string[];
  size?: number;
}

export interface GroupInfo {
  name?: string;
  type?: GroupType;
  /** Whether `type` was declared in the draft or inferred from the name. */
  typeSource: 'declared' | 'inferred' | 'unknown';
}

export interface Campaign {
  id: string;
  name?: string;
  channel: Channel;
  timezone: string;
  audience: Audience;
  group?: GroupInfo;
  /** Planned send times, ISO strings as written (with or without offset). */
  sendTimes: string[];
  /** Campaign is a service/transactional message (explicit `kind: service`). */
  kind?: 'marketing' | 'service';
  /** `urgent: true` on the campaign: every message of it must go out now (quiet-hours spares it). */
  urgent?: boolean;
  messages: Message[];
  ignore: Suppression[];
  /** Source file (as given on the command line) and the campaign item's line. */
  source: string;
  line: number;
  column: number;
}

/** A finding as rules report it; the engine adds ids, severity, penalty and text. */
export interface FindingInput {
  messageId?: string;
  /** [start, end) in the message's normalised text (TextView offsets, as lexicon matches give). */
  range?: [number, number];
  /** [start, end) in the original message text, when the rule worked on it directly. */
  originalRange?: [number, number];
  /** Text the finding is about; defaults to the text at `range`. */
  excerpt?: string;
  /** Values substituted into the rule's message template ({term}, {count}…). */
  data?: Record<string, string | number>;
  /** Severity for this occurrence when the context changes it (e.g. an operational @all). */
  severity?: Severity;
  /** Multiplier on the rule's penalty for this context (default 1). */
  factor?: number;
  /** Which template of the rule's `messages` to use (default `default`). */
  variant?: string;
  /** Extra fields copied into the JSON finding (window rules: window, count, cap…). */
  extra?: Record<string, unknown>;
  /**
   * The draft itself exempts this occurrence (quiet-hours on an `urgent: true`
   * message): it is listed under the campaign's `suppressed`, its rendered
   * message as the reason, and costs nothing — the report says what was spared.
   */
  spared?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  campaignId: string;
  messageId?: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  row?: number;
  excerpt: string;
  message: string;
  advice: string;
  /** Points this finding takes off the score (rule penalty × context × channel weight). */
  penalty: number;
  [extra: string]: unknown;
}
