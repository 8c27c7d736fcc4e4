// Expected failures carry their own exit code; anything else is a bug and prints its stack.

/** A mistake in the command line, an option or a config file: one clear line, exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
