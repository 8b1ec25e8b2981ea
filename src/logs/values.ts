/**
 * Cell values of log exports: channel names, send statuses and directions
 * as exports write them, in Chinese (both scripts) and English.
 */
import type { Channel } from '../types.js';
import type { LogEvent, SendStatus } from './record.js';

const key = (v: string) => v.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, '');

const CHANNEL_WORDS: Record<Channel, string[]> = {
  group: ['group', 'groups', 'groupchat', 'room', 'chatroom', '群', '群聊', '群发', '群發', '客户群', '客戶群', '群消息', '群訊息', '社群', '群组', '群組'],
  direct: ['direct', 'dm', 'private', 'single', '1:1', '1to1', 'onetoone', 'p2p', 'im', 'wecom', '私聊', '单聊', '單聊', '一对一', '一對一', '私信', '私訊', '好友', '客户', '客戶', '个人', '個人', '企微私聊'],
  moments: ['moments', 'moment', 'timeline', 'feed', 'post', '朋友圈', '客户朋友圈', '客戶朋友圈'],
  sms: ['sms', 'text', 'textmessage', 'mms', '短信', '短訊', '簡訊', '短消息'],
};
const CHANNELS_BY_WORD = new Map<string, Channel>();
for (const [ch, words] of Object.entries(CHANNEL_WORDS) as [Channel, string[]][]) for (const w of words) CHANNELS_BY_WORD.set(key(w), ch);

const channelCache = new Map<string, Channel | null>();
/** A channel cell → channel; null when the value is not a channel name. */
export function parseChannel(v: string): Channel | null {
  let c = channelCache.get(v);
  if (c === undefined) {
    c = CHANNELS_BY_WORD.get(key(v)) ?? null;
    if (channelCache.size < 10_000) channelCache.set(v, c);
  }
  return c;
}

const STATUS_WORDS: Record<SendStatus, string[]> = {
  unsent: ['0', 'unsent', 'pending', 'notsent', '未发送', '未發送', '待发送'],
  sent: ['1', 'sent', 'success', 'delivered', 'ok', '已发送', '已發送', '发送成功', '成功'],
  'not-friend': ['2', 'notfriend', 'nofriend', '非好友', '不是好友', '因客户不是好友导致发送失败'],
  refused: ['3', 'refused', 'rejected', 'overcap', 'alreadyreceived', '已收到', '已收到其他群发', '超出上限', '因客户已经收到其他群发消息导致发送失败'],
};
const STATUS_BY_WORD = new Map<string, SendStatus>();
for (const [st, words] of Object.entries(STATUS_WORDS) as [SendStatus, string[]][]) for (const w of words) STATUS_BY_WORD.set(key(w), st);

/** WeChat Work send-result status (0 unsent, 1 sent, 2 not a friend, 3 refused: already received a group message) or a word. */
export function parseStatus(v: unknown): SendStatus | null | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return STATUS_BY_WORD.get(key(String(v))) ?? null;
}

const INBOUND = new Set(['in', 'inbound', 'incoming', 'received', 'receive', 'customer', '收', '接收', '收到', '客户发送', '客戶發送', '客户'].map(key));
const OUTBOUND = new Set(['out', 'outbound', 'outgoing', 'sent', 'send', 'staff', '发', '發', '发送', '發送', '员工发送', '員工發送'].map(key));

/** true = written by the customer; false = sent by us; null = not a direction. */
export function parseDirection(v: string): boolean | null | undefined {
  if (!v.trim()) return undefined;
  const k = key(v);
  return INBOUND.has(k) ? true : OUTBOUND.has(k) ? false : null;
}

/** A consent cell: true/yes/1/同意…, false/no/0/拒绝…; any other non-empty text is a consent record (e.g. where it was given). */
export function parseConsent(v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const k = key(String(v));
  if (['false', 'no', 'n', '0', 'none', 'denied', '否', '无', '無', '拒绝', '拒絕', '未同意'].includes(k)) return false;
  return true;
}

/**
 * Event cells as SCRM exports write them (客户删除员工, 退群, unsubscribe…).
 * `message` is the default: a plain message row.
 */
const EVENT_WORDS: Record<LogEvent | 'message', string[]> = {
  message: ['message', 'msg', 'send', 'sent', 'reply', 'text', '消息', '訊息', '发送', '發送', '回复', '回覆', '聊天'],
  optout: ['optout', 'opt-out', 'unsubscribe', 'unsubscribed', 'unsub', 'stop', '退订', '退訂', '取消订阅', '取消訂閱', '拒收', '退订短信', '退訂簡訊'],
  leave: ['leave', 'left', 'quit', 'exit', 'removed', 'remove', 'kicked', 'delmember', 'del_member', 'channel_leave', 'group_leave', 'remove_members', '退群', '退出群聊', '退出', '离开', '離開', '离群', '離群', '被移出', '移出群聊', '踢出'],
  delete: ['delete', 'deleted', 'delfollowuser', 'del_follow_user', 'block', 'blocked', 'unfriend', 'unfriended', '删除', '刪除', '删除好友', '刪除好友', '删除员工', '刪除員工', '客户删除员工', '客戶刪除員工', '被删除', '被刪除', '拉黑'],
  join: ['join', 'joined', 'addmember', 'add_member', 'channel_join', '入群', '进群', '進群', '加入', '加群', '加入群聊'],
};
const EVENTS_BY_WORD = new Map<string, LogEvent | 'message'>();
for (const [ev, words] of Object.entries(EVENT_WORDS) as [LogEvent | 'message', string[]][]) for (const w of words) EVENTS_BY_WORD.set(key(w), ev);

/** An event cell → the event ('message' for a plain message row); undefined when empty; null when not an event name. */
export function parseEvent(v: unknown): LogEvent | 'message' | null | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  if (!String(v).trim()) return undefined;
  return EVENTS_BY_WORD.get(key(String(v))) ?? null;
}
