// CLI tests spawn the built CLI (bin/ → dist/), so build once before the run —
// unless dist is already newer than every source file (`npm test` has just run
// tsc; building again cost ~5 s of the suite's two minutes).
// Type errors are reported but do not stop the run here: `npm test` type-checks
// first (tsc && vitest), and a focused `npx vitest run test/x.test.ts` should
// not fail because of an unrelated file being edited.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function builtAt(root: string): number {
  try {
    return statSync(resolve(root, 'dist', 'cli', 'run.js')).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup(): void {
  const root = resolve(import.meta.dirname, '..');
  const sources = Math.max(newestSource(resolve(root, 'src')), statSync(resolve(root, 'tsconfig.json')).mtimeMs);
  if (builtAt(root) > sources) return;
  const r = spawnSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`[global-setup] tsc reported errors (dist was still emitted):\n${r.stdout.slice(0, 2000)}\n`);
}
