/**
 * A problem the person who ran the command can fix (bad argument, unknown tag, not allowed).
 * Its message is shown to them as is; every other error is logged and hidden behind an apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string) {
    super(message);
  }
}
