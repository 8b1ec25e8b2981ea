/** "{excerpt} pings everyone" + { excerpt: "@all" }. Unknown keys stay as written ({{name}} in advice survives). */
export function renderTemplate(template: string, data: Record<string, unknown>): string {
  return template.replace(/(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})/g, (whole, key: string) => (data[key] === undefined ? whole : String(data[key]))).trim();
}
