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

/**
 * Several input errors found in one pass (a config with three typos): the user
 * fixes them all in one edit instead of one per run. Each is printed on its
 * own line in the usual "file:line:column: message" form.
 */
export class InputErrors extends InputError {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('; '), errors[0]?.file, errors[0]?.line, errors[0]?.column);
    this.name = 'InputErrors';
  }

  override format(): string {
    return this.errors.map((e) => e.format()).join('\n');
  }

  /** Throw when there is anything to report; one error is thrown as itself. */
  static throwIfAny(errors: InputError[]): void {
    if (errors.length === 1) throw errors[0]!;
    if (errors.length) throw new InputErrors(errors);
  }
}

/** Words for the system errors a user can cause and fix (a symlink loop, a read-only folder), instead of a bare code. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'file not found',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EBUSY: 'file is busy',
};

/** "cannot read file (permission denied)" for an errno error; the verb says what was being done. */
export function describeSystemError(e: unknown, verb = 'cannot read file'): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' && verb === 'cannot read file') return 'file not found';
  if (code === 'EISDIR' && verb === 'cannot read file') return 'is a directory';
  const words = code ? SYSTEM_ERRORS[code] : undefined;
  return `${verb} (${words ? `${words}, ${code}` : (code ?? String((e as Error)?.message ?? e))})`;
}

/** An errno error as an InputError naming the file. */
export function systemInputError(e: unknown, file: string, verb?: string): InputError {
  return new InputError(describeSystemError(e, verb), file);
}
