/**
 * The check benchmark's limit (src/bench/check.ts): a bare scan. Reads the
 * JSON drafts and the literal terms (a JSON array, written by check.ts from
 * rules/**\/*.yaml), builds one Aho-Corasick automaton (src/text/aho-corasick.ts)
 * over all of them, folds each message's text for width and case (NFKC +
 * toLowerCase) and makes one pass per message, counting every hit. Nothing
 * else: no rules, no positions, no report. Prints the counts and its peak RSS
 * (KiB) as JSON.
 *
 *   node dist/bench/bare-scan.js <drafts.json> <terms.json>
 */
import { readFileSync } from 'node:fs';
import { AhoCorasick } from '../text/aho-corasick.js';

const [draftsFile, termsFile] = process.argv.slice(2);
if (!draftsFile || !termsFile) {
  process.stderr.write('usage: node dist/bench/bare-scan.js <drafts.json> <terms.json>\n');
  process.exit(2);
}
const terms = JSON.parse(readFileSync(termsFile, 'utf8')) as string[];
const drafts = JSON.parse(readFileSync(draftsFile, 'utf8')) as { campaigns: Array<{ messages: Array<string | { text: string }> }> };
const ac = new AhoCorasick(terms);
let messages = 0;
let chars = 0;
let hits = 0;
const onHit = () => {
  hits++;
};
for (const c of drafts.campaigns)
  for (const m of c.messages) {
    const text = (typeof m === 'string' ? m : m.text).normalize('NFKC').toLowerCase();
    messages++;
    chars += text.length;
    ac.forEachMatch(text, onHit);
  }
process.stdout.write(JSON.stringify({ messages, chars, terms: terms.length, hits, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
