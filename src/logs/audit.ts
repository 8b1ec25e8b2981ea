/**
 * The log audit: records in (streaming, any number of files), a report out.
 *
 * Per row: a time filter, a conversation check (a reply to the customer is
 * not a push), a cached rule evaluation of its (text, context), its campaign
 * and message (template), counters (frequency, duplicates, @all per group
 * and week, per-day, per-group and per-sender statistics) and the findings
 * of its text stamped with the row. Nothing per clean row is kept: rows are
 * counted, and a campaign's messages are its templates.
 *
 * Findings on a row carry `row`, `line`, `recipient`/`chat`; window findings
 * carry `window`, `count`, `cap`. A mass send repeats one finding on many
 * rows: each distinct (rule, message) is scored once (the rows are listed,
 * up to `maxRowsPerFinding`, the rest counted on the last one as `moreRows`;
 * posts in groups are each listed: every group is an audience of its own).
 */
import type { Campaign, Channel, Finding, Lang, Message, Severity } from '../types.js';
import { CHANNELS } from '../types.js';
import type { Config } from '../config/config.js';
import type { LoadedRule } from '../rules/index.js';
import type { RuleRuntime } from '../rules/api.js';
import { activeRules, campaignFacts, compareFindings, type CampaignAudit } from '../engine/audit.js';
import { renderTemplate } from '../engine/template.js';
import { buildReport, campaignReport, ruleInfos, type CampaignReport, type Report } from '../report/report.js';
import { readFrequencyOptions, type FrequencyOptions } from '../rules/frequency-cap.js';
import { quietWindow, inQuietHours, formatMinutes, type QuietWindow } from '../rules/quiet-hours.js';
import { InputError } from '../errors.js';
import { MAX_TEXT, type Interning, type LogJoin, type LogMessage, type LogRecord } from './record.js';
import { Clock, dateOfDay, isoWeekOfDay } from './time.js';
import { Evaluator, type CachedFinding, type TextEval, type TextFacts } from './evaluate.js';
import { Masker, NearDup } from './template.js';
import { readDuplicateOptions, type DuplicateOptions } from './rules.js';
import { reasonKind } from './reasons.js';
import { DuplicateTracker, FrequencyCounter, SendRefs, audienceNumber, decodeAudience, type AudienceKind, type CapFinding } from './windows.js';
import type { FileInfo } from './readers.js';
import { logTables, type LogStats } from './stats.js';
import { Outcomes, isOptOut, outcomeTable, type TextOutcome } from './outcomes.js';

export interface LogAuditOptions {
  config: Config;
  lang: Lang;
  timezone: string;
  rules: LoadedRule[];
  /** Epoch ms; rows before `since` or at/after `until` are left out. */
  since?: number;
  until?: number;
  strict?: boolean;
  /** Rows listed per (campaign, message, rule); 0 = every row. */
  maxRowsPerFinding?: number;
  /** Row findings listed in all (default ROW_FINDINGS_LISTED); past it each is counted, its points still scored. */
  rowFindingsListed?: number;
  /** Window and event findings listed per rule (default WINDOW_LISTED); past it each is counted, its points still scored. */
  windowFindingsListed?: number;
  /** Texts whose rule results the evaluator keeps (src/logs/evaluate.ts; the library and tests set it small). */
  ruleTextsKept?: number;
  /** A send within this long after the customer wrote is judged as a reply to what they wrote. */
  replyWindowMs?: number;
  /**
   * In a one-to-one thread, our messages within this long after the customer
   * last wrote are conversation: they do not count towards caps (RULEBOOK
   * frequency-cap: "within a day of the customer's message"). Default 24 h.
   */
  conversationWindowMs?: number;
  failUnder?: number;
  maxWarnings?: number;
  /** Group names by chat id (config logs.chats), for exports without names. */
  chatNames?: Record<string, string>;
  /** Reactions count for the latest push within this long before them (CONTRACTS §7; default 24 h, written `window`). */
  attribution?: { ms: number; text: string };
  /** A malformed row, as it is met (stderr). */
  onBadRow?: (file: string, row: number, line: number, reason: string) => void;
  /** A note for stderr (a text cut for the rules…). */
  onNote?: (msg: string) => void;
  /** Learning from outcomes: receives each distinct pushed text with its pushes and the customers lost after them. */
  onTextOutcomes?: (texts: TextOutcome[]) => void;
}

const SKIPPED_LISTED = 100;
/** Distinct skip reasons kept for summary.skippedByReason (beyond, counted under "other"). */
const REASONS_KEPT = 50;
/** A template sent to this many rows without a campaign id is a mass send, whoever wrote last. */
const MASS_ROWS = 3;
/**
 * Bounds on what a report lists, so its size (and the memory to render it)
 * stays bounded on any log: messages (templates) without findings per
 * campaign and in all; findings on rows and window/event findings in all
 * (not with --max-rows-per-finding 0, which asks for every row). What is
 * beyond is counted (summary.unlistedFindings, campaign untrackedSends),
 * never dropped silently.
 */
const TEMPLATES_LISTED = 1000;
const CLEAN_TEMPLATES_LISTED = 20_000;
const ROW_FINDINGS_LISTED = 50_000;
const TOP = 50;
/**
 * Window and event findings listed per rule (a customer-day over the cap is
 * news, each one, but 200,000 of each made a 10M-row month's report 400 MB:
 * a list no one reads in a browser, held whole while it is written).
 */
const WINDOW_LISTED = 25_000;
/** Groups in logStats.groups; beyond this, the worst. */
const GROUPS_LISTED = 20_000;
/** (group, ISO week) @all counts in logStats; beyond this, the largest. */
const AT_ALL_WEEKS_LISTED = 100_000;

class Interner {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.names.length;
      this.ids.set(s, i);
      this.names.push(s);
    }
    return i;
  }
}

interface MsgState {
  idx: number;
  id: string;
  text: string;
  file: number;
  row: number;
  line: number;
  sends: number;
  facts: TextFacts;
}

interface CampaignState {
  idx: number;
  id: string;
  name?: string;
  file: number;
  line: number;
  row: number;
  channels: number[];
  chat: number;
  multiChat: boolean;
  sends: number;
  refused: number;
  templates: Map<number, MsgState>;
  msgs: MsgState[];
  untrackedSends: number;
  findings: Finding[];
  /** Rows per (rule, message) group, for the listing bound. */
  groups: Map<string, { n: number; last?: Finding }>;
  /** One finding per (rule, message, severity): what the score counts. */
  scored: Map<string, Finding>;
  first: number;
  last: number;
  /** When its rows come from several files (a Slack channel's day files): the folder they share. */
  dir?: string;
}

