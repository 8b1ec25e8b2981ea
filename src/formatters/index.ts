/** Output formats by name. Add a format: write a Formatter, register it here. */
import type { Formatter } from './types.js';
import { json } from './json.js';
import { text } from './text.js';

export const FORMATTERS: Record<string, Formatter> = { text, json };
export type { Formatter, FormatOptions } from './types.js';
