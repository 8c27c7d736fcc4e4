// Expected failures carry their own exit code; anything else is a bug and prints its stack.

/**
 * A mistake in the command line, an option or a config file: one clear line, exit 2. `message` is
 * Vietnamese; `en`, when given, is the same line for `--lang en`.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  readonly en?: string;
  constructor(message: string, en?: string) {
    super(message);
    this.name = 'UsageError';
    this.en = en;
  }

  /** The line in the language asked for (Vietnamese when there is no English). */
  text(lang: 'vi' | 'en'): string {
    return lang === 'en' && this.en ? this.en : this.message;
  }
}

/**
 * An output that cannot be written (the folder is a file, read-only, a system folder, the disk is
 * full): a usage error, since the user chooses where tiendo writes. `code` is the system's (EACCES …).
 */
export class OutputError extends UsageError {
  constructor(
    message: string,
    en: string,
    readonly path: string,
    readonly code?: string,
  ) {
    super(message, en);
    this.name = 'OutputError';
  }
}