interface GroupStat {
  messages: number;
  atAll: number;
  selling: number;
  members: number;
  findings: number;
}

interface PendingJoin {
  join: LogJoin;
  file: number;
  campaign: number;
}

const CH_INDEX: Record<Channel, number> = { group: 0, direct: 1, moments: 2, sms: 3 };

export class LogAudit {
  readonly clock: Clock;
  private readonly ev: Evaluator;
  private readonly files = new Interner();
  private readonly chats = new Interner();
  private readonly recipients = new Interner();
  private readonly senders = new Interner();
  private readonly chatNames: (string | undefined)[] = [];
  private readonly campaigns: CampaignState[] = [];
  private readonly byCampaign = new Map<string, CampaignState>();
  private readonly byChat = new Map<number, CampaignState>();
  private readonly bySender = new Map<number, CampaignState>();
  private readonly byFile = new Map<number, CampaignState>();
  private readonly refs = new SendRefs();
  private readonly freq?: FrequencyCounter;
  private readonly freqOptions?: FrequencyOptions;
  private readonly dup?: DuplicateTracker;
  private readonly dupOptions: DuplicateOptions;
  private readonly quiet = new Map<Channel, QuietWindow | undefined>();
  private readonly rt = new Map<string, RuleRuntime>();
  private readonly lastInbound = new Map<string, { time: number; text: string }>();
  private readonly groupStats: GroupStat[] = [];
  private readonly senderMessages: number[] = [];
  private readonly senderFindings: number[] = [];
  private readonly sendsPerDay = new Map<number, number>();
  private readonly atAllWeek = new Map<string, number>();
  private readonly joins: PendingJoin[] = [];
  private readonly consents = new Set<string>();
  private readonly maxRows: number;
  private readonly rowBound: number;
  private readonly windowBound: number;
  private readonly replyWindowMs: number;
  private readonly conversationWindowMs: number;
  private readonly severityOverride = new Map<string, boolean>();
  private readonly outcomes: Outcomes;

  rows = 0;
  skippedRows = 0;
  readonly skipped: Array<{ file: string; row: number; line: number; reason: string }> = [];
  private readonly reasons = new Map<string, { reason: string; count: number; example: string; file: string; firstRow: number; line: number }>();
  filteredRows = 0;
  internalRows = 0;
  conversationRows = 0;
  longTexts = 0;
  /** Rows per template sent without a campaign id (mass-send detection), bounded. */
  private readonly templateRows = new Map<number, number>();
  inboundRows = 0;
  eventRows = 0;
  notDelivered = 0;
  refusedSends = 0;
  unlisted = 0;
  /** What was counted but not listed, by rule (summary.unlistedByRule). */
  private unlistedBy = new Map<string, number>();
  /** Counted, not listed, by severity: the gate judges them as it judges listed ones. */
  private readonly unlistedSeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  private windowListed = new Map<string, number>();
  private rowListed = 0;
  private cleanTemplates = 0;
  private readonly cur = { ref: -1, file: 0, row: 0, line: 0, campaign: 0, msg: -1, sender: -1, channel: 0, time: 0 };
  private readonly curRef = (): number => {
    const c = this.cur;
    if (c.ref < 0) c.ref = this.refs.add(c.file, c.row, c.line, c.campaign, c.msg, c.sender, c.channel, c.time);
    return c.ref;
  };
  private firstSend = Infinity;
  private lastSend = -Infinity;

  constructor(private readonly opts: LogAuditOptions) {
    this.clock = new Clock(opts.timezone);
    this.maxRows = opts.maxRowsPerFinding ?? 20;
    this.rowBound = opts.rowFindingsListed ?? ROW_FINDINGS_LISTED;
    this.windowBound = opts.windowFindingsListed ?? WINDOW_LISTED;
    this.replyWindowMs = opts.replyWindowMs ?? 30 * 60_000;
    this.conversationWindowMs = opts.conversationWindowMs ?? 86_400_000;
    this.outcomes = new Outcomes(opts.attribution?.ms ?? 86_400_000, opts.attribution?.text ?? '24h', {
      chat: (s) => this.chats.id(s),
      sender: (s) => this.senders.id(s),
      recipient: (s) => this.recipients.id(s),
    }, opts.onTextOutcomes !== undefined);
    for (const a of activeRules({ config: opts.config, lang: opts.lang, rules: opts.rules })) {
      this.rt.set(a.loaded.meta.id, a.rt);
      this.severityOverride.set(a.loaded.meta.id, a.severityOverridden);
    }
    const fc = this.rt.get('frequency-cap');
    if (fc) {
      this.freqOptions = readFrequencyOptions(fc);
      this.freq = new FrequencyCounter(this.freqOptions);
    }
    const qh = this.rt.get('quiet-hours');
    if (qh) for (const ch of CHANNELS) this.quiet.set(ch, quietWindow(qh, ch));
    const dbMeta = opts.rules.find((r) => r.meta.id === 'duplicate-blast');
    const db = this.rt.get('duplicate-blast');
    // The masking words and threshold shape templates (a campaign's messages) even when the rule is off.
    this.dupOptions = db ? readDuplicateOptions(db) : { windowDays: 7, similarity: 0.8, minLength: 12, nameIntros: (dbMeta?.meta.options.name_intros as string[]) ?? [], nameOutros: (dbMeta?.meta.options.name_outros as string[]) ?? [] };
    if (db) this.dup = new DuplicateTracker(this.dupOptions.windowDays * 86_400_000);
    for (const [id, name] of Object.entries(opts.chatNames ?? {})) this.chatNames[this.chats.id(id)] = name;
    this.ev = new Evaluator({
      config: opts.config,
      lang: opts.lang,
      rules: opts.rules,
      timezone: opts.timezone,
      masker: new Masker({ nameIntros: this.dupOptions.nameIntros, nameOutros: this.dupOptions.nameOutros }),
      nearDup: new NearDup(this.dupOptions.similarity),
      minLength: this.dupOptions.minLength,
      nameIntros: this.dupOptions.nameIntros,
      nameOutros: this.dupOptions.nameOutros,
      ruleTextsKept: opts.ruleTextsKept,
    });
  }

