/**
 * `scrm-audit learn <files...> --output <model.json>` (CONTRACTS §8),
 * registered through main's `extraCommands` hook; src/cli/run.ts imports it.
 *
 * Labelled CSV/TSV in (src/learn/read.ts), or message logs whose outcomes
 * label each send (CONTRACTS §7, §8): a deterministic model file out
 * (src/learn/model.ts). From a log, each distinct pushed text becomes two
 * weighted examples — the customers lost after its pushes (opt-outs, leaves,
 * deleted contacts) as noise, the rest of its pushes as ok — so a text that
 * lost 30 of 1,000 customers teaches 30 sends of noise and 970 of ok.
 */
import { basename, extname } from 'node:path';
import { statSync } from 'node:fs';
import { commonSettings, extraCommands } from '../cli/main.js';
import { auditLogs } from '../logs/index.js';
import { builtinRules } from '../rules/index.js';
import { DEFAULT_MIN_SENDS, suggestPenalties, suggestionsYaml } from './outcomes.js';
import { assertNotInput, writeFileAtomic } from '../cli/output.js';
import { InputError, InputErrors } from '../errors.js';
import { visible } from '../report/visible.js';
import { serializeModel, train, type LabelledText, type TrainOptions } from './model.js';
import { looksLikeLog, readLabelled } from './read.js';
import { normalize } from '../text/normalize.js';
import type { TextOutcome } from '../logs/outcomes.js';

export interface LearnOptions extends TrainOptions {
  /** Where to write the model. */
  output: string;
  /** For logs: read as `scrm-audit logs` reads them (config, time zone, attribution window). */
  logs?: { config?: string; timezone?: string; attributionWindow?: string; warn?: (m: string) => void };
}

/** Labelled files are CSV/TSV with `label` and `text`; anything else given to learn is a message log. */
const LABELLED_EXT = new Set(['.csv', '.tsv', '.tab', '.txt', '']);

function isLog(file: string): boolean {
  try {
    if (statSync(file).isDirectory()) return true; // a Slack export folder
  } catch {
    return false; // readLabelled names the file and the system error
  }
  return !LABELLED_EXT.has(extname(file).toLowerCase()) || looksLikeLog(file);
}

/** Each distinct pushed text as up to two weighted examples: customers lost as noise, the rest of its sends as ok. */
export function examplesFromOutcomes(texts: TextOutcome[]): { data: LabelledText[]; texts: number } {
  const byNorm = new Map<string, { sends: number; lost: number }>();
  for (const t of texts) {
    const norm = normalize(t.text.trim()).norm;
    if (!norm) continue;
    const e = byNorm.get(norm) ?? { sends: 0, lost: 0 };
    e.sends += t.sends;
    e.lost += t.lost;
    byNorm.set(norm, e);
  }
  const data: LabelledText[] = [];
  for (const [norm, { sends, lost }] of byNorm) {
    if (!sends) continue;
    // A group post may lose more members than it had sends (one post, several leaves): each leave is a lost customer.
    if (lost > 0) data.push({ label: 1, norm, weight: lost });
    if (sends > lost) data.push({ label: 0, norm, weight: sends - lost });
  }
  return { data, texts: byNorm.size };
}

function whole(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = v.trim() === '' ? NaN : Number(v);
  if (!Number.isInteger(n) || n < min) throw new InputError(`${name}: expected a whole number ≥ ${min}, got "${v}"`);
  return n;
}

/**
 * Train from labelled files and message logs, and write the model; returns
 * what was learned, for the summary line (for logs, counts are sends).
 */
