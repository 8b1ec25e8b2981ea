/** Interface strings (rule texts live in the rule packs). */
import type { Lang } from './types.js';

const STRINGS = {
  campaign: { zh: '活动', en: 'Campaign' },
  channel: { zh: '渠道', en: 'Channel' },
  score: { zh: '得分', en: 'Score' },
  grade: { zh: '等级', en: 'Grade' },
  snr: { zh: '信噪比', en: 'SNR' },
  intrusiveness: { zh: '打扰度', en: 'Intrusive' },
  findings: { zh: '问题', en: 'Findings' },
  signals: { zh: '加分项', en: 'Signal' },
  noise: { zh: '扣分', en: 'Noise' },
  advice: { zh: '建议', en: 'Fix' },
  suppressed: { zh: '已豁免', en: 'suppressed' },
  noFindings: { zh: '没有发现问题', en: 'no findings' },
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '未通过', en: 'failed' },
  gate: { zh: '门禁', en: 'Gate' },
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
  messages: { zh: '条消息', en: 'messages' },
  campaigns: { zh: '个活动', en: 'campaigns' },
  feature_personalised: { zh: '个性化', en: 'personalised' },
  feature_targeted: { zh: '精准人群', en: 'targeted' },
  feature_service: { zh: '服务价值', en: 'service value' },
  feature_reply: { zh: '回复顾客', en: 'reply to customer' },
  group: { zh: '群发', en: 'group' },
  direct: { zh: '私聊', en: 'direct' },
  moments: { zh: '朋友圈', en: 'moments' },
  sms: { zh: '短信', en: 'SMS' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey | string, lang: Lang): string {
  const s = (STRINGS as Record<string, { zh: string; en: string }>)[key];
  return s ? s[lang] : key;
}

/** zh when the locale says Chinese (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else en. */
export function localeLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return /^zh/i.test(loc) ? 'zh' : 'en';
}
