/**
 * A disk cache of the built-in rule data (rules/builtin, rules/shared) as
 * parsed JSON. Every run reads ~1 MB of YAML before its first message, and
 * yaml's parser spends ~150 ms on it; CI pipelines and editors run the tool
 * once per file, so that fixed cost is most of a small check. JSON.parse of
 * the same data costs a few milliseconds.
 *
 * An entry is used only while its file keeps the size and modification time
 * it had when parsed (an edited rule is parsed again), and only for files of
 * this package. The cache lives in node_modules/.cache (as Babel's and
 * ESLint's do); where that cannot be written the tool parses as before.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { VERSION } from '../version.js';

interface Entry {
  size: number;
  mtimeMs: number;
  data: unknown;
}

const CACHE_FILE = join(PACKAGE_ROOT, 'node_modules', '.cache', 'scrm-audit', `rule-data-${VERSION}.json`);
const RULES_DIR = join(PACKAGE_ROOT, 'rules');

let entries: Record<string, Entry> | undefined;
let dirty = false;

function load(): Record<string, Entry> {
  if (!entries) {
    try {
      entries = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Record<string, Entry>;
      if (!entries || typeof entries !== 'object') entries = {};
    } catch {
      entries = {};
    }
  }
  return entries;
}

function save(): void {
  if (!dirty || !entries) return;
  dirty = false;
  try {
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    // write-then-rename: concurrent runs (a test suite, an editor) never read half a file
    const tmp = `${CACHE_FILE}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries));
    renameSync(tmp, CACHE_FILE);
  } catch {
    // a read-only install: parse every time, as before
  }
}

/**
 * The parsed data of `file`: from the cache when the file is one of this
 * package's rule files and unchanged since it was cached, else `parse(file)`
 * (whose errors propagate untouched).
 */
export function cachedRuleData(file: string, parse: () => unknown): unknown {
  if (!file.startsWith(RULES_DIR)) return parse();
  let st;
  try {
    st = statSync(file);
  } catch {
    return parse();
  }
  const all = load();
  const hit = all[file];
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return structuredClone(hit.data);
  const data = parse();
  // a file changed while it was read is not cached
  const after = statSync(file);
  if (after.size === st.size && after.mtimeMs === st.mtimeMs) {
    // a copy: callers may change what they are handed, the cache must not change with it
    all[file] = { size: st.size, mtimeMs: st.mtimeMs, data: structuredClone(data) };
    if (!dirty) {
      dirty = true;
      process.once('exit', save);
    }
  }
  return data;
}

const fingerprint = (file: string): string | undefined => {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
};

/**
 * Whether `file` is unchanged since an earlier run found its rule valid
 * against `schema` as it is now (the JSON Schema file's size and modification
 * time are part of the record): then the schema need not be compiled and run
 * again — ajv's compile is ~60 ms of a one-file check's ~450.
 */
export function validatedBefore(file: string, schema: string): boolean {
  if (!file.startsWith(RULES_DIR)) return false;
  const hit = load()[file] as (Entry & { valid?: string }) | undefined;
  const now = fingerprint(file);
  return !!hit && !!hit.valid && now === `${hit.size}:${hit.mtimeMs}` && hit.valid === fingerprint(schema);
}

/** Record that `file`, as cached, passed `schema` (see validatedBefore). */
export function recordValidated(file: string, schema: string): void {
  const hit = load()[file] as (Entry & { valid?: string }) | undefined;
  const fp = fingerprint(schema);
  if (!hit || !fp || hit.valid === fp || fingerprint(file) !== `${hit.size}:${hit.mtimeMs}`) return;
  hit.valid = fp;
  if (!dirty) {
    dirty = true;
    process.once('exit', save);
  }
}
