/**
 * Which time zone a log audit reads and judges times in, and where that came
 * from (CONTRACTS §5: the report names both). Days, quiet hours and the
 * wall-clock times of rows without an offset all depend on it, so guessing
 * silently is how a WeChat Work archive audited on a UTC server ends up
 * flagging Beijing daytime sends as quiet hours.
 *
 *   1. --timezone (option), 2. the config's `timezone` (config),
 *   3. the export's own default (format): every WeChat Work format — chat
 *      archive, group-message dumps, exports with Chinese headers — is
 *      Asia/Shanghai (the platform's zone),
 *   4. the zone most users of a Slack export have in users.json (file),
 *   5. the machine's zone (machine), with a warning on stderr.
 *
 * Deciding needs only a look at each input's first KB, before the audit starts.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openText, type Encoding } from './decode.js';
import { sniff } from './sniff.js';
import { isValidTimeZone, machineTimeZone } from '../time.js';
import type { InputFormat } from './readers.js';

export type ZoneSource = 'option' | 'config' | 'format' | 'file' | 'machine';

export interface ZoneChoice {
  timezone: string;
  source: ZoneSource;
  /** What the source was, in words (the export kind, the file). */
  detail?: string;
}

/** The zone WeChat Work exports are in. */
export const WECOM_ZONE = 'Asia/Shanghai';

const HAN = /\p{Script=Han}/u;

/** What kind of export a file is, from its head: a WeChat Work one, or not (undefined). */
function wecomKind(head: string, format: InputFormat | undefined): string | undefined {
  if (format === 'chat-archive') return 'WeChat Work chat archive';
  if (format === 'group-msg') return 'WeChat Work group-message dump';
  if (format === 'telegram' || format === 'slack') return undefined;
  const { container } = sniff(head);
  if (container === 'csv') {
    const t = head.replace(/^\uFEFF/, '');
    const nl = t.search(/\r?\n|\r/);
    const header = nl === -1 ? t : t.slice(0, nl);
    if (HAN.test(header)) return 'WeChat Work / SCRM export with Chinese headers';
    // the API's own field names as headers: a WeChat Work export whatever its language
    return /(?:^|[,\t;|"])\s*(?:external_userid|roomid|msgtime)\s*(?:[,\t;|"]|$)/i.test(header) ? 'WeChat Work export (API field names)' : undefined;
  }
  if (/"msgtime"\s*:/.test(head) || (/"tolist"\s*:/.test(head) && /"msgid"\s*:/.test(head))) return 'WeChat Work chat archive';
  if (/"group_msg_list"\s*:|"send_list"\s*:|"detail_list"\s*:/.test(head) || (/"msgid"\s*:/.test(head) && /"create_time"\s*:/.test(head))) return 'WeChat Work group-message dump';
  if (/"ChangeType"\s*:|"UpdateDetail"\s*:/.test(head)) return 'WeChat Work callback';
  return undefined;
}

/** The zone most people in a Slack export's users.json have. */
function slackZone(dir: string): { tz: string; users: number; of: number } | undefined {
  let users: Array<{ tz?: unknown; deleted?: unknown; is_bot?: unknown }>;
  try {
    users = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!Array.isArray(users)) return undefined;
  const counts = new Map<string, number>();
  for (const u of users) if (u && typeof u.tz === 'string' && !u.is_bot && isValidTimeZone(u.tz)) counts.set(u.tz, (counts.get(u.tz) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [tz, c] of counts) if (c > n || (c === n && best !== undefined && tz < best)) (best = tz), (n = c);
  return best ? { tz: best, users: n, of: [...counts.values()].reduce((a, b) => a + b, 0) } : undefined;
}

export async function decideZone(
  files: string[],
  o: { option?: string; config?: string; format?: InputFormat; encoding?: Encoding; header?: (file: string) => Promise<string | undefined> },
): Promise<ZoneChoice> {
  if (o.option) return { timezone: o.option, source: 'option', detail: '--timezone' };
  if (o.config) return { timezone: o.config, source: 'config', detail: 'timezone in the config' };
  const kinds: Array<string | undefined> = [];
  let slack: ReturnType<typeof slackZone>;
  for (const f of files) {
    const st = statSync(f, { throwIfNoEntry: false });
    if (!st) continue; // the reader reports it
    if (st.isDirectory()) {
      kinds.push(undefined);
      slack ??= slackZone(f);
      continue;
    }
    try {
      const header = await o.header?.(f);
      if (header !== undefined) {
        kinds.push(wecomKind(header, 'csv'));
        continue;
      }
      const src = await openText(f, { encoding: o.encoding });
      await src.close();
      kinds.push(wecomKind(src.head, o.format));
    } catch {
      kinds.push(undefined); // unreadable: the reader says why
    }
  }
  if (kinds.length && kinds.every((k) => k !== undefined)) return { timezone: WECOM_ZONE, source: 'format', detail: [...new Set(kinds)].join(', ') };
  if (slack && kinds.every((k) => k === undefined)) return { timezone: slack.tz, source: 'file', detail: `users.json (${slack.users} of ${slack.of} users)` };
  return { timezone: machineTimeZone(), source: 'machine' };
}
