/**
 * The rule engine: campaigns in, findings out. For each campaign it builds
 * the shared facts, runs every enabled rule over every message, then the
 * campaign- and run-level rules, turns each reported FindingInput into a
 * located, worded, weighted Finding and applies suppressions. Scoring is
 * separate (src/scoring) and reads only findings and facts.
 */
import type { Campaign, Finding, FindingInput, Lang, Severity, Suppression } from '../types.js';
import { checkRuleOverrides, type Config } from '../config/config.js';
import { RESERVED_RULE_IDS } from '../packs/load.js';
import type { LoadedRule } from '../rules/index.js';
import type { RuleRuntime } from '../rules/api.js';
import { MessageAnalysis, type CampaignFacts } from './analysis.js';
import { SharedLexicons } from './lexicons.js';
import { groupTypeOf } from './group-type.js';
import { buildRuntime } from './runtime.js';
import { renderTemplate } from './template.js';
import { capText } from '../report/visible.js';
import { adviceKey, industryOf } from './industry.js';

export interface SuppressedFinding extends Finding {
  reason: string;
}

export interface CampaignAudit {
  campaign: Campaign;
  facts: CampaignFacts;
  messages: MessageAnalysis[];
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Suppressions that matched no finding (stale `ignore` entries). */
  unusedSuppressions: Array<Suppression & { messageId?: string }>;
}

export interface EngineOptions {
  config: Config;
  lang: Lang;
  rules: LoadedRule[];
}

interface ActiveRule {
  loaded: LoadedRule;
  rt: RuleRuntime;
  severityOverridden: boolean;
}

export function activeRules(opts: EngineOptions): ActiveRule[] {
  // Before any rule runs: a config naming a rule that does not exist, or an option of the wrong kind, is exit 2, not a silent no-op.
  checkRuleOverrides(opts.config, opts.rules, RESERVED_RULE_IDS);
  return opts.rules
    .filter((r) => opts.config.rules[r.meta.id]?.enabled !== false)
    .map((loaded) => {
      const ov = opts.config.rules[loaded.meta.id];
      return { loaded, rt: buildRuntime(loaded.meta, ov, opts.config.file), severityOverridden: ov?.severity !== undefined };
    });
}

export function campaignFacts(c: Campaign, lex: SharedLexicons, everyone: string[] = ['all']): CampaignFacts {
  const g = groupTypeOf(c, lex);
  const seg = c.audience.segment?.trim().toLowerCase();
  return {
    campaign: c,
    groupType: g.type,
    groupTypeSource: g.source,
    toEveryone: (!seg || everyone.map((e) => e.toLowerCase()).includes(seg)) && c.audience.tags.length === 0,
  };
}

/** Every campaign's audit, in order (tests, the library; `check` streams them with auditEach). */
export function auditCampaigns(campaigns: Campaign[], opts: EngineOptions): CampaignAudit[] {
  return [...auditEach(campaigns, opts)];
}

type Pending = Array<{ rule: ActiveRule; input: FindingInput }>;

/**
 * The audits one campaign at a time, in input order. Run-level rules
 * (frequency-cap) read only the campaigns' facts, so they run first over
 * every campaign; then each campaign's messages are analysed, checked and
 * turned into findings, and its analyses can go as soon as the caller has
 * scored it — a 100,000-campaign drafts file never holds every message's
 * analysis at once (issue 10: memory), and each analysis is used while hot.
 * A campaign's findings are those of the old rule-by-rule loop, in the same
 * order: per rule, its message findings, its campaign findings, then its
 * run findings.
 */
export function* auditEach(campaigns: Campaign[], opts: EngineOptions): Generator<CampaignAudit> {
  const lex = new SharedLexicons(opts.config.lexicons);
  const rules = activeRules(opts);
  const everyone = ['all', 'everyone', '全部', '所有人', '全体'];
  const facts = campaigns.map((campaign) => campaignFacts(campaign, lex, everyone));
  const applies = (rule: ActiveRule, c: Campaign) => !rule.loaded.meta.channels || rule.loaded.meta.channels.includes(c.channel);

  const runFindings = new Map<number, Map<ActiveRule, FindingInput[]>>();
  const index = new Map(campaigns.map((c, i) => [c.id, i]));
  for (const rule of rules) {
    const { checkRun } = rule.loaded.module;
    if (!checkRun) continue;
    checkRun({
      rule: rule.rt,
      campaigns: facts.filter((f) => applies(rule, f.campaign)).map((f) => ({ facts: f })),
      lex,
      report: (campaignId, input) => {
        const i = index.get(campaignId);
        if (i === undefined) return;
        const byRule = runFindings.get(i) ?? runFindings.set(i, new Map()).get(i)!;
        (byRule.get(rule) ?? byRule.set(rule, []).get(rule)!).push(input);
      },
    });
  }

  for (let i = 0; i < campaigns.length; i++) {
    const campaign = campaigns[i]!;
    const f = facts[i]!;
    const audit: CampaignAudit = { campaign, facts: f, messages: campaign.messages.map((m) => new MessageAnalysis(m, f, lex)), findings: [], suppressed: [], unusedSuppressions: [] };
    const pending: Pending = [];
    const ran = runFindings.get(i);
    for (const rule of rules) {
      if (!applies(rule, campaign)) continue;
      const { module } = rule.loaded;
      if (module.checkMessage) {
        for (const ma of audit.messages) {
          module.checkMessage({
            rule: rule.rt,
            campaign: f,
            message: ma.message,
            a: ma,
            lex,
            report: (input) => pending.push({ rule, input: { ...input, messageId: ma.message.id } }),
          });
        }
      }
      module.checkCampaign?.({ rule: rule.rt, campaign: f, messages: audit.messages, lex, report: (input) => pending.push({ rule, input }) });
      for (const input of ran?.get(rule) ?? []) pending.push({ rule, input });
    }
    runFindings.delete(i);
    finish(audit, pending, lex, opts);
    yield audit;
  }
}

