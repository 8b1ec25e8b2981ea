/**
 * Message templates: what stays when the parts that change from recipient to
 * recipient are masked — names after a greeting (亲爱的张三, Hi Anna),
 * placeholders, links, numbers, one-person @mentions — and spacing,
 * punctuation, emoji, case, width and script are folded. A mass send is one
 * template; a log campaign's messages are its templates.
 *
 * Near-duplicates (duplicate-blast: "small edits still count") are grouped
 * into clusters by MinHash over token bigrams (Han characters and Latin words
 * are tokens) with LSH banding for candidates and the exact Jaccard
 * similarity of the shingle sets to decide.
 */
import { normalize } from '../text/normalize.js';
import { viewOf } from '../text/view.js';

const PRIVATE = { name: '\uE000', url: '\uE001', num: '\uE002', slot: '\uE003', mention: '\uE004' };
const ALL_MENTIONS = /^(所有人|全体成员|全体|全员|所有成员|全部成员|所有群成员|all|everyone|channel|here)$/;

export interface MaskOptions {
  /** Words a name follows: 亲爱的, dear, hi… */
  nameIntros: string[];
  /** Words a name precedes: 您好, 你好… */
  nameOutros: string[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Masker {
  private readonly intro: RegExp | undefined;
  private readonly outro: RegExp | undefined;

  constructor(opts: MaskOptions) {
    const intros = opts.nameIntros.map((w) => normalize(w).norm.trim()).filter(Boolean).sort((a, b) => b.length - a.length);
    const outros = opts.nameOutros.map((w) => normalize(w).norm.trim()).filter(Boolean).sort((a, b) => b.length - a.length);
    // A name: up to 12 letters (Han or Latin, with · . and inner spaces), ending at punctuation or the end.
    if (intros.length) this.intro = new RegExp(`(^|[^\\p{L}])(${intros.map(esc).join('|')})\\s*([\\p{L}·.][\\p{L}·. ]{0,11}?)(?=\\s*(?:[,，!！:：、~～;；。\\n]|$|${outros.map(esc).join('|') || '$'}))`, 'gu');
    if (outros.length) this.outro = new RegExp(`(^|[\\s,，。!！】\\]])(\\p{Script=Han}{1,4}|[a-z]+)\\s*(${outros.map(esc).join('|')})`, 'gu');
  }

  /** The template text of a message: normalised, variable parts masked, punctuation and spacing dropped. */
  mask(text: string): { masked: string; named: boolean } {
    // the text's shared view: the rules normalise the same text, once
    let s = viewOf(text).norm;
    let named = false;
    s = s
      .replace(/\$\{[^}]*\}|\{\{[^}]*\}\}|\{[\p{L}\p{N}_.-]+\}/gu, PRIVATE.slot)
      .replace(/\b(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef]+/g, PRIVATE.url)
      // The lookbehinds start a match only where a run of its characters starts: without them a long
      // run with no "/" or "@" (a 1M-character cell) is retried from every position, quadratic in its length.
      .replace(/(?<![a-z0-9-])[a-z0-9-]+(?:\.[a-z0-9-]+)+\/[^\s\u3000-\u303f\uff00-\uffef]*/g, PRIVATE.url)
      .replace(/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, PRIVATE.url)
      .replace(/@([^\s@,，:：]{1,20})/g, (whole, who: string) => (ALL_MENTIONS.test(who) ? whole : PRIVATE.mention));
    if (this.intro) {
      s = s.replace(this.intro, (_, pre: string, word: string) => {
        named = true;
        return `${pre}${word}${PRIVATE.name}`;
      });
    }
    if (this.outro) {
      s = s.replace(this.outro, (_, pre: string, _name: string, word: string) => {
        named = true;
        return `${pre}${PRIVATE.name}${word}`;
      });
    }
    s = s.replace(/\d+(?:[.,:：/-]\d+)*/g, PRIVATE.num).replace(/[\s\p{P}\p{S}]+/gu, '');
    return { masked: s, named };
  }
}

/**
 * A message as its template was written: a name after a greeting (亲爱的张三,
 * Hi Anna, 张三您好) becomes {name}. Rendered personalisation makes every row
 * of a mass send a different text; rules judge the template once, and see
 * the placeholder a draft would have had. Works on the raw text (one regex
 * pass, cached per text), so it can run on every row.
 */
export class NameMask {
  private readonly intro: RegExp | undefined;
  private readonly outro: RegExp | undefined;
  private readonly cache = new Map<string, string>();

