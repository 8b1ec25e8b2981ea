/**
 * Streaming JSON: the elements of a JSON array — the root array, or the first
 * list under a known key of a root object (`messages` in a Telegram export,
 * `group_msg_list` in a group-message dump) — one at a time with the line
 * each starts on, without holding the document. Scalar fields of the root
 * object seen before the list (a Telegram export's `name`, `type`, `id`) are
 * collected as context. A root object without such a list is returned whole
 * (a one-record document).
 *
 * Only structure is tracked here (strings, nesting, commas); each element is
 * handed to JSON.parse, so a malformed element is one bad row, not a failed
 * file. A document that ends inside an element is reported as truncated.
 */
import { InputError } from '../errors.js';

export const LIST_KEYS = ['messages', 'group_msg_list', 'chatdata', 'records', 'data', 'items', 'list', 'msg_list', 'logs', 'rows'];

export interface JsonElement {
  text: string;
  line: number;
}

const WHOLE_MAX = 64 * 1024 * 1024;

export class JsonSplitter {
  private buf = '';
  private i = 0;
  private line = 1;
  private depth = 0;
  private inStr = false;
  private esc = false;
  private root: 'unknown' | 'array' | 'object' | 'done' = 'unknown';
  private listDepth = -1;
  private listFound = false;
  private itemStart = -1;
  private itemLine = 0;
  private expectKey = false;
  private keyStart = -1;
  private key: string | undefined;
  private valueStart = -1;
  private items = 0;
  private whole: string[] | undefined = [];
  private wholeSize = 0;
  readonly rootFields: Record<string, unknown> = {};

  constructor(
    private readonly file: string,
    private readonly listKeys: readonly string[] = LIST_KEYS,
  ) {}

  get isRootArray(): boolean {
    return this.root === 'array' || (this.root === 'done' && this.listDepth === 1);
  }

  /** Feed text; returns the elements completed in it. */
  push(chunk: string): JsonElement[] {
    if (this.whole) {
      this.wholeSize += chunk.length;
      if (this.listFound || this.root === 'array' || this.wholeSize > WHOLE_MAX) this.whole = undefined;
      else this.whole.push(chunk);
    }
    const out: JsonElement[] = [];
    this.buf += chunk;
    const buf = this.buf;
    const n = buf.length;
    let i = this.i;
    for (; i < n; i++) {
      const c = buf.charCodeAt(i);
      if (this.inStr) {
        if (this.esc) this.esc = false;
        else if (c === 92) this.esc = true;
        else if (c === 34) {
          this.inStr = false;
          if (this.keyStart >= 0) {
            try {
              this.key = JSON.parse(buf.slice(this.keyStart, i + 1)) as string;
            } catch {
              this.key = undefined;
            }
            this.keyStart = -1;
          }
        } else if (c === 10) this.line++;
        continue;
      }
      switch (c) {
        case 10:
          this.line++;
          continue;
        case 32:
        case 9:
        case 13:
        case 0xfeff:
          continue;
        case 34: // "
          this.inStr = true;
          this.valueOrItemStart(i);
          if (this.root === 'object' && this.depth === 1 && this.expectKey) this.keyStart = i;
          continue;
        case 123: // {
        case 91: // [
          if (this.root === 'unknown') {
            this.root = c === 91 ? 'array' : 'object';
            this.depth = 1;
            if (c === 91) this.listDepth = 1;
            else this.expectKey = true;
            continue;
          }
          if (this.root === 'done') throw this.trailing();
          if (this.root === 'object' && this.depth === 1 && !this.expectKey && c === 91 && !this.listFound && this.key !== undefined && this.listKeys.includes(this.key)) {
            this.listFound = true;
            this.listDepth = 2;
            this.depth = 2;
            this.whole = undefined;
            continue;
          }
          this.valueOrItemStart(i);
          this.depth++;
          continue;
        case 125: // }
        case 93: // ]
          if (this.root === 'done' || this.root === 'unknown') throw this.trailing();
          if (this.depth === this.listDepth) {
            // the list closes
            if (this.itemStart >= 0) out.push(this.emit(buf, i));
            this.depth--;
            if (this.root === 'array') {
              this.root = 'done';
              this.depth = 0;
            } else this.listDepth = -1;
            continue;
          }
          this.depth--;
          if (this.root === 'object' && this.depth === 1) {
            // a nested value at depth 1 ends; nothing to capture
          } else if (this.root === 'object' && this.depth === 0) {
            this.captureScalar(buf, i);
            this.root = 'done';
          }
          continue;
        case 44: // ,
          if (this.depth === this.listDepth && this.itemStart >= 0) out.push(this.emit(buf, i));
          else if (this.root === 'object' && this.depth === 1) {
            this.captureScalar(buf, i);
            this.expectKey = true;
          }
          continue;
        case 58: // :
          if (this.root === 'object' && this.depth === 1) this.expectKey = false;
          continue;
        default:
          if (this.root === 'unknown' || this.root === 'done') throw this.trailing();
          this.valueOrItemStart(i);
      }
    }
    // Keep only what an open element, key or value still needs.
    const keep = Math.min(...[this.itemStart, this.keyStart, this.valueStart, i].filter((x) => x >= 0));
    this.buf = buf.slice(keep);
    const shift = (x: number) => (x >= 0 ? x - keep : x);
    this.itemStart = shift(this.itemStart);
    this.keyStart = shift(this.keyStart);
    this.valueStart = shift(this.valueStart);
    this.i = i - keep;
    return out;
  }

  /** End of input: the whole root object when it held no list; throws when the document is cut short. */
  end(): { whole?: unknown } {
    if (this.root === 'unknown') return {};
    if (this.inStr || this.depth > 0 || this.root !== 'done') {
      const where = this.itemStart >= 0 ? `inside element ${this.items + 1} (line ${this.itemLine})` : `at line ${this.line}`;
      throw new InputError(`truncated: the JSON document ends ${where}`, this.file, this.itemStart >= 0 ? this.itemLine : this.line);
    }
    if (!this.listFound && this.root === 'done' && this.listDepth !== 1) {
      if (!this.whole) throw new InputError('a JSON object without a list of records (messages, group_msg_list, records…) and too large to read whole', this.file);
      try {
        return { whole: JSON.parse(this.whole.join('')) };
      } catch (e) {
        throw new InputError(`invalid JSON: ${(e as Error).message}`, this.file);
      }
    }
    return {};
  }

  private valueOrItemStart(i: number): void {
    if (this.depth === this.listDepth && this.itemStart < 0) {
      this.itemStart = i;
      this.itemLine = this.line;
    } else if (this.root === 'object' && this.depth === 1 && !this.expectKey && this.valueStart < 0) this.valueStart = i;
  }

  private captureScalar(buf: string, i: number): void {
    if (this.valueStart < 0 || this.key === undefined) {
      this.valueStart = -1;
      return;
    }
    const text = buf.slice(this.valueStart, i).trim();
    this.valueStart = -1;
    const c = text.charCodeAt(0);
    if (c === 123 || c === 91) return; // nested objects and arrays are not context
    try {
      this.rootFields[this.key] = JSON.parse(text);
    } catch {
      /* malformed scalar: ignore as context */
    }
  }

  private emit(buf: string, i: number): JsonElement {
    const el = { text: buf.slice(this.itemStart, i), line: this.itemLine };
    this.itemStart = -1;
    this.items++;
    return el;
  }

  private trailing(): InputError {
    return new InputError('unexpected data after the end of the JSON document', this.file, this.line);
  }
}