/** Located, worded findings from what the rules reported, sorted, with suppressions applied. */
function finish(audit: CampaignAudit, pending: Pending, lex: SharedLexicons, opts: EngineOptions): void {
  const byMessage = new Map(audit.messages.map((m) => [m.message.id, m]));
  const spared = new Set<Finding>();
  // Only a campaign with findings needs advice, so only it is read for its industry.
  const industry = pending.length ? industryOf(opts.config.industry, audit.campaign, audit.messages, lex) : undefined;
  const findings = pending.map(({ rule, input }) => {
    const f = toFinding(audit, byMessage, rule, input, opts, industry);
    if (input.spared) spared.add(f);
    return f;
  });
  findings.sort(compareFindings);
  applySuppressions(audit, findings, byMessage, spared);
}

function toFinding(
  audit: CampaignAudit,
  byMessage: Map<string, MessageAnalysis>,
  rule: ActiveRule,
  input: FindingInput,
  opts: EngineOptions,
  industry?: string,
): Finding {
  const c = audit.campaign;
  const ma = input.messageId ? byMessage.get(input.messageId) : undefined;
  let pos = { line: c.line, column: c.column, endLine: c.line, endColumn: c.column };
  let excerpt = input.excerpt ?? '';
  if (ma) {
    const m = ma.message;
    const orig = input.originalRange ?? (input.range ? ma.view.toOriginal(input.range[0], input.range[1]) : undefined);
    if (orig) {
      pos = m.locator.locate(orig[0], orig[1]);
      if (input.excerpt === undefined) excerpt = m.text.slice(orig[0], orig[1]);
    } else {
      pos = { line: m.line, column: m.column, endLine: m.line, endColumn: m.column };
    }
  }
  const meta = rule.loaded.meta;
  const severity: Severity = rule.severityOverridden ? rule.rt.severity : (input.severity ?? rule.rt.severity);
  const variant = input.variant && meta.messages[input.variant] ? input.variant : 'default';
  // The advice fits the sender's industry where the rule has a variant for it (rules/shared/industry.yaml).
  const adviceVariant = adviceKey(meta.advice, input.variant, industry);
  // Messages quote the excerpt: a pattern matching 50,000 characters must not make a 50,000-character message.
  const data = { excerpt: capText(excerpt), ...input.data };
  const weight = opts.config.scoring.channelWeight[c.channel] ?? 1;
  const penalty = Math.round(rule.rt.penalty * (input.factor ?? 1) * weight * 10) / 10;
  // The options schema keeps factors finite and ≥ 0; this is the last line of defence for the gate ("adding a finding never raises a score").
  if (!Number.isFinite(penalty) || penalty < 0) throw new Error(`internal: rule ${meta.id} produced penalty ${penalty} (factor ${String(input.factor)})`);
  const finding: Finding = {
    ruleId: meta.id,
    severity,
    campaignId: c.id,
    ...(ma ? { messageId: ma.message.id } : {}),
    file: c.source,
    line: pos.line,
    column: pos.column,
    endLine: pos.endLine,
    endColumn: pos.endColumn,
    ...(ma?.message.row !== undefined ? { row: ma.message.row } : {}),
    excerpt,
    message: renderTemplate(meta.messages[variant]![opts.lang], data),
    advice: renderTemplate(meta.advice[adviceVariant]![opts.lang], data),
    penalty,
    ...(input.extra ?? {}),
  };
  return finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    ((a.row ?? 0) - (b.row ?? 0))
  );
}

function applySuppressions(audit: CampaignAudit, findings: Finding[], byMessage: Map<string, MessageAnalysis>, spared: ReadonlySet<Finding> = new Set()): void {
  const used = new Set<Suppression>();
  const campaignIgnores = audit.campaign.ignore;
  for (const f of findings) {
    // Spared by the draft (an urgent alert in quiet hours): listed with why, never scored.
    if (spared.has(f)) {
      audit.suppressed.push({ ...f, reason: f.message });
      continue;
    }
    const msg = f.messageId ? byMessage.get(f.messageId)?.message : undefined;
    const s = msg?.ignore.find((i) => i.rule === f.ruleId) ?? campaignIgnores.find((i) => i.rule === f.ruleId);
    if (s) {
      used.add(s);
      audit.suppressed.push({ ...f, reason: s.reason });
    } else audit.findings.push(f);
  }
  for (const m of audit.campaign.messages) for (const s of m.ignore) if (!used.has(s)) audit.unusedSuppressions.push({ ...s, messageId: m.id });
  for (const s of campaignIgnores) if (!used.has(s)) audit.unusedSuppressions.push(s);
}
