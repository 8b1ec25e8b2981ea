/**
 * Column names: the canonical log fields and the headers real exports use
 * for them (WeChat Work admin console, SCRM tools, Excel sheets in Chinese
 * and English). `--map time=发送时间` and the config's `logs.columns` name any
 * other header. Matching ignores case, width, spaces, `_`/`-`, a BOM and
 * Traditional vs Simplified script.
 */
import { InputError } from '../errors.js';
import { normalize } from '../text/normalize.js';

export const FIELDS = ['time', 'sender', 'channel', 'chat', 'chat_name', 'recipient', 'text', 'campaign', 'reply_to', 'direction', 'status', 'event'] as const;
export type Field = (typeof FIELDS)[number];
export const REQUIRED: readonly Field[] = ['time', 'text'];

/** Known headers per field, most specific first (发送时间 before 时间). */
export const ALIASES: Record<Field, string[]> = {
  time: ['time', 'timestamp', 'sent_at', 'send_time', 'sendtime', 'datetime', 'date', 'created_at', 'msgtime', 'date_sent', 'sent_date', 'created', 'date_time', '发送时间', '消息时间', '推送时间', '时间', '日期时间', '日期', '發送時間', '時間'],
  sender: ['sender', 'from', 'staff', 'userid', 'user', 'agent', 'author', 'sender_name', 'from_name', 'sent_by', '发送人', '发送者', '发送员工', '员工', '成员', '客服', '创建人', '發送人', '發送者', '員工'],
  channel: ['channel', 'msg_channel', 'send_channel', '渠道', '发送渠道', '推送方式', '推送渠道', '發送渠道', '类型', '類型', 'type'],
  chat: ['chat', 'chat_id', 'chatid', 'roomid', 'room_id', 'group_id', '群id', '群聊id', '客户群id', '群组id', '群聊ID', '群ID'],
  chat_name: ['chat_name', 'chatname', 'group_name', 'group', 'room_name', '群名称', '群名', '群聊名称', '客户群名称', '群聊', '群組名稱', '群名稱'],
  recipient: ['recipient', 'customer', 'customer_id', 'external_userid', 'to', 'receiver', 'recipient_name', 'to_name', '客户', '客户id', '客户ID', '接收人', '接收者', '收件人', '客户名称', '客戶', '接收人ID'],
  text: ['text', 'content', 'message', 'body', 'msg', 'message_text', 'message_body', 'message_content', '消息内容', '内容', '文本', '消息', '推送内容', '群发内容', '訊息內容', '內容'],
  campaign: ['campaign', 'campaign_id', 'task', 'task_id', '任务', '活动', '群发任务', '任务名称', '活动名称', '任务id', '活動', '任務'],
  reply_to: ['reply_to', 'in_reply_to', 'replyto', 'quote', '回复', '回复内容', '引用', '引用消息', '回覆', '回復'],
  direction: ['direction', 'dir', '方向', '收发', '收發'],
  status: ['status', 'send_status', '发送状态', '状态', '狀態'],
  // not `action` or `type`: chat archives and channel columns use those words for other things
  event: ['event', 'event_type', 'eventtype', 'customer_event', '事件', '事件类型', '事件類型', '客户行为', '客戶行為', '行为', '行為'],
};

/** Header text → comparable key: width, case, spacing, `_`/`-` and the Chinese script folded (群發任務 = 群发任务). */
export function headerKey(h: string): string {
  return normalize(h.replace(/^\uFEFF/, '').trim()).norm.replace(/[\s_\-]+/g, '');
}

/** Canonical field of a header alias, or undefined. */
const ALIAS_INDEX: Map<string, { field: Field; rank: number }> = (() => {
  const m = new Map<string, { field: Field; rank: number }>();
  for (const f of FIELDS) ALIASES[f].forEach((a, rank) => { if (!m.has(headerKey(a))) m.set(headerKey(a), { field: f, rank }); });
  return m;
})();

/** `time=发送时间` → { time: '发送时间' }; an unknown field is a usage error. */
export function parseMap(entries: string[] | undefined, from: string): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const e of entries ?? []) {
    const i = e.indexOf('=');
    const field = (i > 0 ? e.slice(0, i) : '').trim().toLowerCase().replace(/-/g, '_') as Field;
    const header = i > 0 ? e.slice(i + 1).trim() : '';
    if (!FIELDS.includes(field) || !header) throw new InputError(`${from}: expected <field>=<header> with field one of ${FIELDS.join(', ')}; got "${e}"`);
    out[field] = header;
  }
  return out;
}

export type ColumnIndex = Partial<Record<Field, number>>;

/**
 * Map a header row to field → column index. Explicit mappings win, then the
 * canonical names, then aliases (most specific alias wins when several
 * headers could be the same field). Returns the missing required fields.
 */
export function mapHeader(header: string[], explicit: Partial<Record<Field, string>>): { index: ColumnIndex; missing: Field[]; unknownMapped: string[] } {
  const keys = header.map(headerKey);
  const index: ColumnIndex = {};
  const taken = new Set<number>();
  const unknownMapped: string[] = [];
  for (const [field, name] of Object.entries(explicit) as [Field, string][]) {
    const i = keys.indexOf(headerKey(name));
    if (i === -1) unknownMapped.push(`${field}=${name}`);
    else {
      index[field] = i;
      taken.add(i);
    }
  }
  const best = new Map<Field, { col: number; rank: number }>();
  keys.forEach((k, col) => {
    if (taken.has(col)) return;
    const hit = ALIAS_INDEX.get(k);
    if (!hit || index[hit.field] !== undefined) return;
    const cur = best.get(hit.field);
    if (!cur || hit.rank < cur.rank) best.set(hit.field, { col, rank: hit.rank });
  });
  for (const [f, { col }] of best) index[f] = col;
  return { index, missing: REQUIRED.filter((f) => index[f] === undefined), unknownMapped };
}

/** A JSON record's keys → fields, with the same rules as a CSV header (cached per key shape by the caller). */
export function mapKeys(keys: string[], explicit: Partial<Record<Field, string>>): Partial<Record<Field, string>> {
  const { index } = mapHeader(keys, explicit);
  const out: Partial<Record<Field, string>> = {};
  for (const [f, i] of Object.entries(index) as [Field, number][]) out[f] = keys[i]!;
  return out;
}
