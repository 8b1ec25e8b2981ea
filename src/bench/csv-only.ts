/**
 * The benchmark's baseline: csv-parse alone on the same file — streamed from
 * disk, default options, records counted and dropped. Prints the row count
 * and the process's peak RSS (KiB) as JSON.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node dist/bench/csv-only.js <file.csv>\n');
  process.exit(2);
}
let rows = 0;
const parser = parse();
parser.on('data', () => rows++);
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) parser.write(chunk);
await new Promise<void>((resolve, reject) => {
  parser.on('end', resolve);
  parser.on('error', reject);
  parser.end();
});
process.stdout.write(JSON.stringify({ rows: rows - 1, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
