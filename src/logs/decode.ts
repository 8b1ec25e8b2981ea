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
import { normalize } from '../text/normalize.js';

/** The encodings detection knows; `--encoding` takes these and any other iconv-lite knows (cp1251, big5, shift_jis…). */
export const ENCODINGS = ['utf8', 'utf16le', 'utf16be', 'gb18030', 'gbk'] as const;
/** utf8, utf16le, utf16be, gb18030, gbk, or another iconv-lite encoding name as given (lower case). */
export type Encoding = (typeof ENCODINGS)[number] | (string & {});

export function parseEncoding(v: string | undefined): Encoding | undefined {
  if (v === undefined) return undefined;
  const k = v.toLowerCase().replace(/[-_\s]/g, '');
  const alias: Record<string, Encoding> = { utf8: 'utf8', utf16le: 'utf16le', utf16: 'utf16le', ucs2: 'utf16le', utf16be: 'utf16be', gb18030: 'gb18030', gbk: 'gbk', gb2312: 'gbk', cp936: 'gbk' };
  const e = alias[k];
  if (e) return e;
  if (iconv.encodingExists(v.trim())) return v.trim().toLowerCase();
  throw new InputError(`--encoding: unknown encoding "${v}": expected ${ENCODINGS.join(', ')} or another encoding iconv-lite knows (cp1251, windows-1252, big5, shift_jis, euc-kr, latin1…)`);
}

/** Multi-byte legacy encodings: a trailing U+FFFD from the decoder is a character cut off by the end of the file. */
const MULTIBYTE = /^(?:gb|big5|cp9(?:36|49|50)|shift|sjis|windows31j|euc|ks_?c|uhc|cp932)/i;

/**
 * The 500-odd characters that make up most of any Chinese text (plus the
 * trade's own: 优惠 下单 包邮 …). Bytes of another encoding read as GB18030
 * come out as valid but random characters — Cyrillic cp1251 as rare level-2
 * hanzi, EUC-KR Hangul as a spread of level-1 ones — and miss these.
 */
const FREQUENT_HAN = new Set(
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴疑讲料您请优惠券购买价格折扣送免费领取活动会员店铺订单货快递客服咨询群宝贝包邮猫狗粮食品新款上市限时秒杀抢福利分享交流预约门店积分兑换到期提醒退订回复谢谢感谢欢迎注意通知安排时间明天今天今晚周末元块零钱支付账户登录验证码查看详情点击链接小程序开播直播课程报名老师学员'.replace(/\s/g, ''),
);

interface Plausibility {
  ok: boolean;
  /** Double- and four-byte characters seen, and how many were outside the common ones. */
  chars: number;
  rare: number;
  invalid: number;
}

/**
 * Whether bytes that are not UTF-8 read as Chinese in GB18030. GB18030 decodes
 * nearly any bytes into valid characters, so validity says little; what the
 * characters are says more. Another encoding read as GB18030 comes out as
 * rare characters or random ones: Cyrillic cp1251 as GB2312's level-2 hanzi
 * (lead bytes D8–F7), Big5 and Shift_JIS largely as GBK extension characters,
 * EUC-KR Hangul as a random spread of level-1 ones. Real Chinese text —
 * Simplified, or Traditional saved as GBK — is mostly the most frequent few
 * hundred characters (after folding Traditional to Simplified), with few
 * level-2 ones. Short samples (under 8 Han characters) must be almost all
 * GB2312 level 1 and punctuation. Emoji (four-byte codes of the
 * supplementary planes) are neutral.
 */
export function gb18030Plausible(buf: Uint8Array): Plausibility {
  let common = 0, rare = 0, level2 = 0, invalid = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const t = buf[i + 1];
    if (b === 0x80 || b === 0xff || t === undefined) {
      invalid++;
      i++;
      continue;
    }
    if (t >= 0x30 && t <= 0x39) {
      if (b < 0x90) rare++;
      i += 4;
      continue;
    }
    if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) {
      if (t >= 0xa1 && ((b >= 0xb0 && b <= 0xd7) || (b >= 0xa1 && b <= 0xa3))) common++;
      else {
        rare++;
        if (b >= 0xd8 && b <= 0xf7 && t >= 0xa1) level2++;
      }
      i += 2;
      continue;
    }
    invalid++;
    i++;
  }
  const chars = common + rare;
  if (invalid > 0 || chars === 0) return { ok: false, chars, rare, invalid };
  const text = normalize(iconv.decode(Buffer.from(buf), 'gb18030')).norm;
  let han = 0, frequent = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x3400 && c <= 0x9fff) {
      han++;
      if (FREQUENT_HAN.has(ch)) frequent++;
    }
  }
  const ok = han < 8 ? common >= 0.8 * chars : frequent >= 0.3 * han && level2 < 0.3 * chars;
  return { ok, chars, rare, invalid };
}

/** Encodings to suggest for bytes that are neither UTF-8 nor Chinese: the one whose decoding reads best first. */
export function suggestEncodings(buf: Uint8Array): string[] {
  const sample = Buffer.from(buf.subarray(0, 65_536));
  const candidates: Array<{ enc: string; script: RegExp }> = [
    { enc: 'cp1251', script: /[\u0400-\u04ff]/u },
    { enc: 'cp1252', script: /[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]/u },
    { enc: 'big5', script: /\p{Script=Han}/u },
    { enc: 'shift_jis', script: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u },
    { enc: 'euc-kr', script: /\p{Script=Hangul}/u },
  ];
  const scored = candidates.map(({ enc, script }) => {
    const text = iconv.decode(sample, enc);
    let high = 0, hit = 0, bad = 0;
    for (const ch of text) {
      if (ch.charCodeAt(0) < 0x80) continue;
      high++;
      if (ch === '\uFFFD' || /[\u0080-\u009f]/.test(ch)) bad++;
      else if (script.test(ch)) hit++;
    }
    return { enc, score: high ? (hit - 2 * bad) / high : 0 };
  });
  return scored
    .filter((x) => x.score > 0.5)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.enc);
}

