/** What the CSV worker (src/logs/csv-worker.ts) and the reader that starts it (src/logs/readers.ts) exchange. */
import type { Encoding } from './decode.js';
import type { Field } from './columns.js';
import type { LogEvent, SendStatus } from './record.js';
import type { DateOrder } from './time.js';

export interface CsvWorkerData {
  file: string;
  encoding?: Encoding;
  /** Forced by --input-format tsv/csv; else sniffed from the header line. */
  delimiter?: string;
  map: Partial<Record<Field, string>>;
  timezone: string;
  dateOrder?: DateOrder;
  /** logs.staff (everyone else is a customer), else the customer-id pattern. */
  staff?: string[];
  customerPattern: string;
  nameIntros: string[];
  nameOutros: string[];
  /** [batches sent and not yet audited] */
  flow: SharedArrayBuffer;
}

/** Strings the worker interns: each crosses once, rows carry ids. */
export const TABLES = ['sender', 'chat', 'chatName', 'recipient', 'campaign', 'text'] as const;
export type TableName = (typeof TABLES)[number];
export const STATUS: Array<SendStatus | undefined> = [undefined, 'sent', 'unsent', 'not-friend', 'refused'];
export const EVENTS: Array<LogEvent | undefined> = [undefined, 'optout', 'leave', 'delete', 'join'];

export interface WorkerBatch {
  type: 'batch';
  n: number;
  rows: ArrayBuffer;
  lines: ArrayBuffer;
  /** 0 a message, 1 malformed (its reason next in `reasons`). */
  kinds: ArrayBuffer;
  times: ArrayBuffer;
  channels: ArrayBuffer;
  /** bit 0 inbound; bits 1-3 the STATUS index; bit 4 the text was cut to MAX_TEXT; bits 5-7 the EVENTS index. */
  flags: ArrayBuffer;
  /** Per table: an Int32Array of ids (-1 absent). */
  ids: Record<TableName, ArrayBuffer>;
  /** Strings first used in this batch, per table, in id order. */
  fresh: Record<TableName, string[]>;
  /** The text table starts over before this batch (it is bounded). */
  textReset: boolean;
  replies: Array<[number, string]>;
  reasons: string[];
  bytes: number;
}

export type CsvWorkerMessage = WorkerBatch | { type: 'warn'; message: string } | { type: 'assume'; order: DateOrder; example: string } | { type: 'done'; encoding: string; delimiter: string } | { type: 'error'; message: string; file?: string; line?: number; input: boolean };

export const MAX_AHEAD = 32;
