/**
 * Aho-Corasick automaton over UTF-16 code units: every occurrence of every
 * pattern in one left-to-right pass, whatever the number of patterns.
 *
 * Our own rather than a package because the engine needs exactly one thing —
 * which anchors occur in a short normalised text — at the lowest cost per
 * character, with no per-match object: the trie lives in typed arrays, the
 * root's 65,536 transitions in a dense table (every first character is one
 * lookup), nodes with many children in a Map, the rest as sibling lists
 * (most nodes below depth two have one child).
 */

const NONE = -1;
/** Above this many children a node's transitions move into a Map. */
const DENSE_CHILDREN = 6;

export class AhoCorasick {
  /** Number of patterns the automaton was built from. */
  readonly size: number;
  private readonly rootNext: Int32Array;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly charOf: Uint16Array;
  private readonly fail: Int32Array;
  /** First pattern ending at this node (index into outPattern), or NONE. */
  private readonly outHead: Int32Array;
  /** Nearest node on the fail chain that has an output, or NONE. */
  private readonly dictLink: Int32Array;
  private readonly outPattern: Int32Array;
  private readonly outNext: Int32Array;
  private readonly wide = new Map<number, Map<number, number>>();
  /** Per-pattern stamp, so `found` reports each pattern once without a Set. */
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(patterns: readonly string[]) {
    this.size = patterns.length;
    let cap = 1;
    for (const p of patterns) cap += p.length;
    const firstChild = new Int32Array(cap).fill(NONE);
    const nextSibling = new Int32Array(cap).fill(NONE);
    const charOf = new Uint16Array(cap);
    const childCount = new Int32Array(cap);
    const outHead = new Int32Array(cap).fill(NONE);
    const outPattern = new Int32Array(patterns.length);
    const outNext = new Int32Array(patterns.length).fill(NONE);
    const rootNext = new Int32Array(65536).fill(0);
    let nodes = 1;

    const wide = this.wide;
    const childOf = (node: number, c: number): number => {
      if (node === 0) return rootNext[c] || NONE;
      const w = wide.get(node);
      if (w) return w.get(c) ?? NONE;
      for (let k = firstChild[node]!; k !== NONE; k = nextSibling[k]!) if (charOf[k] === c) return k;
      return NONE;
    };

    patterns.forEach((p, pi) => {
      if (p.length === 0) return; // an empty pattern would match everywhere: never asked for
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let next = childOf(node, c);
        if (next === NONE) {
          next = nodes++;
          charOf[next] = c;
          if (node === 0) rootNext[c] = next;
          nextSibling[next] = firstChild[node]!;
          firstChild[node] = next;
          // a node with many children answers from a Map, while building and while scanning
          if (node !== 0 && ++childCount[node]! > DENSE_CHILDREN) {
            let w = wide.get(node);
            if (!w) {
              w = new Map();
              for (let k = firstChild[node]!; k !== NONE; k = nextSibling[k]!) w.set(charOf[k]!, k);
              wide.set(node, w);
            } else w.set(c, next);
          }
        }
        node = next;
      }
      outPattern[pi] = pi;
      outNext[pi] = outHead[node]!;
      outHead[node] = pi;
    });

    // Breadth-first fail links; a node's fail is the longest proper suffix that is a trie node.
    const fail = new Int32Array(nodes).fill(0);
    const dictLink = new Int32Array(nodes).fill(NONE);
    const queue = new Int32Array(nodes);
    let qh = 0;
    let qt = 0;
    for (let k = firstChild[0]!; k !== NONE; k = nextSibling[k]!) queue[qt++] = k;
    while (qh < qt) {
      const node = queue[qh++]!;
      for (let k = firstChild[node]!; k !== NONE; k = nextSibling[k]!) {
        const c = charOf[k]!;
        let f = fail[node]!;
        let target = childOf(f, c);
        while (target === NONE && f !== 0) {
          f = fail[f]!;
          target = childOf(f, c);
        }
        fail[k] = target === NONE || target === k ? 0 : target;
        const fk = fail[k]!;
        dictLink[k] = outHead[fk] !== NONE ? fk : dictLink[fk]!;
        queue[qt++] = k;
      }
    }

    this.rootNext = rootNext;
    this.firstChild = firstChild.subarray(0, nodes);
    this.nextSibling = nextSibling.subarray(0, nodes);
    this.charOf = charOf.subarray(0, nodes);
    this.fail = fail;
    this.outHead = outHead.subarray(0, nodes);
    this.dictLink = dictLink;
    this.outPattern = outPattern;
    this.outNext = outNext;
    this.seen = new Uint32Array(patterns.length);
  }

  private step(node: number, c: number): number {
    for (;;) {
      if (node === 0) return this.rootNext[c]!;
      const wide = this.wide.get(node);
      if (wide) {
        const k = wide.get(c);
        if (k !== undefined) return k;
      } else {
        for (let k = this.firstChild[node]!; k !== NONE; k = this.nextSibling[k]!) if (this.charOf[k] === c) return k;
      }
      node = this.fail[node]!;
    }
  }

  /** Calls `onMatch(pattern, end)` for every occurrence, overlapping ones included, in order of `end`. */
  forEachMatch(text: string, onMatch: (pattern: number, end: number) => void): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      node = this.step(node, text.charCodeAt(i));
      for (let n = this.outHead[node] !== NONE ? node : this.dictLink[node]!; n !== NONE; n = this.dictLink[n]!) {
        for (let o = this.outHead[n]!; o !== NONE; o = this.outNext[o]!) onMatch(this.outPattern[o]!, i + 1);
      }
    }
  }

  /** The distinct patterns that occur in `text`, in order of first occurrence. */
  found(text: string): number[] {
    const out: number[] = [];
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const seen = this.seen;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      node = this.step(node, text.charCodeAt(i));
      for (let n = this.outHead[node] !== NONE ? node : this.dictLink[node]!; n !== NONE; n = this.dictLink[n]!) {
        for (let o = this.outHead[n]!; o !== NONE; o = this.outNext[o]!) {
          const p = this.outPattern[o]!;
          if (seen[p] !== stamp) {
            seen[p] = stamp;
            out.push(p);
          }
        }
      }
    }
    return out;
  }
}
