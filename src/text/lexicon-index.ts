/**
 * The process-wide anchor index: the literal anchors of every lexicon's terms
 * (and except words) in one Aho-Corasick automaton, so one pass over a
 * normalised text tells every lexicon which of its terms can match there.
 *
 * Lexicons register a group of anchors when they compile (src/text/lexicon.ts
 * interns them, so the same word list under another audit or config adds
 * nothing). The automaton is rebuilt lazily, at the first scan after a
 * registration that brought new anchor strings; the engine compiles a run's
 * lexicons before its first message, so a run builds it once.
 */
import { AhoCorasick } from './aho-corasick.js';
import type { TextView } from './view.js';

/** What one scan of a text found, per registered group: the pattern indexes whose anchors occur. */
export interface LexiconHits {
  generation: number;
  byGroup: Map<number, number[]>;
}

const anchorIds = new Map<string, number>();
const anchors: string[] = [];
/** postings[anchor] = [group, pattern, group, pattern, …] */
const postings: number[][] = [];
let groups = 0;
let automaton: AhoCorasick | null = null;
let automatonAnchors = -1;
/** Bumped by every registration: hits computed before it may miss the new group. */
let generation = 0;

/** Register one list of anchors ('' = none); returns the group id `anchorHits` answers for. */
export function registerTermGroup(list: readonly string[]): number {
  const group = groups++;
  list.forEach((a, pattern) => {
    if (!a) return;
    let id = anchorIds.get(a);
    if (id === undefined) {
      id = anchors.length;
      anchorIds.set(a, id);
      anchors.push(a);
      postings.push([]);
    }
    postings[id]!.push(group, pattern);
  });
  generation++;
  return group;
}

function scan(view: TextView): LexiconHits {
  if (automatonAnchors !== anchors.length) {
    automaton = new AhoCorasick(anchors);
    automatonAnchors = anchors.length;
  }
  const byGroup = new Map<number, number[]>();
  for (const a of automaton!.found(view.norm)) {
    const p = postings[a]!;
    for (let k = 0; k < p.length; k += 2) {
      const g = p[k]!;
      let list = byGroup.get(g);
      if (!list) byGroup.set(g, (list = []));
      list.push(p[k + 1]!);
    }
  }
  return { generation, byGroup };
}

/**
 * Patterns of `group` whose anchors occur in the view's normalised text, or
 * undefined for none. Scans the text once per generation of the index.
 */
export function anchorHits(view: TextView, group: number): readonly number[] | undefined {
  let hits = view.lexiconHits;
  if (!hits || hits.generation !== generation) hits = view.lexiconHits = scan(view);
  return hits.byGroup.get(group);
}

/** Size of the index, for diagnostics and tests. */
export function anchorIndexStats(): { anchors: number; groups: number } {
  return { anchors: anchors.length, groups };
}
