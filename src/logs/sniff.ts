/** What a log file is, from its first few KB of text. */

/** Which container the text is: CSV (and its delimiter), a JSON document, or JSON Lines. */
export function sniff(head: string): { container: 'csv' | 'json' | 'jsonl'; delimiter?: string } {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('[')) return { container: 'json' };
  if (t.startsWith('{')) {
    const nl = t.indexOf('\n');
    if (nl === -1) return { container: 'jsonl' };
    try {
      JSON.parse(t.slice(0, nl));
      return { container: 'jsonl' };
    } catch {
      return { container: 'json' };
    }
  }
  return { container: 'csv', delimiter: sniffDelimiter(t) };
}

/** The delimiter that splits the header line most often (outside quotes): comma, tab, semicolon or pipe. */
function sniffDelimiter(text: string): string {
  const nl = text.indexOf('\n');
  const first = nl === -1 ? text : text.slice(0, nl);
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0], ['|', 0]]);
  let q = false;
  for (const ch of first) {
    if (ch === '"') q = !q;
    else if (!q && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}
