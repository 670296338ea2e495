/**
 * Checks the model's citations against the sources it was given: an unknown [n] is removed;
 * the sources are the ones cited, renumbered in the order they are first cited, so [1] is the
 * first source listed.
 */

/** The answer with valid citations only, and the 0-based indexes of the sources it cites, in order. */
export function validateCitations(text: string, sourceCount: number): { text: string; cited: number[] } {
  const cited: number[] = [];
  const renumbered = text.replace(/\s*\[(\d{1,3})\]/g, (whole, digits: string) => {
    const n = Number(digits);
    if (n < 1 || n > sourceCount) return '';
    if (!cited.includes(n - 1)) cited.push(n - 1);
    return whole.replace(digits, String(cited.indexOf(n - 1) + 1));
  });
  // [1][1] after renumbering, or a citation left alone before punctuation, reads badly.
  const tidy = renumbered.replace(/(\[\d+\])(\s*\1)+/g, '$1').replace(/[ \t]+\n/g, '\n').trim();
  return { text: tidy, cited };
}
