/**
 * Baselines (CONTRACTS §6): adopt the gate on an existing copy repository
 * without fixing every old finding first. `--write-baseline FILE` records the
 * current findings; `--baseline FILE` then reports, scores and gates only the
 * findings that are not in it.
 *
 * A finding is identified by a fingerprint of what it is about, never where
 * it is: rule, campaign id, message id and — for a finding about a phrase —
 * the matched text after normalisation (width, case, whitespace,
 * Traditional→Simplified), plus the window/recipient/chat of window rules. A
 * finding about the whole message (missing opt-out, untargeted) carries no
 * text in its fingerprint: its excerpt is only the message's opening. Inserting lines above it or editing
 * another message leaves it unchanged. Identical fingerprints are counted, so
 * a second identical problem in the same message is new.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError, describeSystemError } from './errors.js';
import { writeFileAtomic } from './cli/output.js';
import { normalizeTerm } from './text/normalize.js';
import type { CampaignAudit } from './engine/audit.js';
import type { Finding } from './types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  campaignId: string;
  messageId?: string;
  /** The matched text as written (for people reading the file; the fingerprint uses its normalised form). */
  excerpt: string;
  /** Where it was when recorded (informational; not part of the fingerprint). */
  file?: string;
  /** How many findings share this fingerprint. */
  count: number;
}

export interface Baseline {
  tool: 'scrm-audit';
  baselineVersion: number;
  findings: BaselineEntry[];
}

/** What applying a baseline did, for the report. */
export interface BaselineOutcome {
  /** Findings hidden because the baseline has them. */
  matched: number;
  /** Per campaign (index in the audits given): findings hidden. */
  matchedByCampaign: number[];
  /** Entries (or the part of their count) no longer found: fixed, or the fingerprinted text changed. */
  stale: BaselineEntry[];
  /** Sum of the stale entries' counts; matched + staleCount = the baseline's total count. */
  staleCount: number;
}

/** Fields of a finding that say what it is about; window rules add where and when. */
const IDENTITY_EXTRAS = ['recipient', 'chat', 'window'] as const;

type Fingerprintable = Pick<Finding, 'ruleId' | 'campaignId' | 'messageId' | 'excerpt'> & Record<string, unknown>;

/**
 * Whether a finding is about a span of its own text (a matched phrase) rather
 * than the message as a whole (no opt-out line, untargeted): a whole-message
 * finding points at the message start with no width, and its excerpt is just
 * the opening of the text — which changes whenever the message is edited
 * anywhere near its start.
 */
function hasOwnSpan(f: Fingerprintable): boolean {
  const { line, column, endLine, endColumn } = f as { line?: unknown; column?: unknown; endLine?: unknown; endColumn?: unknown };
  if (typeof line !== 'number' || typeof column !== 'number' || typeof endLine !== 'number' || typeof endColumn !== 'number') return true;
  return endLine > line || endColumn > column;
}

function digest(f: Fingerprintable, withExcerpt: boolean): string {
  const parts = [f.ruleId, f.campaignId, f.messageId ?? '', withExcerpt ? normalizeTerm(f.excerpt ?? '') : '\u0001message'];
  for (const k of IDENTITY_EXTRAS) if (typeof f[k] === 'string' || typeof f[k] === 'number') parts.push(`${k}=${String(f[k])}`);
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}

/**
 * Rule, campaign, message, plus the matched text for a finding about a span
 * (so editing another sentence leaves it alone); a finding about the whole
 * message is identified by rule and message only (removing 手慢无 from an SMS
 * must not bring back its missing opt-out as new).
 */
export function fingerprint(f: Fingerprintable): string {
  return digest(f, hasOwnSpan(f));
}

/** The fingerprint baselines written before whole-message findings dropped their excerpt (still read). */
function legacyFingerprint(f: Fingerprintable): string | undefined {
  return hasOwnSpan(f) ? undefined : digest(f, true);
}

