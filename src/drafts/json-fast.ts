/**
 * Strict JSON straight into the node tree the drafts loader reads (yaml's
 * YAMLMap / YAMLSeq / Scalar with source ranges), without yaml's lexer,
 * parser and composer: those cost ~0.6 s per MB of drafts, this a small
 * fraction of it. The loader cannot tell the difference — same node kinds,
 * same values (JSON's values are YAML 1.2 core values), strings marked
 * QUOTE_DOUBLE with the range of their quotes, so positions stay exact.
 *
 * Anything that is not plain strict JSON (a comment, a trailing comma, a
 * duplicate key, nesting deeper than MAX_DEPTH) returns undefined and the
 * caller parses the text with yaml, which says what is wrong and where.
 */
import { Document, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = /[ \t\n\r]*/y;

/** Thrown when the text turns out not to be plain JSON (also by a deferred item): parse it with yaml instead. */
export class NotPlainJson extends Error {}

/**
 * An item of the deferred list (see parseJsonDocument's `deferKey`): its
 * place in the text, and its nodes on demand. A drafts file's campaigns are
 * read one at a time, so the tree of only one campaign exists at once, not
 * that of the whole file (issue 10: a 9 MB file's tree was ~60 MB at peak).
 * `parse()` throws NotPlainJson when the item is not plain JSON.
 */
export class DeferredJson {
  constructor(
    readonly start: number,
    private readonly build: (start: number) => Node,
  ) {}

  parse(): Node {
    return this.build(this.start);
  }
}

/**
 * A string that does not point into the file's text. V8 keeps a slice of 13
 * or more characters as a view of the whole source, so a few ids and
 * messages would hold an entire drafts file in memory while campaigns are
 * audited; concatenating flattens a fresh copy (issue 10: memory).
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * `deferKey`: the items of the list under this key of the top-level object
 * are left unparsed (DeferredJson), only stepped over; each is parsed when
 * its reader asks, with the same checks.
 */
export function parseJsonDocument(source: string, lc: LineCounter, deferKey?: string): Document | undefined {
  let i = 0;
  const skip = () => {
    WS.lastIndex = i;
    WS.exec(source);
    i = WS.lastIndex;
  };
  const fail = (): never => {
    throw new NotPlainJson();
  };

  const string = (): Scalar => {
    const start = i;
    let j = i + 1;
    let escaped = false;
    for (;;) {
      const q = source.indexOf('"', j);
      if (q < 0) fail();
      // a quote preceded by an odd number of backslashes is escaped
      let bs = 0;
      for (let k = q - 1; k > start && source.charCodeAt(k) === 92; k--) bs++;
      if (bs % 2 === 0) {
        j = q;
        break;
      }
      j = q + 1;
    }
    const raw = source.slice(start + 1, j);
    if (raw.includes('\\')) escaped = true;
    // raw control characters are not JSON (yaml would read some of them differently)
    for (let k = 0; k < raw.length; k++) if (raw.charCodeAt(k) < 0x20) fail();
    let value: string;
    try {
      value = escaped ? (JSON.parse(source.slice(start, j + 1)) as string) : ownCopy(raw);
    } catch {
      return fail();
    }
    i = j + 1;
    const s = new Scalar(value);
    s.type = 'QUOTE_DOUBLE';
    s.range = [start, i, i];
    return s;
  };

  /** A list at `[`, each item read by `item` (a node, or a deferred one). */
  const list = (item: () => Node): YAMLSeq => {
    const start = i;
    i++;
    const seq = new YAMLSeq();
    seq.flow = true;
    skip();
    if (source[i] === ']') i++;
    else {
      for (;;) {
        seq.items.push(item());
        skip();
        if (source[i] === ',') {
          i++;
          continue;
        }
        if (source[i] === ']') {
          i++;
          break;
        }
        fail();
      }
    }
    seq.range = [start, i, i];
    return seq;
  };

  const value = (depth: number): Node => {
    if (depth > MAX_DEPTH) fail();
    skip();
    const start = i;
    const c = source[i];
    if (c === '"') return string();
    if (c === '{') {
      i++;
      const map = new YAMLMap();
      map.flow = true;
      const keys = new Set<string>();
      skip();
      if (source[i] === '}') i++;
      else {
        for (;;) {
          skip();
          if (source[i] !== '"') fail();
          const key = string();
          if (keys.has(key.value as string)) fail();
          keys.add(key.value as string);
          skip();
          if (source[i] !== ':') fail();
          i++;
          map.items.push(new Pair(key, depth === 0 && key.value === deferKey ? deferredList() : value(depth + 1)));
          skip();
          if (source[i] === ',') {
            i++;
            continue;
          }
          if (source[i] === '}') {
            i++;
            break;
          }
          fail();
        }
      }
      map.range = [start, i, i];
      return map;
    }
    if (c === '[') return list(() => value(depth + 1));
    let v: unknown;
    if (source.startsWith('true', i)) (v = true), (i += 4);
    else if (source.startsWith('false', i)) (v = false), (i += 5);
    else if (source.startsWith('null', i)) (v = null), (i += 4);
    else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(source);
      if (!m) fail();
      v = Number(m![0]);
      i = NUMBER.lastIndex;
    }
    const s = new Scalar(v);
    s.type = 'PLAIN';
    s.range = [start, i, i];
    return s;
  };

  /** Past a string's closing quote, from its opening one (escaped quotes are inside). */
  const stepOverString = (): void => {
    let j = i + 1;
    for (;;) {
      const q = source.indexOf('"', j);
      if (q < 0) fail();
      let bs = 0;
      for (let k = q - 1; k > i && source.charCodeAt(k) === 92; k--) bs++;
      if (bs % 2 === 0) {
        i = q + 1;
        return;
      }
      j = q + 1;
    }
  };

  /** Past one value without building it: brackets are counted, strings stepped over (parse() checks the rest). */
  const stepOver = (): void => {
    skip();
    const c = source[i];
    if (c !== '{' && c !== '[') {
      value(2);
      return;
    }
    let open = 0;
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === '"') {
        stepOverString();
        continue;
      }
      if (ch === '{' || ch === '[') open++;
      else if (ch === '}' || ch === ']') {
        open--;
        if (open === 0) {
          i++;
          return;
        }
      }
      i++;
    }
    fail();
  };

  /** Parse one deferred item where it starts, leaving the scan where it was. */
  const parseAt = (start: number): Node => {
    const saved = i;
    try {
      i = start;
      return value(2);
    } catch (e) {
      if (e instanceof RangeError) throw new NotPlainJson();
      throw e;
    } finally {
      i = saved;
    }
  };

  /** The deferred list: a YAMLSeq of DeferredJson (anything but a list is parsed as usual). */
  const deferredList = (): Node => {
    skip();
    if (source[i] !== '[') return value(1);
    return list(() => {
      skip();
      const d = new DeferredJson(i, parseAt);
      stepOver();
      return d as unknown as Node;
    });
  };

  let contents: Node;
  try {
    contents = value(0);
    skip();
    if (i !== source.length) fail();
  } catch (e) {
    if (e instanceof NotPlainJson || e instanceof RangeError) return undefined;
    throw e;
  }
  // as yaml's lexer does: line 1 starts at 0, every other line after a \n
  lc.addNewLine(0);
  for (let k = source.indexOf('\n'); k >= 0; k = source.indexOf('\n', k + 1)) lc.addNewLine(k + 1);
  const doc = new Document();
  doc.contents = contents;
  return doc;
}
