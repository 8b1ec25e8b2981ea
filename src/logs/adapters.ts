/**
 * JSON records → log records. One reader streams the JSON containers (arrays,
 * JSON Lines, documents with a list inside); these adapters recognise what a
 * record is by its fields, or by --input-format:
 *
 *   - canonical records (time, sender, channel, chat, chat_name, recipient,
 *     text, campaign, reply_to — the CSV columns, same header aliases);
 *   - WeChat Work chat-archive records (decrypted GetChatData: msgid, action,
 *     from, tolist, roomid, msgtime ms, msgtype, text.content, mixed.item[]);
 *   - WeChat Work group-message API items (get_groupmsg_list_v2: msgid,
 *     creator, create_type, create_time s, text.content) with their send
 *     results (get_groupmsg_send_result `send_list`: external_userid, chat_id,
 *     userid, status, send_time), one row per send result;
 *   - Telegram Desktop chat-export messages and Slack export messages;
 *   - join and consent events: `{"event":"join","roomid","member","inviter",
 *     "consent","time"}`, `{"event":"consent",…}`, and WeChat Work's
 *     change_external_chat callback (ChangeType update, UpdateDetail
 *     add_member, JoinScene, MemChangeList). The chat archive itself carries
 *     no join events, so exports add them as records of their own.
 */
import type { Channel } from '../types.js';
import { MAX_TEXT, type LogRecord } from './record.js';
import type { Clock } from './time.js';
import { mapKeys, type Field } from './columns.js';
import { parseChannel, parseConsent, parseDirection, parseEvent, parseStatus } from './values.js';

type Unlocated<T> = T extends unknown ? Omit<T, 'file' | 'row' | 'line'> : never;
export type RecordBody = Unlocated<LogRecord>;

export const FLAVOURS = ['json', 'chat-archive', 'group-msg', 'telegram', 'slack'] as const;
export type Flavour = (typeof FLAVOURS)[number];

export interface SlackChannel {
  /** Channel id (from channels.json) or folder name. */
  id: string;
  name: string;
  direct: boolean;
  /** For a DM: the other member. */
  peer?: string;
  /** For a DM: both members (the recipient of a message is the one who did not write it). */
  members?: string[];
}

export interface AdaptContext {
  clock: Clock;
  /** Explicit field → key mapping (--map, logs.columns). */
  map: Partial<Record<Field, string>>;
  /** Forced by --input-format; otherwise each record says what it is. */
  flavour?: Flavour;
  /** Customer ids (the archive's external ids wo…/wm…, or everyone not listed as staff). */
  isCustomer(id: string | undefined): boolean;
  /** Root fields of the document the records sit in (Telegram: name, type, id). */
  root?: Record<string, unknown>;
  slack?: { channel: SlackChannel; users: Map<string, string>; zones?: Map<string, string> };
  /** Recent message texts by id, to resolve replies (Telegram reply_to_message_id, Slack thread_ts). */
  recent: Map<string, string>;
  /** Notes for stderr (once per kind and file, the adapters' own business). */
  warn?: (msg: string) => void;
  /** The file being read (for warnings). */
  file?: string;
  /**
   * Group-message items seen so far by msgid, across the run's files: a send
   * result saved on its own ({msgid, send_list}) takes its text from them.
   */
  groupMsgs?: Map<string, { text: string; creator?: string; created?: number; chatType?: string }>;
  /** Warnings already given in this file (each kind once). */
  warned?: Set<string>;
  /** Records per recognised export, for the report's files[].format. */
  seen?: Map<string, number>;
}

function warnOnce(ctx: AdaptContext, kind: string, msg: string): void {
  if (!ctx.warn) return;
  ctx.warned ??= new Set();
  if (ctx.warned.has(kind)) return;
  ctx.warned.add(kind);
  ctx.warn(ctx.file ? `${ctx.file}: ${msg}` : msg);
}

const RECENT_MAX = 20_000;
function remember(ctx: AdaptContext, id: string, text: string): void {
  if (ctx.recent.size >= RECENT_MAX) ctx.recent.delete(ctx.recent.keys().next().value!);
  ctx.recent.set(id, text);
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const nonEmpty = (v: unknown): string | undefined => {
  const s = str(v)?.trim();
  return s ? s : undefined;
};
/** Case-insensitive field read (WeChat Work callbacks are PascalCase, APIs snake_case). */
function field(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined) return o[n];
  const lower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k !== undefined) return o[k];
  }
  return undefined;
}

function bad(reason: string): RecordBody {
  return { kind: 'bad', reason };
}

