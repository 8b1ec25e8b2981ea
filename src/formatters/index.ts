/** Output formats by name. Add a format: write a Formatter, register it here. */
import type { Formatter } from './types.js';
import { json } from './json.js';
import { text } from './text.js';
import { sarif } from './sarif.js';
import { github } from './github.js';
import { markdown } from './markdown.js';
import { junit } from './junit.js';
import { html } from './html.js';

export const FORMATTERS: Record<string, Formatter> = { text, json, sarif, github, markdown, junit, html };
export type { Formatter, FormatOptions } from './types.js';
