/**
 * `npm run eval:learn` — does `scrm-audit learn` help on text nobody here
 * wrote? K-fold cross-validation on the UCI SMS spam collection (evaluation
 * data: no model that ships is trained on it): fold k tests the rows whose
 * 1-based row number mod K is k and trains on all the others, so with the
 * default K = 2 the model learns from one parity half and is scored on the
 * other, then the halves swap.
 *
 * End to end through the real command line, as a user would run it, in a
 * temporary folder per fold:
 *   1. train.tsv (label, text) → `scrm-audit learn train.tsv -o model.json`
 *   2. the test rows as one-message SMS campaigns (test.json, as `npm run
 *      eval` converts the corpus) → `scrm-audit check test.json --format
 *      json` with a config holding `model: model.json` (and frequency-cap
 *      off: the rows are independent texts, not a schedule), and again
 *      without the model;
 *   3. ROC AUC of the campaign score, ham above spam (src/eval/metrics.ts),
 *      with and without the model, and how many learned-noise findings the
 *      report holds.
 *
 *   npm run eval:learn -- [--folds 2] [--corpora <dir>] [--json] [--keep <dir>]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { PACKAGE_ROOT } from '../paths.js';
import { rocAuc } from './metrics.js';
import { corporaDir, readSpamCorpus, SPAM_CORPUS, type CorpusRow } from './run.js';
import { loadModel, predictNorm } from '../learn/model.js';
import { normalize } from '../text/normalize.js';

const BIN = resolve(PACKAGE_ROOT, 'bin', 'scrm-audit.js');

export interface FoldResult {
  fold: number;
  train: { rows: number; spam: number };
  test: { rows: number; spam: number };
  /** Score AUC (ham above spam) without and with the model. */
  aucWithout: number | null;
  aucWith: number | null;
  /** Diagnostic: AUC of the model's probability alone (spam above ham). */
  aucModelAlone: number | null;
  learnedNoise: { spam: number; ham: number };
  modelBytes: number;
}

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

interface ReportLike {
  campaigns: Array<{ id: string; score: number; findings: Array<{ ruleId: string }> }>;
}

