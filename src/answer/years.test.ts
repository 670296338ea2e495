import { describe, expect, it } from 'vitest';
import { analyzeQueryWords } from '../search/analyzer.ts';
import { testPost } from '../../test/helpers/posts.ts';
import { holdsYearNamed, yearNamed } from './years.ts';
import { textTerms } from './terms.ts';

const word = (text: string) => analyzeQueryWords(text)[0]!;

describe('relative years', () => {
  it('names the year counted from the post’s own date (작년 in a post of 2026: 2025)', () => {
    const post = testPost('p', '', { dateIso: '2026-02-08T09:00:00+09:00' });
    expect(yearNamed(word('올해'), post)).toBe(2026);
    expect(yearNamed(word('작년'), post)).toBe(2025);
    expect(yearNamed(word('내년에'), post)).toBe(2027);
    expect(yearNamed(word('커밋'), post)).toBeUndefined();
  });

  it('is held by a text writing that year, not another', () => {
    const post = testPost('p', '', { dateIso: '2026-02-08T09:00:00+09:00' });
    expect(holdsYearNamed(word('올해'), post, textTerms('2026년 말까지 20%를 넘어설 것으로'))).toBe(true);
    expect(holdsYearNamed(word('올해'), post, textTerms('2025년에는 4%였습니다'))).toBe(false);
  });
});
