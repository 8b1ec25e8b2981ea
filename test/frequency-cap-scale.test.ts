/**
 * frequency-cap on many campaigns to one audience: each finding names a few
 * of the others and counts the rest, so the report grows with campaigns, not
 * with campaigns squared (30,000 daily pushes to everyone once made a report
 * past V8's string limit).
 */
import { describe, expect, it } from 'vitest';
import { audit, findings } from './helpers.js';

function month(n: number, perDay: number): string {
  const lines = ['campaigns:'];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (Math.floor(i / perDay) % 28)).padStart(2, '0');
    lines.push(`  - id: c${i}`, '    channel: direct', '    audience: { segment: all }', `    send_at: "2026-11-${day}T10:00:00+08:00"`, '    messages:', `      - "本周新品第${i}款，欢迎选购"`);
  }
  return lines.join('\n');
}

describe('frequency-cap on many campaigns to one audience', () => {
  it('names at most 10 other campaigns in a finding and lists at most 100 ids, with the total', () => {
    const r = audit(month(300, 150));
    const fs = findings(r, 'frequency-cap');
    expect(fs.length).toBeGreaterThan(100);
    for (const f of fs) {
      const x = f as unknown as { campaigns: string[]; campaignsTotal?: number; message: string };
      expect(x.campaigns.length).toBeLessThanOrEqual(100);
      expect(x.campaignsTotal).toBe(150);
      expect(x.message).toMatch(/\(\+139\)/);
      expect(x.message.split(', ').length).toBeLessThanOrEqual(11);
    }
  });

  it('a window shared by a few campaigns still names them all', () => {
    const r = audit(month(4, 4));
    const f = findings(r, 'frequency-cap')[0] as unknown as { campaigns: string[]; campaignsTotal?: number; message: string };
    expect(f.campaigns).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(f.campaignsTotal).toBeUndefined();
    expect(f.message).not.toMatch(/\(\+/);
  });
});