  /** The id tables, for readers that resolve ids once per distinct string. */
  readonly interning: Interning = {
    chat: (s) => this.chats.id(s),
    sender: (s) => this.senders.id(s),
    recipient: (s) => this.recipients.id(s),
  };

  /** The words greeting names are masked after/before (duplicate-blast options), for readers that mask early. */
  get nameWords(): { nameIntros: string[]; nameOutros: string[] } {
    return { nameIntros: this.dupOptions.nameIntros, nameOutros: this.dupOptions.nameOutros };
  }

  /** Rule evaluations run so far (distinct text × context × rule). */
  get evaluations(): number {
    return this.ev.evaluations;
  }

  add(batch: LogRecord[]): void {
    for (const r of batch) {
      this.rows++;
      switch (r.kind) {
        case 'message':
          this.message(r);
          break;
        case 'bad':
          this.bad(r.file, r.row, r.line, r.reason);
          break;
        case 'join':
          if (this.outside(r.time)) this.filteredRows++;
          else this.join(r);
          break;
        case 'consent':
          if (this.outside(r.time)) this.filteredRows++;
          else {
            this.eventRows++;
            this.consents.add(`${r.chat}\u0001${r.member}`);
          }
          break;
        default:
          if (r.what === 'internal') this.internalRows++;
          else this.eventRows++;
      }
    }
  }

  private outside(t: number): boolean {
    return (this.opts.since !== undefined && t < this.opts.since) || (this.opts.until !== undefined && t >= this.opts.until);
  }

  private bad(file: string, row: number, line: number, reason: string): void {
    if (this.opts.strict) throw new InputError(`row ${row}: ${reason} (--strict stops at the first malformed row)`, file, line);
    this.skippedRows++;
    if (this.skipped.length < SKIPPED_LISTED) this.skipped.push({ file, row, line, reason });
    let kind = reasonKind(reason);
    if (!this.reasons.has(kind) && this.reasons.size >= REASONS_KEPT) kind = 'other';
    const g = this.reasons.get(kind);
    if (g) g.count++;
    else this.reasons.set(kind, { reason: kind, count: 1, example: reason, file, firstRow: row, line });
    this.opts.onBadRow?.(file, row, line, reason);
  }

  /** Skipped rows grouped by reason, most first (summary.skippedByReason). */
  skippedByReason(): Array<{ reason: string; count: number; example: string; file: string; firstRow: number; line: number }> {
    return [...this.reasons.values()].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }

  /* ------------------------------------------------------------- campaigns */

  private campaignFor(file: number, r: { campaign?: string; row: number; line: number; time: number }, chat: number, sender: number): CampaignState {
    let c: CampaignState | undefined;
    let make: (() => { id: string; name?: string }) | undefined;
    if (r.campaign !== undefined) {
      c = this.byCampaign.get(r.campaign);
      if (!c) make = () => ({ id: r.campaign! });
    } else if (chat >= 0) {
      c = this.byChat.get(chat);
      if (!c) make = () => ({ id: `group:${this.chats.names[chat]}`, ...(this.chatNames[chat] ? { name: this.chatNames[chat] } : {}) });
    } else if (sender >= 0) {
      c = this.bySender.get(sender);
      if (!c) make = () => ({ id: `sender:${this.senders.names[sender]}` });
    } else {
      c = this.byFile.get(file);
      if (!c) make = () => ({ id: `log:${this.files.names[file]}` });
    }
    if (c) return c;
    const { id, name } = make!();
    c = {
      idx: this.campaigns.length,
      id,
      ...(name ? { name } : {}),
      file,
      line: r.line,
      row: r.row,
      channels: [0, 0, 0, 0],
      chat,
      multiChat: false,
      sends: 0,
      refused: 0,
      templates: new Map(),
      msgs: [],
      untrackedSends: 0,
      findings: [],
      groups: new Map(),
      scored: new Map(),
      first: r.time,
      last: r.time,
    };
    this.campaigns.push(c);
    if (r.campaign !== undefined) this.byCampaign.set(r.campaign, c);
    else if (chat >= 0) this.byChat.set(chat, c);
    else if (sender >= 0) this.bySender.set(sender, c);
    else this.byFile.set(file, c);
    return c;
  }

  private messageOf(c: CampaignState, e: TextEval, file: number, r: LogMessage, force: boolean): MsgState | undefined {
    let m = c.templates.get(e.facts.template);
    if (m) return m;
    if (!force && (c.templates.size >= TEMPLATES_LISTED || this.cleanTemplates >= CLEAN_TEMPLATES_LISTED)) return undefined;
    if (!force) this.cleanTemplates++;
    m = { idx: c.msgs.length, id: `m${c.msgs.length + 1}`, text: e.text, file, row: r.row, line: r.line, sends: 0, facts: e.facts };
    c.templates.set(e.facts.template, m);
    c.msgs.push(m);
    return m;
  }

  /* -------------------------------------------------------------- messages */