export async function learnFiles(files: string[], opts: LearnOptions): Promise<{ noise: number; ok: number; features: number; texts?: number }> {
  if (!files.length) throw new InputError('learn: name at least one labelled CSV/TSV file or message log');
  assertNotInput(opts.output, files, '--output');
  const data: LabelledText[] = [];
  const errors: InputError[] = [];
  const logs = files.filter(isLog);
  for (const f of files) {
    if (logs.includes(f)) continue;
    try {
      data.push(...readLabelled(f));
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  InputErrors.throwIfAny(errors);
  let source: { labels: 'outcomes'; texts: number } | undefined;
  if (logs.length) {
    const s = commonSettings({ config: opts.logs?.config, timezone: opts.logs?.timezone });
    let texts: TextOutcome[] = [];
    const report = await auditLogs(logs, { ...s, attributionWindow: opts.logs?.attributionWindow, warn: opts.logs?.warn, onTextOutcomes: (t) => (texts = t) });
    const reactions = (report.summary as { outcomes?: { reactionRows: number } }).outcomes?.reactionRows ?? 0;
    if (!reactions) {
      throw new InputError(
        "learn: no outcomes to learn from: the log has no customers' rows (replies, opt-outs such as 退订/TD/STOP, leaves, deleted contacts; CONTRACTS §7 `direction` and `event` columns). Export the customers' side too, or label the sends yourself in a CSV/TSV with `label` (noise | ok) and `text` columns",
        logs.length === 1 ? logs[0] : undefined,
      );
    }
    const ex = examplesFromOutcomes(texts);
    data.push(...ex.data);
    source = { labels: 'outcomes', texts: ex.texts };
  }
  let noise = 0;
  let all = 0;
  for (const d of data) {
    all += d.weight ?? 1;
    if (d.label === 1) noise += d.weight ?? 1;
  }
  // A model that has seen one class only would call everything that class.
  if (!noise || noise === all) {
    const unit = source ? 'send(s)' : 'message(s)';
    const why = source && !noise ? ' (no customer was lost after any send within the attribution window)' : '';
    throw new InputError(`learn: the training data needs both classes; it has ${noise} noise and ${all - noise} ok ${unit}${why}`, files.length === 1 ? files[0] : undefined);
  }
  // Only file names, no folders or times: the same inputs give the same bytes on any machine.
  const model = train(data, files.map((f) => basename(f)), opts, source);
  writeFileAtomic(opts.output, serializeModel(model), 'cannot write model');
  return { noise, ok: all - noise, features: model.weights.length, ...(source ? { texts: source.texts } : {}) };
}

extraCommands.push((program, io) => {
  program
    .command('learn')
    .description('train a model from labelled messages (CSV/TSV with label and text columns) or from message logs whose outcomes label each send; check and logs use it with --model')
    .argument('<files...>', 'labelled CSV/TSV files (a header row with `label` (noise | ok; spam | ham; 1 | 0) and `text`), or message logs as for `scrm-audit logs` with the customers\' replies, opt-outs, leaves and deletes')
    .requiredOption('-o, --output <model.json>', 'where to write the model')
    .option('--max-features <n>', 'most n-grams kept, by how many messages contain them (default 4000)')
    .option('--min-count <n>', 'an n-gram must occur in at least this many messages (default 2)')
    .option('--epochs <n>', 'passes over the training data (default 30)')
    .option('--outcomes', "read the files as message logs and suggest penalties from what customers did after each send (a config snippet, not a model)")
    .option('--min-sends <n>', `with --outcomes: sends needed with and without a rule's finding before it is judged (default ${DEFAULT_MIN_SENDS})`)
    .option('-c, --config <file>', 'for logs: the config the logs are read and audited with')
    .option('--timezone <tz>', 'for logs: the zone of their times (as `logs --timezone`)')
    .option('--attribution-window <d>', 'for logs: as `logs --attribution-window` (default 24h)')
    .addHelpText(
      'after',
      [
        '',
        'Label what your customers treated as noise (opted out, complained, muted, deleted) as noise,',
        'and what they answered or acted on as ok; a few hundred of each is a start. Retrain when your',
        'copy or your customers change (README: "Learning from your own sends").',
        '',
        'Or let the customers label it: give a message log (CSV/TSV with log headers, JSON, JSON Lines,',
        'Parquet, a chat archive…) that carries their side. Each send whose customer opted out, left or',
        'deleted the contact within the attribution window is noise; every other send is ok.',
        '',
        "With --outcomes the files are message logs (as for `scrm-audit logs`) and the output is a config",
        'snippet: each rule whose findings went with more opt-outs, leaves and deleted contacts gets a',
        'higher penalty, scaled by how much more (0.5× to 3×), with the rates and counts beside it.',
        '',
      ].join('\n'),
    )
    .action(async (files: string[], opts: { output: string; maxFeatures?: string; minCount?: string; epochs?: string; outcomes?: boolean; minSends?: string; config?: string; timezone?: string; attributionWindow?: string }) => {
      if (opts.outcomes) {
        assertNotInput(opts.output, files, '--output');
        const s = commonSettings({ config: opts.config, timezone: opts.timezone });
        const report = await auditLogs(files, { ...s, attributionWindow: opts.attributionWindow, warn: (m) => io.stderr(`scrm-audit: ${visible(m)}\n`) });
        const ruleMeta = new Map(builtinRules().map((r) => [r.meta.id, r.meta]));
        const penaltyOf = (id: string) => s.config.rules[id]?.penalty ?? ruleMeta.get(id)?.penalty;
        const r = suggestPenalties(report, penaltyOf, whole(opts.minSends, '--min-sends', 1));
        writeFileAtomic(opts.output, suggestionsYaml(r, files.map((f) => basename(f))), 'cannot write suggestions');
        io.stderr(`wrote ${visible(opts.output)}: ${r.suggestions.length} penalty suggestion(s)${r.skipped.length ? `, ${r.skipped.length} rule(s) with too few sends` : ''}\n`);
        return;
      }
      const r = await learnFiles(files, {
        output: opts.output,
        maxFeatures: whole(opts.maxFeatures, '--max-features', 1),
        minCount: whole(opts.minCount, '--min-count', 1),
        epochs: whole(opts.epochs, '--epochs', 1),
        logs: { config: opts.config, timezone: opts.timezone, attributionWindow: opts.attributionWindow, warn: (m) => io.stderr(`scrm-audit: ${visible(m)}\n`) },
      });
      const what = r.texts !== undefined ? `${r.noise + r.ok} sends of ${r.texts} distinct texts (${r.noise} lost a customer, ${r.ok} did not)` : `${r.noise + r.ok} messages (${r.noise} noise, ${r.ok} ok)`;
      io.stderr(`wrote ${visible(opts.output)}: learned from ${what}, ${r.features} n-grams\n`);
    });
});
