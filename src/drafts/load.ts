/**
 * Campaign drafts loader (CONTRACTS §2): YAML or JSON → Campaign[], keeping
 * the source position of every message so findings point into the file.
 * Validation errors name the file, the line and the field path.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, isAlias, type Node, type Document } from 'yaml';
import { InputError, describeSystemError } from '../errors.js';
import { decodeBytes, type Encoding } from '../logs/decode.js';
import { DeferredJson, NotPlainJson, parseJsonDocument } from './json-fast.js';
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
  /** The file's text encoding; detected when absent (BOM, UTF-16, UTF-8, else GB18030), as for logs. */
  encoding?: Encoding;
}

/**
 * Most alias dereferences one file may make. Anchors and aliases (`messages:
 * *common`, `<<: *defaults`) are welcome; a "billion laughs" file whose
 * aliases nest aliases would make the loader walk exponentially many nodes.
 */
export const MAX_ALIAS_COUNT = 1000;
export const TOO_DEEP = 'nested too deeply to read (lists or mappings inside each other thousands of levels deep)';
/** Deeper than this, a drafts file is an attack or an accident, not copy. */
const MAX_DEPTH = 200;

/** A file's bytes as text, decoded like logs (src/logs/decode.ts); errors name the file. */
export function readDraftsText(file: string, encoding?: Encoding): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new InputError(describeSystemError(e), file);
  }
  return decodeBytes(buf, file, { encoding }).text;
}

type Plain = Record<string, unknown>;

/** Exported for other source formats whose YAML sits inside a larger file (Markdown front matter). */
export class Ctx {
  private aliases = 0;
  constructor(
    readonly file: string,
    readonly source: string,
    readonly lc: LineCounter,
    readonly doc?: Document,
  ) {}