  private message(r: LogMessage): void {
    if (this.outside(r.time)) {
      this.filteredRows++;
      return;
    }
    if (r.text.length > MAX_TEXT || r.textLength !== undefined) {
      const n = r.textLength ?? r.text.length;
      if (this.longTexts++ === 0) this.opts.onNote?.(`${r.file}:${r.line}: row ${r.row}: a text of ${n < 0 ? 'more than 100,000' : n.toLocaleString('en-US')} characters; the rules read its first ${MAX_TEXT.toLocaleString('en-US')} (a chat message is a few thousand)`);
      if (r.text.length > MAX_TEXT) r = { ...r, text: r.text.slice(0, MAX_TEXT) };
    }
    const file = this.files.id(r.file);
    const pre = r.ids;
    const chat = r.chat !== undefined ? (pre && pre.chat >= 0 ? pre.chat : this.chats.id(r.chat)) : r.chatName !== undefined && r.channel === 'group' ? this.chats.id(r.chatName) : -1;
    if (chat >= 0 && r.chatName && this.chatNames[chat] !== r.chatName) this.chatNames[chat] = r.chatName;
    // What a customer did (left, deleted us, opted out, joined): an outcome of the pushes before it, never a send.
    if (r.event) {
      this.eventRows++;
      this.outcomes.reaction(r.event, r);
      return;
    }
    // conversations (the customer wrote, we answer) exist only in logs that carry inbound messages
    const convKey = r.inbound || this.lastInbound.size ? (r.channel === 'group' ? (chat >= 0 ? `g${chat}` : undefined) : r.recipient !== undefined ? `r${r.recipient}` : undefined) : undefined;
    if (r.inbound) {
      this.inboundRows++;
      this.outcomes.reaction(isOptOut(r.text) ? 'optout' : 'reply', r);
      if (convKey) this.lastInbound.set(convKey, { time: r.time, text: r.text });
      if (chat >= 0) this.group(chat).members++;
      return;
    }
    if (r.status === 'unsent' || r.status === 'not-friend') {
      this.notDelivered++;
      return;
    }
    const sender = r.sender !== undefined ? (pre && pre.sender >= 0 ? pre.sender : this.senders.id(r.sender)) : -1;
    const recipient = r.recipient !== undefined ? (pre && pre.recipient >= 0 ? pre.recipient : this.recipients.id(r.recipient)) : -1;
    // A send shortly after the customer wrote answers them: conversation, not a push. In a
    // one-to-one thread the customer started, that holds for a day after they last wrote
    // (RULEBOOK frequency-cap); in a group, only for the reply window.
    let replyTo = r.replyTo;
    let conversation = replyTo !== undefined || r.conversation === true;
    if (!conversation && convKey) {
      const li = this.lastInbound.get(convKey);
      const window = r.channel === 'group' ? this.replyWindowMs : Math.max(this.replyWindowMs, this.conversationWindowMs);
      if (li && r.time >= li.time && r.time - li.time <= window) {
        conversation = true;
        if (r.channel !== 'group' && r.time - li.time <= this.replyWindowMs) replyTo = li.text;
      }
    }
    const c = this.campaignFor(file, r, chat, sender);
    if (file !== c.file) c.dir = commonDir(c.dir ?? this.files.names[c.file]!, this.files.names[file]!);
    const day = this.clock.dayOf(r.time);
    // The send's compact reference is made only if a counter needs it (it opens one or crosses a cap).
    const cur = this.cur;
    cur.ref = -1;
    cur.file = file;
    cur.row = r.row;
    cur.line = r.line;
    cur.campaign = c.idx;
    cur.msg = -1;
    cur.sender = sender;
    cur.channel = CH_INDEX[r.channel];
    cur.time = r.time;
    const ref = this.curRef;
    const aud = this.audience(r.channel, chat, recipient, sender);

    if (r.status === 'refused') {
      // The platform refused it as over the cap: evidence for frequency-cap, nothing was delivered.
      this.refusedSends++;
      c.refused++;
      if (aud >= 0 && this.freq) this.freq.add(aud, r.channel, day, true, ref);
      return;
    }

    const e = this.ev.evaluate(this.ev.context(r.channel, r.channel === 'group' ? (r.chatName ?? (chat >= 0 ? this.chatNames[chat] : undefined)) : undefined, replyTo), this.ev.canonical(r.text));
    // A mass send counts towards caps even when it lands after a customer's message: a campaign
    // id, or a template already pushed unprompted on several rows (a canned reply used only in
    // conversations never becomes one).
    if (conversation && r.conversation !== true && r.replyTo === undefined) {
      if (r.campaign !== undefined || (r.channel !== 'group' && (this.templateRows.get(e.facts.template) ?? 0) >= MASS_ROWS)) {
        conversation = false;
        replyTo = r.replyTo;
      }
    } else if (!conversation && r.campaign === undefined && r.channel !== 'group') {
      const n = (this.templateRows.get(e.facts.template) ?? 0) + 1;
      if (n > 1 || this.templateRows.size < 200_000) this.templateRows.set(e.facts.template, n);
    }
    if (conversation) this.conversationRows++;
    const qclock = r.tz && r.tz !== this.clock.tz ? this.clockFor(r.tz) : this.clock;
    const qw = conversation ? undefined : this.quiet.get(r.channel);
    const quiet = !!qw && inQuietHours(qclock.minuteOfDay(r.time), qw);
    const msg = this.messageOf(c, e, file, r, quiet || e.findings.length > 0);
    if (msg) {
      msg.sends++;
      cur.msg = msg.idx;
    } else c.untrackedSends++;
    c.sends++;
    c.channels[CH_INDEX[r.channel]]!++;
    if (chat >= 0 && chat !== c.chat) {
      if (c.chat < 0) c.chat = chat;
      else c.multiChat = true;
    }
    if (r.time < c.first) c.first = r.time;
    if (r.time > c.last) c.last = r.time;
    if (r.time < this.firstSend) this.firstSend = r.time;
    if (r.time > this.lastSend) this.lastSend = r.time;

    // statistics
    this.sendsPerDay.set(day, (this.sendsPerDay.get(day) ?? 0) + 1);
    if (sender >= 0) this.senderMessages[sender] = (this.senderMessages[sender] ?? 0) + 1;
    if (chat >= 0 && r.channel === 'group') {
      const g = this.group(chat);
      g.messages++;
      if (e.facts.selling) g.selling++;
      if (e.facts.atAll) {
        g.atAll++;
        const k = `${chat}\u0001${isoWeekOfDay(day)}`;
        this.atAllWeek.set(k, (this.atAllWeek.get(k) ?? 0) + 1);
      }
    }

    // the text's findings, stamped with this row
    for (const cf of e.findings) this.stamp(c, msg, cf, r, chat, recipient, sender);
    if (quiet) this.stamp(c, msg, this.quietFinding(r, qw!, e.facts.service, qclock), r, chat, recipient, sender);

    if (conversation) return;
    this.outcomes.send(c.idx, r, this.outcomes.ruleSet(e.findings, quiet), Outcomes.sendKey(r.channel, chat, sender, recipient));
    if (aud >= 0 && this.freq) this.freq.add(aud, r.channel, day, false, ref);
    if (this.dup && e.facts.cluster >= 0) {
      // the same person (whatever the channel), the same group, or a sender's Moments
      const who = recipient >= 0 && r.channel !== 'group' ? audienceNumber('recipient', recipient, 0) : chat >= 0 ? audienceNumber('chat', chat, 0) : sender >= 0 && r.channel === 'moments' ? audienceNumber('sender', sender, 0) : -1;
      if (who >= 0) this.dup.add(who, e.facts.cluster, r.time, file, r.row, ref);
    }
  }