/** What a record is, by its fields. */
export function flavourOf(o: Record<string, unknown>): Flavour | 'event' | 'container' {
  if (o.event !== undefined || o.Event !== undefined || field(o, 'UpdateDetail', 'update_detail') !== undefined) return 'event';
  if (Array.isArray(o.group_msg_list) || Array.isArray(o.messages) || Array.isArray(o.chatdata)) return 'container';
  // a Telegram export of all chats: { chats: { list: [ { name, type, id, messages } ] } }
  if (isObj(o.chats) && Array.isArray(o.chats.list)) return 'container';
  if (o.msgtime !== undefined || (o.msgid !== undefined && (o.action !== undefined || o.tolist !== undefined || o.roomid !== undefined))) return 'chat-archive';
  if (Array.isArray(o.send_list) || Array.isArray(o.detail_list) || (o.msgid !== undefined && o.create_time !== undefined)) return 'group-msg';
  if (o.date_unixtime !== undefined || ((o.type === 'message' || o.type === 'service') && o.date !== undefined && typeof o.id === 'number')) return 'telegram';
  if (o.ts !== undefined && o.type === 'message') return 'slack';
  return 'json';
}

/** One JSON value from a log file → the records it holds (a container holds many). */
export function adapt(value: unknown, ctx: AdaptContext): RecordBody[] {
  if (!isObj(value)) return [bad(`expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`)];
  const kind = flavourOf(value);
  if (kind === 'event') return event(value, ctx);
  if (kind === 'container') return container(value, ctx);
  const flavour = ctx.flavour && ctx.flavour !== 'json' ? ctx.flavour : kind;
  ctx.seen?.set(flavour, (ctx.seen.get(flavour) ?? 0) + 1);
  switch (flavour) {
    case 'chat-archive':
      return [archive(value, ctx)];
    case 'group-msg':
      return groupMsg(value, ctx);
    case 'telegram':
      return telegram(value, ctx);
    case 'slack':
      return slack(value, ctx);
    default:
      return [canonical(value, ctx)];
  }
}

/** A whole document read as one record (a one-line JSON file): expand its list. */
function container(o: Record<string, unknown>, ctx: AdaptContext): RecordBody[] {
  if (isObj(o.chats) && Array.isArray(o.chats.list)) return o.chats.list.flatMap((chat) => (isObj(chat) && Array.isArray(chat.messages) ? container(chat, { ...ctx, root: undefined }) : [bad('chats.list: expected chats with messages')]));
  const list = (o.group_msg_list ?? o.messages ?? o.chatdata) as unknown[];
  const root: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!Array.isArray(v) && !isObj(v)) root[k] = v;
  const inner: AdaptContext = { ...ctx, root: { ...ctx.root, ...root } };
  return list.flatMap((v) => adapt(v, inner));
}

/* ---------------------------------------------------------------- canonical */

const shapeCache = new Map<string, Partial<Record<Field, string>>>();
function shapeOf(o: Record<string, unknown>, map: AdaptContext['map']): Partial<Record<Field, string>> {
  const keys = Object.keys(o);
  const sig = keys.join('\u0001') + '\u0002' + JSON.stringify(map);
  let m = shapeCache.get(sig);
  if (!m) {
    m = mapKeys(keys, map);
    if (shapeCache.size < 1000) shapeCache.set(sig, m);
  }
  return m;
}

/** Shared by CSV rows and canonical JSON records. */
export interface CanonicalFields {
  time: unknown;
  text: unknown;
  sender?: unknown;
  channel?: unknown;
  chat?: unknown;
  chat_name?: unknown;
  recipient?: unknown;
  campaign?: unknown;
  reply_to?: unknown;
  direction?: unknown;
  status?: unknown;
  event?: unknown;
}

/**
 * A canonical row → record. Every message record gets the same fields in the
 * same order (absent ones undefined): one object shape on the hot path.
 */
export function fromFields(f: CanonicalFields, ctx: Pick<AdaptContext, 'clock' | 'isCustomer'>, file = '', row = 0, line = 0): LogRecord {
  return makeRecord(f.time, f.text, f.sender, f.channel, f.chat, f.chat_name, f.recipient, f.campaign, f.reply_to, f.direction, f.status, f.event, ctx, file, row, line);
}

