/**
 * Config validation against JSON Schemas (ajv), reporting every error at
 * once with file:line:column and a did-you-mean.
 *
 * Why so strict: the config decides what the gate does, and CI trusts the
 * gate. A typo (`fail_undr`, `templat-tone`) that is silently ignored, or a
 * factor that turns a penalty into NaN or a negative number, makes a failing
 * campaign pass. So unknown keys and rule ids are errors, and every number
 * that weighs a finding must be finite and ≥ 0.
 *
 * Two schemas: the config file's shape (schemas/config.schema.json, the one
 * editors use) checked when the file is read, and each rule's options, derived
 * from the defaults in its YAML (a number stays a number ≥ 0, a list stays a
 * list, a fixed table keeps its keys), checked once the rules of the run are
 * known (packs add rules).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { RuleMeta } from '../rules/meta.js';

/** Line and column (1-based) by JSON pointer; `k` + pointer is the key's position. */
export type Positions = Map<string, [number, number]>;

const escapeToken = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Positions of every value and key of a YAML document, by JSON pointer. */
export function documentPositions(doc: Document, linePos: (offset: number) => { line: number; col: number }): Positions {
  const out: Positions = new Map();
  const at = (n: Node | null | undefined): [number, number] | undefined => {
    const off = n?.range?.[0];
    if (off === undefined) return undefined;
    const p = linePos(off);
    return [p.line, p.col];
  };
  let budget = 100_000; // a config is small; a hostile one cannot make this walk long
  const walk = (n: unknown, ptr: string, depth: number) => {
    if (--budget < 0 || depth > 200 || isAlias(n)) return;
    const node = n as Node;
    const p = at(node);
    if (p && !out.has(ptr)) out.set(ptr, p);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${ptr}/${escapeToken(k)}`;
        const kp = at(pair.key as Node);
        if (kp) out.set(`k${child}`, kp);
        walk(pair.value, child, depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((it, i) => walk(it, `${ptr}/${i}`, depth + 1));
  };
  walk(doc.contents, '', 0);
  return out;
}

/** "rules.mass-mention.options.context.selling.factor", "lexicons.selling.add[0]" */
export function pointerToPath(ptr: string): string {
  let out = '';
  for (const tok of ptr.split('/').slice(1).map(unescapeToken)) out += /^\d+$/.test(tok) ? `[${tok}]` : out ? `.${tok}` : tok;
  return out;
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Candidates close to `word` (a typo, a missing letter, a prefix), best first. */
export function didYouMean(word: string, candidates: Iterable<string>): string[] {
  const w = word.toLowerCase();
  const scored = [...new Set(candidates)]
    .map((c) => ({ c, d: editDistance(w, c.toLowerCase()) }))
    .filter(({ c, d }) => d <= Math.max(1, Math.min(3, Math.floor(c.length / 3))) || (w.length >= 3 && (c.includes(w) || w.includes(c.toLowerCase()))));
  return scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1)).slice(0, 3).map((s) => s.c);
}

export const suggestion = (word: string, candidates: Iterable<string>): string => {
  const near = didYouMean(word, candidates);
  return near.length ? ` (did you mean ${near.join(', ')}?)` : '';
};

const got = (v: unknown): string => {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : '-Infinity';
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/** What a mapping at this path holds, for "expected a mapping" messages. */
const MAPPING_HINTS: Array<[RegExp, string]> = [
  [/^rules$/, 'a mapping of rule id to settings'],
  [/^lexicons$/, 'a mapping of lexicon name to { add, remove }'],
  [/^scoring$/, 'a mapping (base, signal_cap, channel_weight, signals, grades)'],
  [/^scoring\.(channel_weight|channelWeight)$/, 'a mapping of channel to weight'],
  [/^scoring\.grades$/, 'a mapping { A, B, C, D } of lowest scores'],
];

/** Messages for a value that matches none of several shapes. */
const ONE_OF_HINTS: Array<[RegExp, string]> = [
  [/^rules\.[^.]+$/, 'expected off | on | error | warning | info or a mapping'],
  [/lexicons\.[^.]+$/, 'expected { add: [...], remove: [...] } or a list of terms to add'],
];

interface Located {
  /** Path of the value, relative to what was validated ("" for the root). */
  path: string;
  /** What is wrong, without the path. */
  text: string;
  pointer: string;
  /** Point at the key rather than the value (an unknown key). */
  key?: boolean;
}

function numberRange(schema: Record<string, unknown> | undefined): string {
  const whole = schema?.type === 'integer';
  const min = schema?.minimum as number | undefined;
  const max = schema?.maximum as number | undefined;
  if (min !== undefined && max !== undefined) return `expected a ${whole ? 'whole ' : ''}number from ${min} to ${max}`;
  if (min !== undefined) return `expected a ${whole ? 'whole ' : ''}number ≥ ${min}`;
  return whole ? 'expected a whole number' : 'expected a number';
}

/** ajv's errors → one message per problem, the way a person would state it. `base` is the display path of the root. */
export function describeErrors(errors: ErrorObject[], root: unknown, base = ''): Located[] {
  const valueAt = (ptr: string): unknown => {
    let v: unknown = root;
    for (const tok of ptr.split('/').slice(1).map(unescapeToken)) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[tok] : undefined;
    return v;
  };
  const display = (ptr: string) => {
    const rel = pointerToPath(ptr);
    return base && rel ? (rel.startsWith('[') ? base + rel : `${base}.${rel}`) : base || rel;
  };
  // A value matching none of several shapes: when one shape clearly was meant (errors inside the value), report those;
  // otherwise one message for the value.
  const dropped = new Set<ErrorObject>();
  const out: Located[] = [];
  for (const o of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    dropped.add(o);
    const prefix = o.schemaPath + '/';
    const branch = (e: ErrorObject) => e !== o && e.schemaPath.startsWith(prefix);
    const inside = errors.filter((e) => branch(e) && e.instancePath.startsWith(o.instancePath + '/'));
    for (const e of errors) if (branch(e) && (e.instancePath === o.instancePath || !inside.length)) dropped.add(e);
    if (!inside.length) {
      const path = display(o.instancePath);
      const v = valueAt(o.instancePath);
      const hint =
        ONE_OF_HINTS.find(([re]) => re.test(path))?.[1] ??
        (typeof v === 'number' ? `expected a number ≥ 0${Number.isFinite(v) ? '' : ' (a finite number)'}` : 'expected another kind of value');
      out.push({ path, text: `${hint}, got ${got(v)}`, pointer: o.instancePath });
    }
  }
  const seen = new Set<string>();
  for (const e of errors) {
    if (dropped.has(e)) continue;
    const ptr = e.instancePath;
    const path = display(ptr);
    const parent = e.parentSchema as Record<string, unknown> | undefined;
    let loc: Located;
    switch (e.keyword) {
      case 'additionalProperties': {
        const k = (e.params as { additionalProperty: string }).additionalProperty;
        const known = Object.keys((parent?.properties as object | undefined) ?? {});
        const child = `${ptr}/${escapeToken(k)}`;
        const where = display(child);
        if (/(channel_weight|channelWeight)$/.test(path)) loc = { path: where, text: 'unknown channel (group | direct | moments | sms)', pointer: child, key: true };
        else loc = { path: where, text: `unknown key${suggestion(k, known)}; expected one of: ${known.join(', ')}`, pointer: child, key: true };
        break;
      }
      case 'type':
      case 'minimum':
      case 'maximum': {
        const types = ([] as string[]).concat((parent?.type as string | string[] | undefined) ?? []);
        const v = e.data;
        let what: string;
        if (types.includes('number') || types.includes('integer')) what = typeof v === 'number' && !Number.isFinite(v) ? `${numberRange(parent)} (a finite number)` : numberRange(parent);
        else if (types.includes('object')) what = ptr === '' && !base ? 'expected a mapping at the top level' : `expected ${MAPPING_HINTS.find(([re]) => re.test(path))?.[1] ?? 'a mapping'}`;
        else if (types.includes('array')) what = 'expected a list';
        else if (types.includes('string')) what = 'expected a string';
        else if (types.includes('boolean')) what = 'expected true or false';
        else what = e.message ?? 'invalid';
        loc = { path, text: `${what}, got ${got(v)}`, pointer: ptr };
        break;
      }
      case 'enum': {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
        loc = { path, text: `expected ${allowed.join(' | ')}, got ${got(e.data)}${typeof e.data === 'string' ? suggestion(e.data, allowed) : ''}`, pointer: ptr };
        break;
      }
      case 'propertyNames':
        continue; // its pattern error says it
      case 'pattern':
        loc = { path, text: ptr.startsWith('/rules/') ? 'not a rule id (lower-case letters, digits, - and /)' : (e.message ?? 'invalid'), pointer: ptr, key: true };
        break;
      default:
        loc = { path, text: e.message ?? 'invalid', pointer: ptr };
    }
    const dedupe = `${loc.pointer}\u0000${loc.text}`;
    if (!seen.has(dedupe)) {
      seen.add(dedupe);
      out.push(loc);
    }
  }
  return out;
}

const positionOf = (positions: Positions | undefined, ptr: string, key?: boolean) =>
  (key ? positions?.get(`k${ptr}`) : undefined) ?? positions?.get(ptr) ?? positions?.get(`k${ptr}`);

export function locatedErrors(found: Located[], file: string | undefined, positions: Positions | undefined): InputError[] {
  return found.map((l) => {
    const p = positionOf(positions, l.pointer, l.key);
    return new InputError(l.path ? `${l.path}: ${l.text}` : l.text, file, p?.[0], p?.[1]);
  });
}

const ajv = new Ajv({ allErrors: true, strict: false, strictNumbers: true, allowUnionTypes: true, verbose: true });
let configValidator: ValidateFunction | undefined;

/** The config file's shape: the JSON Schema that ships in schemas/ (so editors and the tool agree). */
export function configSchemaErrors(data: unknown, file: string | undefined, positions?: Positions): InputError[] {
  configValidator ??= ajv.compile(JSON.parse(readFileSync(resolve(PACKAGE_ROOT, 'schemas', 'config.schema.json'), 'utf8')) as object);
  if (configValidator(data)) return [];
  return locatedErrors(describeErrors(configValidator.errors ?? [], data), file, positions);
}

/**
 * Option tables whose keys are the user's to choose (preset names, channels,
 * topics): left to the rule, which checks them against what they mean.
 */
const OPEN_OPTIONS = new Set(['presets', 'caps', 'channels', 'topics']);
/** Severity-valued options; `off` only where the rule handles it. */
const SEVERITY_WITH_OFF: Record<string, string[]> = { 'defensive-reply': ['hedged'] };

const ANY_NON_NEGATIVE = { $ref: '#/$defs/leaf' };
const LEAF_DEFS = {
  leaf: {
    anyOf: [
      { type: 'number', minimum: 0 },
      { type: ['string', 'boolean', 'null'] },
      { type: 'array', items: { $ref: '#/$defs/leaf' } },
      { type: 'object', additionalProperties: { $ref: '#/$defs/leaf' } },
    ],
  },
};

/** A schema a value must match to stand in for `example` (the rule's own default). */
function schemaByExample(example: unknown, key: string, ruleId: string, top: string, depth: number): Record<string, unknown> {
  // The rule validates these tables itself, with messages that know what a cap or a preset is (src/rules/frequency-cap.ts…).
  if (OPEN_OPTIONS.has(key) && example && typeof example === 'object' && !Array.isArray(example)) return {};
  if (key === 'severity') return { enum: ['error', 'warning', 'info', ...(SEVERITY_WITH_OFF[ruleId]?.includes(top) ? ['off'] : [])] };
  if (typeof example === 'number') return { type: 'number', minimum: 0 };
  if (typeof example === 'boolean') return { type: 'boolean' };
  if (typeof example === 'string') return { type: 'string' };
  if (Array.isArray(example)) {
    const first = example.find((x) => x !== null && x !== undefined);
    if (first === undefined) return { type: 'array', items: ANY_NON_NEGATIVE };
    if (Array.isArray(first)) return { type: 'array', items: { type: 'array', items: { type: ['string', 'number', 'boolean'] } } };
    if (typeof first === 'object') return { type: 'array', items: ANY_NON_NEGATIVE };
    // lists of words may hold a number or true/false that YAML read as such (a term "1", "NO")
    return { type: 'array', items: { type: ['string', 'number', 'boolean'] } };
  }
  if (example && typeof example === 'object') {
    const entries = Object.entries(example as Record<string, unknown>);
    if (!entries.length) return { type: 'object', additionalProperties: ANY_NON_NEGATIVE };
    return {
      type: 'object',
      properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaByExample(v, k, ruleId, top, depth + 1)])),
      additionalProperties: false,
    };
  }
  return ANY_NON_NEGATIVE;
}

/** The JSON Schema of a declared rule's `check:` section. */
export const CHECK_SCHEMA = resolve(PACKAGE_ROOT, 'schemas', 'check.schema.json');
let checkValidator: ValidateFunction | undefined;

/**
 * A declared rule's `check:` section against schemas/check.schema.json, before
 * the rule runs: a misspelt key (`lexicn:`) or an unknown value (`scope:
 * paragraph`) is an error naming the file, line and path, never a check that
 * silently finds nothing. `positions` are the rule file's, by JSON pointer.
 */
export function checkSchemaErrors(check: unknown, file: string, positions?: Positions): InputError[] {
  checkValidator ??= ajv.compile(JSON.parse(readFileSync(CHECK_SCHEMA, 'utf8')) as object);
  if (checkValidator(check)) return [];
  const found = describeErrors(checkValidator.errors ?? [], check, 'check').map((l) => ({ ...l, pointer: `/check${l.pointer}` }));
  return locatedErrors(found, file, positions);
}

const optionValidators = new WeakMap<RuleMeta, ValidateFunction>();

/** The options schema of a rule: built-in rules by example of their defaults; pack rules only "numbers ≥ 0". */
function optionValidator(meta: RuleMeta): ValidateFunction {
  let v = optionValidators.get(meta);
  if (!v) {
    const schema = meta.type
      ? { type: 'object', additionalProperties: ANY_NON_NEGATIVE, $defs: LEAF_DEFS }
      : {
          type: 'object',
          properties: Object.fromEntries(Object.entries(meta.options).map(([k, ex]) => [k, schemaByExample(ex, k, meta.id, k, 0)])),
          additionalProperties: false,
          $defs: LEAF_DEFS,
        };
    v = ajv.compile(schema);
    optionValidators.set(meta, v);
  }
  return v;
}

export interface RuleOptionsSource {
  id: string;
  options: Record<string, unknown>;
  /** JSON pointer (in the config file) of each option as written: under `options:` or inline. */
  pointers?: Record<string, string>;
}

/** Errors in one rule's options, as "rules.<id>.options.<name>: …" (or "rules.<id>.<name>" where written inline). */
export function ruleOptionErrors(meta: RuleMeta, src: RuleOptionsSource, file: string | undefined, positions?: Positions): InputError[] {
  const v = optionValidator(meta);
  if (v(src.options)) return [];
  const errors: InputError[] = [];
  const known = Object.keys(meta.options);
  const byOption = new Map<string, ErrorObject[]>();
  for (const e of v.errors ?? []) {
    const name = e.keyword === 'additionalProperties' && e.instancePath === '' ? (e.params as { additionalProperty: string }).additionalProperty : unescapeToken(e.instancePath.split('/')[1] ?? '');
    if (e.keyword === 'additionalProperties' && e.instancePath === '') {
      const ptr = src.pointers?.[name] ?? `/rules/${escapeToken(src.id)}/options/${escapeToken(name)}`;
      const p = positionOf(positions, ptr, true);
      errors.push(new InputError(`${pointerToPath(ptr)}: unknown option${suggestion(name, known)}; ${meta.id} has: ${known.join(', ') || 'no options'}`, file, p?.[0], p?.[1]));
      continue;
    }
    byOption.set(name, [...(byOption.get(name) ?? []), e]);
  }
  for (const [name, errs] of byOption) {
    // re-root each option's errors at the option itself, so paths read from where it is written
    const basePtr = src.pointers?.[name] ?? `/rules/${escapeToken(src.id)}/options/${escapeToken(name)}`;
    const prefix = `/${escapeToken(name)}`;
    const rebased = errs.map((e) => ({ ...e, instancePath: e.instancePath.slice(prefix.length), schemaPath: e.schemaPath }));
    for (const l of describeErrors(rebased, src.options[name], pointerToPath(basePtr))) {
      const p = positionOf(positions, basePtr + l.pointer, l.key);
      errors.push(new InputError(l.path ? `${l.path}: ${l.text}` : l.text, file, p?.[0], p?.[1]));
    }
  }
  return errors;
}

