/**
 * PII redaction for reports (on by default; `--no-redact` turns it off).
 *
 * Reports travel further than the drafts and logs they come from: into CI
 * logs, PR comments, code-scanning dashboards and HTML files mailed around.
 * A log export is full of customers' phone numbers and ids, and copy often
 * carries a store's or a test customer's number. So every string of the
 * Report is masked before any formatter sees it, keeping a hint a reviewer can
 * still recognise (138****5678, a***@example.com, wm***Yz).
 *
 * What is masked, and what is deliberately left alone (docs/html-and-redaction.md):
 *  - mainland mobiles (1[3-9]x, spaces/dashes, +86/0086/86), mainland
 *    landlines (0xx[x]-[2-9]xxxxxx[x], +86 without the 0), Taiwan mobiles
 *    (09xx-xxx-xxx), North American numbers written 3-3-4 with separators,
 *    any other +CC / 00CC number of 8-15 digits (E.164);
 *  - e-mail addresses; mainland ID cards (18 digits with a valid date and an
 *    optional X checksum; the old 15-digit form); bank-card-like runs of
 *    16-19 digits (plain or in groups of four) — this also covers long order
 *    and waybill numbers, which identify one customer's parcel and address;
 *  - WeChat ids (wxid_…, and an id written after 微信号 / WeChat ID / VX:),
 *    QQ numbers after "QQ", WeChat Work external user ids (wm…/wo…, 28-32 chars);
 *  - kept: prices, counts, dates and times, short or alphanumeric order codes
 *    (SO-20261111-001), 400/800 business hotlines (the brand's own number),
 *    digits glued to Latin letters (SKU13812345678 is a product code).
 *
 * Matching runs on a copy with full-width digits, +, -, @ and spaces folded to
 * ASCII (one UTF-16 unit each, so offsets are shared) and masks the original
 * characters, so １３８１２３４５６７８ is caught and keeps its width.
 */

export type PiiKind = 'email' | 'wxid' | 'wecom-id' | 'wechat-id' | 'qq' | 'id-card' | 'bank-card' | 'mobile' | 'landline' | 'phone';

export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  /** The text that replaces [start, end). */
  masked: string;
}

/** Not glued to a Latin letter, digit or underscore (Chinese text has no spaces around numbers). */
const B = '(?<![0-9A-Za-z_])';
const E = '(?![0-9A-Za-z_])';
const DATE8 = '(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const DATE6 = '\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const CN = '(?:(?:\\+|00) ?86[ -]?|\\(\\+?86\\) ?)';

/**
 * One alternation, most specific first: at a given position the first
 * alternative that matches wins (an e-mail before the phone number in its
 * local part; an ID card before the card-number run it also is).
 */
type PatternKind = PiiKind | 'wechat-label' | 'qq-label' | 'phone-nanp' | 'mobile-tw';
const PATTERNS: Array<[PatternKind, string]> = [
  ['email', `(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}(?![A-Za-z0-9-])`],
  ['wxid', `(?<![A-Za-z0-9_-])wxid_[A-Za-z0-9_-]{4,}(?![A-Za-z0-9_-])`],
  ['wecom-id', `(?<![A-Za-z0-9_-])w[mo][A-Za-z0-9_-]{26,30}(?![A-Za-z0-9_-])`],
  // A chosen WeChat id: 6-20 chars starting with a letter, after a label that says it is one.
  ['wechat-label', `(?:(?:微信号|微信ID|微信id|WeChat ID|Wechat ID|WeChat id|wechat id)[ ]?[:：]?|(?:微信|WeChat|Wechat|wechat|VX|Vx|vx|WX|wx|V信|v信)[ ]?[:：])[ ]?[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])`],
  ['qq-label', `(?:QQ|qq)(?:号)?[ ]?[:：]?[ ]?[1-9]\\d{4,10}${E}`],
  ['id-card', `${B}(?:[1-9]\\d{5}[ -]?${DATE8}[ -]?\\d{3}[0-9Xx]|[1-9]\\d{5}${DATE6}\\d{3})${E}`],
  ['bank-card', `${B}\\d{4}(?:[ -]?\\d{4}){3}(?:[ -]?\\d{1,3})?${E}`],
  ['mobile', `${B}(?:${CN}|86)?1[3-9]\\d(?:[ -]?\\d{4}){2}${E}`],
  ['mobile-tw', `${B}09\\d{2}[ -]?\\d{3}[ -]?\\d{3}${E}`],
  ['landline', `${B}(?:${CN}(?:\\(0\\)|0)?[1-9]\\d{1,2}|\\(0\\d{2,3}\\)|0\\d{2,3})[ -]?[1-9]\\d{2,3}[ -]?\\d{4}${E}`],
  // North American 3-3-4 with separators; 400 / 8xx hotlines are a business's own number, not a person's.
  ['phone-nanp', `${B}(?:\\+?1[ .-]?)?(?!\\(?(?:400|8(?:00|33|44|55|66|77|88))\\)?[ .-])(?:\\([2-9]\\d{2}\\) ?|[2-9]\\d{2}[ .-])[2-9]\\d{2}[ .-]\\d{4}${E}`],
  // Any other E.164 number: +CC then groups each introduced by a separator (no ambiguous backtracking).
  ['phone', `(?<![0-9A-Za-z_+])(?:\\+|00)[1-9]\\d*(?:(?:[ .-]| ?\\()\\d+\\)?)*${E}`],
];