/** fromFields with the values as arguments (the CSV hot path: no object per row before the record). */
export function makeRecord(
  rawTime: unknown,
  rawText: unknown,
  rawSender: unknown,
  rawChannel: unknown,
  rawChat: unknown,
  rawChatName: unknown,
  rawRecipient: unknown,
  rawCampaign: unknown,
  rawReplyTo: unknown,
  rawDirection: unknown,
  rawStatus: unknown,
  rawEvent: unknown,
  ctx: Pick<AdaptContext, 'clock' | 'isCustomer'>,
  file: string,
  row: number,
  line: number,
): LogRecord {
  const time = ctx.clock.parse(rawTime);
  if (time === undefined) return { kind: 'bad', file, row, line, reason: rawTime === undefined || rawTime === null || rawTime === '' ? 'no time' : (ctx.clock.problem ?? `bad time "${String(rawTime).slice(0, 40)}"`) };
  if (rawText !== undefined && rawText !== null && typeof rawText !== 'string' && typeof rawText !== 'number') return { kind: 'bad', file, row, line, reason: 'text: expected a string' };
  let text = rawText === undefined || rawText === null ? '' : String(rawText);
  // A cell of megabytes is a broken export, not a message: the rules read its start (and the audit says so).
  let textLength: number | undefined;
  if (text.length > MAX_TEXT) {
    textLength = text.length;
    text = text.slice(0, MAX_TEXT);
  }
  const chat = nonEmpty(rawChat);
  const chatName = nonEmpty(rawChatName);
  const recipient = nonEmpty(rawRecipient);
  const sender = nonEmpty(rawSender);
  let channel: Channel;
  const ch = nonEmpty(rawChannel);
  if (ch) {
    const c = parseChannel(ch);
    if (!c) return { kind: 'bad', file, row, line, reason: `unknown channel "${ch.slice(0, 30)}" (group | direct | moments | sms)` };
    channel = c;
  } else channel = chat || chatName ? 'group' : recipient ? 'direct' : 'group';
  let inbound: true | undefined;
  const dir = nonEmpty(rawDirection);
  if (dir) {
    const d = parseDirection(dir);
    if (d === null) return { kind: 'bad', file, row, line, reason: `unknown direction "${dir.slice(0, 30)}" (in | out)` };
    inbound = d || undefined;
  } else if (sender && ctx.isCustomer(sender)) inbound = true;
  const status = parseStatus(rawStatus);
  if (status === null) return { kind: 'bad', file, row, line, reason: `unknown send status "${String(rawStatus).slice(0, 30)}" (0 unsent | 1 sent | 2 not a friend | 3 refused)` };
  const ev = parseEvent(rawEvent);
  if (ev === null) return { kind: 'bad', file, row, line, reason: `unknown event "${String(rawEvent).slice(0, 30)}" (message | optout | leave | delete | join)` };
  const rec: LogRecord = { kind: 'message', file, row, line, time, channel, text, sender, chat, chatName, recipient, campaign: nonEmpty(rawCampaign), replyTo: nonEmpty(rawReplyTo), inbound, status };
  if (textLength !== undefined) rec.textLength = textLength;
  // an event is the customer's doing, whoever the export names as sender (an operator who removed a member)
  if (ev !== undefined && ev !== 'message') rec.event = ev;
  return rec;
}

function canonical(o: Record<string, unknown>, ctx: AdaptContext): RecordBody {
  const m = shapeOf(o, ctx.map);
  if (m.time === undefined) return bad(`no time field (keys: ${Object.keys(o).slice(0, 12).join(', ')}); name it with --map time=<key>`);
  // an event record (optout, leave, delete) needs no text
  if (m.text === undefined && m.event === undefined) return bad(`no text field (keys: ${Object.keys(o).slice(0, 12).join(', ')}); name it with --map text=<key>`);
  const get = (f: Field) => (m[f] === undefined ? undefined : o[m[f]!]);
  return fromFields(
    { time: get('time'), text: get('text'), sender: get('sender'), channel: get('channel'), chat: get('chat'), chat_name: get('chat_name'), recipient: get('recipient'), campaign: get('campaign'), reply_to: get('reply_to'), direction: get('direction'), status: get('status'), event: get('event') },
    ctx,
  );
}

/* ------------------------------------------------------------------- events */

