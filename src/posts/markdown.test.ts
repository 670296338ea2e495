import { describe, expect, it } from 'vitest';
import { plainText } from './markdown.ts';

describe('plainText tables', () => {
  it('joins the cells of a pipe-framed table row and drops the separator row', () => {
    expect(plainText('| 모델 | 속도 |\n|---|---|\n| A | 2배 |')).toBe('모델 · 속도\nA · 2배');
  });

  it('leaves pipes in prose and inline code alone', () => {
    expect(plainText('`async || { ... }` 형태의 클로저')).toBe('async || { ... } 형태의 클로저');
  });
});
