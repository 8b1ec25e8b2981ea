/**
 * Rule metadata and data, read from YAML (rules/builtin/<id>.yaml). The YAML
 * holds everything a user may want to change without TypeScript: severity,
 * penalty, bilingual texts, lexicons and thresholds.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter, type Document } from 'yaml';
import { InputError, InputErrors } from '../errors.js';
import { CHECK_SCHEMA, checkSchemaErrors, documentPositions } from '../config/validate.js';
import { cachedRuleData, recordValidated, validatedBefore } from './data-cache.js';
import { SEVERITIES, type Bilingual, type Channel, type Severity } from '../types.js';
import type { LexiconInput } from '../text/lexicon.js';
import type { CheckBlock } from './checks/types.js';

export interface RuleMeta {
  id: string;
  severity: Severity;
  penalty: number;
  /** Channels the rule applies to; all when absent. */
  channels?: Channel[];
  title: Bilingual;
  description: Bilingual;
  explain: Bilingual;
  /** Message templates by variant; `default` is required. Placeholders: {excerpt}, {term}, … */
  messages: Record<string, Bilingual>;
  advice: Record<string, Bilingual>;
  options: Record<string, unknown>;
  lexicons: Record<string, LexiconInput>;
  examples?: { fires?: string[]; passes?: string[] };
  /**
   * The rule grades how much rather than judges whether (selling-pressure: a
   * price, a link, a countdown each cost a little): every marketing message has
   * some degree, so evaluation labels never name it and the labelled
   * comparison leaves it out; it counts in the scores only.
   */
  graded?: boolean;
  /** The rule's logic declared over check types (src/rules/checks); absent for a rule written in TypeScript. */
  check?: CheckBlock;
  /** For data-only rules from packs: lexicon | pattern | metric. */
  type?: string;
  /** Where it was defined (for errors and `rules`). */
  file: string;
}

/** The data of a YAML file (built-in rule files come from the parsed-data cache when unchanged). */
export function readYamlData(file: string): unknown {
  return cachedRuleData(file, () => readYamlFile(file).data);
}

export function readYamlFile(file: string): { data: unknown; lc: LineCounter; doc: Document } {
  let src: string;
  try {
    src = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, file);
  }
  const lc = new LineCounter();
  const doc = parseDocument(src.replace(/^\uFEFF/, ''), { lineCounter: lc, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const p = lc.linePos(err.pos[0]);
    throw new InputError(`invalid YAML: ${err.message.split('\n')[0]}`, file, p.line, p.col);
  }
  return { data: doc.toJS(), lc, doc };
}

function bilingual(v: unknown, file: string, field: string, required = true): Bilingual {
  if (typeof v === 'string') return { zh: v, en: v };
  if (v && typeof v === 'object' && typeof (v as Bilingual).zh === 'string' && typeof (v as Bilingual).en === 'string') return v as Bilingual;
  if (!required) return { zh: '', en: '' };
  throw new InputError(`${field}: expected { zh: …, en: … }`, file);
}

function bilingualMap(v: unknown, file: string, field: string): Record<string, Bilingual> {
  if (v == null) throw new InputError(`${field}: is required`, file);
  if (typeof v === 'string' || (typeof v === 'object' && 'zh' in (v as object))) return { default: bilingual(v, file, field) };
  const out: Record<string, Bilingual> = {};
  for (const [k, val] of Object.entries(v as object)) out[k] = bilingual(val, file, `${field}.${k}`);
  if (!out.default) throw new InputError(`${field}.default: is required`, file);
  return out;
}

/** The `check:` section's shape; on an error, the file is read again for the lines to point at (the rare path). */
function validateCheck(check: unknown, file: string): void {
  if (!checkSchemaErrors(check, file).length) return;
  let positions;
  try {
    const { doc, lc } = readYamlFile(file);
    positions = documentPositions(doc, (o) => lc.linePos(o));
  } catch {
    positions = undefined; // not a file (a rule given as data): the errors still name the path
  }
  InputErrors.throwIfAny(checkSchemaErrors(check, file, positions));
}

/** Validate one rule definition object read from `file` (`checkValid`: its `check:` is known to pass the schema). */
export function parseRuleMeta(raw: unknown, file: string, checkValid = false): RuleMeta {
  if (!raw || typeof raw !== 'object') throw new InputError('expected a rule definition mapping', file);
  const r = raw as Record<string, unknown>;
  if (r.check !== undefined && !checkValid) validateCheck(r.check, file);
  const id = r.id;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-/]*$/.test(id)) throw new InputError('id: expected a lower-case rule id such as brand/banned-claims', file);
  const severity = r.severity as Severity;
  if (!SEVERITIES.includes(severity)) throw new InputError(`${id}.severity: expected error | warning | info`, file);
  const penalty = r.penalty;
  if (typeof penalty !== 'number' || penalty < 0 || penalty > 100) throw new InputError(`${id}.penalty: expected a number from 0 to 100`, file);
  return {
    id,
    severity,
    penalty,
    channels: r.channels as Channel[] | undefined,
    title: bilingual(r.title, file, `${id}.title`),
    description: bilingual(r.description ?? r.title, file, `${id}.description`),
    explain: bilingual(r.explain ?? r.description ?? r.title, file, `${id}.explain`),
    messages: bilingualMap(r.messages ?? r.message, file, `${id}.messages`),
    advice: bilingualMap(r.advice, file, `${id}.advice`),
    options: (r.options as Record<string, unknown>) ?? {},
    lexicons: (r.lexicons as Record<string, LexiconInput>) ?? {},
    examples: r.examples as RuleMeta['examples'],
    ...(r.graded === true ? { graded: true } : {}),
    ...(r.check !== undefined ? { check: r.check as CheckBlock } : {}),
    type: typeof r.type === 'string' ? r.type : undefined,
    file,
  };
}

/** One rule file; a built-in one unchanged since a run found it valid is not checked against the schema again. */
export function loadRuleMetaFile(file: string): RuleMeta {
  const data = readYamlData(file);
  const known = validatedBefore(file, CHECK_SCHEMA);
  const meta = parseRuleMeta(data, file, known);
  if (!known) recordValidated(file, CHECK_SCHEMA);
  return meta;
}
