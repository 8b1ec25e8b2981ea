/**
 * What a group is for, from its declared `type` or, failing that, its name
 * (rules/shared/groups.yaml). A deal group announces itself (福利群, 秒杀群),
 * so promo words win over sharing words in a name like 福利交流群; a service
 * group too (售后服务交流群). Sharing words win over member words: a
 * 会员交流群 is still a place where members talk to each other.
 */
import type { GroupType } from '../types.js';
import type { Campaign } from '../types.js';
import type { SharedLexicons } from './lexicons.js';
import { viewOf } from '../text/view.js';

const ORDER: Array<[GroupType, string]> = [
  ['promo', 'group_promo'],
  ['service', 'group_service'],
  ['sharing', 'group_sharing'],
  ['vip', 'group_vip'],
];

export function inferGroupType(name: string | undefined, lex: SharedLexicons): GroupType | undefined {
  if (!name) return undefined;
  const v = viewOf(name);
  for (const [type, lexName] of ORDER) if (lex.get(lexName).test(v)) return type;
  return undefined;
}

export function groupTypeOf(c: Campaign, lex: SharedLexicons): { type?: GroupType; source: 'declared' | 'inferred' | 'unknown' } {
  if (c.group?.type) return { type: c.group.type, source: 'declared' };
  const t = inferGroupType(c.group?.name, lex);
  return t ? { type: t, source: 'inferred' } : { source: 'unknown' };
}
