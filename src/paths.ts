import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** Package root: src/paths.ts and dist/paths.js both sit one level below it. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILTIN_RULES_DIR = resolve(PACKAGE_ROOT, 'rules', 'builtin');
export const SHARED_LEXICON_DIR = resolve(PACKAGE_ROOT, 'rules', 'shared');
