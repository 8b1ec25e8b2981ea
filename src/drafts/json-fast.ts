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

class NotPlainJson extends Error {}

/**
 * A string that does not point into the file's text. V8 keeps a slice of 13
 * or more characters as a view of the whole source, so a few ids and
 * messages would hold an entire drafts file in memory while campaigns are
 * audited; concatenating flattens a fresh copy (issue 10: memory).
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

export function parseJsonDocument(source: string, lc: LineCounter): Document | undefined {
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
          map.items.push(new Pair(key, value(depth + 1)));
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
    if (c === '[') {
      i++;
      const seq = new YAMLSeq();
      seq.flow = true;
      skip();
      if (source[i] === ']') i++;
      else {
        for (;;) {
          seq.items.push(value(depth + 1));
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
    }
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
