/**
 * The accuracy harness behind `npm run eval`.
 *
 * 1. Audits every labelled drafts file in eval/set/ through the library, the
 *    way `scrm-audit check <file>` would (one run per file, default config),
 *    and compares each campaign's fired rule ids with its `expect` labels:
 *    per-rule TP / FP / FN, precision, recall, F1 and their macro average.
 * 2. Checks that scores rank `good` campaigns above `bad` ones (ROC AUC).
 * 3. Scores the public UCI SMS spam corpus as one-message SMS campaigns and
 *    checks that spam scores lower than ham (ROC AUC).
 *
 * A rule that is not registered yet is reported as "not implemented" (it
 * never fires, so its recall is 0); a rule that throws is reported as an
 * error and the rest still run.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { checkCampaigns } from '../check.js';
import { defaultConfig, loadConfig, type Config } from '../config/config.js';
import { fixedLocator } from '../drafts/positions.js';
import { InputError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Report } from '../report/report.js';
import { BUILTIN_RULES, loadBuiltinRule, type LoadedRule } from '../rules/index.js';
import { CHANNELS, type Campaign, type Channel } from '../types.js';
import { confusion, f1, macroMean, mean, precision, recall, rocAuc, sumConfusion, type Confusion } from './metrics.js';
import { DRAFT_RULE_IDS, EVAL_SET_DIR, listEvalFiles, loadEvalFile, scriptOf, type Label, type Script } from './set.js';

// ───────────────────────── rules ─────────────────────────

export type RuleStatus = 'implemented' | 'not implemented' | 'error';

export interface RuleSet {
  rules: LoadedRule[];
  /** Rule id → why it could not be loaded or run. */
  errors: Map<string, string>;
}

/** The built-in rules, each loaded on its own so one broken rule file does not stop the others. */
export function loadBuiltinRules(): RuleSet {
  const rules: LoadedRule[] = [];
  const errors = new Map<string, string>();
  for (const module of BUILTIN_RULES) {
    try {
      rules.push(loadBuiltinRule(module));
    } catch (e) {
      errors.set(module.id, e instanceof InputError ? e.format() : String((e as Error).message ?? e));
    }
  }
  return { rules, errors };
}

/** Every rule id a label may name: the draft rules of the RULEBOOK plus whatever is registered. */
export function knownRuleIds(): Set<string> {
  return new Set<string>([...DRAFT_RULE_IDS, ...BUILTIN_RULES.map((m) => m.id)]);
}

/**
 * Audit campaigns with the given rules. If a rule throws (work in progress
 * elsewhere), find it by running the rules one at a time, record it in
 * `errors` and audit again without it.
 */
function auditRobustly(campaigns: Campaign[], set: RuleSet, config: Config, where: string): Report {
  let rules = set.rules.filter((r) => !set.errors.has(r.meta.id));
  try {
    return checkCampaigns(campaigns, { config, lang: 'en', rules });
  } catch {
    for (const r of rules) {
      try {
        checkCampaigns(campaigns, { config, lang: 'en', rules: [r] });
      } catch (e) {
        set.errors.set(r.meta.id, `${where}: ${(e as Error).message ?? String(e)}`);
      }
    }
    rules = rules.filter((r) => !set.errors.has(r.meta.id));
    return checkCampaigns(campaigns, { config, lang: 'en', rules });
  }
}

// ───────────────────────── the labelled set ─────────────────────────

export interface CampaignOutcome {
  id: string;
  /** Path relative to the package root, for stable output. */
  file: string;
  line: number;
  channel: Channel;
  label: Label;
  expected: string[];
  fired: string[];
  score: number;
  excerpt: string;
  note?: string;
}

export interface RuleRow extends Confusion {
  id: string;
  status: RuleStatus;
  /** Campaigns that should fire the rule. */
  support: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  error?: string;
}

export interface Mismatch {
  ruleId: string;
  kind: 'missed' | 'false alarm';
  campaignId: string;
  file: string;
  line: number;
  expected: string[];
  fired: string[];
  excerpt: string;
  note?: string;
}