  /** The node an alias stands for (anchors, aliases), counted against MAX_ALIAS_COUNT. */
  deref(node: unknown): Node | null | undefined {
    let n = node as Node | null | undefined;
    for (let hops = 0; isAlias(n); hops++) {
      if (++this.aliases > MAX_ALIAS_COUNT || hops > MAX_DEPTH) this.fail(n, '', `too many alias expansions (at most ${MAX_ALIAS_COUNT} per file)`);
      const target = this.doc ? (n.resolve(this.doc) as Node | undefined) : undefined;
      if (!target) this.fail(n, '', `unknown alias *${n.source}`);
      n = target;
    }
    return n;
  }

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

const isMergeKey = (k: unknown) => isScalar(k) && (typeof k.value === 'symbol' || k.value === '<<');

/** The pair holding `key`: its own, else from a `<<: *anchor` merge (own keys win; earlier merges win over later ones). */
function lookup(ctx: Ctx, map: Node | null | undefined, key: string, depth = 0): { value: Node | null } | undefined {
  map = ctx.deref(map);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (k === key) return { value: ctx.deref(pair.value) ?? null };
  }
  if (depth > MAX_DEPTH) return undefined;
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const v = ctx.deref(pair.value);
    const sources = isSeq(v) ? v.items : [v];
    for (const src of sources) {
      const hit = lookup(ctx, src as Node, key, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

function get(ctx: Ctx, map: Node | null | undefined, key: string): Node | null | undefined {
  return lookup(ctx, map, key)?.value;
}

function has(ctx: Ctx, map: Node | null | undefined, key: string): boolean {
  return lookup(ctx, map, key) !== undefined;
}

/** Items of a sequence with their aliases resolved. */
function items(ctx: Ctx, seq: Node | null | undefined): Node[] {
  const s = ctx.deref(seq);
  return isSeq(s) ? s.items.map((it) => ctx.deref(it) as Node) : [];
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

/** `urgent: true`: a YAML/JSON boolean, nothing else ("yes" is a string in YAML 1.2, and guessing would spare a send by accident). */
function bool(ctx: Ctx, node: Node | null | undefined, path: string): boolean | undefined {
  if (node == null || (isScalar(node) && node.value == null)) return undefined;
  if (!isScalar(node) || typeof node.value !== 'boolean') ctx.fail(node, path, 'expected true or false');
  return node.value;
}

/** `transactional` is the RULEBOOK's word for `service`. */
const KINDS = ['marketing', 'service', 'transactional'] as const;

function oneOf<T extends string>(ctx: Ctx, node: Node | null | undefined, path: string, allowed: readonly T[]): T | undefined {
  const v = str(ctx, node, path);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) ctx.fail(node, path, `expected ${allowed.join(' | ')}, got "${v}"`);
  return v as T;
}

function parse(file: string, source: string, viaYaml = false): { doc: Document; lc: LineCounter } {
  const lc = new LineCounter();
  // Plain JSON skips yaml's parser (exact same nodes, a fraction of the time), each campaign parsed as it is read; anything else goes through it.
  const fast = !viaYaml && /^\s*\{/.test(source) ? parseJsonDocument(source, lc, 'campaigns') : undefined;
  if (fast) return { doc: fast, lc };
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true, merge: true });
  const err = doc.errors[0];
  if (err) {
    const p = lc.linePos(err.pos[0]);
    const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    // the parser reports its own stack overflow as a syntax error at a meaningless column
    if (/call stack/i.test(msg)) throw new InputError(TOO_DEEP, file);
    throw new InputError(`invalid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${msg}`, file, p.line, p.col);
  }
  return { doc, lc };
}

export function loadDraftsFile(file: string, opts: LoadOptions = {}): Campaign[] {
  return loadDrafts(readDraftsText(file, opts.encoding), file, opts);
}

export function loadDrafts(rawSource: string, file: string, opts: LoadOptions = {}): Campaign[] {
  try {
    return loadDraftsUnguarded(rawSource, file, opts);
  } catch (e) {
    // "[[[[…" ten thousand deep overflows the parser's stack: say so, naming the file, not "Maximum call stack size exceeded".
    if (e instanceof RangeError) throw new InputError(TOO_DEEP, file);
    throw e;
  }
}

function loadDraftsUnguarded(rawSource: string, file: string, opts: LoadOptions): Campaign[] {
  const source = rawSource.replace(/^\uFEFF/, '');
  if (source.includes('\u0000')) throw new InputError('not a text file (it contains NUL bytes)', file);
  try {
    return readDrafts(source, file, opts, false);
  } catch (e) {
    // a campaign of a JSON file that is not plain JSON after all (a comment, a duplicate key): yaml reads the file and names what is wrong
    if (e instanceof NotPlainJson) return readDrafts(source, file, opts, true);
    throw e;
  }
}

function readDrafts(source: string, file: string, opts: LoadOptions, viaYaml: boolean): Campaign[] {
  const { doc, lc } = parse(file, source, viaYaml);
  try {
    return readDocument(doc, lc, source, file, opts);
  } catch (e) {
    // A JSON file that is not valid further on reports that first, as when the whole file was parsed before any campaign
    // was read: parsing the campaigns not yet parsed throws NotPlainJson, and yaml then names the syntax error.
    if (e instanceof InputError) for (const d of deferredItems(doc)) d.parse();
    throw e;
  }
}

/** The campaigns a fast JSON parse left for later (none for YAML). */
function deferredItems(doc: Document): DeferredJson[] {
  const root = doc.contents;
  const list = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === 'campaigns')?.value : undefined;
  return isSeq(list) ? list.items.filter((x): x is DeferredJson => x instanceof DeferredJson) : [];
}

function readDocument(doc: Document, lc: LineCounter, source: string, file: string, opts: LoadOptions): Campaign[] {
  const ctx: Ctx = new Ctx(file, source, lc, doc);
  const root = ctx.deref(doc.contents as Node | null);
  if (!isMap(root)) ctx.fail(root, '', 'expected a mapping with `campaigns:` at the top level');

  const version = get(ctx, root, 'version');
  if (version != null && !(isScalar(version) && (version.value === 1 || version.value === '1'))) {
    ctx.fail(version, 'version', 'expected 1');
  }

  const defaults = get(ctx, root, 'defaults');
  if (defaults != null && !isMap(defaults) && !(isScalar(defaults) && defaults.value == null)) ctx.fail(defaults, 'defaults', 'expected a mapping');
  // Checked here, not only when a campaign inherits them: `defaults.channel: fax` must not pass because every campaign names its own.
  oneOf<Channel>(ctx, get(ctx, defaults, 'channel'), 'defaults.channel', CHANNELS);
  oneOf(ctx, get(ctx, defaults, 'kind'), 'defaults.kind', KINDS);
  const defaultTz = str(ctx, get(ctx, defaults, 'timezone'), 'defaults.timezone');
  if (defaultTz && !isValidTimeZone(defaultTz)) ctx.fail(get(ctx, defaults, 'timezone'), 'defaults.timezone', `unknown time zone "${defaultTz}" (use an IANA name such as Asia/Shanghai)`);

  const campaignsNode = get(ctx, root, 'campaigns');
  if (campaignsNode == null) ctx.fail(root, 'campaigns', 'is required (a list of campaigns)');
  if (!isSeq(campaignsNode)) ctx.fail(campaignsNode, 'campaigns', 'expected a list');

  const seen = new Map<string, number>();
  const campaigns: Campaign[] = [];
  items(ctx, campaignsNode).forEach((deferred, i) => {
    // a JSON file's campaigns are parsed one at a time (src/drafts/json-fast.ts)
    const item = deferred instanceof DeferredJson ? deferred.parse() : deferred;
    const c = readCampaign(ctx, item as Node, `campaigns[${i}]`, defaults as Node | undefined, defaultTz ?? opts.timezone ?? machineTimeZone());
    const prev = seen.get(c.id);
    if (prev !== undefined) ctx.fail(get(ctx, item as Node, 'id'), `campaigns[${i}].id`, `duplicate id "${c.id}" (first used at line ${prev})`);
    seen.set(c.id, c.line);
    campaigns.push(c);
  });
  return campaigns;
}

/** A field of the campaign, else of `defaults`. */
function inherited(ctx: Ctx, node: Node, defaults: Node | undefined, key: string): { node: Node | null | undefined; path: string; fromDefaults: boolean } {
  if (has(ctx, node, key)) return { node: get(ctx, node, key), path: key, fromDefaults: false };
  return { node: get(ctx, defaults, key), path: `defaults.${key}`, fromDefaults: true };
}

/** Exported for src/drafts/markdown.ts: one campaign from a mapping node whose ranges index `ctx.source`. */
export function readCampaign(ctx: Ctx, rawNode: Node, path: string, defaults: Node | undefined, fallbackTz: string): Campaign {
  const node = ctx.deref(rawNode) as Node;
  if (!isMap(node)) ctx.fail(node, path, 'expected a mapping with id, channel and messages');
  const id = str(ctx, get(ctx, node, 'id'), `${path}.id`, { required: true, at: node })!;
  if (!id.trim()) ctx.fail(get(ctx, node, 'id'), `${path}.id`, 'must not be empty');
  const name = str(ctx, get(ctx, node, 'name'), `${path}.name`);

  const ch = inherited(ctx, node, defaults, 'channel');
  if (ch.node == null) ctx.fail(node, `${path}.channel`, `is required (${CHANNELS.join(' | ')}), here or in defaults`);
  const channel = oneOf<Channel>(ctx, ch.node, ch.fromDefaults ? ch.path : `${path}.channel`, CHANNELS)!;

  const tzField = inherited(ctx, node, defaults, 'timezone');
  let timezone = fallbackTz;
  if (!tzField.fromDefaults) {
    const tz = str(ctx, tzField.node, `${path}.timezone`);
    if (tz !== undefined) {
      if (!isValidTimeZone(tz)) ctx.fail(tzField.node, `${path}.timezone`, `unknown time zone "${tz}" (use an IANA name such as Asia/Shanghai)`);
      timezone = tz;
    }
  }

  const kindField = inherited(ctx, node, defaults, 'kind');
  const kindWritten = oneOf(ctx, kindField.node, kindField.fromDefaults ? 'defaults.kind' : `${path}.kind`, KINDS);
  // The RULEBOOK calls service SMS "transactional"; a draft that uses its word means the same thing.
  const kind = kindWritten === 'transactional' ? 'service' : kindWritten;
  const urgent = bool(ctx, get(ctx, node, 'urgent'), `${path}.urgent`);

  // audience: campaign fields override defaults field by field
  const audNode = get(ctx, node, 'audience');
  const defAud = get(ctx, defaults, 'audience');
  for (const [n, p] of [[audNode, `${path}.audience`], [defAud, 'defaults.audience']] as const) {
    if (n != null && !isMap(n) && !(isScalar(n) && n.value == null)) ctx.fail(n, p, 'expected a mapping (segment, tags, size)');
  }
  const audField = (k: string) => (has(ctx, audNode, k) ? { n: get(ctx, audNode, k), p: `${path}.audience.${k}` } : { n: get(ctx, defAud, k), p: `defaults.audience.${k}` });
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
  const gField = inherited(ctx, node, defaults, 'group');
  if (gField.node != null && !(isScalar(gField.node) && gField.node.value == null)) {
    const gp = gField.fromDefaults ? 'defaults.group' : `${path}.group`;
    if (isScalar(gField.node)) {
      group = { name: str(ctx, gField.node, gp), typeSource: 'unknown' };
    } else {
      if (!isMap(gField.node)) ctx.fail(gField.node, gp, 'expected a mapping (name, type)');
      const type = oneOf<GroupType>(ctx, get(ctx, gField.node, 'type'), `${gp}.type`, GROUP_TYPES);
      group = { name: str(ctx, get(ctx, gField.node, 'name'), `${gp}.name`), type, typeSource: type ? 'declared' : 'unknown' };
    }
  }

  // send times
  const sendTimes: string[] = [];
  const sendAt = get(ctx, node, 'send_at');
  if (sendAt != null && get(ctx, node, 'schedule') != null) {
    // Which one would the audit believe? Neither silently: the quiet-hours and frequency checks depend on it.
    ctx.fail(get(ctx, node, 'schedule'), `${path}.schedule`, 'give either send_at (one send) or schedule (a list of sends), not both');
  }
  if (sendAt != null) sendTimes.push(readDateTime(ctx, sendAt, `${path}.send_at`, timezone));
  const schedule = get(ctx, node, 'schedule');
  if (schedule != null) {
    if (isSeq(schedule)) items(ctx, schedule).forEach((it, k) => sendTimes.push(readDateTime(ctx, it, `${path}.schedule[${k}]`, timezone)));
    else sendTimes.push(readDateTime(ctx, schedule, `${path}.schedule`, timezone));
  }

  const msgsNode = get(ctx, node, 'messages');
  if (msgsNode == null) ctx.fail(node, `${path}.messages`, 'is required (a list of messages)');
  if (!isSeq(msgsNode)) ctx.fail(msgsNode, `${path}.messages`, 'expected a list of messages');
  const messages: Message[] = [];
  const msgIds = new Set<string>();
  if (!msgsNode.items.length) ctx.fail(msgsNode, `${path}.messages`, 'is empty: a campaign needs at least one message');
  items(ctx, msgsNode).forEach((it, k) => {
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
    ...(urgent ? { urgent } : {}),
    messages,
    ignore: readIgnore(ctx, get(ctx, node, 'ignore'), `${path}.ignore`),
    source: ctx.file,
    line,
    column,
  };
}

function readStringList(ctx: Ctx, node: Node | null | undefined, path: string): string[] {
  if (node == null || (isScalar(node) && node.value == null)) return [];
  if (isScalar(node)) return String(node.value).split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
  if (!isSeq(node)) ctx.fail(node, path, 'expected a list of strings');
  return items(ctx, node).map((it, k) => str(ctx, it, `${path}[${k}]`, { required: true })!.trim()).filter(Boolean);
}

function readDateTime(ctx: Ctx, node: Node, path: string, tz: string): string {
  const v = str(ctx, node, path, { required: true })!;
  if (parseDateTime(v, tz) === undefined) ctx.fail(node, path, `expected an ISO 8601 date-time such as 2026-11-11T09:00:00+08:00, got "${v}"`);
  return v;
}

function readIgnore(ctx: Ctx, node: Node | null | undefined, path: string): Suppression[] {
  if (node == null) return [];
  if (!isSeq(node)) ctx.fail(node, path, 'expected a list of { rule, reason }');
  return items(ctx, node).map((it, k) => {
    const p = `${path}[${k}]`;
    if (!isMap(it)) ctx.fail(it as Node, p, 'expected { rule, reason }');
    const rule = str(ctx, get(ctx, it, 'rule'), `${p}.rule`, { required: true, at: it as Node })!;
    const reason = str(ctx, get(ctx, it, 'reason'), `${p}.reason`);
    if (!reason?.trim()) ctx.fail(it as Node, `${p}.reason`, 'is required: say why this finding is acceptable');
    return { rule, reason: reason.trim(), line: ctx.pos(it as Node).line };
  });
}

function readMessage(ctx: Ctx, node: Node, path: string, index: number): Message {
  let textNode: Node | null | undefined;
  let id = `m${index + 1}`;
  let replyTo: string | undefined;
  let urgent: boolean | undefined;
  let ignore: Suppression[] = [];
  if (isScalar(node)) {
    textNode = node;
  } else if (isMap(node)) {
    textNode = get(ctx, node, 'text');
    id = str(ctx, get(ctx, node, 'id'), `${path}.id`) ?? id;
    replyTo = str(ctx, get(ctx, node, 'reply_to'), `${path}.reply_to`);
    urgent = bool(ctx, get(ctx, node, 'urgent'), `${path}.urgent`);
    ignore = readIgnore(ctx, get(ctx, node, 'ignore'), `${path}.ignore`);
    if (textNode == null) ctx.fail(node, `${path}.text`, 'is required');
  } else {
    ctx.fail(node, path, 'expected a string or a mapping with `text`');
  }
  const text = str(ctx, textNode, isScalar(node) ? path : `${path}.text`, { required: true })!;
  if (!text.trim()) ctx.fail(textNode, isScalar(node) ? path : `${path}.text`, 'is empty: write the message, or remove it');
  const range = textNode!.range!;
  // Double-quoted text (and all JSON) is decoded exactly: escapes such as \t or \u4F60 have no greedy alignment.
  const quoted = isScalar(textNode) && textNode.type === 'QUOTE_DOUBLE' ? alignDoubleQuoted(text, ctx.source, range[0], range[1]) : undefined;
  const offsets = quoted?.starts ?? alignScalar(text, ctx.source, range[0], range[1]);
  const first = text.search(/\S/);
  const p = ctx.lc.linePos(offsets[first >= 0 ? first : 0]!);
  return { id, text, replyTo, ...(urgent ? { urgent } : {}), line: p.line, column: p.col, locator: scalarLocator(offsets, ctx.lc, quoted?.ends), ignore };
}
