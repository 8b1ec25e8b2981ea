/** Output formats by name. Add a format: write a Formatter, register it here. */
import type { Formatter } from './types.js';
import { json } from './json.js';
import { text } from './text.js';
import { sarif } from './sarif.js';
import { github } from './github.js';
import { markdown } from './markdown.js';
import { junit } from './junit.js';
import { html } from './html.js';
import { visibleReport } from '../report/visible.js';

/**
 * Formats people read get a report whose strings cannot drive a terminal or
 * reorder text (control and bidi characters shown as \u202E, long excerpts
 * cut: src/report/visible.ts). JSON and SARIF keep the data exact.
 */
const forPeople = (f: Formatter): Formatter => (report, opts) => f(visibleReport(report), opts);

export const FORMATTERS: Record<string, Formatter> = {
  text: forPeople(text),
  json,
  sarif,
  github: forPeople(github),
  markdown: forPeople(markdown),
  junit: forPeople(junit),
  html: forPeople(html),
};
export type { Formatter, FormatOptions } from './types.js';
