/** `scrm-audit rules` and `scrm-audit explain <id>`. */
import Table from 'cli-table3';
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import { loadConfig } from '../config/config.js';
import { builtinRules, type LoadedRule } from '../rules/index.js';
import { InputError } from '../errors.js';
import { withPacks } from '../packs/index.js';
import { resolveLang } from './main.js';
import type { Lang } from '../types.js';

/** Rules known to this run: the built-ins (packs register more via `ruleSources`). */
export const ruleSources: Array<(configFile?: string) => LoadedRule[]> = [];

export function allRules(configFile?: string): LoadedRule[] {
  return [...builtinRules(), ...ruleSources.flatMap((f) => f(configFile))];
}

export function rulesCommand(opts: { lang?: string; config?: string; format?: string; rulesDir?: string[] }): string {
  const { config, rules } = withPacks({ config: loadConfig(opts.config), rules: allRules(opts.config), packs: opts.rulesDir });
  const lang = resolveLang(opts.lang, config);
  const rows = rules.map(({ meta }) => {
    const ov = config.rules[meta.id];
    return {
      id: meta.id,
      enabled: ov?.enabled !== false,
      severity: ov?.severity ?? meta.severity,
      penalty: ov?.penalty ?? meta.penalty,
      title: meta.title[lang],
      flags: meta.description[lang],
    };
  });
  if (opts.format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  if (opts.format && opts.format !== 'text') throw new InputError(`--format: expected text | json, got "${opts.format}"`);
  const table = new Table({
    head: lang === 'zh' ? ['规则', '严重程度', '扣分', '标记什么'] : ['rule', 'severity', 'penalty', 'flags'],
    colWidths: [28, 10, 9, 54],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const r of rows) table.push([r.id, r.enabled ? r.severity : 'off', String(r.penalty), r.flags]);
  return table.toString() + '\n';
}

function suggest(id: string, ids: string[]): string[] {
  return ids
    .map((x) => ({ x, d: JaroWinklerDistance(id, x, { ignoreCase: true }) }))
    .filter((s) => s.d > 0.75)
    .sort((a, b) => b.d - a.d)
    .slice(0, 3)
    .map((s) => s.x);
}

export function explainCommand(id: string, opts: { lang?: string; config?: string; rulesDir?: string[] }): string {
  const { config, rules } = withPacks({ config: loadConfig(opts.config), rules: allRules(opts.config), packs: opts.rulesDir });
  const lang: Lang = resolveLang(opts.lang, config);
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) {
    const s = suggest(id, rules.map((r) => r.meta.id));
    throw new InputError(`unknown rule "${id}"${s.length ? ` (did you mean ${s.join(', ')}?)` : ''}; \`scrm-audit rules\` lists them all`);
  }
  const m = rule.meta;
  const ov = config.rules[id];
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const lines = [
    `${m.id} — ${m.title[lang]}`,
    '',
    `${L('严重程度', 'Severity')}: ${ov?.enabled === false ? 'off' : ov?.severity ?? m.severity}    ${L('扣分', 'Penalty')}: ${ov?.penalty ?? m.penalty}${m.channels ? `    ${L('渠道', 'Channels')}: ${m.channels.join(', ')}` : ''}`,
    `${L('标记', 'Flags')}: ${m.description[lang]}`,
    '',
    m.explain[lang].trim(),
    '',
    `${L('怎么改', 'How to fix')}: ${m.advice.default![lang].replace(/\{excerpt\}/g, lang === 'zh' ? '该内容' : 'it')}`,
  ];
  if (m.examples?.fires?.length) lines.push('', L('会触发：', 'Fires on:'), ...m.examples.fires.map((e) => `  ✗ ${e}`));
  if (m.examples?.passes?.length) lines.push('', L('不会触发：', 'Does not fire on:'), ...m.examples.passes.map((e) => `  ✓ ${e}`));
  const lexNames = Object.keys(m.lexicons);
  if (lexNames.length) lines.push('', `${L('词表', 'Lexicons')} (${m.file.replace(/^.*\/rules\//, 'rules/')}): ${lexNames.join(', ')}`);
  return lines.join('\n') + '\n';
}