/** A baseline of these findings, sorted so that the file diffs well. */
export function createBaseline(findings: Finding[]): Baseline {
  const byFp = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const fp = fingerprint(f);
    const e = byFp.get(fp);
    if (e) e.count++;
    else {
      byFp.set(fp, {
        fingerprint: fp,
        ruleId: f.ruleId,
        campaignId: f.campaignId,
        ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
        excerpt: f.excerpt,
        file: f.file,
        count: 1,
      });
    }
  }
  const key = (e: BaselineEntry) => [e.file ?? '', e.campaignId, e.messageId ?? '', e.ruleId, e.fingerprint];
  const entries = [...byFp.values()].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
  return { tool: 'scrm-audit', baselineVersion: BASELINE_VERSION, findings: entries };
}

export function serializeBaseline(b: Baseline): string {
  return JSON.stringify(b, null, 2) + '\n';
}

export function writeBaselineFile(file: string, b: Baseline): void {
  writeFileAtomic(file, serializeBaseline(b), 'cannot write baseline');
}

function jsonErrorPosition(source: string, message: string): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(message);
  if (!m) return {};
  const before = source.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

export function parseBaseline(source: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = (e as Error).message;
    const { line, column } = jsonErrorPosition(source, msg);
    throw new InputError(`invalid baseline JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, file, line, column);
  }
  const d = data as Partial<Baseline> | null;
  if (!d || typeof d !== 'object' || !Array.isArray(d.findings)) {
    throw new InputError('not a scrm-audit baseline (expected { "findings": [...] }; write one with --write-baseline)', file);
  }
  if (d.baselineVersion !== undefined && d.baselineVersion !== BASELINE_VERSION) {
    throw new InputError(`baselineVersion ${String(d.baselineVersion)} is not supported (expected ${BASELINE_VERSION})`, file);
  }
  const findings = d.findings.map((e, i) => {
    const entry = e as Partial<BaselineEntry> | null;
    if (!entry || typeof entry.fingerprint !== 'string' || !entry.fingerprint) throw new InputError(`findings[${i}].fingerprint: is required`, file);
    const count = entry.count ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new InputError(`findings[${i}].count: expected a whole number ≥ 1`, file);
    return { ...entry, fingerprint: entry.fingerprint, count } as BaselineEntry;
  });
  return { tool: 'scrm-audit', baselineVersion: BASELINE_VERSION, findings };
}

export function loadBaseline(file: string): Baseline {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'baseline file not found (create it with --write-baseline)' : describeSystemError(e, 'cannot read baseline'), file);
  }
  return parseBaseline(source, file);
}

/**
 * Move the findings the baseline knows out of the audits, so that scores and
 * the gate count only new ones. Of several findings with one fingerprint, the
 * first `count` (in report order) are the known ones.
 */
export function applyBaseline(audits: CampaignAudit[], b: Baseline): BaselineOutcome {
  const matcher = new BaselineMatcher(b);
  const matchedByCampaign = audits.map((a) => matcher.apply(a));
  return { ...matcher.outcome(), matchedByCampaign };
}

/**
 * applyBaseline one campaign at a time, in report order (check streams its
 * audits): each baseline entry's count is used up by the first findings
 * that match it.
 */
export class BaselineMatcher {
  private readonly remaining = new Map<string, number>();
  private matched = 0;
  constructor(private readonly b: Baseline) {
    for (const e of b.findings) this.remaining.set(e.fingerprint, (this.remaining.get(e.fingerprint) ?? 0) + e.count);
  }

  /** Hides the campaign's known findings; returns how many. */
  apply(a: CampaignAudit): number {
    const before = a.findings.length;
    a.findings = a.findings.filter((f) => {
      for (const fp of [fingerprint(f), legacyFingerprint(f)]) {
        if (fp === undefined) continue;
        const left = this.remaining.get(fp) ?? 0;
        if (left <= 0) continue;
        this.remaining.set(fp, left - 1);
        return false;
      }
      return true;
    });
    this.matched += before - a.findings.length;
    return before - a.findings.length;
  }

  outcome(): Omit<BaselineOutcome, 'matchedByCampaign'> {
    const stale: BaselineEntry[] = [];
    const seen = new Set<string>();
    for (const e of this.b.findings) {
      if (seen.has(e.fingerprint)) continue;
      seen.add(e.fingerprint);
      const left = this.remaining.get(e.fingerprint) ?? 0;
      if (left > 0) stale.push({ ...e, count: left });
    }
    return { matched: this.matched, stale, staleCount: stale.reduce((s, e) => s + e.count, 0) };
  }
}
