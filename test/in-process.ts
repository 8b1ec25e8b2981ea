/** The CLI run in-process (fast: no node start-up per case), its stdout and stderr collected. */
import { main, type Io } from '../src/cli/main.js';
import '../src/logs/command.js';

export async function runInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false };
  const code = await main(['node', 'scrm-audit', ...args], io);
  return { code, stdout, stderr };
}
