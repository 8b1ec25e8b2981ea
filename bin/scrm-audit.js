#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds dist/ through the `prepare` script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('scrm-audit: not built yet — run `npm install` (or `npm run build`) in the package folder.\n');
  process.exit(2);
}
await import(entry.href);
