/**
 * Bytes → text, streaming. Encodings: UTF-8 (with or without BOM), UTF-16
 * LE/BE (BOM, or the NUL pattern of mostly-ASCII text), GB18030/GBK (what
 * Excel writes on a Chinese Windows). Detection: the BOM; else whether the
 * first chunk is valid UTF-8; else GB18030 (a superset of GBK).
 *
 * Valid UTF-8 is passed on as Buffers cut on character boundaries (each is
 * decoded once, by its reader, with no decoder state to carry); the other
 * encodings are decoded to strings (UTF-16 with a fatal TextDecoder, GB18030
 * with iconv-lite's decodeStream). A wrong or forced-but-wrong encoding and a
 * file that ends inside a character are input errors naming file and line.
 */
import { createReadStream } from 'node:fs';
import { Readable, type Transform } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { InputError } from '../errors.js';

export const ENCODINGS = ['utf8', 'utf16le', 'utf16be', 'gb18030', 'gbk'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export function parseEncoding(v: string | undefined): Encoding | undefined {
  if (v === undefined) return undefined;
  const k = v.toLowerCase().replace(/[-_\s]/g, '');
  const alias: Record<string, Encoding> = { utf8: 'utf8', utf16le: 'utf16le', utf16: 'utf16le', ucs2: 'utf16le', utf16be: 'utf16be', gb18030: 'gb18030', gbk: 'gbk', gb2312: 'gbk', cp936: 'gbk' };
  const e = alias[k];
  if (!e) throw new InputError(`--encoding: expected ${ENCODINGS.join(' | ')}, got "${v}"`);
  return e;
}

export interface DecodedSource {
  encoding: Encoding;
  /** How the encoding was decided. */
  how: 'bom' | 'forced' | 'detected';
  /** The first few KB as text, for format sniffing. */
  head: string;
  /** The whole file as text chunks (UTF-8: Buffers cut on character boundaries). */
  chunks: AsyncIterable<Buffer | string>;
  /** Stop reading (when only the head was needed). */
  close(): Promise<void>;
}

export interface DecodeOptions {
  encoding?: Encoding;
  /** Raw bytes read so far (progress). */
  onBytes?: (n: number) => void;
  /** A note for stderr (e.g. a guessed encoding that looks wrong). */
  warn?: (msg: string) => void;
  chunkSize?: number;
}

const HEAD_BYTES = 64 * 1024;

function countNewlines(buf: Uint8Array, end = buf.length): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/** Length of `buf` without a trailing incomplete UTF-8 sequence. */
function completeUtf8(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that breaks UTF-8 (for the error message). */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= buf.length || (buf[i + k]! & 0xc0) !== 0x80) return i;
    if (need && !isUtf8(buf.subarray(i, i + need + 1))) return i; // overlong or surrogate
    i += need + 1;
  }
  return buf.length;
}

const isAscii = (buf: Uint8Array) => {
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0x80) return false;
  return true;
};

/** UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte. */
function sniffUtf16(buf: Uint8Array): Encoding | undefined {
  const n = Math.min(buf.length, 1024) & ~1;
  if (n < 8) return undefined;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.4 && even < half * 0.05) return 'utf16le';
  if (even > half * 0.4 && odd < half * 0.05) return 'utf16be';
  return undefined;
}

