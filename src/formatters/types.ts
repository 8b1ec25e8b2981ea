import type { Report } from '../report/report.js';
import type { Lang } from '../types.js';

export interface FormatOptions {
  lang: Lang;
  color: boolean;
  /** Suppress everything but the gate line and findings (text format). */
  quiet?: boolean;
}

/** A formatter turns a report into the bytes to print. It knows nothing of rules. */
export type Formatter = (report: Report, opts: FormatOptions) => string;