  private group(chat: number): GroupStat {
    return (this.groupStats[chat] ??= { messages: 0, atAll: 0, selling: 0, members: 0, findings: 0 });
  }

  /** Who a send reaches, for frequency-cap: the group; else the customer; Moments: the sender's audience. */
  private audience(channel: Channel, chat: number, recipient: number, sender: number): number {
    const fam = this.freq ? this.freq.familyOf[CH_INDEX[channel]]! : 0;
    if (channel === 'group') return chat >= 0 ? audienceNumber('chat', chat, fam) : recipient >= 0 ? audienceNumber('recipient', recipient, fam) : -1;
    if (recipient >= 0) return audienceNumber('recipient', recipient, fam);
    if (channel === 'moments' && sender >= 0) return audienceNumber('sender', sender, fam);
    return -1;
  }

  private readonly quietCache = new Map<string, CachedFinding>();

  private readonly clocks = new Map<string, Clock>();
  /** A recipient's own zone (Slack users.json tz), for their quiet hours. */
  private clockFor(tz: string): Clock {
    let c = this.clocks.get(tz);
    if (!c) this.clocks.set(tz, (c = new Clock(tz)));
    return c;
  }

  /** The quiet-hours finding of a send time (worded once per local minute, channel, kind and zone: a night mass send repeats it). */
  private quietFinding(r: LogMessage, w: QuietWindow, service: boolean, clock: Clock): CachedFinding {
    const key = `${Math.floor(r.time / 60_000)}|${r.channel}|${service}|${clock.tz}`;
    let f = this.quietCache.get(key);
    if (!f) {
      if (this.quietCache.size > 10_000) this.quietCache.clear();
      f = this.wordQuiet(r, w, service, clock);
      this.quietCache.set(key, f);
    }
    return f;
  }

  private wordQuiet(r: LogMessage, w: QuietWindow, service: boolean, clock: Clock): CachedFinding {
    const rt = this.rt.get('quiet-hours')!;
    const meta = rt.meta;
    const local = clock.format(r.time);
    const minute = clock.minuteOfDay(r.time);
    const endToday = minute < w.end && w.end < 1440;
    const nextDate = endToday ? local.slice(0, 10) : clock.format(r.time + 86_400_000).slice(0, 10);
    const data = { excerpt: local, local, timezone: clock.tz, start: formatMinutes(w.start), end: formatMinutes(w.end % 1440), next: `${nextDate} ${formatMinutes(w.end % 1440)}`, noteZh: '', noteEn: '' };
    // A log row was sent, not scheduled: the "sent" wording where the rule has it.
    const base = service && meta.messages.service ? 'service' : 'default';
    const sent = base === 'service' ? 'sent_service' : 'sent';
    const variant = meta.messages[sent] ? sent : base;
    return {
      ruleId: 'quiet-hours',
      severity: rt.severity,
      excerpt: local,
      message: renderTemplate(meta.messages[variant]![this.opts.lang], data),
      advice: renderTemplate((meta.advice[variant] ?? meta.advice.default)![this.opts.lang], data),
      penalty: this.penalty(rt, 1, r.channel),
      variant,
      extra: { localTime: local.replace(' ', 'T'), timezone: clock.tz },
    };
  }

  private penalty(rt: RuleRuntime, factor: number, channel: Channel): number {
    return Math.round(rt.penalty * factor * (this.opts.config.scoring.channelWeight[channel] ?? 1) * 10) / 10;
  }

  private countUnlisted(ruleId: string, severity: Severity): void {
    this.unlisted++;
    this.unlistedSeverity[severity]++;
    this.unlistedBy.set(ruleId, (this.unlistedBy.get(ruleId) ?? 0) + 1);
  }

  /** A finding on one row: listed (up to the bound), counted, scored once per (rule, message, severity). */
  private stamp(c: CampaignState, msg: MsgState | undefined, cf: CachedFinding, r: { file: string; row: number; line: number; time: number }, chat: number, recipient: number, sender: number, extra?: Record<string, unknown>): void {
    if (sender >= 0) this.senderFindings[sender] = (this.senderFindings[sender] ?? 0) + 1;
    if (chat >= 0) this.group(chat).findings++;
    if (extra) {
      // Window and event findings are one per audience and window: each is news, so all are listed (up to a safety bound).
      const n = (this.windowListed.get(cf.ruleId) ?? 0) + 1;
      this.windowListed.set(cf.ruleId, n);
      if (n > this.windowBound && this.maxRows > 0) {
        // counted, not listed; its points count once per (rule, message) as a listed one's would
        this.countUnlisted(cf.ruleId, cf.severity);
        this.score(c, msg, cf, () => this.locatedFinding(c, msg, cf, r));
        return;
      }
    } else {
      // The same finding of the same message on another row: list the first rows, count the rest on the last one listed.
      const gk = `${cf.ruleId}\u0001${msg?.id ?? ''}`;
      let g = c.groups.get(gk);
      const bounded = this.maxRows > 0;
      if (!g && bounded && this.rowListed >= this.rowBound) {
        // Past the bound nothing more is listed, so a (rule, message) first met now keeps no folding state.
        this.countUnlisted(cf.ruleId, cf.severity);
        this.score(c, msg, cf, () => this.locatedFinding(c, msg, cf, r));
        return;
      }
      if (!g) c.groups.set(gk, (g = { n: 0 }));
      g.n++;
      // A post in a group is its own event before its own audience (the operator needs every group that
      // was pinged or sold to): only the repeats of one template to many customers are folded.
      const groupPost = chat >= 0 && recipient < 0;
      if (bounded && g.n > this.maxRows && !groupPost) {
        this.countUnlisted(cf.ruleId, cf.severity);
        // no last one when the group's first row came past the bound
        if (g.last) g.last.moreRows = ((g.last.moreRows as number | undefined) ?? 0) + 1;
        return;
      }
      if (++this.rowListed > this.rowBound && bounded) {
        // Past the bound every row finding is counted, not only repeats: a chat archive's texts are nearly all
        // distinct, and listing each one's first row made the report grow with the rows (1.3 GB at 1M rows).
        // Its points still count once per (rule, message), as for a listed one; one listed before was scored then.
        this.countUnlisted(cf.ruleId, cf.severity);
        if (g.last) g.last.moreRows = ((g.last.moreRows as number | undefined) ?? 0) + 1;
        else this.score(c, msg, cf, () => this.locatedFinding(c, msg, cf, r));
        return;
      }
      const f = this.rowFinding(c, msg, cf, r, chat, recipient, sender);
      g.last = f;
      c.findings.push(f);
      this.score(c, msg, cf, () => f);
      return;
    }
    const f = this.rowFinding(c, msg, cf, r, chat, recipient, sender, extra);
    c.findings.push(f);
    this.score(c, msg, cf, () => f);
  }

