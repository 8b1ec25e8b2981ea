/**
 * Campaign drafts loader (CONTRACTS §2): YAML or JSON → Campaign[], keeping
 * the source position of every message so findings point into the file.
 * Validation errors name the file, the line and the field path.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, type Node, type Document } from 'yaml';
import { InputError } from '../errors.js';
import { alignDoubleQuoted, alignScalar, scalarLocator } from './positions.js';
import { isValidTimeZone, machineTimeZone, parseDateTime } from '../time.js';
import {
  CHANNELS,
  GROUP_TYPES,
  type Campaign,
  type Channel,
  type GroupType,
  type Message,
  type Suppression,
} from '../types.js';

export interface LoadOptions {
  /** Time zone when neither the campaign nor `defaults` name one. */
  timezone?: string;
}

type Plain = Record<string, unknown>;

/** Exported for other source formats whose YAML sits inside a larger file (Markdown front matter). */
export class Ctx {
  constructor(
    readonly file: string,
    readonly source: string,
    readonly lc: LineCounter,
  ) {}

  pos(node: Node | null | undefined): { line: number; column: number } {
    const off = node?.range?.[0] ?? 0;
    const p = this.lc.linePos(off);
    return { line: p.line, column: p.col };
  }

  fail(node: Node | null | undefined, path: string, message: string): never {
    const { line, column } = this.pos(node);
    throw new InputError(path ? `${path}: ${message}` : message, this.file, line, column);
  }
}

function get(map: Node | null | undefined, key: string): Node | null | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (k === key) return pair.value as Node | null;
  }
  return undefined;
}

