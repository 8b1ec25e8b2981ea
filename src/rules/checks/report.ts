/**
 * How a check block's hits become findings: one per hit, one per message at
 * the first hit, or one for the message as a whole; their variant, severity,
 * factor and template values.
 */
import { SEVERITIES, type Channel, type FindingInput, type Severity } from '../../types.js';
import { numberOption, optionError } from '../options.js';
import { holds } from './conditions.js';
import type { CheckBlock, CheckContext, Hit, Settings } from './types.js';

const CHANNEL_NAME: Record<Channel, { zh: string; en: string }> = {
  sms: { zh: '短信', en: 'SMS' },
  direct: { zh: '私聊消息', en: 'direct message' },
  group: { zh: '群消息', en: 'group message' },
  moments: { zh: '朋友圈', en: 'Moments post' },
};

const EXCERPT_MAX = 30;

/** Template values a block may name in `data:`. */
const excerpts = (ctx: CheckContext, hits: Hit[]) => hits.map((h) => ctx.a.view.excerpt(h.start, h.end));
const PROVIDERS: Record<string, (ctx: CheckContext, hits: Hit[], scope: ScopeValues) => string | number> = {
  group_name: (ctx) => ctx.campaign.campaign.group?.name ?? ctx.campaign.groupType ?? 'unknown',
  excerpts: (ctx, hits) => excerpts(ctx, hits).join(', '),
  unique_excerpts: (ctx, hits) => [...new Set(excerpts(ctx, hits))].join(', '),
  unique_excerpts_zh: (ctx, hits) => [...new Set(excerpts(ctx, hits))].join('、'),
  region: (_ctx, _hits, scope) => scope.region ?? '',
  note: (_ctx, _hits, scope) => scope.note ?? '',
  count: (_ctx, hits) => hits.length,
  channel_zh: (ctx) => CHANNEL_NAME[ctx.campaign.campaign.channel].zh,
  channel_en: (ctx) => CHANNEL_NAME[ctx.campaign.campaign.channel].en,
};
export const DATA_PROVIDERS = Object.keys(PROVIDERS);

/** Values a scope gives its findings (fine print: the region and its note). */
export interface ScopeValues {
  region?: string;
  note?: string;
}

function valuesOf(names: Record<string, string>, ctx: CheckContext, hits: Hit[], scope: ScopeValues): Record<string, string | number> {
  return Object.fromEntries(Object.entries(names).map(([k, p]) => [k, PROVIDERS[p]!(ctx, hits, scope)]));
}

function dataOf(block: CheckBlock, ctx: CheckContext, hits: Hit[], scope: ScopeValues): Record<string, string | number> | undefined {
  return block.data ? valuesOf(block.data, ctx, hits, scope) : undefined;
}

/** A { severity, factor } option (missing keys from `defaults`); severity `off` drops the finding. */
export function settingsOf(ctx: CheckContext, name: string, value: unknown, defaults: Settings = {}): Settings {
  if (value === undefined) return defaults;
  if (!value || typeof value !== 'object') throw optionError(ctx.rule, name, 'expected { severity: error | warning | info | off, factor: <number> }');
  const { severity = defaults.severity, factor = defaults.factor } = value as Settings;
  if (severity !== undefined && severity !== 'off' && !SEVERITIES.includes(severity as Severity)) throw optionError(ctx.rule, name, 'severity: expected error | warning | info | off');
  if (factor !== undefined && (typeof factor !== 'number' || !(factor >= 0))) throw optionError(ctx.rule, name, 'factor: expected a number ≥ 0');
  return { severity, factor };
}

function variantOf(block: CheckBlock, ctx: CheckContext, hit?: Hit): string | undefined {
  if (block.variant) return block.variant;
  if (block.variants) return block.variants.find((v) => holds(v.when, ctx))?.variant;
  return hit?.variant;
}

function firstLine(text: string): string {
  const first = text.trim().split(/\n/)[0]!;
  return [...first].length > EXCERPT_MAX ? [...first].slice(0, EXCERPT_MAX).join('') + '…' : first;
}

export function reportHits(block: CheckBlock, ctx: CheckContext, hits: Hit[], scope: ScopeValues = {}): void {
  const mode = block.report ?? 'each';
  const data = dataOf(block, ctx, hits, scope);
  const extra = block.extra ? { extra: valuesOf(block.extra, ctx, hits, scope) } : {};
  const factor = block.factor ? { factor: ctx.rule.option<Record<string, number>>(block.factor.option, {})[block.factor.key] ?? 1 } : {};
  const at = (h: Hit): FindingInput => (h.original ? { originalRange: [h.start, h.end] } : { range: [h.start, h.end] });
  const emit = (input: FindingInput, variant: string | undefined) => {
    let s: Settings = {};
    if (block.settings) s = settingsOf(ctx, block.settings, ctx.rule.option<unknown>(block.settings, undefined), block.settings_default);
    else if (block.settings_by_variant && variant) s = settingsOf(ctx, block.settings_by_variant, ctx.rule.option<Record<string, unknown>>(block.settings_by_variant, {})[variant]);
    if (s.severity === 'off') return;
    ctx.report({ ...input, ...factor, ...extra, ...(variant ? { variant } : {}), ...(s.severity ? { severity: s.severity as Severity } : {}), ...(s.factor !== undefined ? { factor: s.factor } : {}), ...(data ? { data } : {}) });
  };
  if (mode === 'message') {
    if (block.absent && ctx.rule.lexicon(block.absent).test(ctx.a.view)) return;
    emit({ excerpt: firstLine(ctx.a.message.text) }, variantOf(block, ctx));
    return;
  }
  if (!hits.length) return;
  if (mode === 'first') {
    const h = hits[0]!;
    emit(at(h), variantOf(block, ctx, h));
    return;
  }
  const repeat = block.repeat_factor ? numberOption(ctx.rule, block.repeat_factor, 1) : 1;
  hits.forEach((h, i) => emit({ ...at(h), ...(i > 0 ? { factor: repeat } : {}) }, variantOf(block, ctx, h)));
}
