/**
 * Words a structure holds but has not filed yet: a restored index files its typo vocabulary and
 * its loanword matcher after it starts serving, a slice at a time ({@link DeferredWords.fileSome}),
 * or all at once before a look-up. Changes meanwhile apply as they come: a waiting word that goes
 * is simply never filed, and one filed by a change is no longer waiting.
 */
export class DeferredWords {
  private readonly waiting = new Set<string>();

  /** `file`: puts one word into the structure. */
  constructor(private readonly file: (word: string) => void) {}

  /** Words to file later, in the order given. */
  defer(words: Iterable<string>): void {
    for (const word of words) this.waiting.add(word);
  }

  /** Takes `word` off the list (a change files or removes it now); true when it was waiting, so the structure never had it. */
  forget(word: string): boolean {
    return this.waiting.delete(word);
  }

  /** Files up to `count` waiting words; true when none is left. */
  fileSome(count: number): boolean {
    for (const word of this.waiting) {
      if (count-- <= 0) break;
      this.waiting.delete(word);
      this.file(word);
    }
    return this.waiting.size === 0;
  }
}
