/**
 * The labelled evaluation set (eval/set/*.yaml): ordinary drafts files whose
 * campaigns carry `expect: [rule-id, …]` and `label: good | bad`. The drafts
 * loader ignores those keys, so the labels are read here from the same YAML,
 * with their line numbers, and matched to the loaded campaigns by id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, type Node } from 'yaml';
import * as OpenCC from 'opencc-js';
import { loadDrafts } from '../drafts/load.js';
import { InputError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Campaign } from '../types.js';

/** The rules the drafts side must have (RULEBOOK.md); the set labels against these. */
export const DRAFT_RULE_IDS = [
  'mass-mention',
  'off-topic-selling',
  'buried-disclaimer',
  'missing-relevance',
  'frequency-cap',
  'self-serving-ask',
  'absolute-claim',
  'false-urgency',
  'template-tone',
  'missing-opt-out',
  'quiet-hours',
  'defensive-reply',
] as const;


export const EVAL_SET_DIR = resolve(PACKAGE_ROOT, 'eval', 'set');

export type Label = 'good' | 'bad';

export interface CampaignLabel {
  expect: string[];
  label: Label;
  note?: string;
  line: number;
}

export interface EvalFile {
  file: string;
  campaigns: Campaign[];
  /** By campaign id. */
  labels: Map<string, CampaignLabel>;
}

/** The set's drafts files, sorted so every run reads them in the same order. */
export function listEvalFiles(dir = EVAL_SET_DIR): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InputError('evaluation set folder not found', dir);
  }
  return names.filter((n) => /\.(ya?ml|json)$/i.test(n)).sort().map((n) => join(dir, n));
}

function get(map: unknown, key: string): Node | null | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) if (isScalar(pair.key) && pair.key.value === key) return pair.value as Node | null;
  return undefined;
}

/**
 * Load one labelled file: the campaigns exactly as `scrm-audit check` loads
 * them, plus each campaign's labels. A missing or malformed label is an input
 * error naming the file and line; `knownRules` (when given) must contain every
 * id named in `expect`.
 */
export function loadEvalFile(file: string, opts: { timezone?: string; knownRules?: ReadonlySet<string> } = {}): EvalFile {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, file);
  }
  const campaigns = loadDrafts(source, file, { timezone: opts.timezone });
  const lc = new LineCounter();
  const doc = parseDocument(source.replace(/^\uFEFF/, ''), { lineCounter: lc });
  const pos = (n: Node | null | undefined) => lc.linePos(n?.range?.[0] ?? 0);
  const fail = (n: Node | null | undefined, msg: string): never => {
    const p = pos(n);
    throw new InputError(msg, file, p.line, p.col);
  };
  const labels = new Map<string, CampaignLabel>();
  const items = get(doc.contents, 'campaigns');
  if (!isSeq(items)) return { file, campaigns, labels }; // the loader has already rejected this
  items.items.forEach((item, i) => {
    const node = item as Node;
    const id = String((get(node, 'id') as { value?: unknown } | null)?.value ?? '');
    const where = `campaigns[${i}] (${id})`;
    const expectNode = get(node, 'expect');
    if (expectNode == null) fail(node, `${where}.expect: is required in the evaluation set (a list of rule ids; [] for a clean campaign)`);
    if (!isSeq(expectNode)) fail(expectNode, `${where}.expect: expected a list of rule ids`);
    const expect: string[] = [];
    for (const it of (expectNode as { items: unknown[] }).items) {
      const v = isScalar(it) ? it.value : undefined;
      if (typeof v !== 'string' || !v.trim()) fail(it as Node, `${where}.expect: expected rule ids (strings)`);
      const ruleId = (v as string).trim();
      if (opts.knownRules && !opts.knownRules.has(ruleId)) fail(it as Node, `${where}.expect: unknown rule id "${ruleId}"`);
      if (expect.includes(ruleId)) fail(it as Node, `${where}.expect: "${ruleId}" is listed twice`);
      expect.push(ruleId);
    }
    const labelNode = get(node, 'label');
    const label = isScalar(labelNode) ? labelNode.value : undefined;
    if (label !== 'good' && label !== 'bad') fail(labelNode ?? node, `${where}.label: expected good | bad`);
    const noteNode = get(node, 'note');
    const note = isScalar(noteNode) && noteNode.value != null ? String(noteNode.value) : undefined;
    labels.set(id, { expect, label: label as Label, ...(note ? { note } : {}), line: pos(node).line });
  });
  return { file, campaigns, labels };
}

export type Script = 'zh-Hans' | 'zh-Hant' | 'en' | 'other';

let converters: { t2s: (s: string) => string; s2t: (s: string) => string } | undefined;

/**
 * The script a message is written in, for the set's coverage figures: Han
 * characters outweighing Latin letters make it Chinese, and Chinese is
 * Traditional when converting it to Simplified changes more characters than
 * converting it to Traditional does (shared characters change neither way).
 */
export function scriptOf(text: string): Script {
  const han = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g) ?? [];
  const latin = text.match(/[A-Za-z]/g) ?? [];
  if (!han.length && !latin.length) return 'other';
  // a Han character carries about a word; weigh it against ~4 Latin letters
  if (han.length * 4 < latin.length) return 'en';
  converters ??= {
    t2s: OpenCC.Converter({ from: 'tw', to: 'cn' }),
    s2t: OpenCC.Converter({ from: 'cn', to: 'tw' }),
  };
  const hanText = han.join('');
  const diff = (converted: string) => {
    const out = [...converted];
    return han.filter((ch, i) => ch !== out[i]).length;
  };
  const toSimp = diff(converters.t2s(hanText));
  const toTrad = diff(converters.s2t(hanText));
  return toSimp > toTrad ? 'zh-Hant' : 'zh-Hans';
}
