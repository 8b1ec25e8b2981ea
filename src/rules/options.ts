/**
 * Reading a rule's options safely. An option comes from the rule's YAML or
 * from the user's config; a wrong value is an input error (exit 2) naming
 * the file it came from, never a crash deep inside a rule.
 */
import { InputError } from '../errors.js';
import type { RuleRuntime } from './api.js';

/** An input error about option `name`, naming the config file when the value came from there. */
export function optionError(rule: RuleRuntime, name: string, message: string): InputError {
  const fromConfig = rule.option<unknown>(name, undefined) !== rule.meta.options[name];
  const file = fromConfig ? (rule.configFile ?? rule.meta.file) : rule.meta.file;
  return new InputError(`rules.${rule.id}.${name}: ${message}`, file);
}

/** An input error about option `name` (at `at`, e.g. "[2]"), in the form rules.<id>.options.<name>…: naming its file. */
export function optionValueError(rule: RuleRuntime, name: string, at: string, message: string): InputError {
  const fromConfig = rule.option<unknown>(name, undefined) !== rule.meta.options[name];
  return new InputError(`rules.${rule.id}.options.${name}${at}: ${message}`, fromConfig ? (rule.configFile ?? rule.meta.file) : rule.meta.file);
}

/** A numeric option (≥ 0). */
export function numberOption(rule: RuleRuntime, name: string, fallback: number): number {
  const v = rule.option<unknown>(name, fallback);
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  const file = v === rule.meta.options[name] ? rule.meta.file : (rule.configFile ?? rule.meta.file);
  throw new InputError(`rules.${rule.id}.options.${name}: expected a number ≥ 0, got ${JSON.stringify(v)}`, file);
}