function event(o: Record<string, unknown>, ctx: AdaptContext): RecordBody[] {
  const updateDetail = str(field(o, 'UpdateDetail', 'update_detail'));
  const ev = (str(field(o, 'event', 'Event')) ?? '').toLowerCase();
  // A canonical row with an `event` column (message, optout, leave, delete): read like any other row.
  const pe = updateDetail === undefined ? parseEvent(ev) : undefined;
  if (pe === 'message' || pe === 'optout' || pe === 'leave' || pe === 'delete') return [canonical(o, ctx)];
  const time = ctx.clock.parse(field(o, 'time', 'msgtime', 'timestamp', 'CreateTime', 'create_time', 'join_time'));
  if (time === undefined) return [bad(`${ev || 'event'}: no valid time`)];
  const chat = nonEmpty(field(o, 'roomid', 'chat', 'chat_id', 'ChatId'));
  const campaign = nonEmpty(field(o, 'campaign', 'task'));
  const chatName = nonEmpty(field(o, 'chat_name', 'room_name', 'group_name'));
  if (updateDetail !== undefined) {
    // change_external_chat callback: member additions are joins, removals (QuitScene 0 left, 1 removed) leaves
    if (updateDetail !== 'add_member' && updateDetail !== 'del_member') return [{ kind: 'other', what: `change_external_chat ${updateDetail}` }];
    if (!chat) return [bad('change_external_chat: no ChatId')];
    const scene = Number(field(o, 'JoinScene', 'join_scene'));
    const list = field(o, 'MemChangeList', 'mem_change_list');
    const members = Array.isArray(list) ? list.map((x) => (isObj(x) ? str(x.Item ?? x.item ?? x.userid) : str(x))) : (str(list) ?? '').split(/[,\s]+/);
    const out: RecordBody[] = [];
    if (updateDetail === 'del_member') {
      for (const member of members) if (member) out.push({ kind: 'message', time, channel: 'group', text: '', chat, sender: member, inbound: true, event: 'leave', ...(chatName ? { chatName } : {}) });
      return out.length ? out : [bad('change_external_chat: empty MemChangeList')];
    }
    for (const member of members) {
      if (!member) continue;
      out.push({ kind: 'join', time, chat, member, scene: scene === 1 ? 'link' : scene === 3 ? 'qrcode' : 'invite', ...(chatName ? { chatName } : {}), ...(campaign ? { campaign } : {}) });
    }
    return out.length ? out : [bad('change_external_chat: empty MemChangeList')];
  }
  const changeType = str(field(o, 'ChangeType', 'change_type'));
  if (changeType === 'del_follow_user') {
    // change_external_contact: the customer deleted the staff member (del_external_contact is the staff's doing, not a reaction)
    const customer = nonEmpty(field(o, 'ExternalUserID', 'external_userid'));
    if (!customer) return [bad('del_follow_user: no ExternalUserID')];
    const staffId = nonEmpty(field(o, 'UserID', 'userid'));
    return [{ kind: 'message', time, channel: 'direct', text: '', recipient: customer, ...(staffId ? { sender: staffId } : {}), inbound: true, event: 'delete' }];
  }
  const member = nonEmpty(field(o, 'member', 'external_userid', 'userid', 'user'));
  if (ev !== 'join' && ev !== 'consent') return [{ kind: 'other', what: `event ${ev}` }];
  if (!chat) return [bad(`${ev}: no roomid`)];
  if (!member) return [bad(`${ev}: no member`)];
  if (ev === 'consent') return [{ kind: 'consent', time, chat, member }];
  const inviter = nonEmpty(field(o, 'inviter', 'invited_by', 'operator'));
  const rawScene = (str(field(o, 'scene', 'join_scene')) ?? '').toLowerCase();
  const scene = rawScene === '1' || rawScene === 'link' ? 'link' : rawScene === '3' || rawScene === 'qrcode' || rawScene === 'qr' ? 'qrcode' : rawScene === 'self' ? 'self' : inviter || rawScene === '0' || rawScene === 'invite' ? 'invite' : undefined;
  const consent = parseConsent(field(o, 'consent'));
  return [{ kind: 'join', time, chat, member, ...(inviter ? { inviter } : {}), ...(consent !== undefined ? { consent } : {}), ...(scene ? { scene } : {}), ...(chatName ? { chatName } : {}), ...(campaign ? { campaign } : {}) }];
}

/* ------------------------------------------------------------- chat archive */

/** Text of an archive message; '' for a message without text (image, voice, file…). */
function archiveText(o: Record<string, unknown>): string {
  const type = str(o.msgtype) ?? 'text';
  // markdown and news records keep their body in a top-level `info` ({"msgtype":"markdown","info":{"content":…}})
  const body = o[type] !== undefined ? o[type] : o.info;
  if (type === 'text') return str(isObj(body) ? body.content : body) ?? '';
  if (type === 'mixed') {
    const items = isObj(body) && Array.isArray(body.item) ? body.item : [];
    const parts: string[] = [];
    for (const it of items) {
      if (!isObj(it) || it.type !== 'text') continue;
      // the real archive nests the item as a JSON string: {"type":"text","content":"{\"content\":\"…\"}"}
      let c: unknown = it.content;
      if (typeof c === 'string' && c.startsWith('{')) {
        try {
          c = (JSON.parse(c) as Record<string, unknown>).content;
        } catch {
          /* plain text that starts with a brace */
        }
      } else if (isObj(c)) c = c.content;
      if (typeof c === 'string') parts.push(c);
    }
    return parts.join('\n');
  }
  if (type === 'markdown' && isObj(body)) return str(body.content) ?? '';
  if ((type === 'link' || type === 'weapp') && isObj(body)) return [str(body.title), str(body.description)].filter(Boolean).join('\n');
  if (type === 'news' && isObj(body)) {
    // {"news":{"info":{"item":[…]}}} or, as the archive writes it, {"info":{"item":[…]}}
    const items = isObj(body.info) && Array.isArray(body.info.item) ? body.info.item : Array.isArray(body.item) ? body.item : [];
    return items.map((i) => (isObj(i) ? [str(i.title), str(i.description)].filter(Boolean).join('\n') : '')).join('\n');
  }
  return '';
}

