import { describe, expect, it } from 'vitest';
import { type Answer, evaluateAnswers, formatTable, judge } from './metrics.ts';
import type { AnswerQuestion } from './set.ts';

const answerable: AnswerQuestion = {
  id: 'q1', question: 'How heavy is the python?', lang: 'en', focus: 'number', kind: 'answerable',
  expect: ['python-post', 'python-post-copy'], fact: ['202\\s*pounds', '92\\s*kg'], part: 'dev',
};
const nearMiss: AnswerQuestion = {
  id: 'q2', question: 'What is the Realme P5 battery?', lang: 'ko', focus: 'number', kind: 'near-miss',
  expect: ['realme-p4'], missing: 'the P5', part: 'heldout',
};
const reply = (answered: boolean, text: string, ...ids: string[]): Answer => ({
  answered, text, sources: ids.map((id) => ({ id, url: `https://blog.example/posts/${id}/` })),
});

describe('judging one reply', () => {
  it('counts an answerable question right only with an expected post first and the fact in the text', () => {
    expect(judge(answerable, reply(true, 'It weighs 92 KG.', 'python-post-copy', 'other'))).toBe('right');
    expect(judge(answerable, reply(true, 'It weighs 92 kg.', 'other', 'python-post'))).toBe('wrong-post');
    expect(judge(answerable, reply(true, 'A hunter caught it.', 'python-post'))).toBe('no-fact');
    expect(judge(answerable, reply(false, 'The posts do not answer that.'))).toBe('not-answered');
  });

  it('counts a near-miss honest only when the reply declines, whatever it names', () => {
    expect(judge(nearMiss, reply(false, 'No post gives the P5 battery; closest: P4.', 'realme-p4'))).toBe('honest');
    expect(judge(nearMiss, reply(true, '10,001 mAh', 'realme-p4'))).toBe('answered-near-miss');
  });
});

describe('evaluating a set', () => {
  it('reports answerable and near-miss figures apart, by part, language and focus, with the failure causes', async () => {
    const evaluation = await evaluateAnswers([answerable, nearMiss], (q) =>
      q.kind === 'answerable' ? reply(true, 'caught by a hunter', 'python-post') : reply(false, ''),
    );
    expect(evaluation.overall).toEqual({
      answerable: { count: 1, passed: 0, rate: 0 },
      nearMiss: { count: 1, passed: 1, rate: 1 },
    });
    expect(evaluation.byPart.dev?.nearMiss.rate).toBeNull();
    expect(evaluation.byLang.ko?.nearMiss.passed).toBe(1);
    expect(evaluation.byFocus.number?.answerable.count).toBe(1);
    expect(evaluation.answerableFailures).toEqual({ 'not-answered': 0, 'wrong-post': 0, 'no-fact': 1 });
    expect(formatTable('part', evaluation.byPart)).toContain('| heldout | — | 1.00 (1/1) |');
  });
});
