/**
 * How overlapping hits of several finders become the findings' spans.
 *   keep-first      the first (and at a tie the longest) wins; later overlapping hits go
 *   keep-longest    at each place the longest claim wins
 *   merge-sentence  hits in one sentence are one finding spanning them; the first names its variant
 */
import { sameUnit } from '../../text/sentences.js';
import type { TextView } from '../../text/view.js';
import type { CheckBlock, Hit } from './types.js';

const byPosition = (x: Hit, y: Hit) => x.start - y.start || y.end - y.start - (x.end - x.start);

export function resolveOverlaps(hits: Hit[], mode: CheckBlock['overlap'], view: TextView): Hit[] {
  if (!mode || mode === 'none') return hits;
  const sorted = [...hits].sort(byPosition);
  const out: Hit[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (mode === 'keep-first') {
      if (!last || h.start >= last.end) out.push(h);
    } else if (mode === 'keep-longest') {
      if (last && h.start < last.end) {
        if (h.end - h.start > last.end - last.start) out[out.length - 1] = h;
      } else out.push(h);
    } else if (last && (h.start < last.end || sameUnit(view, last.end, h.start, 'sentence'))) {
      out[out.length - 1] = { ...last, end: Math.max(last.end, h.end) };
    } else out.push({ ...h });
  }
  return out;
}