const NOT_SENDS = new Set(['revoke', 'agree', 'disagree', 'switch']);

function archive(o: Record<string, unknown>, ctx: AdaptContext): RecordBody {
  const action = str(o.action) ?? 'send';
  if (action !== 'send') return { kind: 'other', what: `action ${action}` };
  const type = str(o.msgtype) ?? 'text';
  if (NOT_SENDS.has(type)) return { kind: 'other', what: `msgtype ${type}` };
  const time = ctx.clock.parse(o.msgtime ?? o.time);
  if (time === undefined) {
    if (o.msgtime === 0 || o.msgtime === '0') return bad('msgtime 0 (no send time recorded)');
    return bad(o.msgtime === undefined ? 'no msgtime' : `bad msgtime "${String(o.msgtime).slice(0, 30)}"`);
  }
  const from = nonEmpty(o.from);
  const to = Array.isArray(o.tolist) ? o.tolist.map(str).filter((x): x is string => !!x) : [];
  const room = nonEmpty(o.roomid);
  const inbound = ctx.isCustomer(from);
  // Staff writing to staff (a colleague, not a customer) is internal chat, not a push to anyone.
  if (!room && !inbound && to.length > 0 && !to.some((t) => ctx.isCustomer(t))) return { kind: 'other', what: 'internal' };
  const text = archiveText(o);
  if (room) {
    return { kind: 'message', time, channel: 'group', text, chat: room, ...(from ? { sender: from } : {}), ...(inbound ? { inbound: true } : {}), ...chatNameOf(o) };
  }
  // one-to-one: the customer is whoever is not staff
  const recipient = inbound ? from : to[0];
  const sender = inbound ? to[0] : from;
  return { kind: 'message', time, channel: 'direct', text, ...(sender ? { sender } : {}), ...(recipient ? { recipient } : {}), ...(inbound ? { inbound: true } : {}) };
}

function chatNameOf(o: Record<string, unknown>): { chatName?: string } {
  const n = nonEmpty(o.roomname ?? o.room_name ?? o.chat_name);
  return n ? { chatName: n } : {};
}

/* --------------------------------------------------------------- group-msg */

/** Text of a group-message item: text.content, else the titles of its attachments (link, miniprogram). */
function groupMsgText(o: Record<string, unknown>): string | undefined {
  const t = str(isObj(o.text) ? o.text.content : o.text);
  if (t !== undefined) return t;
  if (!Array.isArray(o.attachments)) return undefined;
  const parts: string[] = [];
  for (const a of o.attachments) {
    if (!isObj(a)) continue;
    const body = isObj(a[str(a.msgtype) ?? '']) ? (a[str(a.msgtype)!] as Record<string, unknown>) : undefined;
    if (body) for (const k of ['title', 'desc', 'description']) if (typeof body[k] === 'string') parts.push(body[k] as string);
  }
  return parts.length ? parts.join('\n') : undefined;
}

const SAVE_TOGETHER =
  'save each get_groupmsg_send_result response with the msgid it was asked for — inside its get_groupmsg_list_v2 item as "send_list" ({"group_msg_list":[{"msgid":…,"text":…,"send_list":[…]}]}), or as {"msgid":…,"send_list":[…]} after the item, in the same file or a file given after it';