function has(map: Node | null | undefined, key: string): boolean {
  return isMap(map) && map.items.some((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
}

/** `at`: where to point when the field is missing altogether (its parent mapping). */
function str(ctx: Ctx, node: Node | null | undefined, path: string, opts: { required?: boolean; at?: Node } = {}): string | undefined {
  if (node == null || (isScalar(node) && node.value == null)) {
    if (opts.required) ctx.fail(node ?? opts.at, path, 'is required');
    return undefined;
  }
  if (!isScalar(node) || typeof node.value === 'object' || typeof node.value === 'boolean') {
    ctx.fail(node, path, 'expected a string');
  }
  return String(node.value);
}

function oneOf<T extends string>(ctx: Ctx, node: Node | null | undefined, path: string, allowed: readonly T[]): T | undefined {
  const v = str(ctx, node, path);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) ctx.fail(node, path, `expected ${allowed.join(' | ')}, got "${v}"`);
  return v as T;
}

function parse(file: string, source: string): { doc: Document; lc: LineCounter } {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
  const err = doc.errors[0];
  if (err) {
    const p = lc.linePos(err.pos[0]);
    const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    throw new InputError(`invalid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${msg}`, file, p.line, p.col);
  }
  return { doc, lc };
}

export function loadDraftsFile(file: string, opts: LoadOptions = {}): Campaign[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read file (${code ?? String(e)})`, file);
  }
  return loadDrafts(source, file, opts);
}

export function loadDrafts(rawSource: string, file: string, opts: LoadOptions = {}): Campaign[] {
  const source = rawSource.replace(/^\uFEFF/, '');
  if (source.includes('\u0000')) throw new InputError('not a text file (it contains NUL bytes)', file);
  const { doc, lc } = parse(file, source);
  const ctx: Ctx = new Ctx(file, source, lc);
  const root = doc.contents as Node | null;
  if (!isMap(root)) ctx.fail(root, '', 'expected a mapping with `campaigns:` at the top level');

  const version = get(root, 'version');
  if (version != null && !(isScalar(version) && (version.value === 1 || version.value === '1'))) {
    ctx.fail(version, 'version', 'expected 1');
  }

  const defaults = get(root, 'defaults');
  if (defaults != null && !isMap(defaults) && !(isScalar(defaults) && defaults.value == null)) ctx.fail(defaults, 'defaults', 'expected a mapping');
  const defaultTz = str(ctx, get(defaults, 'timezone'), 'defaults.timezone');
  if (defaultTz && !isValidTimeZone(defaultTz)) ctx.fail(get(defaults, 'timezone'), 'defaults.timezone', `unknown time zone "${defaultTz}" (use an IANA name such as Asia/Shanghai)`);

  const campaignsNode = get(root, 'campaigns');
  if (campaignsNode == null) ctx.fail(root, 'campaigns', 'is required (a list of campaigns)');
  if (!isSeq(campaignsNode)) ctx.fail(campaignsNode, 'campaigns', 'expected a list');

  const seen = new Map<string, number>();
  const campaigns: Campaign[] = [];
  campaignsNode.items.forEach((item, i) => {
    const c = readCampaign(ctx, item as Node, `campaigns[${i}]`, defaults as Node | undefined, defaultTz ?? opts.timezone ?? machineTimeZone());
    const prev = seen.get(c.id);
    if (prev !== undefined) ctx.fail(get(item as Node, 'id'), `campaigns[${i}].id`, `duplicate id "${c.id}" (first used at line ${prev})`);
    seen.set(c.id, c.line);
    campaigns.push(c);
  });
  return campaigns;
}

/** A field of the campaign, else of `defaults`. */
function inherited(node: Node, defaults: Node | undefined, key: string): { node: Node | null | undefined; path: string; fromDefaults: boolean } {
  if (has(node, key)) return { node: get(node, key), path: key, fromDefaults: false };
  return { node: get(defaults, key), path: `defaults.${key}`, fromDefaults: true };
}

/** Exported for src/drafts/markdown.ts: one campaign from a mapping node whose ranges index `ctx.source`. */
export function readCampaign(ctx: Ctx, node: Node, path: string, defaults: Node | undefined, fallbackTz: string): Campaign {
  if (!isMap(node)) ctx.fail(node, path, 'expected a mapping with id, channel and messages');
  const id = str(ctx, get(node, 'id'), `${path}.id`, { required: true, at: node })!;
  if (!id.trim()) ctx.fail(get(node, 'id'), `${path}.id`, 'must not be empty');
  const name = str(ctx, get(node, 'name'), `${path}.name`);

  const ch = inherited(node, defaults, 'channel');
  if (ch.node == null) ctx.fail(node, `${path}.channel`, `is required (${CHANNELS.join(' | ')}), here or in defaults`);
  const channel = oneOf<Channel>(ctx, ch.node, ch.fromDefaults ? ch.path : `${path}.channel`, CHANNELS)!;

  const tzField = inherited(node, defaults, 'timezone');
  let timezone = fallbackTz;
  if (!tzField.fromDefaults) {
    const tz = str(ctx, tzField.node, `${path}.timezone`);
    if (tz !== undefined) {
      if (!isValidTimeZone(tz)) ctx.fail(tzField.node, `${path}.timezone`, `unknown time zone "${tz}" (use an IANA name such as Asia/Shanghai)`);
      timezone = tz;
    }
  }

  const kindField = inherited(node, defaults, 'kind');
  const kind = oneOf(ctx, kindField.node, kindField.fromDefaults ? 'defaults.kind' : `${path}.kind`, ['marketing', 'service'] as const);

  // audience: campaign fields override defaults field by field
  const audNode = get(node, 'audience');
  const defAud = get(defaults, 'audience');
  for (const [n, p] of [[audNode, `${path}.audience`], [defAud, 'defaults.audience']] as const) {
    if (n != null && !isMap(n) && !(isScalar(n) && n.value == null)) ctx.fail(n, p, 'expected a mapping (segment, tags, size)');
  }
  const audField = (k: string) => (has(audNode, k) ? { n: get(audNode, k), p: `${path}.audience.${k}` } : { n: get(defAud, k), p: `defaults.audience.${k}` });
  const seg = audField('segment');
  const segment = str(ctx, seg.n, seg.p);
  const tagsF = audField('tags');
  const tags = readStringList(ctx, tagsF.n, tagsF.p);
  const sizeF = audField('size');
  let size: number | undefined;
  if (sizeF.n != null && !(isScalar(sizeF.n) && sizeF.n.value == null)) {
    const v = isScalar(sizeF.n) ? sizeF.n.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) ctx.fail(sizeF.n, sizeF.p, 'expected a whole number ≥ 0');
    size = v;
  }

  // group
  let group: Campaign['group'];
  const gField = inherited(node, defaults, 'group');
  if (gField.node != null && !(isScalar(gField.node) && gField.node.value == null)) {
    const gp = gField.fromDefaults ? 'defaults.group' : `${path}.group`;
    if (isScalar(gField.node)) {
      group = { name: str(ctx, gField.node, gp), typeSource: 'unknown' };
    } else {
      if (!isMap(gField.node)) ctx.fail(gField.node, gp, 'expected a mapping (name, type)');
      const type = oneOf<GroupType>(ctx, get(gField.node, 'type'), `${gp}.type`, GROUP_TYPES);
      group = { name: str(ctx, get(gField.node, 'name'), `${gp}.name`), type, typeSource: type ? 'declared' : 'unknown' };
    }
  }

  // send times
  const sendTimes: string[] = [];
  const sendAt = get(node, 'send_at');
  if (sendAt != null) sendTimes.push(readDateTime(ctx, sendAt, `${path}.send_at`, timezone));
  const schedule = get(node, 'schedule');
  if (schedule != null) {
    if (isSeq(schedule)) schedule.items.forEach((it, k) => sendTimes.push(readDateTime(ctx, it as Node, `${path}.schedule[${k}]`, timezone)));
    else sendTimes.push(readDateTime(ctx, schedule, `${path}.schedule`, timezone));
  }

  const msgsNode = get(node, 'messages');
  if (msgsNode == null) ctx.fail(node, `${path}.messages`, 'is required (a list of messages)');
  if (!isSeq(msgsNode)) ctx.fail(msgsNode, `${path}.messages`, 'expected a list of messages');
  const messages: Message[] = [];
  const msgIds = new Set<string>();
  msgsNode.items.forEach((it, k) => {
    const m = readMessage(ctx, it as Node, `${path}.messages[${k}]`, k);
    if (msgIds.has(m.id)) ctx.fail(it as Node, `${path}.messages[${k}].id`, `duplicate message id "${m.id}"`);
    msgIds.add(m.id);
    messages.push(m);
  });

  const { line, column } = ctx.pos(node);
  return {
    id,
    name,
    channel,
    timezone,
    audience: { segment: segment?.trim() || undefined, tags, size },
    group,
    sendTimes,
    kind,
    messages,
    ignore: readIgnore(ctx, get(node, 'ignore'), `${path}.ignore`),
    source: ctx.file,
    line,
    column,
  };
}

function readStringList(ctx: Ctx, node: Node | null | undefined, path: string): string[] {
  if (node == null || (isScalar(node) && node.value == null)) return [];
  if (isScalar(node)) return String(node.value).split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
  if (!isSeq(node)) ctx.fail(node, path, 'expected a list of strings');
  return node.items.map((it, k) => str(ctx, it as Node, `${path}[${k}]`, { required: true })!.trim()).filter(Boolean);
}

function readDateTime(ctx: Ctx, node: Node, path: string, tz: string): string {
  const v = str(ctx, node, path, { required: true })!;
  if (parseDateTime(v, tz) === undefined) ctx.fail(node, path, `expected an ISO 8601 date-time such as 2026-11-11T09:00:00+08:00, got "${v}"`);
  return v;
}

function readIgnore(ctx: Ctx, node: Node | null | undefined, path: string): Suppression[] {
  if (node == null) return [];
  if (!isSeq(node)) ctx.fail(node, path, 'expected a list of { rule, reason }');
  return node.items.map((it, k) => {
    const p = `${path}[${k}]`;
    if (!isMap(it)) ctx.fail(it as Node, p, 'expected { rule, reason }');
    const rule = str(ctx, get(it, 'rule'), `${p}.rule`, { required: true, at: it as Node })!;
    const reason = str(ctx, get(it, 'reason'), `${p}.reason`);
    if (!reason?.trim()) ctx.fail(it as Node, `${p}.reason`, 'is required: say why this finding is acceptable');
    return { rule, reason: reason.trim(), line: ctx.pos(it as Node).line };
  });
}

function readMessage(ctx: Ctx, node: Node, path: string, index: number): Message {
  let textNode: Node | null | undefined;
  let id = `m${index + 1}`;
  let replyTo: string | undefined;
  let ignore: Suppression[] = [];
  if (isScalar(node)) {
    textNode = node;
  } else if (isMap(node)) {
    textNode = get(node, 'text');
    id = str(ctx, get(node, 'id'), `${path}.id`) ?? id;
    replyTo = str(ctx, get(node, 'reply_to'), `${path}.reply_to`);
    ignore = readIgnore(ctx, get(node, 'ignore'), `${path}.ignore`);
    if (textNode == null) ctx.fail(node, `${path}.text`, 'is required');
  } else {
    ctx.fail(node, path, 'expected a string or a mapping with `text`');
  }
  const text = str(ctx, textNode, isScalar(node) ? path : `${path}.text`, { required: true })!;
  const range = textNode!.range!;
  // Double-quoted text (and all JSON) is decoded exactly: escapes such as \t or \u4F60 have no greedy alignment.
  const quoted = isScalar(textNode) && textNode.type === 'QUOTE_DOUBLE' ? alignDoubleQuoted(text, ctx.source, range[0], range[1]) : undefined;
  const offsets = quoted?.starts ?? alignScalar(text, ctx.source, range[0], range[1]);
  const first = text.search(/\S/);
  const p = ctx.lc.linePos(offsets[first >= 0 ? first : 0]!);
  return { id, text, replyTo, line: p.line, column: p.col, locator: scalarLocator(offsets, ctx.lc, quoted?.ends), ignore };
}
