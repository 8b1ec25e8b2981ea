/**
 * Markdown copy files (CONTRACTS §6). Copy repositories keep one piece of
 * copy per file: a `.md` file whose YAML front matter holds one campaign's
 * fields (id, channel, audience, group, send_at, ignore…) and whose body is
 * the message as it will be sent.
 *
 *   ---
 *   id: cat-food-1111            # optional: defaults to the file name
 *   channel: group               # required: this is what makes a .md file copy
 *   group: { name: 萌爪养猫交流群 }
 *   ---
 *   @所有人 双11猫粮上新…
 *   ---
 *   A follow-up message of the same campaign.
 *
 * A body line that is exactly `---` separates the campaign's messages (copy
 * is plain text, so a Markdown rule has no other use here). `<!-- … -->`
 * comments are editors' notes and are not part of the message. Per-message
 * fields (id, reply_to, urgent, ignore) go in the front matter's `messages:` list,
 * one entry per body message, without `text`.
 *
 * The front matter is parsed in place (everything else blanked to spaces),
 * so every YAML node's range is an offset into the .md file itself and the
 * drafts loader's validation and positions apply unchanged.
 */
import { basename, extname } from 'node:path';
import { parseDocument, LineCounter, isMap, isScalar, isSeq, Pair, Scalar, YAMLSeq, type Node, type YAMLMap } from 'yaml';
import { InputError } from '../errors.js';
import { Ctx, readCampaign, readDraftsText, TOO_DEEP, type LoadOptions } from './load.js';
import type { Encoding } from '../logs/decode.js';
import { scalarLocator } from './positions.js';
import { machineTimeZone } from '../time.js';
import type { Campaign } from '../types.js';

/** Error paths start with this and lose it again: a front matter has no `campaigns[0]`. */
const ROOT_PATH = '\u0001fm';

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE_LINE = /^(?:---|\.\.\.)[ \t]*$/;
const SEPARATOR_LINE = /^---[ \t]*$/;

interface Split {
  /** [start, end) of the YAML between the fences. */
  yaml: [number, number];
  /** Offset where the body starts (after the closing fence's line). */
  body: number;
  /** Line (1-based) of the closing fence. */
  closeLine: number;
}

/** Lines of `source` from `from` on, each with its start offset and its text without the line break. */
function* lines(source: string, from: number): Generator<{ start: number; text: string; next: number }> {
  let p = from;
  while (p < source.length) {
    const nl = source.indexOf('\n', p);
    const end = nl < 0 ? source.length : nl;
    const text = source.slice(p, end).replace(/\r$/, '');
    yield { start: p, text, next: nl < 0 ? source.length : nl + 1 };
    p = nl < 0 ? source.length : nl + 1;
  }
}

function splitFrontMatter(source: string): Split | undefined {
  const open = OPEN.exec(source);
  if (!open) return undefined;
  let line = 2;
  for (const l of lines(source, open[0].length)) {
    if (CLOSE_LINE.test(l.text)) return { yaml: [open[0].length, l.start], body: l.next, closeLine: line };
    line++;
  }
  return undefined;
}

function readSource(file: string, encoding?: Encoding): string {
  return readDraftsText(file, encoding).replace(/^\uFEFF/, '');
}

/**
 * Whether a file met while walking a folder or expanding a glob is campaign
 * drafts at all. Copy repositories also hold package.json, README.md and the
 * like; those are skipped rather than reported as broken drafts. A file named
 * on the command line is always loaded (and a wrong one is an error).
 */
export function isDraftsFile(file: string, encoding?: Encoding): boolean {
  let source: string;
  try {
    source = readSource(file, encoding);
  } catch {
    return true; // let the loader report why it cannot be read (or decoded)
  }
  if (/\.md$/i.test(file)) {
    const fm = splitFrontMatter(source);
    return !!fm && /^channel[ \t]*:/m.test(source.slice(fm.yaml[0], fm.yaml[1]));
  }
  // A `campaigns` key (at the top level of YAML). Checked textually so that a
  // JSON-with-comments tsconfig or a YAML file of another tool is never parsed.
  return /\.json$/i.test(file) ? /"campaigns"\s*:/.test(source) : /^["']?campaigns["']?[ \t]*:/m.test(source);
}

export function loadMarkdownFile(file: string, opts: LoadOptions = {}): Campaign[] {
  return loadMarkdown(readSource(file, opts.encoding), file, opts);
}

/** A body message: its text and, for each UTF-16 unit of it, the file offset it came from. */
interface BodyMessage {
  text: string;
  offsets: number[];
  /** Offset of the section's first line, for errors about an empty one. */
  at: number;
}

/** Editors' notes: a comment alone on its line goes with its line, so no blank line is left behind. */
function commentRanges(source: string, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let p = from;
  for (;;) {
    const s = source.indexOf('<!--', p);
    if (s < 0 || s >= to) break;
    const e = source.indexOf('-->', s + 4);
    if (e < 0 || e + 3 > to) break; // an unclosed comment is text
    let start = s;
    let end = e + 3;
    const lineStart = source.lastIndexOf('\n', s - 1) + 1;
    let lineEnd = source.indexOf('\n', end);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    if (/^[ \t]*$/.test(source.slice(Math.max(lineStart, from), s)) && /^[ \t\r]*$/.test(source.slice(end, lineEnd))) {
      start = Math.max(lineStart, from);
      end = Math.min(lineEnd + 1, to);
    }
    out.push([start, end]);
    p = end;
  }
  return out;
}

function bodyMessages(source: string, from: number): BodyMessage[] {
  // sections between separator lines
  const sections: Array<[number, number]> = [];
  let start = from;
  for (const l of lines(source, from)) {
    if (SEPARATOR_LINE.test(l.text)) {
      sections.push([start, l.start]);
      start = l.next;
    }
  }
  sections.push([start, source.length]);

  return sections.map(([s, e]) => {
    const skip = commentRanges(source, s, e);
    const offsets: number[] = [];
    let text = '';
    let k = 0;
    for (let i = s; i < e; i++) {
      while (k < skip.length && i >= skip[k]![1]) k++;
      if (k < skip.length && i >= skip[k]![0]) continue;
      if (source[i] === '\r' && source[i + 1] === '\n') continue; // CRLF reads as LF, as in YAML
      text += source[i];
      offsets.push(i);
    }
    const lead = text.length - text.trimStart().length;
    const kept = text.trim().length;
    return { text: text.slice(lead, lead + kept), offsets: offsets.slice(lead, lead + kept), at: s };
  });
}

function textScalar(m: BodyMessage): Scalar {
  const node = new Scalar(m.text);
  const first = m.offsets[0] ?? m.at;
  const last = m.offsets.length ? m.offsets[m.offsets.length - 1]! + 1 : m.at;
  node.range = [first, last, last];
  return node;
}

function mapGet(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key) as Pair | undefined;
}

