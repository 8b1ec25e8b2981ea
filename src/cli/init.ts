/** `scrm-audit init`: a commented starter config. */
import type { Lang } from '../types.js';

export function initCommand(lang: Lang): string {
  const zh = lang === 'zh';
  return `# yaml-language-server: $schema=./node_modules/scrm-audit/schemas/config.schema.json
# ${zh ? 'scrm-audit 配置。所有项都可省略，省略时使用内置默认值。' : 'scrm-audit configuration. Every key is optional; the built-in defaults apply.'}

# ${zh ? '报告语言：zh | en（默认跟随系统语言）' : 'Report language: zh | en (default: from the locale)'}
lang: ${lang}

# ${zh ? '没有写时区的时间按此时区理解（IANA 名称）' : 'Times without an offset are read in this zone (IANA name)'}
timezone: Asia/Shanghai

# ${zh ? '门禁：任一活动低于此分数即失败（退出码 1）' : 'Gate: fail (exit 1) when any campaign scores under this'}
fail_under: 60
# ${zh ? '警告数超过此值即失败；-1 表示不限' : 'Fail when there are more warnings than this; -1 = no limit'}
max_warnings: -1

rules:
  # ${zh ? '关闭一条规则' : 'Turn a rule off'}
  # template-tone: off
  # ${zh ? '改严重程度和扣分' : 'Change severity and penalty'}
  # mass-mention: { severity: error, penalty: 20 }
  # ${zh ? '在词表里加词或删词' : 'Add or remove lexicon terms'}
  # buried-disclaimer:
  #   lexicons:
  #     conditions: { add: [会员日专享], remove: [有效期] }

# ${zh ? '共享词表（卖货信号、服务信号、话题）' : 'Shared lexicons (selling cues, service cues, topics)'}
# lexicons:
#   selling: { add: [到店自提价] }

# ${zh ? '用 scrm-audit learn 训练的模型（相对本文件）；它的扣分显示为 learned-noise' : 'A model trained with scrm-audit learn (relative to this file); its points show as learned-noise'}
# model: models/shop.json

# ${zh ? '行业：建议按行业给出（bank | insurance | telecom | education | pets | beauty | coffee | food | retail；default = 通用建议）；不写则从活动文本判断' : 'Industry, for advice that fits it (bank | insurance | telecom | education | pets | beauty | coffee | food | retail; default = neutral advice); told by the text when absent'}
# industry: retail

scoring:
  base: 80          # ${zh ? '无信号无噪声时的分数' : 'score of a message with neither signal nor noise'}
  signal_cap: 20    # ${zh ? '加分上限' : 'most points signal can add'}
  channel_weight: { moments: 0.7, group: 1, direct: 1.2, sms: 1.2 }
  signals: { personalised: 8, targeted: 6, service: 10, reply: 6 }
  grades: { A: 90, B: 80, C: 70, D: 60 }
`;
}
