/**
 * Writing reports, baselines and starter configs without losing a file.
 *
 * - The input is never the output: `-o drafts.yaml` would replace the copy
 *   being audited with its own report.
 * - Written to a temporary file in the same folder, then renamed over the
 *   target: a crash or SIGKILL mid-write leaves the last good report, never
 *   half a JSON file (rename is atomic within one file system).
 * - A missing output folder is created, as ESLint does.
 */
import { writeFileSync, closeSync, fsyncSync, mkdirSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, describeSystemError } from '../errors.js';

/** The real path of a file, or of its folder joined with its name when it does not exist yet. */
function canonical(p: string, cwd: string): string {
  const abs = resolve(cwd, p);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Refuse to write `target` over a file this run reads. `what` names the option (--output, --write-baseline). */
export function assertNotInput(target: string, inputs: Iterable<string>, what: string, cwd = process.cwd()): void {
  const t = canonical(target, cwd);
  for (const input of inputs) {
    if (input === '-' ) continue;
    if (canonical(input, cwd) === t) {
      throw new InputError(`${what} names an input of this run (${input}); writing there would replace it. Choose another file`, target);
    }
  }
}

/** Write `data` to `file` atomically (temporary file in the same folder, then rename), creating missing folders. */
export function writeFileAtomic(file: string, data: string | Iterable<string>, what = 'cannot write report'): void {
  const dir = dirname(resolve(file));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(describeSystemError(e, `${what}: cannot create folder ${dir}`), file);
  }
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(file);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw new InputError(`${what}: is a directory`, file);
  // A device, a pipe or a socket (-o /dev/null, /dev/stdout, a FIFO) is written to, never
  // renamed over: the rename would replace /dev/null itself with a regular file.
  if (existing && !existing.isFile()) {
    try {
      if (typeof data === 'string') writeFileSync(file, data);
      else {
        const out = openSync(file, 'w');
        try {
          for (const chunk of data) writeSync(out, chunk);
        } finally {
          closeSync(out);
        }
      }
    } catch (e) {
      throw new InputError(describeSystemError(e, what), file);
    }
    return;
  }
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
    // a report in pieces (src/formatters/json.ts) is written as it is produced
    if (typeof data === 'string') writeSync(fd, data);
    else for (const chunk of data) writeSync(fd, chunk);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw new InputError(describeSystemError(e, what), file);
  }
}

/**
 * Whether `file` is a report scrm-audit wrote (JSON report, SARIF log,
 * baseline): `-o report.json` into the drafts folder must not become drafts
 * of the next run ("version: expected 1"). Read from the first few KB only.
 */
export function ownReportKind(file: string): 'report' | 'sarif' | 'baseline' | undefined {
  let head: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      const n = readSync(fd, buf, 0, buf.length, 0);
      head = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (!/^\s*\{/.test(head)) return undefined;
  // The JSON report and the baseline start with "tool": "scrm-audit" (CONTRACTS §3; src/baseline.ts).
  if (/^\s*\{\s*"tool"\s*:\s*"scrm-audit"\s*,\s*"baselineVersion"/.test(head)) return 'baseline';
  if (/^\s*\{\s*"tool"\s*:\s*"scrm-audit"\s*,\s*"version"\s*:/.test(head)) return 'report';
  // SARIF: the driver's name is ours.
  if (/"\$schema"\s*:\s*"[^"]*sarif[^"]*"/i.test(head) && /"driver"\s*:\s*\{\s*"name"\s*:\s*"scrm-audit"/.test(head)) return 'sarif';
  return undefined;
}
