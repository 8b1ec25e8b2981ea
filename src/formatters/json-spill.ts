/**
 * A JSON report's campaigns written out as they are scored, so a run holds
 * the summary's counts and not every campaign's report (issue 10: memory).
 *
 * `check --format json` hands each campaign report here the moment it is
 * made; it is masked (as the whole report would be), stringified exactly as
 * src/formatters/json.ts writes a campaign, and appended to a temporary file.
 * When the report is written, jsonChunks reads the campaigns back from that
 * file where its `campaigns` array stands: the same bytes as a report that
 * held them all. Only the JSON format streams; the others lay a report out as
 * a whole (tables, totals first) and keep theirs.
 *
 * The temporary file lives in the system's temporary folder, unlinked as
 * soon as it is open (POSIX; elsewhere removed when the run ends, also when
 * it fails), so nothing is left behind even by a killed run.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactReportInPlace } from '../redact.js';
import type { CampaignReport, Report } from '../report/report.js';
import { campaignItemJson, WRITTEN_CAMPAIGNS, type WrittenCampaigns } from './json.js';

/** Characters gathered before a write: one system call per ~64 KB, not per campaign. */
const FLUSH_AT = 1 << 16;
/** Bytes read back per piece. */
const READ_BLOCK = 1 << 20;
/** Distinct texts whose masking is remembered: enough for a run's advice and repeated excerpts, bounded on any run. */
const MEMO_MAX = 20_000;

export class CampaignSpill implements WrittenCampaigns {
  count = 0;
  private fd: number | undefined;
  private readonly path: string;
  private unlinked = false;
  private pending: string[] = [];
  private pendingChars = 0;
  /** Masked text by text, shared by campaigns (the same advice and excerpts recur), emptied past MEMO_MAX. */
  private readonly memo = new Map<string, string>();

  constructor(private readonly redact: boolean) {
    this.path = join(tmpdir(), `scrm-audit-campaigns-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.json`);
  }

  /** Mask (when asked), stringify and append one campaign's report; the object can go once this returns. */
  add(c: CampaignReport): void {
    if (this.memo.size > MEMO_MAX) this.memo.clear();
    const shown = this.redact ? redactReportInPlace(c, this.memo) : c;
    // separated by ",\n"; chunks() ends the last one with "\n"
    const text = `${this.count ? ',\n' : ''}${campaignItemJson(shown)}`;
    this.count++;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    if (this.fd === undefined) {
      this.fd = openSync(this.path, 'wx+', 0o600);
      // Unlinked at once where the system allows it (POSIX): the open descriptor still reads and writes it, and a run
      // killed mid-way leaves nothing behind. Elsewhere close() removes it.
      try {
        unlinkSync(this.path);
        this.unlinked = true;
      } catch {
        this.unlinked = false;
      }
    }
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  /** The campaigns' JSON text, as jsonChunks writes it between `"campaigns": [\n` and `  ]`. */
  *chunks(): Generator<string> {
    this.flush();
    if (this.fd === undefined) return;
    const decoder = new TextDecoder();
    const buf = Buffer.allocUnsafe(READ_BLOCK);
    for (let pos = 0; ; ) {
      const n = readSync(this.fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      pos += n;
      // streaming decode: a character split across two blocks is held back, not mangled
      yield decoder.decode(buf.subarray(0, n), { stream: true });
    }
    const rest = decoder.decode();
    yield `${rest}\n`;
  }

  /** Remove the temporary file (safe to call twice). */
  close(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
      if (!this.unlinked) {
        try {
          unlinkSync(this.path);
        } catch {
          /* already gone */
        }
      }
    }
    this.pending = [];
  }
}

/** Mark `report` as one whose campaigns are in `spill` (its own `campaigns` array stays empty). */
export function attachSpill(report: Report, spill: CampaignSpill): void {
  (report as unknown as Record<symbol, WrittenCampaigns>)[WRITTEN_CAMPAIGNS] = spill;
}