function groupMsg(o: Record<string, unknown>, ctx: AdaptContext): RecordBody[] {
  const msgid = nonEmpty(o.msgid);
  const own = groupMsgText(o);
  const known = msgid ? ctx.groupMsgs?.get(msgid) : undefined;
  const text = own ?? known?.text ?? '';
  const created = ctx.clock.parse(o.create_time) ?? known?.created;
  const creator = nonEmpty(o.creator) ?? known?.creator;
  const chatType = str(o.chat_type) ?? known?.chatType;
  const sends = (Array.isArray(o.send_list) ? o.send_list : Array.isArray(o.detail_list) ? o.detail_list : undefined) as unknown[] | undefined;
  if (msgid && own !== undefined && ctx.groupMsgs && !ctx.groupMsgs.has(msgid)) {
    if (ctx.groupMsgs.size < 100_000) ctx.groupMsgs.set(msgid, { text: own, ...(creator ? { creator } : {}), ...(created !== undefined ? { created } : {}), ...(chatType ? { chatType } : {}) });
  }
  if (!sends) {
    if (created === undefined) return [bad('group message: no valid create_time')];
    return [{ kind: 'message', time: created, channel: chatType === 'group' ? 'group' : 'direct', text, ...(creator ? { sender: creator } : {}), ...(msgid ? { campaign: msgid } : {}) }];
  }
  if (!msgid && own === undefined) {
    // A send-result response saved on its own: whose sends these are is not in the file.
    warnOnce(ctx, 'groupmsg-no-msgid', `a get_groupmsg_send_result response without its msgid: its ${sends.length} send result(s) cannot be tied to a message and are skipped; ${SAVE_TOGETHER}`);
    return sends.map(() => bad('group-message send result without msgid (saved apart from its message)'));
  }
  if (own === undefined && !known) {
    warnOnce(ctx, `groupmsg-no-text:${msgid}`, `send results for msgid ${msgid} come without the message (no get_groupmsg_list_v2 item with this msgid before them): they count as sends, with no text to audit; ${SAVE_TOGETHER}`);
  }
  const out: RecordBody[] = [];
  for (const s of sends) {
    if (!isObj(s)) {
      out.push(bad('send_list entry: expected an object'));
      continue;
    }
    const status = parseStatus(s.status) ?? 'sent';
    if (parseStatus(s.status) === null) {
      out.push(bad(`send_list: unknown status "${String(s.status)}"`));
      continue;
    }
    const at = status === 'sent' && s.send_time !== undefined && s.send_time !== 0 ? ctx.clock.parse(s.send_time) : created;
    if (at === undefined) {
      out.push(bad('send_list entry: no valid send_time or create_time'));
      continue;
    }
    const chat = nonEmpty(s.chat_id);
    const recipient = nonEmpty(s.external_userid);
    const sender = nonEmpty(s.userid) ?? creator;
    out.push({
      kind: 'message',
      time: at,
      channel: chat || chatType === 'group' ? 'group' : 'direct',
      text,
      ...(sender ? { sender } : {}),
      ...(chat ? { chat } : {}),
      ...(recipient && !chat ? { recipient } : {}),
      ...(msgid ? { campaign: msgid } : {}),
      status,
    });
  }
  return out;
}

/* ---------------------------------------------------------------- telegram */

type TgText = string | Array<string | { type?: string; text?: string }>;
function telegramText(t: unknown): string {
  if (typeof t === 'string') return t;
  if (!Array.isArray(t)) return '';
  return (t as Exclude<TgText, string>).map((p) => (typeof p === 'string' ? p : typeof p?.text === 'string' ? p.text : '')).join('');
}

function telegram(o: Record<string, unknown>, ctx: AdaptContext): RecordBody[] {
  const root = ctx.root ?? {};
  const time = ctx.clock.parse(o.date_unixtime ?? o.date);
  if (time === undefined) return [bad(`bad date "${String(o.date_unixtime ?? o.date).slice(0, 30)}"`)];
  const chatId = nonEmpty(root.id) ?? nonEmpty(root.name) ?? 'telegram';
  const chatName = nonEmpty(root.name);
  const direct = root.type === 'personal_chat' || root.type === 'bot_chat';
  const sender = nonEmpty(o.from) ?? nonEmpty(o.from_id) ?? nonEmpty(o.actor);
  if (o.type === 'service') {
    const action = str(o.action) ?? 'service';
    const members = Array.isArray(o.members) ? o.members.map(str).filter((x): x is string => !!x) : [];
    if (action === 'invite_members' && !direct) {
      return members.map((member) => ({ kind: 'join', time, chat: chatId, ...(chatName ? { chatName } : {}), member, ...(sender ? { inviter: sender } : {}), scene: 'invite' }) as RecordBody);
    }
    if (action === 'remove_members' && !direct) {
      // Telegram writes a member who left on their own as remove_members with themselves as actor: both are leaves
      const gone = members.length ? members : sender ? [sender] : [];
      return gone.map((member) => ({ kind: 'message', time, channel: 'group', text: '', chat: chatId, ...(chatName ? { chatName } : {}), sender: member, inbound: true, event: 'leave' }) as RecordBody);
    }
    if (action === 'join_group_by_link' || action === 'join_group_by_request') {
      return [{ kind: 'join', time, chat: chatId, ...(chatName ? { chatName } : {}), member: sender ?? '?', scene: 'link' }];
    }
    return [{ kind: 'other', what: `telegram ${action}` }];
  }
  const text = telegramText(o.text);
  if (o.id !== undefined) remember(ctx, `tg:${String(o.id)}`, text);
  const replyTo = o.reply_to_message_id !== undefined ? ctx.recent.get(`tg:${String(o.reply_to_message_id)}`) : undefined;
  if (root.type === 'personal_chat') {
    // A personal chat is a conversation between the exporting account and one person (the chat's
    // id and name are that person's): their messages are inbound, ours are conversation with them —
    // not pushes to "customer <id>" (RULEBOOK frequency-cap: a conversation is not a push).
    const fromId = nonEmpty(o.from_id);
    const peer = fromId !== undefined && root.id !== undefined ? fromId === `user${String(root.id)}` || fromId === String(root.id) : sender !== undefined && sender === chatName;
    return [
      {
        kind: 'message',
        time,
        channel: 'direct',
        text,
        ...(sender ? { sender } : {}),
        recipient: chatId,
        ...(replyTo ? { replyTo } : {}),
        ...(peer ? { inbound: true } : { conversation: true }),
      },
    ];
  }
  const inbound = ctx.isCustomer(sender) && ctx.isCustomer(nonEmpty(o.from_id) ?? sender);
  return [
    {
      kind: 'message',
      time,
      channel: direct ? 'direct' : 'group',
      text,
      ...(sender ? { sender } : {}),
      ...(direct ? { recipient: chatId } : { chat: chatId, ...(chatName ? { chatName } : {}) }),
      ...(replyTo ? { replyTo } : {}),
      ...(inbound ? { inbound: true } : {}),
    },
  ];
}