  /**
   * What the score counts: one finding per (rule, message, severity,
   * variant), listed or not — scoring and the trust profile read its rule,
   * severity, points and place, never its audience or send time.
   */
  private score(c: CampaignState, msg: MsgState | undefined, cf: CachedFinding, finding: () => Finding): void {
    const sk = `${cf.ruleId}\u0001${msg?.id ?? ''}\u0001${cf.severity}\u0001${cf.variant}`;
    if (!c.scored.has(sk)) c.scored.set(sk, finding());
  }

  /** A row's finding up to its points: what scoring reads, in the report's key order. */
  private locatedFinding(c: CampaignState, msg: MsgState | undefined, cf: CachedFinding, r: { file: string; row: number; line: number }): Finding {
    return {
      ruleId: cf.ruleId,
      severity: cf.severity,
      campaignId: c.id,
      ...(msg ? { messageId: msg.id } : {}),
      file: r.file,
      line: r.line,
      column: 1,
      endLine: r.line,
      endColumn: 1,
      row: r.row,
      excerpt: cf.excerpt,
      message: cf.message,
      advice: cf.advice,
      penalty: cf.penalty,
    };
  }

  private rowFinding(c: CampaignState, msg: MsgState | undefined, cf: CachedFinding, r: { file: string; row: number; line: number; time: number }, chat: number, recipient: number, sender: number, extra?: Record<string, unknown>): Finding {
    // Fields added in order to the located finding (same keys, same order as one literal): copying it into a
    // spread made a second object per listed finding and slowed every later walk over the report.
    const f = this.locatedFinding(c, msg, cf, r);
    if (recipient >= 0) f.recipient = this.recipients.names[recipient];
    if (chat >= 0) f.chat = this.chats.names[chat];
    if (sender >= 0) f.sender = this.senders.names[sender];
    f.sentAt = this.clock.format(r.time);
    if (cf.extra) Object.assign(f, cf.extra);
    if (extra) Object.assign(f, extra);
    return f;
  }

  /* ----------------------------------------------------------------- joins */

  private join(j: LogJoin): void {
    this.eventRows++;
    const file = this.files.id(j.file);
    const chat = this.chats.id(j.chat);
    if (j.chatName) this.chatNames[chat] = j.chatName;
    if (!this.rt.has('unsolicited-invite')) return;
    // Joining by link or QR code, or on one's own, is the customer's choice; so is a recorded yes.
    const invited = j.scene === 'invite' || (j.scene === undefined && j.inviter !== undefined);
    if (!invited || j.consent === true) return;
    const c = this.campaignFor(file, j, j.campaign === undefined ? chat : -1, -1);
    this.joins.push({ join: j, file, campaign: c.idx });
  }

  /* ---------------------------------------------------------------- finish */

  private windowFindings(): void {
    const lang = this.opts.lang;
    if (this.freq) {
      const rt = this.rt.get('frequency-cap')!;
      for (const w of this.freq.results()) this.stampWindow(rt, w);
    }
    if (this.dup) {
      const rt = this.rt.get('duplicate-blast')!;
      for (const d of this.dup.results()) {
        const ref = this.refs.get(d.ref);
        const c = this.campaigns[ref.campaign]!;
        const { kind: who, id } = decodeAudience(d.audience);
        const aud = this.audienceText(who, id, ref.channel);
        const startDay = this.clock.dayOf(d.start);
        const window = `${dateOfDay(startDay)}/${dateOfDay(startDay + this.dupOptions.windowDays - 1)}`;
        const data = { window, count: d.count, cap: 1, first: this.clock.format(d.start), firstRow: d.firstRow, audienceZh: aud.zh, audienceEn: aud.en, days: this.dupOptions.windowDays };
        const msg = c.msgs[ref.msg];
        if (who === 'chat') this.group(id).findings++;
        this.stampRef(rt, c, msg, ref, data, { [who === 'chat' ? 'chat' : who === 'sender' ? 'sender' : 'recipient']: aud.id, window, count: d.count, cap: 1, firstRow: d.firstRow, firstFile: this.files.names[d.firstFile] }, msg?.text ? excerptOf(msg.text) : window);
      }
    }
    const ui = this.rt.get('unsolicited-invite');
    if (ui) {
      for (const p of this.joins) {
        const j = p.join;
        if (this.consents.has(`${j.chat}\u0001${j.member}`)) continue;
        const c = this.campaigns[p.campaign]!;
        const chat = this.chats.id(j.chat);
        const chatLabel = this.chatNames[chat] ?? j.chat;
        const inviter = j.inviter ?? (lang === 'zh' ? '员工' : 'Staff');
        const data = { member: j.member, chat: chatLabel, inviter, time: this.clock.format(j.time) };
        const ref = { file: p.file, row: j.row, line: j.line, campaign: c.idx, msg: -1, sender: -1, channel: 'group' as Channel, time: j.time };
        this.group(chat).findings++;
        this.stampRef(ui, c, undefined, ref, data, { recipient: j.member, chat: j.chat, ...(j.inviter ? { inviter: j.inviter } : {}), ...(j.scene ? { scene: j.scene } : {}), ...(j.consent === false ? { consent: false } : {}) }, j.member);
      }
    }
  }

  private audienceText(kind: AudienceKind, id: number, channel: Channel): { id: string; zh: string; en: string } {
    if (kind === 'chat') {
      const chatId = this.chats.names[id]!;
      const name = this.chatNames[id] ?? chatId;
      return { id: chatId, zh: `群「${name}」`, en: `the group "${name}"` };
    }
    if (kind === 'sender') {
      const s = this.senders.names[id]!;
      return { id: s, zh: `${s} 的朋友圈`, en: `${s}'s Moments` };
    }
    const r = this.recipients.names[id]!;
    const via = channel === 'sms' ? { zh: '（短信）', en: ' (SMS)' } : { zh: '', en: '' };
    // a space between a Latin id and the Chinese that follows it
    return { id: r, zh: `客户 ${r}${via.zh || (/[\x21-\x7e]$/.test(r) ? ' ' : '')}`, en: `customer ${r}${via.en}` };
  }

