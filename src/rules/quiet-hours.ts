/**
 * quiet-hours (data: rules/builtin/quiet-hours.yaml): a send time inside the
 * quiet window (default 22:00-08:00) in the campaign's time zone. The loader
 * has already resolved the zone (campaign, defaults, config, machine); a time
 * written with an explicit offset is converted to that zone before judging,
 * because the customer's clock, not the scheduler's, decides whether a push
 * wakes them. Service messages fire too. One finding per send time.
 * A draft marked `urgent: true` (the campaign, or all its messages) is spared:
 * the finding is reported as spared (listed under `suppressed`, no points).
 *
 * `quietWindow` and `inQuietHours` are exported for the log side.
 */
import type { RuleModule, RuleRuntime } from './api.js';
import type { Channel } from '../types.js';
import { CHANNELS } from '../types.js';
import { localTime, parseDateTime } from '../time.js';
import { optionError } from './options.js';

/** Minutes after local midnight, [start, end); start > end crosses midnight. */
export interface QuietWindow {
  start: number;
  end: number;
}

const HHMM = /^(\d{1,2}):(\d{2})$/;

/** "22:00" | "7:30" | 22 (whole hours) → minutes after midnight; "24:00" is allowed as an end. */
function minutesOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 24) return v * 60;
  if (typeof v !== 'string') return undefined;
  const m = HHMM.exec(v.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

export const formatMinutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * The quiet window for a channel: the rule's `start`/`end`, or the channel's
 * entry in `channels` (`off` turns the rule off for that channel → undefined).
 */
export function quietWindow(rule: RuleRuntime, channel: Channel): QuietWindow | undefined {
  const per = rule.option<unknown>('channels', {}) ?? {};
  if (typeof per !== 'object' || Array.isArray(per)) throw optionError(rule, 'channels', 'expected a mapping of channel to { start, end } or off');
  for (const k of Object.keys(per)) {
    if (!CHANNELS.includes(k as Channel)) throw optionError(rule, 'channels', `${k}: unknown channel (${CHANNELS.join(' | ')})`);
  }
  const own = (per as Record<string, unknown>)[channel];
  if (own === 'off' || own === false || own === null) return undefined;
  if (own !== undefined && (typeof own !== 'object' || Array.isArray(own))) throw optionError(rule, 'channels', `${channel}: expected { start: "HH:MM", end: "HH:MM" } or off`);
  const o = (own ?? {}) as Record<string, unknown>;
  const read = (name: 'start' | 'end', fallback: string): number => {
    const raw = o[name] ?? rule.option<unknown>(name, fallback);
    const m = minutesOf(raw);
    if (m === undefined) {
      throw optionError(rule, o[name] !== undefined ? 'channels' : name, `${o[name] !== undefined ? `${channel}.${name}: ` : ''}expected a local time "HH:MM" such as "22:00", got ${JSON.stringify(raw)}`);
    }
    return m;
  };
  const start = read('start', '22:00');
  const end = read('end', '08:00');
  return start % 1440 === end % 1440 ? undefined : { start, end };
}

/** Whether a minute of the local day (fractional: seconds count) lies in the window. */
export function inQuietHours(minuteOfDay: number, w: QuietWindow): boolean {
  return w.start < w.end ? minuteOfDay >= w.start && minuteOfDay < w.end : minuteOfDay >= w.start || minuteOfDay < w.end;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Written with Z or ±hh:mm. */
const HAS_OFFSET = /(?:z|[+-]\d{2}:?\d{2})\s*$/i;

const rule: RuleModule = {
  id: 'quiet-hours',
  checkCampaign({ rule, campaign, messages, report }) {
    const c = campaign.campaign;
    if (!c.sendTimes.length) return;
    const w = quietWindow(rule, c.channel);
    if (!w) return;
    const service = c.kind === 'service' || (messages.length > 0 && messages.every((m) => m.isService));
    // Marked urgent (the campaign, or every message it sends): a fraud alert at 02:30 must
    // not wait for morning. One non-urgent message in the campaign still wakes the reader, so it fires.
    const urgent = c.urgent === true || (messages.length > 0 && messages.every((m) => m.message.urgent === true));
    for (const written of c.sendTimes) {
      // A bare date says "that day", not midnight: nothing to judge.
      if (DATE_ONLY.test(written.trim())) continue;
      const at = parseDateTime(written, c.timezone);
      if (at === undefined) continue; // the loader already rejected malformed times
      const l = localTime(at, c.timezone);
      const minute = l.hour * 60 + l.minute + l.second / 60;
      if (!inQuietHours(minute, w)) continue;
      const hhmm = formatMinutes(l.hour * 60 + l.minute);
      const local = `${l.date} ${hhmm}`;
      // The next moment outside the window: today's end if we are before it, else tomorrow's.
      const endToday = minute < w.end && w.end < 1440;
      const nextDate = endToday ? l.date : localTime(at + 86_400_000, c.timezone).date;
      const next = `${nextDate} ${formatMinutes(w.end % 1440)}`;
      // Only say "written as …" when the offset written differs from the zone's (…+08:00 in Shanghai is already local).
      const converted = HAS_OFFSET.test(written) && parseDateTime(written.replace(HAS_OFFSET, ''), c.timezone) !== at;
      report({
        excerpt: written,
        // Spared, not dropped: the report lists it under `suppressed` with this message as the reason.
        variant: urgent ? 'urgent' : service ? 'service' : 'default',
        ...(urgent ? { spared: true } : {}),
        data: {
          local,
          timezone: c.timezone,
          start: formatMinutes(w.start),
          end: formatMinutes(w.end % 1440),
          next,
          noteZh: converted ? `（原写作 ${written}）` : '',
          noteEn: converted ? ` (written as ${written})` : '',
        },
        extra: { sendAt: written, localTime: `${l.date}T${hhmm}`, timezone: c.timezone },
      });
    }
  },
};
export default rule;