export interface SetEvaluation {
  files: string[];
  campaigns: number;
  messages: number;
  channels: Record<Channel, number>;
  scripts: Record<Script, number>;
  labels: Record<Label, number>;
  rules: RuleRow[];
  /** Mean over the rules that have positives in the set; an undefined precision counts 0. */
  macro: { rules: number; precision: number | null; recall: number | null; f1: number | null };
  micro: { precision: number | null; recall: number | null; f1: number | null };
  exactMatch: { campaigns: number; of: number };
  scoreAuc: { auc: number | null; good: number; bad: number; meanGood: number | null; meanBad: number | null };
  mismatches: Mismatch[];
  outcomes: CampaignOutcome[];
}

/** Paths relative to the package root (also ../shared/…), so output does not depend on the cwd. */
const displayPath = (file: string) => relative(PACKAGE_ROOT, resolve(file)).split(sep).join('/');

function excerptOf(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? chars.slice(0, max).join('') + '…' : flat;
}

export interface SetOptions {
  files?: string[];
  ruleSet?: RuleSet;
  config?: Config;
}

export function evaluateSet(opts: SetOptions = {}): SetEvaluation {
  const files = opts.files ?? listEvalFiles();
  const ruleSet = opts.ruleSet ?? loadBuiltinRules();
  const config = opts.config ?? defaultConfig();
  const known = knownRuleIds();
  // graded rules of the set being run (a rule set with a graded pack rule grades too)
  const graded = new Set(ruleSet.rules.filter((r) => r.meta.graded).map((r) => r.meta.id));
  const outcomes: CampaignOutcome[] = [];
  const channels = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  const scripts: Record<Script, number> = { 'zh-Hans': 0, 'zh-Hant': 0, en: 0, other: 0 };
  let messages = 0;

  for (const file of files) {
    const ef = loadEvalFile(file, { timezone: config.timezone ?? 'Asia/Shanghai', knownRules: known });
    // One run per file, as `scrm-audit check <file>` does: frequency-cap compares campaigns within a file only.
    const report = auditRobustly(ef.campaigns, ruleSet, config, displayPath(file));
    const byId = new Map(report.campaigns.map((c) => [c.id, c]));
    for (const c of ef.campaigns) {
      const lab = ef.labels.get(c.id);
      const rep = byId.get(c.id);
      if (!lab || !rep) throw new InputError(`campaign "${c.id}" has no labels`, file, c.line, c.column);
      channels[c.channel]++;
      for (const m of c.messages) {
        messages++;
        scripts[scriptOf(m.text)]++;
      }
      outcomes.push({
        id: c.id,
        file: displayPath(file),
        line: c.line,
        channel: c.channel,
        label: lab.label,
        expected: [...lab.expect].sort(),
        fired: [...new Set(rep.findings.map((f) => f.ruleId))].filter((id) => !graded.has(id)).sort(),
        score: rep.score,
        excerpt: excerptOf(c.messages.map((m) => m.text).join(' / ')),
        ...(lab.note ? { note: lab.note } : {}),
      });
    }
  }

  // Rows: the RULEBOOK's draft rules in order, then any other registered or firing rule.
  const extra = new Set<string>();
  for (const m of BUILTIN_RULES) if (!graded.has(m.id)) extra.add(m.id);
  for (const o of outcomes) for (const id of [...o.expected, ...o.fired]) extra.add(id);
  for (const id of DRAFT_RULE_IDS) extra.delete(id);
  const ids = [...DRAFT_RULE_IDS, ...[...extra].sort()];
  // "implemented" = the rule ran in this evaluation (registered and loaded).
  const registered = new Set(ruleSet.rules.map((r) => r.meta.id));

  const rules: RuleRow[] = ids.map((id) => {
    const c = confusion(outcomes, id);
    const status: RuleStatus = ruleSet.errors.has(id) ? 'error' : registered.has(id) ? 'implemented' : 'not implemented';
    return {
      id,
      status,
      support: c.tp + c.fn,
      ...c,
      precision: precision(c),
      recall: recall(c),
      f1: f1(c),
      ...(ruleSet.errors.has(id) ? { error: ruleSet.errors.get(id)! } : {}),
    };
  });

  const scored = rules.filter((r) => r.support > 0);
  const pooled = sumConfusion(scored);
  const mismatches: Mismatch[] = [];
  for (const r of rules) {
    for (const o of outcomes) {
      const e = o.expected.includes(r.id);
      const f = o.fired.includes(r.id);
      if (e === f) continue;
      mismatches.push({
        ruleId: r.id,
        kind: e ? 'missed' : 'false alarm',
        campaignId: o.id,
        file: o.file,
        line: o.line,
        expected: o.expected,
        fired: o.fired,
        excerpt: o.excerpt,
        ...(o.note ? { note: o.note } : {}),
      });
    }
  }

  const good = outcomes.filter((o) => o.label === 'good').map((o) => o.score);
  const bad = outcomes.filter((o) => o.label === 'bad').map((o) => o.score);
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

  return {
    files: files.map(displayPath),
    campaigns: outcomes.length,
    messages,
    channels,
    scripts,
    labels: { good: good.length, bad: bad.length },
    rules,
    macro: {
      rules: scored.length,
      precision: macroMean(scored.map((r) => r.precision)),
      recall: macroMean(scored.map((r) => r.recall)),
      f1: macroMean(scored.map((r) => r.f1)),
    },
    micro: { precision: precision(pooled), recall: recall(pooled), f1: f1(pooled) },
    exactMatch: { campaigns: outcomes.filter((o) => same(o.expected, o.fired)).length, of: outcomes.length },
    scoreAuc: { auc: rocAuc(good, bad), good: good.length, bad: bad.length, meanGood: mean(good), meanBad: mean(bad) },
    mismatches,
    outcomes,
  };
}