export function loadMarkdown(rawSource: string, file: string, opts: LoadOptions = {}): Campaign[] {
  const source = rawSource.replace(/^\uFEFF/, '');
  if (source.includes('\u0000')) throw new InputError('not a text file (it contains NUL bytes)', file);
  const fm = splitFrontMatter(source);
  if (!fm) {
    const opened = OPEN.test(source);
    throw new InputError(
      opened
        ? 'front matter is not closed: add a line `---` after the campaign fields'
        : 'no front matter: a Markdown copy file starts with a `---` block holding the campaign fields (channel, audience, …), then the message',
      file,
      1,
      1,
    );
  }

  // Blank everything but the front matter, keeping line breaks, so offsets are file offsets.
  const yamlOnly = source.replace(/[^\r\n]/g, (c, i: number) => (i >= fm.yaml[0] && i < fm.yaml[1] ? c : ' '));
  const lc = new LineCounter();
  const doc = parseDocument(yamlOnly, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true, merge: true });
  const err = doc.errors[0];
  if (err) {
    // An error found only at the end of input (an unclosed bracket) points at the closing fence, not into the body.
    if (/call stack/i.test(err.message)) throw new InputError(TOO_DEEP, file);
    const p = lc.linePos(Math.min(err.pos[0], fm.yaml[1]));
    throw new InputError(`invalid YAML in front matter: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')}`, file, p.line, p.col);
  }
  const ctx: Ctx = new Ctx(file, source, lc, doc); // annotated so that ctx.fail narrows
  const root = doc.contents as Node | null;
  if (!isMap(root)) throw new InputError('front matter: expected the campaign fields (channel, audience, group, send_at…) as a mapping', file, 2, 1);
  if (!mapGet(root, 'id')) root.items.unshift(new Pair(new Scalar('id'), new Scalar(basename(file, extname(file)))));

  const body = bodyMessages(source, fm.body);
  const bodyIsEmpty = body.length === 1 && !body[0]!.text;
  const declared = mapGet(root, 'messages');
  const fromBody: BodyMessage[] = [];

  if (declared && bodyIsEmpty) {
    // All messages written in the front matter, as in a drafts file: nothing to add.
  } else if (bodyIsEmpty) {
    throw new InputError('no message: write the message text after the front matter', file, fm.closeLine, 1);
  } else {
    body.forEach((m, k) => {
      if (!m.text) {
        const p = lc.linePos(m.at);
        throw new InputError(`message ${k + 1} is empty (an extra \`---\` line?)`, file, p.line, 1);
      }
    });
    fromBody.push(...body);
    if (declared) {
      // Per-message fields in the front matter, one entry per body message.
      const list = declared.value as Node | null;
      if (!isSeq(list)) ctx.fail(list, 'messages', 'expected a list of { id, reply_to, urgent, ignore }, one per message in the body');
      if (list.items.length !== body.length) {
        ctx.fail(list, 'messages', `lists ${list.items.length} message(s) but the body has ${body.length} (messages are separated by a line \`---\`)`);
      }
      list.items.forEach((it, k) => {
        if (!isMap(it)) ctx.fail(it as Node, `messages[${k}]`, 'expected { id, reply_to, urgent, ignore }: the text comes from the body');
        if (mapGet(it, 'text')) ctx.fail(mapGet(it, 'text')!.key as Node, `messages[${k}].text`, 'the text comes from the body; remove it here or empty the body');
        it.items.push(new Pair(new Scalar('text'), textScalar(body[k]!)));
      });
    } else {
      const seq = new YAMLSeq();
      for (const m of body) seq.items.push(textScalar(m));
      root.items.push(new Pair(new Scalar('messages'), seq));
    }
  }

  let campaign: Campaign;
  try {
    campaign = readCampaign(ctx, root, ROOT_PATH, undefined, opts.timezone ?? machineTimeZone());
  } catch (e) {
    if (e instanceof InputError && e.message.startsWith(ROOT_PATH)) {
      throw new InputError(e.message.slice(ROOT_PATH.length).replace(/^\./, ''), e.file, e.line, e.column);
    }
    throw e;
  }
  // The loader aligned each body text to its source slice; where comments or
  // CRLFs were dropped that alignment is approximate, so use the exact map.
  fromBody.forEach((m, k) => {
    const msg = campaign.messages[k]!;
    const offsets = Int32Array.from([...m.offsets, (m.offsets[m.offsets.length - 1] ?? m.at) + 1]);
    const p = lc.linePos(offsets[0]!);
    msg.line = p.line;
    msg.column = p.col;
    msg.locator = scalarLocator(offsets, lc);
  });
  return [campaign];
}