  constructor(intros: string[], outros: string[]) {
    const words = (l: string[]) => l.map((w) => w.trim()).filter(Boolean).sort((a, b) => b.length - a.length).map(esc);
    const i = words(intros);
    const o = words(outros);
    if (i.length) this.intro = new RegExp(`(^|[^\\p{L}])(${i.join('|')})([ \\t]*)([\\p{L}·.][\\p{L}·. ]{0,11}?)(?=[ \\t]*(?:[,，!！:：、~～;；。\\n]|$${o.length ? `|${o.join('|')}` : ''}))`, 'giu');
    if (o.length) this.outro = new RegExp(`(^|[\\s,，。!！】\\]])(\\p{Script=Han}{1,4}|[A-Za-z]+)([ \\t]*)(${o.join('|')})`, 'gu');
  }

  canonical(text: string): string {
    const known = this.cache.get(text);
    if (known !== undefined) return known;
    let t = text;
    if (this.intro) t = t.replace(this.intro, (_, pre: string, word: string, sp: string) => `${pre}${word}${sp}{name}`);
    if (this.outro) t = t.replace(this.outro, (_, pre: string, _n: string, sp: string, word: string) => `${pre}{name}${sp}${word}`);
    if (this.cache.size >= 200_000) this.cache.clear();
    this.cache.set(text, t);
    return t;
  }
}

/** cyrb53: a fast 53-bit string hash (collisions negligible at log scale). */
export function hash53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const HAN = /\p{Script=Han}/u;

/** Tokens of a masked template: each Han character, each Latin word or number run, each mask. */
export function tokens(masked: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of masked) {
    if (HAN.test(ch) || ch >= '\uE000' && ch <= '\uE0FF') {
      if (word) out.push(word), (word = '');
      out.push(ch);
    } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

/** Shingles: hashes of consecutive token pairs (the single token for a one-token text), sorted and unique. */
export function shingles(masked: string): Uint32Array {
  const t = tokens(masked);
  const set = new Set<number>();
  if (t.length === 1) set.add(hash53(t[0]!) >>> 0);
  for (let i = 0; i + 1 < t.length; i++) set.add(hash53(`${t[i]}\u0001${t[i + 1]}`) >>> 0);
  return Uint32Array.from([...set]).sort();
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0, j = 0, both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) both++, i++, j++;
    else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union ? both / union : 1;
}

const BANDS = 16;
const ROWS = 4;
const K = BANDS * ROWS;
const SEEDS = Uint32Array.from({ length: K }, (_, i) => (hash53(`minhash-${i}`) >>> 0) | 1);

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function signature(sh: Uint32Array): Uint32Array {
  const sig = new Uint32Array(K).fill(0xffffffff);
  for (let s = 0; s < sh.length; s++) {
    const v = sh[s]!;
    for (let k = 0; k < K; k++) {
      const h = mix(v ^ SEEDS[k]!);
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

/**
 * Clusters of near-identical templates. A template joins the first cluster
 * whose representative it resembles (Jaccard ≥ threshold over shingles);
 * otherwise it founds a new one. Identical templates always share a cluster.
 * The index stops growing at `maxClusters` (then only identical templates
 * are recognised), which bounds memory on logs of free-form chat.
 */
export class NearDup {
  private readonly byTemplate = new Map<number, number>();
  private readonly reps: Uint32Array[] = [];
  private readonly bands = new Map<string, number[]>();
  private clusters = 0;

  constructor(
    private readonly threshold: number,
    private readonly maxClusters = 100_000,
  ) {}

  clusterOf(template: number, masked: string): number {
    const known = this.byTemplate.get(template);
    if (known !== undefined) return known;
    const sh = shingles(masked);
    let cluster = -1;
    const keys: string[] = [];
    if (this.threshold < 1 && sh.length) {
      const sig = signature(sh);
      let best = 0;
      for (let b = 0; b < BANDS; b++) {
        const key = `${b}:${sig.subarray(b * ROWS, b * ROWS + ROWS).join(',')}`;
        keys.push(key);
        for (const c of this.bands.get(key) ?? []) {
          const j = jaccard(sh, this.reps[c]!);
          if (j >= this.threshold && j > best) {
            best = j;
            cluster = c;
          }
        }
      }
    }
    if (cluster === -1) {
      cluster = this.clusters++;
      if (this.reps.length < this.maxClusters) {
        this.reps[cluster] = sh;
        for (const key of keys) {
          const l = this.bands.get(key);
          if (l) l.push(cluster);
          else this.bands.set(key, [cluster]);
        }
      }
    }
    this.byTemplate.set(template, cluster);
    return cluster;
  }
}
