/** Skipped rows, grouped: the same fault with different values is one reason in the summary. */

/** A skipped row's reason without its particular value: "bad time \"yesterday\"" → "bad time", for grouping. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/\s+in\s+"[^"]*"/g, '')
    .replace(/\s*"[^"]*"$/, '')
    .replace(/"[^"]*"/g, '"…"')
    .trim();
}

