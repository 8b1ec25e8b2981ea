/** Personalisation placeholders: {{name}}, {name}, ${name}. */
const PLACEHOLDER = /\$\{\s*([\p{L}\p{N}_.-]+)\s*\}|\{\{\s*([\p{L}\p{N}_.-]+)\s*\}\}|\{\s*([\p{L}\p{N}_.-]+)\s*\}/gu;

export interface Placeholder {
  name: string;
  start: number;
  end: number;
}

export function findPlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    out.push({ name: (m[1] ?? m[2] ?? m[3])!, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}