/* ------------------------------------------------------------------- slack */

/**
 * Slack markup → plain text. <!channel>, <!here> and <!everyone> are @-all
 * pings: they become @channel/@here/@everyone, the words the mass-mention
 * lexicon knows. User mentions become @name, links their label or URL.
 */
export function slackText(t: string, users: Map<string, string>): string {
  return t
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_, label: string | undefined) => label ?? '@group')
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label: string | undefined) => `@${label ?? users.get(id) ?? id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label: string | undefined) => `#${label ?? id}`)
    .replace(/<((?:https?|mailto|tel):[^|>]+)(?:\|([^>]*))?>/g, (_, url: string, label: string | undefined) => (label && label !== url ? `${label} ${url}` : url))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Subtypes that are posts: a plain message (no subtype), a bot or webhook post,
 * a thread reply shown in the channel, a file share, /me. Everything else —
 * bot_add, topic and name changes, pins, reminders, tombstones — is channel
 * housekeeping, not a push; channel_join is a join and channel_leave a leave
 * (an outcome, CONTRACTS §7).
 */
const SLACK_POSTS = new Set(['bot_message', 'thread_broadcast', 'reply_broadcast', 'file_share', 'me_message', 'slackbot_response']);

/** Text of Block Kit blocks: rich_text elements (text, links, mentions, broadcasts), section/header/context text. */
function slackBlocksText(blocks: unknown[], users: Map<string, string>): string {
  const out: string[] = [];
  const inline = (els: unknown): string => {
    if (!Array.isArray(els)) return '';
    let t = '';
    for (const e of els) {
      if (!isObj(e)) continue;
      switch (e.type) {
        case 'text':
          t += str(e.text) ?? '';
          break;
        case 'link':
          t += str(e.text) && str(e.text) !== str(e.url) ? `${str(e.text)} ${str(e.url) ?? ''}` : (str(e.url) ?? '');
          break;
        case 'user':
          t += `@${users.get(str(e.user_id) ?? '') ?? str(e.user_id) ?? 'user'}`;
          break;
        case 'broadcast':
          t += `@${str(e.range) ?? 'channel'}`;
          break;
        case 'channel':
          t += `#${str(e.channel_id) ?? ''}`;
          break;
        case 'usergroup':
          t += '@group';
          break;
        case 'emoji':
          t += e.unicode ? String.fromCodePoint(...String(e.unicode).split('-').map((h) => parseInt(h, 16)).filter((n) => Number.isFinite(n))) : `:${str(e.name) ?? ''}:`;
          break;
        default:
          if (Array.isArray(e.elements)) t += inline(e.elements);
      }
    }
    return t;
  };
  const textOf = (v: unknown) => (isObj(v) ? slackText(str(v.text) ?? '', users) : '');
  for (const b of blocks) {
    if (!isObj(b)) continue;
    if (b.type === 'rich_text' && Array.isArray(b.elements)) {
      for (const el of b.elements) {
        if (!isObj(el)) continue;
        // lists hold sections; quotes and preformatted blocks hold inline elements
        if (el.type === 'rich_text_list' && Array.isArray(el.elements)) for (const item of el.elements) out.push(isObj(item) ? inline(item.elements) : '');
        else out.push(inline(el.elements));
      }
    } else if (b.type === 'section' || b.type === 'header') {
      if (b.text) out.push(textOf(b.text));
      if (Array.isArray(b.fields)) for (const f of b.fields) out.push(textOf(f));
    } else if (b.type === 'context' && Array.isArray(b.elements)) {
      for (const e of b.elements) if (isObj(e) && typeof e.text === 'string') out.push(slackText(e.text, users));
    }
  }
  return out.filter((x) => x.trim()).join('\n');
}