  private stampWindow(rt: RuleRuntime, w: CapFinding): void {
    const ref = this.refs.get(w.ref);
    const c = this.campaigns[ref.campaign]!;
    const { kind, id } = decodeAudience(w.audience);
    const aud = this.audienceText(kind, id, ref.channel);
    const period = { day: { zh: '天', en: 'day' }, week: { zh: '7 天', en: '7 days' }, month: { zh: '月', en: 'month' } }[w.period];
    const windowText = w.period === 'day' ? { zh: `${w.window} 当天`, en: `on ${w.window}` } : w.period === 'week' ? { zh: `${w.start} 至 ${w.end} 这 7 天内`, en: `in the 7 days ${w.start} to ${w.end}` } : { zh: `${w.window} 这个月`, en: `in ${w.window}` };
    const refusedNote = w.refused ? { zh: `（其中 ${w.refused} 次被平台拒发：status 3）`, en: ` (${w.refused} refused by the platform: status 3)` } : { zh: '', en: '' };
    const data = {
      window: w.window,
      count: w.count,
      cap: w.cap,
      windowZh: windowText.zh,
      windowEn: windowText.en,
      periodZh: period.zh,
      periodEn: period.en,
      audienceZh: aud.zh + refusedNote.zh,
      audienceEn: aud.en + refusedNote.en,
      others: '',
      preset: this.freqOptions!.preset,
    };
    const msg = c.msgs[ref.msg];
    const key = kind === 'chat' ? 'chat' : kind === 'sender' ? 'sender' : 'recipient';
    if (kind === 'chat') this.group(id).findings++;
    this.stampRef(rt, c, msg, ref, data, { [key]: aud.id, window: w.window, period: w.period, count: w.count, cap: w.cap, ...(w.refused ? { refused: w.refused } : {}) }, this.clock.format(ref.time));
  }

  private stampRef(rt: RuleRuntime, c: CampaignState, msg: MsgState | undefined, ref: { file: number; row: number; line: number; sender: number; channel: Channel; time: number }, data: Record<string, string | number>, extra: Record<string, unknown>, excerpt: string): void {
    const meta = rt.meta;
    const all = { excerpt, ...data };
    const cf: CachedFinding = {
      ruleId: meta.id,
      severity: rt.severity,
      excerpt,
      message: renderTemplate(meta.messages.default![this.opts.lang], all),
      advice: renderTemplate(meta.advice.default![this.opts.lang], all),
      penalty: this.penalty(rt, 1, ref.channel),
      variant: 'default',
    };
    // window findings carry recipient/chat themselves (the audience), not the culprit row's
    this.stamp(c, msg, cf, { file: this.files.names[ref.file]!, row: ref.row, line: ref.line, time: ref.time }, -1, -1, ref.sender, extra);
  }