function scores(dir: string, config: string, label: Map<string, 'ham' | 'spam'>): { ham: number[]; spam: number[]; learned: { ham: number; spam: number } } {
  const out = join(dir, `report-${config}.json`);
  const r = run(['check', 'test.json', '-c', config, '--format', 'json', '-o', out, '--fail-under', '0'], dir);
  if (r.code !== 0 && r.code !== 1) throw new Error(`scrm-audit check failed (exit ${r.code}): ${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as ReportLike;
  const ham: number[] = [];
  const spam: number[] = [];
  const learned = { ham: 0, spam: 0 };
  for (const c of report.campaigns) {
    const l = label.get(c.id)!;
    (l === 'spam' ? spam : ham).push(c.score);
    if (c.findings.some((f) => f.ruleId === 'learned-noise')) learned[l]++;
  }
  return { ham, spam, learned };
}

export function crossValidate(file: string, folds = 2, keep?: string): FoldResult[] {
  const { rows } = readSpamCorpus(file);
  const results: FoldResult[] = [];
  for (let k = 0; k < folds; k++) {
    const dir = keep ? resolve(keep, `fold-${k}`) : mkdtempSync(join(tmpdir(), `scrm-learn-${k}-`));
    mkdirSync(dir, { recursive: true });
    try {
      const test = rows.filter((r) => r.row % folds === k);
      const trainRows = rows.filter((r) => r.row % folds !== k);
      writeFileSync(join(dir, 'train.tsv'), ['label\ttext', ...trainRows.map((r) => `${r.label}\t${oneLine(r.text)}`)].join('\n') + '\n');
      const learn = run(['learn', 'train.tsv', '-o', 'model.json'], dir);
      if (learn.code !== 0) throw new Error(`scrm-audit learn failed (exit ${learn.code}): ${learn.stderr}`);
      const campaigns = test.map((r: CorpusRow) => ({ id: `row-${r.row}`, messages: [r.text] }));
      writeFileSync(join(dir, 'test.json'), JSON.stringify({ version: 1, defaults: { timezone: 'UTC', channel: 'sms' }, campaigns }));
      writeFileSync(join(dir, 'with-model.yaml'), 'model: model.json\nrules:\n  frequency-cap: off\n');
      writeFileSync(join(dir, 'without-model.yaml'), 'rules:\n  frequency-cap: off\n');
      const label = new Map(test.map((r) => [`row-${r.row}`, r.label] as const));
      const without = scores(dir, 'without-model.yaml', label);
      const withModel = scores(dir, 'with-model.yaml', label);
      const model = loadModel(join(dir, 'model.json'));
      const pSpam: number[] = [];
      const pHam: number[] = [];
      for (const r of test) (r.label === 'spam' ? pSpam : pHam).push(predictNorm(model, normalize(r.text).norm).p);
      results.push({
        fold: k,
        train: { rows: trainRows.length, spam: trainRows.filter((r) => r.label === 'spam').length },
        test: { rows: test.length, spam: test.filter((r) => r.label === 'spam').length },
        aucWithout: rocAuc(without.ham, without.spam),
        aucWith: rocAuc(withModel.ham, withModel.spam),
        aucModelAlone: rocAuc(pSpam, pHam),
        learnedNoise: withModel.learned,
        modelBytes: readFileSync(join(dir, 'model.json')).length,
      });
    } finally {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(3));
const meanOf = (xs: Array<number | null>) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
};

export function formatFolds(file: string, folds: FoldResult[]): string {
  const out = [`scrm-audit learn, ${folds.length}-fold cross-validation on ${file} (fold k tests rows with row number mod ${folds.length} = k, trains on the rest)`, ''];
  out.push('fold  train (spam)   test (spam)   AUC without model   AUC with model   model alone   learned-noise on spam / ham   model bytes');
  for (const f of folds) {
    out.push(
      `${String(f.fold).padEnd(4)}  ${`${f.train.rows} (${f.train.spam})`.padEnd(13)}  ${`${f.test.rows} (${f.test.spam})`.padEnd(12)}  ${fmt(f.aucWithout).padStart(17)}   ${fmt(f.aucWith).padStart(14)}   ${fmt(f.aucModelAlone).padStart(11)}   ${`${f.learnedNoise.spam}/${f.test.spam} · ${f.learnedNoise.ham}/${f.test.rows - f.test.spam}`.padStart(27)}   ${String(f.modelBytes).padStart(11)}`,
    );
  }
  out.push(`mean  ${''.padEnd(13)}  ${''.padEnd(12)}  ${fmt(meanOf(folds.map((f) => f.aucWithout))).padStart(17)}   ${fmt(meanOf(folds.map((f) => f.aucWith))).padStart(14)}   ${fmt(meanOf(folds.map((f) => f.aucModelAlone))).padStart(11)}`);
  return out.join('\n') + '\n';
}

export function runLearnEval(argv: string[]): number {
  const program = new Command('npm run eval:learn --')
    .description('Cross-validate `scrm-audit learn` on the UCI SMS spam collection: train on one part, score the rest with and without the model.')
    .option('--folds <k>', 'number of folds; fold k tests rows whose row number mod k is k (default 2: the parity halves)', '2')
    .option('--corpora <dir>', 'folder holding uci-sms-spam/ (default: $SCRM_AUDIT_CORPORA, else ../shared/corpora)')
    .option('--keep <dir>', 'keep each fold\'s train.tsv, model.json, test.json and reports in <dir>/fold-k')
    .option('--json', 'machine-readable output')
    .exitOverride();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const o = program.opts<{ folds: string; corpora?: string; keep?: string; json?: boolean }>();
  const folds = Number(o.folds);
  if (!Number.isInteger(folds) || folds < 2) {
    process.stderr.write(`eval:learn: --folds: expected a whole number ≥ 2, got "${o.folds}"\n`);
    return 2;
  }
  const file = join(corporaDir(o.corpora), SPAM_CORPUS);
  if (!existsSync(file)) {
    process.stderr.write(`eval:learn: ${file} not found; set SCRM_AUDIT_CORPORA or --corpora\n`);
    return 2;
  }
  const results = crossValidate(file, folds, o.keep);
  process.stdout.write(o.json ? JSON.stringify({ tool: 'scrm-audit-eval-learn', corpus: SPAM_CORPUS, folds: results }, null, 2) + '\n' : formatFolds(SPAM_CORPUS, results));
  return 0;
}

function invokedDirectly(): boolean {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}
if (invokedDirectly()) process.exitCode = runLearnEval(process.argv.slice(2));