// ───────────────────────── the public SMS spam corpus ─────────────────────────

export const SPAM_CORPUS = join('uci-sms-spam', 'sms_spam_collection.tsv');

/** The corpora folder: --corpora, else $SCRM_AUDIT_CORPORA, else ../shared/corpora next to the package. */
export function corporaDir(explicit?: string): string {
  return explicit ?? process.env.SCRM_AUDIT_CORPORA ?? resolve(PACKAGE_ROOT, '..', 'shared', 'corpora');
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode HTML entities (&lt; &amp; &#39; &#x2F;) in one pass, so "&amp;lt;" becomes "&lt;", not "<". */
export function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export interface CorpusRow {
  /** 1-based data row (the header is line 1, so the row sits on line row + 1). */
  row: number;
  label: 'ham' | 'spam';
  text: string;
}

/** Read the `label<TAB>text` TSV; rows that are not ham/spam are skipped and reported by row. */
export function readSpamCorpus(file: string): { rows: CorpusRow[]; skipped: Array<{ row: number; reason: string }> } {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  if (header[0]?.trim().toLowerCase() !== 'label' || header[1]?.trim().toLowerCase() !== 'text') {
    throw new InputError('expected a header row "label<TAB>text"', file, 1, 1);
  }
  const rows: CorpusRow[] = [];
  const skipped: Array<{ row: number; reason: string }> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    const label = (tab < 0 ? line : line.slice(0, tab)).trim().toLowerCase();
    const text = tab < 0 ? '' : decodeEntities(line.slice(tab + 1)).trim();
    if (label !== 'ham' && label !== 'spam') skipped.push({ row: i, reason: `label "${label}" is not ham or spam` });
    else if (!text) skipped.push({ row: i, reason: 'empty text' });
    else rows.push({ row: i, label, text });
  }
  return { rows, skipped };
}

/** One row → a one-message SMS campaign sent to everyone, with no schedule. */
function rowCampaign(r: CorpusRow, file: string): Campaign {
  const line = r.row + 1;
  return {
    id: `row-${r.row}`,
    channel: 'sms',
    timezone: 'UTC',
    audience: { tags: [] },
    sendTimes: [],
    messages: [{ id: 'm1', text: r.text, line, column: 1, locator: fixedLocator(line, 1), ignore: [], row: r.row }],
    ignore: [],
    source: file,
    line,
    column: 1,
  };
}

export interface CorpusEvaluation {
  file: string;
  rows: number;
  ham: number;
  spam: number;
  /** Rows that are not ham/spam or have no text. */
  unreadable: Array<{ row: number; reason: string }>;
  /** P(ham scores above spam), ties ½. */
  auc: number | null;
  /** The same over distinct (label, text) pairs: the corpus repeats some messages. */
  unique: { rows: number; auc: number | null };
  /**
   * Diagnostic: AUC when rows are ranked by signal minus the penalties of
   * content rules only, leaving out the rules that judge the campaign's
   * framing (audience, channel, schedule) — every row is framed the same way.
   */
  contentOnly: { excluded: string[]; auc: number | null };
  meanHam: number | null;
  meanSpam: number | null;
  /** Share of rows with at least one finding. */
  flaggedHam: number;
  flaggedSpam: number;
  /** How often each rule fired, by class. */
  ruleCounts: Array<{ id: string; ham: number; spam: number }>;
}

/** Rules that judge how a row is sent (to everyone, by SMS, unscheduled), not what it says. */
export const FRAMING_RULES = ['missing-relevance', 'missing-opt-out', 'quiet-hours', 'frequency-cap'];

export function evaluateCorpus(file: string, opts: { ruleSet?: RuleSet; config?: Config } = {}): CorpusEvaluation {
  const { rows, skipped } = readSpamCorpus(file);
  const ruleSet = opts.ruleSet ?? loadBuiltinRules();
  const config = structuredClone(opts.config ?? defaultConfig());
  // Rows are independent texts, not a schedule: comparing them as campaigns of one run is meaningless.
  config.rules['frequency-cap'] = { ...config.rules['frequency-cap'], enabled: false };
  const report = auditRobustly(rows.map((r) => rowCampaign(r, file)), ruleSet, config, displayPath(file));

  const ham: number[] = [];
  const spam: number[] = [];
  const contentHam: number[] = [];
  const contentSpam: number[] = [];
  const uniqueHam = new Map<string, number>();
  const uniqueSpam = new Map<string, number>();
  const counts = new Map<string, { ham: number; spam: number }>();
  let flaggedHam = 0;
  let flaggedSpam = 0;
  report.campaigns.forEach((c, i) => {
    const r = rows[i]!;
    const isSpam = r.label === 'spam';
    (isSpam ? spam : ham).push(c.score);
    const contentNoise = c.findings.filter((f) => !FRAMING_RULES.includes(f.ruleId)).reduce((sum, f) => sum + f.penalty, 0);
    (isSpam ? contentSpam : contentHam).push(c.signal - contentNoise);
    (isSpam ? uniqueSpam : uniqueHam).set(r.text, c.score);
    if (c.findings.length) isSpam ? flaggedSpam++ : flaggedHam++;
    for (const id of new Set(c.findings.map((f) => f.ruleId))) {
      const k = counts.get(id) ?? { ham: 0, spam: 0 };
      k[r.label]++;
      counts.set(id, k);
    }
  });
  return {
    file: displayPath(file),
    rows: rows.length,
    ham: ham.length,
    spam: spam.length,
    unreadable: skipped,
    auc: rocAuc(ham, spam),
    unique: { rows: uniqueHam.size + uniqueSpam.size, auc: rocAuc([...uniqueHam.values()], [...uniqueSpam.values()]) },
    contentOnly: { excluded: FRAMING_RULES, auc: rocAuc(contentHam, contentSpam) },
    meanHam: mean(ham),
    meanSpam: mean(spam),
    flaggedHam: ham.length ? flaggedHam / ham.length : 0,
    flaggedSpam: spam.length ? flaggedSpam / spam.length : 0,
    ruleCounts: [...counts.entries()].map(([id, k]) => ({ id, ...k })).sort((a, b) => b.spam + b.ham - (a.spam + a.ham) || (a.id < b.id ? -1 : 1)),
  };
}

// ───────────────────────── output ─────────────────────────

export interface EvalResult {
  tool: 'scrm-audit-eval';
  set: SetEvaluation;
  corpus: CorpusEvaluation | { skipped: string };
}

const fmt = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits));
const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(0)}%` : '–');

export function formatText(r: EvalResult, opts: { verbose?: boolean; focus?: string } = {}): string {
  const s = r.set;
  const out: string[] = [];
  out.push(`scrm-audit evaluation: ${s.files.length} files, ${s.campaigns} campaigns, ${s.messages} messages`);
  out.push(`  channels (campaigns): ${CHANNELS.map((c) => `${c} ${s.channels[c]}`).join(' · ')}`);
  const scriptNames: Script[] = ['zh-Hans', 'zh-Hant', 'en', 'other'];
  out.push(`  scripts (messages):   ${scriptNames.filter((k) => k !== 'other' || s.scripts.other).map((k) => `${k} ${s.scripts[k]} (${pct(s.scripts[k], s.messages)})`).join(' · ')}`);
  out.push(`  labels:               good ${s.labels.good} · bad ${s.labels.bad}`);
  out.push('');

  const rows = opts.focus ? s.rules.filter((x) => x.id === opts.focus) : s.rules;
  const head = ['rule', 'status', 'pos', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'];
  const table = rows.map((x) => [x.id, x.status, String(x.support), String(x.tp), String(x.fp), String(x.fn), fmt(x.precision), fmt(x.recall), fmt(x.f1)]);
  if (!opts.focus) {
    table.push([`macro average (${s.macro.rules} rules)`, '', '', '', '', '', fmt(s.macro.precision), fmt(s.macro.recall), fmt(s.macro.f1)]);
    const pooled = sumConfusion(s.rules.filter((x) => x.support > 0));
    table.push(['micro average', '', String(pooled.tp + pooled.fn), String(pooled.tp), String(pooled.fp), String(pooled.fn), fmt(s.micro.precision), fmt(s.micro.recall), fmt(s.micro.f1)]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  out.push(line(head));
  for (const row of table) out.push(line(row));
  for (const x of rows) if (x.error) out.push(`  ${x.id}: ${x.error}`);
  out.push('');
  out.push(`exact match (fired set = expected set): ${s.exactMatch.campaigns}/${s.exactMatch.of} campaigns (${pct(s.exactMatch.campaigns, s.exactMatch.of)})`);
  const a = s.scoreAuc;
  out.push(`score AUC, good above bad: ${fmt(a.auc)} (good ${a.good}, mean score ${fmt(a.meanGood, 1)}; bad ${a.bad}, mean score ${fmt(a.meanBad, 1)})`);

  if ('skipped' in r.corpus) {
    out.push(`spam corpus: skipped (${r.corpus.skipped})`);
  } else {
    const c = r.corpus;
    out.push(`spam corpus ${c.file}: ${c.rows} rows (ham ${c.ham}, spam ${c.spam}${c.unreadable.length ? `, ${c.unreadable.length} unreadable` : ''})`);
    out.push(`  score AUC, ham above spam: ${fmt(c.auc)} (distinct texts: ${c.unique.rows}, AUC ${fmt(c.unique.auc)})`);
    out.push(`  diagnostic, content rules only (without ${c.contentOnly.excluded.join(', ')}): AUC ${fmt(c.contentOnly.auc)}`);
    out.push(`  mean score: ham ${fmt(c.meanHam, 1)}, spam ${fmt(c.meanSpam, 1)}; at least one finding: ham ${(100 * c.flaggedHam).toFixed(1)}%, spam ${(100 * c.flaggedSpam).toFixed(1)}%`);
    if (c.ruleCounts.length) out.push(`  rules fired (spam / ham rows): ${c.ruleCounts.map((k) => `${k.id} ${k.spam}/${k.ham}`).join(', ')}`);
    for (const k of c.unreadable.slice(0, 5)) out.push(`  row ${k.row}: ${k.reason}`);
  }

  if (opts.verbose) {
    const list = opts.focus ? s.mismatches.filter((m) => m.ruleId === opts.focus) : s.mismatches;
    out.push('');
    out.push(list.length ? `mismatches (${list.length}):` : 'mismatches: none');
    for (const x of rows) {
      const mine = list.filter((m) => m.ruleId === x.id);
      if (!mine.length) continue;
      out.push('');
      out.push(`${x.id}: ${mine.filter((m) => m.kind === 'missed').length} missed, ${mine.filter((m) => m.kind === 'false alarm').length} false alarms`);
      for (const m of mine) {
        out.push(`  ${m.kind === 'missed' ? 'missed     ' : 'false alarm'}  ${m.file}:${m.line}  ${m.campaignId}`);
        out.push(`      expected [${m.expected.join(', ')}]  fired [${m.fired.join(', ')}]`);
        out.push(`      «${m.excerpt}»${m.note ? `  (${m.note})` : ''}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