  finish(files: FileInfo[]): Report {
    this.windowFindings();
    const config = this.opts.config;
    const lex = this.ev.lex;
    const reports: CampaignReport[] = [];
    for (const c of this.campaigns) {
      const campaign = this.campaignOf(c);
      const facts = campaignFacts(campaign, lex);
      const messages = campaign.messages.map((m) => this.ev.analysis(m, facts));
      const scored = [...c.scored.values()].sort(compareFindings);
      const audit: CampaignAudit = { campaign, facts, messages, findings: scored, suppressed: [], unusedSuppressions: [] };
      const cr = campaignReport(audit, config);
      cr.findings = c.findings.sort(compareFindings);
      cr.messages.forEach((m, i) => (m.sends = c.msgs[i]!.sends));
      cr.rows = c.sends;
      if (c.refused) cr.refused = c.refused;
      if (c.untrackedSends > 0) cr.untrackedSends = c.untrackedSends;
      cr.period = { from: this.clock.format(c.first), to: this.clock.format(c.last) };
      reports.push(cr);
    }
    const outcomes = this.outcomes.finish(this.campaigns.length);
    if (outcomes.texts) this.opts.onTextOutcomes?.(outcomes.texts);
    reports.forEach((cr, i) => (cr.outcomes = outcomes.campaigns[i]));
    const report = buildReport(reports, { failUnder: this.opts.failUnder ?? config.failUnder, maxWarnings: this.opts.maxWarnings ?? config.maxWarnings, unlisted: this.unlistedSeverity }, this.opts.lang);
    const s = report.summary;
    // A month of logs can put thousands of campaigns under the bar: name the worst twenty, count the rest.
    const failUnder = this.opts.failUnder ?? config.failUnder;
    const under = reports.filter((c) => c.score < failUnder);
    if (under.length > 20 && s.failures[0]?.startsWith(`${under.length} `)) {
      const shown = [...under].sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, 20).map((c) => `${c.id} (${c.score})`);
      s.failures[0] =
        this.opts.lang === 'zh'
          ? `${under.length} 个活动低于 ${failUnder} 分：${shown.join('、')} 等`
          : `${under.length} campaign(s) scored under ${failUnder}: ${shown.join(', ')} and ${under.length - 20} more`;
    }
    s.rows = this.rows;
    s.skippedRows = this.skippedRows;
    if (this.skipped.length) s.skipped = this.skipped;
    if (this.filteredRows) s.filteredRows = this.filteredRows;
    if (this.inboundRows) s.inboundRows = this.inboundRows;
    if (this.eventRows) s.eventRows = this.eventRows;
    if (this.notDelivered) s.notDelivered = this.notDelivered;
    if (this.refusedSends) s.refusedSends = this.refusedSends;
    if (this.internalRows) s.internalRows = this.internalRows;
    if (this.conversationRows) s.conversationRows = this.conversationRows;
    if (this.unlisted) {
      s.unlistedFindings = this.unlisted;
      s.unlistedByRule = Object.fromEntries([...this.unlistedBy].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    s.outcomes = outcomes.summary;
    if (this.firstSend <= this.lastSend) s.period = { from: this.clock.format(this.firstSend), to: this.clock.format(this.lastSend) };
    report.files = files.map((f) => ({ file: f.file, format: f.format, encoding: f.encoding, streamed: f.streamed }));
    report.rules = ruleInfos(this.opts.rules, config, this.opts.lang);
    const stats = this.stats();
    report.logStats = stats;
    report.extraTables = logTables(stats, this.groupStats.map((g) => g?.findings ?? 0), this.chats.names, this.opts.lang);
    // only a log that carries the customers' side can say what they did
    if (outcomes.summary.reactionRows > 0) report.extraTables.push(outcomeTable(reports.map((cr) => ({ id: cr.id, ...(cr.name ? { name: cr.name } : {}), outcomes: cr.outcomes as never })), this.opts.lang));
    return report;
  }

  private campaignOf(c: CampaignState): Campaign {
    const channel = CHANNELS[c.channels.indexOf(Math.max(...c.channels))] ?? 'group';
    const chatName = c.chat >= 0 && !c.multiChat ? (this.chatNames[c.chat] ?? this.chats.names[c.chat]) : undefined;
    const file = this.files.names[c.file]!;
    const messages: Message[] = c.msgs.map((m) => {
      return {
        id: m.id,
        text: m.text,
        line: m.line,
        column: 1,
        row: m.row,
        locator: { locate: () => ({ line: m.line, column: 1, endLine: m.line, endColumn: 1 }) },
        ignore: [],
      };
    });
    return {
      id: c.id,
      ...(c.name ? { name: c.name } : {}),
      channel,
      timezone: this.clock.tz,
      audience: { segment: '-', tags: [], size: c.sends },
      ...(chatName ? { group: { name: chatName, typeSource: 'unknown' as const } } : {}),
      sendTimes: [],
      messages,
      ignore: [],
      // a campaign read from several files (a Slack channel over many days) is the folder's, not its first day file's
      source: c.dir !== undefined ? c.dir : file,
      line: c.line,
      column: 1,
    };
  }

  private stats(): LogStats {
    const dayCap = this.freqOptions ? capsForRecipients(this.freqOptions) : undefined;
    const peaks = this.freq ? (dayCap?.period === 'month' ? this.freq.monthlyTotals('recipient') : this.freq.peaks('recipient')) : new Map<number, number>();
    // one customer reached over direct and SMS is one recipient: take the busiest family
    const perRecipient = new Map<number, number>();
    for (const [aud, n] of peaks) {
      const id = decodeAudience(aud).id;
      if (n > (perRecipient.get(id) ?? 0)) perRecipient.set(id, n);
    }
    const hist = new Map<number, number>();
    for (const n of perRecipient.values()) hist.set(n, (hist.get(n) ?? 0) + 1);
    const groups = this.groupStats
      .map((g, chat) => ({ g, chat }))
      .filter((x) => x.g && x.g.messages > 0)
      .map(({ g, chat }) => ({
        chat: this.chats.names[chat]!,
        name: this.chatNames[chat] ?? this.chats.names[chat]!,
        type: this.ev.groupType(this.chatNames[chat]) ?? 'unknown',
        messages: g.messages,
        atAll: g.atAll,
        selling: g.selling,
        sellingShare: Math.round((g.selling / g.messages) * 100) / 100,
      }));
    // Every group that posted (so per-group counts add up to the log's totals), worst first; the
    // formatters pick their own top rows. The bound only guards the report's size.
    const topGroups = groups
      .sort((a, b) => b.atAll - a.atAll || b.sellingShare - a.sellingShare || b.messages - a.messages || cmp(a.chat, b.chat))
      .slice(0, GROUPS_LISTED);
    const senders = this.senders.names
      .map((sender, i) => ({ sender, messages: this.senderMessages[i] ?? 0, findings: this.senderFindings[i] ?? 0 }))
      .filter((s) => s.messages > 0 || s.findings > 0)
      .sort((a, b) => b.findings - a.findings || b.messages - a.messages || cmp(a.sender, b.sender))
      .slice(0, TOP);
    const atAll = [...this.atAllWeek]
      .map(([k, count]) => {
        const [chat, week] = k.split('\u0001');
        return { chat: this.chats.names[Number(chat)]!, week: week!, count };
      })
      // Every (group, week) with an @all, so the counts add up to the pings; the bound only guards
      // the report's size (groups × weeks stays small: 2,000 groups over a month is 10,000 rows).
      .sort((a, b) => b.count - a.count || cmp(a.week, b.week) || cmp(a.chat, b.chat))
      .slice(0, AT_ALL_WEEKS_LISTED)
      .sort((a, b) => cmp(a.week, b.week) || cmp(a.chat, b.chat));
    return {
      timezone: this.clock.tz,
      sendsPerDay: [...this.sendsPerDay].sort((a, b) => a[0] - b[0]).map(([d, count]) => ({ date: dateOfDay(d), count })),
      pushesPerRecipient: {
        cap: dayCap?.cap ?? null,
        window: dayCap?.period ?? 'day',
        histogram: [...hist].sort((a, b) => a[0] - b[0]).map(([pushes, recipients]) => ({ pushes, recipients })),
      },
      groups: topGroups,
      senders,
      atAllPerGroupWeek: atAll,
    };
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The folder two paths share ("slack/general/2026-11-03.json", "slack/general/2026-11-04.json" → "slack/general/"). */
function commonDir(a: string, b: string): string {
  const pa = a.split(/[\\/]/), pb = b.split(/[\\/]/);
  // a directory keeps its trailing separator; a file path drops its last part
  const da = a.endsWith('/') ? pa.slice(0, -1) : pa.slice(0, -1);
  const db = pb.slice(0, -1);
  let i = 0;
  while (i < da.length && i < db.length && da[i] === db[i]) i++;
  return i ? da.slice(0, i).join('/') + '/' : './';
}

function excerptOf(text: string): string {
  const first = text.trim().split('\n')[0]!;
  return [...first].length > 30 ? [...first].slice(0, 30).join('') + '…' : first;
}

/** The window and cap a customer's pushes are judged by: the direct channel's day cap, else its month cap. */
function capsForRecipients(o: FrequencyOptions): { period: 'day' | 'month'; cap: number } | undefined {
  const merged = { ...(o.presets[o.preset]?.direct ?? {}), ...(o.caps.direct ?? {}) } as Record<string, unknown>;
  if (typeof merged.day === 'number') return { period: 'day', cap: merged.day };
  if (typeof merged.month === 'number') return { period: 'month', cap: merged.month };
  if (merged.month === 'days') return { period: 'month', cap: 31 };
  return undefined;
}
