/**
 * A problem the person who ran the command can fix (bad argument, unknown tag, not allowed).
 * Its message is shown to them as is; every other error is logged and hidden behind an apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** `no_match`: a search found nothing good enough (counted apart in the metrics). */
    readonly reason?: 'no_match',
  ) {
    super(message);
  }
}