const COMBINED = new RegExp(PATTERNS.map(([, src], i) => `(?<k${i}>${src})`).join('|'), 'g');

/** Full-width forms (U+FF01–FF5E) and the ideographic space to ASCII, one UTF-16 unit for one. */
function fold(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const digitCount = (s: string) => s.replace(/[^0-9]/g, '').length;

/** Replace every digit but the first `keepFirst` and last `keepLast` with *, keeping separators. */
function maskDigits(orig: string, folded: string, keepFirst: number, keepLast: number): string {
  const total = digitCount(folded);
  let seen = 0;
  let out = '';
  for (let i = 0; i < orig.length; i++) {
    if (isDigit(folded[i]!)) {
      out += seen < keepFirst || seen >= total - keepLast ? orig[i] : '*';
      seen++;
    } else out += orig[i];
  }
  return out;
}

/** The +86 / 0086 / (+86) / glued 86 prefix of a mainland number: its length and digits. */
function cnPrefix(folded: string): { length: number; digits: number } {
  const m = /^(?:(?:\+|00) ?86[ -]?|\(\+?86\) ?|86(?=1[3-9]))/.exec(folded);
  return m ? { length: m[0].length, digits: digitCount(m[0]) } : { length: 0, digits: 0 };
}

/** A short id keeps one or two characters at each end. */
function shortId(v: string): string {
  const keep = v.length >= 10 ? 2 : 1;
  return `${v.slice(0, keep)}***${v.slice(-keep)}`;
}

function maskMatch(kind: PatternKind, orig: string, folded: string): { kind: PiiKind; masked: string } | undefined {
  switch (kind) {
    case 'email':
      return { kind, masked: `${orig.slice(0, 1)}***${orig.slice(folded.indexOf('@'))}` };
    case 'wxid':
      return { kind, masked: `wxid_***${orig.slice(-2)}` };
    case 'wecom-id':
      // Real ids mix case or digits; a long all-lowercase run is a word or a slug, not an id.
      if (!/[A-Z0-9]/.test(folded.slice(2))) return undefined;
      return { kind, masked: `${orig.slice(0, 2)}***${orig.slice(-2)}` };
    case 'wechat-label': {
      const at = /[A-Za-z][A-Za-z0-9_-]{5,19}$/.exec(folded)!.index;
      return { kind: 'wechat-id', masked: orig.slice(0, at) + shortId(orig.slice(at)) };
    }
    case 'qq-label': {
      const at = /[0-9]+$/.exec(folded)!.index;
      return { kind: 'qq', masked: orig.slice(0, at) + shortId(orig.slice(at)) };
    }
    case 'id-card':
      // The trailing X is the checksum, part of the number: mask it like a digit.
      return { kind, masked: maskDigits(orig, folded.replace(/[Xx]$/, '0'), 3, digitCount(folded.replace(/[Xx]$/, '0')) === 18 ? 4 : 3) };
    case 'bank-card':
      return { kind, masked: maskDigits(orig, folded, 4, 4) };
    case 'mobile':
      return { kind, masked: maskDigits(orig, folded, cnPrefix(folded).digits + 3, 4) };
    case 'mobile-tw':
      return { kind: 'mobile', masked: maskDigits(orig, folded, 4, 3) };
    case 'landline': {
      // Keep the country and area code (a city, not a person) and the last 4 digits.
      const pre = cnPrefix(folded);
      const area = /^(?:\(0\))?\(?([0-9]+)[) -]/.exec(folded.slice(pre.length));
      const areaDigits = area && area[1]!.length <= 4 ? digitCount(area[0]) : 3;
      return { kind, masked: maskDigits(orig, folded, pre.digits + areaDigits, 4) };
    }
    case 'phone-nanp': {
      const one = digitCount(folded) === 11 ? 1 : 0;
      return { kind: 'phone', masked: maskDigits(orig, folded, one, 4) };
    }
    case 'phone': {
      const intl = folded.startsWith('00') ? 2 : 0;
      const digits = digitCount(folded) - intl;
      if (digits < 8 || digits > 15) return undefined;
      // The country code: the first group when the number is grouped, else its first two digits.
      const lead = /^(?:\+|00)([0-9]+)/.exec(folded)![1]!;
      const cc = lead.length <= 3 && lead.length < digits ? lead.length : 2;
      return { kind, masked: maskDigits(orig, folded, intl + cc, 4) };
    }
  }
}

/** The PII in a text, in order, with what each span becomes. */
export function piiSpans(text: string): PiiSpan[] {
  const folded = fold(text);
  const spans: PiiSpan[] = [];
  COMBINED.lastIndex = 0;
  for (const m of folded.matchAll(COMBINED)) {
    // the patterns capture nothing of their own: capture i + 1 is PATTERNS[i]
    let g = 1;
    while (m[g] === undefined) g++;
    const kind = PATTERNS[g - 1]![0];
    const start = m.index!;
    const end = start + m[0].length;
    const r = maskMatch(kind, text.slice(start, end), m[0]);
    if (r) spans.push({ kind: r.kind, start, end, masked: r.masked });
  }
  return spans;
}

/**
 * What every PII pattern needs somewhere in the text: four digits in a row (a
 * mobile, card, ID, landline or NANP number has them; a QQ number has five),
 * a + or 00 (E.164), an @, a w-id or a WeChat or QQ label. Most texts of a
 * report — times, counts, prices, advice — have none, and skip the combined
 * pattern. Full-width letters fold into labels, so they take the slow path.
 */
const MAYBE_PII = /[0-9\uFF10-\uFF19]{4}|[0\uFF10]{2}|[@\uFF20+\uFF0B]|w[xmo]|微信|wechat|v信|vx|qq|[\uFF21-\uFF3A\uFF41-\uFF5A]/i;

/** `text` with each span replaced by its mask. */
export function maskSpans(text: string, spans: readonly PiiSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.masked;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The text with every PII span masked. */
export function redactText(text: string): string {
  return MAYBE_PII.test(text) ? maskSpans(text, piiSpans(text)) : text;
}

/**
 * Fields that name the tool, rules, files and enums, not people: left as they
 * are so SARIF locations still point at the file and rule ids stay stable.
 */
const KEEP_KEYS = new Set(['tool', 'version', 'schemaVersion', 'lang', 'ruleId', 'severity', 'file', 'source', 'uri', 'helpUri', 'channel', 'grade']);

function redactValue(v: unknown, key: string | undefined, memo: Map<string, string>): unknown {
  if (typeof v === 'string') {
    if (key !== undefined && KEEP_KEYS.has(key)) return v;
    // A log report repeats the same advice, excerpt and template on thousands of findings: mask each once.
    let r = memo.get(v);
    if (r === undefined) {
      r = redactText(v);
      memo.set(v, r);
    }
    return r;
  }
  if (Array.isArray(v)) return v.map((x) => redactValue(x, undefined, memo));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    // Same key order as the input, so redacted JSON stays byte-identical run to run.
    for (const [k, x] of Object.entries(v)) out[k] = redactValue(x, k, memo);
    return out;
  }
  return v;
}

/**
 * The same masking, done to the report itself rather than to a copy (the CLI
 * owns its report and prints it once: a copy of a 100,000-campaign report
 * would double the memory of the run). Returns the report. `memo` (masked
 * text by text) may be shared by calls on the parts of one report.
 */
export function redactReportInPlace<T>(report: T, memo = new Map<string, string>()): T {
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (typeof v[i] === 'string') v[i] = redactValue(v[i], undefined, memo);
        else visit(v[i]);
      }
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        if (typeof o[k] === 'string') o[k] = redactValue(o[k], k, memo);
        else visit(o[k]);
      }
    }
  };
  visit(report);
  return report;
}

/**
 * A copy of a report (or any JSON-like value) with PII masked in every string:
 * excerpts, finding messages and advice, message texts, recipients, chats,
 * senders, campaign ids and names, log statistics. The input is not changed.
 */
export function redactReport<T>(report: T): T {
  return redactValue(report, undefined, new Map()) as T;
}