async function* fileChunks(file: string, size: number, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  const stream = createReadStream(file, { highWaterMark: size });
  try {
    for await (const chunk of stream) {
      onBytes?.((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read file (${code ?? String(e)})`, file);
  }
}

export async function openText(file: string, opts: DecodeOptions = {}): Promise<DecodedSource> {
  const it = fileChunks(file, opts.chunkSize ?? 1 << 20, opts.onBytes)[Symbol.asyncIterator]();
  // Read enough for detection (a chunk may be short at the start of a pipe).
  const firstParts: Buffer[] = [];
  let have = 0;
  let done = false;
  while (have < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    firstParts.push(r.value);
    have += r.value.length;
  }
  let first = Buffer.concat(firstParts);
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  };

  let encoding: Encoding;
  let how: DecodedSource['how'];
  let bom: Encoding | undefined;
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) bom = 'utf8';
  else if (first[0] === 0xff && first[1] === 0xfe) bom = 'utf16le';
  else if (first[0] === 0xfe && first[1] === 0xff) bom = 'utf16be';
  if (opts.encoding) {
    encoding = opts.encoding;
    how = 'forced';
    if (bom && bom !== encoding && !(bom === 'utf8' && encoding === 'utf8')) {
      throw new InputError(`--encoding ${encoding}, but the file starts with a ${bom === 'utf8' ? 'UTF-8' : bom === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} byte-order mark (drop --encoding to detect it)`, file);
    }
  } else if (bom) {
    encoding = bom;
    how = 'bom';
  } else {
    how = 'detected';
    // a character cut at the end (of the chunk, or of a truncated file) says nothing against UTF-8
    const body = first.subarray(0, completeUtf8(first));
    encoding = sniffUtf16(first) ?? (isUtf8(body) ? 'utf8' : 'gb18030');
  }
  if (bom === 'utf8' && encoding === 'utf8') first = first.subarray(3);
  if (encoding === 'gbk' || encoding === 'gb18030') {
    const headUtf8 = first.subarray(0, done ? first.length : completeUtf8(first));
    if (how === 'forced' && !isAscii(headUtf8) && isUtf8(headUtf8)) opts.warn?.(`${file}: --encoding ${encoding}, but the start of the file is valid UTF-8 with Chinese text; if the report shows garbled text, drop --encoding`);
  }

  const headText = (enc: Encoding) => {
    const slice = first.subarray(0, Math.min(first.length, 8192));
    if (enc === 'utf8') return new TextDecoder('utf-8').decode(slice);
    if (enc === 'utf16le' || enc === 'utf16be') return new TextDecoder(enc === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(slice);
    return iconv.decode(Buffer.from(slice), enc);
  };

  let chunks: AsyncIterable<Buffer | string>;
  if (encoding === 'utf8') chunks = utf8Chunks(file, first, rest(), how !== 'detected' || !isAscii(first), opts);
  else if (encoding === 'utf16le' || encoding === 'utf16be') chunks = utf16Chunks(file, first, rest(), encoding);
  else chunks = iconvChunks(file, first, rest(), encoding);
  return {
    encoding,
    how,
    head: headText(encoding),
    chunks,
    close: async () => {
      await it.return?.(undefined);
    },
  };
}

/**
 * Validated UTF-8, cut on character boundaries. When UTF-8 was only guessed
 * from an all-ASCII start (an English header over Chinese rows saved as GBK),
 * the first invalid byte switches the rest of the file to GB18030 — ASCII is
 * the same in both — instead of failing.
 */
async function* utf8Chunks(file: string, first: Buffer, rest: AsyncIterable<Buffer>, committed: boolean, opts: DecodeOptions): AsyncGenerator<Buffer | string> {
  let carry: Buffer | undefined;
  let lines = 0;
  let sawNonAscii = committed;
  let gb: ReturnType<typeof iconv.getDecoder> | undefined;
  const all = (async function* () {
    yield first;
    yield* rest;
  })();
  for await (const raw of all) {
    if (gb) {
      const s = gb.write(raw);
      if (s) yield s;
      continue;
    }
    const buf = carry ? Buffer.concat([carry, raw]) : raw;
    const end = completeUtf8(buf);
    const body = end === buf.length ? buf : buf.subarray(0, end);
    carry = end === buf.length ? undefined : Buffer.from(buf.subarray(end));
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      if (!sawNonAscii && isAscii(body.subarray(0, at))) {
        opts.warn?.(`${file}: not UTF-8 after line ${lines + countNewlines(body, at) + 1}; reading it as GB18030 (name it with --encoding)`);
        if (at) yield body.subarray(0, at);
        gb = iconv.getDecoder('gb18030');
        const s = gb.write(Buffer.concat([body.subarray(at), carry ?? Buffer.alloc(0)]));
        carry = undefined;
        if (s) yield s;
        continue;
      }
      const line = lines + countNewlines(body, at) + 1;
      throw new InputError(`not valid UTF-8 (byte 0x${body[at]!.toString(16).padStart(2, '0')}); the file looks like another encoding: try --encoding gb18030 (Excel exports in China) or --encoding utf16le`, file, line);
    }
    if (!sawNonAscii && !isAscii(body)) sawNonAscii = true;
    lines += countNewlines(body);
    if (body.length) yield body;
  }
  if (gb) {
    const tail = gb.end();
    if (tail) {
      if (tail.includes('\uFFFD')) throw new InputError('truncated: the file ends inside a GB18030 character', file);
      yield tail;
    }
    return;
  }
  if (carry?.length) throw new InputError(`truncated: the file ends inside a UTF-8 character (after line ${lines + 1})`, file, lines + 1);
}

async function* utf16Chunks(file: string, first: Buffer, rest: AsyncIterable<Buffer>, enc: 'utf16le' | 'utf16be'): AsyncGenerator<string> {
  // fatal: unpaired surrogates are an encoding error, not text
  const dec = new TextDecoder(enc === 'utf16le' ? 'utf-16le' : 'utf-16be', { fatal: true });
  let lines = 0;
  const step = (buf: Buffer, stream: boolean) => {
    try {
      return dec.decode(buf, { stream });
    } catch {
      if (!stream) throw new InputError(`truncated: the file ends inside a UTF-16 character (after line ${lines + 1})`, file, lines + 1);
      throw new InputError(`not valid ${enc === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} near line ${lines + 1}; try another --encoding`, file, lines + 1);
    }
  };
  for await (const raw of (async function* () {
    yield first;
    yield* rest;
  })()) {
    const s = step(raw, true);
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) lines++;
    if (s) yield s;
  }
  const tail = step(Buffer.alloc(0), false);
  if (tail) yield tail;
}

/** GB18030/GBK with iconv-lite's streaming decoder (a superset: GBK files decode as GB18030 too). */
async function* iconvChunks(file: string, first: Buffer, rest: AsyncIterable<Buffer>, enc: 'gb18030' | 'gbk'): AsyncGenerator<string> {
  const decoder = iconv.decodeStream(enc) as unknown as Transform;
  const source = Readable.from(
    (async function* () {
      yield first;
      yield* rest;
    })(),
    { objectMode: false },
  );
  source.on('error', (e) => decoder.destroy(e));
  source.pipe(decoder);
  let last = '';
  for await (const s of decoder as AsyncIterable<string>) {
    if (last) yield last;
    last = s;
  }
  // iconv-lite flushes an incomplete trailing character as U+FFFD
  if (last.endsWith('\uFFFD')) throw new InputError('truncated: the file ends inside a GB18030 character', file);
  if (last) yield last;
}
