/**
 * Inline SVG charts, generated here so the report needs no chart library and
 * loads nothing. Colours come from CSS classes (the page's one hashed style
 * sheet); geometry is plain attributes, since the CSP forbids style="".
 * Every bar is a <rect class="bar …"> with a <title> tooltip.
 */
import { esc, fit } from './escape.js';

export interface Segment {
  value: number;
  /** CSS class: sev-error, grade-a, over… */
  cls: string;
}

export interface HBar {
  label: string;
  segments: Segment[];
  /** Shown after the bar. */
  valueText: string;
  /** Tooltip; defaults to "label: valueText". */
  title?: string;
}

export interface Marker {
  value: number;
  label: string;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Horizontal bars, one row per item, optionally stacked, with an optional vertical marker (a threshold). */
export function hbarChart(bars: HBar[], o: { aria: string; max?: number; marker?: Marker; width?: number; labelWidth?: number }): string {
  const W = o.width ?? 720;
  const labelW = o.labelWidth ?? 210;
  const valueW = 120;
  const rowH = 26;
  const barH = 16;
  const top = o.marker ? 22 : 6;
  const plotW = W - labelW - valueW - 12;
  const total = (b: HBar) => b.segments.reduce((s, x) => s + Math.max(0, x.value), 0);
  const max = Math.max(o.max ?? 0, o.marker?.value ?? 0, ...bars.map(total), 1);
  const H = top + bars.length * rowH + 6;
  const x0 = labelW + 6;
  const out: string[] = [`<svg class="chart hbar" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(o.aria)}" preserveAspectRatio="xMinYMin meet">`];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    out.push(`<g class="row"><title>${esc(b.title ?? `${b.label}: ${b.valueText}`)}</title>`);
    out.push(`<text class="lbl" x="${labelW}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(fit(b.label, Math.floor(labelW / 6.6)))}</text>`);
    out.push(`<rect class="track" x="${x0}" y="${y + (rowH - barH) / 2}" width="${plotW}" height="${barH}" rx="3"></rect>`);
    let x = x0;
    for (const s of b.segments) {
      if (s.value <= 0) continue;
      const w = Math.max(1, r1((s.value / max) * plotW));
      out.push(`<rect class="bar ${esc(s.cls)}" x="${r1(x)}" y="${y + (rowH - barH) / 2}" width="${w}" height="${barH}" rx="3"></rect>`);
      x += w;
    }
    out.push(`<text class="val" x="${r1(x0 + plotW + 8)}" y="${y + rowH / 2 + 4}">${esc(b.valueText)}</text></g>`);
  });
  if (o.marker) {
    const mx = r1(x0 + (o.marker.value / max) * plotW);
    out.push(`<line class="marker" x1="${mx}" y1="${top - 4}" x2="${mx}" y2="${H - 4}"></line>`);
    out.push(`<text class="marker-lbl" x="${mx}" y="${top - 8}" text-anchor="middle">${esc(o.marker.label)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

export interface VBar {
  label: string;
  value: number;
  cls: string;
  title?: string;
}

/** A nice round axis maximum at or above `v`. */
function niceMax(v: number): number {
  if (v <= 5) return Math.max(1, Math.ceil(v));
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/**
 * Vertical bars (days, histogram buckets). `dividerAfter`: draw a labelled
 * dashed line after the bar with that index (the cap in a histogram).
 */
export function vbarChart(bars: VBar[], o: { aria: string; xTitle?: string; yTitle?: string; divider?: { after: number; label: string } }): string {
  // Drawn at about the width it is shown (a full-width panel), so its text is the page's size.
  const W = 1060;
  const H = 280;
  const padL = 46;
  const padR = 12;
  const padT = 24;
  const padB = o.xTitle ? 46 : 32;
  const plotW = W - padL - padR;
  const plotH = H - padT - padB;
  const n = Math.max(1, bars.length);
  const band = plotW / n;
  const bw = Math.max(1, r1(Math.min(band * 0.78, 56)));
  const max = niceMax(Math.max(1, ...bars.map((b) => b.value)));
  const y = (v: number) => r1(padT + plotH - (v / max) * plotH);
  const every = Math.max(1, Math.ceil(n / 20));
  const out: string[] = [`<svg class="chart vbar" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(o.aria)}" preserveAspectRatio="xMinYMin meet">`];
  // Counts: no half-step tick when the axis is 0-1.
  for (const t of [0, max / 2, max].filter(Number.isInteger)) {
    out.push(`<line class="grid" x1="${padL}" y1="${y(t)}" x2="${W - padR}" y2="${y(t)}"></line>`);
    out.push(`<text class="tick" x="${padL - 6}" y="${y(t) + 4}" text-anchor="end">${esc(t)}</text>`);
  }
  bars.forEach((b, i) => {
    const cx = padL + band * i + band / 2;
    const h = Math.max(b.value > 0 ? 1 : 0, r1((b.value / max) * plotH));
    out.push(`<g class="col"><title>${esc(b.title ?? `${b.label}: ${b.value}`)}</title>`);
    out.push(`<rect class="bar ${esc(b.cls)}" x="${r1(cx - bw / 2)}" y="${r1(padT + plotH - h)}" width="${bw}" height="${h}"></rect>`);
    if (n <= 20 && b.value > 0) out.push(`<text class="vval" x="${r1(cx)}" y="${r1(padT + plotH - h - 4)}" text-anchor="middle">${esc(b.value)}</text>`);
    if (i % every === 0) out.push(`<text class="tick" x="${r1(cx)}" y="${padT + plotH + 16}" text-anchor="middle">${esc(fit(b.label, 12))}</text>`);
    out.push('</g>');
  });
  if (o.divider && o.divider.after >= 0 && o.divider.after < n - 1) {
    const dx = r1(padL + band * (o.divider.after + 1));
    out.push(`<line class="marker" x1="${dx}" y1="${padT - 6}" x2="${dx}" y2="${padT + plotH}"></line>`);
    out.push(`<text class="marker-lbl" x="${dx + 4}" y="${padT - 10}">${esc(o.divider.label)}</text>`);
  }
  if (o.xTitle) out.push(`<text class="axis" x="${padL + plotW / 2}" y="${H - 8}" text-anchor="middle">${esc(o.xTitle)}</text>`);
  if (o.yTitle) out.push(`<text class="axis" x="${padL}" y="12" text-anchor="start">${esc(o.yTitle)}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** A 0-1 gauge bar for score-card metrics. */
export function meter(value: number, cls: string, aria: string): string {
  const v = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
  return `<svg class="meter" viewBox="0 0 100 8" role="img" aria-label="${esc(aria)}" preserveAspectRatio="none"><rect class="track" width="100" height="8" rx="4"></rect><rect class="bar ${esc(cls)}" width="${r1(v * 100)}" height="8" rx="4"></rect></svg>`;
}