/**
 * What a Slack message says: its `text`, the attachments' pretext, title and
 * text (their `fallback` when that is all they have), and, when `text` is
 * empty, its blocks (which otherwise repeat `text` in rich form). Bot and
 * webhook posts often carry everything in attachments or blocks.
 */
export function slackMessageText(o: Record<string, unknown>, users: Map<string, string>): string {
  const parts: string[] = [];
  const main = str(o.text) ?? '';
  if (main.trim()) parts.push(slackText(main, users));
  else if (Array.isArray(o.blocks)) parts.push(slackBlocksText(o.blocks, users));
  if (Array.isArray(o.attachments)) {
    for (const a of o.attachments) {
      if (!isObj(a)) continue;
      const own = [str(a.pretext), str(a.title), str(a.text)].filter((x): x is string => !!x && !!x.trim());
      if (Array.isArray(a.fields)) for (const f of a.fields) if (isObj(f)) own.push(...[str(f.title), str(f.value)].filter((x): x is string => !!x));
      if (!own.length && Array.isArray(a.blocks)) {
        const bt = slackBlocksText(a.blocks, users);
        if (bt) parts.push(bt);
      }
      const chosen = own.length ? own : str(a.fallback) ? [str(a.fallback)!] : [];
      for (const x of chosen) {
        const t = slackText(x, users);
        // a link unfurl repeats the message's own text
        if (!parts.includes(t)) parts.push(t);
      }
    }
  }
  return parts.filter((x) => x.trim()).join('\n');
}

function slack(o: Record<string, unknown>, ctx: AdaptContext): RecordBody[] {
  const s = ctx.slack ?? { channel: { id: 'slack', name: 'slack', direct: false }, users: new Map<string, string>() };
  const time = ctx.clock.parse(o.ts);
  if (time === undefined) return [bad(`bad ts "${String(o.ts).slice(0, 30)}"`)];
  const subtype = str(o.subtype);
  const user = nonEmpty(o.user) ?? nonEmpty(o.bot_id) ?? nonEmpty(o.username);
  const profile = isObj(o.user_profile) ? o.user_profile : undefined;
  const bot = isObj(o.bot_profile) ? o.bot_profile : undefined;
  // a person's name from the message or users.json; a bot's from its profile or username, not its B… id
  const name =
    nonEmpty(profile?.real_name) ??
    nonEmpty(profile?.display_name) ??
    (nonEmpty(o.user) ? s.users.get(nonEmpty(o.user)!) : undefined) ??
    nonEmpty(bot?.name) ??
    nonEmpty(o.username) ??
    (nonEmpty(o.bot_id) ? s.users.get(nonEmpty(o.bot_id)!) : undefined) ??
    user;
  if (subtype === 'channel_join' || subtype === 'group_join') {
    const inviter = nonEmpty(o.inviter);
    return [{ kind: 'join', time, chat: s.channel.id, chatName: s.channel.name, member: name ?? user ?? '?', ...(inviter ? { inviter: s.users.get(inviter) ?? inviter, scene: 'invite' } : { scene: 'self' }) } as RecordBody];
  }
  if (subtype === 'channel_leave' || subtype === 'group_leave') {
    return [{ kind: 'message', time, channel: 'group', text: '', chat: s.channel.id, chatName: s.channel.name, ...(name ? { sender: name } : {}), inbound: true, event: 'leave' }];
  }
  if (subtype && !SLACK_POSTS.has(subtype)) return [{ kind: 'other', what: `slack ${subtype}` }];
  const text = slackMessageText(o, s.users);
  const ts = str(o.ts)!;
  remember(ctx, `slack:${s.channel.id}:${ts}`, text);
  const thread = str(o.thread_ts);
  const replyTo = thread && thread !== ts ? ctx.recent.get(`slack:${s.channel.id}:${thread}`) : undefined;
  // staff is whoever logs.staff names by id or by name
  const inbound = ctx.isCustomer(name) && ctx.isCustomer(user);
  // in a DM the recipient is the member who did not write this message
  const peer = s.channel.direct ? (s.channel.members?.find((m) => m !== nonEmpty(o.user)) ?? s.channel.peer) : undefined;
  const peerTz = peer ? s.zones?.get(peer) : undefined;
  return [
    {
      kind: 'message',
      time,
      channel: s.channel.direct ? 'direct' : 'group',
      text,
      ...(name ? { sender: name } : {}),
      ...(s.channel.direct ? (peer ? { recipient: s.users.get(peer) ?? peer } : {}) : { chat: s.channel.id, chatName: s.channel.name }),
      ...(replyTo ? { replyTo } : {}),
      ...(inbound ? { inbound: true } : {}),
      ...(peerTz ? { tz: peerTz } : {}),
    },
  ];
}
