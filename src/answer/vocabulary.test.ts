import { describe, expect, it } from 'vitest';
import { testPost } from '../../test/helpers/posts.ts';
import { missingVocabulary } from './vocabulary.ts';

describe('the posts’ words the vocabulary lacks', () => {
  const posts = [
    testPost('a', '대표가 사임했습니다. 직원들은 교정 작업을 이어갑니다.'),
    testPost('b', '새 직원이 교정을 맡았습니다.'),
  ];

  it('lists the Korean words no line stands for, the words most posts hold first, with a snippet', () => {
    const missing = missingVocabulary(posts, [['사임', 'resign', 'quit'], ['직원', 'employee', 'staff']]);
    expect(missing[0]).toEqual({ word: '교정', posts: 2, snippet: expect.stringContaining('교정') });
    expect(missing.map((entry) => entry.word)).not.toContain('사임');
    expect(missing.map((entry) => entry.word)).not.toContain('직원');
    expect(missing.map((entry) => entry.word)).toContain('대표');
  });

  it('counts a line whose Korean is an inflected form as standing for its stem', () => {
    expect(missingVocabulary(posts, [['사임했습니다', 'resign']]).map((entry) => entry.word)).not.toContain('사임');
  });
});
