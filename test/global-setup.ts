// CLI tests spawn the built CLI (bin/ → dist/), so build once before the run.
// Type errors are reported but do not stop the run here: `npm test` type-checks
// first (tsc && vitest), and a focused `npx vitest run test/x.test.ts` should
// not fail because of an unrelated file being edited.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '..');
  const r = spawnSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`[global-setup] tsc reported errors (dist was still emitted):\n${r.stdout.slice(0, 2000)}\n`);
}
