/** An input the audit cannot run on: exit code 2, one paragraph, no stack trace. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** "file:line:column: message" — the form editors and CI logs link. */
  format(): string {
    let where = this.file ?? '';
    if (where && this.line) where += `:${this.line}`;
    if (where && this.line && this.column) where += `:${this.column}`;
    return where ? `${where}: ${this.message}` : this.message;
  }
}
