/**
 * A pack file read with positions: every error about a pack names the file
 * and the line (and column) of the offending rule or field, which `toJS()`
 * data alone cannot give.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, type Document } from 'yaml';
import { InputError } from '../errors.js';

export type YamlPath = ReadonlyArray<string | number>;

export class PackSource {
  readonly data: unknown;
  private constructor(
    /** The file as the user named it (for messages). */
    readonly file: string,
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {
    this.data = doc.toJS();
  }

  static read(file: string, shown = file): PackSource {
    let src: string;
    try {
      src = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read rule pack (${(e as NodeJS.ErrnoException).code ?? String(e)})`, shown);
    }
    const lc = new LineCounter();
    const doc = parseDocument(src.replace(/^\uFEFF/, ''), { lineCounter: lc, prettyErrors: false });
    const err = doc.errors[0];
    if (err) {
      const p = lc.linePos(err.pos[0]);
      throw new InputError(`invalid YAML: ${err.message.split('\n')[0]}`, shown, p.line, p.col);
    }
    return new PackSource(shown, doc, lc);
  }

  /**
   * Line and column of the deepest node along `path` that exists: the key of
   * a mapping entry, the item of a list. A missing field points at its parent.
   */
  pos(path: YamlPath): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let at = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        at = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? at;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as { range?: [number, number, number] } | undefined;
        if (!item) break;
        at = item.range?.[0] ?? at;
        node = item;
      } else break;
    }
    return this.lc.linePos(at);
  }

  /** An InputError at `path`. */
  error(message: string, path: YamlPath): InputError {
    const p = this.pos(path);
    return new InputError(message, this.file, p.line, p.col);
  }
}
