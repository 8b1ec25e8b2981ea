/**
 * One row of a message log after reading, whatever the source format: the
 * CSV/JSON readers and the format adapters (chat archive, group-message API,
 * Telegram, Slack) all produce these, and the audit sees nothing else.
 */
import type { Channel } from '../types.js';

/**
 * Text the per-message rules read, at most. A chat message is a few thousand
 * characters (WeChat 4,000, Telegram 4,096, Slack 40,000); a 10 MB cell is a
 * broken export, and reading all of it would make one row cost minutes.
 */
export const MAX_TEXT = 100_000;

export type SendStatus = 'sent' | 'unsent' | 'refused' | 'not-friend';

/**
 * What a customer did, when a row is not a message (CONTRACTS §7): opted
 * out, left the group, deleted the staff contact, joined. Carried on a
 * message record so the CSV worker path (which hands over messages only)
 * reads it too; the audit counts these rows as events, never as sends.
 */
export type LogEvent = 'optout' | 'leave' | 'delete' | 'join';

export interface LogMessage {
  kind: 'message';
  file: string;
  /** 1-based data row of the source file (the n-th record read from it). */
  row: number;
  /** 1-based line where the record starts. */
  line: number;
  /** Epoch milliseconds. */
  time: number;
  channel: Channel;
  text: string;
  sender?: string;
  chat?: string;
  chatName?: string;
  recipient?: string;
  campaign?: string;
  replyTo?: string;
  /** Written by the customer (chat archives carry both directions). */
  inbound?: boolean;
  /**
   * Ours, but part of a conversation rather than a push (a Telegram personal
   * chat): its text is audited, it does not count towards caps or duplicates.
   */
  conversation?: boolean;
  /** The text's length when it was cut to MAX_TEXT for the rules. */
  textLength?: number;
  /** The recipient's own time zone, where the export says (Slack users.json `tz`): quiet hours are theirs. */
  tz?: string;
  /** Group-message API send result; absent = sent. */
  status?: SendStatus;
  /** Not a message but what the customer did (event column, Telegram/Slack leaves, WeChat Work change events). */
  event?: LogEvent;
  /**
   * The audit's interned ids for chat, sender and customer, when the reader
   * already resolved them (the CSV worker path): saves a hash lookup per row.
   */
  ids?: { chat: number; sender: number; recipient: number };
}

/** The audit's string → id tables, for readers that resolve ids once per distinct string. */
export interface Interning {
  chat(s: string): number;
  sender(s: string): number;
  recipient(s: string): number;
}

/** A customer added to a group (chat archive `event: join`, WeChat Work change_external_chat, Telegram, Slack). */
export interface LogJoin {
  kind: 'join';
  file: string;
  row: number;
  line: number;
  time: number;
  chat: string;
  chatName?: string;
  member: string;
  /** Who added them; absent when they joined on their own. */
  inviter?: string;
  /** A consent record travels with the event (true), is denied (false) or unknown (undefined). */
  consent?: boolean;
  /** How they joined: invite (added by someone), link, qrcode, self. */
  scene?: 'invite' | 'link' | 'qrcode' | 'self';
  campaign?: string;
}

/** A separate consent record: this customer agreed to be added to this group. */
export interface LogConsent {
  kind: 'consent';
  file: string;
  row: number;
  line: number;
  time: number;
  chat: string;
  member: string;
}

/** A record that is read and counted but is not a send (a recall, a session switch, a system notice). */
export interface LogOther {
  kind: 'other';
  file: string;
  row: number;
  line: number;
  what: string;
}

/** A row that could not be read; reported with its row number and skipped. */
export interface LogBad {
  kind: 'bad';
  file: string;
  row: number;
  line: number;
  reason: string;
}

export type LogRecord = LogMessage | LogJoin | LogConsent | LogOther | LogBad;

/** A record before the time is parsed (adapters hand over what the file holds). */
export type RawTime = string | number | undefined | null;