// ───────────────────────── command line ─────────────────────────

export interface RunIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export function runEval(argv: string[], io: RunIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): number {
  const program = new Command('npm run eval --')
    .description('Measure scrm-audit against the labelled evaluation set (eval/set) and the public SMS spam corpus.')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'list every mismatch: campaign, file:line, expected vs fired')
    .option('--rule <id>', 'focus the table and the mismatches on one rule')
    .option('--set <dir>', 'the labelled set folder (default: eval/set in the package)')
    .option('--corpora <dir>', 'folder holding uci-sms-spam/ (default: $SCRM_AUDIT_CORPORA, else ../shared/corpora)')
    .option('--no-corpus', 'skip the spam corpus')
    .option('-c, --config <file>', 'evaluate with this config instead of the defaults')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} });
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      io.stderr(`eval: ${e.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    throw e;
  }
  const o = program.opts<{ json?: boolean; verbose?: boolean; rule?: string; set?: string; corpora?: string; corpus: boolean; config?: string }>();
  try {
    const known = knownRuleIds();
    if (o.rule !== undefined && !known.has(o.rule)) throw new InputError(`--rule: unknown rule id "${o.rule}" (known: ${[...known].sort().join(', ')})`);
    const config = o.config ? loadConfig(o.config) : defaultConfig();
    const ruleSet = loadBuiltinRules();
    const set = evaluateSet({ files: listEvalFiles(o.set ?? EVAL_SET_DIR), ruleSet, config });
    let corpus: EvalResult['corpus'];
    const file = join(corporaDir(o.corpora), SPAM_CORPUS);
    if (!o.corpus) corpus = { skipped: '--no-corpus' };
    else if (!existsSync(file)) corpus = { skipped: `${displayPath(file)} not found; set SCRM_AUDIT_CORPORA or --corpora` };
    else corpus = evaluateCorpus(file, { ruleSet, config });
    const result: EvalResult = { tool: 'scrm-audit-eval', set, corpus };
    if (o.json) {
      const { outcomes, mismatches, ...rest } = set;
      const focus = (m: Mismatch) => !o.rule || m.ruleId === o.rule;
      const json = {
        ...result,
        set: { ...rest, ...(o.rule ? { rules: rest.rules.filter((r) => r.id === o.rule) } : {}), mismatches: mismatches.filter(focus), ...(o.verbose ? { outcomes } : {}) },
      };
      io.stdout(JSON.stringify(json, null, 2) + '\n');
    } else {
      io.stdout(formatText(result, { verbose: o.verbose, focus: o.rule }));
    }
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`eval: ${e.format()}\n`);
      return 2;
    }
    throw e;
  }
}

function invokedDirectly(): boolean {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}
if (invokedDirectly()) process.exitCode = runEval(process.argv.slice(2));