/** The error for bytes no detected encoding reads: the byte offset, its line, and what to try. */
export function undecodable(file: string, buf: Uint8Array, at: number, base = 0, baseLine = 0): InputError {
  const line = baseLine + countNewlines(buf, at) + 1;
  const tries = [...suggestEncodings(buf), 'gb18030', 'utf16le'].filter((e, i, a) => a.indexOf(e) === i).slice(0, 4);
  return new InputError(
    `cannot tell the encoding: byte ${base + at} (0x${buf[at]!.toString(16).padStart(2, '0')}) is not UTF-8, and read as GB18030 the text is not plausible Chinese; name the encoding with --encoding (try ${tries.map((e) => `--encoding ${e}`).join(', ')})`,
    file,
    line,
  );
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
    // GB18030 decodes nearly any bytes: take it only when the result reads as Chinese, never silently otherwise
    if (encoding === 'gb18030' && !gb18030Plausible(body).ok) throw undecodable(file, body, firstInvalidUtf8(body));
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
  if (how === 'forced' && !iconv.encodingExists(encoding)) throw new InputError(`--encoding: unknown encoding "${encoding}"`, file);

  let chunks: AsyncIterable<Buffer | string>;
  if (encoding === 'utf8') chunks = utf8Chunks(file, first, rest(), how !== 'detected' || !isAscii(first), opts);
  else if (encoding === 'utf16le' || encoding === 'utf16be') chunks = utf16Chunks(file, first, rest(), encoding as 'utf16le' | 'utf16be');
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
  let offset = 0;
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
        if (!gb18030Plausible(body.subarray(at, at + 65_536)).ok) throw undecodable(file, body, at, offset, lines);
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
    offset += body.length;
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

/** GB18030/GBK (a superset: GBK files decode as GB18030 too) and any other iconv-lite encoding, streaming. */
async function* iconvChunks(file: string, first: Buffer, rest: AsyncIterable<Buffer>, enc: Encoding): AsyncGenerator<string> {
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
  if (MULTIBYTE.test(enc) && last.endsWith('\uFFFD')) throw new InputError(`truncated: the file ends inside a ${enc === 'gbk' || enc === 'gb18030' ? 'GB18030' : enc} character`, file);
  if (last) yield last;
}

/**
 * A whole file already in memory → text, with the same detection as
 * openText (BOM; else UTF-16 by its NUL pattern; else UTF-8 if valid; else
 * GB18030) and the same errors. For small inputs read at once (campaign
 * drafts, stdin) where streaming buys nothing.
 */
export function decodeBytes(buf: Buffer, file: string, opts: { encoding?: Encoding } = {}): { text: string; encoding: Encoding } {
  let bom: Encoding | undefined;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) bom = 'utf8';
  else if (buf[0] === 0xff && buf[1] === 0xfe) bom = 'utf16le';
  else if (buf[0] === 0xfe && buf[1] === 0xff) bom = 'utf16be';
  let encoding: Encoding;
  if (opts.encoding) {
    encoding = opts.encoding;
    if (bom && bom !== encoding) {
      throw new InputError(`--encoding ${encoding}, but the file starts with a ${bom === 'utf8' ? 'UTF-8' : bom === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} byte-order mark (drop --encoding to detect it)`, file);
    }
  } else {
    encoding = bom ?? sniffUtf16(buf) ?? (isUtf8(buf) ? 'utf8' : 'gb18030');
    // as in openText: GB18030 only when the bytes read as Chinese
    if (!bom && encoding === 'gb18030' && !gb18030Plausible(buf.subarray(0, 1 << 20)).ok) throw undecodable(file, buf, firstInvalidUtf8(buf));
  }
  const body = bom ? buf.subarray(bom === 'utf8' ? 3 : 2) : buf;
  const lineAt = (offset: number) => countNewlines(body, offset) + 1;
  if (encoding === 'utf8') {
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      if (at >= completeUtf8(body) && at < body.length) throw new InputError(`truncated: the file ends inside a UTF-8 character`, file, lineAt(at));
      throw new InputError(`not valid UTF-8 (byte 0x${body[at]!.toString(16).padStart(2, '0')}); the file looks like another encoding: try --encoding gb18030 or --encoding utf16le`, file, lineAt(at));
    }
    return { text: body.toString('utf8'), encoding };
  }
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    try {
      return { text: new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(body), encoding };
    } catch {
      throw new InputError(`not valid ${encoding === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'}; try another --encoding`, file);
    }
  }
  const text = iconv.decode(body, encoding);
  // iconv-lite writes U+FFFD for bytes GB18030 cannot decode: that is not this encoding (or a cut file), not text to audit.
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0 && !body.includes(Buffer.from('\uFFFD', 'utf8'))) {
    const line = text.slice(0, bad).split('\n').length;
    throw new InputError(`neither valid UTF-8 nor ${encoding === 'gbk' ? 'GBK' : 'GB18030'}${opts.encoding ? '' : ' (the encodings detected)'}: name the encoding with --encoding (utf8, utf16le, utf16be, gb18030, gbk)`, file, line);
  }
  return { text, encoding };
}
