/**
 * `scrm-audit learn <files...> --output <model.json>` (CONTRACTS §8),
 * registered through main's `extraCommands` hook; src/cli/run.ts imports it.
 *
 * Labelled CSV/TSV in (src/learn/read.ts), a deterministic model file out
 * (src/learn/model.ts). Learning from a log's outcomes is the other half of
 * §8 and is not built yet: asking for it is exit 2 with a message saying so,
 * not a silently empty model.
 */
import { basename } from 'node:path';
import { commonSettings, extraCommands } from '../cli/main.js';
import { auditLogs } from '../logs/index.js';
import { builtinRules } from '../rules/index.js';
import { DEFAULT_MIN_SENDS, suggestPenalties, suggestionsYaml } from './outcomes.js';
import { assertNotInput, writeFileAtomic } from '../cli/output.js';
import { InputError, InputErrors } from '../errors.js';
import { visible } from '../report/visible.js';
import { serializeModel, train, type LabelledText, type TrainOptions } from './model.js';
import { readLabelled } from './read.js';

export interface LearnOptions extends TrainOptions {
  /** Where to write the model. */
  output: string;
}

function whole(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = v.trim() === '' ? NaN : Number(v);
  if (!Number.isInteger(n) || n < min) throw new InputError(`${name}: expected a whole number ≥ ${min}, got "${v}"`);
  return n;
}

/** Train from labelled files and write the model; returns what was learned, for the summary line. */
export function learnFiles(files: string[], opts: LearnOptions): { noise: number; ok: number; features: number } {
  if (!files.length) throw new InputError('learn: name at least one labelled CSV/TSV file');
  assertNotInput(opts.output, files, '--output');
  const data: LabelledText[] = [];
  const errors: InputError[] = [];
  for (const f of files) {
    try {
      data.push(...readLabelled(f));
    } catch (e) {
      if (e instanceof InputErrors) errors.push(...e.errors);
      else if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  InputErrors.throwIfAny(errors);
  const noise = data.filter((d) => d.label === 1).length;
  // A model that has seen one class only would call everything that class.
  if (!noise || noise === data.length) {
    throw new InputError(`learn: the training data needs both classes; it has ${noise} noise and ${data.length - noise} ok message(s)`, files.length === 1 ? files[0] : undefined);
  }
  // Only file names, no folders or times: the same inputs give the same bytes on any machine.
  const model = train(data, files.map((f) => basename(f)), opts);
  writeFileAtomic(opts.output, serializeModel(model), 'cannot write model');
  return { noise, ok: data.length - noise, features: model.weights.length };
}

extraCommands.push((program, io) => {
  program
    .command('learn')
    .description('train a model from labelled messages (CSV/TSV with label and text columns); check and logs use it with --model')
    .argument('<files...>', 'labelled CSV/TSV files: a header row with `label` (noise | ok; spam | ham; 1 | 0) and `text`')
    .requiredOption('-o, --output <model.json>', 'where to write the model')
    .option('--max-features <n>', 'most n-grams kept, by how many messages contain them (default 4000)')
    .option('--min-count <n>', 'an n-gram must occur in at least this many messages (default 2)')
    .option('--epochs <n>', 'passes over the training data (default 30)')
    .option('--outcomes', "read the files as message logs and suggest penalties from what customers did after each send (a config snippet, not a model)")
    .option('--min-sends <n>', `with --outcomes: sends needed with and without a rule's finding before it is judged (default ${DEFAULT_MIN_SENDS})`)
    .option('-c, --config <file>', 'with --outcomes: the config whose rules and penalties the logs are audited with')
    .option('--timezone <tz>', 'with --outcomes: the zone of the logs\' times (as `logs --timezone`)')
    .option('--attribution-window <d>', 'with --outcomes: as `logs --attribution-window` (default 24h)')
    .addHelpText(
      'after',
      [
        '',
        'Label what your customers treated as noise (opted out, complained, muted, deleted) as noise,',
        'and what they answered or acted on as ok; a few hundred of each is a start. Retrain when your',
        'copy or your customers change (README: "Learning from your own sends").',
        '',
        "With --outcomes the files are message logs (as for `scrm-audit logs`) and the output is a config",
        'snippet: each rule whose findings went with more opt-outs, leaves and deleted contacts gets a',
        'higher penalty, scaled by how much more (0.5× to 3×), with the rates and counts beside it.',
        'Training the text model from outcomes is not supported yet.',
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
      const r = learnFiles(files, {
        output: opts.output,
        maxFeatures: whole(opts.maxFeatures, '--max-features', 1),
        minCount: whole(opts.minCount, '--min-count', 1),
        epochs: whole(opts.epochs, '--epochs', 1),
      });
      io.stderr(`wrote ${visible(opts.output)}: learned from ${r.noise + r.ok} messages (${r.noise} noise, ${r.ok} ok), ${r.features} n-grams\n`);
    });
});
